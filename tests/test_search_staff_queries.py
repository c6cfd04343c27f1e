"""Staff's own words (issue 23): the search finds the page that answers them.

The queries of tests/data/search_staff_queries.yaml are written the way staff and
owners talk: everyday Chinese words the handbook does not use, questions, and
English as an auditor asks. They run through the site's search worker under
Node on the built index, exactly as tests/test_search_queries.py runs its list.

The goals are the issue's: at least 90 % right first, 100 % in the top 3, none
empty, on a list of at least 120 queries, about 60 % colloquial, 20 % questions,
20 % English. Each goal is one test whose message gives the figures (overall and
per kind) and the queries that miss it, so a run shows where the search stands.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from searchcases import Case
from test_search_queries import LANGS, index_of, run_worker

pytestmark = pytest.mark.site

STAFF_QUERIES = Path(__file__).resolve().parent / "data" / "search_staff_queries.yaml"

# kind -> (its language, its share of the list)
KINDS = {"colloquial": ("zh", 0.6), "question": ("zh", 0.2), "english": ("en", 0.2)}
SHARE_TOLERANCE = 0.03
QUESTION_WORDS = re.compile(
    r"多久|多长|几|怎么|咋|吗|什么|哪|谁|要不要|算不算|能不能|多少|啥|是否|[?？]"
)


@dataclass(frozen=True)
class StaffCase(Case):
    kind: str = ""


def staff_cases() -> list[StaffCase]:
    data = yaml.safe_load(STAFF_QUERIES.read_text(encoding="utf-8"))
    out = []
    for lang, entries in data.items():
        for entry in entries:
            expect = entry["expect"]
            out.append(
                StaffCase(
                    lang,
                    str(entry["q"]),
                    tuple(expect if isinstance(expect, list) else [expect]),
                    kind=str(entry.get("kind", "")),
                )
            )
    return out


@pytest.fixture(scope="module")
def results(site: Path) -> dict[str, dict[str, list[str]]]:
    every = staff_cases()
    return {
        lang: run_worker(site, index_of(site, lang), [c.query for c in every if c.lang == lang])
        for lang in LANGS
    }


def found(case: StaffCase, results: dict) -> list[str]:
    return list(results[case.lang][case.query])


def right_first(case: StaffCase, results: dict) -> bool:
    return case.ok((found(case, results) or [None])[0])


def in_top_3(case: StaffCase, results: dict) -> bool:
    return any(page in case.expect for page in found(case, results)[:3])


def figures(results: dict) -> str:
    """One line: right first, top 3 and empty, overall and per kind."""
    every = staff_cases()

    def rate(test, cases: list[StaffCase]) -> str:
        hits = sum(test(c, results) for c in cases)
        return f"{hits}/{len(cases)} ({hits / len(cases):.0%})"

    by_kind = {kind: [c for c in every if c.kind == kind] for kind in KINDS}
    empty = sum(not found(c, results) for c in every)
    parts = [
        f"right first {rate(right_first, every)}",
        f"top 3 {rate(in_top_3, every)}",
        f"empty {empty}",
    ]
    for kind, cases in by_kind.items():
        parts.append(f"{kind}: first {rate(right_first, cases)}, top 3 {rate(in_top_3, cases)}")
    return "; ".join(parts)


def misses(test, results: dict) -> str:
    lines = [
        f"  [{c.kind}] {c.lang} {c.query!r}: got {found(c, results)[:3]}, "
        f"expected one of {list(c.expect)}"
        for c in staff_cases()
        if not test(c, results)
    ]
    return "\n".join(lines)


# --- the list itself


def test_the_list_has_the_size_and_mix_the_issue_asks_for() -> None:
    every = staff_cases()
    assert len(every) >= 120, len(every)
    queries = Counter((c.lang, c.query) for c in every)
    assert not [q for q, n in queries.items() if n > 1], "a query is listed twice"
    for case in every:
        assert case.kind in KINDS, f"{case.query!r}: kind {case.kind!r} is not one of {list(KINDS)}"
        assert case.lang == KINDS[case.kind][0], f"{case.query!r}: {case.kind} under {case.lang}"
        assert case.expect and all(p.endswith("/") for p in case.expect), case.query
        if case.kind == "question":
            assert QUESTION_WORDS.search(case.query), f"{case.query!r} is not asked as a question"
    kinds = Counter(c.kind for c in every)
    for kind, (_, share) in KINDS.items():
        assert abs(kinds[kind] / len(every) - share) <= SHARE_TOLERANCE, (
            f"{kind}: {kinds[kind]} of {len(every)}, the issue asks for about {share:.0%}"
        )


def test_expected_pages_are_pages_of_their_language(site: Path) -> None:
    for lang in LANGS:
        index = json.loads(index_of(site, lang).read_text(encoding="utf-8"))
        pages = {doc["location"].split("#")[0] for doc in index["docs"]}
        for case in staff_cases():
            if case.lang == lang:
                unknown = [p for p in case.expect if p not in pages]
                assert not unknown, f"{lang} {case.query!r}: no such page {unknown}"


def test_no_query_is_a_phrase_of_the_handbook(site: Path) -> None:
    """Written from how people talk: no query occurs as it stands in its language's pages."""
    for lang in LANGS:
        index = json.loads(index_of(site, lang).read_text(encoding="utf-8"))
        text = " ".join(
            f"{doc.get('title', '')} {doc.get('text', '')}" for doc in index["docs"]
        ).lower()
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
        copied = [c.query for c in staff_cases() if c.lang == lang and c.query.lower() in text]
        assert not copied, f"{lang}: copied from the handbook's text: {copied}"


# --- the issue's goals, each with the figures in its message


def test_goal_no_query_comes_back_empty(results: dict) -> None:
    empty = [c for c in staff_cases() if not found(c, results)]
    assert not empty, f"{figures(results)}\nempty: " + ", ".join(
        f"{c.lang} {c.query!r}" for c in empty
    )


# Not reached yet (issue 23 stays open): 111 of 141 right first (79 %), 126 in the top 3 (89 %).
# strict: the marker must go the day the goal is met; the floors below keep what was won.
NOT_YET = pytest.mark.xfail(strict=True, reason="issue 23's goal is not reached yet")


@NOT_YET
def test_goal_every_query_has_a_right_page_in_the_top_3(results: dict) -> None:
    every = staff_cases()
    hits, total = sum(in_top_3(c, results) for c in every), len(every)
    assert hits == total, f"{figures(results)}\nnot in the top 3:\n{misses(in_top_3, results)}"


@NOT_YET
def test_goal_90_percent_right_first(results: dict) -> None:
    every = staff_cases()
    hits, goal = sum(right_first(c, results) for c in every), 0.9 * len(every)
    assert hits >= goal, f"{figures(results)}\nwrong first:\n{misses(right_first, results)}"


# --- floors: what the lexicon and ranking reached, so that no change loses it


def test_floor_at_least_78_percent_right_first(results: dict) -> None:
    every = staff_cases()
    hits = sum(right_first(c, results) for c in every)
    assert hits >= 0.78 * len(every), (
        f"{figures(results)}\nwrong first:\n{misses(right_first, results)}"
    )


def test_floor_at_least_88_percent_in_the_top_3(results: dict) -> None:
    every = staff_cases()
    hits = sum(in_top_3(c, results) for c in every)
    assert hits >= 0.88 * len(every), (
        f"{figures(results)}\nnot in the top 3:\n{misses(in_top_3, results)}"
    )
