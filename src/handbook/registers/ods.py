"""OpenDocument spreadsheets (.ods, LibreOffice's own format) read in pure Python.

The fallback where python-calamine cannot run (the checker page in the browser):
the first (or the named) sheet of ``content.xml``, streamed, with repeated
cells and rows expanded as LibreOffice writes them, dates and numbers typed.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from handbook.errors import InputFileError

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_SHEET, _ROW, _CELL = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table-cell"
_COVERED = f"{{{_TABLE}}}covered-table-cell"
_P = f"{{{_TEXT}}}p"
#: a run of empty rows or cells longer than this is the sheet's unused rest (LibreOffice
#: writes 1 048 576 repeated rows); it is not expanded.
_MAX_REPEAT = 1000


def ods_rows(path: Path, sheet: str | None) -> Iterator[list[Any]]:
    """Every row of the chosen sheet (default: the first) as cell values."""
    try:
        archive = zipfile.ZipFile(path)
        handle = archive.open("content.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        raise InputFileError("xlsx-unreadable", file=str(path), reason="ods: content.xml") from None
    names: list[str] = []
    found = False
    try:
        for event, element in ET.iterparse(handle, events=("start", "end")):
            if event == "start" and element.tag == _SHEET:
                name = element.get(f"{{{_TABLE}}}name", "")
                names.append(name)
                found = sheet is None and len(names) == 1 or name == sheet
            elif event == "end" and element.tag == _ROW and found:
                cells = _cells(element)
                repeat = int(element.get(f"{{{_TABLE}}}number-rows-repeated", "1"))
                if any(c is not None for c in cells):
                    for _ in range(min(repeat, _MAX_REPEAT)):
                        yield list(cells)
                elif repeat < _MAX_REPEAT:
                    for _ in range(repeat):
                        yield []
                element.clear()
            elif event == "end" and element.tag == _SHEET:
                if found:
                    return
                element.clear()
    except ET.ParseError:
        raise InputFileError("xlsx-unreadable", file=str(path), reason="ods: XML") from None
    finally:
        handle.close()
        archive.close()
    raise InputFileError("no-such-sheet", file=str(path), sheet=sheet, sheets=", ".join(names))


def _cells(row: ET.Element) -> list[Any]:
    cells: list[Any] = []
    for cell in row:
        if cell.tag not in (_CELL, _COVERED):
            continue
        repeat = int(cell.get(f"{{{_TABLE}}}number-columns-repeated", "1"))
        value = _value(cell)
        if value is None and repeat >= _MAX_REPEAT:
            continue
        cells.extend([value] * repeat)
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _value(cell: ET.Element) -> Any:
    kind = cell.get(f"{{{_OFFICE}}}value-type")
    if kind in ("float", "percentage", "currency"):
        number = float(cell.get(f"{{{_OFFICE}}}value", "0"))
        return int(number) if number.is_integer() else number
    if kind == "date":
        text = cell.get(f"{{{_OFFICE}}}date-value", "")
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return text or None
        return moment.date() if "T" not in text else moment
    if kind == "boolean":
        return cell.get(f"{{{_OFFICE}}}boolean-value") == "true"
    text = "\n".join("".join(p.itertext()) for p in cell.iter(_P))
    return text if text else None
