"""Workbooks (XLSX, XLS, ODS) as rows of cells, behind one reader interface.

python-calamine (Rust) reads all three formats about ten times faster than the
pure-Python readers, so it is tried first; when it cannot run (the checker page
runs this package in the browser) or fails on a file (a writer it does not
expect), the fallback named in ``formats.FILE_TYPES`` reads the file: openpyxl
for XLSX, xlrd for legacy XLS, ``ods`` for ODS. All give the same cells: native
dates and numbers, ``None`` for an empty cell.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from handbook.errors import InputFileError
from handbook.registers.formats import file_type
from handbook.registers.ods import ods_rows, ods_sheet_names

#: Workbook kinds by what the file starts with and holds.
WORKBOOK_KINDS = ("xlsx", "xls", "ods")

#: ``HANDBOOK_WORKBOOK_READER=pure`` (or ``openpyxl``) reads with the fallbacks only, as the
#: browser does; ``calamine`` never falls back (the differential tests compare the two).
READER_ENV = "HANDBOOK_WORKBOOK_READER"


def calamine_available() -> bool:
    """Whether the fast reader can be used here."""
    if os.environ.get(READER_ENV) in ("openpyxl", "pure"):
        return False
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


class _CalamineFailed(Exception):
    """The fast reader could not read this file; the fallback is tried."""


def workbook_rows(path: Path, kind: str, sheet: str | None) -> Iterator[list[Any]]:
    """Every row of the chosen sheet (default: the first) of a workbook of ``kind``."""
    if calamine_available():
        try:
            return _calamine_rows(path, sheet)
        except _CalamineFailed:
            if os.environ.get(READER_ENV) == "calamine":
                raise InputFileError("workbook-damaged", file=str(path)) from None
    return _fallback_rows(path, kind, sheet)


def sheet_names(path: Path, kind: str) -> list[str]:
    """The names of the workbook's sheets, in order."""
    if calamine_available():
        try:
            from python_calamine import CalamineWorkbook

            return list(CalamineWorkbook.from_path(str(path)).sheet_names)
        except Exception:  # noqa: BLE001 - any failure of the fast reader: ask the fallback
            pass
    fallback = file_type(kind).fallback
    if fallback == "ods":
        return ods_sheet_names(path)
    if fallback == "xlrd":
        return list(_xlrd_book(path).sheet_names())
    workbook = _openpyxl_book(path)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _fallback_rows(path: Path, kind: str, sheet: str | None) -> Iterator[list[Any]]:
    fallback = file_type(kind).fallback
    if fallback == "ods":
        return ods_rows(path, sheet)
    if fallback == "xlrd":
        return _xlrd_rows(path, sheet)
    return _openpyxl_rows(path, sheet)


def _calamine_rows(path: Path, sheet: str | None) -> Iterator[list[Any]]:
    """The sheet, loaded now (so a failure is known before the first row): rows after."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
    except Exception:  # noqa: BLE001 - calamine raises its own types for a file it cannot read
        raise _CalamineFailed from None
    _check_sheet(path, sheet, names)
    try:
        worksheet = workbook.get_sheet_by_name(sheet) if sheet else workbook.get_sheet_by_index(0)
        rows = worksheet.iter_rows()
        start = worksheet.start
    except Exception:  # noqa: BLE001 - a sheet part calamine cannot read
        raise _CalamineFailed from None
    # calamine starts each row at the sheet's first used column: empty columns before it
    # are put back, so B7 stays B7
    left = [None] * (start[1] if start else 0)
    # calamine gives "" for an empty cell and a float for every number; an integral
    # float reads as the integer the spreadsheet shows (cells.display), so only "" is mapped
    return (left + [None if v == "" else v for v in row] for row in rows)


def _check_sheet(path: Path, sheet: str | None, names: list[str]) -> None:
    if sheet is not None and sheet not in names:
        raise InputFileError("no-such-sheet", file=str(path), sheet=sheet, sheets=", ".join(names))
    if not names:
        raise InputFileError("empty-file", file=str(path))


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _openpyxl_book(path: Path) -> Any:
    import openpyxl  # imported here: CSV users do not pay for it

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many unrelated types for a bad file
        raise InputFileError("workbook-damaged", file=str(path)) from None


def _openpyxl_rows(path: Path, sheet: str | None) -> Iterator[list[Any]]:
    workbook = _openpyxl_book(path)
    try:
        _check_sheet(path, sheet, list(workbook.sheetnames))
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        for row in worksheet.iter_rows(values_only=True):
            # Excel's _x000B_ escapes read as the character, as calamine reads them
            yield [_unescape(v) if type(v) is str and "_x" in v else v for v in row]
    except (InputFileError, MemoryError, RecursionError):
        raise
    except Exception:  # a damaged sheet part (a cell past column XFD, bad XML)
        raise InputFileError("workbook-damaged", file=str(path)) from None
    finally:
        workbook.close()


def _xlrd_book(path: Path) -> Any:
    import xlrd  # pure Python, for the browser; calamine reads .xls on the command line

    try:
        return xlrd.open_workbook(str(path), on_demand=True)
    except Exception:  # noqa: BLE001 - xlrd raises its own and struct errors for a bad file
        raise InputFileError("workbook-damaged", file=str(path)) from None


def _xlrd_rows(path: Path, sheet: str | None) -> Iterator[list[Any]]:
    import xlrd

    book = _xlrd_book(path)
    try:
        _check_sheet(path, sheet, list(book.sheet_names()))
        worksheet = book.sheet_by_name(sheet) if sheet else book.sheet_by_index(0)
        for number in range(worksheet.nrows):
            yield [_xlrd_value(c, book.datemode, xlrd) for c in worksheet.row(number)]
    finally:
        book.release_resources()


def _xlrd_value(cell: Any, datemode: int, xlrd: Any) -> Any:
    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_TEXT:
        return value if value else None
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERR")
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return value
        # as calamine reads it: a whole day is a date
        return moment.date() if moment.time() == dt.time() else moment
    return int(value) if float(value).is_integer() else value
