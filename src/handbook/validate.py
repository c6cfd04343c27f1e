"""Check register files against their forms and the policy; yield problems.

The engine streams rows: memory holds only what uniqueness checks, period rules
and cross-register references must keep. Table Schema semantics (types,
required, enum, pattern, lengths, ranges, unique, primary and composite unique
keys) are applied to the values staff really type; then the regulation rules
(``rules``) with the numbers of the policy; then personal-data and
formula-injection checks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from handbook.cells import display, is_blank
from handbook.engine import UniqueTracker, check_rows, duplicate_rows
from handbook.errors import InputFileError
from handbook.header import HEADER_SEARCH_ROWS, HeaderMap, looks_like_header, map_header, score
from handbook.model import Form, Text
from handbook.policy import Policy
from handbook.problems import ERROR, Problem
from handbook.reading import open_source
from handbook.rules import Reference


@dataclass
class Options:
    """How strictly to check: ``publish`` turns personal-data warnings into errors."""

    publish: bool = False
    encoding: str | None = None
    sheet: str | None = None


@dataclass
class FileResult:
    """What checking one file found, plus what cross-register checks need from it."""

    file: str
    form: str | None
    rows: int
    problems: list[Problem]
    fatal: InputFileError | None = None
    keys: dict[str, set[Any]] = field(default_factory=dict)
    key_dates: dict[tuple[str, str], dict[Any, Any]] = field(default_factory=dict)
    pending: list[tuple[Reference, Problem]] = field(default_factory=list)
    unique: list[UniqueTracker] = field(default_factory=list)
    #: called every 65 536 rows with (file, rows so far), for progress on a terminal
    on_rows: Any = None


def identify_form(path: Path, forms: dict[str, Form], first_rows: list[list[Any]]) -> Form:
    """Which form ``path`` is: by folder, then file name, then header; else an error."""
    registers = {
        fid: f for fid, f in forms.items() if f.kind == "register"
    }  # checklists are printed
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


def check_file(
    path: Path,
    forms: dict[str, Form],
    policy: Policy,
    form_id: str | None = None,
    options: Options | None = None,
    key_columns: dict[str, dict[str, set[str]]] | None = None,
    on_rows: Any = None,
) -> FileResult:
    """Check one register file; unusable input is reported in ``fatal``, never raised."""
    options = options or Options()
    file = str(path)
    result = FileResult(file, form_id, 0, [], on_rows=on_rows)
    try:
        source = open_source(path, encoding=options.encoding, sheet=options.sheet)
        rows = source.rows()
        first_rows = list(islice(rows, HEADER_SEARCH_ROWS))
        if not any(any(not is_blank(c) for c in r) for r in first_rows):
            raise InputFileError("empty-file", file=file)
        form = forms[form_id] if form_id else identify_form(path, forms, first_rows)
        result.form = form.id
        header = find_header(form, path, first_rows)
        wanted = (key_columns or {}).get(form.id, {})
        data = _chain(first_rows[header.row :], rows)
        result.problems.extend(
            check_rows(form, file, header, data, policy, options.publish, result, wanted)
        )
        if any(len(t.hashes) > 1 for t in result.unique):
            duplicates = list(_duplicate_problems(form, file, header, source, result.unique))
            if duplicates:
                result.problems.extend(duplicates)
                result.problems.sort(key=lambda p: (p.row is None, p.row or 0))
        result.unique = []
        result.on_rows = None
    except InputFileError as exc:
        result.fatal = exc
        result.problems = []
        result.pending = []
        result.unique = []
        result.on_rows = None
    return result


def _duplicate_problems(
    form: Form, file: str, header: HeaderMap, source: Any, trackers: list[UniqueTracker]
) -> Iterator[Problem]:
    """Confirm repeated values with a second pass that also finds each value's first row."""
    rows = source.rows()
    for _ in range(header.row):
        next(rows, None)
    labels = {name: header.labels[pos] for pos, name in header.columns.items()}
    for tracker, key, row, first in duplicate_rows(form, header, rows, trackers):
        shown = " / ".join(display(k) for k in key)
        if len(tracker.names) == 1:
            yield Problem(
                "unique",
                ERROR,
                file,
                row,
                tracker.column,
                tracker.names[0],
                shown,
                params={"first": first},
                article=tracker.article,
            )
        else:
            yield Problem(
                "unique-key",
                ERROR,
                file,
                row,
                None,
                None,
                shown,
                params={
                    "columns": "、".join(labels.get(n, n) for n in tracker.names),
                    "first": first,
                },
                article=tracker.article,
            )


def reference_targets(
    forms: dict[str, Form], in_run: set[str] | None = None
) -> dict[str, dict[str, set[str]]]:
    """What the forms ``in_run`` need of the registers they refer to.

    ``{form_id: {key column: {date columns compared with, …}}}``. Only those
    values are kept while reading (a million work-order numbers are not worth
    holding when no register in the run refers to them).
    """
    targets: dict[str, dict[str, set[str]]] = {}
    for form in forms.values():
        if in_run is not None and form.id not in in_run:
            continue
        for spec in form.rules:
            if spec.get("check") == "reference":
                dates = targets.setdefault(spec["form"], {}).setdefault(spec["target"], set())
                if isinstance(spec.get("not_before"), dict) and spec["not_before"].get("target"):
                    dates.add(spec["not_before"]["target"])
    return targets


