"""Rules over time: working days by China's calendar, and each row judged by the value in force then."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.cli import cli
from handbook.errors import CalendarRangeError, FormFileError
from handbook.indicators import build_report
from handbook.load.forms import load_forms
from handbook.load.policy import check_policy_file, load_policy
from handbook.model.deadlines import (
    elapsed,
    is_working_day,
    known_years,
    last_day,
    working_days_between,
)
from handbook.registers.records import Registers
from handbook.validate import Options, validate_files

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "policy"
FORMS = load_forms(ROOT / "forms")
D = dt.date.fromisoformat

# ---- working days ------------------------------------------------------------------


def test_national_day_2026_with_its_make_up_saturday() -> None:
    """Closed on 30 September: 1–7 October are off, 8 and 9 October and Saturday 10 October
    (a make-up working day) are working days 1, 2 and 3."""
    assert last_day(D("2026-09-30"), 3, "working_days") == D("2026-10-10")
    assert last_day(D("2026-09-30"), 3, "days") == D("2026-10-03")
    assert working_days_between(D("2026-09-30"), D("2026-10-07")) == 0
    assert is_working_day(D("2026-10-10")) and not is_working_day(D("2026-10-11"))
    # the make-up Sunday before the holiday counts too
    assert is_working_day(D("2026-09-20"))
    assert working_days_between(D("2026-09-18"), D("2026-09-21")) == 2


def test_national_day_2025_runs_to_8_october() -> None:
    assert working_days_between(D("2025-09-30"), D("2025-10-08")) == 0
    assert last_day(D("2025-09-30"), 3, "working_days") == D("2025-10-11")  # a make-up Saturday


def test_spring_festival_2026_with_its_make_up_saturdays() -> None:
    """15–23 February are off; Saturdays 14 and 28 February are worked."""
    start = D("2026-02-13")  # Friday before the holiday
    assert working_days_between(start, D("2026-02-14")) == 1
    assert working_days_between(start, D("2026-02-23")) == 1
    assert last_day(start, 3, "working_days") == D("2026-02-25")
    assert is_working_day(D("2026-02-28"))


def test_a_weekend_inside_a_working_day_window_is_not_counted() -> None:
    friday = D("2026-03-06")
    assert working_days_between(friday, D("2026-03-08")) == 0
    assert last_day(friday, 2, "working_days") == D("2026-03-10")
    assert elapsed(friday, D("2026-03-10"), "days") == 4


def test_working_days_across_new_year() -> None:
    # 2026-01-01 to 01-03 off, Sunday 4 January worked
    assert working_days_between(D("2025-12-31"), D("2026-01-05")) == 2


def test_a_24_hour_rule_is_calendar_hours_across_a_weekend() -> None:
    friday = dt.datetime(2026, 3, 6, 17, 0)
    assert elapsed(friday, dt.datetime(2026, 3, 7, 17, 0), "hours") == 24
    assert elapsed(friday, dt.datetime(2026, 3, 9, 9, 0), "hours") == 64


def test_a_year_the_calendar_does_not_know_is_refused_not_guessed() -> None:
    last = known_years()[1]
    with pytest.raises(CalendarRangeError) as caught:
        working_days_between(D(f"{last}-12-30"), D(f"{last + 1}-01-04"))
    assert caught.value.params["date"] == f"{last + 1}-01-04"
    message = caught.value.render("en")
    assert str(last + 1) in message and "pip install -U chinese-calendar" in message


# ---- history in the policy ----------------------------------------------------------


def test_the_value_in_force_on_either_side_of_a_change() -> None:
    policy = load_policy(DATA / "good_history.yaml")
    reply = policy["complaint_reply_hours"]
    assert [reply.limit_for(on=D(d)) for d in ("2024-12-31", "2025-01-01")] == [48, 36]
    assert [reply.limit_for(on=D(d)) for d in ("2025-12-31", "2026-01-01")] == [36, 24]
    assert reply.limit_for() == 24
    repairs = policy["repair_followup_days"]
    assert repairs.term_on(D("2026-06-30")).unit == "days"
    assert repairs.term_on(D("2026-07-01")).unit == "working_days"
    assert repairs.current.start == D("2026-07-01")


@pytest.mark.parametrize(
    ("fixture", "code", "line"),
    [
        ("previous_order", "previous-order", 7),
        ("previous_overlap", "previous-overlap", 7),
        ("previous_gap", "previous-gap", 7),
        ("previous_bad_shape", "previous-bad-shape", 8),
        ("previous_bad_until", "previous-bad-date", 6),
        ("previous_not_list", "previous-not-list", 5),
        ("previous_bad_unit", "previous-bad-unit", 6),
        ("working_days_fraction", "bad-value", 2),
    ],
)
def test_each_policy_history_error_is_reported_with_its_line(
    fixture: str, code: str, line: int
) -> None:
    path = DATA / f"{fixture}.yaml"
    policy, problems = check_policy_file(path)
    assert policy is None
    assert [(p.code, p.line) for p in problems] == [(code, line)]
    with pytest.raises(FormFileError) as caught:
        load_policy(path)
    assert f"{path} has an error on line {line}:" in caught.value.render("en")
    assert [p.render("en").split(": ")[0] for p in problems] == [f"{path}:{line}"]


def _company(tmp_path: Path, policy_text: str) -> Path:
    shutil.copytree(ROOT / "forms", tmp_path / "company" / "forms")
    (tmp_path / "company" / "policy.yaml").write_text(policy_text, encoding="utf-8")
    return tmp_path / "company"


def test_lint_reports_each_history_error_as_file_line_and_exits_2(tmp_path: Path) -> None:
    text = (ROOT / "policy.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "complaint_reply_hours:\n  value: 24\n",
        "complaint_reply_hours:\n  value: 24\n  previous:\n"
        "    - {until: 2025-12-31, value: 36}\n    - {until: 2024-12-31, value: 48}\n",
    ).replace(
        "complaint_followup_days:\n  value: 3\n",
        "complaint_followup_days:\n  value: 3\n  previous:\n    - {until: 30 June, value: 5}\n",
    )
    company = _company(tmp_path, text)
    result = CliRunner().invoke(cli, ["lint", "--forms", str(company / "forms"), "--lang", "en"])
    assert result.exit_code == 2
    policy = company / "policy.yaml"
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{policy}:") and "oldest first" in line for line in lines)
    assert any(line.startswith(f"{policy}:") and "2026-06-30" in line for line in lines)


# ---- the validator and the indicators judge each row by its date ---------------------

REGISTER = [
    "complaint_no",
    "received_at",
    "channel",
    "category",
    "summary",
    "severity",
    "substantiated",
    "handler",
    "closed_at",
    "resolution",
    "followup_at",
    "followup_rating",
    "replied_at",
]


def _complaint(no: int, received: str, replied: str, closed: str, followup: str) -> list[str]:
    return [
        f"TS-2026-{no:04d}",
        received,
        "phone",
        "repair",
        "漏水",
        "general",
        "yes",
        "客服 李**",
        closed,
        "已修复",
        followup,
        "satisfied",
        replied,
    ]


def _write(tmp_path: Path, rows: list[list[str]]) -> Path:
    import csv

    path = tmp_path / "complaint_register" / "r.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(REGISTER)
        writer.writerows(rows)
    return path


def _history_policy(tmp_path: Path) -> Path:
    """policy.yaml with a 48-hour reply until 2025-12-31 and complaint follow-ups counted in
    working days from 2026 (3 calendar days before)."""
    text = (ROOT / "policy.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "complaint_reply_hours:\n  value: 24\n",
        "complaint_reply_hours:\n  value: 24\n  previous:\n    - {until: 2025-12-31, value: 48}\n",
    ).replace(
        "complaint_followup_days:\n  value: 3\n  unit: days\n",
        "complaint_followup_days:\n  value: 3\n  unit: working_days\n"
        "  previous:\n    - {until: 2025-12-31, value: 3, unit: days}\n",
    )
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_on_either_side_of_a_change_are_judged_by_their_own_rule(tmp_path: Path) -> None:
    policy = load_policy(_history_policy(tmp_path))
    rows = [
        # received the last day of the 48-hour rule, replied 47 hours later: in time
        _complaint(1, "2025-12-31 10:00", "2026-01-02 09:00", "2026-01-02 10:00", "2026-01-05"),
        # received the first day of the 24-hour rule, replied 25 hours later: late
        _complaint(2, "2026-01-01 10:00", "2026-01-02 11:00", "2026-01-02 12:00", "2026-01-06"),
        # received under the old rule, 49 hours: late by the old rule
        _complaint(3, "2025-12-31 10:00", "2026-01-02 11:00", "2026-01-02 12:00", "2026-01-06"),
    ]
    path = _write(tmp_path, rows)
    results = validate_files([(path, None)], FORMS, policy, Options())
    late = [p for r in results for p in r.problems if p.code == "rule-within"]
    replies = {p.row: p for p in late if p.field == "replied_at"}
    assert sorted(replies) == [3, 4]
    assert "超过 2026-01-01 起规定的 24 小时" in replies[3].message("zh")
    assert "2025-12-31 前规定的 48 小时" in replies[4].message("zh")
    assert "the 48 hours in force until 2025-12-31" in replies[4].message("en")
    # closed on Friday 2 January 2026 (a holiday): working days 1-3 are Sunday 4 (make-up),
    # Monday 5 and Tuesday 6 January: both follow-ups are in time
    assert [p for p in late if p.field == "followup_at"] == []


def test_a_calendar_day_rule_before_the_change_and_working_days_after(tmp_path: Path) -> None:
    policy = load_policy(_history_policy(tmp_path))
    rows = [
        # closed 2025-12-30 under the 3-calendar-day rule: 2026-01-04 is 5 days later, late
        _complaint(1, "2025-12-29 10:00", "2025-12-29 11:00", "2025-12-30 10:00", "2026-01-04"),
        # closed Friday 2026-01-09 under working days: Wednesday 14 is the third, in time
        _complaint(2, "2026-01-09 09:00", "2026-01-09 10:00", "2026-01-09 11:00", "2026-01-14"),
        # Thursday 15 is the fourth working day: late
        _complaint(3, "2026-01-09 09:00", "2026-01-09 10:00", "2026-01-09 11:00", "2026-01-15"),
    ]
    path = _write(tmp_path, rows)
    results = validate_files([(path, None)], FORMS, policy, Options())
    late = {
        p.row: p
        for r in results
        for p in r.problems
        if p.code == "rule-within" and p.field == "followup_at"
    }
    assert sorted(late) == [2, 4]
    assert "2025-12-31 前规定的 3 天" in late[2].message("zh")
    assert "4 个工作日" in late[4].message("zh") and "2026-01-01 起规定的 3 个工作日" in late[
        4
    ].message("zh")
    # the indicators count the same way: one of the three follow-ups in time
    registers = Registers(rows={"complaint_register": [_parsed(r) for r in rows]})
    report = build_report(registers, policy, FORMS)
    figure = report.indicator("complaint_followup_on_time").figure
    assert (figure.numerator, figure.denominator) == (1, 3)


def test_a_working_day_count_past_the_calendar_names_the_setting_and_date(
    tmp_path: Path,
) -> None:
    policy = load_policy(_history_policy(tmp_path))
    last = known_years()[1]
    row = _complaint(
        1, f"{last}-12-30 09:00", f"{last}-12-30 10:00", f"{last}-12-30 11:00", f"{last + 1}-01-04"
    )
    path = _write(tmp_path, [row])
    results = validate_files([(path, None)], FORMS, policy, Options())
    found = [p for r in results for p in r.problems if p.code == "rule-calendar-unknown"]
    assert len(found) == 1 and found[0].severity == "error"
    message = found[0].message("en")
    assert "Follow-up after a complaint is closed" in message and f"{last + 1}-01-04" in message


def _parsed(row: list[str]) -> dict:
    values = dict(zip(REGISTER, row, strict=True))
    parsed: dict = {}
    for key, value in values.items():
        if key.endswith("_at") and value:
            parsed[key] = (
                dt.datetime.fromisoformat(value) if " " in value else dt.date.fromisoformat(value)
            )
        else:
            parsed[key] = value
    return parsed


# ---- on the site -----------------------------------------------------------------------


def _links(clauses) -> str:
    return "、".join(clauses) or "—"


def test_the_policy_page_shows_values_in_the_page_language() -> None:
    from handbook.site.policy_page import policy_table

    policy = load_policy(ROOT / "policy.yaml")
    zh = policy_table(policy, FORMS.values(), _links, "zh", D("2026-03-01"))
    en = policy_table(policy, FORMS.values(), _links, "en", D("2026-03-01"))
    # the same-day investigation and the 3-day remedial answer are separate duties, shown
    # by what their articles say, not as other values of the reply deadline (issue 22)
    assert "漏水/渗漏：3 天" in zh and "当天完成调查" in zh and "最长不超过三天" in zh
    assert "经理：10%" in zh and "72 小时" not in zh
    assert "same_day" not in zh and "leak:" not in zh and "manager:" not in zh
    assert "Leak / water seepage: 3 days" in en and "the same day" in en
    assert "three days at most" in en and "72 hours" not in en
    assert "：" not in en.replace("`", "")  # English punctuation in English


def test_the_policy_page_history_table_in_both_languages() -> None:
    from handbook.site.policy_page import policy_history, policy_table

    policy = load_policy(DATA / "good_history.yaml")
    zh = policy_history(policy, FORMS.values(), _links, "zh")
    en = policy_history(policy, FORMS.values(), _links, "en")
    assert "| 设置 | 期间 | 数值 | 依据条款 |" in zh
    assert "| 至 2024-12-31 | 48 小时 | RV-1.1.2.1 |" in zh
    assert "| 2025-01-01 至 2025-12-31 | 36 小时 |" in zh
    assert "| 2026-01-01 起（现行） | 24 小时 |" in zh
    assert "| until 2026-06-30 |" in en and ": 14 days |" in en
    assert "| from 2026-07-01 (in force) |" in en and "5 working days" in en
    # the value in force on a day, with its period
    before = policy_table(policy, FORMS.values(), _links, "zh", D("2025-06-01"))
    assert "36 小时（2025-01-01 至 2025-12-31）" in before
    shipped = policy_history(load_policy(ROOT / "policy.yaml"), FORMS.values(), _links, "en")
    assert shipped.startswith("No setting in policy.yaml has earlier values")


def test_form_pages_show_the_value_in_force_on_the_day() -> None:
    from handbook.site.policy_page import form_limits

    policy = load_policy(DATA / "good_history.yaml")
    form = FORMS["repair_followup"]
    text = form_limits(
        form, load_policy(ROOT / "policy.yaml"), FORMS.values(), "zh", D("2026-03-01")
    )
    assert "<strong>维修后回访期限（按维修类别）</strong>：" in text and "漏水/渗漏：3 天" in text
    partial = form_limits(
        FORMS["complaint_register"], policy, FORMS.values(), "en", D("2026-03-01")
    )
    assert "24 hours (from 2026-01-01)" in partial
