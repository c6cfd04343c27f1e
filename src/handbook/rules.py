"""Regulation rules: what a Table Schema cannot say, with numbers from the policy.

Row rules look at one row (deadlines between two dates, conditional
requirements, references to another register); period rules look at the whole
register (quotas by role, follow-up coverage, longest gaps between visits or
meetings). Each rule class has a stable kebab-case ``check`` name, like
frictionless's checks, and yields ``Finding`` records rather than raising.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from handbook.errors import FormFileError
from handbook.model import Form, Text
from handbook.policy import Policy


@dataclass
class Finding:
    """A rule broken: message code, parameters, the field to point at, and the row."""

    code: str
    params: dict[str, Any]
    field: str | None = None
    row: int | None = None
    severity: str = "error"


def _title(form: Form, name: str) -> Text:
    f = form.field(name)
    return f.title if f is not None else Text(name, name)


def _show(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _as_datetime(value: Any, end_of_day: bool = False) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if end_of_day:
        return dt.datetime.combine(value, dt.time(23, 59, 59))
    return dt.datetime.combine(value, dt.time())


def _as_date(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%"


def _quantity(amount: float | int, unit: str) -> Text:
    amount = round(amount, 1) if isinstance(amount, float) else amount
    if unit == "hours":
        return Text(f" {amount} 小时", f"{amount} hours")
    if unit == "same_day":
        return Text("当天", "the same day")
    return Text(f" {amount} 天", f"{amount} days")


def unusable_rule(form: Form, spec: dict[str, Any], code: str, **problem: Any) -> FormFileError:
    """A rule the validator cannot run: the form file is unusable until ``handbook lint`` is clean."""
    return FormFileError(
        "form-invalid",
        file=form.source,
        line=getattr(spec, "line", 0),
        count=1,
        problem_code=code,
        problem=problem,
    )


class Rule:
    """Base of all rules: id, the articles behind it, and the form it belongs to."""

    check = ""
    period = False
    params: tuple[str, ...] = ()
    field_params: tuple[str, ...] = ()

    #: the parameter naming the policy setting this rule takes its number from, if any
    setting_param: str | None = None

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        self.form = form
        self.spec = spec
        self.policy = policy
        self.id = str(spec.get("id", ""))
        self.clauses = tuple(spec.get("clauses") or ())
        self.setting = None
        if self.setting_param is not None:
            key = spec.get(self.setting_param)
            if key not in policy:
                # lint reports this with its line; here the form file cannot be used at all
                raise unusable_rule(
                    form,
                    spec,
                    "rule-unknown-policy",
                    rule=self.id,
                    param=self.setting_param,
                    name=key,
                    known=", ".join(sorted(policy.settings)),
                )
            self.setting = policy[key]
            if not self.clauses:
                self.clauses = self.setting.clauses

    @property
    def article(self) -> str | None:
        return self.clauses[0] if self.clauses else None


class RowRule(Rule):
    def check_row(self, values: dict[str, Any]) -> Finding | None:
        raise NotImplementedError


class PeriodRule(Rule):
    period = True

    def observe(self, values: dict[str, Any], row: int) -> None:
        raise NotImplementedError

    def finish(self) -> Iterator[Finding]:
        raise NotImplementedError


class Order(RowRule):
    """``later`` is not before ``earlier`` (dates or datetimes)."""

    check = "order"
    params = field_params = ("earlier", "later")

    def check_row(self, values: dict[str, Any]) -> Finding | None:
        earlier, later = self.spec["earlier"], self.spec["later"]
        a, b = values.get(earlier), values.get(later)
        if a is None or b is None:
            return None
        if isinstance(a, dt.datetime) != isinstance(b, dt.datetime):
            bad = _as_date(b) < _as_date(a)
        else:
            bad = b < a
        if bad:
            return Finding(
                "rule-order",
                {
                    "earlier_col": _title(self.form, earlier),
                    "later_col": _title(self.form, later),
                    "earlier": _show(a),
                    "later": _show(b),
                },
                later,
            )


class Within(RowRule):
    """``end`` is at most the policy's limit after ``start`` (hours or days)."""

    check = "within"
    params = ("start", "end", "limit")
    field_params = ("start", "end", "by")
    setting_param = "limit"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.by = spec.get("by")
        self._cache: dict[tuple, Finding | None] = {}

    def check_row(self, values: dict[str, Any]) -> Finding | None:
        start, end = values.get(self.spec["start"]), values.get(self.spec["end"])
        if start is None or end is None:
            return None
        selector = values.get(self.by) if self.by else None
        key = (start, end, selector)
        if key in self._cache:
            return self._cache[key]
        finding = self._check(start, end, selector)
        if len(self._cache) < 100_000:
            self._cache[key] = finding
        return finding

    def _check(self, start: Any, end: Any, selector: Any) -> Finding | None:
        limit = self.setting.limit_for(selector)
        if limit is None:
            return None
        unit = self.setting.unit
        if limit == "same_day":
            elapsed: float = (_as_date(end) - _as_date(start)).days
            over, shown_limit = elapsed > 0, _quantity(0, "same_day")
        elif unit == "hours":
            elapsed = (
                _as_datetime(end)
                - _as_datetime(start, end_of_day=not isinstance(start, dt.datetime))
            ).total_seconds() / 3600
            over, shown_limit = elapsed > float(limit), _quantity(limit, "hours")
        else:
            elapsed = (_as_date(end) - _as_date(start)).days
            over, shown_limit = elapsed > float(limit), _quantity(limit, "days")
        if over:
            by_field = self.form.field(self.by) if self.by else None
            label = by_field.enum_label(str(selector), "zh") if by_field else ""
            label_en = by_field.enum_label(str(selector), "en") if by_field else ""
            return Finding(
                "rule-within",
                {
                    "start_col": _title(self.form, self.spec["start"]),
                    "end_col": _title(self.form, self.spec["end"]),
                    "start": _show(start),
                    "end": _show(end),
                    "elapsed": _quantity(elapsed, "hours" if unit == "hours" else "days"),
                    "limit": shown_limit,
                    "selector": Text(
                        f"（{label}）" if label else "", f" for {label_en}" if label_en else ""
                    ),
                },
                self.spec["end"],
            )


