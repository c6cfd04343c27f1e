"""The policy: the numbers in the rules, with the handbook's values as defaults.

One reviewed file (``policy.yaml``) holds every deadline, quota and target with
the articles that set it; the validator, reports and pages read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handbook.model.form import Text

SETTING_KEYS = (
    "value",
    "unit",
    "by",
    "title",
    "clauses",
    "alternatives",
    "note",
    "choices",
    "then_every_months",
)
UNITS = ("hours", "days", "months", "share", "count", "list", "choice", "flag")


@dataclass(frozen=True)
class Setting:
    """One policy value with its provenance."""

    key: str
    value: Any
    unit: str
    title: Text
    clauses: tuple[str, ...]
    by: str | None = None
    alternatives: tuple[dict[str, Any], ...] = ()
    note: Text | None = None
    line: int = 0

    def limit_for(self, selector: Any = None) -> Any:
        """The value; for a map-valued setting, the entry for ``selector`` (None if absent)."""
        if isinstance(self.value, dict):
            return self.value.get(selector)
        return self.value


@dataclass(frozen=True)
class Policy:
    """All settings, keyed by name."""

    settings: dict[str, Setting]
    source: str = ""

    def __getitem__(self, key: str) -> Setting:
        return self.settings[key]

    def __contains__(self, key: object) -> bool:
        return key in self.settings

    def value(self, key: str) -> Any:
        """The value in force for ``key``."""
        return self.settings[key].value
