"""Open items from a register's own rules: one function per kind of rule that sets a deadline.

No form is named here. A ``within`` rule (``end`` at most the policy's limit after
``start``) gives an item for each row whose start is filled and whose end is empty;
when another rule makes the end conditional (``required-if`` the end field, ``when`` a
choice), only the rows that meet the condition. An ``interval`` rule gives the next
date of each group (per officer and property type; per kind of meeting); a ``count``
rule the rows still missing in the current month; a ``schedule`` rule the next rounds
of each key (the works follow-ups). A new rule of these kinds in a form gives its
items with no new code; a new kind of deadline rule gets its function in ``SOURCES``.

Rows dated after the as-of moment are not counted yet, so a past day can be replayed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from handbook.due.model import DueItem
from handbook.due.rows import Record, Sheet
from handbook.due.words import Describer
from handbook.errors import CalendarRangeError
from handbook.model import deadlines
from handbook.model.deadlines import as_date
from handbook.model.form import Form
from handbook.model.policy import Policy

Spec = dict[str, Any]
Found = Iterator[DueItem]
#: the deadlines the holiday calendar could not count, gathered while the items are found
Unknown = list[CalendarRangeError]


def _holds(condition: Spec, record: Record) -> bool:
    """Whether a ``required-if`` condition is met by ``record``."""
    if condition.get("when_filled") is not None:
        return record.filled(str(condition["when_filled"]))
    for other, wanted in (condition.get("when") or {}).items():
        values = {str(w) for w in (wanted if isinstance(wanted, list) else [wanted])}
        if other in record.values and str(record.values[other]) in values:
            return True
    return False


def _item(sheet: Sheet, spec: Spec, say: Describer, record: Record | None, **kw: Any) -> DueItem:
    role, role_label = say.role(spec, record)
    return DueItem(
        form=sheet.form.id,
        register=sheet.form.title,
        file=sheet.file,
        rule=str(spec.get("id", "")),
        kind=str(spec.get("check")),
        article=say.article(spec),
        role=role,
        role_label=role_label,
        row=record.row if record is not None else None,
        **kw,
    )


def within_items(
    sheet: Sheet, spec: Spec, policy: Policy, as_of: dt.datetime, unknown: Unknown
) -> Found:
    """Rows started and not yet ended: the end is due the policy's limit after the start."""
    setting = policy[str(spec["limit"])]
    start_name, end_name, by = str(spec["start"]), str(spec["end"]), spec.get("by")
    conditions = [
        s
        for s in sheet.form.rules
        if s.get("check") == "required-if" and s.get("field") == end_name
    ]
    say = Describer(sheet, policy)
    for record in sheet.records:
        start = record.values.get(start_name)
        if start is None or record.filled(end_name) or as_date(start) > as_of.date():
            continue
        if conditions and not any(_holds(c, record) for c in conditions):
            continue
        term = setting.term_on(as_date(start))
        limit = term.limit_for(record.values.get(by) if by else None)
        if limit is None:
            continue
        try:
            due = deadlines.due_at(start, limit, term.unit)
        except CalendarRangeError as exc:
            unknown.append(exc)
            continue
        yield _item(
            sheet,
            spec,
            say,
            record,
            cell=sheet.cell(end_name, record.row),
            field=end_name,
            key=say.key(record),
            what=say.within(record, start_name, end_name, start, limit, term.unit),
            due=due,
        )


def interval_items(
    sheet: Sheet, spec: Spec, policy: Policy, as_of: dt.datetime, unknown: Unknown
) -> Found:
    """The next date of each group: the latest one plus the longest gap the policy allows."""
    setting = policy[str(spec["max_days"])]
    date_name, by = str(spec["date"]), spec.get("by")
    group_by = spec.get("group_by") or []
    group_by = [group_by] if isinstance(group_by, str) else list(group_by)
    latest: dict[tuple, tuple[dt.date, Record]] = {}
    for record in sheet.records:
        value = record.values.get(date_name)
        if value is None or as_date(value) > as_of.date():
            continue
        group = (*(record.values.get(g) for g in group_by), record.values.get(by) if by else None)
        if group not in latest or as_date(value) >= latest[group][0]:
            latest[group] = (as_date(value), record)
    say = Describer(sheet, policy)
    for (*_, selector), (last, record) in latest.items():
        term = setting.term_on(last)
        limit = term.limit_for(selector)
        if limit is None:
            continue
        try:
            due = deadlines.due_at(last, limit, term.unit)
        except CalendarRangeError as exc:
            unknown.append(exc)
            continue
        yield _item(
            sheet,
            spec,
            say,
            record,
            cell=sheet.cell(date_name, record.row),
            field=date_name,
            key=say.key(record),
            what=say.interval(record, group_by, by, date_name, last, limit, term.unit),
            due=due,
        )


