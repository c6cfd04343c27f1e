"""Open items as an iCalendar file (RFC 5545), written by the ``icalendar`` library.

One event per item on its due day (all day) or at its due time (hour deadlines), with
a reminder: the day before at 09:00 for a due day, an hour before for a due time.
The event names the register, the cell and the key; nothing about a person. Each
event's UID is made from the register, rule, key and due date, so importing the list
again updates the events rather than doubling them.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Alarm, Calendar, Event

from handbook.due.model import CHINA, DueItem
from handbook.due.record import as_record
from handbook.messages import words

PRODID = "-//handbook//due//ZH"


def _uid(item: DueItem) -> str:
    seed = "|".join(
        [item.form, item.file.rsplit("/", 1)[-1], item.rule, item.key, str(item.due)]
    ).encode()
    return hashlib.sha256(seed).hexdigest()[:32] + "@handbook.due"


def _event(item: DueItem, stamp: dt.datetime, lang: str) -> Event:

    w = words("due", lang)
    record = as_record(item, stamp.replace(tzinfo=None), lang)
    event = Event()
    event.add("uid", _uid(item))
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    if isinstance(item.due, dt.datetime):
        start = item.due.replace(tzinfo=CHINA).astimezone(dt.UTC)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=30))
        trigger = dt.timedelta(hours=-1)
    else:
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        trigger = dt.timedelta(hours=-15)
    summary = f"{record['register']} · {record['what']}"
    event.add("summary", summary)
    place = [record["register"]]
    if item.cell:
        place.append(item.cell)
    details = [" ".join(place)]
    if record["role_label"]:
        details.append(str(w["role"]).format(role=record["role_label"]))
    if item.article:
        details.append(str(w["article"]).format(article=item.article))
    event.add("description", "\n".join(details))
    event.add("categories", [item.form])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", str(w["reminder"]).format(what=record["what"]))
    alarm.add("trigger", trigger)
    event.add_component(alarm)
    return event


def calendar_text(items: list[DueItem], as_of: dt.datetime, lang: str) -> str:
    """The iCalendar text of ``items``; the stamp is the as-of moment (China time)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("X-WR-CALNAME", str(words("due", lang)["sheet"]))
    stamp = as_of.replace(tzinfo=CHINA)
    for item in items:
        cal.add_component(_event(item, stamp, lang))
    return cal.to_ical().decode("utf-8")
