"""Read ``policy.yaml`` into a ``Policy``, naming the line of every problem.

``check_policy_file`` returns the policy (None if broken) and every problem, for
``handbook lint``; ``load_policy`` raises ``FormFileError`` with the first one, for
callers that need a usable policy.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from handbook.errors import FormFileError
from handbook.load.forms import LintProblem
from handbook.load.yamlio import LineDict, LineList, read_yaml
from handbook.model.form import Text
from handbook.model.policy import (
    PREVIOUS_KEYS,
    SETTING_KEYS,
    TIME_UNITS,
    UNITS,
    Policy,
    Setting,
    Term,
)

#: Units whose values are numbers of something (a time unit also takes ``same_day``).
_NUMERIC = (*TIME_UNITS, "months", "share", "count")


def _text(raw: Any) -> Text | None:
    if isinstance(raw, dict) and isinstance(raw.get("zh"), str) and isinstance(raw.get("en"), str):
        return Text(raw["zh"], raw["en"])
    return None


def load_policy(path: Path) -> Policy:
    """Read ``policy.yaml``; raise FormFileError naming the line of the first problem."""
    policy, problems = check_policy_file(path)
    if problems:
        first = problems[0]
        if "file" in first.params:  # the file cannot be read or parsed: that error as it came
            raise FormFileError(first.code, **first.params)
        raise FormFileError(
            "policy-invalid",
            file=first.file,
            line=first.line,
            problem_code=first.code,
            problem=first.params,
        )
    assert policy is not None
    return policy


def check_policy_file(path: Path) -> tuple[Policy | None, list[LintProblem]]:
    """Read and check ``policy.yaml``: the policy (None if broken) and every problem, by line."""
    try:
        data, duplicates = read_yaml(path)
    except FormFileError as exc:
        line = int(str(exc.params.get("line", 1)))
        return None, [LintProblem(str(path), line, exc.code, exc.params)]
    checker = _Checker(str(path))
    for key, line, first in duplicates:
        checker.add(line, "duplicate-key", key=key, first=first)
    if not isinstance(data, LineDict):
        checker.add(1, "form-not-mapping")
        return None, checker.problems
    settings: dict[str, Setting] = {}
    for key, raw in data.items():
        setting = checker.setting(str(key), raw, data.line_of(key))
        if setting is not None:
            settings[str(key)] = setting
    if checker.problems:
        return None, checker.problems
    return Policy(settings, str(path)), []


class _Checker:
    """Walks one parsed policy file and records problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[LintProblem] = []

    def add(self, line: int, code: str, **params: Any) -> None:
        self.problems.append(LintProblem(self.file, line, code, params))

    def setting(self, key: str, raw: Any, line: int) -> Setting | None:
        where = f"policy {key}"
        if not isinstance(raw, LineDict) or "value" not in raw:
            self.add(line, "bad-value", where=where, key="value", expected="{value: …, title: …}")
            return None
        count = len(self.problems)
        for sub in raw:
            if sub not in SETTING_KEYS:
                self.add(
                    raw.line_of(sub),
                    "unknown-key",
                    key=sub,
                    where=where,
                    allowed=", ".join(SETTING_KEYS),
                )
        unit = raw.get("unit", "count")
        if unit not in UNITS:
            self.add(
                raw.line_of("unit"), "bad-choice", key="unit", value=unit, allowed=", ".join(UNITS)
            )
        title = _text(raw.get("title"))
        if title is None:
            self.add(raw.line_of("title"), "title-missing", where=where, key="title", lang="zh/en")
        value = _plain(raw["value"])
        if unit == "working_days" and not _whole(value):
            self.add(
                raw.line_of("value"),
                "bad-value",
                where=where,
                key="value",
                expected=_expected(value, unit),
            )
        clauses = tuple(raw.get("clauses") or ())
        company = _text(raw.get("company"))
        if "company" in raw and company is None:
            self.add(
                raw.line_of("company"),
                "bad-value",
                where=where,
                key="company",
                expected="{zh: …, en: …}",
            )
        previous = self.previous(key, raw, value, str(unit), clauses)
        if len(self.problems) > count or title is None:
            return None
        return Setting(
            key=key,
            value=value,
            unit=str(unit),
            title=title,
            clauses=clauses,
            by=raw.get("by"),
            alternatives=tuple(_plain(a) for a in raw.get("alternatives") or ()),
            note=_text(raw.get("note")),
            line=line,
            previous=previous,
            then_every_months=_months(raw.get("then_every_months")),
            company=company,
        )

    def previous(
        self, key: str, raw: LineDict, value: Any, unit: str, clauses: tuple[str, ...]
    ) -> tuple[Term, ...]:
        """The earlier values, oldest first, each checked for shape, date and order."""
        entries = raw.get("previous")
        if entries is None:
            return ()
        where = f"policy {key}"
        if not isinstance(entries, LineList):
            self.add(raw.line_of("previous"), "previous-not-list", where=where)
            return ()
        terms: list[Term] = []
        before: dt.date | None = None
        for n, entry in enumerate(entries, start=1):
            line = entries.line_of(n - 1)
            if not isinstance(entry, LineDict) or "until" not in entry or "value" not in entry:
                self.add(line, "previous-not-entry", where=where, n=n)
                continue
            for sub in entry:
                if sub not in PREVIOUS_KEYS:
                    self.add(
                        entry.line_of(sub),
                        "unknown-key",
                        key=sub,
                        where=f"{where} previous {n}",
                        allowed=", ".join(PREVIOUS_KEYS),
                    )
            until = self.date(entry, "until", where, n)
            start = self.date(entry, "from", where, n) if "from" in entry else None
            term_unit = str(entry.get("unit", unit))
            if term_unit != unit and not (unit in TIME_UNITS and term_unit in TIME_UNITS):
                allowed = ", ".join(TIME_UNITS) if unit in TIME_UNITS else unit
                self.add(
                    entry.line_of("unit"),
                    "previous-bad-unit",
                    where=where,
                    n=n,
                    value=term_unit,
                    allowed=allowed,
                )
            old = _plain(entry["value"])
            if not _same_shape(old, value, term_unit, raw.get("choices")):
                self.add(
                    entry.line_of("value"),
                    "previous-bad-shape",
                    where=where,
                    n=n,
                    value=_show(old),
                    expected=_expected(value, term_unit),
                )
            if until is None:
                continue
            self.order(entry, where, n, before, start, until)
            first = before + dt.timedelta(days=1) if before is not None else None
            terms.append(
                Term(old, term_unit, first, until, tuple(entry.get("clauses") or clauses), line)
            )
            before = until if before is None or until > before else before
        return tuple(terms)

    def order(
        self,
        entry: LineDict,
        where: str,
        n: int,
        before: dt.date | None,
        start: dt.date | None,
        until: dt.date,
    ) -> None:
        """Periods follow one another: each ``until`` after the one before, ``from`` the day after."""
        line = entry.line_of("until")
        if start is not None and start > until:
            self.add(
                entry.line_of("from"),
                "previous-bad-period",
                where=where,
                n=n,
                start=start.isoformat(),
                until=until.isoformat(),
            )
        if before is None:
            return
        if until < before:
            self.add(
                line,
                "previous-order",
                where=where,
                n=n,
                until=until.isoformat(),
                before=before.isoformat(),
            )
        elif until == before:
            self.add(
                line,
                "previous-overlap",
                where=where,
                n=n,
                start=until.isoformat(),
                before=before.isoformat(),
            )
        expected = before + dt.timedelta(days=1)
        if start is not None and start < expected:
            self.add(
                entry.line_of("from"),
                "previous-overlap",
                where=where,
                n=n,
                start=start.isoformat(),
                before=before.isoformat(),
            )
        elif start is not None and start > expected:
            self.add(
                entry.line_of("from"),
                "previous-gap",
                where=where,
                n=n,
                start=start.isoformat(),
                before=before.isoformat(),
                expected=expected.isoformat(),
            )

    def date(self, entry: LineDict, key: str, where: str, n: int) -> dt.date | None:
        """``until`` or ``from`` as a date (YAML reads 2026-06-30 as one); None after reporting."""
        raw = entry.get(key)
        if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            return raw
        if isinstance(raw, str):
            try:
                return dt.date.fromisoformat(raw.strip())
            except ValueError:
                pass
        self.add(entry.line_of(key), "previous-bad-date", where=where, n=n, key=key, value=raw)
        return None


