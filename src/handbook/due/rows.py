"""A register read for its open items: each row's parsed values with its spreadsheet row and cells.

Opened and parsed exactly as ``handbook validate`` reads it (``registers.opening``);
a cell that does not parse is kept as "filled" (``unreadable``), so an answer typed
badly is not listed as still to do: the validator reports it instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook.model.form import Form
from handbook.registers.cells import column_letter, compile_field, is_blank
from handbook.registers.opening import open_register


@dataclass
class Record:
    """One data row: its number in the spreadsheet, its parsed values, its unreadable cells."""

    row: int
    values: dict[str, Any]
    unreadable: set[str] = field(default_factory=set)

    def filled(self, name: str) -> bool:
        return name in self.values or name in self.unreadable


@dataclass
class Sheet:
    """A register's rows, with each field's column letter (B for the second column)."""

    form: Form
    file: str
    records: list[Record]
    letters: dict[str, str]

    def cell(self, name: str | None, row: int | None) -> str | None:
        """The cell of field ``name`` in ``row`` (B7), None when the column is absent."""
        if name is None or row is None or name not in self.letters:
            return None
        return f"{self.letters[name]}{row}"


def read_sheet(
    path: Path,
    forms: dict[str, Form],
    form_id: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    name: str | None = None,
    fields: Callable[[Form], set[str]] | None = None,
) -> Sheet:
    """One register file as a ``Sheet``; InputFileError when it cannot be used.

    ``fields`` names the fields worth parsing for a form (the ones its deadline rules
    read, ``sources.needed_fields``); every column is parsed when it is None.
    """
    register = open_register(path, forms, form_id, encoding, sheet)
    form, header = register.form, register.header
    wanted = fields(form) if fields is not None else None
    checks = []
    letters: dict[str, str] = {}
    for position, column in sorted(header.columns.items()):
        f = form.field(column)
        if f is not None and not f.derived:
            letters[column] = column_letter(position)
            if wanted is None or column in wanted:
                checks.append((position, column, _cached(compile_field(f).check)))
    records = []
    for number, cells in enumerate(register.data, start=header.row + 1):
        record = Record(number, {})
        size = len(cells)
        for position, column, check in checks:
            raw = cells[position] if position < size else None
            # blank, as is_blank says, inlined: this loop runs for every cell read
            if raw is None or (type(raw) is str and (not raw or raw.isspace())):
                continue
            value, code, _ = check(raw)
            if code is None:
                record.values[column] = value
            else:
                record.unreadable.add(column)
        if record.values or record.unreadable or not all(is_blank(c) for c in cells):
            records.append(record)
    return Sheet(form, name or str(path), records, letters)


def _cached(check: Callable[[Any], tuple]) -> Callable[[Any], tuple]:
    """A cell check that remembers its verdicts (dates and choices repeat), up to 4096 values."""
    seen: dict[Any, tuple] = {}

    def cached(raw: Any) -> tuple:
        try:
            hit = seen.get(raw)
        except TypeError:  # an unhashable cell value
            return check(raw)
        if hit is None:
            hit = check(raw)
            if len(seen) < 4096:
                seen[raw] = hit
        return hit

    return cached
