"""What is due: open items from the rules' deadlines, judged at a moment, in every format.

A synthetic form with its own deadline rules (one hour rule, one working-day rule with a
history, one conditional end) shows that a new rule gives open items with no new code;
the sample registers in data/ and the real forms give the schedules.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.cli import cli
from handbook.due import DUE, OVERDUE, UPCOMING, collect, read_sheet, sheet_due, status
from handbook.due.record import safe_cell
from handbook.due.render import render_csv, render_ics
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.model.deadlines import due_at, elapsed, round_due

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")
POLICY = load_policy(ROOT / "policy.yaml")
T = dt.datetime.fromisoformat
D = dt.date.fromisoformat

FORM = """\
id: task_register
kind: register
title: {zh: 任务登记表, en: Task register}
primary_key: [task_no]
fields:
  - {name: task_no, type: string, title: {zh: 任务编号, en: Task no.}}
  - {name: owner, type: string, title: {zh: 经办人, en: Handled by}}
  - name: owner_role
    type: string
    title: {zh: 经办岗位, en: Role}
    enum:
      - {value: clerk, zh: 文员, en: Clerk}
      - {value: lead, zh: 组长, en: Lead}
  - {name: opened_at, type: datetime, title: {zh: 受理时间, en: Opened}}
  - {name: answered_at, type: datetime, title: {zh: 答复时间, en: Answered}}
  - name: finding
    type: string
    title: {zh: 检查结论, en: Finding}
    enum:
      - {value: ok, zh: 合格, en: OK}
      - {value: defect, zh: 有缺陷, en: Defect}
  - {name: found_on, type: date, title: {zh: 检查日期, en: Checked}}
  - {name: notice_on, type: date, title: {zh: 通知日期, en: Notice}}
rules:
  - {id: answer-window, check: within, start: opened_at, end: answered_at, limit: answer_hours, clauses: [RV-1.1.2.1]}
  - {id: notice-window, check: within, start: found_on, end: notice_on, limit: notice_working_days, clauses: [RV-16.4]}
  - {id: notice-if-defect, check: required-if, field: notice_on, when: {finding: [defect]}}
"""

POLICY_YAML = """\
answer_hours:
  value: 24
  unit: hours
  title: {zh: 答复时限, en: Answer within}
  clauses: [RV-1.1.2.1]
notice_working_days:
  value: 3
  unit: working_days
  title: {zh: 通知时限, en: Notice within}
  clauses: [RV-16.4]
  previous: [{until: 2026-06-30, value: 5}]
