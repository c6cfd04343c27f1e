"""The ``count`` rule: at least the policy's number of rows per calendar month, for each value of ``by``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from handbook.messages import words
from handbook.model.form import Form, Text
from handbook.model.policy import Policy
from handbook.validate.rules.base import Finding, PeriodRule, limit_text


class Count(PeriodRule):
    """At least the policy's number of rows per calendar month, for each value of ``by``.

    Months run from the first to the last date in the register, so a month
    with no record at all is reported too.
    """

    check = "count"
    params = ("date", "minimum")
    field_params = ("date", "by")
    setting_param = "minimum"
    date_param = "date"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.by = spec.get("by")
        self.counts: dict[tuple[tuple[int, int], Any], int] = defaultdict(int)
        self.months: set[tuple[int, int]] = set()

    def observe(self, values: dict[str, Any], row: int) -> None:
        date = values.get(self.spec["date"])
        if date is None:
            return
        month = (date.year, date.month)
        self.months.add(month)
        self.counts[(month, values.get(self.by) if self.by else None)] += 1

    def finish(self) -> Iterator[Finding]:
        if not self.months:
            return
        first, last = min(self.months), max(self.months)
        f = self.form.field(self.by) if self.by else None
        year, month = first
        while (year, month) <= last:
            # a month's quota is the one in force on its first day
            term = self.limit.term_on(dt.date(year, month, 1))
            minimums = term.value if isinstance(term.value, dict) else {None: term.value}
            for key, minimum in minimums.items():
                count = self.counts.get(((year, month), key), 0)
                if count < int(minimum):
                    label = (
                        Text(f.enum_label(str(key), "zh"), f.enum_label(str(key), "en"))
                        if f and key is not None
                        else self.form.title
                    )
                    yield Finding(
                        "rule-count",
                        {
                            "month": f"{year}-{month:02d}",
                            "label": label,
                            "count": count,
                            "minimum": minimum,
                            "allowed": limit_text(self.limit, term, _per_month(minimum), "min"),
                        },
                        self.spec["date"],
                    )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _per_month(minimum: Any) -> Text:
    zh, en = (words("limit", lang)["per_month"].format(n=minimum) for lang in ("zh", "en"))
    return Text(zh, en)
