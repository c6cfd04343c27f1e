"""The row engine: the hot loop that checks every cell and row of a register.

Compiled once per file: each column gets its cell check and, for columns with
few distinct values (choices, dates, yes/no), a cache of results, so a
million-row register costs a dictionary lookup per cell. Uniqueness keeps
only 64-bit hashes; the first row of a duplicate is found by a second pass
over the file, which happens only when there are duplicates.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from handbook.model.form import Form, Text
from handbook.model.policy import Policy
from handbook.registers.cells import (
    BLANK_START,
    column_letter,
    compile_field,
    display,
    is_blank,
    looks_blank,
)
from handbook.registers.header import HeaderMap
from handbook.validate.personal import personal_findings
from handbook.validate.problems import ERROR, WARNING, Problem
from handbook.validate.rules import Finding, PeriodRule, Reference, Rule, RuleSet, compile_rules
from handbook.validate.rules.base import INVALID

_FORMULA_START = frozenset("=+-@")
_CACHE_LIMIT = 4096
_BLANK, _OK, _BAD = 0, 1, 2


def _evaluate(col: Column, raw: Any) -> tuple:
    """A cell's verdict, cacheable by its raw text: (kind, value, code, params)."""
    if raw is None or (type(raw) is str and looks_blank(raw)):
        return (_BLANK, None, None, None)
    value, code, params = col.check(raw)
    if code is not None:
        return (_BAD, None, code, params or {})
    return (_OK, value, None, None)


@dataclass
class Column:
    """One checked column of the file."""

    pos: int
    name: str
    label: str
    article: str | None
    required: bool
    check: Callable[[Any], tuple[Any, str | None, dict | None]]
    cacheable: bool
    is_string: bool
    personal: str | None
    unique: bool
    title: Text
    #: the column's letter as Excel shows it (A, B, … AA)
    letter: str
    cache: dict[Any, tuple] = field(default_factory=dict)


@dataclass
class UniqueTracker:
    """Remembers only a 64-bit hash per value (8 bytes in an array) for one unique column or key.

    Duplicated hashes are found by sorting at the end; a second pass over the
    file then compares the real values, so a hash collision is never reported.
    """

    names: tuple[str, ...]
    column: str | None
    article: str | None
    hashes: array = field(default_factory=lambda: array("q"))

    def duplicated_hashes(self) -> set[int]:
        ordered = sorted(self.hashes)
        return {h for h, nxt in zip(ordered, ordered[1:], strict=False) if h == nxt}


def article_of(form: Form, clauses: Iterable[str]) -> str | None:
    """The article behind a field or rule; none when it names none (the form's page is linked)."""
    clauses = tuple(clauses)
    return clauses[0] if clauses else None


def compile_columns(form: Form, header: HeaderMap) -> list[Column]:
    """The checks of the columns present in the file (derived columns are not checked)."""
    columns = []
    for pos, name in sorted(header.columns.items()):
        f = form.field(name)
        if f is None or f.derived:
            continue
        # Choices, dates, numbers and yes/no repeat: cache them. Free text, and unique
        # values (numbers of records) do not.
        cacheable = bool(f.enum) or f.type in ("date", "datetime", "boolean", "integer", "number")
        # a primary key of one field is unique and required, as Table Schema says
        key = tuple(form.primary_key) == (name,)
        unique = f.unique or key
        columns.append(
            Column(
                pos,
                name,
                header.labels[pos],
                article_of(form, f.clauses),
                f.required or key,
                compile_field(f).check,
                cacheable and not unique,
                f.type == "string",
                f.personal,
                unique,
                f.title,
                column_letter(pos),
            )
        )
    return columns


def header_problems(form: Form, file: str, header: HeaderMap) -> Iterator[Problem]:
    """Problems of the header row itself: duplicated, unknown and missing columns."""
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
                params={"column": f.title},
                article=article_of(form, f.clauses),
            )


def _cell_problem(col: Column, hit: tuple, raw: Any, file: str, row_number: int) -> Problem:
    """A cached column's cell that does not parse, or a required one left empty."""
    if hit[0] != _BAD:
        return _required(col, file, row_number)
    return Problem(
        hit[2],
        ERROR,
        file,
        row_number,
        col.label,
        col.name,
        display(raw),
        params={**hit[3], "column": col.title},
        article=col.article,
        cell=f"{col.letter}{row_number}",
    )


def _required(col: Column, file: str, row_number: int) -> Problem:
    return Problem(
        "required",
        ERROR,
        file,
        row_number,
        col.label,
        col.name,
        "",
        params={"column": col.title},
        article=col.article,
        cell=f"{col.letter}{row_number}",
    )


