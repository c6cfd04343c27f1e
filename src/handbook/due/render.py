"""The open items as text, JSON, CSV or iCalendar, in Chinese or English.

Every format says the same for each item: register, row and cell, what is due (the
row named by its key), the due date or time, its state at the as-of moment, the
responsible role and the article. JSON and iCalendar times carry China's offset (+08:00).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from handbook.due.model import CHINA, DUE, OVERDUE, STATES, UPCOMING, DueItem, Status, status
from handbook.messages import words

#: JSON output's version; a consumer checks it before reading ``items``.
JSON_VERSION = 1
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
        return str(w[f"overdue_{state.unit}"]).format(n=state.amount)
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


def render_json(items: list[DueItem], as_of: dt.datetime, lang: str) -> str:
    body = {
        "version": JSON_VERSION,
        "as_of": iso(as_of),
        "counts": counts(items, as_of),
        "items": [as_record(i, as_of, lang) for i in items],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(items: list[DueItem], as_of: dt.datetime, lang: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*words("due", lang)["head"], "due_iso", "state"])
    for item in items:
        r = as_record(item, as_of, lang)
        writer.writerow(
            safe_cell(v)
            for v in (
                r["register"],
                r["row"],
                r["cell"],
                r["what"],
                shown_due(item),
                r["state_text"],
                r["role_label"],
                r["article"],
                r["due"],
                r["state"],
            )
        )
    return out.getvalue()


def item_line(item: DueItem, as_of: dt.datetime, lang: str) -> str:
    """One item on one line: place, what, due, state, role, article."""
    w = words("due", lang)
    r = as_record(item, as_of, lang)
    place = r["register"]
    if item.row is not None:
        place += " " + (item.cell or str(w["row"]).format(row=item.row))
    parts = [f"[{r['state_text']}]", place, r["what"], shown_due(item)]
    if r["role_label"]:
        parts.append(str(w["role"]).format(role=r["role_label"]))
    if item.article:
        parts.append(str(w["article"]).format(article=item.article))
    return " · ".join(parts)


def render_text(items: list[DueItem], as_of: dt.datetime, lang: str) -> str:
    w = words("due", lang)
    found = counts(items, as_of)
    lines = [
        str(w["title"]).format(as_of=as_of.strftime("%Y-%m-%d %H:%M")),
        str(w["summary"]).format(total=len(items), **found),
    ]
    if not items:
        lines.append(str(w["none"]))
    lines.extend(item_line(i, as_of, lang) for i in items)
    return "\n".join(lines) + "\n"


def render_ics(items: list[DueItem], as_of: dt.datetime, lang: str) -> str:
    """An iCalendar file (RFC 5545) a phone's calendar imports; written by the icalendar library."""
    from handbook.due.calendar import calendar_text

    return calendar_text(items, as_of, lang)


RENDERERS = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "ics": render_ics,
}
__all__ = ["RENDERERS", "UPCOMING", "as_record", "iso", "safe_cell", "state_text"]
