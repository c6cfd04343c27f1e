"""The ``share`` rule: each value of ``field`` accounts for at least the policy's minimum share of all rows.

With ``date``, each row counts under the minimums in force on its date, and each
period of the policy's history is judged on its own rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from handbook.model.form import Form, Text
from handbook.model.policy import Policy, Term
from handbook.validate.rules.base import Finding, PeriodRule, limit_text, pct


class Share(PeriodRule):
    """Each value of ``field`` accounts for at least the policy's minimum share of all rows."""

    check = "share"
    params = ("field", "minimum")
    field_params = ("field", "date")
    setting_param = "minimum"
    date_param = "date"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.counts: dict[tuple[int, Any], int] = defaultdict(int)
        self.totals: dict[int, int] = defaultdict(int)
        self.terms = self.limit.terms
        self._index_of: dict[Any, int] = {}

    def _term_index(self, values: dict[str, Any]) -> int:
        date_field = self.spec.get("date")
        day = values.get(date_field) if date_field else None
        if day is None or len(self.terms) == 1:
            return len(self.terms) - 1
        index = self._index_of.get(day)
        if index is None:  # dates repeat: look each one up once
            index = self._index_of[day] = self.terms.index(self.limit.term_on(day))
        return index

    def observe(self, values: dict[str, Any], row: int) -> None:
        index = self._term_index(values)
        self.totals[index] += 1
        value = values.get(self.spec["field"])
        if value is not None:
            self.counts[(index, value)] += 1

    def finish(self) -> Iterator[Finding]:
        for index, total in sorted(self.totals.items()):
            yield from self._judge(index, self.terms[index], total)

    def _judge(self, index: int, term: Term, total: int) -> Iterator[Finding]:
        f = self.form.field(self.spec["field"])
        minimums = term.value if isinstance(term.value, dict) else {}
        for value, minimum in minimums.items():
            count = self.counts.get((index, value), 0)
            share = count / total
            if share + 1e-9 < float(minimum):
                label = (
                    Text(f.enum_label(value, "zh"), f.enum_label(value, "en"))
                    if f
                    else Text(value, value)
                )
                shown = pct(float(minimum))
                yield Finding(
                    "rule-share",
                    {
                        "label": label,
                        "share": pct(share),
                        "count": count,
                        "total": total,
                        "minimum": shown,
                        "allowed": limit_text(self.limit, term, Text(f" {shown}", shown), "min"),
                        "period": self.period_label(),
                    },
                    self.spec["field"],
                )
