"""``handbook report`` through CliRunner: every format, both languages, exit codes, no personal data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.cli import cli
from handbook.indicators import build_report
from handbook.indicators.render import CSV_COLUMNS, report_dict
from handbook.load.estate import load_estate
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.model.period import parse_period
from handbook.registers.records import read_registers
from personal_values import leaks, personal_values

pytestmark = pytest.mark.usefixtures("project_cwd")

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-28 12:00"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["report", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def personal() -> tuple[set[str], set[str]]:
    return personal_values(ROOT / "data", load_forms(ROOT / "forms"))


def test_report_is_listed_with_help_and_examples() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0 and "report" in result.stdout
    code, out, _ = run("--help")
    assert code == 0 and "handbook report data/ --period 2026-Q1" in out


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", ["回访与投诉指标", "统计期 2026-Q1", "## 业主满意度", "维修负责人", "RV-16.1", "无数据"]),
        ("en", ["Follow-up and complaint indicators", "Period 2026-Q1", "## Hotline", "Maintenance lead", "no data"]),
    ],
)  # fmt: skip
def test_text_report_in_both_languages(lang: str, words: list[str]) -> None:
    code, out, err = run("data/", "--period", "2026-Q1", "--lang", lang, "--as-of", AS_OF)
    assert code == 0, err
    for word in words:
        assert word in out
    # the survey ran in December and June: nothing in Q1, shown as no data, not 0 %
    survey_line = next(
        line for line in out.splitlines() if line.startswith(("业主意见调查满意率", "Owner survey"))
    )
    assert ("无数据" if lang == "zh" else "no data") in survey_line and "0.0%" not in survey_line


def test_json_equals_the_library_report_and_pins_its_keys() -> None:
    code, out, _ = run("data/", "--period", "2026", "--format", "json", "--as-of", AS_OF)
    assert code == 0
    data = json.loads(out)
    # the open items (handbook.indicators.due) come after the indicators: tested in test_due.py
    assert list(data.pop("due")) == [
        "as_of",
        "escalate_overdue_days",
        "by_register",
        "by_role",
        "escalate",
    ]
    forms = load_forms(ROOT / "forms")
    expected = build_report(
        read_registers([ROOT / "data"], forms),
        load_policy(ROOT / "policy.yaml"),
        forms,
        load_estate(ROOT / "data" / "property.yaml"),
        parse_period("2026"),
        dt.datetime(2026, 11, 28, 12, 0),
    )
    assert data == json.loads(json.dumps(report_dict(expected, "zh")))
    assert list(data) == ["version", "period", "as_of", "settings", "sources", "indicators"]
    assert data["version"] == 1
    assert data["period"] == {"label": "2026", "start": "2026-01-01", "end": "2026-12-31"}
    first = data["indicators"][0]
    assert list(first) == [
        "key", "section", "title", "formula", "unit", "article", "method",
        "value", "numerator", "denominator", "target", "comparison", "met", "status", "groups",
    ]  # fmt: skip
    assert list(first["groups"][0]) == [
        "key", "label", "value", "numerator", "denominator", "target", "comparison", "met", "status",
    ]  # fmt: skip
    keys = [i["key"] for i in data["indicators"]]
    assert {"survey_satisfaction", "repair_role_quota", "followup_resolution_rate",
            "complaint_rate_per_household", "hotline_satisfaction", "visit_frequency_rate"} <= set(keys)  # fmt: skip


def test_json_reports_no_data_and_suppressed_figures_without_counts() -> None:
    code, out, _ = run("data/", "--period", "2026-03", "--format", "json", "--as-of", AS_OF)
    assert code == 0
    data = json.loads(out)
    figures = [g for i in data["indicators"] for g in [i, *i["groups"]]]
    no_data = [f for f in figures if f["status"] == "no_data"]
    suppressed = [f for f in figures if f["status"] == "suppressed"]
    assert no_data and all(f["value"] is None and f["denominator"] == 0 for f in no_data)
    assert suppressed and all(
        f["value"] is None and f["numerator"] is None and f["denominator"] is None
        for f in suppressed
    )
    assert all(f["met"] is None for f in no_data + suppressed)


def test_csv_has_one_line_per_figure() -> None:
    code, out, _ = run("data/", "--format", "csv", "--lang", "en", "--as-of", AS_OF)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    quota = [r for r in rows if r["indicator"] == "repair_role_quota"]
    assert [r["group"] for r in quota] == ["", "manager", "supervisor", "maintenance_lead"]
    manager = quota[1]
    assert (
        manager["label"] == "Manager"
        and manager["target"] == "0.1"
        and manager["article"] == "RV-16.1"
    )
    assert float(manager["value"]) == pytest.approx(
        int(manager["numerator"]) / int(manager["denominator"])
    )
    assert manager["met"] in ("true", "false")


def test_csv_to_a_file_has_a_bom_for_excel(tmp_path: Path) -> None:
    target = tmp_path / "指标.csv"
    code, out, err = run("data/", "--format", "csv", "-o", str(target), "--as-of", AS_OF)
    assert code == 0 and out == "" and str(target) in err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert next(csv.reader(io.StringIO(raw.decode("utf-8-sig")))) == list(CSV_COLUMNS)


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_output_carries_personal_data(fmt: str, lang: str, personal) -> None:
    code, out, _ = run("data/", "--format", fmt, "--lang", lang, "--as-of", AS_OF)
    assert code == 0
    assert leaks(out, personal) == set()


def test_leak_check_can_fail(personal) -> None:
    name = next(iter(sorted(personal[0])))
    assert leaks(f"总计 12 户，其中 {name} 投诉两次", personal) == {name}
    assert len(personal[0]) > 1000 and len(personal[1]) > 20


def test_without_a_property_file_the_rate_per_household_has_no_data(tmp_path: Path) -> None:
    folder = tmp_path / "registers" / "complaint_register"
    folder.mkdir(parents=True)
    source = next((ROOT / "data" / "complaint_register").glob("*.csv"))
    (folder / source.name).write_bytes(source.read_bytes())
    code, out, _ = run(str(tmp_path / "registers"), "--format", "json", "--as-of", AS_OF)
    assert code == 0
    rate = next(
        i for i in json.loads(out)["indicators"] if i["key"] == "complaint_rate_per_household"
    )
    assert rate["status"] == "no_data" and rate["value"] is None
    estate = tmp_path / "estate.yaml"
    estate.write_text("households: 50\n", encoding="utf-8")
    code, out, _ = run(str(tmp_path / "registers"), "--property", str(estate), "--format", "json")
    rate = next(
        i for i in json.loads(out)["indicators"] if i["key"] == "complaint_rate_per_household"
    )
    assert code == 0 and rate["denominator"] == 50


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["data/", "--period", "2026-13"], "2026-Q1"),
        (["no/such/folder"], "no/such/folder"),
        (["data/", "--property", "missing.yaml"], "missing.yaml"),
    ],
)
def test_unusable_input_exits_2_with_a_message(args: list[str], message: str) -> None:
    code, out, err = run(*args, "--lang", "en")
    assert code == 2 and out == ""
    assert message in err


def test_bad_as_of_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["report", "data/", "--as-of", "soon"])
    assert result.exit_code == 2 and "2026-03-31" in result.output
