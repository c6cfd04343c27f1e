"""Indicators computed from the registers: follow-up, on-time and satisfaction rates, totals only.

``build_report`` turns parsed register rows (``handbook.registers.records``), the policy,
the forms and the property description into an ``IndicatorReport`` for one
period; ``monthly`` gives the figures month by month for trend charts. Formulas
are pure functions in the modules of this package, one per register family;
DOMAIN.md §3 explains each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from handbook.indicators import complaints, followups, hotline, survey, visits
from handbook.indicators.core import (
    AT_LEAST,
    BELOW,
    COUNT,
    NO_DATA,
    OK,
    SHARE,
    SUPPRESSED,
    Context,
    Figure,
    Group,
    Indicator,
    Labels,
    Settings,
    settings_from_policy,
)
from handbook.load.estate import Estate
from handbook.model.form import Form
from handbook.model.period import Period, months_between, span
from handbook.model.policy import Policy
from handbook.registers.records import Registers

__all__ = [
    "AT_LEAST",
    "BELOW",
    "COUNT",
    "NO_DATA",
    "OK",
    "SECTIONS",
    "SHARE",
    "SUPPRESSED",
    "Context",
    "Figure",
    "Group",
    "Indicator",
    "IndicatorReport",
    "Settings",
    "build_report",
    "compute",
    "data_period",
    "monthly",
    "monthly_indicators",
    "settings_from_policy",
]

SECTIONS = ("satisfaction", "followups", "complaints", "hotline", "visits")

#: The date that places a row of each register in a period.
PERIOD_DATES = {
    "opinion_survey": "returned_on",
    "survey_summary": "issued_on",
    "repair_followup": "completed_on",
    "complaint_register": "received_at",
    "rectification_notice": "issued_at",
    "followup_record": "followup_date",
    "visit_record": "visit_date",
    "hotline_callback": "received_at",
}


def _read_or_unknown(registers: Registers, ctx: Context, form_id: str) -> Context:
    """``ctx``, or without the estate's households and officers when no ``form_id`` file was read.

    An estate that handed in no complaint register has no complaint rate ("no
    data"), not 0 %; its households then add nothing to a group's denominator.
    """
    if form_id in registers.rows:
        return ctx
    return replace(ctx, estate=replace(ctx.estate, households=None, property_officers={}))


#: The registers and columns the indicators read (None: every column); a report of many
#: estates reads only these (``tests/test_estates.py`` checks the figures do not change).
FIELDS: dict[str, frozenset[str] | None] = {
    "opinion_survey": None,  # the survey items are a policy setting
    "survey_summary": frozenset(
        {"issued_on", "survey_round", "forms_returned", "forms_issued", "occupied_units"}
    ),
    "repair_followup": frozenset(
        {"completed_on", "followup_on", "visitor_role", "repair_class", "satisfaction"}
    ),
    "complaint_register": frozenset(
        {
            "received_at",
            "due_at",
            "closed_at",
            "followup_at",
            "followup_rating",
            "substantiated",
            "category",
            "severity",
        }
    ),
    "rectification_notice": frozenset({"issued_at", "rectified_on", "verification"}),
    "followup_record": frozenset(
        {"followup_date", "reply_due", "replied_on", "satisfaction", "source_type"}
    ),
    "visit_record": frozenset(
        {"visit_date", "visitor", "visitor_role", "property_type", "reply_due", "replied_on"}
    ),
    "hotline_callback": frozenset(
        {
            "received_at",
            "dispatched_at",
            "first_contact_at",
            "resolved",
            "satisfaction",
            "second_satisfaction",
            "source",
        }
    ),
}


def compute(registers: Registers, ctx: Context) -> list[Indicator]:
    """Every indicator for ``ctx.period``, in section order."""
    r = registers.get
    by_complaints = _read_or_unknown(registers, ctx, "complaint_register")
    by_visits = _read_or_unknown(registers, ctx, "visit_record")
    return [
        survey.survey_satisfaction(ctx, r("opinion_survey")),
        survey.survey_response_rate(ctx, r("survey_summary")),
        survey.survey_coverage(ctx, r("survey_summary")),
        followups.followup_rate(ctx, r("repair_followup"), r("complaint_register")),
        followups.repair_role_quota(ctx, r("repair_followup")),
        followups.repair_followup_on_time(ctx, r("repair_followup")),
        followups.complaint_followup_on_time(ctx, r("complaint_register")),
        followups.followup_resolution_rate(
            ctx, r("rectification_notice"), r("followup_record"), r("visit_record")
        ),
        followups.repair_satisfaction(ctx, r("repair_followup")),
        followups.followup_satisfaction(ctx, r("followup_record")),
        complaints.complaint_rate_per_household(by_complaints, r("complaint_register")),
        complaints.substantiated_share(ctx, r("complaint_register")),
        complaints.complaint_on_time_rate(ctx, r("complaint_register")),
        complaints.complaint_followup_satisfaction(ctx, r("complaint_register")),
        hotline.hotline_response_rate(ctx, r("hotline_callback")),
        hotline.hotline_resolution_rate(ctx, r("hotline_callback")),
        hotline.hotline_satisfaction(ctx, r("hotline_callback")),
        visits.visits_per_officer(by_visits, r("visit_record")),
        visits.visit_frequency_rate(by_visits, r("visit_record")),
    ]


def data_period(registers: Registers) -> Period | None:
    """The whole months from the first to the last dated row of any register read."""
    dates: list[object] = []
    for form_id, name in PERIOD_DATES.items():
        dates.extend(row.get(name) for row in registers.get(form_id))
    return span(d for d in dates if d is not None)


@dataclass(frozen=True)
class IndicatorReport:
    """The indicators of one period, with what they were computed from."""

    period: Period
    as_of: dt.datetime
    settings: Settings
    indicators: tuple[Indicator, ...]
    rows: dict[str, int]
    files: int
    unreadable_cells: int
    households: int | None

    def indicator(self, key: str) -> Indicator:
        """The indicator called ``key`` (KeyError if there is none)."""
        for ind in self.indicators:
            if ind.key == key:
                return ind
        raise KeyError(key)


def context(
    registers: Registers,
    policy: Policy,
    forms: dict[str, Form] | None = None,
    estate: Estate | None = None,
    period: Period | None = None,
    as_of: dt.datetime | None = None,
) -> Context:
    """The context of a report: the period defaults to the months the data covers, else this year."""
    as_of = as_of or dt.datetime.now().replace(microsecond=0)
    if period is None:
        period = data_period(registers) or months_between(
            dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 1)
        )
    return Context(
        settings_from_policy(policy, period.end), period, as_of, estate or Estate(), Labels(forms)
    )


def build_report(
    registers: Registers,
    policy: Policy,
    forms: dict[str, Form] | None = None,
    estate: Estate | None = None,
    period: Period | None = None,
    as_of: dt.datetime | None = None,
) -> IndicatorReport:
    """Every indicator for ``period`` (default: the months the data covers)."""
    ctx = context(registers, policy, forms, estate, period, as_of)
    return IndicatorReport(
        ctx.period,
        ctx.as_of,
        ctx.settings,
        tuple(compute(registers, ctx)),
        {form_id: len(rows) for form_id, rows in sorted(registers.rows.items())},
        registers.files,
        registers.unreadable_cells,
        ctx.estate.households,
    )


#: registers an indicator reads beyond the rows dated in its period: the visit roster (every
#: officer who visited anywhere counts, so an officer who skipped a month still owes a visit)
ROSTER_REGISTERS = frozenset({"visit_record"})
ROSTER_FIELDS = ("visitor_role", "visitor", "property_type")


def _roster(rows: list[dict]) -> list[dict]:
    """One undated row per officer and property type: on the roster of every month, a visit in none."""
    seen = {tuple(r.get(k) for k in ROSTER_FIELDS) for r in rows}
    return [dict(zip(ROSTER_FIELDS, key, strict=True)) for key in sorted(seen, key=str)]


def _month_buckets(registers: Registers, months: list[Period]) -> list[Registers]:
    """For each month, the rows with any date in it (every indicator picks rows by a date in its period)."""
    index = {(m.start.year, m.start.month): i for i, m in enumerate(months)}
    buckets = [Registers() for _ in months]
    for form_id, rows in registers.rows.items():
        extra = _roster(rows) if form_id in ROSTER_REGISTERS else []
        lists: list[list[dict]] = [[] for _ in months]
        for row in rows:
            seen = {index.get((v.year, v.month)) for v in row.values() if isinstance(v, dt.date)}
            for i in seen:
                if i is not None:
                    lists[i].append(row)
        for bucket, found in zip(buckets, lists, strict=True):
            bucket.rows[form_id] = found + extra
    return buckets


def monthly_indicators(
    registers: Registers, ctx: Context
) -> tuple[list[Period], list[list[Indicator]]]:
    """The months of ``ctx.period`` and every indicator of each month (rows sorted into months once)."""
    months = ctx.period.months()
    buckets = _month_buckets(registers, months)
    found = [
        compute(bucket, replace(ctx, period=month))
        for bucket, month in zip(buckets, months, strict=True)
    ]
    return months, found


def monthly(
    registers: Registers, ctx: Context, keys: Iterable[str]
) -> tuple[list[Period], dict[str, list[Figure]]]:
    """The months of ``ctx.period`` and, for each indicator key, its overall figure per month."""
    wanted = tuple(keys)
    months, per_month = monthly_indicators(registers, ctx)
    series: dict[str, list[Figure]] = {key: [] for key in wanted}
    for indicators in per_month:
        found = {ind.key: ind.figure for ind in indicators}
        for key in wanted:
            series[key].append(found[key])
    return months, series
