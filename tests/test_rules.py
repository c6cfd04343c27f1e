"""Regulation rules: valid and violating rows, boundary days, period quotas, references."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.validate import Options, validate_files
from handbook.validate.problems import ERROR, WARNING

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")
POLICY = load_policy(ROOT / "policy.yaml")

REPAIR = [
    "work_order_no",
    "repair_item",
    "repair_class",
    "completed_on",
    "followup_on",
    "method",
    "visitor_role",
    "visitor",
    "site_check",
    "charge_check",
    "satisfaction",
    "resident_signed",
    "rectification_notice_at",
]


def repair_row(
    no: int,
    cls: str = "other",
    done: str = "2026-03-02",
    on: str = "2026-03-05",
    role: str = "maintenance_lead",
    site: str = "ok",
    notice: str = "",
) -> list[str]:
    return [
        f"WO-{no:04d}",
        "更换水龙头",
        cls,
        done,
        on,
        "phone",
        role,
        "维修负责人 周**",
        site,
        "correct",
        "satisfied",
        "",
        notice,
    ]


def check(tmp_path: Path, form: str, header: list[str], rows: list[list[str]], name: str = "r.csv"):
    path = tmp_path / form / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def problems(tmp_path: Path, *files: Path, publish: bool = False):
    results = validate_files([(f, None) for f in files], FORMS, POLICY, Options(publish=publish))
    return [p for r in results for p in r.problems]


def quota_rows(start: int = 100) -> list[list[str]]:
    """Rows that meet the 10/30/60 % role quotas (1 manager, 3 supervisors, 6 leads)."""
    roles = ["manager"] + ["supervisor"] * 3 + ["maintenance_lead"] * 6
    return [repair_row(start + i, role=role) for i, role in enumerate(roles)]


@pytest.mark.parametrize(
    ("cls", "days", "ok"),
    [
        ("safety_facility", 2, True),
        ("safety_facility", 3, False),
        ("leak", 3, True),
        ("leak", 4, False),
        ("other", 7, True),
        ("other", 8, False),
    ],
)
def test_repair_followup_window_by_class_with_boundary_days(
    tmp_path: Path, cls: str, days: int, ok: bool
) -> None:
    on = f"2026-03-{2 + days:02d}"
    path = check(tmp_path, "repair_followup", REPAIR, [repair_row(1, cls, on=on), *quota_rows()])
    found = [p for p in problems(tmp_path, path) if p.code == "rule-within"]
    assert (found == []) is ok
    if not ok:
        assert found[0].row == 2 and found[0].article == "RV-16.2"
        assert f"{days} 天" in found[0].message("zh") and f"{days} days" in found[0].message("en")


def test_followup_before_completion_is_an_order_error(tmp_path: Path) -> None:
    path = check(
        tmp_path, "repair_followup", REPAIR, [repair_row(1, on="2026-03-01"), *quota_rows()]
    )
    found = [p for p in problems(tmp_path, path) if p.code == "rule-order"]
    assert len(found) == 1 and found[0].column == "followup_on"


def test_defect_requires_a_notice_within_24_hours(tmp_path: Path) -> None:
    rows = [
        repair_row(1, site="defect"),  # no notice at all
        repair_row(2, site="defect", notice="2026-03-06 23:00"),  # within 24 h of the end of 03-05
        repair_row(3, site="defect", notice="2026-03-07 09:00"),  # too late
        *quota_rows(),
    ]
    path = check(tmp_path, "repair_followup", REPAIR, rows)
    found = {(p.code, p.row) for p in problems(tmp_path, path)}
    assert ("rule-required-if", 2) in found
    assert ("rule-within", 3) not in found
    assert ("rule-within", 4) in found


def test_role_quotas_over_the_register(tmp_path: Path) -> None:
    ok = check(tmp_path, "repair_followup", REPAIR, quota_rows(), "ok.csv")
    assert [p for p in problems(tmp_path, ok) if p.code == "rule-share"] == []
    few_managers = [repair_row(i, role="maintenance_lead") for i in range(10)]
    bad = check(tmp_path, "repair_followup", REPAIR, few_managers, "bad.csv")
    found = [p for p in problems(tmp_path, bad) if p.code == "rule-share"]
    assert {p.params["count"] for p in found} == {0}
    assert len(found) == 2  # manager and supervisor below 10 % and 30 %
    assert found[0].row is None and "10.0%" in found[0].message("en") + found[1].message("en")


REGISTER = [
    "complaint_no",
    "received_at",
    "channel",
    "category",
    "summary",
    "severity",
    "substantiated",
    "invalid_reason",
    "received_by",
    "notice_no",
    "closed_at",
    "resolution",
    "followup_at",
    "followup_rating",
]


def complaint(
    no: int,
    substantiated: str = "yes",
    reason: str = "",
    notice: str = "",
    closed: str = "2026-03-02 10:00",
    followup: str = "2026-03-04",
) -> list[str]:
    return [
        f"TS-2026-{no:04d}",
        "2026-03-01 09:00",
        "phone",
        "repair",
        "漏水",
        "general",
        substantiated,
        reason,
        "客服 李**",
        notice,
        closed,
        "已修复" if closed else "",
        followup,
        "satisfied" if followup else "",
    ]


def test_not_substantiated_needs_a_reason(tmp_path: Path) -> None:
    path = check(
        tmp_path,
        "complaint_register",
        REGISTER,
        [complaint(1, "no"), complaint(2, "no", "enquiry")],
    )
    found = [p for p in problems(tmp_path, path) if p.code == "rule-required-if"]
    assert [(p.row, p.field) for p in found] == [(2, "invalid_reason")]


def test_complaint_followup_coverage_and_window(tmp_path: Path) -> None:
    rows = [complaint(1), complaint(2, followup=""), complaint(3, followup="2026-03-09")]
    path = check(tmp_path, "complaint_register", REGISTER, rows)
    codes = {(p.code, p.row) for p in problems(tmp_path, path)}
    assert ("rule-coverage", None) in codes  # 2 of 3 closed complaints followed up < 100 %
    assert ("rule-within", 4) in codes  # 7 days after closure > 3


NOTICE = [
    "notice_no",
    "complaint_no",
    "issued_at",
    "issued_by",
    "to_dept",
    "action_required",
    "deadline",
]


def test_cross_register_reference_both_ways(tmp_path: Path) -> None:
    register = check(
        tmp_path,
        "complaint_register",
        REGISTER,
        [complaint(1, notice="TZ-2026-0001"), complaint(2, notice="TZ-2026-0099")],
    )
    notice = check(
        tmp_path,
        "complaint_notice",
        NOTICE,
        [
            [
                "TZ-2026-0001",
                "TS-2026-0001",
                "2026-03-01 10:00",
                "客服主管 王**",
                "engineering",
                "修复渗水",
                "2026-03-02 10:00",
            ],
            [
                "TZ-2026-0002",
                "TS-2026-0777",
                "2026-03-01 10:00",
                "客服主管 王**",
                "engineering",
                "修复渗水",
                "2026-03-02 10:00",
            ],
        ],
    )
    found = [
        (Path(p.file).parent.name, p.row, p.value)
        for p in problems(tmp_path, register, notice)
        if p.code == "rule-reference"
    ]
    assert ("complaint_register", 3, "TZ-2026-0099") in found
    assert ("complaint_notice", 3, "TS-2026-0777") in found
    assert len(found) == 2


def test_reference_without_the_other_register_is_a_warning(tmp_path: Path) -> None:
    register = check(
        tmp_path, "complaint_register", REGISTER, [complaint(1, notice="TZ-2026-0001")]
    )
    found = [p for p in problems(tmp_path, register) if p.code == "reference-not-checked"]
    assert len(found) == 1 and found[0].severity == WARNING


MEETING = [
    "meeting_no",
    "meeting_type",
    "held_on",
    "venue",
    "chair",
    "recorder",
    "invited",
    "present",
    "agenda",
]


def test_meetings_at_least_quarterly_per_type(tmp_path: Path) -> None:
    def meeting(no: int, kind: str, date: str) -> list[str]:
        return [
            f"HY-{no:03d}",
            kind,
            date,
            "会议室",
            "主任 钱**",
            "客服 李**",
            "20",
            "15",
            "季度例会",
        ]

    rows = [
        meeting(1, "building_reps", "2026-01-10"),
        meeting(2, "building_reps", "2026-04-11"),
        meeting(3, "building_reps", "2026-07-13"),
        meeting(4, "residents_forum", "2026-01-10"),
        meeting(5, "residents_forum", "2026-03-10"),
    ]
    path = check(tmp_path, "meeting_record", MEETING, rows)
    found = [p for p in problems(tmp_path, path) if p.code == "rule-interval"]
    assert [(p.row, p.params["days"]) for p in found] == [(4, 93)]
    assert "93" in found[0].message("en") and "92" in found[0].message("en")


def test_unmasked_phone_warns_and_publish_makes_it_an_error(tmp_path: Path) -> None:
    header = [*REGISTER, "phone", "complainant_name"]
    rows = [[*complaint(1), "13812345678", "张**"], [*complaint(2), "138****5678", "张三丰"]]
    path = check(tmp_path, "complaint_register", header, rows)
    found = {(p.code, p.row, p.severity) for p in problems(tmp_path, path)}
    assert ("unmasked-phone", 2, WARNING) in found and ("unmasked-name", 3, WARNING) in found
    strict = {(p.code, p.row, p.severity) for p in problems(tmp_path, path, publish=True)}
    assert ("unmasked-phone", 2, ERROR) in strict and ("unmasked-name", 3, ERROR) in strict
    message = next(p for p in problems(tmp_path, path) if p.code == "unmasked-phone").message("zh")
    assert "138****5678" in message and "13812345678" not in message


def test_formula_injection_warns(tmp_path: Path) -> None:
    row = complaint(1)
    row[4] = '=HYPERLINK("http://example.com")'
    path = check(tmp_path, "complaint_register", REGISTER, [row])
    found = [p for p in problems(tmp_path, path) if p.code == "formula-injection"]
    assert len(found) == 1 and found[0].severity == WARNING


def test_present_cannot_exceed_invited(tmp_path: Path) -> None:
    rows = [
        [
            "HY-001",
            "building_reps",
            "2026-01-10",
            "会议室",
            "主任 钱**",
            "客服 李**",
            "20",
            "20",
            "例会",
        ],
        [
            "HY-002",
            "building_reps",
            "2026-03-10",
            "会议室",
            "主任 钱**",
            "客服 李**",
            "20",
            "21",
            "例会",
        ],
    ]
    path = check(tmp_path, "meeting_record", MEETING, rows)
    found = [p for p in problems(tmp_path, path) if p.code == "rule-at-most"]
    assert [(p.row, p.field, p.value) for p in found] == [(3, "present", "21")]
    assert "(20)" in found[0].message("en")


DELIVERY = [
    "callback_no",
    "callback_on",
    "method",
    "delivery_date",
    "receipt_no",
    "customer",
    "consignee",
    "packaging",
    "product",
    "qty_shipped",
    "qty_received",
    "check_result",
    "callback_by",
]


def test_delivery_callbacks_every_month_by_method(tmp_path: Path) -> None:
    def callback(no: int, day: str, method: str) -> list[str]:
        return [
            f"JD-{no:03d}",
            day,
            method,
            day,
            f"R-{no}",
            "某建材公司",
            "收货人 王**",
            "bagged",
            "P.O 42.5",
            "30",
            "30",
            "match",
            "客服代表 李**",
        ]

    march = [callback(i, f"2026-03-{i + 1:02d}", "phone") for i in range(3)] + [
        callback(9, "2026-03-20", "visit")
    ]
    may = [
        callback(10 + i, f"2026-05-{i + 1:02d}", "phone") for i in range(3)
    ]  # no visit; April empty
    path = check(tmp_path, "delivery_callback", DELIVERY, march + may)
    found = sorted(
        (p.params["month"], p.params["count"], p.params["minimum"])
        for p in problems(tmp_path, path)
        if p.code == "rule-count"
    )
    assert found == [("2026-04", 0, 1), ("2026-04", 0, 3), ("2026-05", 0, 1)]


@pytest.mark.parametrize(
    ("replied", "late"), [("2026-03-02 09:00", False), ("2026-03-02 09:01", True)]
)
def test_complaint_reply_within_24_hours(tmp_path: Path, replied: str, late: bool) -> None:
    path = check(
        tmp_path, "complaint_register", [*REGISTER, "replied_at"], [[*complaint(1), replied]]
    )
    found = [
        p for p in problems(tmp_path, path) if p.code == "rule-within" and p.field == "replied_at"
    ]
    assert bool(found) is late
    if late:
        assert "24 hours" in found[0].message("en") and found[0].article == "RV-1.1.2.1"


def test_a_company_changes_a_number_in_policy_yaml_and_nowhere_else(tmp_path: Path) -> None:
    """The 24-hour reply becomes 'the same day' by editing one value in one file."""
    import shutil

    from click.testing import CliRunner

    from handbook.cli import cli

    shutil.copytree(ROOT / "forms", tmp_path / "company" / "forms")
    text = (ROOT / "policy.yaml").read_text(encoding="utf-8")
    head, rest = text.split("complaint_reply_hours:\n  value: 24\n", 1)
    (tmp_path / "company" / "policy.yaml").write_text(
        head + "complaint_reply_hours:\n  value: same_day\n" + rest, encoding="utf-8"
    )
    path = check(
        tmp_path,
        "complaint_register",
        [*REGISTER, "replied_at"],
        [[*complaint(1), "2026-03-01 18:00"], [*complaint(2), "2026-03-02 08:00"]],
    )
    args = [
        "validate",
        str(path),
        "--forms",
        str(tmp_path / "company" / "forms"),
        "--format",
        "json",
    ]
    result = CliRunner().invoke(cli, args)
    late = [
        p["row"]
        for p in __import__("json").loads(result.stdout)["problems"]
        if p["code"] == "rule-within" and p["field"] == "replied_at"
    ]
    assert late == [3]  # replied the next morning: within 24 hours, but not the same day
    default = CliRunner().invoke(
        cli, ["validate", str(path), "--forms", str(ROOT / "forms"), "--format", "json"]
    )
    assert [
        p
        for p in __import__("json").loads(default.stdout)["problems"]
        if p["field"] == "replied_at"
    ] == []


@pytest.mark.parametrize(
    ("name", "word"),
    [("rule_unknown_policy", "repair_followup_weeks"), ("rule_unknown_check", "deadline")],
)
def test_a_broken_rule_is_an_unusable_form_not_a_crash(name: str, word: str) -> None:
    from handbook.errors import FormFileError
    from handbook.load.forms import load_form
    from handbook.validate.rules import compile_rules

    form = load_form(Path(__file__).parent / "data" / "forms" / "broken_rules" / f"{name}.yaml")
    with pytest.raises(FormFileError) as info:
        compile_rules(form, POLICY)
    assert word in info.value.render("en") and "handbook lint" in info.value.render("en")


def test_a_notice_cannot_be_issued_before_its_complaint_was_received(tmp_path: Path) -> None:
    register = check(tmp_path, "complaint_register", REGISTER, [complaint(1), complaint(2)])
    notice = check(
        tmp_path,
        "complaint_notice",
        NOTICE,
        [
            [
                "TZ-2026-0001",
                "TS-2026-0001",
                "2026-03-01 10:00",
                "客服主管 王**",
                "engineering",
                "修复",
                "2026-03-02 10:00",
            ],
            [
                "TZ-2026-0002",
                "TS-2026-0002",
                "2026-02-28 10:00",
                "客服主管 王**",
                "engineering",
                "修复",
                "2026-03-02 10:00",
            ],
        ],
    )
    found = [p for p in problems(tmp_path, register, notice) if p.code == "rule-reference-order"]
    assert [(p.row, p.value) for p in found] == [(3, "TS-2026-0002")]
    assert "2026-02-28 10:00" in found[0].message("en") and "2026-03-01 09:00" in found[0].message(
        "en"
    )
