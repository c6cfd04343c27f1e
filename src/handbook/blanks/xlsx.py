"""Blank registers as Excel workbooks with input checks staff see while typing.

A frozen, styled header row; column widths that fit; a dropdown of labels for
every choice field; date, time, number and length validation, each with an
input message and an error alert in the workbook's language; an instructions
sheet. The workbook holds no formula built from data (nothing is written from
data at all; validation formulas are constants), and every text is a text cell
(``formulas``): a title or label starting with = never becomes a formula.
"""

from __future__ import annotations

import io
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from handbook.blanks.csv import CHECKLIST_HEADER, checklist_rows
from handbook.blanks.formulas import set_text, write_row
from handbook.messages import sections
from handbook.model.describe import field_rules
from handbook.model.form import Field, Form

#: Rows of the register sheet that carry input checks (row 1 is the header).
FIRST_ROW, LAST_ROW = 2, 2001

_W = sections("workbook")


def _width(text: str) -> float:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _validation(field: Field, lang: str, list_ref: str | None) -> DataValidation | None:
    w = _W[lang]
    c = field.constraints
    lo, hi = c.get("minimum"), c.get("maximum")
    span = w["range"].format(lo=lo, hi=hi) if lo is not None and hi is not None else ""
    if list_ref is not None:
        dv = DataValidation(type="list", formula1=list_ref, allow_blank=True)
        prompt, error = w["choose"], w["bad_choice"]
    elif field.type == "date":
        dv = DataValidation(
            type="date",
            operator="between",
            formula1="DATE(1990,1,1)",
            formula2="DATE(2100,12,31)",
            allow_blank=True,
        )
        prompt, error = w["date"], w["bad_date"]
    elif field.type == "datetime":
        # Excel stores date-times as day numbers; 32874 = 1990-01-01, 73051 = 2100-01-01.
        dv = DataValidation(
            type="decimal", operator="between", formula1="32874", formula2="73051", allow_blank=True
        )
        prompt, error = w["datetime"], w["bad_datetime"]
    elif field.type == "integer":
        dv = DataValidation(
            type="whole",
            operator="between",
            formula1=str(lo if lo is not None else -999999999),
            formula2=str(hi if hi is not None else 999999999),
            allow_blank=True,
        )
        prompt, error = w["whole"].format(range=span), w["bad_whole"].format(range=span)
    elif field.type == "number":
        dv = DataValidation(
            type="decimal",
            operator="between",
            formula1=str(lo if lo is not None else -1e12),
            formula2=str(hi if hi is not None else 1e12),
            allow_blank=True,
        )
        prompt, error = w["decimal"].format(range=span), w["bad_decimal"].format(range=span)
    elif "maxLength" in c:
        n = c["maxLength"]
        dv = DataValidation(
            type="textLength", operator="lessThanOrEqual", formula1=str(n), allow_blank=True
        )
        prompt, error = w["length"].format(n=n), w["bad_length"].format(n=n)
    else:
        return None
    dv.showInputMessage = True
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    dv.promptTitle = field.title.get(lang)[:32]
    dv.prompt = prompt[:255]
    dv.errorTitle = field.title.get(lang)[:32]
    dv.error = error[:255]
    return dv


