"""Door-to-door visits (section 8): visits per property officer against the frequency per property type.

Only property officers' visits count (the head of office's yearly home visits
are a different rule). The interval in days becomes whole months (31 → monthly,
92 → quarterly, 183 → half-yearly) and the period is cut into windows of that
many months from its first month; only whole windows count, so a month owes no
half-yearly visit. An officer keeps the frequency with a visit in every window.
Officers of a property type are everyone who visited it anywhere in the
registers read (so an officer who skipped the period still counts), or the
number in property.yaml if larger.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from handbook.indicators.core import COUNT, Context, Group, Indicator, Row, as_date

SECTION = "visits"
REGISTER = "visit_record"
DAYS_PER_MONTH = 30.44


def interval_months(interval_days: int) -> int:
    """The visit interval in whole months (at least one)."""
    return max(1, round(interval_days / DAYS_PER_MONTH))


def required_visits(months: int, interval_days: int) -> int:
    """Visits (whole windows) one officer owes in ``months`` months at one per ``interval_days``."""
    return months // interval_months(interval_days)


def _month_index(ctx: Context, day: dt.date) -> int:
    start = ctx.period.start
    return (day.year - start.year) * 12 + day.month - start.month


def _visits(ctx: Context, visits: list[Row]) -> dict[str, dict[str, list[int]]]:
    """Property type → officer → month index of each visit in the period (names stay in here)."""
    found: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in visits:
        if r.get("visitor_role") != "property_officer" or not r.get("visitor"):
            continue
        months = found[str(r.get("property_type"))][str(r["visitor"])]  # on the roster
        if r.get("visit_date") in ctx.period:
            months.append(_month_index(ctx, as_date(r["visit_date"])))
    return found


def keeps_frequency(months: list[int], windows: int, width: int) -> bool:
    """A visit in each of ``windows`` consecutive windows of ``width`` months."""
    seen = {m // width for m in months}
    return all(w in seen for w in range(windows))


def _officers(ctx: Context, property_type: str, seen: int) -> int:
    return max(seen, int(ctx.estate.property_officers.get(property_type, 0)))


def visits_per_officer(ctx: Context, visits: list[Row]) -> Indicator:
    """Visits ÷ officers, per property type against the visits required in the period."""
    counts = _visits(ctx, visits)
    groups = []
    total = 0
    visitors: set[str] = set()
    for property_type, interval in ctx.settings["visit_interval_days"].items():
        by_visitor = counts.get(property_type, {})
        officers = _officers(ctx, property_type, len(by_visitor))
        required = required_visits(ctx.period.month_count, int(interval))
        done = sum(len(v) for v in by_visitor.values())
        total += done
        visitors.update(by_visitor)
        groups.append(
            Group(
                property_type,
                ctx.labels.enum(REGISTER, "property_type", property_type),
                ctx.figure(done, officers, float(required) if required else None),
            )
        )
    configured = sum(ctx.estate.property_officers.values())
    return Indicator(
        "visits_per_officer",
        SECTION,
        ctx.settings.article("visit_interval_days"),
        ctx.figure(total, max(len(visitors), configured)),
        unit=COUNT,
        groups=tuple(groups),
    )


def visit_frequency_rate(ctx: Context, visits: list[Row]) -> Indicator:
    """Officers with a visit in every window ÷ officers, per property type (every officer: 100 %)."""
    counts = _visits(ctx, visits)
    groups = []
    met_total = owed_total = 0
    for property_type, interval in ctx.settings["visit_interval_days"].items():
        by_visitor = counts.get(property_type, {})
        officers = _officers(ctx, property_type, len(by_visitor))
        width = interval_months(int(interval))
        required = ctx.period.month_count // width
        met = (
            sum(keeps_frequency(m, required, width) for m in by_visitor.values()) if required else 0
        )
        owed = officers if required else 0
        met_total += met
        owed_total += owed
        groups.append(
            Group(
                property_type,
                ctx.labels.enum(REGISTER, "property_type", property_type),
                ctx.figure(met, owed, 1.0, size=officers),
            )
        )
    return Indicator(
        "visit_frequency_rate",
        SECTION,
        ctx.settings.article("visit_interval_days"),
        ctx.figure(met_total, owed_total, 1.0),
        groups=tuple(groups),
    )
