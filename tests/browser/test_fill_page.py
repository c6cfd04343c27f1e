"""The fill-in page (issue 24) in Debian's Chromium at 390 px: rows checked as typed, kept, written out.

As for the checker page, the site is served with the README's headers and every request of the
browser context is recorded: a request that leaves the origin is blocked, and it or any request
that sends data fails the test. Set HANDBOOK_SITE to a built site to skip the build.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import AXE, HOST
from checkerkit import Traffic, serve
from click.testing import CliRunner

from handbook import fill
from handbook.cli import cli

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TIMEOUT = 120_000
ROOT_SELECTOR = "#hb-fill"

#: Two repair follow-ups typed on the page; the second is followed up 18 days after completion.
GOOD = {
    "work_order_no": "PG-2026-0101",
    "repair_item": "厨房水管漏水",
    "repair_class": "leak",
    "completed_on": "2026-03-02",
    "followup_on": "2026-03-04",
    "method": "visit",
    "visitor_role": "maintenance_lead",
    "site_check": "ok",
    "charge_check": "correct",
    "satisfaction": "satisfied",
    "resident_signed": "yes",
}
LATE = {
    **GOOD,
    "work_order_no": "PG-2026-0102",
    "repair_item": "单元门门锁",
    "repair_class": "other",
    "followup_on": "2026-03-20",
    "method": "phone",
    "visitor_role": "supervisor",
    "resident_signed": "",
}
TEXT = {
    "zh": {"link": "在本页填写", "xlsx": "下载登记表（Excel）", "csv": "下载 CSV"},
    "en": {
        "link": "Fill in on this page",
        "xlsx": "Download register (.xlsx)",
        "csv": "Download CSV",
    },
}


@pytest.fixture(scope="module")
def origin(request) -> Iterator[str]:  # type: ignore[no-untyped-def]
    prebuilt = os.environ.get("HANDBOOK_SITE")
    site = Path(prebuilt) if prebuilt else request.getfixturevalue("site")
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def plain(request) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The site without a CSP, so axe can be injected as an inline script."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    prebuilt = os.environ.get("HANDBOOK_SITE")
    site = Path(prebuilt) if prebuilt else request.getfixturevalue("site")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
            pass

    httpd = ThreadingHTTPServer((HOST, 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://{HOST}:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def browser(context, origin: str) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    before = set(context.pages)
    traffic = Traffic(context, origin)
    yield context, traffic
    context.set_offline(False)  # a test that failed offline leaves the others online
    context.unroute("**/*", traffic.route)
    for page in set(context.pages) - before:
        page.close()
    assert traffic.problems() == [], "a request left the origin or sent data"


def lang_root(origin: str, lang: str) -> str:
    return origin + ("/" if lang == "zh" else "/en/")


def forget_rows(page, origin: str) -> None:  # type: ignore[no-untyped-def]
    """Start from an empty device: delete the page's database from another page of the site."""
    page.goto(origin + "/glossary/")
    page.evaluate(
        """() => new Promise(done => {
          const request = indexedDB.deleteDatabase("handbook-fill");
          request.onsuccess = request.onerror = request.onblocked = () => done();
        })"""
    )


def wait_data(page, key: str, value: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "([key, value]) => document.querySelector('#hb-fill').dataset[key] === value",
        arg=[key, value],
        timeout=TIMEOUT,
    )


def checks(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.eval_on_selector(ROOT_SELECTOR, "e => e.dataset.checks || '0'"))


