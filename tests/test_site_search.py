"""Unit tests of handbook.site.search: the compact index and the pages' search wiring."""

from __future__ import annotations

import json
from pathlib import Path

from handbook.site import search

MERGED = {
    "config": {"lang": ["zh", "en"], "separator": "[\\s\\u200b]+", "pipeline": [], "fields": {}},
    "docs": [
        {"location": "", "title": "手册", "text": ""},
        {
            "location": "rules/s16/",
            "title": "回访\u200b工作\u200b制度",
            "text": "<p>漏水\u200b回访</p>",
        },
        {"location": "glossary/", "title": "术语表", "text": "回访"},
        {"location": "en/", "title": "Handbook", "text": ""},
        {"location": "en/rules/s16/", "title": "Follow-up work rules", "text": "<p>leak</p>"},
    ],
}


def test_vocabulary_is_the_words_jieba_cut_the_pages_into() -> None:
    docs = [{"title": "回访\u200b工作\u200b制度", "text": "<p>漏水\u200b回访，24\u200b小时</p>"}]
    assert search.vocabulary(docs, ["物业服务中心", "x"]) == sorted(
        ["回访", "工作", "制度", "漏水", "小时", "物业服务中心"]
    )


def test_compact_index_keeps_text_once_and_drops_invisible_marks() -> None:
    data = search.compact_index(
        {"config": MERGED["config"], "docs": MERGED["docs"][:3]}, "zh", {"glossary/": 0.2}
    )
    docs = {d["location"]: d for d in data["docs"]}
    assert docs["rules/s16/"]["title"] == "回访工作制度"
    assert docs["rules/s16/"]["text"] == "<p>漏水回访</p>"
    assert docs["glossary/"]["boost"] == 0.2 and docs["glossary/"]["reference"] == 1
    assert "reference" not in docs["rules/s16/"]
    settings = data["config"]["handbook"]
    assert "漏水" in settings["vocabulary"] and "多久" in settings["stop"]
    assert "记录表" in settings["synonyms"]["登记表"]
    assert data["config"]["lang"] == ["zh"]


def test_write_site_splits_languages_and_copies_the_scripts(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(MERGED), "utf-8")
    written = search.write_site(tmp_path, "zh", ["en"])
    zh = json.loads(written["zh"].read_text("utf-8"))
    en = json.loads(written["en"].read_text("utf-8"))
    assert [d["location"] for d in zh["docs"]] == ["", "rules/s16/", "glossary/"]
    assert [d["location"] for d in en["docs"]] == ["", "rules/s16/"]
    assert written["en"] == tmp_path / "en" / "search" / "search_index.json"
    assert (tmp_path / search.WORKER_DIR / search.WORKER_NAME).is_file()
    assert (tmp_path / search.INPUT_DIR / search.INPUT_NAME).is_file()
    # a second run (the index already split) keeps the English index
    search.write_site(tmp_path, "zh", ["en"])
    assert json.loads(written["en"].read_text("utf-8")) == en


PAGE = (
    '<html><body><script id="__config" type="application/json">'
    '{"base": "../..", "search": "../../assets/javascripts/workers/search.a7633da7.min.js"}'
    "</script></body></html>"
)


def test_page_html_names_the_handbook_worker_and_loads_the_input_script() -> None:
    out = search.page_html(PAGE)
    config = json.loads(out.split('application/json">')[1].split("</script>")[0])
    assert config["search"] == f"../../assets/javascripts/workers/{search.WORKER_NAME}"
    assert config["base"] == "../.."
    assert f'<script src="../../assets/javascripts/{search.INPUT_NAME}"></script>' in out
    assert out.index(search.INPUT_NAME) < out.index("</body>")


def test_page_html_leaves_a_page_without_search_alone() -> None:
    assert search.page_html("<html><body>x</body></html>") == "<html><body>x</body></html>"


def test_script_names_change_with_their_content() -> None:
    assert search.WORKER_NAME.startswith("handbook-search.") and search.WORKER_NAME.endswith(".js")
    assert search.WORKER_NAME != search.INPUT_NAME
