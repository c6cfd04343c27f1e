"""The ``interval`` rule: Within each group, consecutive dates are at most the policy's number of days apart."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from handbook.errors import CalendarRangeError
from handbook.messages import words
from handbook.model import deadlines
from handbook.model.form import Form, Text
from handbook.model.policy import Policy
from handbook.validate.rules.base import (
    Finding,
    PeriodRule,
    as_date,
    calendar_finding,
    column_title,
    limit_text,
    quantity,
)


class Interval(PeriodRule):
    """Within each group, consecutive dates are at most the policy's number of days apart."""

    check = "interval"
    params = ("date", "max_days")
    field_params = ("date", "by")
    lint_fields = ("group_by",)
    setting_param = "max_days"
    date_param = "date"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        group_by = spec.get("group_by") or []
        self.group_by = [group_by] if isinstance(group_by, str) else list(group_by)
        self.by = spec.get("by")
        self.dates: dict[tuple, list[tuple[dt.date, int]]] = defaultdict(list)

    def observe(self, values: dict[str, Any], row: int) -> None:
        date = values.get(self.spec["date"])
        if date is None:
            return
        key = tuple(values.get(g) for g in self.group_by)
        selector = values.get(self.by) if self.by else None
        self.dates[(key, selector)].append((as_date(date), row))

    def _group_label(self, key: tuple) -> Text:
        zh, en = [], []
        for name, value in zip(self.group_by, key, strict=True):
            f = self.form.field(name)
            zh.append(
                f"{column_title(self.form, name).zh} {f.enum_label(str(value), 'zh') if f else value}"
            )
            en.append(
                f"{column_title(self.form, name).en} {f.enum_label(str(value), 'en') if f else value}"
            )
        return Text("，".join(zh) or self.form.title.zh, ", ".join(en) or self.form.title.en)

    def finish(self) -> Iterator[Finding]:
        setting = self.limit
        for (key, selector), dates in self.dates.items():
            dates.sort()
            for (previous, _), (date, row) in zip(dates, dates[1:], strict=False):
                # the gap starts at the earlier date: the rule in force then applies
                term = setting.term_on(previous)
                limit = term.limit_for(selector)
                if limit is None:
                    continue
                try:
                    gap = deadlines.elapsed(previous, date, term.unit)
                except CalendarRangeError as exc:
                    yield replace(calendar_finding(setting, exc, self.spec["date"]), row=row)
                    continue
                if gap > int(limit):
                    yield Finding(
                        "rule-interval",
                        {
                            "group": self._group_label(key),
                            "previous": previous.isoformat(),
                            "date": date.isoformat(),
                            "days": gap,
                            "limit": limit,
                            "gap": quantity(gap, term.unit),
                            "allowed": limit_text(setting, term, _gap(limit, term.unit)),
                        },
                        self.spec["date"],
                        row=row,
                    )


def _gap(limit: Any, unit: str) -> Text:
    amount = quantity(limit, unit)
    zh, en = (words("limit", lang)["gap"].format(n=amount.get(lang)) for lang in ("zh", "en"))
    return Text(zh, en)
