"""The policy: the numbers in the rules, with the handbook's values as defaults.

One reviewed file (``policy.yaml``) holds every deadline, quota and target with
the articles that set it; the validator, reports and pages read it from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from handbook.model.form import Text

SETTING_KEYS = (
    "value",
    "unit",
    "by",
    "title",
    "clauses",
    "alternatives",
    "note",
    "choices",
    "then_every_months",
    "previous",
    "company",
)
#: Units of a deadline: calendar hours, calendar days, working days (China's calendar).
TIME_UNITS = ("hours", "days", "working_days")
UNITS = (*TIME_UNITS, "months", "share", "count", "list", "choice", "flag")
#: Keys of one entry of ``previous`` (``from`` is optional: it only confirms the period's start).
PREVIOUS_KEYS = ("until", "value", "unit", "from", "clauses", "note")


@dataclass(frozen=True)
class Term:
    """One value of a setting and the days it is in force, first to last, inclusive.

    ``start`` None: in force since before the first ``until``; ``until`` None: in force now.
    """

    value: Any
    unit: str
    start: dt.date | None = None
    until: dt.date | None = None
    clauses: tuple[str, ...] = ()
    line: int = 0

    def limit_for(self, selector: Any = None) -> Any:
        """The value; for a map-valued setting, the entry for ``selector`` (None if absent)."""
        if isinstance(self.value, dict):
            return self.value.get(selector)
        return self.value

    def covers(self, day: dt.date) -> bool:
        """Whether the term is in force on ``day``."""
        return (self.start is None or self.start <= day) and (
            self.until is None or day <= self.until
        )


@dataclass(frozen=True)
class Setting:
    """One policy value with its provenance."""

    key: str
    value: Any
    unit: str
    title: Text
    clauses: tuple[str, ...]
    by: str | None = None
    alternatives: tuple[dict[str, Any], ...] = ()
    note: Text | None = None
    line: int = 0
    #: earlier values, oldest first, each with the last day it was in force
    previous: tuple[Term, ...] = ()
    #: a schedule (unit months): after its listed rounds, one round every this many months
    then_every_months: int | None = None
    #: set when no article gives the value: why it is the company's choice (shown on pages)
    company: Text | None = None

    @property
    def current(self) -> Term:
        """The value in force after the last ``until`` of ``previous`` (or always, without history)."""
        last = self.previous[-1].until if self.previous else None
        start = last + dt.timedelta(days=1) if last is not None else None
        return Term(self.value, self.unit, start, None, self.clauses, self.line)

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every value the setting has had, oldest first, the one in force now last."""
        return (*self.previous, self.current)

    @property
    def has_history(self) -> bool:
        return bool(self.previous)

    def term_on(self, day: dt.date | None = None) -> Term:
        """The term in force on ``day`` (a date or datetime); the current one when ``day`` is None."""
        if day is None or not self.previous:
            return self.current
        if isinstance(day, dt.datetime):
            day = day.date()
        for term in self.previous:
            if term.until is not None and day <= term.until:
                return term
        return self.current

    def limit_for(self, selector: Any = None, on: dt.date | None = None) -> Any:
        """The value in force on ``on`` (now when None); for a map, the entry for ``selector``."""
        return self.term_on(on).limit_for(selector)


@dataclass(frozen=True)
class Policy:
    """All settings, keyed by name."""

    settings: dict[str, Setting]
    source: str = ""

    def __getitem__(self, key: str) -> Setting:
        return self.settings[key]

    def __contains__(self, key: object) -> bool:
        return key in self.settings

    def value(self, key: str, on: dt.date | None = None) -> Any:
        """The value of ``key`` in force on ``on`` (the current one when None)."""
        return self.settings[key].term_on(on).value