def resolve_references(results: list[FileResult], forms: dict[str, Form]) -> None:
    """Turn each file's pending cross-register checks into problems, now that every file was read."""
    pooled: dict[tuple[str, str], set[Any]] = {}
    pooled_dates: dict[tuple[str, str, str], dict[Any, Any]] = {}
    for r in results:
        if r.form is None or r.fatal is not None:
            continue
        for column, values in r.keys.items():
            pooled.setdefault((r.form, column), set()).update(values)
        for (column, date_col), dates in r.key_dates.items():
            merged = pooled_dates.setdefault((r.form, column, date_col), {})
            for key, date in dates.items():
                merged.setdefault(key, date)
    for r in results:
        not_checked_said = set()
        for rule, problem in r.pending:
            target_form = forms.get(rule.spec["form"])
            target_title = _title(target_form, None, rule.spec["form"])
            target_col = _title(target_form, rule.spec["target"], rule.spec["target"])
            keys = pooled.get((rule.spec["form"], rule.spec["target"]))
            if problem.code == "reference-not-checked":
                if keys is None and rule.id not in not_checked_said:
                    not_checked_said.add(rule.id)
                    r.problems.append(_with(problem, {"target_form": target_title}))
                continue
            if keys is None:
                continue
            if problem.value not in keys:
                r.problems.append(
                    _with(problem, {"target_form": target_title, "target_col": target_col})
                )
                continue
            order = rule.not_before
            local = problem.params.get("local_date")
            if not order or local is None:
                continue
            dates = pooled_dates.get((rule.spec["form"], rule.spec["target"], order["target"]), {})
            earliest = dates.get(problem.value)
            if earliest is not None and _before(local, earliest):
                r.problems.append(
                    Problem(
                        "rule-reference-order",
                        problem.severity,
                        problem.file,
                        problem.row,
                        problem.column,
                        problem.field,
                        problem.value,
                        {
                            "local_col": _title(
                                forms.get(r.form or ""), order["field"], order["field"]
                            ),
                            "local": display(local),
                            "target_form": target_title,
                            "target_date_col": _title(
                                target_form, order["target"], order["target"]
                            ),
                            "target_date": display(earliest),
                        },
                        problem.article,
                    )
                )
        r.pending = []
        r.keys = {}
        r.key_dates = {}


def _title(form: Form | None, field_name: str | None, fallback: str) -> Text:
    """The bilingual title of a form (``field_name`` None) or of one of its fields."""
    if form is None:
        return Text(fallback, fallback)
    if field_name is None:
        return form.title
    f = form.field(field_name)
    return f.title if f is not None else Text(fallback, fallback)


def _before(local: Any, earliest: Any) -> bool:
    """``local`` < ``earliest``, comparing dates when one of them has no time."""
    import datetime as dt

    if isinstance(local, dt.datetime) != isinstance(earliest, dt.datetime):
        local = local.date() if isinstance(local, dt.datetime) else local
        earliest = earliest.date() if isinstance(earliest, dt.datetime) else earliest
    return local < earliest


def _with(problem: Problem, params: dict[str, Any]) -> Problem:
    return Problem(
        problem.code,
        problem.severity,
        problem.file,
        problem.row,
        problem.column,
        problem.field,
        problem.value,
        {**problem.params, **params},
        problem.article,
    )


def _forms_in_run(
    files: Sequence[tuple[Path, str | None]], forms: dict[str, Form], options: Options
) -> set[str]:
    """The forms of the files in this run, from a peek at each file's first rows."""
    found: set[str] = set()
    for path, form_id in files:
        if form_id:
            found.add(form_id)
            continue
        try:
            source = open_source(path, encoding=options.encoding, sheet=options.sheet)
            found.add(
                identify_form(path, forms, list(islice(source.rows(), HEADER_SEARCH_ROWS))).id
            )
        except InputFileError:
            continue
    return found


def _chain(first: list[list[Any]], rest: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield from first
    yield from rest


def validate_files(
    files: Sequence[tuple[Path, str | None]],
    forms: dict[str, Form],
    policy: Policy,
    options: Options | None = None,
    jobs: int = 1,
    on_done: Any = None,
    on_rows: Any = None,
) -> list[FileResult]:
    """Check ``(path, form_id)`` pairs, in parallel when ``jobs`` > 1, then cross-check references.

    ``on_done(index, result)`` is called as each file finishes, and ``on_rows(file, rows)``
    every 65 536 rows when files are checked in this process (for progress).
    """
    options = options or Options()
    key_columns = reference_targets(forms, _forms_in_run(files, forms, options))
    results: list[FileResult | None] = [None] * len(files)
    if jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {
                pool.submit(check_file, path, forms, policy, form_id, options, key_columns): i
                for i, (path, form_id) in enumerate(files)
            }
            for future in as_completed(futures):
                index = futures[future]
                results[index] = future.result()
                if on_done:
                    on_done(index, results[index])
    else:
        for index, (path, form_id) in enumerate(files):
            results[index] = check_file(path, forms, policy, form_id, options, key_columns, on_rows)
            if on_done:
                on_done(index, results[index])
    done = [r for r in results if r is not None]
    resolve_references(done, forms)
    return done
