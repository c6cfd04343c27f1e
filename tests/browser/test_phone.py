"""The handbook on a phone (390 px) and a desktop (1366 px): tables, links, chart text,
the console, the language switch with its anchor, the task pages and English punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml
from browserkit import ROOT

pytestmark = pytest.mark.browser

WIDTHS = (390, 1366)
FULL_WIDTH = re.compile("[、，。；：（）［］！？【】「」]")
HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def sized(request, context) -> Iterator:  # type: ignore[no-untyped-def]
    """A page at the width under test that records console errors (``page.errors``)."""
    page = context.new_page()
    page.set_viewport_size({"width": request.param, "height": 844 if request.param < 800 else 900})
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    page.close()


def _open(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.wait_for_load_state("networkidle")


def _width(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.viewport_size["width"])


def test_field_table_reads_without_sideways_scrolling(sized, server: str) -> None:  # type: ignore[no-untyped-def]
    for url in ("/forms/complaint_register/", "/en/forms/repair_followup/"):
        _open(sized, server + url)
        assert sized.evaluate("document.documentElement.scrollWidth") <= _width(sized), url
        # the rules column (last) is readable: wide enough and inside the screen
        boxes = sized.eval_on_selector_all(
            ".hb-stack td:last-child",
            "cells => cells.map(c => { const r = c.getBoundingClientRect(); return [r.left, r.right, r.width]; })",
        )
        assert boxes, url
        for left, right, width in boxes:
            assert left >= 0 and right <= _width(sized) + 0.5, (url, left, right)
            assert width >= min(200, _width(sized) / 5), (url, width)


def test_forms_index_download_links_are_on_screen(sized, server: str) -> None:  # type: ignore[no-untyped-def]
    for url in ("/forms/", "/en/forms/"):
        _open(sized, server + url)
        assert sized.evaluate("document.documentElement.scrollWidth") <= _width(sized), url
        links = sized.eval_on_selector_all(
            ".hb-stack a[download]",
            "links => links.map(a => { const r = a.getBoundingClientRect(); return [r.left, r.right]; })",
        )
        assert len(links) >= 40, url
        assert all(left >= 0 and right <= _width(sized) + 0.5 for left, right in links), url


def test_indicator_chart_labels_are_at_least_9_px(sized, server: str) -> None:  # type: ignore[no-untyped-def]
    _open(sized, server + "/en/indicators/")
    heights = sized.eval_on_selector_all(
        "svg.hb-chart text",
        """texts => texts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)""",
    )
    assert len(heights) > 20
    assert min(heights) >= 9, sorted(heights)[:5]
    assert sized.evaluate("document.documentElement.scrollWidth") <= _width(sized)


def test_checklists_have_a_print_button(sized, server: str) -> None:  # type: ignore[no-untyped-def]
    _open(sized, server + "/forms/repair_followup_checklist/")
    sized.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }")
    button = sized.locator("button.hb-print")
    assert button.is_visible()
    button.click()
    assert sized.evaluate("window.__printed") == 1


PAGES = (
    "/",
    "/rules/s13/",
    "/forms/",
    "/tasks/complaint/",
    "/indicators/",
    "/en/",
    "/en/tasks/works/",
)


def test_no_console_errors(sized, server: str) -> None:  # type: ignore[no-untyped-def]
    for url in PAGES:
        _open(sized, server + url)
    assert sized.errors == []


def test_language_switch_keeps_the_anchor(sized, server: str) -> None:  # type: ignore[no-untyped-def]
    _open(sized, server + "/rules/s13/#RV-13.2")
    sized.locator(".md-header__option .md-select").hover()
    sized.locator('.md-select__link[hreflang="en"]').click()
    sized.wait_for_url("**/en/rules/s13/#RV-13.2")
    assert sized.evaluate("location.pathname + location.hash") == "/en/rules/s13/#RV-13.2"
    sized.locator(".md-header__option .md-select").hover()
    sized.locator('.md-select__link[hreflang="zh"]').click()
    sized.wait_for_url("**/rules/s13/#RV-13.2")
    assert sized.evaluate("location.pathname + location.hash") == "/rules/s13/#RV-13.2"


def _numbers(value: object) -> list[str]:
    """How each number of a policy value appears on a page (shares as percentages)."""
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    if isinstance(value, float) and value <= 1:
        return [f"{value * 100:g}"]
    if isinstance(value, int) and not isinstance(value, bool):
        return [str(value)]
    return []


def test_task_pages_show_the_numbers_of_policy_yaml(sized, server: str) -> None:  # type: ignore[no-untyped-def]
    policy = yaml.safe_load((ROOT / "policy.yaml").read_text(encoding="utf-8"))
    tasks = yaml.safe_load((ROOT / "tasks.yaml").read_text(encoding="utf-8"))
    _open(sized, server + "/")
    home = sized.locator(".md-content").inner_text()
    for task in tasks:
        assert task["title"]["zh"] in home
        for prefix in ("", "/en"):
            _open(sized, f"{server}{prefix}/tasks/{task['id']}/")
            table = sized.locator(".md-content table").first.inner_text()
            for key in task["settings"]:
                title = policy[key]["title"]["en" if prefix else "zh"]
                assert title in table, (task["id"], key)
                row = sized.locator(".md-content table tr", has_text=title).first.inner_text()
                for number in _numbers(policy[key]["value"]):
                    assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", row), (
                        task["id"],
                        key,
                        number,
                        row,
                    )
            assert sized.evaluate("document.documentElement.scrollWidth") <= _width(sized)


EN_PAGES = ["/en/", "/en/forms/", "/en/indicators/", "/en/validator/", "/en/ci/"]
EN_PAGES += [f"/en/rules/s{n:02d}/" for n in range(1, 18)]
EN_PAGES += [
    f"/en/tasks/{t['id']}/"
    for t in yaml.safe_load((ROOT / "tasks.yaml").read_text(encoding="utf-8"))
]
EN_PAGES += [f"/en/forms/{p.stem}/" for p in sorted((ROOT / "forms").glob("*.yaml"))]
EN_PARAMS = [pytest.param(u, id=u) for u in [*EN_PAGES, "/en/policy/"]]


@pytest.mark.parametrize("url", EN_PARAMS)
def test_english_pages_have_no_full_width_punctuation(page, server: str, url: str) -> None:  # type: ignore[no-untyped-def]
    """Full-width punctuation is only allowed inside quoted Chinese (next to a Han character)."""
    _open(page, server + url)
    text = page.locator(".md-content").inner_text()
    wrong = [
        text[max(0, m.start() - 15) : m.end() + 15]
        for m in FULL_WIDTH.finditer(text)
        if not HAN.match(text[m.start() - 1 : m.start()] or " ")
        and not HAN.match(text[m.end() : m.end() + 1] or " ")
    ]
    assert wrong == [], url