class RequiredIf(RowRule):
    """``field`` must be filled when another field has one of some values, or is filled."""

    check = "required-if"
    params = ("field",)
    field_params = ("field", "when_filled")

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.name = spec["field"]
        self.when_filled = spec.get("when_filled")
        self.when = [
            (other, {str(w) for w in (wanted if isinstance(wanted, list) else [wanted])})
            for other, wanted in (spec.get("when") or {}).items()
        ]

    def check_row(self, values: dict[str, Any]) -> Finding | None:
        if self.name in values:
            return None
        if self.when_filled is not None:
            if self.when_filled in values:
                return Finding(
                    "rule-required-if-filled",
                    {"cond_col": _title(self.form, self.when_filled)},
                    self.name,
                )
            return None
        for other, wanted in self.when:
            value = values.get(other)
            if value is not None and str(value) in wanted:
                f = self.form.field(other)
                shown = (
                    Text(f.enum_label(str(value), "zh"), f.enum_label(str(value), "en"))
                    if f
                    else str(value)
                )
                return Finding(
                    "rule-required-if",
                    {"cond_col": _title(self.form, other), "cond_value": shown},
                    self.name,
                )
        return None


class AtMost(RowRule):
    """A count is not more than another count of the same row (present <= invited)."""

    check = "at-most"
    params = field_params = ("field", "limit_field")

    def check_row(self, values: dict[str, Any]) -> Finding | None:
        value, limit = values.get(self.spec["field"]), values.get(self.spec["limit_field"])
        if value is None or limit is None or value <= limit:
            return None
        return Finding(
            "rule-at-most",
            {"limit_col": _title(self.form, self.spec["limit_field"]), "limit": _show(limit)},
            self.spec["field"],
        )


class Reference(RowRule):
    """The value exists in a column of another register validated in the same run."""

    check = "reference"
    params = ("field", "form", "target")
    field_params = ("field",)

    def check_row(self, values: dict[str, Any]) -> Finding | None:
        """Every filled value is a candidate; the orchestrator keeps those the target lacks.

        With ``not_before: {field: F, target: T}``, this row's date F must not be
        before the date T of the row it refers to (a notice issued after the
        complaint it answers was received); the date travels with the candidate.
        """
        value = values.get(self.spec["field"])
        if value is not None:
            local = values.get(self.not_before["field"]) if self.not_before else None
            return Finding("rule-reference", {"local_date": local}, self.spec["field"])
        return None

    @property
    def not_before(self) -> dict[str, str] | None:
        return self.spec.get("not_before")


