"""A register read for its open items: each row's parsed values with its spreadsheet row and cells.

Opened and parsed exactly as ``handbook validate`` reads it (``registers.opening``);
a cell that does not parse is kept as "filled" (``unreadable``), so an answer typed
badly is not listed as still to do: the validator reports it instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handbook.model.form import Form
from handbook.registers.cells import column_letter, compile_field, is_blank
from handbook.registers.opening import open_register

#: How many distinct texts of one column keep their verdict (dates and choices repeat).
_CACHE_LIMIT = 4096


_NONE: frozenset[str] = frozenset()


@dataclass(slots=True)
class Record:
    """One data row: its number in the spreadsheet, its parsed values, its unreadable cells."""

    row: int
    values: dict[str, Any]
    unreadable: frozenset[str] | set[str] = _NONE

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
    checks: list[tuple[int, str, Callable[[Any], tuple], dict[Any, tuple]]] = []
    letters: dict[str, str] = {}
    for position, column in sorted(header.columns.items()):
        f = form.field(column)
        if f is not None and not f.derived:
            letters[column] = column_letter(position)
            if wanted is None or column in wanted:
                checks.append((position, column, compile_field(f).check, {}))
    records = []
    for number, cells in enumerate(register.data, start=header.row + 1):
        values: dict[str, Any] = {}
        bad: set[str] = set()
        size = len(cells)
        for position, column, check, cache in checks:
            raw = cells[position] if position < size else None
            # blank, as is_blank says, inlined: this loop runs for every cell read
            if raw is None or (type(raw) is str and (not raw or raw.isspace())):
                continue
            verdict = cache.get(raw) if type(raw) is str else None
            if verdict is None:
                verdict = check(raw)
                if type(raw) is str and len(cache) < _CACHE_LIMIT:
                    cache[raw] = verdict  # dates and choices repeat
            if verdict[1] is None:
                values[column] = verdict[0]
            else:
                bad.add(column)
        if values or bad or not all(is_blank(c) for c in cells):
            records.append(Record(number, values, bad or _NONE))
    return Sheet(form, name or str(path), records, letters)
