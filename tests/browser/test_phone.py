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


# Issue 22: the pages the content review fixed, as staff read them on a phone.
FIXED_TASKS = ("complaint", "hotline", "survey", "works", "meetings")


def test_company_rules_and_form_instructions_show_on_the_task_pages(sized, server: str) -> None:  # type: ignore[no-untyped-def]
    """A company choice carries its note, a form's instruction names its form, inside the screen."""
    for prefix, word in (("", "公司规定"), ("/en", "a company rule")):
        for task in FIXED_TASKS:
            _open(sized, f"{server}{prefix}/tasks/{task}/")
            assert sized.evaluate("document.documentElement.scrollWidth") <= _width(sized), task
            marks = sized.locator(".hb-steps .hb-company, .hb-steps .hb-form-rule")
            for i in range(marks.count()):
                mark = marks.nth(i)
                assert mark.is_visible(), (task, i)
                box = mark.bounding_box()
                assert box is not None and box["x"] >= 0, (task, i)
                assert box["x"] + box["width"] <= _width(sized) + 0.5, (task, i, box)
            if task in ("complaint", "hotline", "survey"):
                assert word in sized.locator(".hb-steps").inner_text(), (prefix, task)
            if task in ("hotline", "meetings"):
                assert sized.locator(".hb-steps .hb-claim-form a").count() == 1, (prefix, task)


def test_the_complaint_page_tells_the_three_duties_apart(sized, server: str) -> None:  # type: ignore[no-untyped-def]
    for prefix, same_day, separate in (
        ("", "当天进行调查、核实", "另一项要求"),
        ("/en", "Investigate and verify the matter the same day", "a separate duty"),
    ):
        _open(sized, f"{server}{prefix}/tasks/complaint/")
        assert same_day in sized.locator(".hb-steps").inner_text()
        box = sized.locator(".hb-disagree").first
        assert box.is_visible() and separate in box.inner_text()
        assert sized.evaluate("document.documentElement.scrollWidth") <= _width(sized)


def test_an_article_after_an_editors_note_stands_outside_it(sized, server: str) -> None:  # type: ignore[no-untyped-def]
    """RV-15.2.2.5 used to render inside the note on RV-15.2.2.4."""
    for prefix in ("", "/en"):
        _open(sized, f"{server}{prefix}/rules/s15/")
        inside = sized.evaluate(
            "() => document.getElementById('RV-15.2.2.5').closest('.admonition') !== null"
        )
        assert inside is False, prefix
        note = sized.locator(".admonition", has=sized.locator("a[href$='#RV-17.2.4']")).first
        item = sized.locator("[id='RV-15.2.2.5']")
        note_box, item_box = note.bounding_box(), item.bounding_box()
        assert note_box is not None and item_box is not None
        assert note_box["y"] + note_box["height"] <= item_box["y"] + 1, prefix


def test_the_errata_page_lists_the_classes_of_silent_edits(sized, server: str) -> None:  # type: ignore[no-untyped-def]
    for prefix, colon in (("", "回访报告："), ("/en", "a colon is added after a run-in heading")):
        _open(sized, f"{server}{prefix}/editors/errata/")
        assert colon in sized.locator(".md-content").inner_text(), prefix
        assert sized.evaluate("document.documentElement.scrollWidth") <= _width(sized), prefix
