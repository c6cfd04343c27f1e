"""The ``within`` rule: ``end`` is at most the policy's limit after ``start``.

Hours, days or working days (``model.deadlines``), by the value in force on the start's date.
"""

from __future__ import annotations

from typing import Any

from handbook.errors import CalendarRangeError
from handbook.model import deadlines
from handbook.model.form import Form, Text
from handbook.model.policy import Policy
from handbook.validate.rules.base import (
    Finding,
    RowRule,
    as_date,
    calendar_finding,
    column_title,
    limit_text,
    quantity,
    show,
)


class Within(RowRule):
    """``end`` is at most the policy's limit after ``start`` (hours or days)."""

    check = "within"
    params = ("start", "end", "limit")
    field_params = ("start", "end", "by")
    setting_param = "limit"
    date_param = "start"

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
        setting = self.limit
        term = setting.term_on(as_date(start))
        limit = term.limit_for(selector)
        if limit is None:
            return None
        unit = term.unit
        if limit == "same_day":
            elapsed: float = (as_date(end) - as_date(start)).days
            over, amount = elapsed > 0, quantity(0, "same_day")
            unit = "days"
        else:
            try:
                elapsed = deadlines.elapsed(start, end, unit)
            except CalendarRangeError as exc:
                return calendar_finding(setting, exc, self.spec["end"])
            over, amount = elapsed > float(limit), quantity(limit, unit)
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
                    "elapsed": quantity(elapsed, unit),
                    "limit": amount,
                    "allowed": limit_text(setting, term, amount),
                    "selector": Text(
                        f"（{label}）" if label else "", f" for {label_en}" if label_en else ""
                    ),
                },
                self.spec["end"],
            )
        return None
