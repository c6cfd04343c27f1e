"""Check register files against their forms and yield problems.

The engine streams rows: memory holds only what uniqueness checks must keep.
Table Schema semantics (types, required, enum, pattern, lengths, ranges,
unique, primary and composite unique keys) are applied to the values staff
really type; the schema itself is derived from the form (``schema``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handbook.cells import compile_field, display, is_blank
from handbook.errors import InputFileError
from handbook.header import HEADER_SEARCH_ROWS, HeaderMap, looks_like_header, map_header, score
from handbook.model import Form
from handbook.problems import ERROR, WARNING, Problem
from handbook.reading import Source, open_source


@dataclass
class FileResult:
    """What checking one file found."""

    file: str
    form: str | None
    rows: int
    problems: list[Problem]
    fatal: InputFileError | None = None


def identify_form(path: Path, forms: dict[str, Form], first_rows: list[list[Any]]) -> Form:
    """Which form ``path`` is: by folder, then file name, then header; else an error."""
    for candidate in (path.parent.name, path.stem):
        if candidate in forms:
            return forms[candidate]
    by_name = [f for f in forms.values() if f.id in path.stem or f.title.zh in path.stem]
    if len(by_name) == 1:
        return by_name[0]
    scores = {f.id: max((score(f, row) for row in first_rows), default=0) for f in forms.values()}
    best = max(scores.values(), default=0)
    top = [fid for fid, s in scores.items() if s == best and s >= 2]
    if len(top) == 1:
        return forms[top[0]]
    if len(top) > 1:
        names = ", ".join(f"{fid}（{forms[fid].title.zh}）" for fid in sorted(top))
        raise InputFileError("form-ambiguous", file=str(path), candidates=names)
    raise InputFileError("form-not-recognised", file=str(path), known=", ".join(sorted(forms)))


def find_header(form: Form, path: Path, rows: list[list[Any]]) -> HeaderMap:
    """The header among the first rows, or an error saying where it should be."""
    for number, cells in enumerate(rows, start=1):
        if looks_like_header(form, cells):
            return map_header(form, number, cells)
    example = "，".join(f.title.zh for f in form.input_fields[:3])
    raise InputFileError(
        "no-header", file=str(path), rows=len(rows), form=form.title.zh, example=example
    )


def check_rows(
    form: Form, file: str, header: HeaderMap, rows: Iterator[list[Any]]
) -> Iterator[Problem]:
    """Yield every problem of the data rows that follow the header."""
    for label in header.duplicates:
        yield Problem("duplicate-column", ERROR, file, header.row, label)
    for label in header.unknown:
        yield Problem("unknown-column", WARNING, file, header.row, label)
    present = set(header.columns.values())
    for f in form.input_fields:
        if f.required and f.name not in present:
            yield Problem(
                "missing-column",
                ERROR,
                file,
                header.row,
                f.title.zh,
                f.name,
                params={"column": f.title.zh},
            )
    checks = [
        (pos, compile_field(form.field(name)), header.labels[pos])  # type: ignore[arg-type]
        for pos, name in header.columns.items()
        if not form.field(name).derived  # type: ignore[union-attr]
    ]
    uniques = {c.field.name: {} for _, c, _ in checks if c.field.unique}
    groups = [
        g
        for g in ((tuple(form.primary_key),) if len(form.primary_key) > 1 else ())
        + form.unique_keys
        if all(n in present for n in g)
    ]
    group_seen: list[dict[tuple, int]] = [{} for _ in groups]
    row_number = header.row
    for cells in rows:
        row_number += 1
        if all(is_blank(c) for c in cells):
            continue
        values: dict[str, Any] = {}
        for pos, check, label in checks:
            raw = cells[pos] if pos < len(cells) else None
            f = check.field
            if is_blank(raw):
                if f.required:
                    yield Problem(
                        "required", ERROR, file, row_number, label, f.name, "", article=_article(f)
                    )
                continue
            value, code, params = check.check(raw)
            if code is not None:
                yield Problem(
                    code,
                    ERROR,
                    file,
                    row_number,
                    label,
                    f.name,
                    display(raw),
                    params=params or {},
                    article=_article(f),
                )
                continue
            values[f.name] = value
            seen = uniques.get(f.name)
            if seen is not None:
                first = seen.setdefault(value, row_number)
                if first != row_number:
                    yield Problem(
                        "unique",
                        ERROR,
                        file,
                        row_number,
                        label,
                        f.name,
                        display(raw),
                        params={"first": first},
                        article=_article(f),
                    )
        for group, seen_keys in zip(groups, group_seen, strict=True):
            key = tuple(values.get(n) for n in group)
            if None in key:
                continue
            first = seen_keys.setdefault(key, row_number)
            if first != row_number:
                yield Problem(
                    "unique-key",
                    ERROR,
                    file,
                    row_number,
                    None,
                    None,
                    " / ".join(display(k) for k in key),
                    params={"columns": "、".join(group), "first": first},
                )


def _article(field: Any) -> str | None:
    return field.clauses[0] if field.clauses else None


def check_file(
    path: Path,
    forms: dict[str, Form],
    form_id: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> FileResult:
    """Check one register file; unusable input is reported in ``fatal``, never raised."""
    file = str(path)
    try:
        source: Source = open_source(path, encoding=encoding, sheet=sheet)
        rows = source.rows()
        first_rows = []
        for cells in rows:
            first_rows.append(cells)
            if len(first_rows) >= HEADER_SEARCH_ROWS:
                break
        if not any(any(not is_blank(c) for c in r) for r in first_rows):
            raise InputFileError("empty-file", file=file)
        form = forms[form_id] if form_id else identify_form(path, forms, first_rows)
        header = find_header(form, path, first_rows)
        remaining = _chain(first_rows[header.row :], rows)
        problems: list[Problem] = []
        counter = _Counter(remaining)
        problems.extend(check_rows(form, file, header, counter))
        return FileResult(file, form.id, counter.count, problems)
    except InputFileError as exc:
        return FileResult(file, form_id, 0, [], fatal=exc)


class _Counter:
    """Counts the data rows (non-blank) while passing them through."""

    def __init__(self, rows: Iterator[list[Any]]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[list[Any]]:
        for cells in self.rows:
            if not all(is_blank(c) for c in cells):
                self.count += 1
            yield cells


def _chain(first: list[list[Any]], rest: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield from first
    yield from rest
