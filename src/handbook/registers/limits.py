"""How much a register may cost to read: every limit of the command and the page, in one place.

A 25 KB workbook can hold a gigabyte: a zip entry compressed a thousand times, or
one long shared string used by every cell. Before a workbook is read, its zip
directory is checked (sizes and ratios, which cost nothing to read) and, when its
shared strings are long, how much text its cells would expand to. A file over a
limit is refused with a message that names the limit; nothing is half read.

The numbers keep a 10 MB register (about 100 000 rows) within the command's
500 MB and the page's memory, with room: a real workbook compresses 5 to 20
times; the ratio limit is ten times that. ``docs/*/limits.md`` lists them for IT.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from handbook.errors import InputFileError

MB = 1 << 20
#: Uncompressed size of one entry of a workbook (its sheet, its shared strings).
MAX_ENTRY_BYTES = 256 * MB
#: Uncompressed size of all entries together.
MAX_TOTAL_BYTES = 512 * MB
#: Uncompressed / compressed size of one entry, checked for entries above RATIO_FLOOR_BYTES.
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1 * MB
#: Characters all text cells of the sheet may expand to (a shared string counts once per cell).
MAX_TEXT_CHARS = 100_000_000
#: Characters of one cell kept when it is read (Excel's own limit for a cell).
MAX_CELL_CHARS = 32_767
#: Characters of a value a problem carries into a report (its start, then its length).
MAX_VALUE_CHARS = 200
#: Columns of a register's rows that are read (a form has at most a few dozen).
MAX_COLUMNS = 1_000
#: Cells (data rows × the form's columns) of a register that get a marked copy: openpyxl holds
#: every cell of it in memory (about 0.5 KB each) and writes 20 000 cells a second.
MAX_MARKED_CELLS = 400_000
#: Bytes an XLSX register may hold unpacked for its marked copy (every sheet of it is loaded).
MAX_MARKED_UNPACKED_BYTES = 64 * MB
#: Bytes of a file the checker page accepts (it reads the file into the browser's memory).
MAX_PAGE_FILE_BYTES = 20 * MB
#: The same problem in one column is shown this many times in a report, then counted.
SAME_PROBLEM_SHOWN = 5

_SHARED_STRINGS = "xl/sharedStrings.xml"
_STRING_CELL = re.compile(rb'<c\b[^>]*?\bt="s"[^>]*>\s*<v>(\d+)</v>')
_STRING_ITEM = re.compile(rb"<si\b.*?</si>", re.DOTALL)
_CHUNK = 4 * MB


def check_archive(path: Path, kind: str) -> None:
    """Refuse a workbook whose zip entries expand beyond the limits, before it is read."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = 0
            for info in infos:
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > MAX_ENTRY_BYTES or (
                    info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO
                ):
                    _refuse(path, info.filename, info.file_size)
            if total > MAX_TOTAL_BYTES:
                _refuse(path, "*", total)
            if kind == "xlsx":
                _check_shared_strings(path, archive)
    except (OSError, zipfile.BadZipFile):
        return  # the reader says what is wrong with the file


def _refuse(path: Path, entry: str, size: int) -> None:
    raise InputFileError(
        "too-large-to-read",
        file=str(path),
        entry=entry,
        size=f"{size / MB:,.0f}",
        limit=f"{MAX_ENTRY_BYTES / MB:,.0f}",
        ratio=MAX_RATIO,
    )


def _check_shared_strings(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a sheet whose cells would repeat long shared strings into too much text."""
    if _SHARED_STRINGS not in archive.namelist():
        return
    lengths = [len(m) for m in _STRING_ITEM.findall(archive.read(_SHARED_STRINGS))]
    if not lengths or max(lengths) < 1000:
        return  # short strings: the sheet's own size bounds the text
    sheets = [
        n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")
    ]
    for name in sheets:
        if _expanded_text(archive, name, lengths) > MAX_TEXT_CHARS:
            raise InputFileError(
                "too-much-text", file=str(path), chars=f"{MAX_TEXT_CHARS:,}", entry=name
            )


def _expanded_text(archive: zipfile.ZipFile, name: str, lengths: list[int]) -> int:
    """Characters of shared strings a sheet's cells refer to, read in chunks (stops past the limit)."""
    total = 0
    rest = b""
    with archive.open(name) as stream:
        while chunk := stream.read(_CHUNK):
            data = rest + chunk
            cut = data.rfind(b"</c>") + 4  # a cell is never cut in two
            if cut < 4:
                rest = data[-_CHUNK:]
                continue
            for match in _STRING_CELL.finditer(data, 0, cut):
                index = int(match.group(1))
                total += lengths[index] if index < len(lengths) else 0
            if total > MAX_TEXT_CHARS:
                return total
            rest = data[cut:]
    return total


def cap_cell(value: object) -> object:
    """A cell's value as read, a text cut at MAX_CELL_CHARS (Excel never holds more)."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        return value[:MAX_CELL_CHARS]
    return value


def cap_row(cells: list) -> list:
    """A row's cells: at most MAX_COLUMNS of them, each capped (the row itself when none is long)."""
    if len(cells) > MAX_COLUMNS:
        cells = cells[:MAX_COLUMNS]
    for cell in cells:
        if type(cell) is str and len(cell) > MAX_CELL_CHARS:
            return [cap_cell(c) for c in cells]
    return cells


def marked_copy_fits(rows: int, columns: int, unpacked: int = 0) -> bool:
    """Whether a register of ``rows`` data rows and ``columns`` columns gets a marked copy.

    ``unpacked``: the bytes of a workbook unpacked (all its sheets are copied, not only the
    one checked).
    """
    return rows * max(columns, 1) <= MAX_MARKED_CELLS and unpacked <= MAX_MARKED_UNPACKED_BYTES


def unpacked_size(path: Path) -> int:
    """The bytes a zip (a workbook) holds unpacked, from its directory; 0 if it is no zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (OSError, zipfile.BadZipFile):
        return 0


def shown_value(value: str | None) -> str | None:
    """A value as a problem carries it: its start and its length when it is long."""
    if value is None or len(value) <= MAX_VALUE_CHARS:
        return value
    return f"{value[:MAX_VALUE_CHARS]}…［共 {len(value):,} 字 / {len(value):,} chars］"
