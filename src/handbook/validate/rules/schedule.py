"""The ``schedule`` rule: numbered rounds counted from a start date (the works follow-ups).

Round ``n`` of a key (a works number) falls due the policy's months after the start
(``[1, 3, 6, 12]``, then every ``then_every_months``; ``model.deadlines.round_due``).
A register holds a window of time, so rounds before the first one recorded are not
asked for; a round missing between two recorded rounds of the same key is reported.
What is still to come is listed by ``handbook due`` from the same rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from handbook.model import deadlines
from handbook.model.form import Form
from handbook.model.policy import Policy
from handbook.validate.rules.base import Finding, PeriodRule, as_date, column_title


class Schedule(PeriodRule):
    """Every round between the first and the last recorded round of a key is recorded."""

    check = "schedule"
    params = ("key", "start", "round", "date", "months")
    field_params = ("key", "start", "round", "date")
    setting_param = "months"
    date_param = "start"

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.rounds: dict[Any, dict[int, int]] = defaultdict(dict)
        self.starts: dict[Any, Any] = {}

    def observe(self, values: dict[str, Any], row: int) -> None:
        key, number = values.get(self.spec["key"]), values.get(self.spec["round"])
        if key is None or not isinstance(number, int) or values.get(self.spec["date"]) is None:
            return
        self.rounds[key].setdefault(number, row)
        if values.get(self.spec["start"]) is not None:
            self.starts.setdefault(key, values[self.spec["start"]])

    def finish(self) -> Iterator[Finding]:
        setting = self.limit
        for key, rounds in self.rounds.items():
            start = self.starts.get(key)
            recorded = sorted(rounds)
            for missing in range(recorded[0] + 1, recorded[-1]):
                if missing in rounds:
                    continue
                later = min(r for r in recorded if r > missing)
                due = None
                if start is not None:
                    term = setting.term_on(as_date(start))
                    due = deadlines.round_due(
                        as_date(start), missing, term.value, setting.then_every_months
                    )
                yield Finding(
                    "rule-schedule-gap",
                    {
                        "key_col": column_title(self.form, self.spec["key"]),
                        "key": str(key),
                        "round": missing,
                        "later": later,
                        "due": due.isoformat() if due else "?",
                    },
                    self.spec["round"],
                    row=rounds[later],
                )
