"""Check register files against their forms and the policy; yield problems.

The engine streams rows: memory holds only what uniqueness checks, period rules
and cross-register references must keep. Table Schema semantics (types,
required, enum, pattern, lengths, ranges, unique, primary and composite unique
keys) are applied to the values staff really type; then the regulation rules
(``rules``) with the numbers of the policy; then personal-data and
formula-injection checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook.cells import compile_field, display, is_blank
from handbook.errors import InputFileError
from handbook.header import HEADER_SEARCH_ROWS, HeaderMap, looks_like_header, map_header, score
from handbook.model import Form, Text
from handbook.policy import Policy
from handbook.problems import ERROR, WARNING, Problem
from handbook.reading import open_source
from handbook.rules import Reference, compile_rules

_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_ID_CARD = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
_FULL_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_FORMULA_START = ("=", "+", "-", "@")


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
    pending: list[tuple[Reference, Problem]] = field(default_factory=list)


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


def _article(form: Form, clauses: Sequence[str]) -> str | None:
    if clauses:
        return clauses[0]
    return form.clauses[0] if form.clauses else None


def _personal(
    name: str, kind: str | None, text: str, severity: str
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Unmasked personal data in one string cell: ``(code, severity, params)``."""
    if kind in ("phone", "free_text", "address", "name", "id_card"):
        match = _MOBILE.search(text)
        if match:
            number = match.group(0)
            yield "unmasked-phone", severity, {"masked": f"{number[:3]}****{number[-4:]}"}
        if _ID_CARD.search(text):
            yield "unmasked-id-card", severity, {}
    if kind == "name" and _FULL_NAME.match(text) and not text.endswith(("先生", "女士", "小姐")):
        yield "unmasked-name", severity, {}


def check_rows(
    form: Form,
    file: str,
    header: HeaderMap,
    rows: Iterator[list[Any]],
    policy: Policy,
    options: Options,
    result: FileResult,
    key_columns: set[str] = frozenset(),
) -> Iterator[Problem]:  # type: ignore[assignment]
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
                params={"column": f.title},
                article=_article(form, f.clauses),
            )
    checks = []
    for pos, name in header.columns.items():
        f = form.field(name)
        if f is not None and not f.derived:
            checks.append((pos, compile_field(f), header.labels[pos], _article(form, f.clauses)))
    uniques: dict[str, dict[Any, int]] = {
        c.field.name: {} for _, c, _, _ in checks if c.field.unique
    }
    pk = (tuple(form.primary_key),) if len(form.primary_key) > 1 else ()
    groups = [g for g in pk + form.unique_keys if all(n in present for n in g)]
    group_seen: list[dict[tuple, int]] = [{} for _ in groups]
    rules = compile_rules(form, policy)
    row_rules = [r for r in rules.row if _uses_present(r, present)]
    labels = {name: header.labels[pos] for pos, name in header.columns.items()}
    keys = {name: result.keys.setdefault(name, set()) for name in key_columns}
    personal_severity = ERROR if options.publish else WARNING
    row_number = header.row
    for cells in rows:
        row_number += 1
        if all(is_blank(c) for c in cells):
            continue
        values: dict[str, Any] = {}
        for pos, check, label, article in checks:
            raw = cells[pos] if pos < len(cells) else None
            f = check.field
            if is_blank(raw):
                if f.required:
                    yield Problem(
                        "required", ERROR, file, row_number, label, f.name, "", article=article
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
                    article=article,
                )
                continue
            values[f.name] = value
            if isinstance(raw, str) and f.type == "string":
                if raw[:1] in _FORMULA_START:
                    yield Problem(
                        "formula-injection",
                        WARNING,
                        file,
                        row_number,
                        label,
                        f.name,
                        raw,
                        params={"first": raw[:1]},
                    )
                if f.personal:
                    for pcode, severity, pparams in _personal(
                        f.name, f.personal, raw, personal_severity
                    ):
                        yield Problem(
                            pcode,
                            severity,
                            file,
                            row_number,
                            label,
                            f.name,
                            display(raw) if pcode == "unmasked-name" else None,
                            params=pparams,
                        )
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
                        article=article,
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
                    params={"columns": "、".join(labels.get(n, n) for n in group), "first": first},
                    article=_article(form, ()),
                )
        for name, bucket in keys.items():
            if name in values:
                bucket.add(values[name])
        for rule in row_rules:
            for finding in rule.check_row(values):
                column = labels.get(finding.field or "")
                problem = Problem(
                    finding.code,
                    finding.severity,
                    file,
                    row_number,
                    column,
                    finding.field,
                    display(values.get(finding.field or "", "")),
                    params=finding.params,
                    article=rule.article,
                )
                if isinstance(rule, Reference):
                    result.pending.append((rule, problem))
                else:
                    yield problem
        for rule in rules.period:
            rule.observe(values, row_number)
    for rule in rules.period:
        for finding in rule.finish():
            yield Problem(
                finding.code,
                finding.severity,
                file,
                finding.row,
                labels.get(finding.field or ""),
                finding.field,
                None,
                params=finding.params,
                article=rule.article,
            )
    for rule in rules.references:
        if rule.spec["field"] in present:
            result.pending.append(
                (
                    rule,
                    Problem(
                        "reference-not-checked",
                        WARNING,
                        file,
                        None,
                        labels.get(rule.spec["field"]),
                        rule.spec["field"],
                        article=rule.article,
                    ),
                )
            )


