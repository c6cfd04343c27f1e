"""Unit tests of handbook.site.search: the compact index and the pages' search wiring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook.errors import FormFileError
from handbook.site import search

ROOT = Path(__file__).resolve().parents[1]

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


def test_write_site_gives_the_worker_the_lexicon_and_marks_the_choices(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    merged = json.loads(json.dumps(MERGED))
    merged["docs"][1]["text"] = "<p>漏水\u200b回访；选项：上门回访 / 电话回访</p>"
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(merged), "utf-8")
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text(
        "zh:\n  - {say: [打分], find: [满意度], from: 口语}\n"
        "en:\n  - {say: [grievance], find: [complaint], from: usage}\n",
        "utf-8",
    )
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text("- {zh: 满意度, zh_variants: [满意程度], en: satisfaction}\n", "utf-8")
    written = search.write_site(
        tmp_path, "zh", ["en"], glossary=glossary, lexicon=lexicon, forms=ROOT / "forms"
    )
    zh = json.loads(written["zh"].read_text("utf-8"))
    en = json.loads(written["en"].read_text("utf-8"))
    assert zh["config"]["handbook"]["lexicon"] == {"打分": ["满意度", "满意程度"]}
    assert zh["config"]["handbook"]["variants"] == {"满意度": ["满意程度"], "满意程度": ["满意度"]}
    assert "满意程度" in zh["config"]["handbook"]["vocabulary"]
    assert en["config"]["handbook"]["lexicon"] == {"grievance": ["complaint"]}
    s16 = next(d for d in zh["docs"] if d["location"] == "rules/s16/")
    assert s16["text"] == "<p>漏水回访；选项：<span data-o>上门回访 / 电话回访</span></p>"


def test_a_bad_lexicon_stops_the_build_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(MERGED), "utf-8")
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("zh:\n  - {say: [打分], find: [满意度]}\n", "utf-8")
    with pytest.raises(FormFileError, match="lexicon.yaml"):
        search.write_site(tmp_path, "zh", ["en"], lexicon=lexicon)


def test_sentences_many_pages_repeat_are_marked_as_boilerplate() -> None:
    note = "把填好的文件拖进检查页面，即可看到每个有问题的单元格。"
    docs = [
        {"location": f"forms/f{n}/", "text": f"<p>第{n}表：{note}</p><p>本表记录第{n}类。</p>"}
        for n in range(search.REPEATED)
    ]
    docs.append({"location": "rules/s01/", "text": "<p>投诉统一登记。</p>"})
    search.mark_repeated(docs)
    assert docs[0]["text"] == (
        "<p>第0表：<span data-o>把填好的文件拖进检查页面，即可看到每个有问题的单元格。</span></p>"
        "<p>本表记录第0类。</p>"
    )
    assert docs[-1]["text"] == "<p>投诉统一登记。</p>"
    # marked text is left alone by a second pass
    again = [dict(d) for d in docs]
    search.mark_repeated(again)
    assert again == docs


def test_option_lists_are_the_forms_choices_as_their_pages_write_them() -> None:
    zh = search.option_lists(ROOT / "forms", "zh")
    en = search.option_lists(ROOT / "forms", "en")
    assert "满意 / 较满意 / 不满意 / 未评价" in zh
    assert "Safety installations / Leak / water seepage / Other" in en
    assert search.option_lists(ROOT / "no-such-folder", "zh") == []
