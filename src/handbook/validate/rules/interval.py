"""The ``interval`` rule: Within each group, consecutive dates are at most the policy's number of days apart."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from handbook.model.form import Form, Text
from handbook.model.policy import Policy
from handbook.validate.rules.base import Finding, PeriodRule, as_date, column_title


class Interval(PeriodRule):
    """Within each group, consecutive dates are at most the policy's number of days apart."""

    check = "interval"
    params = ("date", "max_days")
    field_params = ("date", "by")
    lint_fields = ("group_by",)
    setting_param = "max_days"

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
        for (key, selector), dates in self.dates.items():
            limit = self.limit.limit_for(selector)
            if limit is None:
                continue
            dates.sort()
            for (previous, _), (date, row) in zip(dates, dates[1:], strict=False):
                gap = (date - previous).days
                if gap > int(limit):
                    yield Finding(
                        "rule-interval",
                        {
                            "group": self._group_label(key),
                            "previous": previous.isoformat(),
                            "date": date.isoformat(),
                            "days": gap,
                            "limit": limit,
                        },
                        self.spec["date"],
                        row=row,
                    )
