"""Text stays text: what the project writes into a spreadsheet never becomes a formula.

A value from a register (or a title, a label, a message) that starts with ``=``,
``+``, ``-`` or ``@`` is a formula to Excel, WPS and LibreOffice when typed, pasted
or opened from CSV: ``=HYPERLINK("http://…","click")`` becomes a live link. So:

- in a workbook, every string is a string cell (openpyxl would otherwise store a
  value starting with ``=`` as a formula), and one that starts like a formula also
  gets Excel's "quote prefix" (the apostrophe shown in the formula bar), so that
  editing the cell keeps it text;
- control characters, which XML cannot hold, are written as Excel writes them
  (``_x000B_``), so the copy opens and Excel reads the character back;
- in CSV, where no cell type exists, a text that starts like a formula gets an
  apostrophe in front (as OWASP advises); numbers stay numbers.

A formula the person's own workbook had is not written through here: it stays.
"""

from __future__ import annotations

import re
from typing import Any

#: What a spreadsheet program reads as the start of a formula (tab and CR before one too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")
#: XML 1.0 cannot hold these; OOXML writes them as ``_xHHHH_``.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet program would take ``text`` for a formula (a plain number is not)."""
    return text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text)


def ooxml_text(text: str) -> str:
    """``text`` as a workbook can hold it: control characters as Excel's ``_xHHHH_`` escapes.

    A literal ``_x000B_`` in the text is itself escaped (``_x005F_x000B_``), so it reads
    back as typed.
    """
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def set_text(cell: Any, value: Any) -> Any:
    """Write ``value`` into an openpyxl ``cell``; a string always as text, never a formula."""
    if not isinstance(value, str):
        cell.value = value
        return cell
    text = ooxml_text(value)
    cell.value = text
    cell.data_type = "s"
    if starts_like_formula(text):
        cell.quotePrefix = True
    return cell


def write_row(sheet: Any, row: int, values: list[Any]) -> int:
    """Write ``values`` into ``row`` of ``sheet`` from column A, strings as text."""
    for column, value in enumerate(values, start=1):
        if value is not None and value != "":
            set_text(sheet.cell(row, column), value)
    return row


def csv_text(value: Any) -> Any:
    """A CSV field that no spreadsheet program runs: an apostrophe before a formula-like text."""
    if isinstance(value, str) and starts_like_formula(value):
        return "'" + value
    return value


def csv_row(values: list[Any]) -> list[Any]:
    """Every field of a CSV row through ``csv_text``."""
    return [csv_text(v) for v in values]
