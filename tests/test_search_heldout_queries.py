"""Held-out queries (issue 23): does the search find the right page for words it was not tuned on?

tests/data/search_heldout_queries.yaml was written from how staff, owners and auditors talk by
someone who had not read the lexicon, the tuning list (search_staff_queries.yaml) or the
search code. It runs through the site's search worker under Node on the built index, exactly
as tests/test_search_staff_queries.py runs the tuning list, and is judged the same way: right
first, in the top 3, empty.

The issue's goals (90 % right first, 100 % in the top 3, none empty) are tests; those not met
yet are ``xfail(strict=True)``, so the marker must go the day one is met. The floors are the
figures measured with the search of main when the list was written, minus one query, so that
no change to the search or the lexicon loses what generalises today. Never tune the search
on this list: a query fixed for its own sake no longer measures anything.

The figures and every miss (query, expected pages, top results) are printed in the test's
output, capture or not, by ``test_report_the_figures_and_the_misses``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from test_search_queries import LANGS, index_of, run_worker
from test_search_staff_queries import (
    KINDS,
    QUESTION_WORDS,
    SHARE_TOLERANCE,
    STAFF_QUERIES,
    StaffCase,
    found,
    in_top_3,
    right_first,
)

pytestmark = pytest.mark.site

HELDOUT_QUERIES = Path(__file__).resolve().parent / "data" / "search_heldout_queries.yaml"

# Measured on branch heldout (the search and lexicon of main, 2026-12-02), 121 queries:
# 72 right first (60 %), 97 in the top 3 (80 %), none empty. Floors: one query less.
FLOOR_RIGHT_FIRST = 71
FLOOR_TOP_3 = 96


def load(path: Path) -> list[StaffCase]:
    """The queries of a list in the tuning list's format (language → entries q, expect, kind)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
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


def heldout_cases() -> list[StaffCase]:
    return load(HELDOUT_QUERIES)


@pytest.fixture(scope="module")
def results(site: Path) -> dict[str, dict[str, list[str]]]:
    every = heldout_cases()
    return {
        lang: run_worker(site, index_of(site, lang), [c.query for c in every if c.lang == lang])
        for lang in LANGS
    }


def count(test, cases: list[StaffCase], results: dict) -> int:
    return sum(test(c, results) for c in cases)


def empty(case: StaffCase, results: dict) -> bool:
    return not found(case, results)


def answered(case: StaffCase, results: dict) -> bool:
    return bool(found(case, results))


def figures(results: dict) -> str:
    """One line: right first, top 3 and empty, overall and per kind."""
    every = heldout_cases()

    def rate(test, cases: list[StaffCase]) -> str:
        hits = count(test, cases, results)
        return f"{hits}/{len(cases)} ({hits / len(cases):.0%})"

    parts = [
        f"right first {rate(right_first, every)}",
        f"top 3 {rate(in_top_3, every)}",
        f"empty {count(empty, every, results)}",
    ]
    for kind in KINDS:
        cases = [c for c in every if c.kind == kind]
        parts.append(f"{kind}: first {rate(right_first, cases)}, top 3 {rate(in_top_3, cases)}")
    return "; ".join(parts)


def misses(test, results: dict) -> str:
    """The queries that fail ``test``, one a line: * when no right page is in the top 3 either."""
    return "\n".join(
        f"{' ' if in_top_3(c, results) else '*'} [{c.kind}] {c.lang} {c.query!r}: "
        f"got {found(c, results)[:3]}, expected one of {list(c.expect)}"
        for c in heldout_cases()
        if not test(c, results)
    )


def index_docs(site: Path, lang: str) -> list[dict]:
    return list(json.loads(index_of(site, lang).read_text(encoding="utf-8"))["docs"])


# --- the list itself


def test_the_list_has_the_size_and_mix_the_brief_asks_for() -> None:
    every = heldout_cases()
    assert len(every) >= 80, len(every)
    queries = Counter((c.lang, c.query) for c in every)
    assert not [q for q, n in queries.items() if n > 1], "a query is listed twice"
    for case in every:
        assert case.kind in KINDS, f"{case.query!r}: kind {case.kind!r} is not one of {list(KINDS)}"
        assert case.lang == KINDS[case.kind][0], f"{case.query!r}: {case.kind} under {case.lang}"
        assert case.expect and all(p.endswith("/") for p in case.expect), case.query
        asked = bool(QUESTION_WORDS.search(case.query))
        if case.kind == "question":
            assert asked, f"{case.query!r} is not asked as a question"
        if case.kind == "colloquial":
            assert not asked, f"{case.query!r} is a question: kind question"
    kinds = Counter(c.kind for c in every)
    for kind, (_, share) in KINDS.items():
        assert abs(kinds[kind] / len(every) - share) <= SHARE_TOLERANCE, (
            f"{kind}: {kinds[kind]} of {len(every)}, the brief asks for about {share:.0%}"
        )