def _whole(value: Any) -> bool:
    """Working days are whole numbers (or ``same_day``), alone or in a map."""
    if isinstance(value, dict):
        return all(_whole(v) for v in value.values())
    return value == "same_day" or (isinstance(value, int) and not isinstance(value, bool))


def _same_shape(old: Any, value: Any, unit: str, choices: Any) -> bool:
    """An earlier value has the form of the value in force: a map with the same keys, a list, a number…"""
    if isinstance(value, dict):
        return (
            isinstance(old, dict)
            and set(old) == set(value)
            and all(_same_shape(old[k], value[k], unit, choices) for k in value)
        )
    if isinstance(value, list):
        return isinstance(old, list)
    if unit == "working_days" and not _whole(old):
        return False
    if unit in _NUMERIC:
        number = isinstance(old, (int, float)) and not isinstance(old, bool)
        return number or (unit in TIME_UNITS and old == "same_day")
    if unit == "flag":
        return isinstance(old, bool)
    if unit == "choice":
        return old in (choices or ())
    return isinstance(old, type(value))


def _expected(value: Any, unit: str) -> str:
    """What an earlier value should look like, said with the value in force as the model."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_expected(v, unit)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[…]"
    if unit == "working_days":
        return "N (whole number)"
    if unit in _NUMERIC:
        return "N" + (" | same_day" if unit in TIME_UNITS else "")
    return type(value).__name__


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in value.items()) + "}"
    return str(value)


def _plain(value: Any) -> Any:
    """Plain dicts and lists (drop the line bookkeeping)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _months(value: Any) -> int | None:
    """A whole number of months, or None (absent, or not a positive whole number)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
