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
import os
import tempfile
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

from handbook.blanks.formulas import ooxml_text, set_text, write_row
from handbook.blanks.xlsx import blank_xlsx_bytes
from handbook.errors import InputFileError
from handbook.messages import words
from handbook.model.form import Form
from handbook.registers.cells import column_letter
from handbook.registers.limits import MAX_MARKED_CELLS, marked_copy_fits, unpacked_size
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
#: Excel keeps at most this many characters in a cell or a comment.
EXCEL_TEXT_LIMIT = 32767


@dataclass
class _Place:
    """Where a problem's cell is in the annotated copy."""

    sheet: Worksheet
    cell: str | None


def annotate(
    result: FileResult,
    form: Form,
    out: Path,
    lang: str,
    article_urls: dict[str, str],
    due: Any = None,
) -> Path:
    """Write the annotated copy of the register ``result`` was made from to ``out``.

    ``due`` (a ``handbook.due.DueList``), when given, adds the 待办 sheet (``due_sheet``).
    """
    source = Path(result.file)
    columns = len(form.input_fields)
    kind = open_source(source).kind
    unpacked = unpacked_size(source) if kind == "xlsx" else 0
    if not marked_copy_fits(result.rows, columns, unpacked):
        raise InputFileError(
            "annotate-too-large",
            file=result.file,
            rows=f"{result.rows:,}",
            limit=f"{MAX_MARKED_CELLS // max(columns, 1):,}",
        )
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
        _mark(sheet[cell], problems, w, lang)
    title = _problems_sheet(book, sheet, result, place, lang, article_urls)
    if due is not None:
        from handbook.outputs.due_sheet import due_sheet

        due_sheet(book, sheet, place, due, lang)
    # the mark that tells a marked copy when it is checked again (registers.origin)
    if MARK in book.custom_doc_props.names:
        del book.custom_doc_props[MARK]
    book.custom_doc_props.append(StringProperty(name=MARK, value=title))
    buffer = io.BytesIO()
    book.save(buffer)
    write_replacing(out, buffer.getvalue())
    return out


def _mark(target: Any, problems: list[Problem], w: dict[str, Any], lang: str) -> None:
    """Fill a cell by its worst problem and comment it with every message."""
    worst = ERROR if any(p.severity == ERROR for p in problems) else "warning"
    target.fill = FILLS[worst]
    text = "\n".join(f"{w[p.severity]}: {p.message(lang)}" for p in problems)
    text = ooxml_text(text)[:EXCEL_TEXT_LIMIT]
    target.comment = Comment(text, AUTHOR, width=320, height=40 + 40 * min(len(problems), 20))


def write_replacing(out: Path, data: bytes) -> None:
    """Write ``data`` to a new file beside ``out`` and rename it into place.

    A link at ``out`` is replaced, never written through, and a failed write leaves
    whatever was at ``out`` as it was. InputFileError names ``out`` and the reason.
    """
    tmp = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".annotated-", suffix=".tmp", dir=out.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(tmp, out)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise InputFileError(
            "annotate-unwritable", out=str(out), reason=exc.strerror or type(exc).__name__
        ) from None


def _copy_of_workbook(source: Path, form: Form) -> tuple[Workbook, Worksheet, Any]:
    """The register's own workbook: cells keep their letters and rows."""
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
    # and its 待办 / Due sheet, made anew as of today
    due_titles = {str(words("due", lang)["sheet"]) for lang in ("zh", "en")}
    for name in list(book.sheetnames):
        if name.rstrip("_") in due_titles and book[name] is not sheet:
            del book[name]
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
                set_text(sheet.cell(number - offset, target + 1), cells[pos])

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
    write_row(sheet, 1, list(w["head"]))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    ordered = sorted(result.problems, key=lambda p: (p.severity != ERROR, p.row or 0))
    # rows are counted here: openpyxl's max_row scans every cell (2 000 problems took 100 s)
    for row, problem in enumerate(ordered, start=2):
        where = place(problem)
        write_row(
            sheet,
            row,
            [
                where or "",
                problem.row or "",
                problem.column or "",
                w[problem.severity],
                problem.message(lang)[:EXCEL_TEXT_LIMIT],
                problem.article or "",
            ],
        )
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
        write_row(sheet, 2, ["", "", "", "", w["none"], ""])
    for index, width in enumerate((10, 8, 18, 8, 80, 14), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    book.active = 0
    return title


def annotated_name(source: Path) -> str:
    """The file name of a register's annotated copy in a folder."""
    return f"{source.stem}{COPY_SUFFIX}.xlsx"
