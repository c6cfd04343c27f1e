"""Unit tests of handbook.site.searchindex: the index entries Material's worker reads."""

from __future__ import annotations

import json
from pathlib import Path

from handbook.site.searchindex import (
    GRAM,
    JOINER,
    gram_terms,
    mark_words,
    page_boost,
    plain_text,
    rebase_page_config,
    split_index,
    write_language_indexes,
)

J = JOINER


def test_plain_text_drops_tags_marks_and_entities() -> None:
    assert plain_text("<p>投诉\u200b处理 &amp; 回访</p>") == " 投诉处理 & 回访 "


def test_every_phrase_up_to_gram_characters_is_the_start_of_a_term() -> None:
    text = "四、对回访中发现的问题，24小时内书面通知维修人员进行整改。"
    terms = gram_terms(text)
    stream = "四对回访中发现的问题24小时内书面通知维修人员进行整改"
    for i in range(len(stream)):
        if stream[i].isdigit() and i and stream[i - 1].isdigit():
            continue  # no term starts inside a number
        for n in range(1, GRAM + 1):
            phrase = stream[i : i + n]
            assert any(t.startswith(phrase) for t in terms), phrase
    assert any(t.startswith("24小时") for t in terms)


def test_no_term_is_a_shorter_piece_of_a_query() -> None:
    # The worker cuts a query into index terms; no term may be shorter than GRAM
    # unless it ends with the joiner, which no query contains.
    for term in gram_terms("楼长会 物业管理处设投诉信箱、投诉电话，由专人接收。"):
        assert len(term) == GRAM or term.endswith(J), term


def test_numbers_start_terms_but_not_in_their_middle() -> None:
    terms = gram_terms("维修后7天内回访，经理回访率不低于10%")
    assert any(t.startswith("7天内") for t in terms)
    assert any(t.startswith("10") for t in terms)
    assert not any(t.startswith("0") for t in terms)


def test_latin_text_gives_no_terms() -> None:
    assert gram_terms("<p>Repairs of leaks within three days.</p>") == []


def test_mark_words_appends_the_joiner_to_han_words_only() -> None:
    marked = mark_words("<p>漏水\u200b项目 RV-16.2 leak</p>")
    assert marked == f"<p>漏水{J}\u200b项目{J} RV-16.2 leak</p>"
    assert mark_words(marked) == marked


def _index() -> dict:
    return {
        "config": {
            "lang": ["en", "zh"],
            "fields": {"title": {"boost": 1000}, "text": {"boost": 1}},
        },
        "docs": [
            {"location": "", "title": "首页", "text": "漏水"},
            {"location": "rules/s16/", "title": "回访工作制度", "text": "<p>漏水项目</p>"},
            {"location": "glossary/", "title": "术语表", "text": "漏水"},
            {"location": "en/", "title": "Home", "text": "leak"},
            {"location": "en/rules/s16/", "title": "Follow-up work rules", "text": "leaks"},
            {"location": "en/rules/s16/#ii", "title": "II", "text": "leaks"},
        ],
    }


def test_split_index_gives_each_language_its_pages_in_order() -> None:
    out = split_index(_index(), "zh", ["en"])
    assert [d["location"] for d in out["zh"]["docs"]] == ["", "rules/s16/", "glossary/"]
    assert [d["location"] for d in out["en"]["docs"]] == ["", "rules/s16/", "rules/s16/#ii"]
    for lang in ("zh", "en"):
        assert out[lang]["config"]["lang"] == [lang]
        fields = out[lang]["config"]["fields"]
        assert fields["title_terms"] == {"boost": 1000} and fields["text_terms"] == {"boost": 1}
    s16 = out["zh"]["docs"][1]
    assert s16["title"] == f"回访工作制度{J}"  # Material's jieba marks (U+200B) are absent here
    assert "漏水项目" + J in s16["text_terms"].split()


def test_boosts_rank_reference_pages_lower() -> None:
    out = split_index(_index(), "zh", ["en"], {"glossary/": 0.2, "": 0.5})
    boosts = {d["location"]: d.get("boost") for d in out["zh"]["docs"]}
    assert boosts == {"": 0.5, "rules/s16/": None, "glossary/": 0.2}
    assert {d["location"]: d.get("boost") for d in out["en"]["docs"]}[""] == 0.5


def test_page_boost_matches_folders_and_single_pages() -> None:
    boosts = {"editors/": 0.2, "policy/": 0.3}
    assert page_boost("editors/errata/#x", boosts) == 0.2
    assert page_boost("policy/", boosts) == 0.3
    assert page_boost("rules/s01/", boosts) is None


def test_write_language_indexes_replaces_the_merged_index(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(_index()), "utf-8")
    written = write_language_indexes(tmp_path, "zh", ["en"])
    assert set(written) == {"zh", "en"}
    zh = json.loads((tmp_path / "search" / "search_index.json").read_text("utf-8"))
    en = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text("utf-8"))
    assert len(zh["docs"]) == 3 and len(en["docs"]) == 3
    # a second run (the index is already split) keeps the English index
    write_language_indexes(tmp_path, "zh", ["en"])
    assert json.loads((tmp_path / "en" / "search" / "search_index.json").read_text("utf-8")) == en


def test_rebase_page_config_points_a_page_at_its_language_root() -> None:
    page = (
        '<html><script id="__config" type="application/json">'
        '{"base": "../../..", "search": "../../../assets/w.js"}</script></html>'
    )
    out = rebase_page_config(page, "en")
    assert '"base": "../../../en/"' in out
    assert '"search": "../../../assets/w.js"' in out
    assert rebase_page_config(page, "") == page
    assert rebase_page_config("<html></html>", "en") == "<html></html>"