class Share(PeriodRule):
    """Each value of ``field`` accounts for at least the policy's minimum share of all rows."""

    check = "share"
    params = ("field", "minimum")
    field_params = ("field",)
    setting_param = "minimum"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.counts: dict[Any, int] = defaultdict(int)
        self.total = 0

    def observe(self, values: dict[str, Any], row: int) -> None:
        self.total += 1
        value = values.get(self.spec["field"])
        if value is not None:
            self.counts[value] += 1

    def finish(self) -> Iterator[Finding]:
        if not self.total:
            return
        f = self.form.field(self.spec["field"])
        minimums = self.setting.value if isinstance(self.setting.value, dict) else {}
        for value, minimum in minimums.items():
            count = self.counts.get(value, 0)
            share = count / self.total
            if share + 1e-9 < float(minimum):
                label = (
                    Text(f.enum_label(value, "zh"), f.enum_label(value, "en"))
                    if f
                    else Text(value, value)
                )
                yield Finding(
                    "rule-share",
                    {
                        "label": label,
                        "share": _pct(share),
                        "count": count,
                        "total": self.total,
                        "minimum": _pct(float(minimum)),
                    },
                    self.spec["field"],
                )


class Coverage(PeriodRule):
    """Among rows where ``among`` is filled, the share with ``field`` filled reaches the minimum."""

    check = "coverage"
    params = ("field", "among", "minimum")
    field_params = ("field", "among")
    setting_param = "minimum"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.total = 0
        self.count = 0

    def observe(self, values: dict[str, Any], row: int) -> None:
        if values.get(self.spec["among"]) is not None:
            self.total += 1
            if values.get(self.spec["field"]) is not None:
                self.count += 1

    def finish(self) -> Iterator[Finding]:
        if not self.total:
            return
        share = self.count / self.total
        minimum = float(self.setting.value)
        if share + 1e-9 < minimum:
            yield Finding(
                "rule-coverage",
                {
                    "among_col": _title(self.form, self.spec["among"]),
                    "column": _title(self.form, self.spec["field"]),
                    "total": self.total,
                    "count": self.count,
                    "share": _pct(share),
                    "minimum": _pct(minimum),
                },
                self.spec["field"],
            )


class Interval(PeriodRule):
    """Within each group, consecutive dates are at most the policy's number of days apart."""

    check = "interval"
    params = ("date", "max_days")
    field_params = ("date", "by")
    setting_param = "max_days"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        group_by = spec.get("group_by") or []
        self.group_by = [group_by] if isinstance(group_by, str) else list(group_by)
        self.by = spec.get("by")
        self.dates: dict[tuple, list[tuple[dt.date, int]]] = defaultdict(list)

    def observe(self, values: dict[str, Any], row: int) -> None:
        date = values.get(self.spec["date"])
        if date is None:
            return
        key = tuple(values.get(g) for g in self.group_by)
        selector = values.get(self.by) if self.by else None
        self.dates[(key, selector)].append((_as_date(date), row))

    def _group_label(self, key: tuple) -> Text:
        zh, en = [], []
        for name, value in zip(self.group_by, key, strict=True):
            f = self.form.field(name)
            zh.append(
                f"{_title(self.form, name).zh} {f.enum_label(str(value), 'zh') if f else value}"
            )
            en.append(
                f"{_title(self.form, name).en} {f.enum_label(str(value), 'en') if f else value}"
            )
        return Text("，".join(zh) or self.form.title.zh, ", ".join(en) or self.form.title.en)

    def finish(self) -> Iterator[Finding]:
        for (key, selector), dates in self.dates.items():
            limit = self.setting.limit_for(selector)
            if limit is None:
                continue
            dates.sort()
            for (previous, _), (date, row) in zip(dates, dates[1:], strict=False):
                gap = (date - previous).days
                if gap > int(limit):
                    yield Finding(
                        "rule-interval",
                        {
                            "group": self._group_label(key),
                            "previous": previous.isoformat(),
                            "date": date.isoformat(),
                            "days": gap,
                            "limit": limit,
                        },
                        self.spec["date"],
                        row=row,
                    )


