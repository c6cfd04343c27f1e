"""Read ``policy.yaml`` into a ``Policy``, naming the line of the first problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handbook.errors import FormFileError
from handbook.load.yamlio import LineDict, read_yaml
from handbook.model.form import Text
from handbook.model.policy import SETTING_KEYS, UNITS, Policy, Setting


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