def blank_workbook(form: Form, lang: str) -> Workbook:
    """The blank register of ``form`` as a workbook in ``lang`` (``zh`` or ``en``)."""
    lang = "en" if lang == "en" else "zh"
    w = _W[lang]
    book = Workbook()
    sheet = book.active
    sheet.title = w["sheet"]
    lists = book.create_sheet(w["lists"])
    lists.sheet_state = "hidden"
    fields = form.input_fields
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="305496")
    list_column = 0
    for index, field in enumerate(fields, start=1):
        letter = get_column_letter(index)
        cell = set_text(sheet.cell(row=1, column=index), field.title.get(lang))
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        width = max(_width(field.title.get(lang)), 10)
        list_ref = None
        labels = [item.label.get(lang) for item in field.enum]
        if field.type == "boolean":
            labels = list(w["yesno"])
        if labels:
            list_column += 1
            list_letter = get_column_letter(list_column)
            set_text(lists.cell(row=1, column=list_column), field.name)
            for row, label in enumerate(labels, start=2):
                set_text(lists.cell(row=row, column=list_column), label)
            list_ref = (
                f"{quote_sheetname(lists.title)}!${list_letter}$2:${list_letter}${len(labels) + 1}"
            )
            width = max(width, max(_width(label) for label in labels) + 2)
        if field.type == "date":
            width = max(width, 12)
        elif field.type == "datetime":
            width = max(width, 17)
        elif field.constraints.get("maxLength", 0) >= 200:
            width = max(width, 40)
        sheet.column_dimensions[letter].width = min(width + 2, 60)
        # A column style (not 2000 cell styles): text columns stay text, so Excel
        # never turns a phone number into 1.38E+10; date columns show 2026-03-05.
        fmt = {
            "date": "yyyy-mm-dd",
            "datetime": "yyyy-mm-dd hh:mm",
            "integer": "General",
            "number": "General",
            "boolean": "General",
        }.get(field.type, "@")
        sheet.column_dimensions[letter].number_format = fmt
        dv = _validation(field, lang, list_ref)
        if dv is not None:
            dv.add(f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}")
            sheet.add_data_validation(dv)
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 30
    _instructions(book.create_sheet(w["help"]), form, lang)
    book.active = 0
    return book


def _instructions(sheet: Worksheet, form: Form, lang: str) -> None:
    w = _W[lang]
    set_text(sheet.cell(row=1, column=1), form.title.get(lang)).font = Font(bold=True, size=14)
    row = 2
    if form.description:
        set_text(sheet.cell(row=row, column=1), form.description.get(lang))
        row += 1
    for line in w["intro"]:
        set_text(sheet.cell(row=row, column=1), line.format(clauses=", ".join(form.clauses) or "—"))
        row += 1
    row += 1
    for col, head in enumerate((w["column"], w["key"], w["required"], w["rules"]), start=1):
        set_text(sheet.cell(row=row, column=col), head).font = Font(bold=True)
    for field in form.input_fields:
        row += 1
        write_row(
            sheet, row, [field.title.get(lang), field.name, w["yes"] if field.required else ""]
        )
        rules = set_text(sheet.cell(row=row, column=4), field_rules(field, lang))
        rules.alignment = Alignment(wrap_text=True)
    for letter, width in (("A", 24), ("B", 22), ("C", 8), ("D", 90)):
        sheet.column_dimensions[letter].width = width


def checklist_workbook(form: Form, lang: str) -> Workbook:
    """A checklist as a sheet: one item per row, a yes/no dropdown to tick, remarks."""

    lang = "en" if lang == "en" else "zh"
    w = _W[lang]
    book = Workbook()
    sheet = book.active
    sheet.title = form.title.get(lang)[:31]
    write_row(sheet, 1, list(CHECKLIST_HEADER[lang]["head"]))
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="305496")
    for number, row in enumerate(checklist_rows(form, lang), start=2):
        write_row(sheet, number, row)
    last = len(form.checklist) + 1
    yes, no = w["yesno"]
    dv = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True)
    dv.showErrorMessage = dv.showInputMessage = True
    dv.prompt, dv.error = w["choose"], w["bad_choice"]
    dv.add(f"D2:D{last}")
    sheet.add_data_validation(dv)
    for letter, width in (("A", 6), ("B", 60), ("C", 16), ("D", 14), ("E", 30)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2, max_col=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    return book


def blank_xlsx_bytes(form: Form, lang: str) -> bytes:
    """The blank workbook (a register, or a checklist's items) as bytes."""
    buffer = io.BytesIO()
    book = (
        checklist_workbook(form, lang) if form.kind == "checklist" else blank_workbook(form, lang)
    )
    book.save(buffer)
    return buffer.getvalue()
