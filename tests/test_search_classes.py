"""Classes of query the search worker reads right, on small made-up indexes (issue 23).

Each test builds an index with ``handbook.site.search.compact_index`` (as the
build does) and runs the worker (``search_worker.js``) under Node: a glossary
term written with 的 inside, leftover verbs of a question, a question word
inside a longer phrase, the lexicon's words, boilerplate and lists of choices.
Needs ``node``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.site import search

WORKER = search.WORKER_SOURCE


def _node() -> str:
    node = shutil.which("node")
    assert node, "node is needed to run the search worker (Debian: apt-get install nodejs)"
    return node


def run(index: dict[str, Any], script: str, tmp_path: Path) -> Any:
    """Run ``script`` (JavaScript, ending in an expression) with ``engine`` built on ``index``."""
    path = tmp_path / "index.json"
    path.write_text(json.dumps(index, ensure_ascii=False), "utf-8")
    code = (
        f"const {{ Engine }} = require({json.dumps(str(WORKER))});"
        f"const index = JSON.parse(require('fs').readFileSync({json.dumps(str(path))}, 'utf8'));"
        "const engine = new Engine(index.config, index.docs);"
        f"const out = (() => {{ {script} }})();"
        "process.stdout.write(JSON.stringify(out));"
    )
    result = subprocess.run(
        [_node(), "-e", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


FIRST = "return QUERIES.map(q => (engine.search(q).items[0] || [{location: null}])[0].location)"


def first_pages(index: dict[str, Any], queries: list[str], tmp_path: Path) -> list[str | None]:
    return run(
        index, f"const QUERIES = {json.dumps(queries, ensure_ascii=False)}; {FIRST}", tmp_path
    )


def zh_index(docs: list[dict[str, Any]], **kwargs: Any) -> dict[str, Any]:
    words = ["投诉", "回访", "登记表", "维修", "物业费", "重大投诉", "漏水", "时限"]
    return search.compact_index({"docs": docs}, "zh", extra_words=words, **kwargs)


def test_a_term_written_with_a_particle_inside_is_found(tmp_path: Path) -> None:
    index = zh_index(
        [
            {
                "location": "rules/a/",
                "title": "甲",
                "text": "<p>对于重大的投诉，应向经理报告。</p>",
            },
            {
                "location": "rules/b/",
                "title": "乙",
                "text": "<p>投诉登记后派单。重大事项另报。</p>",
            },
        ]
    )
    assert first_pages(index, ["重大投诉", "重大的投诉"], tmp_path) == ["rules/a/", "rules/a/"]


FORM_BOILERPLATE = "<p>填写说明：每行登记一条记录，交表前用在线检查核对，办理完毕后归档。</p>"


def _forms_and_a_rule() -> list[dict[str, Any]]:
    docs = [
        {
            "location": f"forms/f{n}/",
            "title": f"第{n}登记表",
            "text": FORM_BOILERPLATE + f"<p>记录第{n}类事项。</p>",
        }
        for n in range(9)
    ]
    docs.append(
        {"location": "rules/s16/", "title": "回访工作制度", "text": "<p>维修后七天内回访。</p>"}
    )
    return docs


@settings(max_examples=25, deadline=None)
@given(
    verb=st.sampled_from(search.ZH_WEAK),
    ask=st.sampled_from(["怎么", "咋", "要", "如何", ""]),
)
def test_a_leftover_verb_never_leads_to_boilerplate(
    tmp_path_factory: pytest.TempPathFactory, verb: str, ask: str
) -> None:
    # 维修回访怎么填: 填 is on every form page (their filling-in note), the answer is the rule
    index = zh_index(_forms_and_a_rule())
    tmp = tmp_path_factory.mktemp("q")
    assert first_pages(index, [f"维修回访{ask}{verb}"], tmp) == ["rules/s16/"]


@pytest.mark.parametrize(
    "query", ["投诉多长时间以内回复", "投诉几天之内回复", "投诉多久之前回复", "投诉回复时限"]
)
def test_a_question_word_inside_a_longer_phrase_keeps_the_deadline_sense(
    query: str, tmp_path: Path
) -> None:
    index = zh_index([{"location": "rules/a/", "title": "甲", "text": "<p>投诉回复。</p>"}])
    parsed = run(index, f"const p = engine.parse({json.dumps(query)}); return p", tmp_path)
    words = [t["text"] for t in parsed["terms"]]
    assert parsed["deadline"] is True, query
    assert not {"以内", "之内", "之前", "内"} & set(words), words


def test_the_deadline_question_favours_the_page_holding_the_number(tmp_path: Path) -> None:
    long_rule = "<p>" + "投诉由管理处受理，记录在案，按程序处理。" * 30 + "</p>"
    index = zh_index(
        [
            {"location": "rules/long/", "title": "投诉处理制度", "text": long_rule},
            {
                "location": "tasks/complaint/",
                "title": "投诉来了",
                "text": "<p>在 24 小时内答复投诉人。</p>",
            },
        ],
        boosts={"tasks/": 0.6},
    )
    assert first_pages(index, ["投诉多久答复"], tmp_path) == ["tasks/complaint/"]


def test_a_form_ranks_for_its_name_not_for_its_lists_of_choices(tmp_path: Path) -> None:
    choices = "满意 / 较满意 / 不满意 / 未评价"
    form = {
        "location": "forms/survey/",
        "title": "业主意见调查表",
        "text": "".join(f"<p>第{n}项；选项：{choices}</p>" for n in range(8)),
    }
    rule = {
        "location": "rules/s14/",
        "title": "业主意见调查和回访制度",
        "text": "<p>业主不满意的，管理处应在三天内回访，说明整改措施。</p>",
    }
    index = zh_index([form, rule], options=[choices])
    assert "<span data-o>" in index["docs"][0]["text"]
    assert first_pages(index, ["业主不满意", "业主意见调查表"], tmp_path) == [
        "rules/s14/",
        "forms/survey/",
    ]


def test_a_rare_decisive_word_beats_several_common_ones(tmp_path: Path) -> None:
    common = "<p>业主投诉管理处，管理处回访业主。</p>"
    docs = [{"location": f"rules/c{n}/", "title": f"制度{n}", "text": common} for n in range(6)]
    docs.append({"location": "rules/rare/", "title": "其他", "text": "<p>违约责任由双方约定。</p>"})
    index = zh_index(docs)
    assert first_pages(index, ["业主投诉违约责任"], tmp_path) == ["rules/rare/"]


LEXICON = {
    "管理费": ["物业费"],
    "吐槽": ["投诉"],
    "grievance": ["complaint"],
    "call back": ["follow-up"],
}


def test_a_word_of_the_lexicon_finds_the_handbook_s_word(tmp_path: Path) -> None:
    docs = [
        {"location": "rules/fee/", "title": "收费", "text": "<p>物业费按月收取。</p>"},
        {"location": "rules/mgmt/", "title": "管理", "text": "<p>管理处的管理制度。</p>"},
        {"location": "rules/c/", "title": "投诉", "text": "<p>投诉由物管员登记。</p>"},
    ]
    index = zh_index(docs, lexicon={k: v for k, v in LEXICON.items() if not k.isascii()})
    assert index["config"]["handbook"]["lexicon"]["管理费"] == ["物业费"]
    assert first_pages(index, ["管理费", "业主吐槽"], tmp_path) == ["rules/fee/", "rules/c/"]


def test_an_english_phrase_of_the_lexicon_is_read_as_one_word(tmp_path: Path) -> None:
    docs = [
        {
            "location": "rules/a/",
            "title": "Complaints",
            "text": "<p>Every complaint is logged.</p>",
        },
        {
            "location": "rules/b/",
            "title": "Follow-ups",
            "text": "<p>A follow-up within a week.</p>",
        },
        {"location": "rules/c/", "title": "Back office", "text": "<p>Call the back office.</p>"},
    ]
    index = search.compact_index(
        {"docs": docs}, "en", lexicon={k: v for k, v in LEXICON.items() if k.isascii()}
    )
    queries = ["tenant grievance", "when to call back"]
    assert first_pages(index, queries, tmp_path) == ["rules/a/", "rules/b/"]
