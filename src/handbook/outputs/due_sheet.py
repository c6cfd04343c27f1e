"""The 待办 (Due) sheet of the marked copy: the register's open items, as ``handbook due`` lists them.

Called once, from ``outputs.annotate.annotate``, when the caller gives the items
(the checker page gives them as of the device's date, ``--annotate`` as of now).
Each item's cell links to its place in the copy, found as the problems' cells are.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from handbook.due import DueList
from handbook.due.record import as_record, safe_cell
from handbook.messages import words

STATE_FILLS = {
    "overdue": PatternFill("solid", fgColor="F8CBAD"),
    "due": PatternFill("solid", fgColor="FFE699"),
}


def due_sheet(book: Workbook, register: Worksheet, place: Any, due: DueList, lang: str) -> None:
    """Add the sheet after the problems: cell, row, what, due, state, role, article."""
    w = words("due", lang)
    title = str(w["sheet"])
    while title in book.sheetnames:
        title += "_"
    sheet = book.create_sheet(title)
    sheet.append([str(w["title"]).format(as_of=due.as_of.strftime("%Y-%m-%d %H:%M"))])
    sheet["A1"].font = Font(bold=True)
    head = list(w["head"])
    sheet.append(head[2:3] + head[1:2] + head[3:])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for item in due.items:
        record = as_record(item, due.as_of, lang)
        where = place(SimpleNamespace(cell=item.cell, row=item.row, field=item.field))
        values = [where or "", item.row or "", record["what"], record["due_text"]]
        values += [record["state_text"], record["role_label"] or "", item.article or ""]
        sheet.append([safe_cell(v) if isinstance(v, str) else v for v in values])
        row = sheet.max_row
        if record["state"] in STATE_FILLS:
            sheet.cell(row, 5).fill = STATE_FILLS[record["state"]]
        if where:
            link = sheet.cell(row, 1)
            link.hyperlink = Hyperlink(
                ref=link.coordinate, location=f"{quote_sheetname(register.title)}!{where}"
            )
            link.font = Font(color="0563C1", underline="single")
    if not due.items:
        sheet.append(["", "", str(w["none"])])
    for index, width in enumerate((10, 8, 80, 18, 16, 14, 14), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
