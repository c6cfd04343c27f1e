"""What every rule kind shares: the finding it yields, the base classes, and small helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from handbook.errors import CalendarRangeError, FormFileError
from handbook.messages import words
from handbook.model.form import Form, Text
from handbook.model.policy import Policy, Setting, Term

#: In the values a row rule sees: the names of the row's cells that are filled with a
#: value that does not parse (already reported), so "must be filled" rules leave them alone.
INVALID = "\x00invalid"


@dataclass
class Finding:
    """A rule broken: message code, parameters, the field to point at, and the row."""

    code: str
    params: dict[str, Any]
    field: str | None = None
    row: int | None = None
    severity: str = "error"


def column_title(form: Form, name: str) -> Text:
    f = form.field(name)
    return f.title if f is not None else Text(name, name)


def show(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def as_date(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def pct(share: float) -> str:
    return f"{share * 100:.1f}%"


def quantity(amount: float | int, unit: str) -> Text:
    amount = round(amount, 1) if isinstance(amount, float) else amount
    kind = unit if unit in ("hours", "same_day", "working_days") else "days"
    zh, en = (words("quantity", lang)[kind].format(n=amount) for lang in ("zh", "en"))
    return Text(zh, en)


def limit_text(setting: Setting, term: Term, what: Text, kind: str = "max") -> Text:
    """The limit a row was judged by: "规定的 3 天", or with history "2026-06-30 前规定的 14 天".

    ``kind`` is ``max`` (a deadline or longest gap) or ``min`` (a quota).
    """
    if not setting.has_history:
        form, extra = kind, {}
    elif term.until is not None:
        form, extra = f"{kind}_until", {"until": term.until.isoformat()}
    else:
        start = term.start.isoformat() if term.start else ""
        form, extra = f"{kind}_from", {"start": start}
    zh, en = (
        words("limit", lang)[form].format(what=what.get(lang), **extra) for lang in ("zh", "en")
    )
    return Text(zh, en)


def calendar_finding(setting: Setting, exc: CalendarRangeError, field: str | None) -> Finding:
    """A row whose deadline cannot be judged: its working days reach a year the calendar lacks."""
    return Finding("rule-calendar-unknown", {"setting": setting.title, **exc.params}, field)


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
    #: parameters whose values (or keys) name fields, checked by lint beside ``field_params``
    lint_fields: tuple[str, ...] = ()
    #: the parameter naming the date a row is judged by (the rule in force on that date)
    date_param: str | None = None

    @classmethod
    def lint(
        cls, spec: dict[str, Any], names: set[str], form_ids: set[str] | None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """Problems particular to this kind of rule, as ``(code, params)``; none by default."""
        return iter(())

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        self.form = form
        self.spec = spec
        self.policy = policy
        self.id = str(spec.get("id", ""))
        self.clauses = tuple(spec.get("clauses") or ())
        self.setting: Setting | None = None
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
            self.setting = policy[str(key)]
            if not self.clauses:
                self.clauses = self.setting.clauses

    @property
    def limit(self) -> Setting:
        """The policy setting this rule takes its number from (rules with a ``setting_param``)."""
        if self.setting is None:
            raise TypeError(f"rule {self.id} ({self.check}) takes no policy setting")
        return self.setting

    @property
    def article(self) -> str | None:
        return self.clauses[0] if self.clauses else None


class RowRule(Rule):
    def check_row(self, values: dict[str, Any]) -> Finding | None:
        raise NotImplementedError


class PeriodRule(Rule):
    """A finding about an estate's period (quotas, coverage, intervals, monthly counts).

    Not an error in any row: reported as a warning, with the period the rows
    span, unless the run asks for errors on periods that have ended.
    """

    period = True

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        # the date that judges a row by the value in force places it in the period too
        self.period_field = spec.get(self.date_param) if self.date_param else None
        self._first: Any = None
        self._last: Any = None

    def see(self, values: dict[str, Any], row: int) -> None:
        """Place the row in the period, then let the rule observe it."""
        if self.period_field is not None:
            day = values.get(self.period_field)
            # the raw dates (one field: one type) are compared; as_date only at the end
            if day is not None and (self._first is None or day < self._first):
                self._first = day
            if day is not None and (self._last is None or day > self._last):
                self._last = day
        self.observe(values, row)

    @property
    def first(self) -> dt.date | None:
        return as_date(self._first) if self._first is not None else None

    @property
    def last(self) -> dt.date | None:
        return as_date(self._last) if self._last is not None else None

    def period_label(self) -> Text:
        """The period the rows span, as a message's opening words ("" when unknown)."""
        if self.first is None or self.last is None:
            return Text("", "")
        span = f"{self.first.isoformat()} – {self.last.isoformat()}"
        return Text(f"{span}：", f"{span}: ")

    def ended(self, today: dt.date) -> bool:
        """Whether the last month of the period is over by ``today``."""
        if self.last is None:
            return False
        return (today.year, today.month) > (self.last.year, self.last.month)

    def observe(self, values: dict[str, Any], row: int) -> None:
        raise NotImplementedError

    def finish(self) -> Iterator[Finding]:
        raise NotImplementedError