def _plain_cells(
    plain: list[Column],
    cells: list[Any],
    values: dict[str, Any],
    file: str,
    row_number: int,
    personal: str,
) -> list[Problem]:
    """Check the other columns (free text, unique values), with formula and personal-data checks."""
    found: list[Problem] = []
    for col in plain:
        raw = cells[col.pos]
        if raw is None or (
            type(raw) is str and (not raw or (raw[0] in BLANK_START and looks_blank(raw)))
        ):
            if col.required:
                found.append(_required(col, file, row_number))
            continue
        value, code, params = col.check(raw)
        if code is not None:
            found.append(
                Problem(
                    code,
                    ERROR,
                    file,
                    row_number,
                    col.label,
                    col.name,
                    display(raw),
                    params={**(params or {}), "column": col.title},
                    article=col.article,
                    cell=f"{col.letter}{row_number}",
                )
            )
            continue
        values[col.name] = value
        if col.is_string:
            if type(raw) is str:
                if col.personal or raw[0] in _FORMULA_START:
                    found.extend(_text_warnings(col, raw, True, file, row_number, personal))
            elif col.personal:
                # a number cell is read as the text Excel shows (a mobile typed as a number)
                found.extend(_text_warnings(col, display(raw), False, file, row_number, personal))
    return found


def _text_warnings(
    col: Column, raw: str, typed: bool, file: str, row_number: int, personal: str
) -> Iterator[Problem]:
    """A text cell Excel may run as a formula, and unmasked personal data (in any cell)."""
    cell = f"{col.letter}{row_number}"
    if typed and raw[0] in _FORMULA_START:
        yield Problem(
            "formula-injection",
            WARNING,
            file,
            row_number,
            col.label,
            col.name,
            raw,
            params={"first": raw[0], "column": col.title},
            cell=cell,
        )
    if col.personal:
        for pcode, pparams in personal_findings(col.personal, raw):
            yield Problem(
                pcode,
                personal,
                file,
                row_number,
                col.label,
                col.name,
                display(raw) if pcode == "unmasked-name" else None,
                params={**pparams, "column": col.title},
                cell=cell,
            )


@dataclass
class _Kept:
    """What one pass keeps of every row: hashes for uniqueness, key values and dates for references."""

    trackers: list[UniqueTracker]
    keys: dict[str, set[Any]]
    key_dates: list[tuple[str, str, dict[Any, Any]]]

    def remember(self, values: dict[str, Any]) -> None:
        for tracker in self.trackers:
            names = tracker.names
            if len(names) == 1:
                value = values.get(names[0])
                if value is not None:
                    tracker.hashes.append(hash(value))
            else:
                key = tuple(values.get(name) for name in names)
                if None not in key:
                    tracker.hashes.append(hash(key))
        for name, bucket in self.keys.items():
            if name in values:
                bucket.add(values[name])
        for name, date_col, dates in self.key_dates:
            if name in values and date_col in values:
                dates.setdefault(values[name], values[date_col])


def _kept(
    form: Form, columns: list[Column], present: set[str], sink: Any, key_columns: dict
) -> _Kept:
    pk = (tuple(form.primary_key),) if len(form.primary_key) > 1 else ()
    groups = [g for g in pk + form.unique_keys if all(n in present for n in g)]
    trackers = [UniqueTracker((c.name,), c.label, c.article) for c in columns if c.unique]
    trackers += [UniqueTracker(g, None, article_of(form, ())) for g in groups]
    sink.unique = trackers
    keys = {name: sink.keys.setdefault(name, set()) for name in key_columns}
    # dates other registers compare with theirs: (key column, date column) -> {key: date}
    key_dates = [
        (name, date_col, sink.key_dates.setdefault((name, date_col), {}))
        for name, date_cols in key_columns.items()
        for date_col in date_cols
    ]
    return _Kept(trackers, keys, key_dates)


def _rule_problem(
    finding: Finding, rule: Rule, file: str, row: int | None, header: _Names, value: Any
) -> Problem:
    name = finding.field or ""
    letter = header.letters.get(name)
    params = finding.params
    if name in header.titles:
        params = {"column": header.titles[name], **params}
    return Problem(
        finding.code,
        finding.severity,
        file,
        row,
        header.labels.get(name),
        finding.field,
        value,
        params=params,
        article=rule.article,
        cell=f"{letter}{row}" if letter and row is not None else None,
    )


@dataclass
class _Names:
    """How a field is named in this file: its header cell, its column letter, its title."""

    labels: dict[str, str]
    letters: dict[str, str]
    titles: dict[str, Text]


def _names(form: Form, header: HeaderMap) -> _Names:
    labels = {name: header.labels[pos] for pos, name in header.columns.items()}
    letters = {name: column_letter(pos) for pos, name in header.columns.items()}
    titles = {}
    for name in labels:
        f = form.field(name)
        if f is not None:
            titles[name] = f.title
    return _Names(labels, letters, titles)


