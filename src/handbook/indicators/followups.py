"""Follow-ups (sections 1, 10, 13, 15, 16, 17): rates, role quotas, timeliness, resolution, ratings.

A repair is due for follow-up in the period it was completed, a complaint in
the period it was closed. Deadlines are counted as the validator's ``within`` rule
counts them (days, working days or hours, the start event's day being day 0), and
each item is judged, and its target set, by the value in force on its start date.
"""

from __future__ import annotations

from handbook.indicators.core import (
    Context,
    Group,
    Indicator,
    Row,
    in_period,
    ratings,
)
from handbook.messages import sections
from handbook.model.form import Text

SECTION = "followups"
REPAIRS = "repair_followup"
COMPLAINTS = "complaint_register"

GROUP_TEXT = {
    key: Text(zh, sections("indicator-groups")["en"][key])
    for key, zh in sections("indicator-groups")["zh"].items()
}


def followup_rate(ctx: Context, repairs: list[Row], complaints: list[Row]) -> Indicator:
    """Follow-ups done ÷ items due: completed repairs and closed complaints.

    Targets: complaints ``complaint_followup_share``; repairs the sum of the role
    quotas (each repair is followed up once, by one role). The overall target is
    the two weighted by the items due.
    """
    done_r = in_period(repairs, "completed_on", ctx.period)
    done_c = in_period(complaints, "closed_at", ctx.period)
    followed_r = sum(r.get("followup_on") is not None for r in done_r)
    followed_c = sum(r.get("followup_at") is not None for r in done_c)
    # each item is due under the rule in force on its completion or closure date
    target_r = ctx.settings.mean(
        "repair_followup_role_shares", (r["completed_on"] for r in done_r), _role_total
    )
    target_c = ctx.settings.mean("complaint_followup_share", (r["closed_at"] for r in done_c))
    if target_r is None:
        target_r = _role_total(ctx.settings["repair_followup_role_shares"])
    if target_c is None:
        target_c = float(ctx.settings["complaint_followup_share"])
    due = len(done_r) + len(done_c)
    target = (target_r * len(done_r) + target_c * len(done_c)) / due if due else None
    groups = (
        Group("complaint", GROUP_TEXT["complaint"], ctx.figure(followed_c, len(done_c), target_c)),
        Group("repair", GROUP_TEXT["repair"], ctx.figure(followed_r, len(done_r), target_r)),
    )
    return Indicator(
        "followup_rate",
        SECTION,
        ctx.settings.article("complaint_followup_share"),
        ctx.figure(followed_r + followed_c, due, target),
        groups=groups,
    )


def repair_role_quota(ctx: Context, repairs: list[Row]) -> Indicator:
    """Per role: repairs followed up by that role ÷ all completed repairs, against its quota."""
    done = in_period(repairs, "completed_on", ctx.period)
    key = "repair_followup_role_shares"
    shares = ctx.settings[key]
    days = [r["completed_on"] for r in done]
    groups = []
    for role, share in shares.items():
        count = sum(r.get("visitor_role") == role for r in done)
        # the quota in force on each repair's completion date, averaged over the repairs
        target = ctx.settings.mean(key, days, lambda v, role=role: float(v.get(role, 0)))
        groups.append(
            Group(
                role,
                ctx.labels.enum(REPAIRS, "visitor_role", role),
                ctx.figure(count, len(done), float(share) if target is None else target),
            )
        )
    by_any = sum(r.get("visitor_role") in shares for r in done)
    overall = ctx.settings.mean(key, days, _role_total)
    return Indicator(
        "repair_role_quota",
        SECTION,
        ctx.settings.article(key),
        ctx.figure(by_any, len(done), _role_total(shares) if overall is None else overall),
        groups=tuple(groups),
    )


def _role_total(shares: dict) -> float:
    """The role quotas added up: the share of repairs followed up at all (at most 100 %)."""
    return min(1.0, float(sum(shares.values())))


def repair_followup_on_time(ctx: Context, repairs: list[Row]) -> Indicator:
    """Follow-ups within the repair class's window ÷ follow-ups done; every one is due in time (100 %)."""
    done = [
        r
        for r in in_period(repairs, "completed_on", ctx.period)
        if r.get("followup_on") is not None
    ]
    windows = ctx.settings["repair_followup_days"]
    groups = []
    total_in_time = total = 0
    for repair_class in windows:
        rows = [r for r in done if r.get("repair_class") == repair_class]
        in_time = sum(
            bool(
                ctx.settings.within(
                    "repair_followup_days", r["completed_on"], r["followup_on"], repair_class
                )
            )
            for r in rows
        )
        total_in_time += in_time
        total += len(rows)
        groups.append(
            Group(
                repair_class,
                ctx.labels.enum(REPAIRS, "repair_class", repair_class),
                ctx.figure(in_time, len(rows), 1.0),
            )
        )
    return Indicator(
        "repair_followup_on_time",
        SECTION,
        ctx.settings.article("repair_followup_days"),
        ctx.figure(total_in_time, total, 1.0),
        groups=tuple(groups),
    )


