"""Write the synthetic sample registers in data/: twelve months of a fictitious estate.

Deterministic (seeded): running it again gives the same files byte for byte.
Everyone in it is made up and already masked (李**, 139****5821); the flats and
phone numbers are random. Every register is valid under ``handbook validate``.

    .venv/bin/python scripts/make_sample_data.py          # rewrites data/
    .venv/bin/python scripts/make_sample_data.py /tmp/x   # or writes elsewhere
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import random
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.model.form import Form

ROOT = Path(__file__).resolve().parents[1]
#: The numbers of the rules, from the one file that holds them.
POLICY = load_policy(ROOT / "policy.yaml")
DATA = ROOT / "data"
SEED = 20261101
FIRST = dt.date(2025, 11, 1)
LAST = dt.date(2026, 10, 31)
FILE = "2025-11_2026-10.csv"

HOUSEHOLDS = 800
BLOCKS, ENTRANCES, FLOORS, ROOMS = 10, 2, 20, 2
OFFICERS = {"residential": 5, "commercial": 3, "office": 2}
# Surnames not used by the handbook's own examples (张**, 张先生).
SURNAMES = "赵钱孙李吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜谢邹柏窦苏潘葛范彭鲁韦马苗方俞任袁柳鲍史唐费薛雷贺倪汤殷罗毕郝安常傅齐康伍余顾孟黄穆萧尹"

R = random.Random(SEED)


def pick(weights: dict[str, float]) -> str:
    return R.choices(list(weights), weights=list(weights.values()))[0]


def masked_name() -> str:
    surname = R.choice(SURNAMES)
    return surname + R.choice(["**", "**", "先生", "女士"])


def staff(role: str) -> str:
    return f"{role} {R.choice(SURNAMES)}**"


def phone() -> str:
    while True:
        number = f"1{R.choice('3456789')}{R.randint(0, 9)}****{R.randint(0, 9999):04d}"
        if number != "138****1234":
            return number


FLATS = [
    f"{b}-{e}-{f:02d}{r:02d}"
    for b in range(1, BLOCKS + 1)
    for e in range(1, ENTRANCES + 1)
    for f in range(1, FLOORS + 1)
    for r in range(1, ROOMS + 1)
    if f"{b}-{e}-{f:02d}{r:02d}" != "3-2-1101"  # the forms' own example
]


def flat() -> str:
    return R.choice(FLATS)


def day_in(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return first + dt.timedelta(days=R.randrange((nxt - first).days))


def at(day: dt.date, start: int = 8, end: int = 18) -> dt.datetime:
    return dt.datetime.combine(
        day, dt.time(R.randint(start, end - 1), R.choice([0, 10, 20, 30, 40, 50]))
    )


def months() -> Iterable[tuple[int, int]]:
    year, month = FIRST.year, FIRST.month
    while dt.date(year, month, 1) <= LAST:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def rating(good: float = 0.62, fair: float = 0.25, bad: float = 0.08) -> str:
    return pick(
        {
            "satisfied": good,
            "fairly_satisfied": fair,
            "dissatisfied": bad,
            "no_answer": 1 - good - fair - bad,
        }
    )


class Numbers:
    """Serial numbers per prefix and year: TS-2026-0001 …"""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, int], int] = {}

    def next(self, prefix: str, year: int) -> str:
        key = (prefix, year)
        self.counts[key] = self.counts.get(key, 0) + 1
        return f"{prefix}-{year}-{self.counts[key]:04d}"


NO = Numbers()


def cell(form: Form, name: str, value: Any) -> str:
    """A value as staff type it: enum labels in Chinese, 是/否, dates and times."""
    if value is None:
        return ""
    f = form.field(name)
    if f is not None and f.enum:
        return f.enum_label(str(value), "zh")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write(out: Path, form: Form, rows: list[dict[str, Any]]) -> None:
    """data/<form id>/<FILE>: UTF-8 with BOM, the Chinese column titles as header."""
    fields = form.input_fields
    path = out / form.id / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([f.title.zh for f in fields])
        for row in rows:
            writer.writerow([cell(form, f.name, row.get(f.name)) for f in fields])


def write_property(out: Path) -> None:
    officers = "\n".join(f"  {k}: {v}" for k, v in OFFICERS.items())
    (out / "property.yaml").write_text(
        "# 物业概况 — the property description the indicators divide by (counts only, no names).\n"
        "# Written by scripts/make_sample_data.py; a fictitious estate.\n"
        "name: {zh: 示例花园, en: Sample Gardens}\n"
        f"households: {HOUSEHOLDS}        # 总户数：按户计算投诉率的分母\n"
        "property_officers:     # 各物业类型的物管员人数：走访频率的分母\n"
        f"{officers}\n",
        encoding="utf-8",
    )


# ---- staff: fixed, distinct (masked) people, so per-person rules see the same name each time


class Staff:
    def __init__(self) -> None:
        self.pool = list(SURNAMES)
        R.shuffle(self.pool)

    def people(self, role: str, count: int) -> list[str]:
        return [f"{role} {self.pool.pop()}**" for _ in range(count)]


TEAM = Staff()
CS = TEAM.people("客服", 3)
CS_HEAD = TEAM.people("客服主管", 1)[0]
MANAGER = TEAM.people("经理", 1)[0]
SUPERVISORS = TEAM.people("主管", 2)
LEADS = TEAM.people("维修负责人", 3)
TECHNICIANS = TEAM.people("维修工", 5)
OFFICE_HEAD = TEAM.people("办公室主任", 1)[0]
OFFICER_NAMES = {kind: TEAM.people("物管员", n) for kind, n in OFFICERS.items()}
DEPT_STAFF = {
    d: TEAM.people(role, 1)[0]
    for d, role in {
        "customer_service": "客服",
        "engineering": "工程部",
        "security": "秩序维护员",
        "cleaning": "保洁主管",
        "landscaping": "绿化工",
        "finance": "财务",
    }.items()
}

# ---- complaints and action notices

CATEGORIES = {
    "repair": 0.22, "cleaning": 0.15, "security": 0.10, "landscaping": 0.06,
    "common_facilities": 0.12, "fees": 0.08, "staff_conduct": 0.06, "parking": 0.10,
    "renovation_noise": 0.07, "neighbour": 0.04,
}  # fmt: skip
DEPT = {
    "repair": "engineering", "cleaning": "cleaning", "security": "security",
    "landscaping": "landscaping", "common_facilities": "engineering", "fees": "finance",
    "staff_conduct": "customer_service", "parking": "security",
    "renovation_noise": "security", "neighbour": "customer_service",
}  # fmt: skip
SUMMARIES = {
    "repair": ["{b}号楼{e}单元电梯运行时有异响，要求检修。", "{b}号楼楼道灯损坏多日未修。"],
    "cleaning": ["{b}号楼大堂地面未及时清扫。", "{b}号楼垃圾桶满溢，气味较大。"],
    "security": ["夜间{b}号楼单元门禁常开，无人值守。", "外来车辆随意进入小区。"],
    "landscaping": ["{b}号楼前草坪长期未修剪。", "绿化带喷药前未提前通知。"],
    "common_facilities": ["{b}号楼单元门闭门器损坏。", "儿童游乐设施螺丝松动。"],
    "fees": ["对车位管理费收费标准有疑问。", "物业费账单金额与预缴不符。"],
    "staff_conduct": ["前台接待态度生硬。", "保安巡逻时语气不礼貌。"],
    "parking": ["地库车位被长期占用。", "{b}号楼前消防通道停车。"],
    "renovation_noise": ["{b}号楼邻户周末装修噪声大。", "装修施工超过规定时间。"],
    "neighbour": ["邻居在楼道堆放杂物。", "楼上住户养犬扰民。"],
}
INVALID = {"repair": "repair_request", "fees": "enquiry", "neighbour": "outside_remit",
           "renovation_noise": "outside_remit"}  # fmt: skip
DUE_HOURS = {"general": 24, "major": 72, "urgent": 8}


def summary(category: str) -> str:
    return R.choice(SUMMARIES[category]).format(b=R.randint(1, BLOCKS), e=R.randint(1, ENTRANCES))


def complaint(year: int, month: int) -> dict[str, Any]:
    received = at(day_in(year, month), 8, 21)
    category = pick(CATEGORIES)
    anonymous = R.random() < 0.1
    if category == "neighbour":
        substantiated = "no"
    elif received.date() >= dt.date(2026, 10, 20) and R.random() < 0.5:
        substantiated = "pending"
    else:
        substantiated = "yes" if R.random() < 0.16 else "no"
    severity = pick({"general": 0.85, "major": 0.1, "urgent": 0.05})
    hours = DUE_HOURS[severity]
    due = received + dt.timedelta(hours=hours)
    if substantiated == "pending" or (
        substantiated == "yes" and received.month == 10 and R.random() < 0.3
    ):
        closed = None  # still open: past due by now, so late
    elif R.random() < 0.85:
        closed = received + dt.timedelta(minutes=R.randint(180, int(hours * 54)))
    else:
        closed = due + dt.timedelta(minutes=R.randint(120, 1800))
    followup = closed.date() + dt.timedelta(days=R.choice([0, 1, 1, 2, 2, 3])) if closed else None
    dept = DEPT[category]
    row = {
        "complaint_no": NO.next("TS", received.year),
        "received_at": received,
        "channel": pick(
            {
                "visit": 0.25,
                "phone": 0.35,
                "letter": 0.03,
                "online": 0.2,
                "hotline_12345": 0.1,
                "suggestion_box": 0.05,
                "other": 0.02,
            }
        ),  # fmt: skip
        "complainant_name": None if anonymous else masked_name(),
        "complainant_type": pick({"owner": 0.75, "occupier": 0.1, "tenant": 0.15}),
        "unit_no": None if anonymous or category in ("landscaping", "parking") else flat(),
        "phone": None if anonymous else phone(),
        "category": category,
        "summary": summary(category),
        "severity": severity,
        "substantiated": substantiated,
        "invalid_reason": INVALID.get(category, "unverifiable") if substantiated == "no" else None,
        "received_by": R.choice(CS),
        "responsible_dept": dept,
        "due_at": due,
        "resolution": "已安排责任部门处理并向投诉人说明。" if closed else None,
        "closed_at": closed,
        "followup_at": followup,
        "followup_method": pick({"phone": 0.7, "visit": 0.2, "online": 0.1}) if followup else None,
        "followup_by": R.choice(CS + [CS_HEAD]) if followup else None,
        "followup_rating": pick(
            {
                "satisfied": 0.6,
                "fairly_satisfied": 0.24,
                "dissatisfied": 0.08,
                "no_answer": 0.04,
                "unreachable": 0.04,
            }
        )
        if followup
        else None,  # fmt: skip
        "reviewed_by": CS_HEAD if followup else None,
    }
    # First reply within the 24 hours of RV-1.1.2.1, derived from the receipt time (no draw
    # from R, so every other value stays as it was) and never after the case was closed.
    replied = received + dt.timedelta(
        minutes=20 + (received.hour * 61 + received.minute * 37) % (20 * 60)
    )
    row["replied_at"] = min(replied, closed) if closed else replied
    if substantiated != "no" or R.random() < 0.3:
        row["notice_no"] = NO.next("TZ", received.year)
    return row


def notice(c: dict[str, Any]) -> dict[str, Any]:
    issued = c["received_at"] + dt.timedelta(minutes=R.randint(20, 90))
    signed = issued + dt.timedelta(minutes=R.randint(5, 40))
    closed = c["closed_at"]
    return {
        "notice_no": c["notice_no"],
        "complaint_no": c["complaint_no"],
        "issued_at": issued,
        "issued_by": CS_HEAD,
        "to_dept": c["responsible_dept"],
        "matter": c["summary"],
        "action_required": "当日核实情况，按时限处理并回复客服中心。",
        "corrective_action": "检查同类问题，纳入日常巡查。"
        if c["substantiated"] == "yes"
        else None,
        "deadline": c["due_at"],
        "manager_decision": "同意处理方案。" if c["severity"] == "major" else None,
        "received_by": DEPT_STAFF[c["responsible_dept"]],
        "received_at": signed,
        "action_taken": "已按要求处理完毕。" if closed else None,
        "completed_at": closed,
        "handler_signed": True if closed else None,
        "verified_by": CS_HEAD if closed else None,
        "verification": "pass" if closed else None,
        "returned_at": closed.date() + dt.timedelta(days=R.choice([0, 0, 1])) if closed else None,
    }


def make_complaints() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows = []
    for year, month in months():
        batch = [complaint(year, month) for _ in range(R.randint(3, 7))]
        rows += sorted(batch, key=lambda r: r["received_at"])
    # numbers in order of receipt, as a register is kept
    for prefix, key in (("TS", "complaint_no"), ("TZ", "notice_no")):
        counts: dict[int, int] = {}
        for row in rows:
            if row.get(key):
                year = row["received_at"].year
                counts[year] = counts.get(year, 0) + 1
                row[key] = f"{prefix}-{year}-{counts[year]:04d}"
    return rows, [notice(c) for c in rows if c.get("notice_no")]


# ---- repairs, their follow-ups and rectification notices

REPAIR_ITEMS = {
    "safety_facility": ["单元门禁维修", "应急照明灯更换", "消防栓箱门修复", "楼道扶手加固"],
    "leak": ["厨房水管漏水", "卫生间地面渗水", "阳台落水管渗漏", "屋面渗水修补"],
    "other": ["更换入户门锁", "客厅灯具维修", "下水道疏通", "窗户合页更换", "插座更换"],
}
#: days allowed from completion to follow-up, per repair class
WINDOW: dict[str, int] = dict(POLICY.value("repair_followup_days"))


def make_repairs() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    days = [day_in(y, m) for y, m in months() for _ in range(R.randint(15, 24))]
    days = sorted(days[: len(days) // 10 * 10])  # a multiple of ten: the 10/30/60 split is exact
    n = len(days)
    shares = POLICY.value("repair_followup_role_shares")  # the least share of each role
    roles = ["manager"] * int(n * shares["manager"] + 1e-9)
    roles += ["supervisor"] * int(n * shares["supervisor"] + 1e-9)
    roles += ["maintenance_lead"] * (n - len(roles))
    R.shuffle(roles)
    visitors = {"manager": [MANAGER], "supervisor": SUPERVISORS, "maintenance_lead": LEADS}
    repairs, notices = [], []
    for completed, role in zip(days, roles, strict=True):
        repair_class = pick({"safety_facility": 0.15, "leak": 0.25, "other": 0.6})
        followup = completed + dt.timedelta(days=R.randint(0, WINDOW[repair_class]))
        method = pick({"visit": 0.45, "phone": 0.55})
        check = ("defect" if R.random() < 0.08 else "ok") if method == "visit" else "not_checked"
        visitor = R.choice(visitors[role])
        common = repair_class == "safety_facility" and R.random() < 0.5
        row = {
            "work_order_no": NO.next("PG", completed.year),
            "unit_no": None if common else flat(),
            "repair_item": R.choice(REPAIR_ITEMS[repair_class]),
            "repair_class": repair_class,
            "technician": R.choice(TECHNICIANS),
            "completed_on": completed,
            "followup_on": followup,
            "method": method,
            "visitor_role": role,
            "visitor": visitor,
            "site_check": check,
            "conduct": rating(0.7, 0.22, 0.04),
            "charge_check": pick({"correct": 0.5, "no_charge": 0.46, "discrepancy": 0.04}),
            "comments": "希望维修后清理现场。" if R.random() < 0.08 else None,
            "satisfaction": rating(0.6, 0.28, 0.08),
            "resident_signed": True if method == "visit" else None,
        }
        if check == "defect":
            notified = at(followup, 14, 18)
            row["rectification_notice_at"] = notified
            rectified = followup + dt.timedelta(days=R.randint(1, 3))
            notices.append(
                {
                    "notice_no": NO.next("ZG", followup.year),
                    "work_order_no": row["work_order_no"],
                    "unit_no": row["unit_no"],
                    "found_on": followup,
                    "problem": "维修部位仍有轻微渗水。"
                    if repair_class == "leak"
                    else "维修后部件松动。",
                    "technician": row["technician"],
                    "rectification_required": "三天内返修并清理现场。",
                    "issued_at": notified,
                    "issued_by": visitor,
                    "technician_signed": True,
                    "rectify_by": followup + dt.timedelta(days=3),
                    "rectified_on": rectified,
                    "rectification_result": "已返修。",
                    "verified_by": visitor,
                    "verification": "fail" if R.random() < 0.2 else "pass",
                }
            )
        repairs.append(row)
    return repairs, notices


# ---- the general follow-up record

CONTENT = {
    "complaint": "了解投诉处理结果。",
    "repair": "了解维修质量和维修人员服务。",
    "paid_service": "了解有偿服务的质量和收费。",
    "assistance": "了解求助事项办理情况。",
    "event": "征询社区活动意见。",
    "new_occupant": "新入住回访，介绍服务项目。",
    "routine": "定期回访，征询服务意见。",
}
SUGGESTIONS = [
    "建议增加夜间巡逻。",
    "建议地库增加照明。",
    "建议公告栏及时更新。",
    "建议增设快递柜。",
]


def make_records(
    complaints: list[dict[str, Any]], repairs: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    rows = []
    for year, month in months():
        closed = [
            c
            for c in complaints
            if c["followup_at"] and (c["followup_at"].year, c["followup_at"].month) == (year, month)
        ]
        done = [
            r for r in repairs if (r["followup_on"].year, r["followup_on"].month) == (year, month)
        ]
        for _ in range(R.randint(10, 16)):
            kind = pick({"complaint": 0.2, "repair": 0.2, "paid_service": 0.15, "assistance": 0.1,
                         "event": 0.05, "new_occupant": 0.1, "routine": 0.2})  # fmt: skip
            ref = None
            day = day_in(year, month)
            if kind == "complaint" and closed:
                source = R.choice(closed)
                ref, day = source["complaint_no"], source["followup_at"]
            elif kind == "repair" and done:
                source = R.choice(done)
                ref, day = source["work_order_no"], source["followup_on"]
            elif kind in ("complaint", "repair"):
                kind = "routine"
            elif kind in ("paid_service", "assistance"):
                ref = NO.next("YC" if kind == "paid_service" else "QZ", year)
            method = pick({"phone": 0.5, "visit": 0.3, "on_site": 0.1, "message": 0.1})
            satisfaction = rating(0.6, 0.26, 0.08)
            feedback = R.random() < 0.3
            reply_due = day + dt.timedelta(days=R.randint(3, 7)) if feedback else None
            replied = (
                day + dt.timedelta(days=R.randint(1, (reply_due - day).days))
                if reply_due and R.random() < 0.85
                else None
            )
            rows.append(
                {
                    "record_no": None,
                    "followup_date": day,
                    "source_type": kind,
                    "source_ref": ref,
                    "unit_no": flat(),
                    "interviewee": masked_name(),
                    "method": method,
                    "content": CONTENT[kind],
                    "quality_rating": rating(0.62, 0.26, 0.06),
                    "effect_rating": rating(0.6, 0.28, 0.06),
                    "satisfaction": satisfaction,
                    "shortcomings": "处理进度告知不够及时。"
                    if feedback and R.random() < 0.4
                    else None,
                    "suggestions": R.choice(SUGGESTIONS) if feedback else None,
                    "reply_due": reply_due,
                    "replied_on": replied,
                    "resident_signed": True if method == "visit" else None,
                    "visitor": R.choice(CS + OFFICER_NAMES["residential"]),
                    "supervisor_comment": "已安排跟进。"
                    if satisfaction == "dissatisfied"
                    else None,
                }
            )
    rows.sort(key=lambda r: r["followup_date"])
    for row in rows:
        row["record_no"] = NO.next("HF", row["followup_date"].year)
    return rows


# ---- owner opinion survey: two half-yearly rounds

ITEMS = {
    "power_supply": (0.70, 0.22, 0.05),
    "water_supply": (0.68, 0.23, 0.06),
    "fire_security": (0.60, 0.28, 0.08),
    "cleanliness": (0.55, 0.30, 0.11),
    "landscaping": (0.62, 0.26, 0.08),
    "common_facilities": (0.50, 0.30, 0.15),
    "repair_service": (0.48, 0.30, 0.17),
    "staff_attitude": (0.66, 0.24, 0.07),
}
ROUNDS = (("2025H2", dt.date(2025, 12, 1), 760, 700), ("2026H1", dt.date(2026, 6, 1), 770, 716))
COMMENTS = [
    "希望加强地库保洁。",
    "建议增加绿化养护频次。",
    "维修预约时间希望更灵活。",
    "公共区域照明可再改善。",
]


def make_surveys() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    forms, summaries = [], []
    for label, issued_on, occupied, issued in ROUNDS:
        closed_on = issued_on + dt.timedelta(days=19)
        flats = R.sample(FLATS, issued)
        returned = [f for f in flats if R.random() < 0.82]
        rows = []
        for unit in returned:
            row = {
                "survey_round": label,
                "unit_no": None if R.random() < 0.05 else unit,
                "mode": "phone_assisted" if R.random() < 0.04 else "self",
                "comments": R.choice(COMMENTS) if R.random() < 0.08 else None,
                "returned_on": issued_on + dt.timedelta(days=R.randint(1, 19)),
            }
            for item, (good, fair, bad) in ITEMS.items():
                row[item] = rating(good, fair, bad)
            rows.append(row)
        rows.sort(key=lambda r: r["returned_on"])
        for row in rows:
            row["form_no"] = NO.next("DC", issued_on.year)
        forms += rows
        summaries.append(
            {
                "survey_round": label,
                "issued_on": issued_on,
                "closed_on": closed_on,
                "occupied_units": occupied,
                "forms_issued": issued,
                "forms_returned": len(rows),
                "forms_valid": len(rows),
                "common_comments": "维修服务和公共设施的意见较多。",
                "reported_on": closed_on + dt.timedelta(days=5),
                "rectification_instructions": "工程部一个月内完成公共设施排查。",
                "committee_informed_on": closed_on + dt.timedelta(days=12),
                "prepared_by": CS_HEAD,
            }
        )
    return forms, summaries


# ---- hotline tickets

REQUESTS = {
    "enquiry": ["咨询停车月卡办理流程。", "咨询物业费缴纳方式。"],
    "help": ["{b}号楼电梯困人，请求救援。", "家中跳闸，请求电工上门。"],
    "suggestion": ["建议小区增设充电桩。", "建议延长游泳池开放时间。"],
    "complaint": ["{b}号楼楼道堆放杂物无人清理。", "夜间施工噪声扰民。"],
    "report": ["举报{b}号楼违规搭建。", "举报小区内群租。"],
}
DEPTS = ["customer_service", "engineering", "security", "cleaning", "landscaping", "finance"]


def make_hotline() -> list[dict[str, Any]]:
    rows = []
    for year, month in months():
        for _ in range(R.randint(20, 30)):
            received = at(day_in(year, month), 7, 22)
            kind = pick(
                {"enquiry": 0.25, "help": 0.3, "suggestion": 0.1, "complaint": 0.3, "report": 0.05}
            )
            dispatched = (
                received + dt.timedelta(minutes=R.randint(5, 60)) if R.random() < 0.95 else None
            )
            contact = (
                dispatched + dt.timedelta(minutes=R.randint(10, 300))
                if dispatched and R.random() < 0.93
                else None
            )
            closed = (
                received + dt.timedelta(minutes=R.randint(60, 4320)) if R.random() < 0.97 else None
            )
            callback = (
                closed + dt.timedelta(minutes=R.randint(360, 2880))
                if closed and R.random() < 0.9
                else None
            )
            rating_ = (
                pick(
                    {
                        "satisfied": 0.64,
                        "basically_satisfied": 0.2,
                        "dissatisfied": 0.1,
                        "declined": 0.06,
                    }
                )
                if callback
                else None
            )
            reopened = (R.random() < 0.6) if rating_ == "dissatisfied" else None
            rows.append(
                {
                    "ticket_no": None,
                    "source": pick(
                        {"company_hotline": 0.7, "gov_12345": 0.25, "other_platform": 0.05}
                    ),
                    "callee_group": pick(
                        {
                            "new_customer": 0.1,
                            "key_customer": 0.1,
                            "complainant": 0.3,
                            "long_standing": 0.5,
                        }
                    ),
                    "received_at": received,
                    "request_type": kind,
                    "caller": masked_name() if R.random() < 0.85 else None,
                    "phone": phone(),
                    "unit_no": flat() if R.random() < 0.9 else None,
                    "summary": R.choice(REQUESTS[kind]).format(b=R.randint(1, BLOCKS)),
                    "dispatched_to": R.choice(DEPTS) if dispatched else None,
                    "dispatched_at": dispatched,
                    "first_contact_at": contact,
                    "closed_at": closed,
                    "callback_at": callback,
                    "callback_by": R.choice(CS) if callback else None,
                    "resolved": pick({"resolved": 0.8, "partly": 0.12, "unresolved": 0.08})
                    if callback
                    else None,
                    "satisfaction": rating_,
                    "feedback": "希望处理进度能及时告知。"
                    if callback and R.random() < 0.15
                    else None,
                    "dissatisfaction_reason": "处理时间过长。"
                    if rating_ == "dissatisfied"
                    else None,
                    "reopened": reopened,
                    "second_satisfaction": pick(
                        {
                            "satisfied": 0.5,
                            "basically_satisfied": 0.3,
                            "dissatisfied": 0.15,
                            "declined": 0.05,
                        }
                    )
                    if reopened
                    else None,
                }
            )
    rows.sort(key=lambda r: r["received_at"])
    for row in rows:
        row["ticket_no"] = NO.next("RX", row["received_at"].year)
        if R.random() < 0.5:
            row["recording_ref"] = "LY-" + row["ticket_no"][3:]
    return rows


# ---- door-to-door visits

#: days between two visits of an officer: at most the policy's interval for residential
#: estates (kept to exactly), well inside it for commercial and office ones
GAPS = {
    "residential": (18, POLICY.value("visit_interval_days")["residential"]),
    "commercial": (30, 80),
    "office": (50, 150),
}
HOUSEHOLDS_PER_ROUND = {"residential": (2, 4), "commercial": (1, 3), "office": (1, 2)}
MATTERS = {
    "suggestion": "建议增加休闲座椅。",
    "repair": "反映{b}号楼单元门禁失灵。",
    "complaint": "反映夜间地库照明不足。",
    "enquiry": "询问物业费发票开具方式。",
    "praise": "表扬保洁员工作认真。",
}


def forward(start: dt.date, gap: tuple[int, int]) -> list[dt.date]:
    out, day = [], start
    while day <= LAST:
        out.append(day)
        day += dt.timedelta(days=R.randint(*gap))
    return out


def backward(end: dt.date, gap: tuple[int, int]) -> list[dt.date]:
    out, day = [], end
    while day >= FIRST:
        out.append(day)
        day -= dt.timedelta(days=R.randint(*gap))
    return out[::-1]


def unit(kind: str) -> str:
    if kind == "commercial":
        return f"S{R.randint(1, 3)}-{R.randint(101, 140)}"
    if kind == "office":
        return f"T1-{R.randint(3, 22):02d}{R.randint(1, 8):02d}"
    return flat()


def visit(
    day: dt.date, kind: str, role: str, visitor: str, complaints: list[dict[str, Any]]
) -> dict[str, Any]:
    nature = pick(
        {
            "none": 0.45,
            "suggestion": 0.18,
            "repair": 0.15,
            "complaint": 0.04,
            "enquiry": 0.12,
            "praise": 0.06,
        }
    )
    ref = None
    if nature == "complaint":
        ref = R.choice(complaints)["complaint_no"]
    elif nature == "repair":
        ref = f"PG-{day.year}-{R.randint(1, 200):04d}"
    due = (
        day + dt.timedelta(days=R.randint(3, 10))
        if nature not in ("none", "praise") and R.random() < 0.7
        else None
    )
    replied = (
        day + dt.timedelta(days=R.randint(1, (due - day).days))
        if due and R.random() < 0.9
        else None
    )
    festive = dt.date(2026, 2, 10) <= day <= dt.date(2026, 2, 24)
    return {
        "visit_date": day,
        "visit_type": "festival" if festive else ("targeted" if R.random() < 0.1 else "routine"),
        "property_type": kind,
        "unit_no": unit(kind),
        "interviewee": masked_name(),
        "visitor_role": role,
        "visitor": visitor,
        "matters": MATTERS[nature].format(b=R.randint(1, BLOCKS)) if nature in MATTERS else None,
        "nature": nature,
        "referred_ref": ref,
        "reply_due": due,
        "replied_on": replied,
        "reply_outcome": rating(0.6, 0.28, 0.06) if replied else None,
        "interviewee_signed": R.random() < 0.9,
    }


def make_visits(complaints: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for kind, names in OFFICER_NAMES.items():
        gap = GAPS[kind]
        for index, name in enumerate(names):
            if kind == "residential" and index == 1:
                # visits 2026-01-30 and 2026-03-01: never more than 31 days apart, yet no visit in February
                days = backward(dt.date(2026, 1, 30), gap) + forward(dt.date(2026, 3, 1), gap)
            else:
                days = forward(FIRST + dt.timedelta(days=R.randint(0, gap[0] - 1)), gap)
            for day in days:
                for _ in range(R.randint(*HOUSEHOLDS_PER_ROUND[kind])):
                    rows.append(visit(day, kind, "property_officer", name, complaints))
    rows.append(visit(dt.date(2026, 5, 12), "residential", "office_head", OFFICE_HEAD, complaints))
    rows.sort(key=lambda r: (r["visit_date"], r["visitor"]))
    for row in rows:
        row["visit_no"] = NO.next("ZF", row["visit_date"].year)
    return rows


# ---- residents' forums and building representatives' meetings

MEETINGS = {
    # type: (days between meetings, venue, invited, speaker patterns)
    "building_reps": ((56, 88), "物业服务中心会议室", (20, 20), ["{b}号楼楼长"]),
    "residents_forum": ((76, 91), "社区活动室", (30, 45), ["{b}号楼业主代表", "{b}号楼住户代表", "商铺业主代表"]),
}  # fmt: skip
AGENDA = {
    "building_reps": "通报本季度物业服务情况；听取各楼楼长意见",
    "residents_forum": "通报物业服务工作；征询住户对服务的意见和建议",
}
SEASON = {
    12: "冬季消防安全",
    1: "冬季消防安全",
    2: "春节期间安全管理",
    6: "汛期防汛准备",
    7: "汛期防汛准备",
}
# (issue, answer given at the meeting, action agreed)
ISSUES = [
    (
        "地库入口坡道照明不足，夜间行车不便",
        "工程部两周内增设照明灯具",
        "地库坡道增设照明（工程部）",
    ),
    ("单元门禁刷卡偶有失灵", "已安排门禁厂家检修", "全面检修单元门禁（工程部）"),
    (
        "楼道内仍有电动车充电",
        "秩序维护部加强巡查并张贴告示",
        "开展楼道电动车专项清查（秩序维护部）",
    ),
    ("雨天大堂地面湿滑", "保洁部雨天铺设防滑垫", "各楼大堂配备防滑垫（保洁部）"),
    ("中心花园灌木修剪不及时", "绿化部本月内完成修剪", "制定绿化修剪计划（绿化部）"),
    ("物业费收支公示不够清楚", "下季度起按项目公示收支", "按项目公示物业费收支（财务部）"),
    ("快递堆放在大堂影响通行", "与快递公司协商增设快递柜", "选址增设快递柜（客服中心）"),
    ("夜间装修噪声扰民", "重申装修时间规定，加强巡查", "装修巡查纳入夜间巡逻（秩序维护部）"),
    ("儿童游乐区地垫破损", "工程部一周内更换", "更换儿童游乐区地垫（工程部）"),
    ("外来车辆进入小区管理不严", "岗亭严格登记外来车辆", "完善外来车辆登记（秩序维护部）"),
]


def make_meetings() -> list[dict[str, Any]]:
    rows = []
    for kind, (gap, venue, (low, high), speakers) in MEETINGS.items():
        day = FIRST + dt.timedelta(days=R.randint(7, 30))
        while day <= LAST - dt.timedelta(days=7):
            chosen = R.sample(ISSUES, R.randint(2, 3))
            blocks = R.sample(range(1, BLOCKS + 1), len(chosen))
            raised = [
                R.choice(speakers).format(b=b) + "反映" + issue
                for b, (issue, _, _) in zip(blocks, chosen, strict=True)
            ]
            invited = R.randint(low, high)
            due = day + dt.timedelta(days=R.randint(14, 30))
            status = "open" if due > LAST else ("overdue" if R.random() < 0.1 else "done")
            agenda = AGENDA[kind] + (f"；{SEASON[day.month]}" if day.month in SEASON else "")
            rows.append(
                {
                    "meeting_type": kind,
                    "held_on": day,
                    "venue": venue,
                    "chair": R.choice([MANAGER, OFFICE_HEAD]),
                    "recorder": R.choice(CS),
                    "invited": invited,
                    "present": R.randint(invited * 2 // 3, invited),
                    "agenda": agenda + "。",
                    "issues_raised": "；".join(raised) + "。",
                    "answers": "；".join(answer for _, answer, _ in chosen) + "。",
                    "actions": "；".join(action for _, _, action in chosen) + "。",
                    "action_owner": R.choice(SUPERVISORS),
                    "action_due": due,
                    "action_status": status,
                    "posted_on": day + dt.timedelta(days=R.randint(1, 3))
                    if R.random() < 0.9
                    else None,
                    "speaker": raised[0].split("反映")[
                        0
                    ],  # not written: for the suggestion register
                }
            )
            day += dt.timedelta(days=R.randint(*gap))
    rows.sort(key=lambda r: (r["held_on"], r["meeting_type"]))
    for row in rows:
        row["meeting_no"] = NO.next("HY", row["held_on"].year)
    return rows


# ---- delivery callbacks (section 4: a cement company's customers)

SALES_CS = TEAM.people("客服代表", 2)
ENTERPRISE = TEAM.people("企管科", 1)[0]
SALES = TEAM.people("销售科", 2)
CUSTOMERS = ["城北混凝土搅拌站", "江岸建筑工程公司", "新区市政工程公司", "南郊管桩厂",
             "西城预制构件厂", "滨河建材经销部", "东湖路桥工程公司"]  # fmt: skip
PRODUCTS = {"bagged": ["P.C 32.5R", "P.O 42.5"], "bulk": ["P.O 42.5", "P.O 52.5", "P.S.A 32.5"]}


def weekday_in(year: int, month: int) -> dt.date:
    while True:
        day = day_in(year, month)
        if day.weekday() < 5:
            return day


def delivery_callback(day: dt.date, method: str) -> dict[str, Any]:
    lag = 1 if method == "phone" else R.randint(1, 5)
    delivered = day - dt.timedelta(days=lag)
    packaging = pick({"bagged": 0.45, "bulk": 0.55})
    product = R.choice(PRODUCTS[packaging])
    shipped = R.randint(200, 800) / 20 if packaging == "bagged" else R.randint(300, 600) / 10
    result = pick(
        {"match": 0.9, "quantity_differs": 0.07, "product_differs": 0.02, "both_differ": 0.01}
    )
    received, note = shipped, None
    if result in ("quantity_differs", "both_differ"):
        short = R.randint(4, 20) / 20 if packaging == "bagged" else R.randint(5, 20) / 10
        received = round(shipped - short, 2)
        note = f"收货人确认少 {round(short, 2)} 吨，需核对装车记录。"
    if result in ("product_differs", "both_differ"):
        other = R.choice([p for p in PRODUCTS[packaging] if p != product])
        note = (note or "") + f"回执品种为 {other}，与发货记录 {product} 不符。"
    report_day = day + dt.timedelta(days=R.choice([0, 0, 1]))
    return {
        "callback_on": day,
        "method": method,
        "delivery_date": delivered,
        "receipt_no": f"HZ-{delivered:%Y%m%d}-{R.randint(1, 40):02d}",
        "customer": R.choice(CUSTOMERS),
        "consignee": masked_name(),
        "phone": phone(),
        "packaging": packaging,
        "product": product,
        "qty_shipped": shipped,
        "qty_received": received,
        "check_result": result,
        "discrepancy_note": note,
        "reported_to_gm_at": at(day, 9, 17) if note else None,
        "callback_by": R.choice(SALES_CS)
        if method == "phone"
        else f"{ENTERPRISE}、{R.choice(SALES)}",
        "report_submitted_on": report_day if report_day <= LAST else day,
    }


def make_deliveries() -> list[dict[str, Any]]:
    rows = []
    for year, month in months():
        for method, (low, high) in (("phone", (4, 7)), ("visit", (1, 2))):
            rows += [
                delivery_callback(weekday_in(year, month), method)
                for _ in range(R.randint(low, high))
            ]
    rows.sort(key=lambda r: (r["callback_on"], r["method"]))
    for row in rows:
        row["callback_no"] = NO.next("SH", row["callback_on"].year)
    return rows


# ---- post-works follow-ups: 1, 3, 6 and 12 months after acceptance, then yearly

WORKS_LEAD = TEAM.people("工程主管", 1)[0]
ROUND_MONTHS = [1, 3, 6, 12]  # policy works_followup_months; round 5 on: every 12 months
# (accepted in year-month, title, location, contractor, warranty years)
WORKS = [
    ((2023, 9), "消防喷淋管网改造", "地下车库", "安达消防工程公司", 2),
    ((2024, 12), "{b}号楼屋面防水翻新", "{b}号楼屋面", "城建防水工程公司", 5),
    ((2025, 3), "小区监控系统升级", "全小区公共区域", "明安智能科技公司", 2),
    ((2025, 6), "{b}号楼外墙涂料翻新", "{b}号楼外立面", "华城建筑装饰公司", 2),
    ((2025, 9), "二次供水水箱更换", "水泵房", "清源给排水工程公司", 2),
    ((2025, 10), "{b}号楼电梯更新改造", "{b}号楼{e}单元", "恒通电梯工程公司", 2),
    ((2026, 1), "地下车库地坪翻新", "地下车库", "坚固地坪工程公司", 2),
    ((2026, 4), "中心花园景观改造", "中心花园", "绿景园林工程公司", 1),
    ((2026, 7), "雨污分流管网改造", "小区主干道", "清源给排水工程公司", 2),
    ((2026, 9), "{b}号楼单元门禁更换", "{b}号楼", "明安智能科技公司", 2),
]
FINDINGS = {
    "no_problem": ["工程质量良好，使用功能正常，未发现安全隐患。", "设施运行正常，维护保养记录齐全。"],
    "problems": ["局部收口处有细微裂缝，需修补。", "个别设备运行有异响，需调试。", "部分标识脱落，需补装。"],
    "major_problem": ["发现影响正常使用的质量问题，已拍照并上报公司。"],
}  # fmt: skip
WORKS_COMMENTS = ["希望整改前提前通知。", "施工后现场清理及时，表示认可。", "希望加强日常维护。"]


def add_months(day: dt.date, count: int) -> dt.date:
    year, month = divmod(day.month - 1 + count, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def round_months(number: int) -> int:
    return ROUND_MONTHS[number - 1] if number <= len(ROUND_MONTHS) else 12 * (number - 3)


def make_works() -> list[dict[str, Any]]:
    rows = []
    for (year, month), title, location, contractor, years in WORKS:
        accepted = day_in(year, month)
        b, e = R.randint(1, BLOCKS), R.randint(1, ENTRANCES)
        works_no = NO.next("GC", year)
        number = 1
        while (due := add_months(accepted, round_months(number))) <= LAST:
            # a few days either side of the due date; a round due in the period is done in it
            early = -3 if due < FIRST else max(-3, (FIRST - due).days)
            late = 6 if due > LAST else min(6, (LAST - due).days)
            done = due + dt.timedelta(days=R.randint(early, late))
            number += 1
            if not FIRST <= done <= LAST:
                continue
            conclusion = pick({"no_problem": 0.7, "problems": 0.25, "major_problem": 0.05})
            method = "site_visit" if conclusion != "no_problem" else pick(
                {"site_visit": 0.7, "phone": 0.2, "online": 0.1}
            )  # fmt: skip
            found = conclusion != "no_problem"
            rectify_by = done + dt.timedelta(days=R.randint(7, 21)) if found else None
            reinspected = rectify_by - dt.timedelta(days=R.randint(0, 3)) if rectify_by else None
            if reinspected and reinspected > LAST:
                reinspected = None
            informed = reinspected + dt.timedelta(days=R.randint(0, 2)) if reinspected else None
            rows.append(
                {
                    "works_no": works_no,
                    "works_title": title.format(b=b),
                    "location": location.format(b=b, e=e),
                    "contractor": contractor,
                    "accepted_on": accepted,
                    "warranty_until": add_months(accepted, 12 * years) - dt.timedelta(days=1),
                    "round": number - 1,
                    "followup_on": done,
                    "method": method,
                    "participants": "工程部、质量监督员、客服中心、楼长代表"
                    if method == "site_visit"
                    else "工程部、客服中心",
                    "findings": R.choice(FINDINGS[conclusion]),
                    "conclusion": conclusion,
                    "defects_count": R.randint(1, 4) if found else 0,
                    "photos_taken": True if found else None,
                    "owner_feedback": rating(0.6, 0.28, 0.06),
                    "owner_comments": R.choice(WORKS_COMMENTS) if R.random() < 0.3 else None,
                    "rectification": f"由{contractor}在保修期内整改，工程部跟进。"
                    if found
                    else None,
                    "rectify_by": rectify_by,
                    "reinspected_on": reinspected,
                    "reinspection": "pass" if reinspected else None,
                    "customer_informed_on": informed if informed and informed <= LAST else None,
                    "recorded_by": R.choice([WORKS_LEAD, DEPT_STAFF["engineering"]]),
                }
            )
    rows.sort(key=lambda r: (r["followup_on"], r["works_no"]))
    return rows


# ---- the reception log: matters raised at the management office

CHANNELS = {"visit": "visit", "phone": "phone", "letter": "letter", "suggestion_box": "mailbox"}
DEPT_ZH = {"customer_service": "客服中心", "engineering": "工程部", "security": "秩序维护部",
           "cleaning": "保洁部", "landscaping": "绿化部", "finance": "财务部"}  # fmt: skip
# type: [(matter, findings, outcome, department)]
MATTERS_RAISED = {
    "suggestion": [
        ("建议在中心花园增设休闲座椅，方便老人休息。", "中心花园现有座椅较少，建议可行。", "已转合理化建议登记，主任研究后答复。", "customer_service"),
        ("建议增设电动自行车集中充电棚，杜绝楼道充电。", "楼道充电确有安全隐患，建议可行。", "已转合理化建议登记，主任研究后答复。", "customer_service"),
        ("建议公告栏分区张贴，停水停电通知放在醒目位置。", "公告栏通知与宣传混贴属实。", "已转合理化建议登记，主任研究后答复。", "customer_service"),
        ("建议垃圾分类投放点增设洗手池。", "投放点附近无洗手设施属实。", "已转合理化建议登记，主任研究后答复。", "customer_service"),
        ("建议取消外来车辆临时停车收费。", "临时停车收费按备案标准执行。", "已转合理化建议登记，主任研究后答复。", "customer_service"),
    ],
    "enquiry": [
        ("咨询装修申报需要哪些材料。", "属一般咨询。", "已告知装修申报所需材料和办理流程。", "customer_service"),
        ("咨询车位租赁续费办法。", "属一般咨询。", "已告知续费时间和缴费方式。", "finance"),
        ("咨询门禁卡补办手续。", "属一般咨询。", "已告知补办手续，当场办理。", "customer_service"),
    ],
    "repair_request": [
        ("反映{b}号楼{e}单元楼道灯不亮。", "现场核实楼道灯损坏属实。", "已更换灯具，恢复照明。", "engineering"),
        ("反映家中卫生间下水不畅。", "上门查看为户内下水管堵塞。", "已安排维修工疏通。", "engineering"),
        ("反映{b}号楼单元门闭门器漏油。", "现场核实属实。", "已更换闭门器。", "engineering"),
    ],
    "other": [
        ("在小区内拾到钥匙一串，交前台招领。", "已登记招领。", "失主已认领。", "customer_service"),
        ("询问社区活动报名时间。", "属一般咨询。", "已告知报名时间和地点。", "customer_service"),
        ("反映{b}号楼附近有流浪猫聚集。", "现场核实属实。", "已联系动物救助组织处理。", "security"),
    ],
}  # fmt: skip


FOUND_INVALID = {
    "repair_request": "经核实属报修事项，建议转工程部维修。",
    "enquiry": "经核实属咨询事项，建议向住户解释收费依据。",
    "outside_remit": "经核实不属物业服务范围，建议向住户解释并协助联系有关方面。",
    "unverifiable": "经现场查看未能核实，建议向住户说明并加强巡查。",
}


def reception_of_complaint(c: dict[str, Any]) -> dict[str, Any]:
    dept = c["responsible_dept"]
    found = {
        "yes": f"经核实情况属实，建议由{DEPT_ZH[dept]}处理。",
        "pending": "当天已到现场查看，需进一步核实。",
    }.get(c["substantiated"]) or FOUND_INVALID[c["invalid_reason"]]
    closed = c["closed_at"]
    return {
        "received_at": c["received_at"],
        "channel": CHANNELS[c["channel"]],
        "matter_type": "complaint",
        "visitor_name": c["complainant_name"],
        "unit_no": c["unit_no"],
        "phone": c["phone"],
        "matter": c["summary"],
        "received_by": c["received_by"],
        "complaint_no": c["complaint_no"],
        "investigated_at": c["received_at"] + dt.timedelta(minutes=R.randint(20, 180)),
        "findings": found,
        "decision": f"同意，由{DEPT_ZH[dept]}按时限处理，客服中心回复住户。",
        "responsible_dept": dept,
        "outcome": c["resolution"] if closed and closed.date() <= LAST else None,
        "replied_on": closed.date() if closed and closed.date() <= LAST else None,
    }


def reception(year: int, month: int) -> dict[str, Any]:
    kind = pick({"suggestion": 0.25, "enquiry": 0.3, "repair_request": 0.3, "other": 0.15})
    channel = pick({"visit": 0.55, "phone": 0.3, "letter": 0.05, "mailbox": 0.1})
    received = at(day_in(year, month), 9, 10) if channel == "mailbox" else at(day_in(year, month))
    matter, found, outcome, dept = R.choice(MATTERS_RAISED[kind])
    anonymous = channel == "mailbox" and R.random() < 0.5
    replied = received.date() + dt.timedelta(days=R.choice([0, 0, 1, 2, 3]))
    done = replied <= LAST and not (kind == "suggestion" and anonymous)
    return {
        "received_at": received,
        "channel": channel,
        "matter_type": kind,
        "visitor_name": None if anonymous else masked_name(),
        "unit_no": None if anonymous else flat(),
        "phone": None if anonymous or channel == "letter" else phone(),
        "matter": matter.format(b=R.randint(1, BLOCKS), e=R.randint(1, ENTRANCES)),
        "received_by": R.choice(CS),
        "investigated_at": received + dt.timedelta(minutes=R.randint(20, 180)),
        "findings": found,
        "decision": f"由{DEPT_ZH[dept]}办理。",
        "responsible_dept": dept,
        "outcome": outcome if done else None,
        "replied_on": replied if done else None,
        "remarks": "住户要求电话告知结果。" if R.random() < 0.05 else None,
    }


def make_reception(complaints: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = [reception_of_complaint(c) for c in complaints if c["channel"] in CHANNELS]
    for year, month in months():
        rows += [reception(year, month) for _ in range(R.randint(6, 10))]
    rows.sort(key=lambda r: r["received_at"])
    for row in rows:
        row["log_no"] = NO.next("JD", row["received_at"].year)
    return rows


# ---- reasonable suggestions, from every source the handbook names

MEASURES: dict[str, str | None] = {
    "建议在中心花园增设休闲座椅，方便老人休息。": "中心花园增设休闲座椅六张。",
    "建议增设电动自行车集中充电棚，杜绝楼道充电。": "在小区北侧建设电动自行车充电棚。",
    "建议公告栏分区张贴，停水停电通知放在醒目位置。": "公告栏划分通知区和宣传区，通知置顶张贴。",
    "建议垃圾分类投放点增设洗手池。": "在三处投放点增设洗手池。",
    "建议取消外来车辆临时停车收费。": None,
    "建议增加夜间巡逻。": "夜间巡逻由两次增加为三次。",
    "建议地库增加照明。": "地库车道照明全部更换为感应灯并加密布置。",
    "建议公告栏及时更新。": "客服中心每周一检查更新公告栏。",
    "建议增设快递柜。": "与快递公司协商，在两处出入口增设快递柜。",
    "建议增加休闲座椅。": "中心花园增设休闲座椅六张。",
    "希望加强地库保洁。": "地库保洁由每日一次增加为两次。",
    "建议增加绿化养护频次。": "草坪修剪由每月一次增加为两次。",
    "维修预约时间希望更灵活。": "维修预约增加周末时段。",
    "公共区域照明可再改善。": "排查公共区域照明，损坏灯具一周内更换。",
}
MEETING_SUGGESTIONS = [
    "建议在地库入口增设减速带和转角反光镜。",
    "建议在儿童游乐区周边增设防护围栏。",
    "建议在小区内开设24小时便利店。",
]
MEASURES |= {
    MEETING_SUGGESTIONS[0]: "地库入口增设减速带两处、转角反光镜一面。",
    MEETING_SUGGESTIONS[1]: "儿童游乐区增设防护围栏。",
    MEETING_SUGGESTIONS[2]: None,
}


def suggestion(
    day: dt.date,
    source: str,
    proposer: str | None,
    unit: str | None,
    content: str,
    by: str,
    said_by: str = "",
) -> dict[str, Any]:
    reported = day + dt.timedelta(days=R.randint(0, 2))
    if reported > LAST:
        reported = None
    measures = MEASURES[content]
    if reported is None:
        decision = None
    elif reported > LAST - dt.timedelta(days=14) and R.random() < 0.6:
        decision = "pending"
    elif measures is None:
        decision = "not_adopted"
    else:
        decision = pick({"adopted": 0.55, "rectification_plan": 0.3, "not_adopted": 0.15})
    acted = decision in ("adopted", "rectification_plan")
    posted = reported + dt.timedelta(days=R.randint(3, 10)) if acted else None
    replied = (
        reported + dt.timedelta(days=R.randint(1, 7)) if decision not in (None, "pending") else None
    )
    commended = decision == "adopted" and proposer is not None and R.random() < 0.5
    decided = decision not in (None, "pending")
    return {
        "received_on": day,
        "source": source,
        "proposer": proposer,
        "unit_no": unit,
        "content": f"{said_by}在会上提出：{content}" if said_by else content,
        "recorded_by": by,
        "reported_on": reported,
        "decision": decision,
        "measures": measures if acted else None,
        "posted_on": posted if posted and posted <= LAST else None,
        "replied_on": replied if replied and replied <= LAST else None,
        "publish_consent": R.random() < 0.6 if proposer and decided else None,
        "commended": commended if decided else None,
        "model_household_priority": (R.random() < 0.6) if commended else None,
    }


def make_suggestions(
    reception_rows: list[dict[str, Any]],
    records: list[dict[str, Any]],
    visits: list[dict[str, Any]],
    meetings: list[dict[str, Any]],
    surveys: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    rows = []
    for r in reception_rows:
        if r["matter_type"] == "suggestion":
            source = {"visit": "visit", "mailbox": "mailbox"}.get(r["channel"], "other")
            rows.append(
                suggestion(
                    r["received_at"].date(),
                    source,
                    r["visitor_name"],
                    r["unit_no"],
                    r["matter"],
                    r["received_by"],
                )  # fmt: skip
            )
    for r in records:
        if r["suggestions"] and R.random() < 0.3:
            rows.append(
                suggestion(
                    r["followup_date"],
                    "followup",
                    r["interviewee"],
                    r["unit_no"],
                    r["suggestions"],
                    r["visitor"],
                )  # fmt: skip
            )
    for r in visits:
        if r["nature"] == "suggestion" and R.random() < 0.2:
            rows.append(
                suggestion(
                    r["visit_date"],
                    "followup",
                    r["interviewee"],
                    r["unit_no"],
                    r["matters"],
                    r["visitor"],
                )  # fmt: skip
            )
    for m in meetings:
        if R.random() < 0.6:
            rows.append(
                suggestion(
                    m["held_on"],
                    "meeting",
                    None,
                    None,
                    R.choice(MEETING_SUGGESTIONS),
                    m["recorder"],
                    m["speaker"],
                )  # fmt: skip
            )
    for label in dict.fromkeys(s["survey_round"] for s in surveys):
        commented = [s for s in surveys if s["survey_round"] == label and s["comments"]]
        for s in R.sample(commented, min(3, len(commented))):
            rows.append(
                suggestion(s["returned_on"], "survey", None, s["unit_no"], s["comments"], CS_HEAD)
            )
    rows.sort(key=lambda r: r["received_on"])
    for row in rows:
        row["suggestion_no"] = NO.next("JY", row["received_on"].year)
    return rows


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DATA
    forms = load_forms(ROOT / "forms")
    out.mkdir(parents=True, exist_ok=True)
    write_property(out)
    complaints, notices = make_complaints()
    repairs, rectifications = make_repairs()
    surveys, summaries = make_surveys()
    records = make_records(complaints, repairs)
    hotline = make_hotline()
    visits = make_visits(complaints)
    # the five registers below draw from the generator after the nine above, so adding
    # them changed no value in those nine
    meetings = make_meetings()
    deliveries = make_deliveries()
    works = make_works()
    reception_rows = make_reception(complaints)
    suggestions = make_suggestions(reception_rows, records, visits, meetings, surveys)
    registers = {
        "complaint_register": complaints,
        "complaint_notice": notices,
        "repair_followup": repairs,
        "rectification_notice": rectifications,
        "followup_record": records,
        "opinion_survey": surveys,
        "survey_summary": summaries,
        "hotline_callback": hotline,
        "visit_record": visits,
        "meeting_record": meetings,
        "delivery_callback": deliveries,
        "works_followup": works,
        "reception_log": reception_rows,
        "suggestion_register": suggestions,
    }
    for form_id, rows in registers.items():
        shutil.rmtree(out / form_id, ignore_errors=True)  # only the folders written here
        write(out, forms[form_id], rows)
        print(f"{out / form_id / FILE}: {len(rows)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
