"""Rows filled in on a form's page, written into the register's own blank (or below a person's rows).

The page keeps each row as the browser's inputs give it: text as typed, a
choice by its value, yes/no as ``yes``/``no``, a date as ``2026-03-05``, a
date-time as ``2026-03-05T16:00``. Here those become cells of the blank
workbook that ``blank_workbook`` draws (the same header, dropdowns and input
checks as the download): dates as dates, numbers as numbers, choices and
yes/no as the labels of the dropdowns. Text that starts like a formula
(= + - @) is written as text, so Excel never runs it.

A checklist's records are written in its own blank layout, one sheet per record:
each item ticked 是/否 with its remark, and under the items who checked where and when.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from handbook.blanks.csv import CHECKLIST_HEADER, header
from handbook.blanks.xlsx import blank_workbook, checklist_workbook
from handbook.messages import sections
from handbook.model.form import Field, Form
from handbook.registers.cells import parse_date, parse_datetime

Row = Mapping[str, Any]

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@")

_W = sections("workbook")
_F = sections("fill-record")


def _yesno(lang: str) -> tuple[str, str]:
    yes, no = _W["en" if lang == "en" else "zh"]["yesno"]
    return yes, no


def _number(text: str, integer: bool) -> int | float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    if integer:
        return int(number) if number.is_integer() else None
    return int(number) if number.is_integer() and "." not in text else number


def text_value(field: Field, raw: Any, lang: str) -> str:
    """A value from the page as a person would type it into the register (CSV)."""
    text = "" if raw is None else str(raw).strip()
    if not text:
        return ""
    if field.type == "boolean":
        yes, no = _yesno(lang)
        return {"yes": yes, "no": no}.get(text, text)
    if field.type == "datetime":
        return text.replace("T", " ", 1)
    if field.type == "string":
        for item in field.enum:
            if item.value == text:
                return item.label.get(lang)
    return text


def cell_value(field: Field, raw: Any, lang: str) -> Any:
    """A value from the page as a typed cell: date, date-time, number, or text (a label for a choice)."""
    text = text_value(field, raw, lang)
    if not text:
        return None
    typed: Any = None
    if field.type == "date":
        typed = parse_date(text)
    elif field.type == "datetime":
        typed = parse_datetime(text)
        if isinstance(typed, dt.datetime) and typed.tzinfo is not None:
            typed = typed.replace(tzinfo=None)
    elif field.type in ("integer", "number"):
        typed = _number(text, field.type == "integer")
    return text if typed is None else typed


def put(cell: Cell, value: Any) -> None:
    """Write ``value``; text that starts like a formula stays text (shown with Excel's quote prefix)."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


def write_rows(
    sheet: Worksheet, columns: Mapping[int, Field], first_row: int, rows: Iterable[Row], lang: str
) -> int:
    """Write ``rows`` from ``first_row`` down; ``columns``: 1-based column → field. The rows written."""
    written = 0
    for offset, row in enumerate(rows):
        for column, field in columns.items():
            value = cell_value(field, row.get(field.name), lang)
            if value is not None:
                put(sheet.cell(row=first_row + offset, column=column), value)
        written += 1
    return written


def register_workbook(form: Form, lang: str, rows: Sequence[Row]) -> Workbook:
    """The register's blank workbook (``blank_workbook``) with ``rows`` from row 2."""
    book = blank_workbook(form, lang)
    columns = dict(enumerate(form.input_fields, start=1))
    write_rows(book.worksheets[0], columns, 2, rows, lang)
    return book


def register_csv(form: Form, lang: str, rows: Sequence[Row]) -> bytes:
    """The blank CSV (UTF-8 with a BOM, the header in ``lang``) with ``rows`` below the header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(form, lang))
    for row in rows:
        writer.writerow([text_value(f, row.get(f.name), lang) for f in form.input_fields])
    return buffer.getvalue().encode("utf-8-sig")


def last_filled_row(sheet: Worksheet) -> int:
    """The last row of ``sheet`` with a value (0 for an empty sheet); styled empty rows do not count."""
    last = 0
    for row in sheet.iter_rows():
        if any(c.value is not None and str(c.value).strip() for c in row):
            last = row[0].row
    return last


def save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---- checklists ----------------------------------------------------------------------------

#: What a checklist record holds besides its form's own fields: where, when, who (role).
RECORD_KEYS = ("place", "date", "role")


def record_labels(form: Form, lang: str) -> list[tuple[str, str]]:
    """``(key, label)`` of a checklist record's heading values: place, date, role, then the form's fields."""
    words = _F["en" if lang == "en" else "zh"]
    return [(key, words[key]) for key in RECORD_KEYS] + [
        (f.name, f.title.get(lang)) for f in form.input_fields
    ]


def _record_value(form: Form, key: str, raw: Any, lang: str) -> str:
    field = form.field(key)
    return text_value(field, raw, lang) if field is not None else str(raw or "").strip()


def _ticked(raw: Any, lang: str) -> str:
    yes, no = _yesno(lang)
    return {"yes": yes, "no": no}.get(str(raw or ""), "")


def _fill_checklist_sheet(sheet: Worksheet, form: Form, record: Row, lang: str) -> None:
    for number, item in enumerate(form.checklist, start=2):
        put(sheet.cell(row=number, column=4), _ticked(record.get(f"done:{item.id}"), lang) or None)
        note = str(record.get(f"note:{item.id}") or "").strip()
        if note:
            put(sheet.cell(row=number, column=5), note)
    row = len(form.checklist) + 3
    for key, label in record_labels(form, lang):
        sheet.cell(row=row, column=2, value=label)
        value = _record_value(form, key, record.get(key), lang)
        if value:
            put(sheet.cell(row=row, column=3), value)
        row += 1


def _sheet_title(number: int, record: Row) -> str:
    date = str(record.get("date") or "").strip()
    title = f"{number} {date}".strip()
    return "".join(c for c in title if c not in "[]:*?/\\")[:31]


def checklist_records_workbook(form: Form, lang: str, records: Sequence[Row]) -> Workbook:
    """The checklist's blank (``checklist_workbook``), one sheet per record, ticked and signed off."""
    book = checklist_workbook(form, lang)
    blank = book.worksheets[0]
    sheets = [blank] + [book.copy_worksheet(blank) for _ in records[1:]]
    for sheet in sheets[1:]:
        # copy_worksheet copies cells and styles, not the tick column's dropdown
        for validation in blank.data_validations.dataValidation:
            sheet.add_data_validation(copy.copy(validation))
    for number, (sheet, record) in enumerate(zip(sheets, records, strict=False), start=1):
        _fill_checklist_sheet(sheet, form, record, lang)
        sheet.title = _sheet_title(number, record) or sheet.title
    return book


def checklist_csv(form: Form, lang: str, records: Sequence[Row]) -> bytes:
    """One row per item of each record: the record's heading values, then the item as in the blank."""
    lang = "en" if lang == "en" else "zh"
    labels = record_labels(form, lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([label for _, label in labels] + list(CHECKLIST_HEADER[lang]["head"]))
    for record in records:
        heading = [_record_value(form, key, record.get(key), lang) for key, _ in labels]
        for number, item in enumerate(form.checklist, start=1):
            writer.writerow(
                [
                    *heading,
                    str(number),
                    item.text.get(lang),
                    ", ".join(item.clauses),
                    _ticked(record.get(f"done:{item.id}"), lang),
                    str(record.get(f"note:{item.id}") or "").strip(),
                ]
            )
    return buffer.getvalue().encode("utf-8-sig")