def complaint_followup_on_time(ctx: Context, complaints: list[Row]) -> Indicator:
    """Complaint follow-ups within ``complaint_followup_days`` of closure ÷ complaint follow-ups done."""
    done = [
        r
        for r in in_period(complaints, "closed_at", ctx.period)
        if r.get("followup_at") is not None
    ]
    in_time = sum(
        bool(ctx.settings.within("complaint_followup_days", r["closed_at"], r["followup_at"]))
        for r in done
    )
    return Indicator(
        "complaint_followup_on_time",
        SECTION,
        ctx.settings.article("complaint_followup_days"),
        ctx.figure(in_time, len(done), 1.0),
    )


def followup_resolution_rate(
    ctx: Context, notices: list[Row], records: list[Row], visits: list[Row]
) -> Indicator:
    """Problems found at follow-ups that were resolved ÷ problems found (回访处理率).

    Problems are: rectification notices issued (resolved once rectified and not
    failed at re-check), follow-up records and visits with a promised reply
    (resolved once replied).
    """
    key = "followup_resolution_target"
    found_n = in_period(notices, "issued_at", ctx.period)
    ok_n = sum(
        r.get("rectified_on") is not None and r.get("verification") != "fail" for r in found_n
    )
    found_f = [r for r in in_period(records, "followup_date", ctx.period) if r.get("reply_due")]
    ok_f = sum(r.get("replied_on") is not None for r in found_f)
    found_v = [r for r in in_period(visits, "visit_date", ctx.period) if r.get("reply_due")]
    ok_v = sum(r.get("replied_on") is not None for r in found_v)
    parts = (
        ("repair_defects", ok_n, len(found_n)),
        ("followup_feedback", ok_f, len(found_f)),
        ("visit_matters", ok_v, len(found_v)),
    )
    # each problem's target is the one in force on the day it was found
    days = {
        "repair_defects": [r["issued_at"] for r in found_n],
        "followup_feedback": [r["followup_date"] for r in found_f],
        "visit_matters": [r["visit_date"] for r in found_v],
    }
    fallback = float(ctx.settings[key])
    groups = tuple(
        Group(k, GROUP_TEXT[k], ctx.figure(ok, n, ctx.settings.mean(key, days[k]) or fallback))
        for k, ok, n in parts
    )
    every = [day for found in days.values() for day in found]
    target = ctx.settings.mean(key, every)
    return Indicator(
        "followup_resolution_rate",
        SECTION,
        ctx.settings.article(key),
        ctx.figure(
            ok_n + ok_f + ok_v,
            len(found_n) + len(found_f) + len(found_v),
            fallback if target is None else target,
        ),
        groups=groups,
    )


def repair_satisfaction(ctx: Context, repairs: list[Row]) -> Indicator:
    """Satisfied ratings ÷ valid ratings at repair follow-ups in the period, by repair class."""
    rows = in_period(repairs, "followup_on", ctx.period)
    satisfied = ctx.settings.satisfied
    groups = []
    for repair_class in ctx.settings["repair_followup_days"]:
        good, valid = ratings(
            (r.get("satisfaction") for r in rows if r.get("repair_class") == repair_class),
            satisfied,
        )
        groups.append(
            Group(
                repair_class,
                ctx.labels.enum(REPAIRS, "repair_class", repair_class),
                ctx.figure(good, valid),
            )
        )
    return Indicator(
        "repair_satisfaction",
        SECTION,
        ctx.labels.clause(REPAIRS, "conduct"),
        ctx.figure(*ratings((r.get("satisfaction") for r in rows), satisfied)),
        groups=tuple(groups),
    )


def followup_satisfaction(ctx: Context, records: list[Row]) -> Indicator:
    """Satisfied ratings ÷ valid ratings in the follow-up record, by type of follow-up."""
    rows = in_period(records, "followup_date", ctx.period)
    satisfied = ctx.settings.satisfied
    kinds = ctx.labels.order("followup_record", "source_type", (r.get("source_type") for r in rows))
    groups = []
    for kind in kinds:
        good, valid = ratings(
            (r.get("satisfaction") for r in rows if r.get("source_type") == kind), satisfied
        )
        groups.append(
            Group(
                kind,
                ctx.labels.enum("followup_record", "source_type", kind),
                ctx.figure(good, valid),
            )
        )
    return Indicator(
        "followup_satisfaction",
        SECTION,
        ctx.labels.clause("followup_record", "satisfaction"),
        ctx.figure(*ratings((r.get("satisfaction") for r in rows), satisfied)),
        groups=tuple(groups),
    )