def check_rows(
    form: Form,
    file: str,
    header: HeaderMap,
    rows: Iterator[list[Any]],
    policy: Policy,
    publish: bool,
    sink: Any,
    key_columns: dict[str, set[str]],
    strict_periods: bool = False,
    today: dt.date | None = None,
) -> Iterator[Problem]:
    """Yield the problems of the data rows that follow the header.

    Period findings (quotas, coverage, intervals, monthly counts) are warnings,
    or errors with ``strict_periods`` once their period has ended by ``today``.

    ``sink`` receives what outlives the pass: the row count, values of columns
    other registers refer to, pending references and duplicate candidates.
    """
    yield from header_problems(form, file, header)
    present = set(header.columns.values())
    columns = compile_columns(form, header)
    names = _names(form, header)
    cached = [(c.pos, c.name, c.cache, c) for c in columns if c.cacheable]
    plain = [c for c in columns if not c.cacheable]
    width = max((c.pos for c in columns), default=-1) + 1
    kept = _kept(form, columns, present, sink, key_columns)
    rules = compile_rules(form, policy)
    row_rules = [r for r in rules.row if _uses_present(r, present)]
    period_rules = rules.period
    personal = ERROR if publish else WARNING
    row_number = header.row
    count = 0
    for cells in rows:
        row_number += 1
        if len(cells) < width:
            cells = list(cells) + [None] * (width - len(cells))
        if _blank_row(cells):
            continue
        count += 1
        if not count & 0xFFFF and sink.on_rows is not None:
            sink.on_rows(sink.file, count)
        values: dict[str, Any] = {}
        found: list[Problem] | None = None
        # the hot loop, inline: one dictionary lookup per cell of a cached column
        for pos, name, cache, col in cached:
            raw = cells[pos]
            hit = cache.get(raw)
            if hit is None:
                hit = _evaluate(col, raw)
                if len(cache) < _CACHE_LIMIT:
                    cache[raw] = hit
            if hit[0] == _OK:
                values[name] = hit[1]
            elif hit[0] == _BAD or col.required:
                found = found or []
                found.append(_cell_problem(col, hit, raw, file, row_number))
        if plain:
            more = _plain_cells(plain, cells, values, file, row_number, personal)
            found = found + more if found else more
        if found:
            # a cell filled with a bad value is not an empty cell: one cause, one problem
            values[INVALID] = {p.field for p in found if p.code != "required"}
            yield from found
        kept.remember(values)
        for rule in row_rules:
            finding = rule.check_row(values)
            if finding is None:
                continue
            value = display(values.get(finding.field or "", ""))
            problem = _rule_problem(finding, rule, file, row_number, names, value)
            if isinstance(rule, Reference):
                sink.pending.append((rule, problem))
            else:
                yield problem
        for period_rule in period_rules:
            period_rule.see(values, row_number)
    sink.rows = count
    severity = _period_severity(strict_periods, today or dt.date.today())
    yield from _finish(rules, present, file, names, sink, severity)


def _period_severity(strict: bool, today: dt.date) -> Callable[[PeriodRule], str]:
    def severity(rule: PeriodRule) -> str:
        return ERROR if strict and rule.ended(today) else WARNING

    return severity


def _finish(
    rules: RuleSet,
    present: set[str],
    file: str,
    names: _Names,
    sink: Any,
    severity: Callable[[PeriodRule], str],
) -> Iterator[Problem]:
    """After the last row: period rules' findings, and references waiting for their target."""
    for rule in rules.period:
        level = severity(rule)
        for finding in rule.finish():
            finding.severity = level
            yield _rule_problem(finding, rule, file, finding.row, names, None)
    for reference in rules.references:
        if reference.spec["field"] in present:
            sink.pending.append(
                (
                    reference,
                    Problem(
                        "reference-not-checked",
                        WARNING,
                        file,
                        None,
                        names.labels.get(reference.spec["field"]),
                        reference.spec["field"],
                        params={"column": names.titles[reference.spec["field"]]},
                        article=reference.article,
                    ),
                )
            )


def _blank_row(cells: list[Any]) -> bool:
    if not any(cells):
        return True
    for c in cells:  # noqa: SIM110 - a plain loop: this runs for every row
        if not is_blank(c):
            return False
    return True


def _uses_present(rule: Any, present: set[str]) -> bool:
    """A row rule whose fields are all missing from the file is skipped (missing columns are reported once)."""
    names = [rule.spec.get(p) for p in rule.field_params if rule.spec.get(p)]
    return any(n in present for n in names) or not names


def duplicate_rows(
    form: Form, header: HeaderMap, rows: Iterator[list[Any]], trackers: list[UniqueTracker]
) -> Iterator[tuple[UniqueTracker, tuple, int, int]]:
    """Second pass: ``(tracker, key, row, first_row)`` for every repeated value or key."""
    suspects = [(t, t.duplicated_hashes()) for t in trackers]
    suspects = [(t, hashes) for t, hashes in suspects if hashes]
    if not suspects:
        return
    columns = {c.name: c for c in compile_columns(form, header)}
    first: list[dict[tuple, int]] = [{} for _ in suspects]
    row_number = header.row
    for cells in rows:
        row_number += 1
        n = len(cells)
        for (tracker, hashes), seen in zip(suspects, first, strict=True):
            parts = []
            for name in tracker.names:
                col = columns.get(name)
                raw = cells[col.pos] if col is not None and col.pos < n else None
                if col is None or is_blank(raw):
                    break
                value, code, _ = col.check(raw)
                if code is not None:
                    break
                parts.append(value)
            else:
                key = tuple(parts)
                if hash(key if len(key) > 1 else key[0]) not in hashes:
                    continue
                earlier = seen.setdefault(key, row_number)
                if earlier != row_number:
                    yield tracker, key, row_number, earlier
