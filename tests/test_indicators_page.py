"""The Indicators page in both languages, built from the sample data; nothing personal in site/."""

from __future__ import annotations

import html
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from handbook.load.forms import load_forms
from personal_values import leaks, personal_values
from test_site import html_of

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[1]
TEXT_SUFFIXES = {".html", ".json", ".xml", ".js", ".css", ".csv", ".txt", ".svg", ".map"}
CHART = re.compile(r'<svg [^>]*class="hb-chart".*?</svg>', re.S)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("indicators", ["月度趋势", "业主意见调查分项满意率", "维修回访比例（按回访人职务）",
                        "业主意见调查满意率（总体及分项）", "回访处理率", "有效投诉率（按户）",
                        "热线满意率", "走访频率达标率", "总户数 800", "不显示（少于 3）"]),
        ("en/indicators", ["Monthly trends", "Owner survey satisfaction per item", "Repair follow-ups by role",
                           "Follow-up resolution rate", "Substantiated complaints per household",
                           "Hotline satisfaction rate", "800 households", "suppressed (&lt; 3)"]),
    ],
)  # fmt: skip
def test_page_has_charts_and_every_section(site: Path, url: str, words: list[str]) -> None:
    page = html_of(site, url)
    for word in words:
        assert word in page, word
    charts = CHART.findall(page)
    assert len(charts) == 3
    for chart in charts:
        root = ET.fromstring(chart)  # well-formed, inline, drawn at build time
        assert root.get("role") == "img"
    assert "<polyline" in charts[0] and "<rect" in charts[1] and "<rect" in charts[2]


def test_article_links_resolve_from_the_page(site: Path) -> None:
    page = html_of(site, "en/indicators")
    links = set(re.findall(r'href="(\.\./rules/s\d+/#RV-[\d.]+)"', page))
    assert any("#RV-16.1" in link for link in links)
    for link in links:
        target, anchor = link.split("#")
        text = (
            (site / "en" / "indicators" / target / "index.html")
            .resolve()
            .read_text(encoding="utf-8")
        )
        assert f'id="{anchor}"' in text, link


def test_no_personal_value_from_data_appears_anywhere_in_the_site(site: Path) -> None:
    values = personal_values(ROOT / "data", load_forms(ROOT / "forms"))
    assert len(values[0]) > 1000  # names, phones and flats were really collected
    found = {}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
            hits = leaks(text + html.unescape(text), values)
            if hits:
                found[str(path.relative_to(site))] = sorted(hits)[:5]
    assert found == {}
