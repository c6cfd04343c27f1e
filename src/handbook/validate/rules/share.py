"""The ``share`` rule: Each value of ``field`` accounts for at least the policy's minimum share of all rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from handbook.model.form import Form, Text
from handbook.model.policy import Policy
from handbook.validate.rules.base import Finding, PeriodRule, pct


class Share(PeriodRule):
    """Each value of ``field`` accounts for at least the policy's minimum share of all rows."""

    check = "share"
    params = ("field", "minimum")
    field_params = ("field", "date")
    setting_param = "minimum"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.counts: dict[Any, int] = defaultdict(int)
        self.total = 0

    def observe(self, values: dict[str, Any], row: int) -> None:
        self.total += 1
        value = values.get(self.spec["field"])
        if value is not None:
            self.counts[value] += 1

    def finish(self) -> Iterator[Finding]:
        if not self.total:
            return
        f = self.form.field(self.spec["field"])
        minimums = self.limit.value if isinstance(self.limit.value, dict) else {}
        for value, minimum in minimums.items():
            count = self.counts.get(value, 0)
            share = count / self.total
            if share + 1e-9 < float(minimum):
                label = (
                    Text(f.enum_label(value, "zh"), f.enum_label(value, "en"))
                    if f
                    else Text(value, value)
                )
                yield Finding(
                    "rule-share",
                    {
                        "label": label,
                        "share": pct(share),
                        "count": count,
                        "total": self.total,
                        "minimum": pct(float(minimum)),
                        "period": self.period_label(),
                    },
                    self.spec["field"],
                )
