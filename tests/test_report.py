"""Report formats: JSON keys pinned, JUnit parses, GitHub annotation syntax, nothing dropped."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from handbook.cli import cli
from handbook.registers.limits import SAME_PROBLEM_SHOWN

ROOT = Path(__file__).resolve().parents[1]
HEADER = [
    "投诉编号",
    "受理时间",
    "投诉方式",
    "投诉类别",
    "投诉内容摘要",
    "投诉性质",
    "是否有效投诉",
    "受理人",
]


def bad_register(tmp_path: Path, count: int = 3) -> Path:
    path = tmp_path / "complaint_register" / "bad.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(count):
            writer.writerow(
                [
                    f"TS-2026-{i:04d}",
                    "2026-02-30 10:00",
                    "来电",
                    "维修",
                    "漏水",
                    "一般",
                    "是",
                    "客服 李**",
                ]
            )
    return path


def run(*args: str, env: dict | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", *args, "--forms", str(ROOT / "forms")], env=env)
    return result.exit_code, result.stdout


def test_json_problem_keys_and_article_links(tmp_path: Path) -> None:
    code, out = run(
        str(bad_register(tmp_path)), "--format", "json", "--handbook-url", "http://hb.local/"
    )
    assert code == 1
    report = json.loads(out)
    assert (
        report["version"] == 1
        and report["summary"]["errors"] == 3
        and report["summary"]["not_shown"] == 0
    )
    problem = report["problems"][0]
    assert list(problem) == [
        "code",
        "severity",
        "file",
        "row",
        "column",
        "cell",
        "field",
        "value",
        "message",
        "article",
        "article_url",
        "form_url",
    ]
    for problem in report["problems"]:
        if problem["article"]:
            # the article of the field or the rule, linked
            assert problem["article_url"].startswith("http://hb.local/rules/s")
            assert problem["article_url"].endswith("#" + problem["article"])
            assert problem["form_url"] is None
        else:
            # no article of its own: none is cited, and the form's page is linked
            assert problem["form_url"] == "http://hb.local/forms/complaint_register/"
        assert problem["cell"] == f"{problem['cell'][0]}{problem['row']}"


def test_junit_parses_with_a_failure_per_invalid_file(tmp_path: Path) -> None:
    code, out = run(
        str(bad_register(tmp_path)), str(ROOT / "data"), "--format", "junit", "--lang", "en"
    )
    assert code == 1
    suite = ET.fromstring(out.encode("utf-8"))
    assert suite.tag == "testsuite" and int(suite.get("failures")) == 1
    failure = suite.find("./testcase/failure")
    assert failure is not None and failure.text.count("is not a valid date and time") == 3


ANNOTATION = re.compile(r"^::(error|warning) file=[^,:]+(,line=\d+)?(,col=\d+)?,title=[^:]+::.+$")


def test_github_annotations_follow_the_syntax_and_stop_at_ten(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    code, out = run(
        str(bad_register(tmp_path, 15)),
        "--format",
        "github",
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 10 and all(ANNOTATION.match(line) for line in lines)
    table = [
        line
        for line in summary.read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and "bad.csv" in line
    ]
    # the summary has every problem: the same one down a column is listed a few times, then counted
    assert len(table) == SAME_PROBLEM_SHOWN + 1
    assert f"另有 {15 - SAME_PROBLEM_SHOWN} 处" in table[-1]


def test_max_errors_says_how_many_were_not_shown(tmp_path: Path) -> None:
    code, out = run(str(bad_register(tmp_path, 5)), "--max-errors", "2", "--lang", "en")
    assert code == 1
    assert out.count("is not a valid date and time") == 2
    assert "3 more problems not shown (--max-errors 2)" in out


def test_every_problem_is_reported_beyond_frictionless_limit(tmp_path: Path) -> None:
    code, out = run(str(bad_register(tmp_path, 1200)), "--format", "json")
    assert code == 1 and json.loads(out)["summary"]["errors"] == 1200


def test_jobs_give_the_same_report(tmp_path: Path) -> None:
    args = [str(ROOT / "data"), str(bad_register(tmp_path)), "--format", "json"]
    one = json.loads(run(*args)[1])
    two = json.loads(run(*args, "--jobs", "2")[1])
    assert one["problems"] == two["problems"] and one["summary"] == two["summary"]


def test_composite_unique_keys_are_enforced(tmp_path: Path) -> None:
    path = tmp_path / "opinion_survey" / "s.csv"
    path.parent.mkdir(parents=True)
    header = ["form_no", "survey_round", "unit_no", "mode", "returned_on"]
    rows = [
        ["Q-1", "2026H1", "1-1-101", "self", "2026-03-01"],
        ["Q-2", "2026H1", "1-1-101", "self", "2026-03-02"],
        ["Q-3", "2026H2", "1-1-101", "self", "2026-09-02"],
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    code, out = run(str(path), "--format", "json")
    found = [
        (p["code"], p["row"]) for p in json.loads(out)["problems"] if p["code"] == "unique-key"
    ]
    assert found == [("unique-key", 3)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ambiguous_form_lists_candidates(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "export.csv"
    path.write_text("房号,备注\n1-1-101,x\n", encoding="utf-8")
    code, out = run(str(path), "--lang", lang)
    assert code == 2
    assert "--form" in out
