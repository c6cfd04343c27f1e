"""An open item: something a register's rules say must still be done, by when.

An item is judged against a moment (``as_of``, China time, naive like the registers'
own times): overdue once the moment is past its due time, due on its last day,
upcoming before that. A due time with an hour (a 24-hour reply) is overdue from the
next minute; a due day (a 3-day follow-up) is overdue from the next day.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from handbook.model.form import Text

OVERDUE, DUE, UPCOMING = "overdue", "due", "upcoming"
STATES = (OVERDUE, DUE, UPCOMING)
#: China time has no daylight saving: UTC+8 all year.
CHINA = dt.timezone(dt.timedelta(hours=8))


def now_in_china() -> dt.datetime:
    """The present moment in China time, naive like the registers' times."""
    return dt.datetime.now(CHINA).replace(tzinfo=None, microsecond=0)


@dataclass(frozen=True)
class DueItem:
    """One thing to do: where it stands in a register, what it is, and its due date or time.

    ``due`` is a datetime for hour deadlines and a date (the whole day) otherwise.
    ``what`` names the row by its key (a complaint number), never by a person.
    """

    form: str
    register: Text
    file: str
    row: int | None
    cell: str | None
    rule: str
    kind: str
    key: str
    what: Text
    due: dt.date | dt.datetime
    article: str | None = None
    role: str | None = None
    #: the field whose cell ``cell`` is (to find it again in a copy of the register)
    field: str | None = None
    role_label: Text | None = None


@dataclass(frozen=True)
class Status:
    """An item's state at a moment: overdue by ``amount`` hours or days, due today, or due in ``amount`` days."""

    state: str
    amount: int = 0
    unit: str = "days"


def due_day(item: DueItem) -> dt.date:
    """The day an item falls due."""
    return item.due.date() if isinstance(item.due, dt.datetime) else item.due


def status(item: DueItem, as_of: dt.datetime) -> Status:
    """Where ``item`` stands at ``as_of``."""
    today, last = as_of.date(), due_day(item)
    if isinstance(item.due, dt.datetime) and as_of > item.due:
        late = as_of - item.due
        if late < dt.timedelta(days=1):
            return Status(OVERDUE, max(1, math.ceil(late.total_seconds() / 3600)), "hours")
        return Status(OVERDUE, late.days, "days")
    if today > last:
        return Status(OVERDUE, (today - last).days, "days")
    if today == last:
        return Status(DUE)
    return Status(UPCOMING, (last - today).days, "days")


def order(items: list[DueItem], as_of: dt.datetime) -> list[DueItem]:
    """Overdue first (the longest overdue first), then by due time, register and row."""

    def key(item: DueItem) -> tuple:
        moment = (
            item.due
            if isinstance(item.due, dt.datetime)
            else dt.datetime.combine(item.due, dt.time(23, 59, 59))
        )
        return (STATES.index(status(item, as_of).state), moment, item.form, item.row or 0, item.key)

    return sorted(items, key=key)


def within(items: list[DueItem], as_of: dt.datetime, days: int | None) -> list[DueItem]:
    """Items overdue, or due within ``days`` days of ``as_of`` (all when ``days`` is None)."""
    if days is None:
        return list(items)
    horizon = as_of.date() + dt.timedelta(days=days)
    return [i for i in items if due_day(i) <= horizon]
