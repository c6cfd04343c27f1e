"""Render the report of many estates: a comparison table, the group's figures, a monthly trend.

JSON (versioned): ``estates`` (each its ``name``, ``key``, ``region``, ``sources``,
``indicators`` in the shape of the one-estate report, and the monthly trend of
the main indicators), ``group`` (the same shape, with the trend of every
indicator). Text: the comparison table (estates as rows, main indicators as
columns, the group's line last), the group's figures, the group's trend.
Totals only, as in ``render``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from handbook.indicators import IndicatorReport
from handbook.indicators.core import Figure, Indicator
from handbook.indicators.estates import MAIN_KEYS, EstateReport, GroupReport
from handbook.indicators.render import (
    REPORT_VERSION,
    _pad,
    _width,
    figure_dict,
    render_csv,
    render_text,
    report_dict,
    show_value,
)
from handbook.indicators.text import title, words
from handbook.messages import words as words_of
from handbook.model.period import Period


def group_words(lang: str) -> dict[str, str]:
    """The fixed words of the many-estates report in ``lang``."""
    return words_of("group-report", lang)


def trend_dict(
    months: Sequence[Period], trend: Sequence[Sequence[Indicator]], keys: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    """``{indicator key: [{month, value, numerator, …} per month]}`` for the ``keys`` given."""
    out: dict[str, list[dict[str, Any]]] = {key: [] for key in keys}
    for month, indicators in zip(months, trend, strict=True):
        found = {ind.key: ind.figure for ind in indicators}
        for key in keys:
            out[key].append({"month": month.label, **figure_dict(found[key])})
    return out


def _part(report: IndicatorReport, lang: str) -> dict[str, Any]:
    whole = report_dict(report, lang)
    return {"sources": whole["sources"], "indicators": whole["indicators"]}


def estate_dict(estate: EstateReport, lang: str) -> dict[str, Any]:
    """One estate: its name, folder, region, sources, indicators and main indicators' trend."""
    f = estate.folder
    return {
        "name": f.title(lang),
        "key": f.key,
        "region": f.region,
        **_part(estate.report, lang),
        "trend": trend_dict(estate.months, estate.trend, MAIN_KEYS),
    }


def group_dict(report: GroupReport, lang: str) -> dict[str, Any]:
    """The whole report as plain data (the JSON output is exactly this)."""
    head = report_dict(report.group, lang)
    keys = [ind.key for ind in report.group.indicators]
    return {
        "version": REPORT_VERSION,
        "by": "estate",
        "period": head["period"],
        "as_of": head["as_of"],
        "settings": head["settings"],
        "main_indicators": list(MAIN_KEYS),
        "months": [m.label for m in report.months],
        "estates": [estate_dict(e, lang) for e in report.estates],
        "group": {
            "name": group_words(lang)["group"],
            "estates": len(report.estates),
            **_part(report.group, lang),
            "trend": trend_dict(report.months, report.group_trend, keys),
        },
    }


def render_group_json(report: GroupReport, lang: str) -> str:
    return json.dumps(group_dict(report, lang), ensure_ascii=False, indent=2) + "\n"


def cell(fig: Figure, unit: str, lang: str, threshold: int) -> str:
    """A value for a table cell, marked ✗ when its target is not met."""
    shown = show_value(fig, unit, lang, threshold)
    return f"{shown} ✗" if fig.met is False else shown


def comparison_rows(report: GroupReport, lang: str) -> list[list[str]]:
    """The comparison table: a header, one row per estate, the group's row last."""
    g = group_words(lang)
    threshold = report.settings.threshold
    head = [g["estate"], g["region"], *(title(k, lang) for k in MAIN_KEYS)]

    def row(name: str, region: str, report_: IndicatorReport) -> list[str]:
        cells = []
        for key in MAIN_KEYS:
            ind = report_.indicator(key)
            cells.append(cell(ind.figure, ind.unit, lang, threshold))
        return [name, region, *cells]

    rows = [head]
    rows += [row(e.folder.title(lang), e.folder.region, e.report) for e in report.estates]
    rows.append(row(g["group"], "", report.group))
    return rows


def trend_rows(report: GroupReport, lang: str) -> list[list[str]]:
    """The group's trend: a header of months, one row per indicator."""
    threshold = report.settings.threshold
    head = [words(lang)["indicator"], *(m.label for m in report.months)]
    rows = [head]
    for i, ind in enumerate(report.group.indicators):
        cells = [
            show_value(month[i].figure, ind.unit, lang, threshold) for month in report.group_trend
        ]
        rows.append([title(ind.key, lang), *cells])
    return rows


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(_width(r[c]) for r in rows) for c in range(len(rows[0]))]
    return ["  ".join(_pad(c, widths[i]) for i, c in enumerate(r)).rstrip() for r in rows]


def render_group_text(report: GroupReport, lang: str) -> str:
    """The comparison table, the group's full report, the group's monthly trend."""
    g = group_words(lang)
    p = report.period
    lines = [
        f"{g['heading']} — {words(lang)['period'].format(label=p.label, start=p.start, end=p.end)}",
        g["estates_count"].format(n=len(report.estates)),
        g["group_note"],
        "",
        f"## {g['comparison']}",
        *_table(comparison_rows(report, lang)),
        "",
        f"## {g['group_detail']}",
        render_text(report.group, lang).rstrip("\n"),
        "",
        f"## {g['trend']}",
        *_table(trend_rows(report, lang)),
    ]
    return "\n".join(lines) + "\n"


def render_group_csv(report: GroupReport, lang: str) -> str:
    """The one-estate CSV with two columns in front (estate, region): each estate, then the group."""
    parts = [(e.folder.title(lang), e.folder.region, e.report) for e in report.estates]
    parts.append((group_words(lang)["group"], "", report.group))
    out: list[str] = []
    for i, (name, region, part) in enumerate(parts):
        lines = render_csv(part, lang).splitlines()
        if i == 0:
            out.append(f"{_csv_cell(group_words('en')['estate'].lower())},region,{lines[0]}")
        out += [f"{_csv_cell(name)},{_csv_cell(region)},{line}" for line in lines[1:]]
    return "\n".join(out) + "\n"


def _csv_cell(text: str) -> str:
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text
