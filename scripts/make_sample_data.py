"""Write the synthetic sample registers in data/: twelve months of a fictitious estate.

Deterministic (seeded): running it again gives the same files byte for byte.
Everyone in it is made up and already masked (李**, 139****5821); the flats and
phone numbers are random. Every register is valid under ``handbook validate``.

    .venv/bin/python scripts/make_sample_data.py          # rewrites data/
    .venv/bin/python scripts/make_sample_data.py /tmp/x   # or writes elsewhere
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from handbook.loader import load_forms
from handbook.model import Form

ROOT = Path(__file__).resolve().parents[1]
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
WINDOW = {"safety_facility": 2, "leak": 3, "other": 7}


def make_repairs() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    days = [day_in(y, m) for y, m in months() for _ in range(R.randint(15, 24))]
    days = sorted(days[: len(days) // 10 * 10])  # a multiple of ten: the 10/30/60 split is exact
    n = len(days)
    roles = ["manager"] * (n // 10) + ["supervisor"] * (3 * n // 10)
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

GAPS = {"residential": (18, 31), "commercial": (30, 80), "office": (50, 150)}
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


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DATA
    forms = load_forms(ROOT / "forms")
    out.mkdir(parents=True, exist_ok=True)
    write_property(out)
    complaints, notices = make_complaints()
    repairs, rectifications = make_repairs()
    surveys, summaries = make_surveys()
    registers = {
        "complaint_register": complaints,
        "complaint_notice": notices,
        "repair_followup": repairs,
        "rectification_notice": rectifications,
        "followup_record": make_records(complaints, repairs),
        "opinion_survey": surveys,
        "survey_summary": summaries,
        "hotline_callback": make_hotline(),
        "visit_record": make_visits(complaints),
    }
    for form_id, rows in registers.items():
        shutil.rmtree(out / form_id, ignore_errors=True)  # only the folders written here
        write(out, forms[form_id], rows)
        print(f"{out / form_id / FILE}: {len(rows)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
