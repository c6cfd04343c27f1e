"""The policy: the numbers in the rules, with the handbook's values as defaults.

One reviewed file (``policy.yaml``) holds every deadline, quota and target with
the articles that set it; the validator, reports and pages read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handbook.errors import FormFileError
from handbook.model import Text
from handbook.yamlio import LineDict, read_yaml

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


def _text(raw: Any) -> Text | None:
    if isinstance(raw, dict) and isinstance(raw.get("zh"), str) and isinstance(raw.get("en"), str):
        return Text(raw["zh"], raw["en"])
    return None


def load_policy(path: Path) -> Policy:
    """Read ``policy.yaml``; raise FormFileError naming the line of the first problem."""
    data, duplicates = read_yaml(path)
    if duplicates:
        key, line, first = duplicates[0]
        raise FormFileError(
            "policy-invalid",
            file=str(path),
            line=line,
            problem_code="duplicate-key",
            problem={"key": key, "first": first},
        )
    if not isinstance(data, LineDict):
        raise FormFileError(
            "policy-invalid", file=str(path), line=1, problem_code="form-not-mapping", problem={}
        )
    settings: dict[str, Setting] = {}
    for key, raw in data.items():
        line = data.line_of(key)

        def fail(code: str, line: int = line, **params: Any) -> FormFileError:
            return FormFileError(
                "policy-invalid", file=str(path), line=line, problem_code=code, problem=params
            )

        if not isinstance(raw, LineDict) or "value" not in raw:
            raise fail(
                "bad-value", where=f"policy {key}", key="value", expected="{value: …, title: …}"
            )
        for sub in raw:
            if sub not in SETTING_KEYS:
                raise fail(
                    "unknown-key",
                    raw.line_of(sub),
                    key=sub,
                    where=f"policy {key}",
                    allowed=", ".join(SETTING_KEYS),
                )
        unit = raw.get("unit", "count")
        if unit not in UNITS:
            raise fail(
                "bad-choice", raw.line_of("unit"), key="unit", value=unit, allowed=", ".join(UNITS)
            )
        title = _text(raw.get("title"))
        if title is None:
            raise fail(
                "title-missing",
                raw.line_of("title"),
                where=f"policy {key}",
                key="title",
                lang="zh/en",
            )
        settings[key] = Setting(
            key=key,
            value=_plain(raw["value"]),
            unit=unit,
            title=title,
            clauses=tuple(raw.get("clauses") or ()),
            by=raw.get("by"),
            alternatives=tuple(_plain(a) for a in raw.get("alternatives") or ()),
            note=_text(raw.get("note")),
            line=line,
        )
    return Policy(settings, str(path))


def _plain(value: Any) -> Any:
    """Plain dicts and lists (drop the line bookkeeping)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
