"""How far one date is after another, in the units of a deadline.

- ``days``: calendar days; the start event's day is day 0, so "within 3 days" of a
  repair completed on Friday ends on Monday.
- ``working_days``: the working days after the start event's day, up to and including
  the end's day, by China's official calendar: weekends and public holidays are not
  counted, make-up working days (调休, a Saturday or Sunday worked in exchange) are.
  The start's day is day 0 whatever it is. The calendar comes from the
  ``chinese-calendar`` package, which holds each year as the State Council announced
  it and knows no year it has no announcement for: a count that reaches such a year
  raises ``CalendarRangeError`` rather than guess.
- ``hours``: calendar hours, nights and weekends included. A start given as a date
  alone counts from the end of that day.

There are no working hours: the handbook's hour limits (a 24-hour reply, a written
notice within 24 hours) are calendar hours, and office hours differ from one
management office to the next, so they would need a timetable per office.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from itertools import accumulate
from typing import Any

from handbook.errors import CalendarRangeError


def _calendar() -> Any:
    """chinese-calendar, imported the first time a working day is counted (it costs 30 ms)."""
    import chinese_calendar  # ships no type hints: ignored in pyproject.toml

    return chinese_calendar


def known_years() -> tuple[int, int]:
    """The first and last year the holiday calendar knows."""
    years = [d.year for d in _calendar().holidays]
    return min(years), max(years)


def calendar_version() -> str:
    """The installed chinese-calendar version (named in messages about unknown years)."""
    try:
        return version("chinese-calendar")
    except PackageNotFoundError:  # pragma: no cover - installed with the package
        return "?"


@lru_cache(maxsize=64)
def _cumulative(year: int) -> tuple[int, ...]:
    """Working days from 1 January up to and including each day of ``year``."""
    first, last = known_years()
    if not first <= year <= last:
        raise CalendarRangeError(
            "calendar-unknown-year",
            date=f"{year}-01-01",
            year=year,
            first=first,
            last=last,
            version=calendar_version(),
        )
    day = dt.date(year, 1, 1)
    flags = []
    while day.year == year:
        flags.append(int(_calendar().is_workday(day)))
        day += dt.timedelta(days=1)
    return tuple(accumulate(flags))


def _count_to(day: dt.date) -> int:
    """Working days from 1 January of ``day``'s year up to and including ``day``."""
    try:
        return _cumulative(day.year)[day.timetuple().tm_yday - 1]
    except CalendarRangeError as exc:
        raise CalendarRangeError(exc.code, **{**exc.params, "date": day.isoformat()}) from None


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a working day in China (CalendarRangeError for an unknown year)."""
    _count_to(day)  # an unknown year raises, naming the day
    return bool(_calendar().is_workday(day))


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    count = _count_to(end) - _count_to(start)
    for year in range(start.year, end.year):
        count += _cumulative(year)[-1]
    return count


def as_date(value: Any) -> dt.date:
    """The date of a date or datetime."""
    return value.date() if isinstance(value, dt.datetime) else value


def elapsed(start: Any, end: Any, unit: str) -> float:
    """How far ``end`` is after ``start`` in ``unit`` (``hours``, ``days`` or ``working_days``)."""
    if unit == "hours":
        if not isinstance(start, dt.datetime):
            start = dt.datetime.combine(start, dt.time(23, 59, 59))
        if not isinstance(end, dt.datetime):
            end = dt.datetime.combine(end, dt.time())
        return (end - start).total_seconds() / 3600
    if unit == "working_days":
        return working_days_between(as_date(start), as_date(end))
    return (as_date(end) - as_date(start)).days


def last_day(start: Any, amount: int, unit: str) -> dt.date:
    """The last day a deadline of ``amount`` days or working days after ``start`` allows."""
    day = as_date(start)
    if unit != "working_days":
        return day + dt.timedelta(days=amount)
    while working_days_between(as_date(start), day) < amount:
        day += dt.timedelta(days=1)
    return day


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` calendar months on; the 31st of a shorter month is its last day."""
    import calendar

    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def round_due(start: dt.date, number: int, months: Any, then_every: int | None) -> dt.date | None:
    """The day round ``number`` (1, 2, …) of a schedule falls due, counted from ``start``.

    ``months`` lists the rounds' months after the start (``[1, 3, 6, 12]``); after the
    last of them a round falls every ``then_every`` months, or there is none (None).
    """
    offsets = [int(m) for m in (months if isinstance(months, (list, tuple)) else [months])]
    if number < 1 or not offsets:
        return None
    if number <= len(offsets):
        return add_months(start, offsets[number - 1])
    if not then_every:
        return None
    return add_months(start, offsets[-1] + int(then_every) * (number - len(offsets)))


def due_at(start: Any, amount: Any, unit: str) -> dt.date | dt.datetime:
    """The last moment a deadline of ``amount`` ``unit`` after ``start`` allows.

    The same counting as ``elapsed``: an hour limit from a start with a time is that
    time plus the hours; from a date alone (counted from the end of its day) the whole
    last day it reaches, as a date; a day limit gives its last day, as a date.
    ``same_day`` (a policy alternative) is the start's own day. A working-day limit that
    ends before a weekend or holiday runs through it: those days add no working day, so
    the validator still accepts them, and a list of what is due says the same.
    """
    if amount == "same_day":
        return as_date(start)
    if unit == "hours":
        hours = float(amount)
        if isinstance(start, dt.datetime):
            return start + dt.timedelta(hours=hours)
        return start + dt.timedelta(days=math.ceil(hours / 24))
    day = last_day(start, int(amount), unit)
    while unit == "working_days":
        try:
            if is_working_day(day + dt.timedelta(days=1)):
                break
        except CalendarRangeError:  # a year not announced yet: the stricter day stands
            break
        day += dt.timedelta(days=1)
    return day
