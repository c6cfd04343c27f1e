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
from dataclasses import replace
from pathlib import Path
from typing import Any

from handbook.errors import InputFileError
from handbook.model.form import Form, Text
from handbook.model.policy import Policy
from handbook.registers.cells import column_letter, display
from handbook.registers.header import (
    HeaderMap,
)
from handbook.registers.opening import open_register, peek_form
from handbook.registers.origin import SPREADSHEET, writer
from handbook.validate.engine import UniqueTracker, check_rows, duplicate_rows
from handbook.validate.problems import ERROR, Problem
from handbook.validate.references import reference_targets, resolve_references
from handbook.validate.results import FileResult, Options
from handbook.validate.unique_files import resolve_unique


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
        register = open_register(path, forms, form_id, options.encoding, options.sheet)
        form, header, source = register.form, register.header, register.source
        result.form = form.id
        wanted = (key_columns or {}).get(form.id, {})
        result.problems.extend(
            check_rows(
                form,
                file,
                header,
                register.data,
                policy,
                options.publish,
                result,
                wanted,
                options.strict_periods,
            )
        )
        if any(len(t.hashes) > 1 for t in result.unique):
            duplicates = list(_duplicate_problems(form, file, header, source, result.unique))
            if duplicates:
                result.problems.extend(duplicates)
                result.problems.sort(key=lambda p: (p.row is None, p.row or 0))
        result.unique = []
        result.on_rows = None
        result.problems = _name_the_program(result.problems, path, source.kind)
    except InputFileError as exc:
        _unusable(result, exc)
    except MemoryError:  # what was read is dropped with the frames; the next file is checked
        _unusable(result, InputFileError("out-of-memory", file=file))
    except RecursionError:  # XML nested thousands deep in a workbook
        _unusable(result, InputFileError("too-deeply-nested", file=file))
    return result


def _unusable(result: FileResult, exc: InputFileError) -> None:
    result.fatal = exc
    result.problems = []
    result.pending = []
    result.unique = []
    result.on_rows = None


def _name_the_program(problems: list[Problem], path: Path, kind: str) -> list[Problem]:
    """Messages that blame "the spreadsheet" name the program when the file names it."""
    if not any(p.params.get("program") is SPREADSHEET for p in problems):
        return problems
    program = writer(path, kind)
    return [
        replace(p, params={**p.params, "program": program})
        if p.params.get("program") is SPREADSHEET
        else p
        for p in problems
    ]


def _duplicate_problems(
    form: Form, file: str, header: HeaderMap, source: Any, trackers: list[UniqueTracker]
) -> Iterator[Problem]:
    """Confirm repeated values with a second pass that also finds each value's first row."""
    rows = source.rows()
    for _ in range(header.row):
        next(rows, None)
    letters = {name: column_letter(pos) for pos, name in header.columns.items()}

    def title(name: str) -> Text:
        f = form.field(name)
        return f.title if f is not None else Text(name, name)

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
                params={"first": first, "column": title(tracker.names[0])},
                article=tracker.article,
                cell=f"{letters[tracker.names[0]]}{row}" if tracker.names[0] in letters else None,
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
                    "columns": Text(
                        "、".join(title(n).zh for n in tracker.names),
                        ", ".join(title(n).en for n in tracker.names),
                    ),
                    "first": first,
                },
                article=tracker.article,
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
            found.add(peek_form(path, forms, options.encoding, options.sheet).id)
        except InputFileError:
            continue
    return found


def _check_all(
    files: Sequence[tuple[Path, str | None]],
    forms: dict[str, Form],
    policy: Policy,
    options: Options,
    key_columns: dict[str, dict[str, set[str]]],
    on_rows: Any = None,
) -> list[FileResult]:
    """Check files one after the other in this process, then resolve their references together."""
    results = [
        check_file(path, forms, policy, form_id, options, key_columns, on_rows)
        for path, form_id in files
    ]
    resolve_references(results, forms)
    resolve_unique(results, forms, options)
    return results


def _by_group(count: int, groups: Sequence[str] | None) -> dict[str, list[int]]:
    """File indexes by group (estate), in first-seen order; one group when none are given."""
    found: dict[str, list[int]] = {}
    for index in range(count):
        found.setdefault(groups[index] if groups is not None else "", []).append(index)
    return found


def _estates_in_pool(
    files: Sequence[tuple[Path, str | None]],
    forms: dict[str, Form],
    policy: Policy,
    options: Options,
    key_columns: dict[str, dict[str, set[str]]],
    parts: dict[str, list[int]],
    jobs: int,
    on_done: Any,
) -> list[FileResult]:
    """Whole estates spread over ``jobs`` processes, each resolving its own references."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    results: list[FileResult | None] = [None] * len(files)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {
            pool.submit(
                _check_all, [files[i] for i in indexes], forms, policy, options, key_columns
            ): indexes
            for indexes in parts.values()
        }
        for future in as_completed(futures):
            for index, result in zip(futures[future], future.result(), strict=True):
                results[index] = result
                if on_done:
                    on_done(index, result)
    return [r for r in results if r is not None]


def validate_files(
    files: Sequence[tuple[Path, str | None]],
    forms: dict[str, Form],
    policy: Policy,
    options: Options | None = None,
    jobs: int = 1,
    on_done: Any = None,
    on_rows: Any = None,
    groups: Sequence[str] | None = None,
) -> list[FileResult]:
    """Check ``(path, form_id)`` pairs, in parallel when ``jobs`` > 1, then cross-check references.

    ``groups`` names each file's estate: references are resolved within an estate
    only (a notice in one estate never answers a complaint in another). With
    several estates, ``jobs`` processes each take whole estates; with one, files.
    ``on_done(index, result)`` is called as each file (or estate) finishes, and
    ``on_rows(file, rows)`` every 65 536 rows when files are checked in this process.
    """
    options = options or Options()
    key_columns = reference_targets(forms, _forms_in_run(files, forms, options))
    results: list[FileResult | None] = [None] * len(files)
    parts = _by_group(len(files), groups)
    if jobs > 1 and len(parts) > 1:
        return _estates_in_pool(files, forms, policy, options, key_columns, parts, jobs, on_done)
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
    for indexes in parts.values():
        resolve_references([done[i] for i in indexes], forms)
        resolve_unique([done[i] for i in indexes], forms, options)
    return done
