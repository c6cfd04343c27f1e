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

from handbook.due.calendar import calendar_text
from handbook.due.model import UPCOMING, DueItem
from handbook.due.record import as_record, counts, iso, safe_cell, shown_due, state_text
from handbook.messages import words

#: JSON output's version; a consumer checks it before reading ``items``.
JSON_VERSION = 1


def render_json(items: list[DueItem], as_of: dt.datetime, lang: str) -> str:
    body = {
        "version": JSON_VERSION,
        "as_of": iso(as_of),
        "counts": counts(items, as_of),
        "items": [as_record(i, as_of, lang) for i in items],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


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
    return calendar_text(items, as_of, lang)


RENDERERS = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "ics": render_ics,
}
__all__ = ["RENDERERS", "UPCOMING", "as_record", "iso", "safe_cell", "state_text"]
