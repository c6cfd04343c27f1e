"""Blank registers as CSV: UTF-8 with a BOM and one header row; a checklist's items one per row.

A checklist's blank is its items, one per row, with a column to tick and one
for remarks, for staff who keep checklists in Excel rather than on paper.
"""

from __future__ import annotations

import csv
import io

from handbook.blanks.formulas import csv_row
from handbook.messages import sections
from handbook.model.form import Form


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
        writer.writerow(csv_row(list(CHECKLIST_HEADER["en" if lang == "en" else "zh"]["head"])))
        writer.writerows(csv_row(row) for row in checklist_rows(form, lang))
    else:
        writer.writerow(csv_row(header(form, lang)))
    return buffer.getvalue().encode("utf-8-sig")
