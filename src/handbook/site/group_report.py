"""The report of many estates as one self-contained static page: tables and the handbook's SVG charts.

``write_group_site(report, folder, lang)`` writes ``index.html`` with its style
inline and its charts drawn as SVG text (``svgchart``): nothing is loaded from
anywhere, so the page opens from a file, an intranet share or a CI artifact.
Charts are drawn 360 px wide so that their text is full size on a phone
(390 px) and scale up on a wider screen. Only totals reach the page.
"""

from __future__ import annotations

import html
from pathlib import Path

from handbook.indicators import IndicatorReport
from handbook.indicators.core import SHARE
from handbook.indicators.estates import MAIN_KEYS, GroupReport
from handbook.indicators.render import basis, show_counts, show_met, show_target, show_value
from handbook.indicators.render_group import comparison_rows, group_words, trend_rows
from handbook.indicators.text import title, words
from handbook.site.svgchart import Bar, Series, bar_chart, line_chart

#: charts are drawn at phone width; the page scales them up on wider screens
CHART_WIDTH = 360
#: above this many estates the per-indicator bar charts would be too long to read; the table stays
MAX_BARS = 60

STYLE = """
body{font-family:system-ui,-apple-system,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;
margin:0 auto;padding:12px;max-width:1100px;line-height:1.5;color:#1b1b1b;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e6e6e6;background:#161616}}
h1{font-size:1.35rem;margin:.4rem 0}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
p{margin:.4rem 0}.note{font-size:.9rem;opacity:.85}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
table{border-collapse:collapse;font-size:.9rem}
th,td{border-bottom:1px solid rgba(127,127,127,.35);padding:.3rem .5rem;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left;position:sticky;left:0;background:inherit}
thead th{vertical-align:bottom;white-space:normal;min-width:4.5rem}
tr.group td{font-weight:700;border-top:2px solid currentColor}
.miss{color:#b3261e}@media (prefers-color-scheme:dark){.miss{color:#ff8a80}}
figure{margin:.8rem 0}figcaption{font-size:.85rem;opacity:.85}
svg.hb-chart{width:100%;max-width:720px;height:auto;display:block}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _table(rows: list[list[str]], group_last: bool = False, misses: bool = False) -> str:
    head = "".join(f"<th>{_esc(c)}</th>" for c in rows[0])
    body = []
    for i, row in enumerate(rows[1:], 1):
        cls = ' class="group"' if group_last and i == len(rows) - 1 else ""
        cells = "".join(
            f'<td class="miss">{_esc(c)}</td>'
            if misses and c.endswith("✗")
            else f"<td>{_esc(c)}</td>"
            for c in row
        )
        body.append(f"<tr{cls}>{cells}</tr>")
    return (
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{_esc(caption)}</figcaption></figure>"


def _trend_chart(report: GroupReport, lang: str) -> str:
    g = group_words(lang)
    labels = [
        f"{m.start.month}\n{m.start.year}" if i == 0 or m.start.month == 1 else f"{m.start.month}"
        for i, m in enumerate(report.months)
    ]
    keys = [k for k in MAIN_KEYS if report.group.indicator(k).unit == SHARE]
    position = {ind.key: i for i, ind in enumerate(report.group.indicators)}
    series = [
        Series(title(k, lang), [month[position[k]].figure.value for month in report.group_trend])
        for k in keys
    ]
    svg = line_chart("group_trend", g["charts"], labels, series, g["charts"], width=CHART_WIDTH)
    return _figure(svg, g["charts"])


def _estate_bars(report: GroupReport, key: str, lang: str) -> str:
    threshold = report.settings.threshold
    bars = []
    parts = [(e.folder.title(lang), e.report) for e in report.estates]
    parts.append((group_words(lang)["group"], report.group))
    for name, part in parts:
        fig = part.indicator(key).figure
        bars.append(Bar(name, fig.value, fig.target, show_value(fig, SHARE, lang, threshold)))
    name = title(key, lang)
    target = show_target(report.group.indicator(key).figure, SHARE, lang)
    caption = (
        f"{name}（{words(lang)['target']} {target}）"
        if lang != "en"
        else f"{name} (target {target})"
    )
    return _figure(bar_chart(f"hb-bars-{key}", name, bars, caption, width=CHART_WIDTH), caption)


def _detail(report: IndicatorReport, lang: str) -> str:
    w = words(lang)
    threshold = report.settings.threshold
    rows = [[w["indicator"], w["value"], w["counts"], w["target"], w["met"]]]
    for ind in report.indicators:
        fig = ind.figure
        rows.append(
            [
                title(ind.key, lang),
                show_value(fig, ind.unit, lang, threshold),
                show_counts(fig, lang),
                show_target(fig, ind.unit, lang),
                show_met(fig, lang),
            ]
        )
    return _table(rows)


def render_group_html(report: GroupReport, lang: str) -> str:
    """The whole page: comparison table, trend chart and table, bars per estate, the group's detail."""
    g = group_words(lang)
    p = report.period
    period = words(lang)["period"].format(label=p.label, start=p.start, end=p.end)
    sep = "; " if lang == "en" else "；"
    parts = [
        f"<h1>{_esc(g['html_title'])}</h1>",
        f"<p>{_esc(period)} · {_esc(g['estates_count'].format(n=len(report.estates)))}</p>",
        f'<p class="note">{_esc(words(lang)["basis"] + sep.join(basis(report.settings, lang)))}</p>',
        f'<p class="note">{_esc(g["group_note"])}</p>',
        f"<h2>{_esc(g['comparison'])}</h2>",
        _table(comparison_rows(report, lang), group_last=True, misses=True),
        f"<h2>{_esc(g['trend'])}</h2>",
        _trend_chart(report, lang),
        _table(trend_rows(report, lang)),
    ]
    if len(report.estates) <= MAX_BARS:
        for key in MAIN_KEYS:
            if report.group.indicator(key).unit == SHARE:
                parts.append(_estate_bars(report, key, lang))
    parts += [f"<h2>{_esc(g['group_detail'])}</h2>", _detail(report.group, lang)]
    parts.append(f'<p class="note">{_esc(g["generated"])}</p>')
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(g['html_title'])} {_esc(p.label)}</title><style>{STYLE}</style></head>"
        f"<body>{''.join(parts)}</body></html>\n"
    )


def write_group_site(report: GroupReport, folder: Path, lang: str) -> Path:
    """Write ``folder/index.html`` (created if needed); return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "index.html"
    target.write_text(render_group_html(report, lang), encoding="utf-8")
    return target
