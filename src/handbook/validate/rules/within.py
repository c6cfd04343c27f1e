"""The ``within`` rule: ``end`` is at most the policy's limit after ``start`` (hours or days)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from handbook.model.form import Form, Text
from handbook.model.policy import Policy
from handbook.validate.rules.base import (
    Finding,
    RowRule,
    as_date,
    as_datetime,
    column_title,
    quantity,
    show,
)


class Within(RowRule):
    """``end`` is at most the policy's limit after ``start`` (hours or days)."""

    check = "within"
    params = ("start", "end", "limit")
    field_params = ("start", "end", "by")
    setting_param = "limit"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.by = spec.get("by")
        self._cache: dict[tuple, Finding | None] = {}

    def check_row(self, values: dict[str, Any]) -> Finding | None:
        start, end = values.get(self.spec["start"]), values.get(self.spec["end"])
        if start is None or end is None:
            return None
        selector = values.get(self.by) if self.by else None
        key = (start, end, selector)
        if key in self._cache:
            return self._cache[key]
        finding = self._check(start, end, selector)
        if len(self._cache) < 100_000:
            self._cache[key] = finding
        return finding

    def _check(self, start: Any, end: Any, selector: Any) -> Finding | None:
        limit = self.limit.limit_for(selector)
        if limit is None:
            return None
        unit = self.limit.unit
        if limit == "same_day":
            elapsed: float = (as_date(end) - as_date(start)).days
            over, shown_limit = elapsed > 0, quantity(0, "same_day")
        elif unit == "hours":
            elapsed = (
                as_datetime(end) - as_datetime(start, end_of_day=not isinstance(start, dt.datetime))
            ).total_seconds() / 3600
            over, shown_limit = elapsed > float(limit), quantity(limit, "hours")
        else:
            elapsed = (as_date(end) - as_date(start)).days
            over, shown_limit = elapsed > float(limit), quantity(limit, "days")
        if over:
            by_field = self.form.field(self.by) if self.by else None
            label = by_field.enum_label(str(selector), "zh") if by_field else ""
            label_en = by_field.enum_label(str(selector), "en") if by_field else ""
            return Finding(
                "rule-within",
                {
                    "start_col": column_title(self.form, self.spec["start"]),
                    "end_col": column_title(self.form, self.spec["end"]),
                    "start": show(start),
                    "end": show(end),
                    "elapsed": quantity(elapsed, "hours" if unit == "hours" else "days"),
                    "limit": shown_limit,
                    "selector": Text(
                        f"（{label}）" if label else "", f" for {label_en}" if label_en else ""
                    ),
                },
                self.spec["end"],
            )
        return None
