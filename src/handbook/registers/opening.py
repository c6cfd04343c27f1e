"""Open a register file the one way every reader uses: decode, identify the form, find the header.

The validator and the indicators both start here, so a file that one of them
accepts the other reads the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from handbook.errors import InputFileError
from handbook.model.form import Form
from handbook.registers.cells import is_blank
from handbook.registers.header import (
    HEADER_SEARCH_ROWS,
    HeaderMap,
    looks_like_header,
    map_header,
    score,
)
from handbook.registers.limits import cap_row
from handbook.registers.reading import Source, open_source


@dataclass
class OpenedRegister:
    """A register ready to read: its form, its header and its data rows (after the header)."""

    path: Path
    source: Source
    form: Form
    header: HeaderMap
    data: Iterator[list[Any]]


def identify_form(path: Path, forms: dict[str, Form], first_rows: list[list[Any]]) -> Form:
    """Which form ``path`` is: by folder, then file name, then header; else an error."""
    # checklists are printed, not validated: only registers are candidates
    registers = {fid: f for fid, f in forms.items() if f.kind == "register"}
    for candidate in (path.parent.name, path.stem):
        if candidate in registers:
            return registers[candidate]
    by_name = [f for f in registers.values() if f.id in path.stem or f.title.zh in path.stem]
    if len(by_name) == 1:
        return by_name[0]
    scores = {
        f.id: max((score(f, row) for row in first_rows), default=0) for f in registers.values()
    }
    best = max(scores.values(), default=0)
    top = [fid for fid, s in scores.items() if s == best and s >= 2]
    if len(top) == 1:
        return registers[top[0]]
    if len(top) > 1:
        names = ", ".join(f"{fid}（{registers[fid].title.zh}）" for fid in sorted(top))
        raise InputFileError("form-ambiguous", file=str(path), candidates=names)
    raise InputFileError("form-not-recognised", file=str(path), known=", ".join(sorted(registers)))


def find_header(form: Form, path: Path, rows: list[list[Any]]) -> HeaderMap:
    """The header among the first rows, or an error saying where it should be."""
    for number, cells in enumerate(rows, start=1):
        if looks_like_header(form, cells):
            return map_header(form, number, cells)
    example = "，".join(f.title.zh for f in form.input_fields[:3])
    raise InputFileError(
        "no-header", file=str(path), rows=len(rows), form=form.title.zh, example=example
    )


def peek_form(
    path: Path, forms: dict[str, Form], encoding: str | None = None, sheet: str | None = None
) -> Form:
    """The form of a file from its first rows only; InputFileError if it cannot be told."""
    source = open_source(path, encoding=encoding, sheet=sheet)
    return identify_form(path, forms, list(islice(source.rows(), HEADER_SEARCH_ROWS)))


def open_register(
    path: Path,
    forms: dict[str, Form],
    form_id: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> OpenedRegister:
    """Open ``path`` as a register of ``form_id`` (or of the form it is found to be).

    Raises InputFileError when the file cannot be read, is empty, is of no known
    form, or has no header row among its first rows.
    """
    source = open_source(path, encoding=encoding, sheet=sheet)
    rows = source.rows()
    if source.kind != "csv":  # a CSV field is bounded by the csv module already
        rows = map(cap_row, rows)
    first_rows = list(islice(rows, HEADER_SEARCH_ROWS))
    if not any(not is_blank(c) for r in first_rows for c in r):
        raise InputFileError("empty-file", file=str(path))
    form = forms[form_id] if form_id else identify_form(path, forms, first_rows)
    header = find_header(form, path, first_rows)
    return OpenedRegister(path, source, form, header, chain(first_rows[header.row :], rows))
