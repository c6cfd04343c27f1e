"""A register read for its open items: each row's parsed values with its spreadsheet row and cells.

Opened and parsed exactly as ``handbook validate`` reads it (``registers.opening``);
a cell that does not parse is kept as "filled" (``unreadable``), so an answer typed
badly is not listed as still to do: the validator reports it instead.
"""

from __future__ import annotations

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
) -> Sheet:
    """One register file as a ``Sheet``; InputFileError when it cannot be used."""
    register = open_register(path, forms, form_id, encoding, sheet)
    form, header = register.form, register.header
    checks = []
    letters: dict[str, str] = {}
    for position, column in sorted(header.columns.items()):
        f = form.field(column)
        if f is not None and not f.derived:
            checks.append((position, column, compile_field(f).check))
            letters[column] = column_letter(position)
    records = []
    for number, cells in enumerate(register.data, start=header.row + 1):
        if all(is_blank(c) for c in cells):
            continue
        record = Record(number, {})
        for position, column, check in checks:
            raw = cells[position] if position < len(cells) else None
            if is_blank(raw):
                continue
            value, code, _ = check(raw)
            if code is None:
                record.values[column] = value
            else:
                record.unreadable.add(column)
        records.append(record)
    return Sheet(form, name or str(path), records, letters)
