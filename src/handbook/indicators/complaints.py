"""Complaints (sections 12, 13, 15, 17): rate per household, substantiated share, on-time closure.

Complaints belong to the period in which they were received; the on-time rate
takes the substantiated complaints *due* in the period (DOMAIN.md §3).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from handbook.indicators.core import BELOW, Context, Group, Indicator, Row, in_period, ratings

SECTION = "complaints"
REGISTER = "complaint_register"


def _substantiated(row: Row) -> bool:
    return row.get("substantiated") == "yes"


def _categories(ctx: Context, rows: list[Row]) -> list[str]:
    return ctx.labels.order(REGISTER, "category", (r.get("category") for r in rows))


def complaint_rate_per_household(ctx: Context, complaints: list[Row]) -> Indicator:
    """Substantiated complaints ÷ households (property.yaml); the < 1 % target when the policy means this."""
    rows = [r for r in in_period(complaints, "received_at", ctx.period) if _substantiated(r)]
    households = ctx.estate.households or 0
    per_household = ctx.settings["complaint_rate_meaning"] == "per_household"
    target = float(ctx.settings["complaint_rate_max"]) if per_household else None
    counts = Counter(str(r.get("category")) for r in rows if r.get("category"))
    groups = tuple(
        Group(
            category,
            ctx.labels.enum(REGISTER, "category", category),
            # a count by category is a small cell when it is 1 or 2 complaints
            ctx.figure(counts[category], households, size=counts[category]),
        )
        for category in _categories(ctx, rows)
    )
    return Indicator(
        "complaint_rate_per_household",
        SECTION,
        ctx.settings.article("complaint_rate_max"),
        ctx.figure(len(rows), households, target, BELOW, size=households),
        groups=groups,
        shared_denominator=True,
    )


def substantiated_share(ctx: Context, complaints: list[Row]) -> Indicator:
    """Substantiated complaints ÷ all complaints received; the target when the policy means this."""
    rows = in_period(complaints, "received_at", ctx.period)
    as_share = ctx.settings["complaint_rate_meaning"] == "share_of_complaints"
    target = float(ctx.settings["complaint_rate_max"]) if as_share else None
    received: dict[str, int] = defaultdict(int)
    valid: dict[str, int] = defaultdict(int)
    for r in rows:
        category = str(r.get("category"))
        received[category] += 1
        valid[category] += _substantiated(r)
    groups = tuple(
        Group(
            category,
            ctx.labels.enum(REGISTER, "category", category),
            ctx.figure(valid[category], received[category]),
        )
        for category in _categories(ctx, rows)
    )
    return Indicator(
        "substantiated_share",
        SECTION,
        ctx.settings.article("complaint_rate_meaning"),
        ctx.figure(sum(map(_substantiated, rows)), len(rows), target, BELOW),
        groups=groups,
    )


def complaint_on_time_rate(ctx: Context, complaints: list[Row]) -> Indicator:
    """Substantiated complaints closed by their due time ÷ those due in the period.

    A complaint still open after its due time counts as late; one still open and
    not yet due (at ``as_of``) is left out. The deadline binds every complaint, so the target is 100 %.
    """
    on_time: dict[str, int] = defaultdict(int)
    decided: dict[str, int] = defaultdict(int)
    for r in in_period(complaints, "due_at", ctx.period):
        if not _substantiated(r):
            continue
        due, closed = r["due_at"], r.get("closed_at")
        if closed is None and due >= ctx.as_of:
            continue
        severity = str(r.get("severity"))
        decided[severity] += 1
        on_time[severity] += closed is not None and closed <= due
    groups = tuple(
        Group(s, ctx.labels.enum(REGISTER, "severity", s), ctx.figure(on_time[s], decided[s], 1.0))
        for s in ("general", "major", "urgent")
        if decided[s]
    )
    return Indicator(
        "complaint_on_time_rate",
        SECTION,
        ctx.labels.clause(REGISTER, "due_at"),
        ctx.figure(sum(on_time.values()), sum(decided.values()), 1.0),
        groups=groups,
    )


def complaint_followup_satisfaction(ctx: Context, complaints: list[Row]) -> Indicator:
    """Satisfied follow-up ratings ÷ valid ratings (no answer and unreachable left out), by category."""
    rows = in_period(complaints, "followup_at", ctx.period)
    satisfied = ctx.settings.satisfied
    groups = []
    for category in _categories(ctx, rows):
        good, valid = ratings(
            (r.get("followup_rating") for r in rows if r.get("category") == category), satisfied
        )
        groups.append(
            Group(
                category,
                ctx.labels.enum(REGISTER, "category", category),
                ctx.figure(good, valid),
            )
        )
    good, valid = ratings((r.get("followup_rating") for r in rows), satisfied)
    return Indicator(
        "complaint_followup_satisfaction",
        SECTION,
        ctx.labels.clause(REGISTER, "followup_rating"),
        ctx.figure(good, valid),
        groups=tuple(groups),
    )
