"""The building blocks of indicators: a figure (numerator over denominator), settings, context.

Every indicator is a ratio with its target and article. A zero denominator is
"no data", never 0 %; a group smaller than the policy's ``small_group_threshold``
is suppressed (no value, no counts) so that no household can be picked out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from handbook.errors import CalendarRangeError, FormFileError, HandbookError
from handbook.load.estate import Estate
from handbook.model import deadlines
from handbook.model.form import Form, Text
from handbook.model.period import Period
from handbook.model.policy import Policy, Setting, Term

SHARE, COUNT = "share", "count"
AT_LEAST, BELOW = "at_least", "below"
OK, NO_DATA, SUPPRESSED = "ok", "no_data", "suppressed"

#: Ratings that count as an answer; blanks, "no answer", "unreachable" and "declined" do not.
SATISFIED = frozenset({"satisfied"})
FAIRLY = frozenset({"fairly_satisfied", "basically_satisfied"})
VALID_RATINGS = SATISFIED | FAIRLY | {"dissatisfied"}


@dataclass(frozen=True)
class Figure:
    """``numerator / denominator`` against a target; ``value`` is None without data or when suppressed."""

    numerator: float = 0
    denominator: float = 0
    target: float | None = None
    comparison: str = AT_LEAST
    suppressed: bool = False
    #: the group size judged for suppression when it is not the denominator (e.g. households)
    size: float | None = None

    @property
    def status(self) -> str:
        if self.suppressed:
            return SUPPRESSED
        return OK if self.denominator else NO_DATA

    @property
    def value(self) -> float | None:
        if self.status != OK:
            return None
        return self.numerator / self.denominator

    @property
    def met(self) -> bool | None:
        """Whether the target is reached; None without a value or without a target."""
        value = self.value
        if value is None or self.target is None:
            return None
        if self.comparison == BELOW:
            return value < self.target
        return value + 1e-9 >= self.target


@dataclass(frozen=True)
class Group:
    """One row of a breakdown (an item, a role, a repair class …)."""

    key: str
    label: Text
    figure: Figure


@dataclass(frozen=True)
class Indicator:
    """One indicator: its overall figure, the article behind it and its breakdown."""

    key: str
    section: str
    article: str | None
    figure: Figure
    unit: str = SHARE
    groups: tuple[Group, ...] = ()
    method: str | None = None
    #: every group divides by the overall denominator (a group missing in one estate is 0 of it)
    shared_denominator: bool = False


#: The policy settings indicators use; their values come from ``policy.yaml`` only.
SETTING_KEYS = (
    "satisfied_includes_fairly",
    "overall_rate_method",
    "complaint_rate_meaning",
    "small_group_threshold",
    "complaint_rate_max",
    "followup_resolution_target",
    "repair_followup_role_shares",
    "repair_followup_days",
    "complaint_followup_days",
    "complaint_followup_share",
    "visit_interval_days",
    "survey_items",
)


@dataclass(frozen=True)
class Settings:
    """The policy values indicators use, read from ``policy.yaml`` (no defaults of their own).

    ``values`` are those in force on the last day of the report period: they serve
    the settings that apply to a period as a whole (how a rate is computed, the
    smallest group shown). A deadline or a target that applies to each row is
    looked up on the row's own date with ``on`` (the value in force then).
    """

    values: dict[str, Any]
    clauses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    history: dict[str, Setting] = field(default_factory=dict)
    #: terms already looked up, by (key, date): a report asks for the same day thousands of times
    _terms: dict[tuple[str, Any], Term] = field(default_factory=dict, compare=False, repr=False)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def term(self, key: str, day: Any) -> Term:
        """The value of ``key`` in force on ``day`` (a date or datetime), with its unit and period."""
        setting = self.history.get(key)
        if setting is not None and day is not None:
            if not setting.previous:  # one value on every day
                found = self._terms.get((key, None))
                if found is None:
                    found = self._terms[(key, None)] = setting.current
                return found
            date = as_date(day)
            found = self._terms.get((key, date))
            if found is None:
                found = self._terms[(key, date)] = setting.term_on(date)
            return found
        unit = setting.unit if setting is not None else "days"
        return Term(self.values[key], unit)

    def on(self, key: str, day: Any) -> Any:
        """The value of ``key`` in force on ``day``."""
        return self.term(key, day).value

    def article(self, key: str) -> str | None:
        """The first article of setting ``key`` in the policy, if it names one."""
        found = self.clauses.get(key) or ()
        return found[0] if found else None

    @property
    def threshold(self) -> int:
        return int(self["small_group_threshold"])

    @property
    def satisfied(self) -> frozenset[str]:
        """Ratings that count as satisfied (with 较满意/基本满意 when the policy says so)."""
        return SATISFIED | FAIRLY if self["satisfied_includes_fairly"] else SATISFIED

    def within(self, key: str, start: Any, end: Any, selector: Any = None) -> bool | None:
        """Whether ``end`` keeps the deadline ``key`` in force on ``start``'s date (None: no deadline).

        Counted as the validator's ``within`` rule does (``model.deadlines``); a count
        the holiday calendar cannot make is an unusable report, never a guess.
        """
        term = self.term(key, start)
        limit = term.limit_for(selector)
        if limit is None:
            return None
        if limit == "same_day":
            return as_date(end) <= as_date(start)
        try:
            return deadlines.elapsed(start, end, term.unit) <= float(limit)
        except CalendarRangeError as exc:
            raise HandbookError(
                "report-calendar-unknown", setting=key, problem_code=exc.code, problem=exc.params
            ) from None

    def mean(self, key: str, days: Iterable[Any], pick: Any = float) -> float | None:
        """The mean over ``days`` of ``pick(value in force on each day)``: a target weighted by rows."""
        setting = self.history.get(key)
        if setting is None or not setting.previous:
            # one value on every day (as ``term`` gives it): the mean is that value
            for day in days:
                return pick(self.on(key, day))
            return None
        seen: dict[Any, Any] = {}  # a day's target, looked up once (days repeat)
        targets = []
        for day in days:
            if day not in seen:
                seen[day] = pick(self.on(key, day))
            targets.append(seen[day])
        if not targets:
            return None
        if len(set(targets)) == 1:  # one rule over the whole period: its value, not a float sum
            return targets[0]
        return sum(targets) / len(targets)


def settings_from_policy(policy: Policy, on: dt.date | None = None) -> Settings:
    """The settings in force on ``on`` (now when None); a setting the policy lacks is an unusable policy."""
    missing = [key for key in SETTING_KEYS if key not in policy]
    if missing:
        raise FormFileError(
            "policy-invalid",
            file=policy.source,
            line=1,
            problem_code="policy-setting-missing",
            problem={"keys": ", ".join(missing)},
        )
    values = {key: policy.value(key, on) for key in SETTING_KEYS}
    clauses = {key: tuple(policy[key].clauses) for key in SETTING_KEYS}
    return Settings(values, clauses, {key: policy[key] for key in SETTING_KEYS})


class Labels:
    """Titles and enum labels from the forms, for naming groups."""

    def __init__(self, forms: dict[str, Form] | None = None) -> None:
        self.forms = forms or {}

    def title(self, form_id: str, name: str) -> Text:
        form = self.forms.get(form_id)
        f = form.field(name) if form else None
        return f.title if f is not None else Text(name, name)

    def enum(self, form_id: str, name: str, value: str) -> Text:
        form = self.forms.get(form_id)
        f = form.field(name) if form else None
        if f is None:
            return Text(value, value)
        return Text(f.enum_label(value, "zh"), f.enum_label(value, "en"))

    def order(self, form_id: str, name: str, values: Iterable[Any]) -> list[str]:
        """The distinct non-empty ``values`` in the order the form lists its choices."""
        form = self.forms.get(form_id)
        f = form.field(name) if form else None
        rank = {e.value: i for i, e in enumerate(f.enum)} if f is not None else {}
        found = {str(v) for v in values if v not in (None, "")}
        return sorted(found, key=lambda v: (rank.get(v, len(rank)), v))

    def clause(self, form_id: str, name: str) -> str | None:
        """The article behind a field, else the one that calls for its form."""
        form = self.forms.get(form_id)
        if form is None:
            return None
        f = form.field(name)
        if f is not None and f.clauses:
            return f.clauses[0]
        return form.clauses[0] if form.clauses else None


@dataclass(frozen=True)
class Context:
    """What every formula needs besides rows: settings, period, the report date, the estate, labels."""

    settings: Settings
    period: Period
    as_of: dt.datetime
    estate: Estate = field(default_factory=Estate)
    labels: Labels = field(default_factory=Labels)

    def figure(
        self,
        numerator: float,
        denominator: float,
        target: float | None = None,
        comparison: str = AT_LEAST,
        size: float | None = None,
    ) -> Figure:
        """A figure, suppressed when its group (``size``, default the denominator) is too small."""
        small = 0 < (denominator if size is None else size) < self.settings.threshold
        return Figure(numerator, denominator, target, comparison, small, size)


Row = dict[str, Any]


def in_period(rows: Iterable[Row], name: str, period: Period) -> list[Row]:
    """The rows whose ``name`` (a date or datetime) falls in ``period``.

    As ``value in period`` for each row, with a plain date-time compared at once
    (the common case, asked for every row of every indicator and month).
    """
    first = dt.datetime.combine(period.start, dt.time())
    after = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time())
    found = []
    for r in rows:
        value = r.get(name)
        if type(value) is dt.datetime and value.tzinfo is None:
            if first <= value < after:
                found.append(r)
        elif value is not None and value in period:
            found.append(r)
    return found


def ratings(values: Iterable[Any], satisfied: frozenset[str]) -> tuple[int, int]:
    """``(satisfied, valid)`` among rating values."""
    good = valid = 0
    for value in values:
        if value in VALID_RATINGS:
            valid += 1
            good += value in satisfied
    return good, valid


def as_date(value: Any) -> dt.date:
    """The date of a date or datetime."""
    return value.date() if isinstance(value, dt.datetime) else value
