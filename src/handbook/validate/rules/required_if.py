"""The ``required-if`` rule: ``field`` must be filled when another field has one of some values, or is filled."""

from __future__ import annotations

from typing import Any

from handbook.model.form import Form, Text
from handbook.model.policy import Policy
from handbook.validate.rules.base import INVALID, Finding, RowRule, column_title


class RequiredIf(RowRule):
    """``field`` must be filled when another field has one of some values, or is filled."""

    check = "required-if"
    params = ("field",)
    field_params = ("field", "when_filled")
    lint_fields = ("when",)

    def __init__(self, form: Form, spec: dict[str, Any], policy: Policy) -> None:
        super().__init__(form, spec, policy)
        self.name = spec["field"]
        self.when_filled = spec.get("when_filled")
        self.when = [
            (other, {str(w) for w in (wanted if isinstance(wanted, list) else [wanted])})
            for other, wanted in (spec.get("when") or {}).items()
        ]

    def check_row(self, values: dict[str, Any]) -> Finding | None:
        if self.name in values or self.name in values.get(INVALID, ()):
            return None
        if self.when_filled is not None:
            if self.when_filled in values:
                return Finding(
                    "rule-required-if-filled",
                    {"cond_col": column_title(self.form, self.when_filled)},
                    self.name,
                )
            return None
        for other, wanted in self.when:
            value = values.get(other)
            if value is not None and str(value) in wanted:
                f = self.form.field(other)
                shown = (
                    Text(f.enum_label(str(value), "zh"), f.enum_label(str(value), "en"))
                    if f
                    else str(value)
                )
                return Finding(
                    "rule-required-if",
                    {"cond_col": column_title(self.form, other), "cond_value": shown},
                    self.name,
                )
        return None
