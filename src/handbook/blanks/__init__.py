"""Blank registers and checklists staff download and fill in: CSV (``csv``) and Excel (``xlsx``).

A new download format is a module here, ``handbook/blanks/<fmt>.py`` with a
``blank_<fmt>_bytes(form, lang)``, and an entry in ``WRITERS``: the command's
``--format``, the site's downloads and every download link read that list.
The writer modules are imported when a blank is written (openpyxl is slow to
import and most commands never write a workbook).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from handbook.model.form import LANGS, Form

#: Every download format, in the order the pages list them; each is a module of this package.
WRITERS: list[str] = ["csv", "xlsx"]
DOWNLOAD_FORMATS = WRITERS


def writer(fmt: str) -> Callable[[Form, str], bytes]:
    """The function that writes the bytes of a form's blank in ``fmt``."""
    if fmt not in WRITERS:
        raise KeyError(fmt)
    module = import_module(f"handbook.blanks.{fmt}")
    function: Callable[[Form, str], bytes] = getattr(module, f"blank_{fmt}_bytes")
    return function


def download_name(form: Form, fmt: str, lang: str) -> str:
    """The file name of a blank register in the site's ``downloads/`` folder."""
    return f"{form.id}.{lang}.{fmt}"


def write_blank(form: Form, fmt: str, lang: str, path: Path) -> None:
    """Write the blank register of ``form`` in ``fmt`` to ``path``."""
    data = writer(fmt)(form, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_downloads(
    forms: dict[str, Form], folder: Path, langs: tuple[str, ...] = LANGS
) -> list[Path]:
    """Write every form's blank (registers and checklists) in every format and in ``langs`` into ``folder``."""
    written = []
    for form in forms.values():
        for fmt in DOWNLOAD_FORMATS:
            for lang in langs:
                path = folder / download_name(form, fmt, lang)
                write_blank(form, fmt, lang, path)
                written.append(path)
    return written