def _uses_present(rule: Any, present: set[str]) -> bool:
    """A row rule whose fields are all missing from the file is skipped (missing columns are reported once)."""
    names = [rule.spec.get(p) for p in rule.field_params if rule.spec.get(p)]
    return any(n in present for n in names) or not names


def check_file(
    path: Path,
    forms: dict[str, Form],
    policy: Policy,
    form_id: str | None = None,
    options: Options | None = None,
    key_columns: dict[str, set[str]] | None = None,
) -> FileResult:
    """Check one register file; unusable input is reported in ``fatal``, never raised."""
    options = options or Options()
    file = str(path)
    result = FileResult(file, form_id, 0, [])
    try:
        source = open_source(path, encoding=options.encoding, sheet=options.sheet)
        rows = source.rows()
        first_rows = []
        for cells in rows:
            first_rows.append(cells)
            if len(first_rows) >= HEADER_SEARCH_ROWS:
                break
        if not any(any(not is_blank(c) for c in r) for r in first_rows):
            raise InputFileError("empty-file", file=file)
        form = forms[form_id] if form_id else identify_form(path, forms, first_rows)
        result.form = form.id
        header = find_header(form, path, first_rows)
        counter = _Counter(_chain(first_rows[header.row :], rows))
        wanted = (key_columns or {}).get(form.id, set())
        result.problems.extend(
            check_rows(form, file, header, iter(counter), policy, options, result, wanted)
        )
        result.rows = counter.count
    except InputFileError as exc:
        result.fatal = exc
        result.problems = []
        result.pending = []
    return result


def reference_targets(forms: dict[str, Form]) -> dict[str, set[str]]:
    """Which columns of which forms other forms refer to: ``{form_id: {column, …}}``."""
    targets: dict[str, set[str]] = {}
    for form in forms.values():
        for spec in form.rules:
            if spec.get("check") == "reference":
                targets.setdefault(spec["form"], set()).add(spec["target"])
    return targets


def resolve_references(results: list[FileResult], forms: dict[str, Form]) -> None:
    """Turn each file's pending cross-register checks into problems, now that every file was read."""
    pooled: dict[tuple[str, str], set[Any]] = {}
    for r in results:
        if r.form is None or r.fatal is not None:
            continue
        for column, values in r.keys.items():
            pooled.setdefault((r.form, column), set()).update(values)
    for r in results:
        not_checked_said = set()
        for rule, problem in r.pending:
            target_form = forms.get(rule.spec["form"])
            target_title = (
                target_form.title if target_form else Text(rule.spec["form"], rule.spec["form"])
            )
            target_field = target_form.field(rule.spec["target"]) if target_form else None
            target_col = (
                target_field.title
                if target_field
                else Text(rule.spec["target"], rule.spec["target"])
            )
            keys = pooled.get((rule.spec["form"], rule.spec["target"]))
            if problem.code == "reference-not-checked":
                if keys is None and rule.id not in not_checked_said:
                    not_checked_said.add(rule.id)
                    r.problems.append(_with(problem, {"target_form": target_title}))
                continue
            if keys is not None and problem.value not in keys:
                r.problems.append(
                    _with(problem, {"target_form": target_title, "target_col": target_col})
                )
        r.pending = []
        r.keys = {}


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


def validate_files(
    files: Sequence[tuple[Path, str | None]],
    forms: dict[str, Form],
    policy: Policy,
    options: Options | None = None,
    jobs: int = 1,
    on_done: Any = None,
) -> list[FileResult]:
    """Check ``(path, form_id)`` pairs, in parallel when ``jobs`` > 1, then cross-check references.

    ``on_done(index, result)`` is called as each file finishes (for progress).
    """
    options = options or Options()
    key_columns = reference_targets(forms)
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
            results[index] = check_file(path, forms, policy, form_id, options, key_columns)
            if on_done:
                on_done(index, results[index])
    done = [r for r in results if r is not None]
    resolve_references(done, forms)
    return done
