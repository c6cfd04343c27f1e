"""The Indicators page: charts and tables of totals, built from the registers at build time.

Called from ``macros/``; knows nothing about MkDocs. What reaches the page is
the report's figures and the forms' labels: never a row, so never a name,
phone or flat number.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from pathlib import Path

from handbook.indicators import IndicatorReport, build_report, context, monthly
from handbook.indicators.core import Figure
from handbook.indicators.render import (
    basis,
    show_counts,
    show_met,
    show_target,
    show_value,
)
from handbook.indicators.text import SECTION_TITLES, formula, title, words
from handbook.load.estate import FILE_NAME, load_estate
from handbook.messages import sections
from handbook.messages import words as words_of
from handbook.model.form import Form
from handbook.model.period import Period
from handbook.model.policy import Policy
from handbook.registers.reading import register_files
from handbook.registers.records import Registers, read_registers
from handbook.site.svgchart import Bar, Series, bar_chart, line_chart

#: The indicators drawn month by month.
TREND_KEYS = (
    "complaint_on_time_rate",
    "complaint_followup_satisfaction",
    "repair_satisfaction",
    "followup_resolution_rate",
    "hotline_resolution_rate",
    "hotline_satisfaction",
)

_PAGE_WORDS = sections("indicators-page")


def _month_label(month: Period, first: bool, lang: str) -> str:
    name = words_of("months", lang)["names"][month.start.month - 1]
    return f"{name}\n{month.start.year}" if first or month.start.month == 1 else name


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|")


def _figure(svg: str, caption: str) -> str:
    return f'<figure class="hb-chart-figure">{svg}<figcaption>{html.escape(caption)}</figcaption></figure>'


def trend_section(
    months: Sequence[Period], series: dict[str, list[Figure]], lang: str, threshold: int
) -> str:
    """The monthly line chart and, folded away, the same figures as a table."""
    pw = _PAGE_WORDS["en" if lang == "en" else "zh"]
    labels = [_month_label(m, i == 0, lang) for i, m in enumerate(months)]
    lines = [Series(title(k, lang), [f.value for f in figs]) for k, figs in series.items()]
    svg = line_chart("hb-trend", pw["trend"], labels, lines, pw["trend_caption"])
    head = "".join(f"<th>{html.escape(m.label)}</th>" for m in months)
    body = "".join(
        f"<tr><td>{html.escape(title(key, lang))}</td>"
        + "".join(f"<td>{html.escape(show_value(f, 'share', lang, threshold))}</td>" for f in figs)
        + "</tr>"
        for key, figs in series.items()
    )
    table = (
        f"<details><summary>{html.escape(pw['monthly_data'])}</summary>"
        f'<div class="hb-table-scroll"><table><thead><tr><th>{html.escape(pw["month"])}</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div></details>"
    )
    return f"## {pw['trend']}\n\n{_figure(svg, pw['trend_caption'])}\n\n{table}\n"


def _bars(report: IndicatorReport, key: str, lang: str, with_target: bool) -> list[Bar]:
    ind = report.indicator(key)
    threshold = report.settings.threshold
    bars = []
    for g in ind.groups:
        label = g.label.get(lang)
        if with_target:
            target = show_target(g.figure, ind.unit, lang)
            label += f" ({target})" if lang == "en" else f"（{target}）"
        bars.append(
            Bar(
                label,
                g.figure.value,
                g.figure.target if with_target else None,
                show_value(g.figure, ind.unit, lang, threshold),
            )
        )
    return bars


def charts(report: IndicatorReport, lang: str) -> str:
    """Per-item satisfaction bars and quota attainment by role."""
    pw = _PAGE_WORDS["en" if lang == "en" else "zh"]
    items = bar_chart(
        "hb-items",
        pw["items"],
        _bars(report, "survey_satisfaction", lang, False),
        pw["items_caption"],
    )
    roles = bar_chart(
        "hb-roles", pw["roles"], _bars(report, "repair_role_quota", lang, True), pw["roles_caption"]
    )
    return (
        f"## {pw['items']}\n\n{_figure(items, pw['items_caption'])}\n\n"
        f"## {pw['roles']}\n\n{_figure(roles, pw['roles_caption'])}\n"
    )


def tables(report: IndicatorReport, lang: str, link: Callable[[str], str]) -> str:
    """One table per section: each indicator with its formula, then its groups."""
    w = words(lang)
    threshold = report.settings.threshold
    out = []
    for section, section_title in SECTION_TITLES.items():
        members = [i for i in report.indicators if i.section == section]
        if not members:
            continue
        out += [
            f"## {section_title.get(lang)}",
            "",
            f"| {w['indicator']} | {w['value']} | {w['counts']} | {w['target']} | {w['met']} | {w['article']} |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for ind in members:
            rows = [
                (
                    f"**{_cell(title(ind.key, lang))}**<br><small>{_cell(formula(ind.key, lang))}</small>",
                    ind.figure,
                )
            ]
            rows += [(f"&emsp;{_cell(g.label.get(lang))}", g.figure) for g in ind.groups]
            for i, (name, fig) in enumerate(rows):
                article = link(ind.article) if i == 0 and ind.article else ""
                out.append(
                    f"| {name} | {_cell(show_value(fig, ind.unit, lang, threshold))} | "
                    f"{show_counts(fig, lang)} | {_cell(show_target(fig, ind.unit, lang))} | "
                    f"{show_met(fig, lang)} | {article} |"
                )
        out.append("")
    return "\n".join(out)


def render_page(
    report: IndicatorReport,
    months: Sequence[Period],
    series: dict[str, list[Figure]],
    lang: str,
    link: Callable[[str], str],
) -> str:
    """The page body: period and basis, the three charts, then every indicator by section."""
    w = words(lang)
    pw = _PAGE_WORDS["en" if lang == "en" else "zh"]
    p = report.period
    sep = "; " if lang == "en" else "；"
    meta = [
        w["period"].format(label=p.label, start=p.start, end=p.end),
        w["households"].format(n=report.households) if report.households else w["no_households"],
    ]
    intro = (
        f'<p class="hb-ind-meta">{html.escape(sep.join(meta))}<br>'
        f"{html.escape(w['basis'] + sep.join(basis(report.settings, lang)))}<br>"
        f"{html.escape(pw['source'].format(files=report.files))}</p>"
    )
    return "\n\n".join(
        [
            intro,
            trend_section(months, series, lang, report.settings.threshold),
            charts(report, lang),
            tables(report, lang, link),
        ]
    )


def indicators_page(
    data_dir: Path,
    forms: dict[str, Form],
    policy: Policy,
    lang: str,
    link: Callable[[str], str],
    as_of: dt.datetime | None = None,
) -> str:
    """Read every register in ``data_dir`` (and its property.yaml) and render the page body.

    Without a ``data_dir``, or with no register in it, every figure is "no data".
    """
    has_files = data_dir.is_dir() and bool(register_files(data_dir))
    registers = read_registers([data_dir], forms) if has_files else Registers()
    estate_file = data_dir / FILE_NAME
    estate = load_estate(estate_file) if estate_file.is_file() else None
    ctx = context(registers, policy, forms, estate, None, as_of)
    report = build_report(registers, policy, forms, estate, ctx.period, ctx.as_of)
    months, series = monthly(registers, ctx, TREND_KEYS)
    return render_page(report, months, series, lang, link)
