"""Workbooks (XLSX, XLS, ODS) as rows of cells, behind one reader interface.

python-calamine (Rust) reads all three formats about ten times faster than
openpyxl; where calamine cannot run (the checker page runs this package in the
browser, where only pure Python is available) openpyxl reads XLSX and ``ods``
reads ODS; legacy XLS needs calamine. Both give the same cells: native dates and numbers, ``None`` for
an empty cell.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from handbook.errors import InputFileError
from handbook.registers.ods import ods_rows

#: Workbook kinds by what the file starts with and holds.
WORKBOOK_KINDS = ("xlsx", "xls", "ods")


def calamine_available() -> bool:
    """Whether the fast reader can be used here.

    ``HANDBOOK_WORKBOOK_READER=openpyxl`` forces the pure-Python reader, as in the
    browser (tests and the benchmark compare the two).
    """
    if os.environ.get("HANDBOOK_WORKBOOK_READER") == "openpyxl":
        return False
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


def workbook_rows(path: Path, kind: str, sheet: str | None) -> Iterator[list[Any]]:
    """Every row of the chosen sheet (default: the first) of a workbook of ``kind``."""
    if calamine_available():
        return _calamine_rows(path, kind, sheet)
    if kind == "ods":
        return ods_rows(path, sheet)
    if kind != "xlsx":
        raise InputFileError("workbook-reader-missing", file=str(path), kind=kind.upper())
    return _openpyxl_rows(path, sheet)


def _calamine_rows(path: Path, kind: str, sheet: str | None) -> Iterator[list[Any]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for a damaged file
        raise InputFileError(
            "xlsx-unreadable", file=str(path), reason=f"{kind}: {type(exc).__name__}"
        ) from None
    names = list(workbook.sheet_names)
    if sheet is not None and sheet not in names:
        raise InputFileError("no-such-sheet", file=str(path), sheet=sheet, sheets=", ".join(names))
    if not names:
        raise InputFileError("empty-file", file=str(path))
    try:
        worksheet = workbook.get_sheet_by_name(sheet) if sheet else workbook.get_sheet_by_index(0)
        for row in worksheet.iter_rows():
            # calamine gives "" for an empty cell and a float for every number; an integral
            # float reads as the integer Excel shows (cells.display), so only "" is mapped
            yield [None if v == "" else v for v in row]
    except InputFileError:
        raise
    except Exception as exc:  # a damaged sheet part
        raise InputFileError(
            "xlsx-unreadable", file=str(path), reason=f"{kind}: {type(exc).__name__}"
        ) from None


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _openpyxl_rows(path: Path, sheet: str | None) -> Iterator[list[Any]]:
    import openpyxl  # imported here: CSV users do not pay for it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a bad file
        raise InputFileError("xlsx-unreadable", file=str(path), reason=type(exc).__name__) from None
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise InputFileError(
                "no-such-sheet", file=str(path), sheet=sheet, sheets=", ".join(workbook.sheetnames)
            )
        for row in worksheet.iter_rows(values_only=True):
            # Excel's _x000B_ escapes read as the character, as calamine reads them
            yield [_unescape(v) if type(v) is str and "_x" in v else v for v in row]
    except (InputFileError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # a damaged sheet part (a cell past column XFD, bad XML)
        raise InputFileError("xlsx-unreadable", file=str(path), reason=type(exc).__name__) from None
    finally:
        workbook.close()
