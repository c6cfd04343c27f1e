"""Open a register file as rows of cells, whatever spreadsheet program produced it.

Text exports in UTF-8 (with or without BOM), GBK/GB18030 and UTF-16 (with its
BOM, as Excel's "Unicode text"), separated by commas, tabs or semicolons, and
workbooks: XLSX, legacy XLS and ODS (``workbooks``; the types are listed once,
in ``formats``). Rows are produced lazily so memory stays flat however long the
file is. Files are only ever opened for reading.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handbook.errors import InputFileError
from handbook.registers.formats import REGISTER_SUFFIXES, named
from handbook.registers.limits import check_archive
from handbook.registers.workbooks import WORKBOOK_KINDS, sheet_names, workbook_rows

#: The separators a text export may use, in the order a tie is decided.
SEPARATORS = (",", "\t", ";")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (and other Office 97 files)
_CHUNK = 1 << 20


@dataclass
class Source:
    """A readable register file: its path, how it is read, and a row iterator factory."""

    path: Path
    kind: str  # "csv", or a workbook kind: "xlsx", "xls", "ods"
    encoding: str | None = None
    delimiter: str = ","
    sheet: str | None = None

    def rows(self) -> Iterator[list[Any]]:
        """Every row as a list of cell values (str for CSV; native types for XLSX)."""
        if self.kind in WORKBOOK_KINDS:
            return workbook_rows(self.path, self.kind, self.sheet)
        return _csv_rows(self.path, self.encoding or "utf-8", self.delimiter)

    def sheet_names(self) -> list[str]:
        """The sheets of a workbook, in order; none for a text file."""
        if self.kind in WORKBOOK_KINDS:
            return sheet_names(self.path, self.kind)
        return []


def open_source(path: Path, encoding: str | None = None, sheet: str | None = None) -> Source:
    """Inspect ``path`` and decide how to read it; raise InputFileError if it cannot be used."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except FileNotFoundError:
        raise InputFileError("path-not-found", file=str(path)) from None
    except OSError as exc:
        raise InputFileError(
            "file-unreadable", file=str(path), reason=exc.strerror or str(exc)
        ) from None
    if head.startswith(b"PK\x03\x04"):
        if not zipfile.is_zipfile(path):
            raise InputFileError("workbook-damaged", file=str(path))
        kind = _zip_kind(path)
        check_archive(path, kind)  # sizes and ratios before anything is unpacked
        return Source(path, kind, sheet=sheet)
    if head.startswith(_OLE2):
        return Source(path, "xls", sheet=sheet)
    if sheet is not None:
        raise InputFileError("no-such-sheet", file=str(path), sheet=sheet, sheets="-")
    if encoding:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise InputFileError("unknown-encoding", encoding=encoding) from None
    else:
        encoding = detect_encoding(path, head)
    if not head.strip():
        raise InputFileError("empty-file", file=str(path))
    delimiter = _delimiter(path, head, encoding)
    return Source(path, "csv", encoding=encoding, delimiter=delimiter)


def detect_encoding(path: Path, head: bytes) -> str:
    """BOM → that encoding; else strict UTF-8 over the whole file; else GB18030.

    chardet takes GBK for GB2312 and fails on rare characters (堃, 𠮷) far into
    the file, so the whole file is checked as UTF-8 with an incremental decoder.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise InputFileError("not-text", file=str(path), types=named())
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _delimiter(path: Path, head: bytes, encoding: str) -> str:
    """The separator that splits the first lines into the most cells (a title row has none)."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    text = codecs.getincrementaldecoder(encoding)(errors="ignore").decode(head)
    lines = text.lstrip("\ufeff").splitlines()[:10]
    widths = {sep: max((line.count(sep) for line in lines), default=0) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: widths[sep])  # the first of equals wins: comma
    return best if widths[best] else ","


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[list[Any]]:
    line = 0
    try:
        with path.open("r", encoding=encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            for row in reader:
                line = reader.line_num
                yield row
    except UnicodeDecodeError:
        raise InputFileError(
            "bad-encoding", file=str(path), line=line + 1, encoding=encoding
        ) from None
    except csv.Error:  # csv's own words (NUL, field limit, quotes) are not for a person
        raise InputFileError("text-unparsable", file=str(path), line=line + 1) from None
    except OSError as exc:
        raise InputFileError(
            "file-unreadable", file=str(path), reason=exc.strerror or str(exc)
        ) from None


def _zip_kind(path: Path) -> str:
    """An OpenDocument spreadsheet names itself in its ``mimetype`` member; else it is XLSX."""
    try:
        with zipfile.ZipFile(path) as archive:
            if "mimetype" in archive.namelist() and (
                b"opendocument.spreadsheet" in archive.read("mimetype")
            ):
                return "ods"
    except (OSError, zipfile.BadZipFile):
        pass
    return "xlsx"


def register_files(path: Path) -> list[Path]:
    """The register files at ``path``: the file itself, or every one below a folder."""
    if path.is_file():
        return [path]
    if not path.exists():
        raise InputFileError("path-not-found", file=str(path))
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in REGISTER_SUFFIXES
        and not p.name.startswith((".", "~$"))
    )
