"""Hotline tickets (section 6): the three rates of the 12345 assessments — response, resolution, satisfaction.

Tickets belong to the period in which they were received. The compilation's
"热线回访考核" text is missing, so these rates carry no target.
"""

from __future__ import annotations

from collections.abc import Callable

from handbook.indicators.core import Context, Group, Indicator, Row, in_period, ratings

SECTION = "hotline"
REGISTER = "hotline_callback"


def _by_source(
    ctx: Context, rows: list[Row], count: Callable[[list[Row]], tuple[int, int]]
) -> tuple[Group, ...]:
    sources = ctx.labels.order(REGISTER, "source", (r.get("source") for r in rows))
    groups = []
    for source in sources:
        good, total = count([r for r in rows if r.get("source") == source])
        groups.append(
            Group(source, ctx.labels.enum(REGISTER, "source", source), ctx.figure(good, total))
        )
    return tuple(groups)


def _response(rows: list[Row]) -> tuple[int, int]:
    dispatched = [r for r in rows if r.get("dispatched_at") is not None]
    return sum(r.get("first_contact_at") is not None for r in dispatched), len(dispatched)


def hotline_response_rate(ctx: Context, tickets: list[Row]) -> Indicator:
    """Dispatched tickets with a first contact recorded ÷ dispatched tickets."""
    rows = in_period(tickets, "received_at", ctx.period)
    return Indicator(
        "hotline_response_rate",
        SECTION,
        ctx.labels.clause(REGISTER, "received_at"),
        ctx.figure(*_response(rows)),
        groups=_by_source(ctx, rows, _response),
    )


def _resolution(rows: list[Row]) -> tuple[int, int]:
    rated = [r for r in rows if r.get("resolved")]
    return sum(r["resolved"] == "resolved" for r in rated), len(rated)


def hotline_resolution_rate(ctx: Context, tickets: list[Row]) -> Indicator:
    """Tickets rated resolved ÷ tickets rated (partly resolved is not resolved)."""
    rows = in_period(tickets, "received_at", ctx.period)
    return Indicator(
        "hotline_resolution_rate",
        SECTION,
        ctx.labels.clause(REGISTER, "resolved"),
        ctx.figure(*_resolution(rows)),
        groups=_by_source(ctx, rows, _resolution),
    )


def final_rating(row: Row) -> str | None:
    """The rating that counts: the re-rating after a reopened ticket, else the first."""
    return row.get("second_satisfaction") or row.get("satisfaction")


def hotline_satisfaction(ctx: Context, tickets: list[Row]) -> Indicator:
    """Satisfied final ratings ÷ final ratings given (declined left out)."""
    rows = in_period(tickets, "received_at", ctx.period)
    satisfied = ctx.settings.satisfied

    def count(subset: list[Row]) -> tuple[int, int]:
        return ratings((final_rating(r) for r in subset), satisfied)

    return Indicator(
        "hotline_satisfaction",
        SECTION,
        ctx.labels.clause(REGISTER, "callback_at"),
        ctx.figure(*count(rows)),
        groups=_by_source(ctx, rows, count),
    )
