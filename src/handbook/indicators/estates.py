"""Indicators per estate and for the group: each estate on its own denominators, the group from totals.

An estate's registers are read, its indicators (and their month-by-month
figures) computed with its own ``property.yaml``, and its rows dropped; only
the figures travel on. The group is then the sum of those figures
(``pooling``), never a mean of rates. Estates are independent, so they are
spread over processes (``jobs``); the result does not depend on how many.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from typing import Any

from handbook.errors import InputFileError
from handbook.indicators import (
    FIELDS,
    PERIOD_DATES,
    IndicatorReport,
    Settings,
    build_report,
    context,
    data_period,
    monthly_indicators,
)
from handbook.indicators.complementary import protect
from handbook.indicators.core import Indicator
from handbook.indicators.pooling import pool_reports
from handbook.load.estates import EstateFolder
from handbook.model.form import Form
from handbook.model.period import Period, months_between
from handbook.model.policy import Policy
from handbook.registers.reading import register_files
from handbook.registers.records import Registers, read_registers

#: the indicators of the comparison table (estates as rows) and of the trend charts
MAIN_KEYS = (
    "followup_rate",
    "followup_resolution_rate",
    "complaint_rate_per_household",
    "complaint_on_time_rate",
    "survey_satisfaction",
    "hotline_satisfaction",
    "visits_per_officer",
)


@dataclass(frozen=True)
class EstateReport:
    """One estate's indicators for the period, and every indicator of each month of it."""

    folder: EstateFolder
    report: IndicatorReport
    months: tuple[Period, ...]
    trend: tuple[tuple[Indicator, ...], ...]


@dataclass(frozen=True)
class GroupReport:
    """Every estate's report and the group's, on one period."""

    period: Period
    as_of: dt.datetime
    settings: Settings
    estates: tuple[EstateReport, ...]
    group: IndicatorReport
    months: tuple[Period, ...]
    group_trend: tuple[tuple[Indicator, ...], ...]


def _read(folder: EstateFolder, forms: dict[str, Form]) -> Registers:
    """The estate's registers; an estate with no register file yet has no rows (every figure: no data)."""
    if not register_files(folder.path):
        return Registers()
    return read_registers([folder.path], forms, wanted=FIELDS)


def estate_report(
    folder: EstateFolder,
    forms: dict[str, Form],
    policy: Policy,
    period: Period | None,
    as_of: dt.datetime,
) -> EstateReport:
    """One estate's figures for ``period`` (default: the months its own registers cover)."""
    registers = _read(folder, forms)
    ctx = context(registers, policy, forms, folder.estate, period, as_of)
    report = build_report(registers, policy, forms, folder.estate, ctx.period, as_of)
    months, per_month = monthly_indicators(registers, ctx)
    return EstateReport(folder, report, tuple(months), tuple(tuple(m) for m in per_month))


#: the forms and policy of a worker process, given once when it starts (``_start_worker``)
#: rather than pickled with each of hundreds of estates
_WORKER: dict[str, Any] = {}


def _start_worker(forms: dict[str, Form], policy: Policy) -> None:
    _WORKER["forms"], _WORKER["policy"] = forms, policy


def _worker_report(folder: EstateFolder, period: Period, as_of: dt.datetime) -> EstateReport:
    return estate_report(folder, _WORKER["forms"], _WORKER["policy"], period, as_of)


def _worker_span(folder: EstateFolder) -> Period | None:
    return estate_span(folder, _WORKER["forms"])


def _run(
    folders: Sequence[EstateFolder],
    forms: dict[str, Form],
    policy: Policy,
    period: Period,
    as_of: dt.datetime,
    pool: Executor | None,
    on_done: Callable[[EstateReport], None] | None,
) -> list[EstateReport]:
    done: list[EstateReport | None] = [None] * len(folders)
    if pool is not None:
        futures = {pool.submit(_worker_report, f, period, as_of): i for i, f in enumerate(folders)}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            if on_done:
                on_done(future.result())
    else:
        for i, f in enumerate(folders):
            done[i] = estate_report(f, forms, policy, period, as_of)
            if on_done:
                on_done(done[i])  # type: ignore[arg-type]
    return [d for d in done if d is not None]


