"""OpenDocument spreadsheets (.ods, LibreOffice's own format) read in pure Python.

The fallback where python-calamine cannot run (the checker page in the browser):
the first (or the named) sheet of ``content.xml``, streamed, with repeated
cells and rows expanded as LibreOffice writes them, dates and numbers typed.
"""

from __future__ import annotations

import datetime as dt
import re
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
_SPACE, _TAB, _BREAK = f"{{{_TEXT}}}s", f"{{{_TEXT}}}tab", f"{{{_TEXT}}}line-break"
#: white space in a paragraph's text is collapsed (ODF 1.2 §6.1.2); text:s, text:tab and
#: text:line-break are the kept ones. So a pretty-printed content.xml reads as LibreOffice's own.
_WHITE = re.compile(r"[ \t\r\n]+")
#: a run of empty rows or cells longer than this is the sheet's unused rest (LibreOffice
#: writes 1 048 576 repeated rows); it is not expanded.
_MAX_REPEAT = 1000


def ods_rows(path: Path, sheet: str | None) -> Iterator[list[Any]]:
    """Every row of the chosen sheet (default: the first) as cell values."""
    archive, handle = _content(path)
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
        raise InputFileError("workbook-damaged", file=str(path)) from None
    finally:
        handle.close()
        archive.close()
    raise InputFileError("no-such-sheet", file=str(path), sheet=sheet, sheets=", ".join(names))


def _content(path: Path) -> tuple[zipfile.ZipFile, Any]:
    try:
        archive = zipfile.ZipFile(path)
        return archive, archive.open("content.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        raise InputFileError("workbook-damaged", file=str(path)) from None


def ods_sheet_names(path: Path) -> list[str]:
    """The names of the sheets, in order."""
    archive, handle = _content(path)
    names: list[str] = []
    try:
        for event, element in ET.iterparse(handle, events=("start", "end")):
            if event == "start" and element.tag == _SHEET:
                names.append(element.get(f"{{{_TABLE}}}name", ""))
            elif event == "end" and element.tag in (_ROW, _SHEET):
                element.clear()
    except ET.ParseError:
        raise InputFileError("workbook-damaged", file=str(path)) from None
    finally:
        handle.close()
        archive.close()
    return names


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
        # as calamine reads it: a whole day is a date
        return moment.date() if moment.time() == dt.time() else moment
    if kind == "boolean":
        return cell.get(f"{{{_OFFICE}}}boolean-value") == "true"
    given = cell.get(f"{{{_OFFICE}}}string-value")
    if given is not None:
        return given or None
    # only the cell's own paragraphs: a comment (office:annotation) holds paragraphs too
    text = "\n".join(_paragraph(p) for p in cell if p.tag == _P)
    return text if text else None


def _paragraph(element: ET.Element) -> str:
    """A paragraph's text as a spreadsheet shows it (ODF white-space rules)."""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if node.text:
            parts.append(_WHITE.sub(" ", node.text))
        for child in node:
            if child.tag == _SPACE:
                parts.append(" " * int(child.get(f"{{{_TEXT}}}c", "1")))
            elif child.tag == _TAB:
                parts.append("\t")
            elif child.tag == _BREAK:
                parts.append("\n")
            elif not child.tag.endswith("}annotation"):
                walk(child)
            if child.tail:
                parts.append(_WHITE.sub(" ", child.tail))

    walk(element)
    return "".join(parts).strip(" ")
