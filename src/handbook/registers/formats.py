"""The one table of register file types: extension → reader, with the reader that stands in for it.

Everything that says which files can be checked reads this table: the command's
folder scan (``reading.register_files``), the workbook readers
(``workbooks.workbook_rows`` tries ``reader``, then ``fallback``), the checker
page's accepted types and its hint (the ``checker_accept`` and
``register_types`` macros; the page runs only the pure-Python fallbacks) and
the pre-commit hook's ``files`` pattern (``hook_pattern``; a test ties
``.pre-commit-hooks.yaml`` to it).
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook.model.form import Text


@dataclass(frozen=True)
class FileType:
    """One kind of register file: how it is told, how it is read, how it is named to a person."""

    kind: str  # "text", or a workbook kind: "xlsx", "xls", "ods"
    suffixes: tuple[str, ...]
    #: the reader tried first; "csv" for text, "calamine" (Rust, fast) for workbooks
    reader: str
    #: the pure-Python reader used where the first cannot run (the browser) or fails on a file
    fallback: str | None
    name: Text


FILE_TYPES: tuple[FileType, ...] = (
    FileType("xlsx", (".xlsx", ".xlsm"), "calamine", "openpyxl", Text("Excel", "Excel")),
    FileType("xls", (".xls",), "calamine", "xlrd", Text("旧版 Excel", "old Excel")),
    FileType("ods", (".ods",), "calamine", "ods", Text("LibreOffice", "LibreOffice")),
    FileType("text", (".csv", ".tsv", ".txt"), "csv", None, Text("CSV 文本", "CSV text")),
)

#: Every suffix of a register file, in table order.
REGISTER_SUFFIXES: tuple[str, ...] = tuple(s for t in FILE_TYPES for s in t.suffixes)


def file_type(kind: str) -> FileType:
    """The table's entry for a kind ("xlsx", "xls", "ods", "text")."""
    return next(t for t in FILE_TYPES if t.kind == kind)


def hook_pattern() -> str:
    """The pre-commit hook's ``files`` regular expression: every suffix in the table."""
    names = "|".join(s.lstrip(".") for s in REGISTER_SUFFIXES)
    return rf"\.({names})$"


def checker_accept() -> str:
    """The ``accept`` attribute of the checker page's file input."""
    return ",".join(REGISTER_SUFFIXES)


def describe(lang: str) -> str:
    """The types a person may give, in ``lang``: "Excel（.xlsx、.xlsm）、…"."""
    if lang == "en":
        return ", ".join(f"{t.name.en} ({', '.join(t.suffixes)})" for t in FILE_TYPES)
    return "、".join(f"{t.name.zh}（{'、'.join(t.suffixes)}）" for t in FILE_TYPES)


def named() -> Text:
    """The types in both languages, for a message's ``{types}``."""
    return Text(describe("zh"), describe("en"))
