"""One open item as a record: the fields and words every output shares (and the checker page).

The JSON of ``handbook due``, the CSV, the calendar and the page all take an item's
words from here, so the same item reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handbook.due.model import CHINA, DUE, OVERDUE, STATES, DueItem, Status, status
from handbook.messages import words

#: A cell starting with one of these is a formula in a spreadsheet: written as text instead.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def iso(value: dt.date | dt.datetime) -> str:
    """ISO 8601: a date as is, a time with China's offset."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=CHINA).isoformat()
    return value.isoformat()


def state_text(state: Status, lang: str) -> str:
    """ "逾期 2 天", "due today", "3 天后到期"."""
    w = words("due", lang)
    if state.state == OVERDUE:
        late = w["overdue_hours"] if state.unit == "hours" else w["overdue_days"]
        return str(late).format(n=state.amount)
    if state.state == DUE:
        return str(w["due"])
    return str(w["upcoming"]).format(n=state.amount)


def shown_due(item: DueItem) -> str:
    if isinstance(item.due, dt.datetime):
        return item.due.strftime("%Y-%m-%d %H:%M")
    return item.due.isoformat()


def as_record(item: DueItem, as_of: dt.datetime, lang: str) -> dict[str, Any]:
    """One item as JSON: the same fields and words in every output (and on the checker page)."""
    state = status(item, as_of)
    return {
        "form": item.form,
        "register": item.register.get(lang),
        "file": item.file,
        "row": item.row,
        "cell": item.cell,
        "rule": item.rule,
        "kind": item.kind,
        "key": item.key,
        "what": item.what.get(lang),
        "due": iso(item.due),
        "due_text": shown_due(item),
        "state": state.state,
        "amount": state.amount,
        "unit": state.unit,
        "state_text": state_text(state, lang),
        "role": item.role,
        "role_label": item.role_label.get(lang) if item.role_label else None,
        "article": item.article,
    }


def counts(items: list[DueItem], as_of: dt.datetime) -> dict[str, int]:
    found = {s: 0 for s in STATES}
    for item in items:
        found[status(item, as_of).state] += 1
    return found


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