class Count(PeriodRule):
    """At least the policy's number of rows per calendar month, for each value of ``by``.

    Months run from the first to the last date in the register, so a month
    with no record at all is reported too.
    """

    check = "count"
    params = ("date", "minimum")
    field_params = ("date", "by")
    setting_param = "minimum"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.by = spec.get("by")
        self.counts: dict[tuple[tuple[int, int], Any], int] = defaultdict(int)
        self.months: set[tuple[int, int]] = set()

    def observe(self, values: dict[str, Any], row: int) -> None:
        date = values.get(self.spec["date"])
        if date is None:
            return
        month = (date.year, date.month)
        self.months.add(month)
        self.counts[(month, values.get(self.by) if self.by else None)] += 1

    def finish(self) -> Iterator[Finding]:
        if not self.months:
            return
        first, last = min(self.months), max(self.months)
        minimums = (
            self.setting.value
            if isinstance(self.setting.value, dict)
            else {None: self.setting.value}
        )
        f = self.form.field(self.by) if self.by else None
        year, month = first
        while (year, month) <= last:
            for key, minimum in minimums.items():
                count = self.counts.get(((year, month), key), 0)
                if count < int(minimum):
                    label = (
                        Text(f.enum_label(str(key), "zh"), f.enum_label(str(key), "en"))
                        if f and key is not None
                        else self.form.title
                    )
                    yield Finding(
                        "rule-count",
                        {
                            "month": f"{year}-{month:02d}",
                            "label": label,
                            "count": count,
                            "minimum": minimum,
                        },
                        self.spec["date"],
                    )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


CHECKS: dict[str, type[Rule]] = {
    cls.check: cls
    for cls in (Order, Within, RequiredIf, AtMost, Reference, Share, Coverage, Interval, Count)
}


@dataclass
class RuleSet:
    """The compiled rules of one form."""

    row: list[RowRule] = field(default_factory=list)
    period: list[PeriodRule] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


def compile_rules(form: Form, policy: Policy) -> RuleSet:
    """Fresh rule objects for one pass over a register (period rules keep state)."""
    rules = RuleSet()
    for spec in form.rules:
        cls = CHECKS.get(spec.get("check"))
        if cls is None:
            raise unusable_rule(
                form,
                spec,
                "unknown-check",
                rule=spec.get("id"),
                check=spec.get("check"),
                allowed=", ".join(CHECKS),
            )
        rule = cls(form, spec, policy)
        if isinstance(rule, PeriodRule):
            rules.period.append(rule)
        else:
            rules.row.append(rule)  # type: ignore[arg-type]
            if isinstance(rule, Reference):
                rules.references.append(rule)
    return rules


def lint_rules(
    form: Form, policy: Policy | None, form_ids: set[str] | None
) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """Problems in a form's rules: unknown check, field, policy key or form; ``(line, code, params)``."""
    names = {f.name for f in form.fields}
    seen: set[str] = set()
    for spec in form.rules:
        line = getattr(spec, "line", 0)
        rule_id = str(spec.get("id", "")) if isinstance(spec, dict) else ""
        if not isinstance(spec, dict) or not rule_id or rule_id in seen:
            yield line, "rule-bad-id", {"rule": rule_id}
            continue
        seen.add(rule_id)
        check = spec.get("check")
        cls = CHECKS.get(check)  # type: ignore[arg-type]
        if cls is None:
            yield (
                line,
                "unknown-check",
                {"rule": rule_id, "check": check, "allowed": ", ".join(CHECKS)},
            )
            continue
        for param in cls.params:
            if param not in spec:
                yield line, "rule-missing-param", {"rule": rule_id, "check": check, "param": param}
        for param in (
            cls.field_params
            + (("when",) if check == "required-if" else ())
            + (("group_by",) if check == "interval" else ())
        ):
            value = spec.get(param)
            if value is None:
                continue
            refs = list(value) if isinstance(value, (list, dict)) else [value]
            for name in refs:
                if name not in names:
                    yield (
                        line,
                        "rule-unknown-field",
                        {"rule": rule_id, "param": param, "name": name},
                    )
        if policy is not None:
            for param in (cls.setting_param,) if cls.setting_param else ():
                key = spec.get(param)
                if key is not None and key not in policy:
                    yield (
                        line,
                        "rule-unknown-policy",
                        {
                            "rule": rule_id,
                            "param": param,
                            "name": key,
                            "known": ", ".join(sorted(policy.settings)),
                        },
                    )
        not_before = spec.get("not_before") if check == "reference" else None
        if not_before is not None and (
            not isinstance(not_before, dict) or not_before.get("field") not in names
        ):
            yield (
                line,
                "rule-unknown-field",
                {
                    "rule": rule_id,
                    "param": "not_before.field",
                    "name": (not_before or {}).get("field")
                    if isinstance(not_before, dict)
                    else not_before,
                },
            )
        if check == "reference" and form_ids is not None and spec.get("form") not in form_ids:
            yield line, "rule-unknown-form", {"rule": rule_id, "name": spec.get("form")}
