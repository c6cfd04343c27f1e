"""Blank registers and checklists staff download and fill in: CSV (``csv``) and Excel (``xlsx``).

A new download format is a module here with a ``blank_<fmt>_bytes(form, lang)``
and an entry in ``WRITERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from handbook.blanks.csv import blank_csv_bytes
from handbook.blanks.xlsx import blank_xlsx_bytes
from handbook.model.form import LANGS, Form

#: download format → the bytes of a form's blank in a language.
WRITERS: dict[str, Callable[[Form, str], bytes]] = {
    "csv": blank_csv_bytes,
    "xlsx": blank_xlsx_bytes,
}
DOWNLOAD_FORMATS = tuple(WRITERS)


def download_name(form: Form, fmt: str, lang: str) -> str:
    """The file name of a blank register in the site's ``downloads/`` folder."""
    return f"{form.id}.{lang}.{fmt}"


def write_blank(form: Form, fmt: str, lang: str, path: Path) -> None:
    """Write the blank register of ``form`` in ``fmt`` to ``path``."""
    data = WRITERS[fmt](form, lang)
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
