"""Unique values and keys across the files of one estate: a complaint number once, in whichever file.

Each file is checked on its own (``engine``: duplicates within it); this looks
across the files of the same register checked together, which the caller
limits to one estate (the same number in two estates is no problem). Only
registers with more than one file are read again, and only their unique
columns; the first file and row holding a value are named in the problem.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from handbook.errors import InputFileError
from handbook.model.form import Form, Text
from handbook.registers.cells import column_letter, display, is_blank
from handbook.registers.opening import open_register
from handbook.validate.engine import article_of, compile_columns
from handbook.validate.problems import ERROR, Problem
from handbook.validate.results import FileResult, Options


def unique_groups(form: Form) -> list[tuple[str, ...]]:
    """The unique columns (each alone) and unique keys (columns together) of ``form``."""
    groups: list[tuple[str, ...]] = [(f.name,) for f in form.input_fields if f.unique]
    if len(form.primary_key) == 1 and tuple(form.primary_key) not in groups:
        groups.append(tuple(form.primary_key))
    groups += [tuple(g) for g in form.unique_keys if tuple(g) not in groups]
    return groups


def _keyed_rows(
    path: Path, forms: dict[str, Form], form: Form, options: Options, groups: list[tuple[str, ...]]
) -> Iterator[tuple[int, tuple, int, str | None]]:
    """``(group index, key, row, cell)`` of every row whose key is filled and parses."""
    register = open_register(path, forms, form.id, options.encoding, options.sheet)
    header = register.header
    columns = {c.name: c for c in compile_columns(form, header)}
    rows = register.source.rows()
    for _ in range(header.row):
        next(rows, None)
    row = header.row
    for cells in rows:
        row += 1
        size = len(cells)
        for index, names in enumerate(groups):
            parts = []
            for name in names:
                col = columns.get(name)
                raw = cells[col.pos] if col is not None and col.pos < size else None
                if col is None or is_blank(raw):
                    break
                value, code, _ = col.check(raw)
                if code is not None:
                    break
                parts.append(value)
            else:
                first = columns[names[0]]
                yield index, tuple(parts), row, f"{column_letter(first.pos)}{row}"


def _problem(
    form: Form,
    names: tuple[str, ...],
    file: str,
    row: int,
    cell: str | None,
    key: tuple,
    first: tuple[str, int],
) -> Problem:
    def title(name: str) -> Text:
        f = form.field(name)
        return f.title if f is not None else Text(name, name)

    shown = " / ".join(display(k) for k in key)
    where = {"first_file": first[0], "first": first[1]}
    if len(names) == 1:
        f = form.field(names[0])
        return Problem(
            "unique-across-files",
            ERROR,
            file,
            row,
            None,
            names[0],
            shown,
            params={**where, "column": title(names[0])},
            article=article_of(form, f.clauses if f is not None else ()),
            cell=cell,
        )
    columns = Text("、".join(title(n).zh for n in names), ", ".join(title(n).en for n in names))
    return Problem(
        "unique-key-across-files",
        ERROR,
        file,
        row,
        None,
        None,
        shown,
        params={**where, "columns": columns},
        article=article_of(form, ()),
    )


def resolve_unique(
    results: Sequence[FileResult], forms: dict[str, Form], options: Options | None = None
) -> None:
    """Add to each file the values a file before it (same register, same estate) already holds."""
    options = options or Options()
    by_form: dict[str, list[FileResult]] = {}
    for r in results:
        if r.form is not None and r.fatal is None and r.form in forms:
            by_form.setdefault(r.form, []).append(r)
    for form_id, files in by_form.items():
        form = forms[form_id]
        groups = unique_groups(form)
        if len(files) < 2 or not groups:
            continue
        seen: list[dict[tuple, tuple[str, int]]] = [{} for _ in groups]
        for r in files:
            found = []
            try:
                for index, key, row, cell in _keyed_rows(
                    Path(r.file), forms, form, options, groups
                ):
                    first = seen[index].setdefault(key, (r.file, row))
                    if first[0] != r.file:
                        found.append(_problem(form, groups[index], r.file, row, cell, key, first))
            except InputFileError:  # it was read a moment ago; changed since: nothing more to say
                continue
            if found:
                r.problems.extend(found)
                r.problems.sort(key=lambda p: (p.row is None, p.row or 0))
