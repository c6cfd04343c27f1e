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
from handbook.messages import words
from handbook.model.form import Form, Text
from handbook.registers.cells import is_blank
from handbook.registers.header import (
    HEADER_SEARCH_ROWS,
    HeaderMap,
    looks_like_header,
    map_header,
    score,
)
from handbook.registers.limits import cap_row
from handbook.registers.origin import marked_copy
from handbook.registers.reading import SEPARATORS, Source, open_source
from handbook.registers.workbooks import WORKBOOK_KINDS

#: The errors after which another sheet or separator is tried: the header was not found.
_NOT_FOUND = ("no-header", "form-not-recognised", "empty-file")
#: The words of ``SEPARATORS``, in messages.
_SEPARATOR_WORDS = {",": "comma", "\t": "tab", ";": "semicolon"}


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
    return open_register(path, forms, None, encoding, sheet).form


def open_register(
    path: Path,
    forms: dict[str, Form],
    form_id: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> OpenedRegister:
    """Open ``path`` as a register of ``form_id`` (or of the form it is found to be).

    The register is in the first sheet that holds a form's header (a marked
    copy's problems sheet is never read), and a text export is read with the
    separator that gives a header. Raises InputFileError when the file cannot be
    read, is empty, is of no known form, or has no header row among its first rows.
    """
    source = open_source(path, encoding=encoding, sheet=sheet)
    first_error: InputFileError | None = None
    tried = 0
    for candidate in _candidates(source, sheet is not None):
        tried += 1
        try:
            return _open(candidate, path, forms, form_id)
        except InputFileError as exc:
            if exc.code not in _NOT_FOUND:
                raise
            first_error = first_error or exc
    assert first_error is not None  # there is always one candidate
    if source.kind == "csv" and first_error.code == "no-header":
        raise InputFileError(
            "no-header",
            **first_error.params,
            problem_code="text-read-as",
            problem=_tried(source, tried),
        )
    raise first_error


def _candidates(source: Source, sheet_given: bool) -> Iterator[Source]:
    """The ways to read the file, the likeliest first: sheets in order, or separators.

    Only the first is prepared unless it fails (listing a big workbook's sheets costs a read).
    """
    if source.kind not in WORKBOOK_KINDS:
        yield source
        for separator in SEPARATORS:
            if separator != source.delimiter:
                yield Source(source.path, source.kind, source.encoding, separator)
        return
    skip = None if sheet_given else marked_copy(source.path, source.kind)
    if skip is None:
        yield source  # the given sheet, or the first as the reader gives it
    if sheet_given:
        return
    names = [n for n in source.sheet_names() if n != skip]
    if skip is not None and not names:
        yield source  # a marked copy holding nothing but its problems: it says so itself
    for name in names[1:] if skip is None else names:
        yield Source(source.path, source.kind, sheet=name)


def _tried(source: Source, count: int) -> dict[str, Any]:
    """The encoding and separators tried, for the message."""
    separators = [source.delimiter] + [s for s in SEPARATORS if s != source.delimiter]
    zh, en = words("separators", "zh"), words("separators", "en")
    keys = [_SEPARATOR_WORDS[s] for s in separators[:count]]
    return {
        "encoding": (source.encoding or "utf-8").upper().replace("_", "-"),
        "separators": Text("、".join(zh[k] for k in keys), ", ".join(en[k] for k in keys)),
    }


def _open(
    source: Source, path: Path, forms: dict[str, Form], form_id: str | None
) -> OpenedRegister:
    """One way of reading the file: its form, header and data, or InputFileError."""
    rows = source.rows()
    if source.kind != "csv":  # a CSV field is bounded by the csv module already
        rows = map(cap_row, rows)
    first_rows = list(islice(rows, HEADER_SEARCH_ROWS))
    if not any(not is_blank(c) for r in first_rows for c in r):
        raise InputFileError("empty-file", file=str(path))
    form = forms[form_id] if form_id else identify_form(path, forms, first_rows)
    header = find_header(form, path, first_rows)
    return OpenedRegister(path, source, form, header, chain(first_rows[header.row :], rows))