def estate_span(folder: EstateFolder, forms: dict[str, Form]) -> Period | None:
    """The whole months an estate's registers cover, reading only the dates that place rows."""
    if not register_files(folder.path):
        return None
    dates = {form_id: frozenset({name}) for form_id, name in PERIOD_DATES.items()}
    return data_period(read_registers([folder.path], forms, wanted=dates))


def _spans(
    folders: Sequence[EstateFolder], forms: dict[str, Form], pool: Executor | None
) -> list[Period | None]:
    if pool is not None:
        return list(pool.map(_worker_span, folders, chunksize=4))
    return [estate_span(f, forms) for f in folders]


def _common_period(found: Sequence[Period | None], as_of: dt.datetime) -> Period:
    """The whole months any estate's registers cover (this year when none has a dated row)."""
    spans = [s for s in found if s is not None]
    if not spans:
        return months_between(dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 1))
    return months_between(min(s.start for s in spans), max(s.end for s in spans))


def _pooled(
    reports: Sequence[IndicatorReport], period: Period, as_of: dt.datetime
) -> IndicatorReport:
    settings = reports[0].settings
    rows: dict[str, int] = {}
    for r in reports:
        for form_id, n in r.rows.items():
            rows[form_id] = rows.get(form_id, 0) + n
    households = [r.households for r in reports if r.households is not None]
    return IndicatorReport(
        period,
        as_of,
        settings,
        tuple(pool_reports([r.indicators for r in reports], settings.threshold)),
        dict(sorted(rows.items())),
        sum(r.files for r in reports),
        sum(r.unreadable_cells for r in reports),
        sum(households) if households else None,
    )


def build_group_report(
    folders: Sequence[EstateFolder],
    forms: dict[str, Form],
    policy: Policy,
    period: Period | None = None,
    as_of: dt.datetime | None = None,
    jobs: int = 1,
    on_done: Callable[[EstateReport], None] | None = None,
) -> GroupReport:
    """Every estate's report and the group's for ``period`` (default: the months any estate covers).

    Without a period, a first quick pass reads only the date that places each
    row (``PERIOD_DATES``) to find the months any estate covers.
    """
    if not folders:
        raise InputFileError("no-estates", file="")
    as_of = as_of or dt.datetime.now().replace(microsecond=0)
    if jobs > 1 and len(folders) > 1:
        # one pool for both passes; each worker gets the forms and policy once
        with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(forms, policy)) as pool:
            period = period or _common_period(_spans(folders, forms, pool), as_of)
            reports = _run(folders, forms, policy, period, as_of, pool, on_done)
    else:
        period = period or _common_period(_spans(folders, forms, None), as_of)
        reports = _run(folders, forms, policy, period, as_of, None, on_done)
    group = _pooled([r.report for r in reports], period, as_of)
    months = reports[0].months
    threshold = group.settings.threshold
    trend = [pool_reports([r.trend[m] for r in reports], threshold) for m in range(len(months))]
    estates_now, group_now = _protected(
        [list(r.report.indicators) for r in reports], group.indicators
    )
    per_month = [
        _protected([list(r.trend[m]) for r in reports], trend[m]) for m in range(len(months))
    ]
    final = tuple(
        replace(
            r,
            report=replace(r.report, indicators=estates_now[i]),
            trend=tuple(month[0][i] for month in per_month),
        )
        for i, r in enumerate(reports)
    )
    return GroupReport(
        period,
        as_of,
        group.settings,
        final,
        replace(group, indicators=group_now),
        months,
        tuple(month[1] for month in per_month),
    )


def _protected(
    estates: list[list[Indicator]], group: Sequence[Indicator]
) -> tuple[list[tuple[Indicator, ...]], tuple[Indicator, ...]]:
    """Every indicator through complementary suppression (``complementary.protect``)."""
    out_group = []
    for k, pooled in enumerate(group):
        column, pooled = protect([e[k] for e in estates], pooled)
        for e, ind in zip(estates, column, strict=True):
            e[k] = ind
        out_group.append(pooled)
    return [tuple(e) for e in estates], tuple(out_group)
