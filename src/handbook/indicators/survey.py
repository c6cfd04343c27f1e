"""Owner opinion survey (section 14): satisfaction overall and per item, response and coverage."""

from __future__ import annotations

from handbook.indicators.core import (
    VALID_RATINGS,
    Context,
    Group,
    Indicator,
    Row,
    in_period,
    ratings,
)
from handbook.model.form import Text

SECTION = "satisfaction"


def survey_satisfaction(ctx: Context, forms: list[Row]) -> Indicator:
    """Per item: satisfied answers ÷ valid answers; overall pooled (Σ ÷ Σ) or the mean of item rates."""
    rows = in_period(forms, "returned_on", ctx.period)
    items = list(ctx.settings["survey_items"])
    satisfied = ctx.settings.satisfied
    groups = []
    total_good = total_valid = 0
    item_rates = []
    for item in items:
        good, valid = ratings((r.get(item) for r in rows), satisfied)
        total_good += good
        total_valid += valid
        if valid:
            item_rates.append(good / valid)
        groups.append(
            Group(
                item,
                ctx.labels.title("opinion_survey", item),
                ctx.figure(good, valid),
            )
        )
    answered = sum(1 for r in rows if any(r.get(i) in VALID_RATINGS for i in items))
    method = ctx.settings["overall_rate_method"]
    if method == "mean":
        overall = ctx.figure(round(sum(item_rates), 6), len(item_rates), size=answered)
    else:
        overall = ctx.figure(total_good, total_valid, size=answered)
    return Indicator(
        "survey_satisfaction",
        SECTION,
        ctx.settings.article("overall_rate_method"),
        overall,
        groups=tuple(groups),
        method=method,
    )


def _rounds(ctx: Context, summaries: list[Row]) -> list[Row]:
    return sorted(
        in_period(summaries, "issued_on", ctx.period), key=lambda r: str(r.get("survey_round"))
    )


def _ratio_by_round(
    ctx: Context,
    summaries: list[Row],
    key: str,
    clause: str | None,
    numerator: str,
    denominator: str,
) -> Indicator:
    """Σ numerator ÷ Σ denominator over the survey rounds issued in the period, per round too."""
    rows = _rounds(ctx, summaries)
    groups = []
    for r in rows:
        label = str(r.get("survey_round", "?"))
        groups.append(
            Group(
                label,
                Text(label, label),
                ctx.figure(r.get(numerator) or 0, r.get(denominator) or 0),
            )
        )
    top = sum(r.get(numerator) or 0 for r in rows)
    bottom = sum(r.get(denominator) or 0 for r in rows)
    return Indicator(key, SECTION, clause, ctx.figure(top, bottom), groups=tuple(groups))


def survey_response_rate(ctx: Context, summaries: list[Row]) -> Indicator:
    """Forms returned ÷ forms issued, over the survey rounds issued in the period."""
    clause = ctx.labels.clause("survey_summary", "forms_returned")
    return _ratio_by_round(
        ctx, summaries, "survey_response_rate", clause, "forms_returned", "forms_issued"
    )


def survey_coverage(ctx: Context, summaries: list[Row]) -> Indicator:
    """Forms issued ÷ occupied flats, over the survey rounds issued in the period."""
    return _ratio_by_round(
        ctx,
        summaries,
        "survey_coverage",
        ctx.labels.clause("survey_summary", "forms_issued"),
        "forms_issued",
        "occupied_units",
    )
