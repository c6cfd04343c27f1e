"""The message catalogue is complete and lean: every code and word the code uses has zh and en, and every entry is used."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from handbook.messages import CATALOGUE, SECTIONS

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "handbook"
CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")

#: kebab-case strings in the code that are not message codes, with what they are.
NOT_CODES = {
    "at-most": "a rule kind's check name",
    "handbook-marked-copy": "a custom document property of a marked copy",
    "required-if": "a rule kind's check name",
    "fc-match": "fontconfig's command",
    "rev-parse": "a git command",
    "system-out": "a JUnit XML element",
    "utf-8": "an encoding",
    "utf-8-sig": "an encoding",
    "utf-16": "an encoding",
    "utf-16-be": "an encoding",
    "yyyy-mm-dd": "an Excel number format",
    "hb-items": "a chart's HTML id",
    "hb-roles": "a chart's HTML id",
    "datetime-local": "an HTML input type (the fill-in page)",
    "hb-trend": "a chart's HTML id",
    "handbook-search": "the search worker's settings key in the index",
    "chinese-calendar": "a package's name (the holiday calendar)",
    "handbook-search-input": "a script's HTML id",
}

#: dicts keyed by language that hold no sentence a person reads.
NOT_WORD_TABLES = {
    "src/handbook/site/search.py": "query synonyms per language: search vocabulary",
}

#: word keys looked up with a computed key, and the expression that computes them.
COMPUTED_KEYS = {
    "page": {"string", "integer", "number", "boolean", "date", "datetime"}  # w[field.type]
    | {"csv_checklist", "xlsx_checklist"},  # w.get(f"{fmt}_{form.kind}", w[fmt])
    "report": {"error", "warning"},  # t[problem.severity]
    "indicators": {"per_household", "share_of_complaints"},  # w[settings["complaint_rate_meaning"]]
    "tasks": {"hours_one", "days_one", "months_one"}  # w[f"{unit}_one" …]
    | {"choice_pooled", "choice_mean"},  # w.get(f"choice_{value}", …)
    # words("policy-choices", lang).get(value): a choice setting's value
    "policy-choices": {"per_household", "share_of_complaints", "pooled", "mean"},
    "limit": {"max_until", "min_until", "max_from", "min_from"},  # f"{kind}_until" in limit_text
}


def _modules() -> dict[Path, ast.Module]:
    """The package without its catalogue, and the macros that build pages from it."""
    paths = [p for p in SRC.rglob("*.py") if "messages" not in p.relative_to(SRC).parts]
    paths += sorted((ROOT / "macros").glob("*.py"))
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in paths}


def _strings(tree: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


MODULES = _modules()
ALL_STRINGS = set().union(*(_strings(t) for t in MODULES.values()))


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_message_has_both_languages_with_the_same_placeholders(code: str) -> None:
    zh, en = CATALOGUE[code]
    assert zh.strip() and en.strip(), f"{code}: a language is empty"
    assert _fields(zh) == _fields(en), f"{code}: zh and en fill in different values"


def test_every_code_used_in_the_code_is_in_the_catalogue() -> None:
    used = {s for s in ALL_STRINGS if CODE.match(s)} - set(NOT_CODES) - set(SECTIONS)
    missing = sorted(used - set(CATALOGUE))
    assert not missing, f"codes with no zh/en entry in handbook.messages: {missing}"


def test_every_message_is_used() -> None:
    unused = sorted(code for code in CATALOGUE if code not in ALL_STRINGS)
    assert not unused, f"catalogue entries the code never uses: {unused}"


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_every_section_has_the_same_words_in_both_languages(section: str) -> None:
    zh, en = SECTIONS[section]["zh"], SECTIONS[section]["en"]
    assert set(zh) == set(en), f"{section}: keys differ: {set(zh) ^ set(en)}"
    for key in zh:
        if isinstance(zh[key], tuple):
            assert len(zh[key]) == len(en[key]), f"{section}.{key}: lengths differ"
        else:
            # English may add plural endings ({files_s}) that Chinese does not need
            english = {f for f in _fields(en[key]) if not f.endswith("_s")}
            assert _fields(zh[key]) == english, f"{section}.{key}: placeholders differ"


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_every_word_is_used(section: str) -> None:
    assert section in ALL_STRINGS, f"no module reads the section {section!r}"
    strings = ALL_STRINGS | COMPUTED_KEYS.get(section, set())
    unused = sorted(key for key in SECTIONS[section]["zh"] if key not in strings)
    assert not unused, f"{section}: words never used: {unused}"


def test_no_word_table_outside_the_catalogue() -> None:
    """A dict keyed by "zh" and "en" outside handbook.messages is a second catalogue."""
    found = []
    for path, tree in MODULES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                literal = all(isinstance(v, (ast.Constant, ast.Dict)) for v in node.values)
                exempt = str(path.relative_to(ROOT)) in NOT_WORD_TABLES
                if {"zh", "en"} <= keys and literal and not exempt:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, f"word tables outside handbook.messages: {found}"
