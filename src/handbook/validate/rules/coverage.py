"""The ``coverage`` rule: among rows where ``among`` is filled, the share with ``field`` filled reaches the minimum.

Each row counts under the minimum in force on its ``date`` (default: ``among``,
itself a date such as the day a complaint was closed); each period of the
policy's history is judged on its own rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from handbook.model.form import Form, Text
from handbook.model.policy import Policy
from handbook.validate.rules.base import Finding, PeriodRule, column_title, limit_text, pct


class Coverage(PeriodRule):
    """Among rows where ``among`` is filled, the share with ``field`` filled reaches the minimum."""

    check = "coverage"
    params = ("field", "among", "minimum")
    field_params = ("field", "among", "date")
    setting_param = "minimum"
    date_param = "among"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.terms = self.limit.terms
        self.date_field = spec.get("date") or spec["among"]
        self.total: dict[int, int] = defaultdict(int)
        self.count: dict[int, int] = defaultdict(int)

    def observe(self, values: dict[str, Any], row: int) -> None:
        if values.get(self.spec["among"]) is None:
            return
        day = values.get(self.date_field)
        term = self.limit.term_on(day if hasattr(day, "year") else None)
        index = self.terms.index(term)
        self.total[index] += 1
        if values.get(self.spec["field"]) is not None:
            self.count[index] += 1

    def finish(self) -> Iterator[Finding]:
        for index, total in sorted(self.total.items()):
            term = self.terms[index]
            count = self.count[index]
            share = count / total
            minimum = float(term.value)
            if share + 1e-9 < minimum:
                shown = pct(minimum)
                yield Finding(
                    "rule-coverage",
                    {
                        "among_col": column_title(self.form, self.spec["among"]),
                        "column": column_title(self.form, self.spec["field"]),
                        "total": total,
                        "count": count,
                        "share": pct(share),
                        "minimum": shown,
                        "allowed": limit_text(self.limit, term, Text(f" {shown}", shown), "min"),
                        "period": self.period_label(),
                    },
                    self.spec["field"],
                )
