"""The ``coverage`` rule: Among rows where ``among`` is filled, the share with ``field`` filled reaches the minimum."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from handbook.model.form import Form
from handbook.model.policy import Policy
from handbook.validate.rules.base import Finding, PeriodRule, column_title, pct


class Coverage(PeriodRule):
    """Among rows where ``among`` is filled, the share with ``field`` filled reaches the minimum."""

    check = "coverage"
    params = ("field", "among", "minimum")
    field_params = ("field", "among")
    setting_param = "minimum"
    period_param = "among"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.total = 0
        self.count = 0

    def observe(self, values: dict[str, Any], row: int) -> None:
        if values.get(self.spec["among"]) is not None:
            self.total += 1
            if values.get(self.spec["field"]) is not None:
                self.count += 1

    def finish(self) -> Iterator[Finding]:
        if not self.total:
            return
        share = self.count / self.total
        minimum = float(self.limit.value)
        if share + 1e-9 < minimum:
            yield Finding(
                "rule-coverage",
                {
                    "among_col": column_title(self.form, self.spec["among"]),
                    "column": column_title(self.form, self.spec["field"]),
                    "total": self.total,
                    "count": self.count,
                    "share": pct(share),
                    "minimum": pct(minimum),
                    "period": self.period_label(),
                },
                self.spec["field"],
            )
