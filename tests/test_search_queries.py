"""The query list, run through Material's own search worker under Node, on the built index.

Builds the real site, then hands each language's search index to the worker
that ships in the site (assets/javascripts/workers/search.*.min.js), exactly
as a page of that language does, and checks which page comes first.
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


def run_worker(site: Path, index: Path, queries: list[str]) -> dict[str, list[str]]:
    """Each query → the pages of its results, in the worker's order."""
    node = shutil.which("node")
    assert node, "node is needed to run Material's search worker (Debian: apt-get install nodejs)"
    result = subprocess.run(
        [node, str(WORKER), str(site), str(index)],
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


def test_the_list_is_long_enough() -> None:
    by_lang = {lang: [c for c in cases() if c.lang == lang and not c.pending] for lang in LANGS}
    assert sum(len(v) for v in by_lang.values()) >= 40
    assert all(len(v) >= 15 for v in by_lang.values())


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


def _material_alone(index: dict) -> dict:
    """The index as Material writes it: no extra fields, words not marked."""
    config = dict(index["config"])
    config["fields"] = {
        k: v for k, v in config["fields"].items() if k not in searchindex.EXTRA_FIELDS
    }
    docs = []
    for doc in index["docs"]:
        doc = {k: v for k, v in doc.items() if k not in searchindex.EXTRA_FIELDS}
        doc["title"] = doc["title"].replace(searchindex.JOINER, "")
        doc["text"] = doc["text"].replace(searchindex.JOINER, "")
        docs.append(doc)
    return {"config": config, "docs": docs}


def test_material_alone_misses_what_the_fix_finds(site: Path, tmp_path: Path) -> None:
    """The harness can fail: on Material's own index these queries find nothing or the wrong page."""
    plain = tmp_path / "plain.json"
    index = json.loads(index_of(site, "zh").read_text(encoding="utf-8"))
    plain.write_text(json.dumps(_material_alone(index), ensure_ascii=False), encoding="utf-8")
    queries = ["24小时", "1个月", "维修回访"]
    before = run_worker(site, plain, queries)
    after = run_worker(site, index_of(site, "zh"), queries)
    assert before["24小时"] == [] and before["1个月"] == []
    assert after["24小时"] and after["1个月"]
    assert set(after["维修回访"][:1]) <= {
        "rules/s16/",
        "forms/repair_followup/",
        "forms/repair_followup_checklist/",
    }
