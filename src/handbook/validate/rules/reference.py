"""The ``reference`` rule: The value exists in a column of another register validated in the same run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from handbook.validate.rules.base import Finding, RowRule


class Reference(RowRule):
    """The value exists in a column of another register validated in the same run."""

    check = "reference"
    params = ("field", "form", "target")
    field_params = ("field",)

    def check_row(self, values: dict[str, Any]) -> Finding | None:
        """Every filled value is a candidate; the orchestrator keeps those the target lacks.

        With ``not_before: {field: F, target: T}``, this row's date F must not be
        before the date T of the row it refers to (a notice issued after the
        complaint it answers was received); the date travels with the candidate.
        """
        value = values.get(self.spec["field"])
        if value is not None:
            local = values.get(self.not_before["field"]) if self.not_before else None
            return Finding("rule-reference", {"local_date": local}, self.spec["field"])
        return None

    @classmethod
    def lint(
        cls, spec: dict[str, Any], names: set[str], form_ids: set[str] | None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """``not_before`` names a field of this form; ``form`` names a form of the folder."""
        rule_id = str(spec.get("id", ""))
        not_before = spec.get("not_before")
        if not_before is not None and (
            not isinstance(not_before, dict) or not_before.get("field") not in names
        ):
            name = not_before.get("field") if isinstance(not_before, dict) else not_before
            yield "rule-unknown-field", {"rule": rule_id, "param": "not_before.field", "name": name}
        if form_ids is not None and spec.get("form") not in form_ids:
            yield "rule-unknown-form", {"rule": rule_id, "name": spec.get("form")}

    @property
    def not_before(self) -> dict[str, str] | None:
        return self.spec.get("not_before")
