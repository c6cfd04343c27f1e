"""The annotated workbook: staff get their own register back with the problems marked.

Every cell with a problem is filled (red for an error, amber for a warning) and
carries a comment with the message; a sheet lists every problem with a link to
its cell. An XLSX register is copied as it is (its dropdowns, validations,
widths and frozen header kept); a CSV, XLS or ODS register is written into its
form's own blank workbook, so it comes back with the blank's dropdowns and
input checks. The input file is only ever read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from handbook.blanks.xlsx import blank_xlsx_bytes
from handbook.messages import words
from handbook.model.form import Form
from handbook.registers.cells import column_letter
from handbook.registers.opening import open_register
from handbook.registers.origin import COPY_SUFFIX, MARK, marked_copy
from handbook.registers.reading import open_source
from handbook.validate.problems import ERROR, Problem
from handbook.validate.results import FileResult

FILLS = {
    "error": PatternFill("solid", fgColor="F8CBAD"),  # red, light enough to read the value
    "warning": PatternFill("solid", fgColor="FFE699"),  # amber
}
AUTHOR = "handbook"


@dataclass
class _Place:
    """Where a problem's cell is in the annotated copy."""

    sheet: Worksheet
    cell: str | None


def annotate(
    result: FileResult, form: Form, out: Path, lang: str, article_urls: dict[str, str]
) -> Path:
    """Write the annotated copy of the register ``result`` was made from to ``out``."""
    source = Path(result.file)
    kind = open_source(source).kind
    if kind == "xlsx":
        book, sheet, place = _copy_of_workbook(source, form)
    else:
        book, sheet, place = _into_blank(source, form, lang)
    w = words("annotate", lang)
    marks: dict[str, list[Problem]] = {}
    for problem in result.problems:
        cell = place(problem)
        if cell is not None:
            marks.setdefault(cell, []).append(problem)
    for cell, problems in marks.items():
        target = sheet[cell]
        worst = ERROR if any(p.severity == ERROR for p in problems) else "warning"
        target.fill = FILLS[worst]
        text = "\n".join(f"{w[p.severity]}: {p.message(lang)}" for p in problems)
        target.comment = Comment(text, AUTHOR, width=320, height=40 + 40 * len(problems))
    title = _problems_sheet(book, sheet, result, place, lang, article_urls)
    # the mark that tells a marked copy when it is checked again (registers.origin)
    if MARK in book.custom_doc_props.names:
        del book.custom_doc_props[MARK]
    book.custom_doc_props.append(StringProperty(name=MARK, value=title))
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    book.save(buffer)
    out.write_bytes(buffer.getvalue())
    return out


def _copy_of_workbook(source: Path, form: Form) -> tuple[Workbook, Worksheet, Any]:
    """The register's own workbook: cells keep their letters and rows (an earlier copy's marks go)."""
    book = load_workbook(source)
    name = open_register(source, {form.id: form}, form.id).source.sheet
    sheet = book[name] if name in book.sheetnames else book.worksheets[0]
    _unmark(book, sheet, marked_copy(source, "xlsx"))

    def place(problem: Problem) -> str | None:
        return problem.cell

    return book, sheet, place


def _unmark(book: Workbook, sheet: Worksheet, problems_sheet: str | None) -> None:
    """A marked copy checked again: its old problems sheet, comments and fills go."""
    if problems_sheet is None:
        return
    if problems_sheet in book.sheetnames and book[problems_sheet] is not sheet:
        del book[problems_sheet]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.comment is not None and cell.comment.author == AUTHOR:
                cell.comment = None
                cell.fill = PatternFill()


def _into_blank(source: Path, form: Form, lang: str) -> tuple[Workbook, Worksheet, Any]:
    """A CSV, XLS or ODS register written into its form's blank workbook, column by field."""
    book = load_workbook(io.BytesIO(blank_xlsx_bytes(form, lang)))
    sheet = book.worksheets[0]
    register = open_register(source, {form.id: form}, form.id)
    position = {f.name: i for i, f in enumerate(form.input_fields)}
    columns = [
        (pos, position[name]) for pos, name in register.header.columns.items() if name in position
    ]
    offset = register.header.row - 1  # the blank's header is row 1
    for number, cells in enumerate(register.data, start=register.header.row + 1):
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        for pos, target in columns:
            if pos < len(cells) and cells[pos] is not None:
                sheet.cell(number - offset, target + 1, cells[pos])

    def place(problem: Problem) -> str | None:
        if problem.row is None or problem.field not in position:
            return None
        return f"{column_letter(position[problem.field])}{problem.row - offset}"

    return book, sheet, place


def _problems_sheet(
    book: Workbook,
    register: Worksheet,
    result: FileResult,
    place: Any,
    lang: str,
    article_urls: dict[str, str],
) -> str:
    """A sheet listing every problem, errors first, each linking to its cell; its title."""
    w = words("annotate", lang)
    title = w["sheet"]
    while title in book.sheetnames:
        title += "_"
    sheet = book.create_sheet(title, 0)
    sheet.append(list(w["head"]))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    ordered = sorted(result.problems, key=lambda p: (p.severity != ERROR, p.row or 0))
    for problem in ordered:
        where = place(problem)
        sheet.append(
            [
                where or "",
                problem.row or "",
                problem.column or "",
                w[problem.severity],
                problem.message(lang),
                problem.article or "",
            ]
        )
        row = sheet.max_row
        sheet.cell(row, 4).fill = FILLS[problem.severity]
        if where:
            link = sheet.cell(row, 1)
            # a link inside the workbook (a location, not a file or web address)
            link.hyperlink = Hyperlink(
                ref=link.coordinate, location=f"{quote_sheetname(register.title)}!{where}"
            )
            link.font = Font(color="0563C1", underline="single")
        url = article_urls.get(problem.article or "")
        if url and url.startswith(("http://", "https://")):
            sheet.cell(row, 6).hyperlink = url
    if not ordered:
        sheet.append(["", "", "", "", w["none"], ""])
    for index, width in enumerate((10, 8, 18, 8, 80, 14), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    book.active = 0
    return title


def annotated_name(source: Path) -> str:
    """The file name of a register's annotated copy in a folder."""
    return f"{source.stem}{COPY_SUFFIX}.xlsx"
