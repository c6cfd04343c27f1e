"""Write the same register rows through several spreadsheet writers, and read them by every reader.

Used by the reader tests (``test_readers_agree.py``, ``test_readers_hypothesis.py``):
rows are lists of Python cell values (str, int, float, bool, date, datetime, None)
under a header of zh titles; each writer makes the file a program would, and
``verdict`` reads it the way the command (calamine, falling back) or the page
(the pure-Python readers) does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from handbook.blanks.xlsx import blank_xlsx_bytes
from handbook.model.form import Form
from handbook.registers.workbooks import READER_ENV
from handbook.validate import validate_files

#: Reader paths: the command's (calamine, then the fallback), calamine alone, and the
#: pure-Python readers alone (the checker page's: openpyxl, xlrd, the handbook's ODS reader).
READER_PATHS: dict[str, str | None] = {"command": None, "calamine": "calamine", "pure": "pure"}

Rows = list[list[Any]]


@contextmanager
def reader(path_name: str) -> Iterator[None]:
    """Read workbooks by one reader path only while inside."""
    before = os.environ.get(READER_ENV)
    chosen = READER_PATHS[path_name]
    if chosen is None:
        os.environ.pop(READER_ENV, None)
    else:
        os.environ[READER_ENV] = chosen
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(READER_ENV, None)
        else:
            os.environ[READER_ENV] = before


def verdict(path: Path, forms: dict[str, Form], policy: Any, form_id: str | None = None) -> Any:
    """What the validator says of a file: its fatal code, or its problems by place and code."""
    result = validate_files([(path, form_id)], forms, policy)[0]
    if result.fatal is not None:
        return ("fatal", result.fatal.code)
    return sorted(
        (p.row or 0, p.cell or "", p.code, p.severity, p.value or "") for p in result.problems
    )


def as_text(value: Any) -> str:
    """A cell as the same row's CSV holds it (what the spreadsheet shows)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, header: list[str], rows: Rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([[as_text(v) for v in row] for row in rows])
    return path


def write_openpyxl(path: Path, header: list[str], rows: Rows) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def in_blank_layout(form: Form, header: list[str], rows: Rows) -> tuple[list[str], Rows]:
    """The rows under the blank register's header (every input field, in the form's order)."""
    full = [f.title.zh for f in form.input_fields]
    where = {title: header.index(title) for title in full if title in header}
    return full, [[row[where[t]] if t in where else None for t in full] for row in rows]


def write_blank(path: Path, form: Form, header: list[str], rows: Rows) -> Path:
    """The project's own blank register, filled below its header (by column title)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(blank_xlsx_bytes(form, "zh")))
    sheet = book.worksheets[0]
    columns = {cell.value: cell.column for cell in sheet[1] if cell.value}
    for number, row in enumerate(rows, start=2):
        for title, value in zip(header, row, strict=True):
            if value is not None:
                sheet.cell(number, columns[title], value)
    book.save(path)
    return path


def write_odfpy(path: Path, header: list[str], rows: Rows) -> Path:
    """An ODS as odfpy writes it (not LibreOffice): typed cells, one paragraph each."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="登记表")
    for row in [header, *rows]:
        table_row = TableRow()
        for value in row:
            table_row.addElement(_odf_cell(value, TableCell, P))
        table.addElement(table_row)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def _odf_cell(value: Any, cell: Any, paragraph: Any) -> Any:
    if value is None:
        return cell()
    if isinstance(value, bool):
        made = cell(valuetype="boolean", booleanvalue="true" if value else "false")
    elif isinstance(value, (int, float)):
        made = cell(valuetype="float", value=str(value))
    elif isinstance(value, dt.datetime):
        made = cell(valuetype="date", datevalue=value.strftime("%Y-%m-%dT%H:%M:%S"))
    elif isinstance(value, dt.date):
        made = cell(valuetype="date", datevalue=value.isoformat())
    else:
        made = cell(valuetype="string")
    made.addElement(paragraph(text=as_text(value)))
    return made


def pretty_printed(source: Path, target: Path) -> Path:
    """The same ODS with its content.xml indented, as other writers and XML tools leave it."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "content.xml":
                data = re.sub(rb">\s*<", b">\n    <", data)
                # a paragraph's text on a line of its own: white space that ODF collapses
                data = re.sub(rb"(<text:p>)([^<]+)(</text:p>)", rb"\1\n      \2\n    \3", data)
            kind = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            new.writestr(info.filename, data, compress_type=kind)
    return target


def soffice() -> str | None:
    """LibreOffice's command, when it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(source: Path, target_dir: Path, filters: list[str]) -> list[Path]:
    """``soffice --convert-to`` each filter (e.g. ``ods``, ``xls``), with a profile of its own."""
    command = soffice()
    assert command is not None
    profile = (target_dir / "lo-profile").as_uri()
    made = []
    for name in filters:
        out = target_dir / name
        out.mkdir(exist_ok=True)
        subprocess.run(
            [
                command,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                name,
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        made.append(out / f"{source.stem}.{name.split(':')[0]}")
    return made
