"""Blank registers staff download and fill in: CSV here, XLSX in ``xlsx``.

A checklist's blank is its items, one per row, with a column to tick and one
for remarks, for staff who keep checklists in Excel rather than on paper.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from handbook.messages import sections
from handbook.model.form import LANGS, Form


def header(form: Form, lang: str) -> list[str]:
    """The header row of a blank register: each input field's title in ``lang``."""
    return [f.title.get(lang) for f in form.input_fields]


CHECKLIST_HEADER = sections("checklist")


def checklist_rows(form: Form, lang: str) -> list[list[str]]:
    """A checklist's items as rows: number, text, articles, and empty cells to fill."""
    return [
        [str(n), item.text.get(lang), ", ".join(item.clauses), "", ""]
        for n, item in enumerate(form.checklist, start=1)
    ]


def blank_csv_bytes(form: Form, lang: str) -> bytes:
    """A blank CSV: UTF-8 with BOM (so Excel on Windows shows Chinese) and one header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if form.kind == "checklist":
        writer.writerow(CHECKLIST_HEADER["en" if lang == "en" else "zh"]["head"])
        writer.writerows(checklist_rows(form, lang))
    else:
        writer.writerow(header(form, lang))
    return buffer.getvalue().encode("utf-8-sig")


def write_blank(form: Form, fmt: str, lang: str, path: Path) -> None:
    """Write the blank register of ``form`` in ``fmt`` to ``path``."""
    if fmt == "csv":
        data = blank_csv_bytes(form, lang)
    else:
        from handbook.blanks.xlsx import blank_xlsx_bytes

        data = blank_xlsx_bytes(form, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


DOWNLOAD_FORMATS = ("csv", "xlsx")


def write_downloads(
    forms: dict[str, Form], folder: Path, langs: tuple[str, ...] = LANGS
) -> list[Path]:
    """Write every form's blank (registers and checklists) in every format and in ``langs`` into ``folder``."""
    from handbook.site.pages import download_name

    written = []
    for form in forms.values():
        for fmt in DOWNLOAD_FORMATS:
            for lang in langs:
                path = folder / download_name(form, fmt, lang)
                write_blank(form, fmt, lang, path)
                written.append(path)
    return written
