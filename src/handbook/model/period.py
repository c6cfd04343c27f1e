"""Reporting periods: a year, a quarter, a month, or a run of whole months.

A period is whole calendar months, first day to last day inclusive, so monthly
trends split it exactly and "required visits" can be counted in months.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from handbook.errors import HandbookError

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")


@dataclass(frozen=True)
class Period:
    """Whole months from ``start`` (a 1st) to ``end`` (a month's last day), inclusive."""

    start: dt.date
    end: dt.date
    label: str

    def __contains__(self, value: Any) -> bool:
        kind = type(value)  # the exact types first: reports ask this for every row
        if kind is dt.datetime:
            value = value.date()
        elif kind is not dt.date:
            if isinstance(value, dt.datetime):
                value = value.date()
            elif not isinstance(value, dt.date):
                return False
        return self.start <= value <= self.end

    @property
    def month_count(self) -> int:
        """How many calendar months the period spans."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def months(self) -> list[Period]:
        """Each month of the period, in order."""
        year, month = self.start.year, self.start.month
        out = []
        for _ in range(self.month_count):
            out.append(month_period(year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_period(year: int, month: int) -> Period:
    """The calendar month ``year-month``."""
    return Period(dt.date(year, month, 1), _last_day(year, month), f"{year}-{month:02d}")


def months_between(first: dt.date, last: dt.date) -> Period:
    """Whole months from the month of ``first`` to the month of ``last``."""
    start = dt.date(first.year, first.month, 1)
    end = _last_day(last.year, last.month)
    label = f"{start:%Y-%m}" if start.year == end.year and start.month == end.month else ""
    return Period(start, end, label or f"{start:%Y-%m}–{end:%Y-%m}")


def parse_period(text: str) -> Period:
    """``2026``, ``2026-Q1`` or ``2026-03`` as a period; HandbookError ``bad-period`` otherwise."""
    value = text.strip()
    if m := _YEAR.match(value):
        year = int(m[1])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))
    if m := _QUARTER.match(value):
        year, quarter = int(m[1]), int(m[2])
        first = 3 * quarter - 2
        return Period(dt.date(year, first, 1), _last_day(year, first + 2), f"{year}-Q{quarter}")
    if (m := _MONTH.match(value)) and 1 <= int(m[2]) <= 12:
        return month_period(int(m[1]), int(m[2]))
    raise HandbookError("bad-period", value=text)


def span(dates: Iterable[Any]) -> Period | None:
    """The whole months covering every date (or datetime) given; None when there are none."""
    days = [d.date() if isinstance(d, dt.datetime) else d for d in dates]
    days = [d for d in days if isinstance(d, dt.date)]
    if not days:
        return None
    return months_between(min(days), max(days))
