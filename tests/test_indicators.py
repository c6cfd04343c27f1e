"""Each indicator formula against small hand-computed fixtures (DOMAIN.md §3)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from handbook.errors import FormFileError, HandbookError
from handbook.indicators import (
    NO_DATA,
    OK,
    SUPPRESSED,
    build_report,
    data_period,
    monthly,
    settings_from_policy,
)
from handbook.indicators.complaints import (
    complaint_followup_satisfaction,
    complaint_on_time_rate,
    complaint_rate_per_household,
    substantiated_share,
)
from handbook.indicators.core import BELOW, Context, Figure, Labels, Settings
from handbook.indicators.followups import (
    complaint_followup_on_time,
    followup_rate,
    followup_resolution_rate,
    followup_satisfaction,
    repair_followup_on_time,
    repair_role_quota,
    repair_satisfaction,
)
from handbook.indicators.hotline import (
    hotline_resolution_rate,
    hotline_response_rate,
    hotline_satisfaction,
)
from handbook.indicators.survey import survey_coverage, survey_response_rate, survey_satisfaction
from handbook.indicators.visits import visit_frequency_rate, visits_per_officer
from handbook.load.estate import Estate, find_estate, load_estate
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.model.period import parse_period, span
from handbook.registers.records import Registers, read_register, read_registers
from handbook.site.indicators_page import indicators_page
from handbook.site.svgchart import Bar, Series, bar_chart, line_chart

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")
Q1 = parse_period("2026-Q1")
AS_OF = dt.datetime(2026, 4, 15, 12, 0)


def ctx(period=Q1, households=None, officers=None, **settings) -> Context:
    policy = settings_from_policy(load_policy(ROOT / "policy.yaml"))
    values = {**policy.values, **settings}
    return Context(
        Settings(values, policy.clauses),
        period,
        AS_OF,
        Estate(households, officers or {}),
        Labels(FORMS),
    )


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def t(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def groups(indicator) -> dict[str, Figure]:
    return {g.key: g.figure for g in indicator.groups}


# ---- figures, suppression, settings ----------------------------------------------------


def test_zero_denominator_is_no_data_not_zero() -> None:
    fig = ctx().figure(0, 0, 1.0)
    assert fig.status == NO_DATA and fig.value is None and fig.met is None


def test_small_groups_are_suppressed_but_empty_ones_are_no_data() -> None:
    c = ctx()
    assert c.figure(2, 2).status == SUPPRESSED and c.figure(2, 2).value is None
    assert c.figure(3, 3).status == OK
    assert ctx(small_group_threshold=5).figure(4, 4).status == SUPPRESSED
    assert c.figure(1, 800, size=800).status == OK  # a count over households is not a small group


def test_targets_at_least_and_below() -> None:
    assert Figure(9, 10, 0.9).met is True
    assert Figure(8, 10, 0.9).met is False
    assert Figure(1, 100, 0.01, BELOW).met is False  # "below 1 %": exactly 1 % is not met
    assert Figure(1, 101, 0.01, BELOW).met is True
    assert Figure(5, 10).met is None  # no target


def test_settings_come_from_the_policy_file() -> None:
    settings = settings_from_policy(load_policy(ROOT / "policy.yaml"))
    assert settings["repair_followup_role_shares"] == {
        "manager": 0.10,
        "supervisor": 0.30,
        "maintenance_lead": 0.60,
    }
    assert settings.threshold == 3
    assert settings.article("repair_followup_days") == "RV-16.2"
    assert len(settings["survey_items"]) == 8


# ---- owner survey ----------------------------------------------------------------------

ITEMS = (
    "power_supply",
    "water_supply",
    "fire_security",
    "cleanliness",
    "landscaping",
    "common_facilities",
    "repair_service",
    "staff_attitude",
)


def survey_form(day: str, **answers: str) -> dict:
    return {"returned_on": d(day), **{i: answers.get(i, "satisfied") for i in ITEMS}}


SURVEY = [
    survey_form("2026-01-10", power_supply="dissatisfied", water_supply="no_answer"),
    survey_form("2026-01-11", power_supply="fairly_satisfied", water_supply="dissatisfied"),
    survey_form("2026-01-12", power_supply="satisfied", water_supply="dissatisfied"),
    survey_form("2026-01-13", power_supply="satisfied", water_supply="satisfied"),
    survey_form("2026-04-01", power_supply="dissatisfied"),  # next quarter: not counted
]


def test_survey_item_and_pooled_overall_rates() -> None:
    ind = survey_satisfaction(ctx(), SURVEY)
    g = groups(ind)
    assert (g["power_supply"].numerator, g["power_supply"].denominator) == (3, 4)
    assert (g["water_supply"].numerator, g["water_supply"].denominator) == (
        1,
        3,
    )  # no answer left out
    assert g["cleanliness"].value == 1.0
    # pooled: 3 + 1 + 6 items × 4 = 28 satisfied of 4 + 3 + 24 = 31 valid
    assert (ind.figure.numerator, ind.figure.denominator) == (28, 31)
    assert ind.method == "pooled" and ind.article == "RV-14.2"


def test_survey_mean_of_item_rates() -> None:
    ind = survey_satisfaction(ctx(overall_rate_method="mean"), SURVEY)
    assert ind.figure.value == pytest.approx((0.75 + 1 / 3 + 6 * 1.0) / 8)
    assert ind.method == "mean"


def test_fairly_satisfied_counts_only_when_the_policy_says_so() -> None:
    strict = survey_satisfaction(ctx(satisfied_includes_fairly=False), SURVEY)
    assert groups(strict)["power_supply"].numerator == 2


def test_survey_item_with_two_answers_is_suppressed() -> None:
    rows = [survey_form(f"2026-02-0{i}") for i in range(1, 5)]
    for row in rows[:2]:
        row["landscaping"] = "no_answer"
    rows[2]["landscaping"] = rows[3]["landscaping"] = "satisfied"
    g = groups(survey_satisfaction(ctx(), rows))
    assert g["landscaping"].status == SUPPRESSED
    assert g["cleanliness"].status == OK


def test_survey_response_and_coverage() -> None:
    summaries = [
        {"survey_round": "2026Q1", "issued_on": d("2026-02-01"), "occupied_units": 500,
         "forms_issued": 450, "forms_returned": 360},
        {"survey_round": "2025H2", "issued_on": d("2025-12-01"), "occupied_units": 500,
         "forms_issued": 400, "forms_returned": 100},
    ]  # fmt: skip
    response = survey_response_rate(ctx(), summaries)
    assert (response.figure.numerator, response.figure.denominator) == (360, 450)
    assert survey_coverage(ctx(), summaries).figure.value == pytest.approx(0.9)
    assert survey_response_rate(ctx(), []).figure.status == NO_DATA


# ---- follow-ups --------------------------------------------------------------------------


def repair(completed: str, followed: str | None, role: str | None, cls: str = "other", sat: str = "satisfied") -> dict:  # fmt: skip
    return {
        "completed_on": d(completed),
        "followup_on": d(followed) if followed else None,
        "visitor_role": role,
        "repair_class": cls,
        "satisfaction": sat if followed else None,
    }


REPAIRS = [
    repair("2026-01-05", "2026-01-06", "manager"),
    repair("2026-01-06", "2026-01-08", "supervisor", "safety_facility"),  # day 2: in time
    repair("2026-01-07", "2026-01-10", "supervisor", "safety_facility"),  # day 3: late
    repair("2026-01-08", "2026-01-11", "maintenance_lead", "leak"),  # day 3: in time
    repair("2026-01-09", "2026-01-16", "maintenance_lead"),  # day 7: in time
    repair("2026-01-10", "2026-01-18", "maintenance_lead"),  # day 8: late
    repair("2026-01-11", None, None),
    repair("2026-03-31", "2026-04-02", "maintenance_lead"),  # completed in Q1, followed up in Q2
    repair("2026-04-01", "2026-04-02", "manager"),  # next quarter
]


def complaint(closed: str | None, followed: str | None, **extra) -> dict:
    return {
        "received_at": t(extra.pop("received", "2026-01-02 09:00")),
        "closed_at": t(closed) if closed else None,
        "followup_at": d(followed) if followed else None,
        **extra,
    }


COMPLAINTS = [
    complaint("2026-01-03 10:00", "2026-01-06"),  # 3 days: in time
    complaint("2026-01-03 10:00", "2026-01-07"),  # 4 days: late
    complaint("2026-01-04 10:00", None),
    complaint(None, None),
]


def test_role_quotas_divide_by_all_completed_repairs() -> None:
    ind = repair_role_quota(ctx(), REPAIRS)
    g = groups(ind)
    assert (g["manager"].numerator, g["manager"].denominator) == (1, 8)
    assert g["manager"].met is True  # 12.5 % ≥ 10 %
    assert (g["supervisor"].numerator, g["supervisor"].met) == (2, False)  # 25 % < 30 %
    assert (g["maintenance_lead"].numerator, g["maintenance_lead"].met) == (4, False)  # 50 %
    assert (ind.figure.numerator, ind.figure.denominator) == (7, 8)


def test_followup_rate_pools_repairs_and_complaints_with_weighted_target() -> None:
    ind = followup_rate(ctx(complaint_followup_share=0.5), REPAIRS, COMPLAINTS)
    g = groups(ind)
    assert (g["repair"].numerator, g["repair"].denominator) == (7, 8)
    assert (g["complaint"].numerator, g["complaint"].denominator, g["complaint"].target) == (
        2,
        3,
        0.5,
    )
    assert (ind.figure.numerator, ind.figure.denominator) == (9, 11)
    assert ind.figure.target == pytest.approx((8 * 1.0 + 3 * 0.5) / 11)


def test_on_time_repair_followups_by_class_count_calendar_days() -> None:
    ind = repair_followup_on_time(ctx(), REPAIRS)
    g = groups(ind)
    assert (g["safety_facility"].numerator, g["safety_facility"].denominator) == (1, 2)
    assert g["leak"].status == SUPPRESSED  # one repair
    assert (g["other"].numerator, g["other"].denominator) == (3, 4)
    assert (ind.figure.numerator, ind.figure.denominator) == (5, 7)
    assert ind.figure.target == 1.0 and ind.figure.met is False


def test_on_time_complaint_followups() -> None:
    ind = complaint_followup_on_time(ctx(), COMPLAINTS)
    assert ind.figure.status == SUPPRESSED  # two follow-ups
    ind = complaint_followup_on_time(ctx(small_group_threshold=1), COMPLAINTS)
    assert (ind.figure.numerator, ind.figure.denominator) == (1, 2)
    ind = complaint_followup_on_time(ctx(small_group_threshold=1, complaint_followup_days=4), COMPLAINTS)  # fmt: skip
    assert ind.figure.value == 1.0


def test_followup_resolution_counts_failed_rechecks_as_unresolved() -> None:
    notices = [
        {"issued_at": t("2026-01-05 10:00"), "rectified_on": d("2026-01-06"), "verification": "pass"},
        {"issued_at": t("2026-01-05 10:00"), "rectified_on": d("2026-01-06"), "verification": "fail"},
        {"issued_at": t("2026-01-05 10:00"), "rectified_on": None},
        {"issued_at": t("2026-02-05 10:00"), "rectified_on": d("2026-02-06")},
    ]  # fmt: skip
    records = [
        {"followup_date": d("2026-01-05"), "reply_due": d("2026-01-09"), "replied_on": d("2026-01-08")},
        {"followup_date": d("2026-01-05"), "reply_due": None},
    ]  # fmt: skip
    ind = followup_resolution_rate(ctx(), notices, records, [])
    g = groups(ind)
    assert (g["repair_defects"].numerator, g["repair_defects"].denominator) == (2, 4)
    assert g["followup_feedback"].status == SUPPRESSED
    assert g["visit_matters"].status == NO_DATA
    assert (ind.figure.numerator, ind.figure.denominator, ind.figure.target) == (3, 5, 1.0)
    assert ind.article == "RV-15.2.1.4"


def test_repair_satisfaction_counts_ratings_given_in_the_period() -> None:
    rows = [repair("2026-01-05", "2026-01-06", "manager", sat=s) for s in
            ("satisfied", "fairly_satisfied", "dissatisfied", "no_answer")]  # fmt: skip
    ind = repair_satisfaction(ctx(), rows)
    assert (ind.figure.numerator, ind.figure.denominator) == (2, 3)


# ---- complaints --------------------------------------------------------------------------


def test_complaint_rate_per_household_needs_households() -> None:
    rows = [complaint(None, None, substantiated="yes", category="repair") for _ in range(3)]
    rows.append(complaint(None, None, substantiated="no", category="fees"))
    assert complaint_rate_per_household(ctx(), rows).figure.status == NO_DATA
    ind = complaint_rate_per_household(ctx(households=400), rows)
    assert (ind.figure.numerator, ind.figure.denominator) == (3, 400)
    assert ind.figure.target == 0.01 and ind.figure.met is True  # 0.75 % < 1 %
    assert groups(ind)["repair"].status == OK  # three complaints: shown


def test_complaint_rate_per_household_suppresses_categories_of_one_or_two() -> None:
    rows = [complaint(None, None, substantiated="yes", category="repair"),
            complaint(None, None, substantiated="yes", category="fees")]  # fmt: skip
    ind = complaint_rate_per_household(ctx(households=1000), rows)
    assert {k: f.status for k, f in groups(ind).items()} == {
        "repair": SUPPRESSED,
        "fees": SUPPRESSED,
    }
    assert ind.figure.status == OK  # the total over 1 000 households is shown


def test_the_policy_meaning_moves_the_one_percent_target() -> None:
    rows = [complaint(None, None, substantiated=s, category="repair") for s in ("yes", "no", "no", "pending")]  # fmt: skip
    share = substantiated_share(ctx(), rows)
    assert (share.figure.numerator, share.figure.denominator, share.figure.target) == (1, 4, None)
    meaning = ctx(complaint_rate_meaning="share_of_complaints", households=100)
    assert substantiated_share(meaning, rows).figure.met is False  # 25 % is not below 1 %
    assert complaint_rate_per_household(meaning, rows).figure.target is None


def test_on_time_complaints_late_open_and_not_yet_due() -> None:
    def due(at: str, closed: str | None, substantiated: str = "yes") -> dict:
        return complaint(
            closed, None, due_at=t(at), substantiated=substantiated, severity="general"
        )

    rows = [
        due("2026-01-05 18:00", "2026-01-05 17:00"),  # on time
        due("2026-01-05 18:00", "2026-01-05 18:00"),  # exactly on time
        due("2026-01-05 18:00", "2026-01-06 09:00"),  # closed late
        due("2026-02-05 18:00", None),  # open and past due at AS_OF: late
        due("2026-03-05 18:00", None, "no"),  # not substantiated
        due("2026-04-20 18:00", None),  # due after the period
    ]
    ind = complaint_on_time_rate(ctx(), rows)
    assert (ind.figure.numerator, ind.figure.denominator) == (2, 4)
    assert groups(ind)["general"].value == 0.5
    not_yet_due = [due("2026-03-30 18:00", None)]
    before = Context(ctx().settings, Q1, t("2026-03-01 00:00"))
    assert complaint_on_time_rate(before, not_yet_due).figure.status == NO_DATA


def test_complaint_followup_satisfaction_leaves_out_unreachable() -> None:
    rows = [complaint("2026-01-03 10:00", "2026-01-04", followup_rating=r, category="repair")
            for r in ("satisfied", "fairly_satisfied", "dissatisfied", "unreachable", "no_answer")]  # fmt: skip
    ind = complaint_followup_satisfaction(ctx(), rows)
    assert (ind.figure.numerator, ind.figure.denominator) == (2, 3)


# ---- hotline -----------------------------------------------------------------------------


def ticket(**values) -> dict:
    return {"received_at": t("2026-02-01 09:00"), "source": "company_hotline", **values}


def test_hotline_three_rates() -> None:
    rows = [
        ticket(dispatched_at=t("2026-02-01 09:10"), first_contact_at=t("2026-02-01 10:00"),
               resolved="resolved", satisfaction="satisfied"),
        ticket(dispatched_at=t("2026-02-01 09:10"), resolved="partly",
               satisfaction="dissatisfied", second_satisfaction="basically_satisfied"),
        ticket(dispatched_at=t("2026-02-01 09:10"), first_contact_at=t("2026-02-01 11:00"),
               resolved="unresolved", satisfaction="declined"),
        ticket(resolved="resolved", satisfaction="dissatisfied"),  # answered without dispatch
    ]  # fmt: skip
    response = hotline_response_rate(ctx(), rows)
    assert (response.figure.numerator, response.figure.denominator) == (2, 3)
    resolution = hotline_resolution_rate(ctx(), rows)
    assert (resolution.figure.numerator, resolution.figure.denominator) == (2, 4)
    satisfaction = hotline_satisfaction(ctx(), rows)
    # the re-rating counts; declined is left out: satisfied + basically of 3 rated
    assert (satisfaction.figure.numerator, satisfaction.figure.denominator) == (2, 3)
    assert groups(satisfaction)["company_hotline"].value == pytest.approx(2 / 3)


# ---- visits ------------------------------------------------------------------------------


def visit(day: str, visitor: str, kind: str = "residential", role: str = "property_officer") -> dict:  # fmt: skip
    return {"visit_date": d(day), "visitor": visitor, "property_type": kind, "visitor_role": role}


VISITS = [
    *(visit(f"2026-0{m}-10", "A") for m in (1, 2, 3)),
    visit("2026-01-30", "B"),
    visit("2026-03-01", "B"),  # 30 days apart, yet no visit in February
    *(visit(f"2026-0{m}-15", "C") for m in (1, 2, 3)),
    visit("2026-02-01", "head", role="office_head"),  # not a property officer
    visit("2026-02-10", "D", "commercial"),
]


def test_visit_frequency_needs_a_visit_in_every_window() -> None:
    ind = visit_frequency_rate(ctx(), VISITS)
    g = groups(ind)
    assert (g["residential"].numerator, g["residential"].denominator) == (2, 3)
    assert g["commercial"].status == SUPPRESSED  # one officer
    assert g["office"].status == NO_DATA  # a quarter owes no half-yearly visit
    assert (ind.figure.numerator, ind.figure.denominator) == (3, 4)


def test_officers_from_the_property_file_count_even_without_visits() -> None:
    ind = visit_frequency_rate(ctx(officers={"residential": 4}), VISITS)
    assert groups(ind)["residential"].denominator == 4
    per = visits_per_officer(ctx(officers={"residential": 4}), VISITS)
    g = groups(per)
    assert (g["residential"].numerator, g["residential"].denominator, g["residential"].target) == (
        8,
        4,
        3.0,
    )
    assert g["residential"].met is False  # 2 visits each on average, 3 months owed


def test_a_single_month_owes_one_residential_visit() -> None:
    feb = parse_period("2026-02")
    g = groups(visit_frequency_rate(ctx(feb), VISITS))
    assert (g["residential"].numerator, g["residential"].denominator) == (2, 3)


# ---- periods, reading, the report ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026", "2026-01-01", "2026-12-31", "2026"),
        ("2026-Q1", "2026-01-01", "2026-03-31", "2026-Q1"),
        ("2026q4", "2026-10-01", "2026-12-31", "2026-Q4"),
        ("2026-02", "2026-02-01", "2026-02-28", "2026-02"),
        ("2024-2", "2024-02-01", "2024-02-29", "2024-02"),
    ],
)
def test_periods(text: str, start: str, end: str, label: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (d(start), d(end), label)


@pytest.mark.parametrize("text", ["2026-13", "Q1", "26-03", "2026-Q5", ""])
def test_bad_period_names_the_forms_that_work(text: str) -> None:
    with pytest.raises(HandbookError) as caught:
        parse_period(text)
    assert caught.value.code == "bad-period" and "2026-Q1" in caught.value.render("en")


def test_span_is_whole_months() -> None:
    period = span([t("2025-11-20 10:00"), d("2026-10-03")])
    assert (period.start, period.end, period.month_count) == (d("2025-11-01"), d("2026-10-31"), 12)
    assert [m.label for m in period.months()][:3] == ["2025-11", "2025-12", "2026-01"]
    assert span([]) is None


def test_read_register_parses_labels_and_counts_unreadable_cells(tmp_path: Path) -> None:
    path = tmp_path / "repair_followup" / "r.csv"
    path.parent.mkdir()
    path.write_text(
        "派工单号,维修项目,维修类别,完工日期,回访日期,回访人职务\n"
        "PG-1,门锁,其他,2026/1/5,2026年1月6日,经理\n"
        "PG-2,水管,漏水/渗漏,not a date,,主管\n",
        encoding="utf-8-sig",
    )
    form, rows, unreadable = read_register(path, FORMS)
    assert form.id == "repair_followup" and unreadable == 1
    assert rows[0] == {
        "work_order_no": "PG-1",
        "repair_item": "门锁",
        "repair_class": "other",
        "completed_on": d("2026-01-05"),
        "followup_on": d("2026-01-06"),
        "visitor_role": "manager",
    }
    assert "completed_on" not in rows[1]


def test_estate_file_and_its_errors(tmp_path: Path) -> None:
    good = tmp_path / "property.yaml"
    good.write_text("households: 120\nproperty_officers: {residential: 2}\n", encoding="utf-8")
    assert load_estate(good) == Estate(120, {"residential": 2})
    assert find_estate([tmp_path / "complaint_register" / "x.csv"]) == good
    bad = tmp_path / "bad.yaml"
    bad.write_text("households: 120\nhouseholds_typo: -3\n", encoding="utf-8")
    with pytest.raises(FormFileError) as caught:
        load_estate(bad)
    assert caught.value.params["line"] == 2
    bad.write_text("households: many\n", encoding="utf-8")
    with pytest.raises(FormFileError, match="households"):
        load_estate(bad)


def test_report_over_the_sample_data_covers_every_indicator() -> None:
    registers = read_registers([ROOT / "data"], FORMS)
    report = build_report(
        registers,
        load_policy(ROOT / "policy.yaml"),
        FORMS,
        load_estate(ROOT / "data" / "property.yaml"),
        as_of=AS_OF,
    )
    assert report.period.month_count == 12 == len(report.period.months())
    for ind in report.indicators:
        assert ind.figure.status == OK, ind.key
        assert ind.article, ind.key
    assert registers.unreadable_cells == 0


def test_monthly_figures_split_the_period() -> None:
    rows = [repair(f"2026-0{m}-05", f"2026-0{m}-06", "manager") for m in (1, 1, 1, 3)]
    registers = Registers({"repair_followup": rows})
    period = data_period(registers)
    assert (period.start, period.end) == (Q1.start, Q1.end)
    months, series = monthly(registers, ctx(), ["repair_role_quota"])
    assert [m.label for m in months] == ["2026-01", "2026-02", "2026-03"]
    assert [f.status for f in series["repair_role_quota"]] == [OK, NO_DATA, SUPPRESSED]


def test_sample_data_is_regenerated_byte_for_byte(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_sample_data.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    kept = sorted(p.relative_to(ROOT / "data") for p in (ROOT / "data").rglob("*") if p.is_file())
    assert made == kept
    for rel in made:
        assert (tmp_path / rel).read_bytes() == (ROOT / "data" / rel).read_bytes(), rel


# ---- charts ------------------------------------------------------------------------------


def test_line_chart_leaves_gaps_and_is_well_formed_svg() -> None:
    svg = line_chart(
        "c",
        "趋势 <&>",
        ["1月\n2026", "2月", "3月", "4月"],
        [Series("满意率", [0.5, None, 0.8, 0.9])],
    )
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg" and root.find(f"{ns}title").text == "趋势 <&>"
    lines = root.findall(f".//{ns}polyline")
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 2  # 3月–4月; 1月 alone
    assert len(root.findall(f".//{ns}circle")) == 3
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_bar_chart_shows_notes_for_missing_values_and_target_marks() -> None:
    svg = bar_chart("b", "roles", [Bar("经理", 0.08, 0.1), Bar("主管", None, 0.3, "无数据")])
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f".//{ns}rect")) == 1
    texts = [e.text for e in root.iter(f"{ns}text")]
    assert "无数据" in texts and "8.0%" in texts
    assert len([e for e in root.iter(f"{ns}line") if e.get("stroke-width") == "3"]) == 2


def test_page_without_registers_shows_no_data_and_still_draws_charts(tmp_path: Path) -> None:
    body = indicators_page(
        tmp_path / "none", FORMS, load_policy(ROOT / "policy.yaml"), "zh", str, AS_OF
    )
    assert body.count('class="hb-chart"') == 3
    assert "无数据" in body and not re.search(r"(?<![\d.])0\.0%", body)  # never a 0 % for no data
    assert "| **回访处理率**" in body


def test_followup_record_satisfaction_by_type() -> None:
    rows = [
        {"followup_date": d("2026-01-05"), "source_type": "routine", "satisfaction": s}
        for s in ("satisfied", "satisfied", "dissatisfied", "no_answer")
    ] + [{"followup_date": d("2026-01-06"), "source_type": "event", "satisfaction": "satisfied"}]
    ind = followup_satisfaction(ctx(), rows)
    assert (ind.figure.numerator, ind.figure.denominator) == (3, 4)
    g = groups(ind)
    assert list(g) == ["event", "routine"]  # the form's order of choices
    assert g["event"].status == SUPPRESSED and g["routine"].value == pytest.approx(2 / 3)