def count_items(
    sheet: Sheet, spec: Spec, policy: Policy, as_of: dt.datetime, unknown: Unknown
) -> Found:
    """This month's rows still missing for each value of ``by`` (at least the policy's number)."""
    date_name, by = str(spec["date"]), spec.get("by")
    today = as_of.date()
    first = today.replace(day=1)
    last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    term = policy[str(spec["minimum"])].term_on(first)
    minimums = term.value if isinstance(term.value, dict) else {None: term.value}
    counts: dict[Any, int] = {}
    for record in sheet.records:
        value = record.values.get(date_name)
        if value is not None and first <= as_date(value) <= today:
            group = record.values.get(by) if by else None
            counts[group] = counts.get(group, 0) + 1
    say = Describer(sheet, policy)
    for group, minimum in minimums.items():
        done = counts.get(group, 0)
        if done >= int(minimum):
            continue
        label = say.choice(by, group)
        yield _item(
            sheet,
            spec,
            say,
            None,
            cell=None,
            field=None,
            key=f"{first:%Y-%m}" + (f" {group}" if group is not None else ""),
            what=say.count(first, label, done, int(minimum)),
            due=last,
        )


def schedule_items(
    sheet: Sheet, spec: Spec, policy: Policy, as_of: dt.datetime, unknown: Unknown
) -> Found:
    """The rounds of each key after its last recorded one: every round already due, and the next."""
    setting = policy[str(spec["months"])]
    key_name, start_name = str(spec["key"]), str(spec["start"])
    round_name, date_name = str(spec["round"]), str(spec["date"])
    keys: dict[Any, list[Record]] = {}
    for record in sheet.records:
        if record.values.get(key_name) is not None:
            keys.setdefault(record.values[key_name], []).append(record)
    say = Describer(sheet, policy)
    for key, records in keys.items():
        starts = [r.values[start_name] for r in records if start_name in r.values]
        if not starts or as_date(starts[0]) > as_of.date():
            continue
        start = as_date(starts[0])
        done = [
            r.values[round_name]
            for r in records
            if isinstance(r.values.get(round_name), int) and r.filled(date_name)
        ]
        term = setting.term_on(start)
        number = max(done, default=0)
        record = max(records, key=lambda r: r.row)
        for _ in range(100):
            number += 1
            due = deadlines.round_due(start, number, term.value, setting.then_every_months)
            if due is None:
                break
            yield _item(
                sheet,
                spec,
                say,
                record,
                cell=sheet.cell(start_name, record.row),
                field=start_name,
                key=say.key_of(key_name, key),
                what=say.schedule(key_name, key, number, start_name, start, due),
                due=due,
            )
            if due > as_of.date():
                break


#: The parameters of a deadline rule that name fields (besides a required-if's, below).
FIELD_PARAMS = ("start", "end", "by", "date", "key", "round", "role", "group_by")


def needed_fields(form: Form) -> set[str]:
    """The fields the open items of ``form`` read: its deadline rules', keys and roles."""
    names: set[str] = set(form.primary_key)
    for key in form.unique_keys:
        names.update(key)
    names.update(f.name for f in form.fields if f.name.endswith("_role"))
    for spec in form.rules:
        check = str(spec.get("check"))
        if check not in SOURCES and check != "required-if":
            continue
        for param in (*FIELD_PARAMS, "field", "when_filled"):
            value = spec.get(param)
            names.update(value if isinstance(value, list) else [value] if value else [])
        names.update((spec.get("when") or {}).keys())
    return {str(n) for n in names}


#: Each kind of rule that sets a deadline, and how it gives its open items.
SOURCES: dict[str, Callable[[Sheet, Spec, Policy, dt.datetime, Unknown], Found]] = {
    "within": within_items,
    "interval": interval_items,
    "count": count_items,
    "schedule": schedule_items,
}


def sheet_items(
    sheet: Sheet, policy: Policy, as_of: dt.datetime
) -> tuple[list[DueItem], list[CalendarRangeError]]:
    """Every open item of one register, and the deadlines the holiday calendar could not count."""
    items: list[DueItem] = []
    unknown: list[CalendarRangeError] = []
    for spec in sheet.form.rules:
        source = SOURCES.get(str(spec.get("check")))
        if source is None:
            continue
        items.extend(source(sheet, spec, policy, as_of, unknown))
    return items, unknown
