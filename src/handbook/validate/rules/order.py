"""The ``order`` rule: ``later`` is not before ``earlier`` (dates or datetimes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from handbook.validate.rules.base import Finding, RowRule, as_date, column_title, show


class Order(RowRule):
    """``later`` is not before ``earlier`` (dates or datetimes).

    The problem is shown in ``later``'s column, or in ``field``'s when the rule
    names the one staff typed (a reply date after its due date is the reply's fault).
    """

    check = "order"
    params = ("earlier", "later")
    field_params = ("earlier", "later", "field")

    def check_row(self, values: dict[str, Any]) -> Finding | None:
        earlier, later = self.spec["earlier"], self.spec["later"]
        a, b = values.get(earlier), values.get(later)
        if a is None or b is None:
            return None
        if isinstance(a, dt.datetime) != isinstance(b, dt.datetime):
            bad = as_date(b) < as_date(a)
        else:
            bad = b < a
        if bad:
            return Finding(
                "rule-order",
                {
                    "earlier_col": column_title(self.form, earlier),
                    "later_col": column_title(self.form, later),
                    "earlier": show(a),
                    "later": show(b),
                },
                self.spec.get("field") or later,
            )
        return None
