"""The query list of tests/data/search_queries.yaml as pytest parameters.

Shared by the two ways the list runs: Material's search worker under Node
(tests/test_search_queries.py) and the real search box in Chromium
(tests/browser/test_browser.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

QUERIES = Path(__file__).resolve().parent / "data" / "search_queries.yaml"


@dataclass(frozen=True)
class Case:
    lang: str
    query: str
    expect: tuple[str, ...]  # pages relative to the language root; any of them may come first
    pending: str | None = None

    def ok(self, first: str | None) -> bool:
        return first in self.expect


def cases() -> list[Case]:
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    out = []
    for lang, entries in data.items():
        for entry in entries:
            expect = entry["expect"]
            out.append(
                Case(
                    lang,
                    str(entry["q"]),
                    tuple(expect if isinstance(expect, list) else [expect]),
                    entry.get("pending"),
                )
            )
    return out


def params(lang: str | None = None) -> list:
    """One pytest parameter per query; a pending query is a strict xfail (it must still fail)."""
    return [
        pytest.param(
            case,
            id=f"{case.lang}-{case.query}",
            marks=[pytest.mark.xfail(reason=case.pending, strict=True)] if case.pending else [],
        )
        for case in cases()
        if lang is None or case.lang == lang
    ]
