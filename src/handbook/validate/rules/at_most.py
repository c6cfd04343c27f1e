"""The ``at-most`` rule: A count is not more than another count of the same row (present <= invited)."""

from __future__ import annotations

from typing import Any

from handbook.validate.rules.base import Finding, RowRule, column_title, show


class AtMost(RowRule):
    """A count is not more than another count of the same row (present <= invited)."""

    check = "at-most"
    params = field_params = ("field", "limit_field")

    def check_row(self, values: dict[str, Any]) -> Finding | None:
        value, limit = values.get(self.spec["field"]), values.get(self.spec["limit_field"])
        if value is None or limit is None or value <= limit:
            return None
        return Finding(
            "rule-at-most",
            {"limit_col": column_title(self.form, self.spec["limit_field"]), "limit": show(limit)},
            self.spec["field"],
        )
