"""Registers as Excel and zh-CN LibreOffice really write them (tests/data/office/, made by
scripts/make_office_fixtures.py): the validator's answer on each class of file staff hand in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.cli import cli

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "tests" / "data" / "office"


def check(name: str, *args: str, lang: str = "en") -> tuple[int, dict]:
    result = CliRunner().invoke(
        cli,
        ["validate", str(OFFICE / name), "--format", "json", "--lang", lang, *args],
        catch_exceptions=False,
    )
    return result.exit_code, json.loads(result.output)


def codes(report: dict, severity: str | None = None) -> list[str]:
    return [
        p["code"]
        for p in report["problems"]
        if (severity is None or p["severity"] == severity) and p["code"] != "reference-not-checked"
    ]


@pytest.mark.parametrize("name", ["phone_mobile_number.xlsx", "phone_mobile_number.lo-resave.xlsx"])
def test_a_mobile_typed_as_a_number_is_personal_data(name: str) -> None:
    code, report = check(name)
    assert code == 0 and "unmasked-phone" in codes(report, "warning")
    code, report = check(name, "--publish")
    assert code == 1 and "unmasked-phone" in codes(report, "error")


def test_a_landline_that_lost_its_zero_says_so() -> None:
    _, report = check("phone_landline_lost_zero.xlsx")
    (problem,) = [p for p in report["problems"] if p["code"] == "number-lost-zero"]
    assert problem["value"] == "75512345678" and "Text" in problem["message"]
    assert problem["cell"] == f"G{problem['row']}"


def test_a_phone_in_scientific_notation_says_so() -> None:
    _, report = check("phone_scientific.csv", lang="zh")
    (problem,) = [p for p in report["problems"] if p["code"] == "number-scientific"]
    assert problem["value"] == "1.38E+10" and "文本" in problem["message"]


@pytest.mark.parametrize("charset", ["utf8.csv", "gb18030.csv", "gbk.csv", "utf16.txt"])
@pytest.mark.parametrize("kind", ["dates_typed_zhcn", "dates_slash_time"])
def test_dates_as_zh_cn_libreoffice_saves_them_are_read(kind: str, charset: str) -> None:
    code, report = check(f"{kind}.{charset}")
    assert code == 0, [p["message"] for p in report["problems"]]
    assert report["summary"]["rows"] == 10


@pytest.mark.parametrize(
    "name", ["filled_repair.ods", "filled_repair.xls", "filled_repair.lo.xlsx"]
)
def test_ods_and_legacy_xls_are_read_like_xlsx(name: str) -> None:
    code, report = check(name)
    assert code == 0 and report["summary"]["rows"] == 10, report["files"]


def test_ods_and_xls_found_in_a_folder(tmp_path: Path) -> None:
    for name in ("filled_repair.ods", "filled_repair.xls"):
        shutil.copy(OFFICE / name, tmp_path / name)
    result = CliRunner().invoke(cli, ["validate", str(tmp_path), "--format", "json"])
    report = json.loads(result.output)
    assert report["summary"]["files"] == 2
    # the two files are the same register twice: the second repeats every number of the first
    # (unique across the files of one estate, issue 21), and that is all that is wrong
    assert result.exit_code == 1
    assert {p["code"] for p in report["problems"]} == {"unique-across-files"}


def test_an_invalid_dropdown_value_is_one_problem_with_a_hint() -> None:
    _, report = check("satisfaction_not_in_list.xlsx")
    found = [p for p in report["problems"] if p["row"] == 4]
    assert [p["code"] for p in found] == ["enum-near-miss"]
    assert "Did you mean 'Satisfied'" in found[0]["message"]
    # English all through, but for the value as it was typed
    assert not any("\u4e00" <= c <= "\u9fff" for c in found[0]["message"].replace("非常满意", ""))


def test_near_misses_get_did_you_mean_and_yes_no_synonyms_pass() -> None:
    _, report = check("near_miss_labels.xlsx", lang="zh")
    (problem,) = report["problems"]
    assert problem["value"] == "漏水" and "是不是“漏水/渗漏”" in problem["message"]


def test_field_errors_cite_the_field_or_rule_article_else_the_form_page() -> None:
    for name, form in (
        ("repair_field_errors.xlsx", "repair_followup"),
        ("complaint_field_errors.xlsx", "complaint_register"),
    ):
        _, report = check(name)
        for p in report["problems"]:
            assert p["article"] != "RV-16.1" or p["code"] == "rule-share"
            if p["article"] is None:
                assert p["form_url"].endswith(f"forms/{form}/")


def test_a_late_reply_names_the_reply_date_typed() -> None:
    _, report = check("visit_late_reply.xlsx", lang="zh")
    (problem,) = report["problems"]
    assert problem["column"] == "答复日期" and problem["field"] == "replied_on"


def test_an_officers_own_two_rows_pass_with_quota_warnings() -> None:
    code, report = check("officer_two_rows.xlsx")
    assert code == 0
    shares = [p for p in report["problems"] if p["code"] == "rule-share"]
    assert shares and all(p["severity"] == "warning" for p in shares)
    assert all(p["article"] == "RV-16.1" and "2025-11" in p["message"] for p in shares)
    # for a data repository's CI: a period that has ended makes them errors
    code, report = check("officer_two_rows.xlsx", "--strict-periods")
    assert code == 1 and {p["severity"] for p in report["problems"]} == {"error"}


def test_english_output_is_english() -> None:
    result = CliRunner().invoke(
        cli, ["validate", str(OFFICE / "complaint_field_errors.xlsx"), "--lang", "en"]
    )
    han = [c for c in result.output if "\u4e00" <= c <= "\u9fff"]
    # only the file's own header cells (shown in brackets, as in Excel) are Chinese
    lines = [line.split("]: ", 1)[-1] for line in result.output.splitlines()]
    assert han and not any("\u4e00" <= c <= "\u9fff" for line in lines[1:] for c in line)
    assert "Checked 1 file, 3 rows" in result.output


@pytest.mark.parametrize(
    "name",
    [
        "phone_mobile_number.xlsx",
        "phone_landline_lost_zero.xlsx",
        "satisfaction_not_in_list.xlsx",
        "repair_field_errors.xlsx",
        "complaint_field_errors.xlsx",
        "filled_repair.lo.xlsx",
    ],
)
def test_the_fallback_reader_gives_the_same_verdicts(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl (the browser's reader) and calamine read a workbook to the same problems."""
    fast = check(name)
    monkeypatch.setenv("HANDBOOK_WORKBOOK_READER", "openpyxl")
    assert check(name) == fast


def test_legacy_xls_is_read_by_the_pure_python_reader_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """xlrd (the checker page's .xls reader) reads what calamine reads."""
    fast = check("filled_repair.xls")
    monkeypatch.setenv("HANDBOOK_WORKBOOK_READER", "pure")
    assert check("filled_repair.xls") == fast
    assert fast[0] == 0


def test_the_pure_python_ods_reader_gives_the_same_verdicts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The checker page reads ODS without calamine: the same problems as the command."""
    # repair_field_errors.ods: LibreOffice's save (soffice --convert-to ods) of the workbook
    for name in ("filled_repair.ods", "repair_field_errors.ods"):
        monkeypatch.delenv("HANDBOOK_WORKBOOK_READER", raising=False)
        fast = check(name)
        monkeypatch.setenv("HANDBOOK_WORKBOOK_READER", "openpyxl")
        assert check(name) == fast, name
    code, report = fast
    assert code == 1 and codes(report)  # the second file has problems, each with its cell
    assert all(p["cell"] for p in report["problems"] if p["row"] is not None)
