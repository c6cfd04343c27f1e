"""Blank registers staff download and fill in: CSV for now (XLSX in ``xlsx``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from handbook.model import LANGS, Form


def header(form: Form, lang: str) -> list[str]:
    """The header row of a blank register: each input field's title in ``lang``."""
    return [f.title.get(lang) for f in form.input_fields]


def blank_csv_bytes(form: Form, lang: str) -> bytes:
    """A blank CSV: UTF-8 with BOM (so Excel on Windows shows Chinese) and one header row."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(header(form, lang))
    return buffer.getvalue().encode("utf-8-sig")


def write_blank(form: Form, fmt: str, lang: str, path: Path) -> None:
    """Write the blank register of ``form`` in ``fmt`` to ``path``."""
    if fmt == "csv":
        data = blank_csv_bytes(form, lang)
    else:
        from handbook.xlsx import blank_xlsx_bytes

        data = blank_xlsx_bytes(form, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


DOWNLOAD_FORMATS = ("csv", "xlsx")


def write_downloads(
    forms: dict[str, Form], folder: Path, langs: tuple[str, ...] = LANGS
) -> list[Path]:
    """Write every register's blank in every download format and in ``langs`` into ``folder``."""
    from handbook.pages import download_name

    written = []
    for form in forms.values():
        if form.kind != "register":
            continue
        for fmt in DOWNLOAD_FORMATS:
            for lang in langs:
                path = folder / download_name(form, fmt, lang)
                write_blank(form, fmt, lang, path)
                written.append(path)
    return written