def test_every_query_says_who_would_type_it() -> None:
    data = yaml.safe_load(HELDOUT_QUERIES.read_text(encoding="utf-8"))
    nobody = [e["q"] for entries in data.values() for e in entries if not e.get("who")]
    assert not nobody, f"no `who` for {nobody}"


def test_no_query_is_also_in_the_tuning_list() -> None:
    """Held out: a query the search is tuned on measures nothing about generalising."""
    tuned = {(c.lang, c.query.strip().lower()) for c in load(STAFF_QUERIES)}
    shared = [c.query for c in heldout_cases() if (c.lang, c.query.strip().lower()) in tuned]
    assert not shared, f"in the tuning list too, reword them: {shared}"


def test_expected_pages_are_pages_of_their_language(site: Path) -> None:
    for lang in LANGS:
        pages = {doc["location"].split("#")[0] for doc in index_docs(site, lang)}
        for case in heldout_cases():
            if case.lang == lang:
                unknown = [p for p in case.expect if p not in pages]
                assert not unknown, f"{lang} {case.query!r}: no such page {unknown}"


def test_no_query_is_a_phrase_of_the_handbook(site: Path) -> None:
    """Written from how people talk: no query occurs as it stands in its language's pages."""
    for lang in LANGS:
        text = " ".join(
            f"{doc.get('title', '')} {doc.get('text', '')}" for doc in index_docs(site, lang)
        ).lower()
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
        copied = [c.query for c in heldout_cases() if c.lang == lang and c.query.lower() in text]
        assert not copied, f"{lang}: copied from the handbook's text: {copied}"


# --- the figures, printed for the lead whatever the outcome


def test_report_the_figures_and_the_misses(
    results: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    """Printed past pytest's capture, so that every run shows where the search stands."""
    with capsys.disabled():
        print(
            f"\nheld-out search queries (issue 23): {figures(results)}\n"
            f"wrong first (* = no right page in the top 3 either):\n"
            f"{misses(right_first, results)}"
        )
    assert set(results) == set(LANGS)


# --- the goals, each with the figures and the misses in its message


def test_goal_no_query_comes_back_empty(results: dict) -> None:
    assert not count(empty, heldout_cases(), results), (
        f"{figures(results)}\nempty:\n{misses(answered, results)}"
    )


# Not reached yet (issue 23 open): 72 of 121 right first (60 %), 97 in the top 3 (80 %).
NOT_YET = pytest.mark.xfail(
    strict=True, reason="issue 23's goal is not reached on held-out queries"
)


@NOT_YET
def test_goal_every_query_has_a_right_page_in_the_top_3(results: dict) -> None:
    every = heldout_cases()
    assert count(in_top_3, every, results) == len(every), (
        f"{figures(results)}\nnot in the top 3:\n{misses(in_top_3, results)}"
    )


@NOT_YET
def test_goal_90_percent_right_first(results: dict) -> None:
    every = heldout_cases()
    assert count(right_first, every, results) >= 0.9 * len(every), (
        f"{figures(results)}\nwrong first:\n{misses(right_first, results)}"
    )


# --- floors: what generalises today, so that no change loses it


def test_floor_right_first(results: dict) -> None:
    hits = count(right_first, heldout_cases(), results)
    assert hits >= FLOOR_RIGHT_FIRST, (
        f"{hits} right first, the floor is {FLOOR_RIGHT_FIRST}: {figures(results)}\n"
        f"wrong first:\n{misses(right_first, results)}"
    )


def test_floor_in_the_top_3(results: dict) -> None:
    hits = count(in_top_3, heldout_cases(), results)
    assert hits >= FLOOR_TOP_3, (
        f"{hits} in the top 3, the floor is {FLOOR_TOP_3}: {figures(results)}\n"
        f"not in the top 3:\n{misses(in_top_3, results)}"
    )
