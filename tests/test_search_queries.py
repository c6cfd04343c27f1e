"""The query list, run through the site's search worker under Node, on the built index.

Builds the real site, then hands each language's search index to the worker
its pages start (the handbook's, ``handbook.site.search``), exactly as a page
of that language does, and checks which page comes first.
Needs ``node`` (no npm package).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook.site import searchindex
from searchcases import Case, cases, params

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[1]
WORKER = ROOT / "tests" / "js" / "search_worker.cjs"
LANGS = ("zh", "en")


def run_worker(
    site: Path, index: Path, queries: list[str], worker: Path | None = None
) -> dict[str, list[str]]:
    """Each query → the pages of its results, in the worker's order (``worker``: another one)."""
    node = shutil.which("node")
    assert node, "node is needed to run the search worker (Debian: apt-get install nodejs)"
    result = subprocess.run(
        [node, str(WORKER), str(site), str(index), *([str(worker)] if worker else [])],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def index_of(site: Path, lang: str) -> Path:
    return searchindex.index_path(site, "" if lang == "zh" else lang)


@pytest.fixture(scope="module")
def results(site: Path) -> dict[str, dict[str, list[str]]]:
    return {
        lang: run_worker(site, index_of(site, lang), [c.query for c in cases() if c.lang == lang])
        for lang in LANGS
    }


@pytest.mark.parametrize("case", params())
def test_query_finds_the_right_page_first(case: Case, results: dict) -> None:
    found = results[case.lang][case.query]
    first = found[0] if found else None
    assert case.ok(first), (
        f"{case.lang} query {case.query!r}: first result {first!r}, "
        f"expected one of {list(case.expect)}; top results {found[:5]}"
    )


def test_the_list_is_long_enough_and_95_percent_right(results: dict) -> None:
    every = cases()
    assert len(every) >= 100
    by_lang = {lang: [c for c in every if c.lang == lang] for lang in LANGS}
    assert all(len(v) >= 40 for v in by_lang.values())
    right = [c for c in every if c.ok((results[c.lang][c.query] or [None])[0])]
    assert len(right) >= 0.95 * len(every), f"{len(right)}/{len(every)} right first"
    # the kinds of query staff and auditors type
    han = [c.query for c in by_lang["zh"]]
    assert sum(" " in q for q in han) >= 5, "Chinese with spaces"
    assert (
        sum(any(w in q for w in ("多久", "怎么", "什么", "哪里", "要不要", "几")) for q in han)
        >= 10
    )
    assert sum(any(ch.isdigit() for ch in q) for q in han) >= 5, "numbers"
    assert sum(q.endswith(("表", "单", "登记")) for q in han) >= 10, "form names"


def test_each_language_has_its_own_index(site: Path) -> None:
    for lang in LANGS:
        root = site if lang == "zh" else site / lang
        index = json.loads(index_of(site, lang).read_text(encoding="utf-8"))
        pages = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert pages, lang
        for page in pages:
            assert (root / page / "index.html").is_file(), f"{lang} index: {page!r} is not a page"
        if lang == "zh":
            assert not any(p.startswith("en/") for p in pages), "English pages in the zh index"
    # an English page searches the English index: its search base is /en/
    html = (site / "en" / "rules" / "s16" / "index.html").read_text(encoding="utf-8")
    assert '"base": "../../../en/"' in html
    assert '"base": "../.."' in (site / "rules" / "s16" / "index.html").read_text(encoding="utf-8")


def test_english_words_are_found_in_english_only(results: dict) -> None:
    # 'leak' is on the English rule page; the Chinese index must not offer it
    assert results["en"]["leak"]
    assert all(not page.startswith("en/") for page in results["zh"].get("leak", []))


def material_worker(site: Path) -> Path:
    """Material's own worker, still shipped in the site."""
    return next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))


ISSUE_13 = {  # query -> pages that may come first
    "漏水回访": {"rules/s16/", "forms/repair_followup/"},
    "投诉多久回复": {"rules/s01/", "rules/s13/", "rules/s11/"},
    "走访多久一次": {"rules/s08/", "forms/visit_record/"},
    "业主座谈会": {"rules/s15/", "rules/s17/", "forms/meeting_record/"},
    "维修回访登记表": {"forms/repair_followup/"},
    "新业主回访": {"rules/s01/"},
}


def test_material_alone_misses_what_the_handbook_worker_finds(site: Path, results: dict) -> None:
    """The harness can fail: Material's worker on the same index gets most of the list wrong."""
    zh = [c for c in cases() if c.lang == "zh"]
    before = run_worker(site, index_of(site, "zh"), [c.query for c in zh], material_worker(site))
    right_before = sum(c.ok((before[c.query] or [None])[0]) for c in zh)
    right_after = sum(c.ok((results["zh"][c.query] or [None])[0]) for c in zh)
    assert right_before < 0.6 * len(zh) <= 0.95 * len(zh) <= right_after, (
        right_before,
        right_after,
    )
    assert sum(not before[c.query] for c in zh) >= 10  # Material finds nothing at all for these
    assert all(results["zh"][c.query] for c in zh)
    for query, pages in ISSUE_13.items():
        assert results["zh"][query][:1] and results["zh"][query][0] in pages, query


@pytest.mark.parametrize("word", ["多久", "怎么", "什么时候", "哪里", "要不要", "吗", "的"])
def test_question_words_and_particles_never_empty_the_result(site: Path, word: str) -> None:
    queries = [f"漏水{word}回访", f"{word}投诉", f"走访{word}"]
    found = run_worker(site, index_of(site, "zh"), queries)
    assert all(found[q] for q in queries), found


def test_digits_next_to_han_and_numbers_written_in_han(site: Path) -> None:
    queries = ["24小时", "二十四小时", "3天", "三天", "2天", "两天"]
    found = run_worker(site, index_of(site, "zh"), queries)
    assert found["24小时"][:1] == found["二十四小时"][:1] and found["24小时"][0] in {
        "rules/s01/",
        "rules/s16/",
    }
    assert found["3天"] and found["三天"] and found["3天"][0] == found["三天"][0]
    assert found["2天"][:1] == found["两天"][:1] == ["rules/s16/"]


def test_reference_pages_come_after_rules_and_forms(site: Path) -> None:
    queries = ["满意率", "回访", "整改", "投诉处理"]
    found = run_worker(site, index_of(site, "zh"), queries)
    for query in queries:
        pages = found[query]
        refs = [i for i, p in enumerate(pages) if p.startswith(("glossary/", "editors/"))]
        others = [
            i for i, p in enumerate(pages) if p.startswith(("rules/", "forms/")) and p != "forms/"
        ]
        assert refs and others and max(others) < min(refs), (query, pages)