def type_row(page, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Type a row as a person does (select, date, text), then wait for the check of the last change."""
    before = checks(page)
    for name, value in values.items():
        selector = f'[name="{name}"]'
        if page.eval_on_selector(selector, "e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.wait_for_function(
        "n => Number(document.querySelector('#hb-fill').dataset.checks || 0) > n",
        arg=before,
        timeout=TIMEOUT,
    )
    page.wait_for_timeout(600)  # a change typed during a check is checked after it
    page.wait_for_function(
        "() => document.querySelector('.hb-fill__status').dataset.state !== 'busy'", timeout=TIMEOUT
    )


def shown(page, field: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(
        f"#hb-fill-{field}-problems > li",
        """items => items.map(li => ({
          code: li.dataset.code,
          message: li.querySelector('.hb-problem__message').textContent,
          link: (li.querySelector('a.hb-problem__article') || {}).href ?? null,
          text: li.textContent,
        }))""",
    )


def validate(tmp_path: Path, name: str, data: bytes, lang: str) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["validate", str(path), "--format", "json", "--lang", lang])
    assert result.exit_code == 1, result.output  # the late follow-up is an error
    return json.loads(result.output)


def download(page, selector: str, tmp_path: Path, name: str) -> bytes:  # type: ignore[no-untyped-def]
    with page.expect_download(timeout=TIMEOUT) as got:
        page.click(selector)
    path = tmp_path / name
    got.value.save_as(path)
    return path.read_bytes()


def tab_to(page, name: str | None) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the input ``name`` (None: the save button) has the focus."""
    test = (
        "n => n === null ? document.activeElement.classList.contains('hb-fill__save')"
        " : document.activeElement.name === n"
    )
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate(test, name):
            return
    pytest.fail(f"{name or 'the save button'} cannot be reached with Tab")


def no_sideways_scrolling(page) -> None:  # type: ignore[no-untyped-def]
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways at 390 px ({width} px)"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_repair_follow_ups_filled_saved_reloaded_and_written_out(
    browser, origin: str, project_cwd: Path, tmp_path: Path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    context, traffic = browser
    page = context.new_page()
    page.set_viewport_size(PHONE)
    forget_rows(page, origin)
    # from the form's own page
    page.goto(lang_root(origin, lang) + "forms/repair_followup/")
    page.click(f"a:text-is('{TEXT[lang]['link']}')")
    assert page.url == lang_root(origin, lang) + "forms/repair_followup/fill/"
    wait_data(page, "stage", "ready")
    no_sideways_scrolling(page)

    type_row(page, GOOD)
    assert page.locator(".hb-fill__form .hb-problem--error").count() == 0
    page.click(".hb-fill__save")
    wait_data(page, "saved", "1")

    # the late follow-up, with the network gone (the worker is loaded): the engine's message
    # under its field, with the article, before saving
    context.set_offline(True)
    type_row(page, LATE)
    (late,) = [
        p
        for p in fill.validate_rows("repair_followup", [GOOD, LATE], lang)["problems"]
        if p["severity"] == "error"
    ]
    (problem,) = shown(page, "followup_on")
    assert (problem["code"], problem["message"]) == ("rule-within", late["message"])
    assert problem["link"] == lang_root(origin, lang) + "rules/s16/#RV-16.2"
    assert "RV-16.2" in problem["text"]
    no_sideways_scrolling(page)
    # an error blocks saving until it is kept on purpose
    page.click(".hb-fill__save")
    page.wait_for_selector(".hb-fill__keep:not([hidden])", timeout=TIMEOUT)
    assert page.eval_on_selector(ROOT_SELECTOR, "e => e.dataset.saved") == "1"
    page.click(".hb-fill__keep")
    wait_data(page, "saved", "2")
    context.set_offline(False)

    # both rows survive a reload; the kept row is marked, and its problem is shown again when edited
    page.reload()
    wait_data(page, "saved", "2")
    rows = page.locator(".hb-fill__rows > li.hb-fill__row")
    assert rows.count() == 2
    assert rows.nth(1).get_attribute("data-kept") == "true"
    assert rows.nth(1).locator(".hb-fill__kept").count() == 1
    assert "PG-2026-0101" in rows.nth(0).inner_text() and "PG-2026-0102" in rows.nth(1).inner_text()
    rows.nth(1).locator(".hb-fill__edit").click()
    page.wait_for_selector(
        "#hb-fill-followup_on-problems > li[data-code=rule-within]", timeout=TIMEOUT
    )
    assert page.input_value('[name="work_order_no"]') == "PG-2026-0102"
    page.click(".hb-fill__new")

    # a duplicate work order number among the saved rows
    type_row(page, {**GOOD, "work_order_no": "PG-2026-0101"})
    assert [p["code"] for p in shown(page, "work_order_no")] == ["unique"]
    page.click(".hb-fill__new")

    # the register's own blank with the rows: the command finds exactly the late follow-up
    data = download(page, ".hb-fill__xlsx", tmp_path, "filled.xlsx")
    report = validate(tmp_path, "repair_followup.xlsx", data, lang)
    assert [(p["cell"], p["code"]) for p in report["problems"] if p["severity"] == "error"] == [
        ("G3", "rule-within")
    ]
    assert {p["code"] for p in report["problems"] if p["severity"] == "warning"} <= {"rule-share"}
    assert report["files"][0]["rows"] == 2

    text = download(page, ".hb-fill__csv", tmp_path, "filled.csv").decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert [line[0] for line in lines[1:]] == ["PG-2026-0101", "PG-2026-0102"]

    # added to an existing workbook: its rows and input checks are kept
    from openpyxl import load_workbook

    mine = fill.register_xlsx("repair_followup", [{**GOOD, "work_order_no": "PG-2026-0001"}], lang)
    with page.expect_download(timeout=TIMEOUT) as got:
        page.set_input_files(
            ".hb-fill__pick",
            files=[
                {"name": "我的登记表.xlsx", "mimeType": "application/octet-stream", "buffer": mine}
            ],
        )
    got.value.save_as(tmp_path / "appended.xlsx")
    before, after = (
        load_workbook(io.BytesIO(mine)).worksheets[0],
        load_workbook(tmp_path / "appended.xlsx").worksheets[0],
    )
    assert [c.value for c in after[2]] == [c.value for c in before[2]]
    assert [after.cell(row=r, column=1).value for r in (2, 3, 4)] == [
        "PG-2026-0001",
        "PG-2026-0101",
        "PG-2026-0102",
    ]
    assert [str(v.sqref) for v in after.data_validations.dataValidation] == [
        str(v.sqref) for v in before.data_validations.dataValidation
    ]
    assert any(u.endswith("fill-worker.js") for _, u, _ in traffic.requests)

    # a row deleted is gone, after a reload too
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator(".hb-fill__rows > li.hb-fill__row").nth(0).locator(".hb-fill__delete").click()
    wait_data(page, "saved", "1")
    page.reload()
    wait_data(page, "saved", "1")
    assert "PG-2026-0102" in page.inner_text(".hb-fill__rows")
    assert "PG-2026-0101" not in page.inner_text(".hb-fill__rows")


def test_a_checklist_ticked_and_downloaded(browser, origin: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context, _traffic = browser
    page = context.new_page()
    page.set_viewport_size(PHONE)
    forget_rows(page, origin)
    page.goto(origin + "/forms/repair_followup_checklist/fill/")
    page.fill('[name="place"]', "阳光花园")
    page.fill('[name="date"]', "2026-03-05")
    page.fill('[name="role"]', "主管")
    page.fill('[name="work_order_no"]', "PG-2026-0101")
    for item in ("1", "2", "3", "4"):
        page.check(f'[name="done:{item}"]')
    page.fill('[name="note:5"]', "住户外出，改日补签")
    no_sideways_scrolling(page)
    page.click(".hb-fill__save")
    wait_data(page, "saved", "1")
    page.reload()
    wait_data(page, "saved", "1")
    wait_data(page, "stage", "ready")
    data = download(page, ".hb-fill__xlsx", tmp_path, "checklist.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert [sheet.cell(row=r, column=4).value for r in range(2, 8)] == ["是"] * 4 + ["否", "否"]
    assert sheet["E6"].value == "住户外出，改日补签"
    values = {row[1]: row[2] for row in sheet.iter_rows(min_row=9, values_only=True)}
    assert values["地点（项目 / 小区）"] == "阳光花园" and values["检查人职务"] == "主管"
    assert values["派工单号"] == "PG-2026-0101"


def test_a_row_is_filled_and_saved_with_the_keyboard(browser, origin: str) -> None:  # type: ignore[no-untyped-def]
    context, _traffic = browser
    page = context.new_page()
    page.set_viewport_size(PHONE)
    forget_rows(page, origin)
    page.goto(origin + "/forms/repair_followup/fill/")
    wait_data(page, "stage", "ready")
    page.fill('[name="completed_on"]', "2026-03-02")  # a date picker's keys differ by locale
    page.focus('[name="work_order_no"]')
    page.keyboard.type("PG-2026-0201")
    tab_to(page, "repair_item")  # past the flat (and any problem's link shown meanwhile)
    page.keyboard.type("换灯泡")
    tab_to(page, "repair_class")  # a select, chosen with the arrow keys
    page.keyboard.press("ArrowDown")
    assert page.eval_on_selector('[name="repair_class"]', "e => e.value") != ""
    tab_to(page, None)  # on to the save button
    page.keyboard.press("Enter")
    wait_data(page, "saved", "1")
    # a row half typed survives a reload (or following an article's link and coming back)
    page.focus('[name="repair_item"]')
    page.keyboard.type("楼道灯")
    page.wait_for_timeout(200)
    page.reload()
    wait_data(page, "saved", "1")
    assert page.input_value('[name="repair_item"]') == "楼道灯"


@pytest.mark.parametrize(
    ("lang", "form_id"),
    [("zh", "repair_followup"), ("en", "repair_followup"), ("zh", "repair_followup_checklist")],
)
def test_no_serious_or_critical_axe_violations(page, plain: str, lang: str, form_id: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(PHONE)
    page.goto(lang_root(plain, lang) + f"forms/{form_id}/fill/")
    if form_id == "repair_followup":
        wait_data(page, "stage", "ready")
        type_row(page, LATE)  # with problems shown under the fields
        assert page.locator(".hb-fill__form .hb-problem").count() > 0
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], "\n".join(bad)
