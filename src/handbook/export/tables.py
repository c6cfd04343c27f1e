"""What an exported table holds: its typed columns, which are personal, and its rows with their source."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from handbook.model.form import Field, Form
from handbook.registers.cells import BLANK, blank_row, cached, compile_field
from handbook.registers.opening import open_register

#: form field type → SQL type (DuckDB names, also Parquet's logical types)
SQL_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMP",
}
#: where each row came from, in front of the form's own columns
SOURCE_COLUMNS = (
    ("estate", "VARCHAR"),
    ("region", "VARCHAR"),
    ("source_file", "VARCHAR"),
    ("source_row", "BIGINT"),
)


def exported_fields(form: Form, include_personal: bool) -> list[Field]:
    """The fields exported: every field staff fill in, without personal ones unless asked."""
    return [f for f in form.input_fields if include_personal or f.personal is None]


def columns(form: Form, include_personal: bool) -> list[tuple[str, str]]:
    """``(name, SQL type)`` of every column of the form's table, source columns first."""
    return [
        *SOURCE_COLUMNS,
        *((f.name, SQL_TYPES[f.type]) for f in exported_fields(form, include_personal)),
    ]


def file_rows(
    path: Path, forms: dict[str, Form], include_personal: bool
) -> tuple[Form, Iterator[tuple[int, list[Any]]], list[int]]:
    """``(form, rows, unreadable)``: each non-blank row as (spreadsheet row, typed values).

    Values follow ``exported_fields``; a cell that does not parse is None and
    counted in ``unreadable[0]`` (the validator names it). InputFileError if the
    file cannot be used.
    """
    register = open_register(path, forms)
    form, header = register.form, register.header
    position = {name: pos for pos, name in header.columns.items()}
    wanted = exported_fields(form, include_personal)
    checks = [(position.get(f.name), cached(compile_field(f).check)) for f in wanted]
    unreadable = [0]

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for offset, cells in enumerate(register.data, start=header.row + 1):
            if blank_row(cells):
                continue
            values: list[Any] = []
            size = len(cells)
            for pos, parse in checks:
                verdict = parse(cells[pos] if pos is not None and pos < size else None)
                if verdict[1] is None:
                    values.append(verdict[0])
                    continue
                if verdict is not BLANK:
                    unreadable[0] += 1
                values.append(None)
            yield offset, values

    return form, rows(), unreadable