"""

HEAD = "任务编号,经办人,经办岗位,受理时间,答复时间,检查结论,检查日期,通知日期\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "task_register.yaml").write_text(FORM, encoding="utf-8")
    (tmp_path / "policy.yaml").write_text(POLICY_YAML, encoding="utf-8")
    return tmp_path


def items_of(project: Path, rows: str, as_of: dt.datetime) -> list:
    path = project / "task_register.csv"
    path.write_text(HEAD + rows, encoding="utf-8")
    forms = load_forms(project / "forms")
    policy = load_policy(project / "policy.yaml")
    return sheet_due(read_sheet(path, forms), policy, as_of).items


# ---- a new rule in a form gives open items ---------------------------------------


def test_a_new_hour_rule_is_due_today_at_its_exact_hour_and_overdue_a_minute_later(
    project: Path,
) -> None:
    rows = "T-001,张**,clerk,2026-03-02 09:00,,,,\n"
    [item] = items_of(project, rows, T("2026-03-02T10:00"))
    assert item.due == T("2026-03-03T09:00") and item.cell == "E2" and item.row == 2
    assert item.key == "T-001" and item.role == "clerk" and item.article == "RV-1.1.2.1"
    assert "张" not in item.what.zh + item.what.en  # the row is named by its key
    assert status(item, T("2026-03-02T10:00")).state == UPCOMING
    assert status(item, T("2026-03-03T00:00")).state == DUE
    assert status(item, T("2026-03-03T09:00")).state == DUE
    late = status(item, T("2026-03-03T09:01"))
    assert (late.state, late.amount, late.unit) == (OVERDUE, 1, "hours")
    later = status(item, T("2026-03-05T10:00"))
    assert (later.state, later.amount, later.unit) == (OVERDUE, 2, "days")


def test_an_item_closes_when_its_end_field_is_filled(project: Path) -> None:
    open_ = "T-001,,,2026-03-02 09:00,,,,\n"
    closed = "T-001,,,2026-03-02 09:00,2026-03-05 10:00,,,\n"
    assert len(items_of(project, open_, T("2026-03-10T00:00"))) == 1
    assert items_of(project, closed, T("2026-03-10T00:00")) == []
    # a badly typed answer is not "still to do": the validator reports it instead
    assert items_of(project, "T-001,,,2026-03-02 09:00,昨天,,,\n", T("2026-03-10T00:00")) == []


def test_a_row_started_after_the_as_of_moment_is_not_open_yet(project: Path) -> None:
    assert items_of(project, "T-001,,,2026-03-02 09:00,,,,\n", T("2026-03-01T12:00")) == []


def test_a_conditional_end_is_due_only_when_its_condition_holds(project: Path) -> None:
    rows = "T-001,,,,,ok,2026-03-02,\nT-002,,,,,defect,2026-03-02,\n"
    [item] = items_of(project, rows, T("2026-03-02T12:00"))
    assert item.key == "T-002" and item.cell == "H3"


def test_working_days_across_national_day_and_spring_festival(project: Path) -> None:
    # closed 1–7 October 2026, Saturday 10 October worked: 3 working days after 30 September
    # end on the 10th; Sunday the 11th adds no working day, so a notice then is in time too
    rows = "T-001,,,,,defect,2026-09-30,\nT-002,,,,,defect,2026-02-13,\n"
    items = {i.key: i for i in items_of(project, rows, T("2026-10-01T00:00"))}
    assert items["T-001"].due == D("2026-10-11")
    assert status(items["T-001"], T("2026-10-11T23:00")).state == DUE
    assert status(items["T-001"], T("2026-10-12T00:00")).state == OVERDUE
    # the old value (5 working days) applies to a row started before 1 July 2026:
    # Saturday 14 February worked, 15–23 February off: 24, 25, 26, 27 February are 2–5
    assert items["T-002"].due == D("2026-02-27")


def test_a_value_changed_in_the_policy_history_applies_by_the_start_date(project: Path) -> None:
    rows = "T-001,,,,,defect,2026-06-30,\nT-002,,,,,defect,2026-07-01,\n"
    items = {i.key: i for i in items_of(project, rows, T("2026-07-01T00:00"))}
    assert items["T-001"].due == D("2026-07-07")  # 5 working days
    assert items["T-002"].due == D("2026-07-06")  # 3 working days


def test_overdue_items_come_first_and_within_keeps_the_near_ones(project: Path) -> None:
    rows = (
        "T-001,,,2026-03-09 09:00,,,,\nT-002,,,2026-03-01 09:00,,,,\nT-003,,,,,defect,2026-03-09,\n"
    )
    path = project / "task_register.csv"
    path.write_text(HEAD + rows, encoding="utf-8")
    forms, policy = load_forms(project / "forms"), load_policy(project / "policy.yaml")
    found = collect([path], forms, policy, T("2026-03-09T12:00"))
    assert [i.key for i in found.items] == ["T-002", "T-001", "T-003"]
    near = collect([path], forms, policy, T("2026-03-09T12:00"), days=1)
    assert [i.key for i in near.items] == ["T-002", "T-001"]


# ---- the deadline the validator judges by is the one the list shows ---------------

MOMENTS = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2026, 10, 1))


@settings(max_examples=200, deadline=None)
@given(
    start=st.one_of(MOMENTS, MOMENTS.map(lambda m: m.date())),
    amount=st.integers(min_value=1, max_value=40),
    unit=st.sampled_from(["hours", "days", "working_days"]),
)
def test_the_due_time_is_the_last_moment_the_validator_accepts(
    start: dt.date, amount: int, unit: str
) -> None:
    due = due_at(start, amount, unit)
    step = dt.timedelta(minutes=1) if isinstance(due, dt.datetime) else dt.timedelta(days=1)
    assert elapsed(start, due, unit) <= amount
    assert elapsed(start, due + step, unit) > amount


# ---- schedules: works rounds, visits, monthly counts ---------------------------------


def test_works_follow_up_rounds_and_then_every_year() -> None:
    start = D("2026-01-31")
    months, every = POLICY["works_followup_months"].value, 12
    assert [round_due(start, n, months, every) for n in range(1, 7)] == [
        D("2026-02-28"),
        D("2026-04-30"),
        D("2026-07-31"),
        D("2027-01-31"),
        D("2028-01-31"),
        D("2029-01-31"),
    ]
    assert round_due(start, 5, months, None) is None


def test_works_rounds_after_the_last_recorded_one(tmp_path: Path) -> None:
    head = (ROOT / "data/works_followup/2025-11_2026-10.csv").read_text("utf-8-sig").splitlines()[0]
    fields = head.split(",")
    row = dict.fromkeys(fields, "")
    row.update({"工程编号": "GC-9", "竣工验收日期": "2026-01-31", "回访轮次": "1"})
    row.update(
        {
            "回访日期": "2026-02-27",
            "回访方式": "现场访问",
            "检查情况": "好",
            "检查结论": "未发现问题",
            "记录人": "工程部",
        }
    )
    path = tmp_path / "works_followup.csv"
    path.write_text(head + "\n" + ",".join(row[f] for f in fields) + "\n", encoding="utf-8")
    found = collect([path], FORMS, POLICY, T("2026-08-01T00:00")).items
    assert [(i.key, i.due, status(i, T("2026-08-01T00:00")).state) for i in found] == [
        ("GC-9", D("2026-04-30"), OVERDUE),  # round 2
        ("GC-9", D("2026-07-31"), OVERDUE),  # round 3
        ("GC-9", D("2027-01-31"), UPCOMING),  # round 4, the next one
    ]
    assert "第 2 轮" in found[0].what.zh and "round 2" in found[0].what.en


def test_the_sample_works_register_lists_each_projects_next_round() -> None:
    found = collect([ROOT / "data/works_followup"], FORMS, POLICY, T("2026-10-31T00:00")).items
    keys = [i.key for i in found]
    assert len(keys) == len(set(keys)) == 10  # ten works projects, one next round each
    nxt = {i.key: i for i in found}
    assert nxt["GC-2026-0004"].due == D("2026-12-27")  # round 2: 3 months after 2026-09-27


def test_the_monthly_callback_count(tmp_path: Path) -> None:
    sample = ROOT / "data/delivery_callback/2025-11_2026-10.csv"
    lines = sample.read_text("utf-8-sig").splitlines()
    reader = list(csv.DictReader(lines))
    method = next(h for h in reader[0] if h == "回访方式")
    phone = [r for r in reader if r[method] == "电话回访"][:1]
    phone[0][next(h for h in reader[0] if h == "回访日期")] = "2026-11-03"
    path = tmp_path / "delivery_callback.csv"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(reader[0]))
    writer.writeheader()
    writer.writerows(phone)
    path.write_text(out.getvalue(), encoding="utf-8")
    found = collect([path], FORMS, POLICY, T("2026-11-10T00:00")).items
    by = {i.key: i for i in found}
    assert set(by) == {"2026-11 phone", "2026-11 visit"}
    assert all(i.due == D("2026-11-30") for i in found)
    assert "电话回访：本月还需 2 次" in by["2026-11 phone"].what.zh
    assert "1 more" in by["2026-11 visit"].what.en


def test_the_visit_gap_is_counted_per_officer_without_naming_them() -> None:
    found = collect([ROOT / "data/visit_record"], FORMS, POLICY, T("2026-10-31T00:00")).items
    assert found and all(i.kind == "interval" for i in found)
    visitors = {
        r["走访人"]
        for r in csv.DictReader(
            (ROOT / "data/visit_record/2025-11_2026-10.csv").read_text("utf-8-sig").splitlines()
        )
    }
    for item in found:
        assert not any(v and v in item.what.zh + item.what.en + item.key for v in visitors)
        assert item.due == due_at(item.due - dt.timedelta(days=31), 31, "days")


# ---- the command and its formats ----------------------------------------------------


def test_the_command_json_has_version_as_of_and_items(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["due", str(ROOT / "data"), "--as-of", "2026-10-31", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["version"] == 1 and body["as_of"] == "2026-10-31T00:00:00+08:00"
    states = [i["state"] for i in body["items"]]
    assert states == sorted(states, key=[OVERDUE, DUE, UPCOMING].index)
    for item in body["items"]:
        assert {"form", "row", "cell", "due", "state", "article", "what"} <= set(item)
        dt.date.fromisoformat(item["due"][:10])


def test_an_unusable_path_is_named_and_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["due", str(tmp_path / "nowhere"), "--as-of", "2026-10-31"])
    assert result.exit_code == 2 and "nowhere" in result.stderr


@given(st.text(max_size=12))
def test_a_csv_cell_never_starts_like_a_formula(text: str) -> None:
    assert not safe_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe_cell(text).endswith(text)


def test_csv_escapes_a_key_typed_as_a_formula(project: Path) -> None:
    as_of = T("2026-03-10T00:00")
    items = items_of(project, "=1+1,,,2026-03-02 09:00,,,,\n", as_of)
    rows = list(csv.reader(io.StringIO(render_csv(items, as_of, "zh"))))
    assert all(not c.startswith(("=", "+", "-", "@")) for row in rows for c in row)


# ---- iCalendar -----------------------------------------------------------------------


def rfc5545_problems(text: str) -> list[str]:
    """A strict second reader of RFC 5545's shape: CRLF lines of at most 75 octets, folded
    lines, BEGIN/END nesting, and the properties each VEVENT and VALARM must have."""
    problems = []
    if not text.endswith("\r\n") or "\n" in text.replace("\r\n", ""):
        problems.append("lines must end with CRLF")
    raw = text.split("\r\n")[:-1]
    for number, line in enumerate(raw, 1):
        if len(line.encode("utf-8")) > 75:
            problems.append(f"line {number} longer than 75 octets")
    unfolded: list[str] = []
    for line in raw:
        if line.startswith((" ", "\t")) and unfolded:
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    stack: list[tuple[str, set[str]]] = []
    need = {
        "VCALENDAR": {"PRODID", "VERSION"},
        "VEVENT": {"UID", "DTSTAMP", "DTSTART", "SUMMARY"},
        "VALARM": {"ACTION", "TRIGGER", "DESCRIPTION"},
    }
    for line in unfolded:
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        if ":" not in line or not name:
            problems.append(f"not a content line: {line!r}")
        elif name == "BEGIN":
            stack.append((line.split(":", 1)[1], set()))
        elif name == "END":
            component, seen = stack.pop()
            if component != line.split(":", 1)[1]:
                problems.append(f"END:{line} closes {component}")
            missing = need.get(component, set()) - seen
            if missing:
                problems.append(f"{component} lacks {sorted(missing)}")
        elif stack:
            stack[-1][1].add(name)
    if stack:
        problems.append("unclosed components")
    return problems


def test_ics_parses_with_icalendar_and_a_strict_second_reader() -> None:
    from icalendar import Calendar

    as_of = T("2026-10-31T09:00")
    found = collect([ROOT / "data"], FORMS, POLICY, as_of).items
    text = render_ics(found, as_of, "zh")
    assert rfc5545_problems(text) == []
    events = Calendar.from_ical(text).walk("VEVENT")
    assert len(events) == len(found) > 0
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event, item in zip(events, found, strict=True):
        assert event.walk("VALARM"), "each event has a reminder"
        assert str(event["SUMMARY"]) == f"{item.register.zh} · {item.what.zh}"
        assert item.cell is None or item.cell in str(event["DESCRIPTION"])


def test_ics_of_an_hour_deadline_is_at_its_time_in_utc(project: Path) -> None:
    from icalendar import Calendar

    as_of = T("2026-03-02T10:00")
    items = items_of(project, "T-001,张**,clerk,2026-03-02 09:00,,,,\n", as_of)
    text = render_ics(items, as_of, "en")
    assert "张" not in text
    [event] = Calendar.from_ical(text).walk("VEVENT")
    assert event.decoded("DTSTART") == dt.datetime(2026, 3, 3, 1, 0, tzinfo=dt.UTC)


# ---- for supervisors: handbook report -------------------------------------------------


def test_the_report_counts_open_and_overdue_and_escalates_past_the_policy_days(
    project: Path,
) -> None:
    from handbook.indicators.due import summarise

    policy = load_policy(ROOT / "policy.yaml")
    limit = policy.value("escalate_overdue_days")
    as_of = T("2026-03-20T12:00")
    # due 2026-03-03 09:00 (overdue 17 days), due 20 March 09:00 (3 hours), due 21 March
    rows = (
        "T-001,张**,clerk,2026-03-02 09:00,,,,\n"
        "T-002,李**,lead,2026-03-19 09:00,,,,\n"
        "T-003,,,2026-03-20 08:00,,,,\n"
    )
    items = items_of(project, rows, as_of)
    summary = summarise(items, as_of, policy)
    assert summary.by_register["task_register"][2:] == (3, 2)
    assert summary.by_role["clerk"][2:] == (1, 1) and summary.by_role["lead"][2:] == (1, 1)
    assert summary.by_role[""][2:] == (1, 0)
    assert [i.key for i in summary.escalate] == ["T-001"]
    # exactly the policy's days overdue is not yet escalated; one more day is
    on_limit = as_of.replace(hour=0)
    day_due = items_of(project, "T-004,,,,,defect,2026-03-02,\n", on_limit)
    late = status(day_due[0], on_limit)
    shifted = on_limit + dt.timedelta(days=limit - late.amount)
    assert summarise(day_due, shifted, policy).escalate == []
    assert summarise(day_due, shifted + dt.timedelta(days=1), policy).escalate == day_due


def test_handbook_report_gains_the_due_section_without_names() -> None:
    result = CliRunner().invoke(
        cli, ["report", str(ROOT / "data"), "--as-of", "2026-10-31", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    due = json.loads(result.stdout)["due"]
    assert due["escalate_overdue_days"] == 3
    assert sum(r["open"] for r in due["by_register"]) == sum(r["open"] for r in due["by_role"])
    visitors = {
        r["走访人"]
        for r in csv.DictReader(
            (ROOT / "data/visit_record/2025-11_2026-10.csv").read_text("utf-8-sig").splitlines()
        )
    }
    assert not any(v in json.dumps(due, ensure_ascii=False) for v in visitors if v)
    text = CliRunner().invoke(cli, ["report", str(ROOT / "data"), "--as-of", "2026-10-31"])
    assert "督办" in text.stdout


# ---- the checker page: the same items as the command ------------------------------


def _opened_complaints() -> bytes:
    """The sample complaint register with some replies and follow-ups not yet written."""
    from checker_files import csv_bytes, rows_of

    rows = rows_of("complaint_register")
    head = rows[0]
    replied, followed = head.index("首次答复时间"), head.index("回访时间")
    closed_cols = [head.index(c) for c in ("回访时间", "回访方式", "回访评价", "回访人")]
    for row in rows[1:6]:
        row[replied] = ""
    for row in rows[6:10]:
        for col in closed_cols:
            row[col] = ""
    assert all(rows[i][followed] == "" for i in range(6, 10))
    return csv_bytes(rows[:40])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "name,make",
    [
        ("complaint_register.csv", _opened_complaints),
        (
            "works_followup.csv",
            lambda: (ROOT / "data/works_followup/2025-11_2026-10.csv").read_bytes(),
        ),
        ("visit_record.csv", lambda: (ROOT / "data/visit_record/2025-11_2026-10.csv").read_bytes()),
    ],
)
def test_each_item_on_the_page_equals_the_commands_json(
    project_cwd: Path, tmp_path: Path, name: str, make, lang: str
) -> None:
    from handbook import checker

    data = make()
    page = checker.check(data, name, lang, as_of="2026-10-31")["due"]
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(
        cli, ["due", str(path), "--as-of", "2026-10-31", "--format", "json", "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    command = json.loads(result.stdout)
    assert page["as_of"] == command["as_of"] and page["counts"] == command["counts"]
    assert page["items"], "the file has open items"

    def same(item: dict) -> dict:
        return {k: v for k, v in item.items() if k not in ("file", "article_url")}

    assert [same(i) for i in page["items"]] == [same(i) for i in command["items"]]
    assert all(i["file"] == name for i in page["items"])


def test_an_unusable_file_has_no_due_section(project_cwd: Path) -> None:
    from handbook import checker

    assert checker.check(b"", "empty.csv", "zh", as_of="2026-10-31")["due"] is None


def test_the_marked_copy_has_a_due_sheet_with_the_items(project_cwd: Path) -> None:
    from openpyxl import load_workbook

    from handbook import checker

    data = _opened_complaints()
    page = checker.check(data, "complaint_register.csv", "zh", as_of="2026-10-31")["due"]
    copy = checker.annotated(data, "complaint_register.csv", "zh", as_of="2026-10-31")
    book = load_workbook(io.BytesIO(copy))
    assert "待办" in book.sheetnames
    sheet = book["待办"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [(r[2], r[3], r[4]) for r in rows] == [
        (i["what"], i["due_text"], i["state_text"]) for i in page["items"]
    ]
    # a CSV goes into the form's blank workbook: each link finds its cell there
    links = [r[0].hyperlink.location for r in sheet.iter_rows(min_row=3) if r[0].hyperlink]
    assert len(links) == len(rows)
    for location in links:
        name, where = location.rsplit("!", 1)
        register = book[name.strip("'")]
        assert register[where].value is None, "a due cell is still empty in the copy"
        assert register.cell(register[where].row, 1).value, "on a row of the register"


def test_validate_annotate_adds_the_due_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    source = tmp_path / "complaint_register.csv"
    source.write_bytes(_opened_complaints())
    out = tmp_path / "marked.xlsx"
    result = CliRunner().invoke(cli, ["validate", str(source), "--annotate", str(out)])
    assert result.exit_code in (0, 1), result.output
    book = load_workbook(out)
    assert "待办" in book.sheetnames and book["待办"].max_row > 3


# ---- the list and the validator agree: overdue now means late if done now ----------


@settings(max_examples=25, deadline=None)
@given(
    opened=st.lists(
        st.datetimes(min_value=dt.datetime(2026, 1, 20), max_value=dt.datetime(2026, 3, 10)),
        max_size=6,
    ),
    found=st.lists(
        st.dates(min_value=dt.date(2026, 1, 20), max_value=dt.date(2026, 3, 10)), max_size=6
    ),
    as_of=st.datetimes(min_value=dt.datetime(2026, 2, 1), max_value=dt.datetime(2026, 3, 12)),
)
def test_an_item_is_overdue_exactly_when_doing_it_now_breaks_the_rule(
    opened: list[dt.datetime], found: list[dt.date], as_of: dt.datetime
) -> None:
    """Hour rules and working-day rules (Spring Festival 2026 inside the range), with history."""
    import tempfile

    from handbook.validate import Options, validate_files

    as_of = as_of.replace(second=0, microsecond=0)
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "forms").mkdir()
        (project / "forms" / "task_register.yaml").write_text(FORM, encoding="utf-8")
        (project / "policy.yaml").write_text(POLICY_YAML, encoding="utf-8")
        now = f"{as_of:%Y-%m-%d %H:%M}"

        def rows(done: bool) -> str:
            lines = [
                f"A-{n:03d},,,{s:%Y-%m-%d %H:%M},{now if done else ''},,,\n"
                for n, s in enumerate(opened)
            ]
            lines += [
                f"F-{n:03d},,,,,defect,{s},{as_of.date() if done else ''}\n"
                for n, s in enumerate(found)
            ]
            return "".join(lines)

        items = items_of(project, rows(False), as_of)
        started = {f"A-{n:03d}" for n, s in enumerate(opened) if s.date() <= as_of.date()}
        started |= {f"F-{n:03d}" for n, s in enumerate(found) if s <= as_of.date()}
        assert {i.key for i in items} == started
        # now do every open item at the as-of moment, and ask the validator
        path = project / "task_register.csv"
        path.write_text(HEAD + rows(True), encoding="utf-8")
        forms, policy = load_forms(project / "forms"), load_policy(project / "policy.yaml")
        (result,) = validate_files([(path, None)], forms, policy, Options())
        late_rows = {p.row for p in result.problems if p.code == "rule-within"}
        overdue_rows = {i.row for i in items if status(i, as_of).state == OVERDUE}
        assert overdue_rows == late_rows


# ---- where staff find it ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_task_page_links_the_due_page(lang: str) -> None:
    from handbook.load.articles import article_index
    from handbook.load.tasks import load_tasks
    from handbook.site.tasks import task_page

    index = article_index(ROOT / "docs")
    for task in load_tasks(ROOT / "tasks.yaml", POLICY, FORMS):
        page = task_page(task, POLICY, FORMS, index, lang, f"tasks/{task.id}/")
        assert 'href="../../due/"' in page, task.id
    for language in ("zh", "en"):
        home = (ROOT / "docs" / language / "index.md").read_text(encoding="utf-8")
        assert "(due.md)" in home
        assert (ROOT / "docs" / language / "due.md").is_file()


def test_the_validator_reports_a_round_missing_between_two_recorded_ones(tmp_path: Path) -> None:
    from handbook.validate import Options, validate_files

    head = (ROOT / "data/works_followup/2025-11_2026-10.csv").read_text("utf-8-sig").splitlines()[0]
    fields = head.split(",")
    lines = [head]
    for number, day in (("1", "2026-02-27"), ("3", "2026-07-30")):
        row = dict.fromkeys(fields, "")
        row.update({"工程编号": "GC-9", "竣工验收日期": "2026-01-31", "回访轮次": number})
        row.update({"回访日期": day, "回访方式": "现场访问", "检查情况": "好"})
        row.update({"检查结论": "未发现问题", "记录人": "工程部"})
        lines.append(",".join(row[f] for f in fields))
    path = tmp_path / "works_followup.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (result,) = validate_files([(path, None)], FORMS, POLICY, Options())
    gaps = [p for p in result.problems if p.code == "rule-schedule-gap"]
    assert [(p.row, p.params["round"], p.params["due"]) for p in gaps] == [(3, 2, "2026-04-30")]
    assert "GC-9" in gaps[0].message("zh") and "round 2" in gaps[0].message("en")


# ---- every writer, any text: the calendar and the CSV give back what they were given --------

KEYS = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters=",;:\\\n\"'="
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(
    keys=st.lists(KEYS, min_size=1, max_size=4),
    hours=st.booleans(),
    lang=st.sampled_from(["zh", "en"]),
)
def test_any_key_survives_the_calendar_and_the_csv(keys: list[str], hours: bool, lang: str) -> None:
    from icalendar import Calendar

    from handbook.due import DueItem
    from handbook.due.record import as_record
    from handbook.model.form import Text

    as_of = T("2026-03-02T10:00")
    due = T("2026-03-03T09:00") if hours else D("2026-03-05")
    items = [
        DueItem(
            form="task_register",
            register=Text("任务登记表", "Task register"),
            file="t.csv",
            row=n + 2,
            cell=f"E{n + 2}",
            rule="answer-window",
            kind="within",
            key=key,
            what=Text(f"任务编号 {key}：答复", f"Task no. {key}: answer"),
            due=due,
            article="RV-1.1.2.1",
        )
        for n, key in enumerate(keys)
    ]
    text = render_ics(items, as_of, lang)
    assert rfc5545_problems(text) == []
    events = Calendar.from_ical(text).walk("VEVENT")
    for event, item in zip(events, items, strict=True):
        assert str(event["SUMMARY"]) == f"{item.register.get(lang)} · {item.what.get(lang)}"
        alarm = event.walk("VALARM")[0]
        assert item.what.get(lang) in str(alarm["DESCRIPTION"])
    rows = list(csv.reader(io.StringIO(render_csv(items, as_of, lang), newline="")))
    for row, item in zip(rows[1:], items, strict=True):
        what = as_record(item, as_of, lang)["what"]
        assert row[3] in (what, "'" + what)
        assert not row[3].startswith(("=", "+", "-", "@"))
