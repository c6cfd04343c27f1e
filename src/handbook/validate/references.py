"""Cross-register references: a value in one register must exist in another checked in the same run.

Each file keeps only the key values other registers in the run refer to; the
references found in a file wait as candidates until every file is read, then
the ones whose target lacks the value (or whose dates are out of order) become
problems.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handbook.model.form import Form, Text
from handbook.registers.cells import display
from handbook.validate.problems import Problem
from handbook.validate.results import FileResult


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
                        problem.cell,
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
        problem.cell,
    )
