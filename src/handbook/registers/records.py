"""Read filled-in registers as parsed rows, for reports: the validator's reading, without its checks.

A file is opened, its form identified and its header found exactly as
``handbook validate`` does; each cell is parsed by the field's compiled check.
A cell that does not parse is left out of its row (and counted), so a report
never guesses at a value the validator would reject.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook.errors import InputFileError
from handbook.model.form import Form
from handbook.registers.cells import BLANK, blank_row, cached, compile_field
from handbook.registers.formats import named
from handbook.registers.opening import open_register, peek_form
from handbook.registers.reading import register_files

Row = dict[str, Any]


@dataclass
class Registers:
    """Parsed rows of every register read, keyed by form id."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    files: int = 0
    unreadable_cells: int = 0

    def get(self, form_id: str) -> list[Row]:
        """The rows of ``form_id`` (an empty list when no file of it was read)."""
        return self.rows.get(form_id, [])

    def add(self, form_id: str, rows: list[Row], unreadable: int = 0) -> None:
        """Append the rows of one more file."""
        self.rows.setdefault(form_id, []).extend(rows)
        self.files += 1
        self.unreadable_cells += unreadable


def read_register(
    path: Path,
    forms: dict[str, Form],
    form_id: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    fields: Collection[str] | None = None,
) -> tuple[Form, list[Row], int]:
    """One register file as ``(form, rows, unreadable cells)``; InputFileError if unusable.

    ``fields`` limits the columns parsed (a report needs a few of them); None: every one.
    """
    register = open_register(path, forms, form_id, encoding, sheet)
    form, header = register.form, register.header
    checks = []
    for position, name in header.columns.items():
        f = form.field(name)
        if f is not None and not f.derived and (fields is None or name in fields):
            checks.append((position, name, cached(compile_field(f).check)))
    parsed: list[Row] = []
    unreadable = 0
    for cells in register.data:
        values: Row = {}
        bad = 0
        size = len(cells)
        for position, name, parse in checks:
            verdict = parse(cells[position] if position < size else None)
            if verdict[1] is None:
                values[name] = verdict[0]
            elif verdict is not BLANK:
                bad += 1
        if values or bad or not blank_row(cells):
            unreadable += bad
            parsed.append(values)
    return form, parsed, unreadable


def read_registers(
    paths: Iterable[Path],
    forms: dict[str, Form],
    encoding: str | None = None,
    wanted: Mapping[str, Collection[str] | None] | None = None,
) -> Registers:
    """Every register file at ``paths`` (files or folders); the first unusable file raises.

    ``wanted`` (form id → the columns needed, None for all) reads only those
    registers and columns; files of other forms are skipped after a look at their header.
    """
    registers = Registers()
    for target in paths:
        found = register_files(target)
        if not found:
            raise InputFileError("no-register-files", file=str(target), types=named())
        for path in found:
            fields = None
            if wanted is not None:
                form_id = peek_form(path, forms, encoding).id
                if form_id not in wanted:
                    continue
                fields = wanted[form_id]
            form, rows, unreadable = read_register(path, forms, encoding=encoding, fields=fields)
            registers.add(form.id, rows, unreadable)
    return registers
