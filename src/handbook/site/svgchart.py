"""Small, dependency-free SVG charts drawn as text at build time: lines over months, horizontal bars.

No chart library and nothing fetched when the page loads. Text and axes use
``currentColor`` so the charts follow the page's light or dark scheme; series
use the Okabe–Ito palette, which stays distinct for colour-blind readers.
A missing value (no data, suppressed) leaves a gap, never a zero.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442")
FONT = 12


@dataclass(frozen=True)
class Series:
    """One line: a label and a value (or None) per category."""

    label: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Bar:
    """One bar: label, value (None shows ``note`` instead) and an optional target marker."""

    label: str
    value: float | None
    target: float | None = None
    note: str = ""


def text_width(text: str, size: float = FONT) -> float:
    """Roughly how wide ``text`` is drawn: full-width (Han) characters are twice as wide."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.6 * size for c in text)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _pct(value: float, decimals: int = 1) -> str:
    return f"{value * 100:.{decimals}f}%"


def _open(ident: str, title: str, desc: str, width: float, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hb-chart" id="{_esc(ident)}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" role="img" '
        f'aria-labelledby="{_esc(ident)}-t {_esc(ident)}-d" font-size="{FONT}" fill="currentColor">',
        f'<title id="{_esc(ident)}-t">{_esc(title)}</title>',
        f'<desc id="{_esc(ident)}-d">{_esc(desc or title)}</desc>',
    ]


def _legend(series: Sequence[str], x0: float, y0: float, width: float) -> tuple[list[str], float]:
    """Legend entries wrapped to ``width``; returns the elements and the height used."""
    parts: list[str] = []
    x, y = x0, y0
    for i, label in enumerate(series):
        item = 22 + text_width(label) + 16
        if x > x0 and x + item > x0 + width:
            x, y = x0, y + FONT + 8
        colour = PALETTE[i % len(PALETTE)]
        parts.append(
            f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 16:.1f}" y2="{y - 4:.1f}" '
            f'stroke="{colour}" stroke-width="3"/>'
            f'<text x="{x + 22:.1f}" y="{y:.1f}">{_esc(label)}</text>'
        )
        x += item
    return parts, (y - y0) + FONT + 8


def line_chart(
    ident: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    desc: str = "",
    width: float = 720,
    plot_height: float = 220,
) -> str:
    """Lines of shares (0–100 %) over ``categories``; a ``\\n`` in a category starts a second line."""
    left, right, top = 48, 16, 8
    legend, legend_h = _legend([s.label for s in series], left, top + FONT, width - left - right)
    y0 = top + legend_h + 8
    height = y0 + plot_height + 2 * FONT + 16
    plot_w = width - left - right
    step = plot_w / max(1, len(categories))
    out = _open(ident, title, desc, width, height)
    out += legend
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        y = y0 + plot_height * (1 - tick)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="currentColor" stroke-opacity="{0.5 if tick == 0 else 0.15}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_pct(tick, 0)}</text>'
        )
    for i, category in enumerate(categories):
        x = left + step * (i + 0.5)
        lines = category.split("\n")
        spans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if n == 0 else FONT + 2}">{_esc(t)}</tspan>'
            for n, t in enumerate(lines)
        )
        out.append(
            f'<text x="{x:.1f}" y="{y0 + plot_height + FONT + 6:.1f}" text-anchor="middle">{spans}</text>'
        )
    for s_index, s in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        run: list[tuple[float, float]] = []
        runs: list[list[tuple[float, float]]] = []
        for i, value in enumerate(s.values):
            if value is None:
                if run:
                    runs.append(run)
                run = []
                continue
            clipped = min(1.0, max(0.0, value))
            run.append((left + step * (i + 0.5), y0 + plot_height * (1 - clipped)))
        if run:
            runs.append(run)
        group = [f'<g stroke="{colour}" fill="{colour}"><title>{_esc(s.label)}</title>']
        for points in runs:
            if len(points) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
                group.append(f'<polyline points="{path}" fill="none" stroke-width="2"/>')
            group += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" stroke="none"/>' for x, y in points]
        group.append("</g>")
        out.append("".join(group))
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    ident: str,
    title: str,
    bars: Sequence[Bar],
    desc: str = "",
    width: float = 720,
    bar_height: float = 18,
) -> str:
    """Horizontal bars of shares (0–100 %), each with its value and, if given, a target marker."""
    label_w = max((text_width(b.label) for b in bars), default=0) + 12
    left, right, top = label_w, 56, 8
    gap = 10
    plot_w = width - left - right
    height = top + len(bars) * (bar_height + gap) + FONT + 12
    out = _open(ident, title, desc, width, height)
    axis_y = top + len(bars) * (bar_height + gap)
    for tick in (0, 0.5, 1.0):
        x = left + plot_w * tick
        out.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y:.1f}" '
            f'stroke="currentColor" stroke-opacity="{0.5 if tick == 0 else 0.15}"/>'
            f'<text x="{x:.1f}" y="{axis_y + FONT + 4:.1f}" text-anchor="middle">{_pct(tick, 0)}</text>'
        )
    for i, bar in enumerate(bars):
        y = top + i * (bar_height + gap) + gap / 2
        mid = y + bar_height / 2 + 4
        out.append(
            f'<text x="{left - 8:.1f}" y="{mid:.1f}" text-anchor="end">{_esc(bar.label)}</text>'
        )
        if bar.value is None:
            out.append(
                f'<text x="{left + 6:.1f}" y="{mid:.1f}" fill-opacity="0.7">{_esc(bar.note)}</text>'
            )
        else:
            length = plot_w * min(1.0, max(0.0, bar.value))
            out.append(
                f'<rect x="{left:.1f}" y="{y:.1f}" width="{length:.1f}" height="{bar_height}" '
                f'fill="{PALETTE[0]}"><title>{_esc(bar.label)} {_pct(bar.value)}</title></rect>'
                f'<text x="{left + length + 6:.1f}" y="{mid:.1f}">{_pct(bar.value)}</text>'
            )
        if bar.target is not None:
            x = left + plot_w * min(1.0, max(0.0, bar.target))
            out.append(
                f'<line x1="{x:.1f}" y1="{y - 3:.1f}" x2="{x:.1f}" y2="{y + bar_height + 3:.1f}" '
                f'stroke="{PALETTE[4]}" stroke-width="3"/>'
            )
    out.append("</svg>")
    return "".join(out)
