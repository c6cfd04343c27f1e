"""Render an indicator report: text for people, JSON (versioned) and CSV for other programs.

Only totals and their labels are ever rendered: the report holds no row, so no
name, phone or flat number can reach the output.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any

from handbook.blanks.formulas import csv_row
from handbook.indicators import SECTIONS, IndicatorReport
from handbook.indicators.core import BELOW, COUNT, Figure, Indicator, Settings
from handbook.indicators.text import SECTION_TITLES, formula, title, words

REPORT_VERSION = 1
CSV_COLUMNS = (
    "section",
    "indicator",
    "group",
    "title",
    "label",
    "value",
    "display",
    "numerator",
    "denominator",
    "target",
    "comparison",
    "met",
    "status",
    "unit",
    "article",
)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def show_value(fig: Figure, unit: str, lang: str, threshold: int) -> str:
    """The value as a person reads it: 92.5%, 3.4, "no data" or "suppressed"."""
    w = words(lang)
    if fig.status == "suppressed":
        return w["suppressed"].format(n=threshold)
    if fig.value is None:
        return w["no_data"]
    return f"{fig.value:.1f}" if unit == COUNT else f"{fig.value * 100:.1f}%"


def show_target(fig: Figure, unit: str, lang: str) -> str:
    """The target with its direction: ≥ 90.0%, < 1.0%, ≥ 3, or a dash."""
    w = words(lang)
    if fig.target is None:
        return w["none"]
    amount = _number(fig.target) if unit == COUNT else f"{fig.target * 100:.1f}%"
    return w["below" if fig.comparison == BELOW else "at_least"].format(v=amount)


def show_met(fig: Figure, lang: str) -> str:
    w = words(lang)
    return w["none"] if fig.met is None else w["yes" if fig.met else "no"]


def show_counts(fig: Figure, lang: str) -> str:
    if fig.status != "ok":
        return words(lang)["none"]
    return f"{_number(fig.numerator)}/{_number(fig.denominator)}"


def basis(settings: Settings, lang: str) -> list[str]:
    """The policy choices behind the figures, one phrase each."""
    w = words(lang)
    return [
        w["fairly_yes" if settings["satisfied_includes_fairly"] else "fairly_no"],
        w["mean" if settings["overall_rate_method"] == "mean" else "pooled"],
        w[str(settings["complaint_rate_meaning"])].format(
            max=f"{float(settings['complaint_rate_max']) * 100:g}%"
        ),
        w["threshold"].format(n=settings.threshold),
    ]


def figure_dict(fig: Figure) -> dict[str, Any]:
    """Value, numerator, denominator, target, comparison, met and status; counts hidden when suppressed."""
    hidden = fig.status == "suppressed"
    return {
        "value": None if fig.value is None else round(fig.value, 6),
        "numerator": None if hidden else fig.numerator,
        "denominator": None if hidden else fig.denominator,
        "target": fig.target,
        "comparison": fig.comparison,
        "met": fig.met,
        "status": fig.status,
    }


def indicator_dict(ind: Indicator, lang: str) -> dict[str, Any]:
    """One indicator with its breakdown, for JSON."""
    return {
        "key": ind.key,
        "section": ind.section,
        "title": title(ind.key, lang),
        "formula": formula(ind.key, lang),
        "unit": ind.unit,
        "article": ind.article,
        "method": ind.method,
        **figure_dict(ind.figure),
        "groups": [
            {"key": g.key, "label": g.label.get(lang), **figure_dict(g.figure)} for g in ind.groups
        ],
    }


def report_dict(report: IndicatorReport, lang: str) -> dict[str, Any]:
    """The whole report as plain data (the JSON output is exactly this)."""
    s = report.settings
    return {
        "version": REPORT_VERSION,
        "period": {
            "label": report.period.label,
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
        },
        "as_of": report.as_of.isoformat(timespec="minutes"),
        "settings": {
            "satisfied_includes_fairly": bool(s["satisfied_includes_fairly"]),
            "overall_rate_method": s["overall_rate_method"],
            "complaint_rate_meaning": s["complaint_rate_meaning"],
            "small_group_threshold": s.threshold,
        },
        "sources": {
            "files": report.files,
            "rows": dict(report.rows),
            "unreadable_cells": report.unreadable_cells,
            "households": report.households,
        },
        "indicators": [indicator_dict(ind, lang) for ind in report.indicators],
    }


def render_json(report: IndicatorReport, lang: str) -> str:
    return json.dumps(report_dict(report, lang), ensure_ascii=False, indent=2) + "\n"


def render_csv(report: IndicatorReport, lang: str) -> str:
    """One line per figure: the overall figure of each indicator (group empty), then its groups."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_row(list(CSV_COLUMNS)))
    threshold = report.settings.threshold
    for ind in report.indicators:
        rows = [("", "", ind.figure)] + [(g.key, g.label.get(lang), g.figure) for g in ind.groups]
        for group, label, fig in rows:
            data = figure_dict(fig)
            writer.writerow(
                csv_row(
                    [
                        ind.section,
                        ind.key,
                        group,
                        title(ind.key, lang),
                        label,
                        "" if data["value"] is None else data["value"],
                        show_value(fig, ind.unit, lang, threshold),
                        "" if data["numerator"] is None else _number(data["numerator"]),
                        "" if data["denominator"] is None else _number(data["denominator"]),
                        "" if fig.target is None else fig.target,
                        fig.comparison,
                        "" if fig.met is None else str(fig.met).lower(),
                        fig.status,
                        ind.unit,
                        ind.article or "",
                    ]
                )
            )
    return out.getvalue()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def render_text(report: IndicatorReport, lang: str) -> str:
    """Sections, each a table: indicator (groups indented), value, counts, target, met, article."""
    w = words(lang)
    p = report.period
    lines = [
        f"{w['heading']} — {w['period'].format(label=p.label, start=p.start, end=p.end)}",
        w["basis"] + ("；" if lang != "en" else "; ").join(basis(report.settings, lang)),
    ]
    if report.unreadable_cells:
        lines.append(w["unreadable"].format(n=report.unreadable_cells))
    threshold = report.settings.threshold
    table: list[list[str]] = []
    for section in SECTIONS:
        members = [i for i in report.indicators if i.section == section]
        if not members:
            continue
        table.append([f"## {SECTION_TITLES[section].get(lang)}"])
        for ind in members:
            rows = [(title(ind.key, lang), ind.figure)]
            rows += [(f"  {g.label.get(lang)}", g.figure) for g in ind.groups]
            for i, (name, fig) in enumerate(rows):
                table.append(
                    [
                        name,
                        show_value(fig, ind.unit, lang, threshold),
                        show_counts(fig, lang),
                        show_target(fig, ind.unit, lang),
                        show_met(fig, lang),
                        (ind.article or "") if i == 0 else "",
                    ]
                )
    head = [w["indicator"], w["value"], w["counts"], w["target"], w["met"], w["article"]]
    widths = [max(_width(r[c]) for r in [head, *table] if len(r) > 1) for c in range(len(head))]
    for row in [head, *table]:
        if len(row) == 1:
            lines += ["", row[0]]
            continue
        lines.append("  ".join(_pad(cell, widths[c]) for c, cell in enumerate(row)).rstrip())
    return "\n".join(lines) + "\n"
