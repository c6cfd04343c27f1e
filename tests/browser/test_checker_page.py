"""The checker page in Debian's Chromium: the validator's own problems, offline, in both languages, on a phone.

The site is served with the headers the README asks of an intranet server (CSP
``script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'``, .wasm as
application/wasm). Every request of the browser context is recorded and any
that leaves the origin is blocked and fails the test, as does any request that
sends data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browserkit import AXE, ROOT
from checkerkit import Traffic, checked, drop, drop_and_wait, serve, shown_problems, wait_ready
from click.testing import CliRunner

from checker_files import (
    NOT_A_REGISTER,
    csv_bytes,
    gbk_complaints,
    repair_workbook_with_problems,
    rows_of,
)
from handbook.cli import cli

pytestmark = pytest.mark.browser

FILES = [
    ("客户投诉登记表.csv", gbk_complaints),  # GBK, as Excel saves CSV on a Chinese PC
    ("维修回访.xlsx", repair_workbook_with_problems),  # errors and a warning
    ("走访记录.csv", lambda: csv_bytes(rows_of("visit_record"))),  # another form, no problems
    ("会议纪要.txt", lambda: NOT_A_REGISTER),  # not a register
    ("空.csv", lambda: b""),  # empty
]
GOOD = {"zh": "全部通过", "en": "All good"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture
def browser(context, origin: str) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    """The session's Chromium with every request recorded; the pages a test opens are closed after it."""
    before = set(context.pages)
    traffic = Traffic(context, origin)
    yield context, traffic
    context.unroute("**/*", traffic.route)
    for page in set(context.pages) - before:
        page.close()
    assert traffic.problems() == [], "a request left the origin or sent data"


def command(tmp_path: Path, name: str, data: bytes, lang: str) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["validate", str(path), "--format", "json", "--lang", lang])
    return json.loads(result.output)


def page_url(origin: str, lang: str) -> str:
    return f"{origin}/checker/" if lang == "zh" else f"{origin}/en/checker/"


@pytest.mark.parametrize(
    ("lang", "viewport"),
    [("zh", PHONE), ("en", PHONE), ("en", DESKTOP)],
    ids=["zh-390", "en-390", "en-1280"],
)
def test_the_page_shows_the_commands_problems(
    browser, origin: str, project_cwd: Path, tmp_path: Path, lang: str, viewport: dict
) -> None:  # type: ignore[no-untyped-def]
    context, traffic = browser
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.goto(page_url(origin, lang))
    wait_ready(page)
    for name, make in FILES:
        data = make()
        drop_and_wait(page, name, data)
        expected = command(tmp_path, name, data, lang)
        (file,) = expected["files"]
        wanted = sorted(expected["problems"], key=lambda p: p["severity"] != "error")
        shown = shown_problems(page)
        assert [(p["code"], p["severity"], p["message"]) for p in shown] == [
            (p["code"], p["severity"], p["message"]) for p in wanted
        ], name
        for got, want in zip(shown, wanted, strict=True):
            if want["row"] is not None:
                assert re.fullmatch(rf"[A-Z]+{want['row']}", got["where"]), (name, got)
                assert got["value"] in (want["value"], "（空）", "(empty)"), (name, got)
            if want["article_url"]:
                # the command links the language's own pages (en/…); the page, from its root
                relative = want["article_url"].removeprefix("en/")
                assert got["link"] == urljoin(page_url(origin, lang), "../" + relative)
        text = page.inner_text(".hb-checker__result")
        if file["fatal"]:
            assert file["fatal"]["message"].replace(str(tmp_path) + "/", "") in text
        else:
            form = next(f for f in rows_of_titles(lang) if f[0] == file["form"])
            assert form[1] in text and file["form"] in text
            assert f"{file['rows']:,}".replace(",", " ") in text
            assert (GOOD[lang] in text) == (file["errors"] == 0 and file["warnings"] == 0)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= viewport["width"], (
            f"{name}: the page scrolls sideways at {viewport['width']} px"
        )
    assert any(u.endswith("pyodide.asm.wasm") for _, u, _ in traffic.requests)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_gives_the_register_back_with_its_problems_marked(
    browser, origin: str, project_cwd: Path, tmp_path: Path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """The annotated copy of --annotate, built in the page from the same file."""
    from openpyxl import load_workbook

    context, _traffic = browser
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(page_url(origin, lang))
    wait_ready(page)
    data = repair_workbook_with_problems()
    drop_and_wait(page, "维修回访.xlsx", data)
    wanted = {
        p["cell"] for p in command(tmp_path, "维修回访.xlsx", data, lang)["problems"] if p["cell"]
    }
    with page.expect_download(timeout=120_000) as download:
        page.click(".hb-checker__annotate")
    assert download.value.suggested_filename == "维修回访.annotated.xlsx"
    saved = tmp_path / "marked.xlsx"
    download.value.save_as(saved)
    book = load_workbook(saved)
    register = book.worksheets[1]
    marked = {c.coordinate for row in register.iter_rows() for c in row if c.comment}
    assert marked == wanted and marked
    first = register[sorted(marked)[0]].comment.text
    assert first.startswith(("错误", "警告") if lang == "zh" else ("error", "warning"))
    assert book.sheetnames[0] == ("检查结果" if lang == "zh" else "Problems")


def rows_of_titles(lang: str) -> list[tuple[str, str]]:
    from handbook.load.forms import load_forms

    return [(f.id, f.title.get(lang)) for f in load_forms(ROOT / "forms").values()]


def test_keyboard_only(browser, origin: str) -> None:  # type: ignore[no-untyped-def]
    """Tab to the file button, Enter opens the picker; the kind of register is chosen by keyboard."""
    context, _traffic = browser
    page = context.new_page()
    choosers: list = []
    # listening before the page loads: Playwright may miss a chooser it starts to watch late
    page.on("filechooser", lambda chooser: choosers.append(chooser))
    page.goto(page_url(origin, "zh"))
    wait_ready(page)
    for _ in range(250):  # past the header, the menu and the page's own links
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('hb-checker__input')"):
            break
    else:
        pytest.fail("the file button cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_timeout(1000)
    assert len(choosers) == 1, "Enter on the focused file button opens no file chooser"
    choosers[0].set_files(
        files=[
            {
                "name": "维修回访.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": repair_workbook_with_problems(),
            }
        ]
    )
    page.wait_for_function(
        "() => document.querySelector('#hb-checker').dataset.checked === '1'", timeout=120_000
    )
    from handbook import checker

    expected = checker.check(repair_workbook_with_problems(), "维修回访.xlsx", "zh")["problems"]
    assert page.locator(".hb-checker__problems > li").count() == len(expected) > 0
    # the kind of register can be chosen with the keyboard too, and the file is checked again
    page.focus("#hb-checker-form")
    page.select_option("#hb-checker-form", "complaint_register")
    page.wait_for_function(
        "() => document.querySelector('#hb-checker').dataset.checked === '2'", timeout=120_000
    )
    assert "complaint_register" in page.inner_text(".hb-checker__result")


def test_a_page_opened_from_a_file_says_it_needs_the_web_server(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    context, _traffic = browser
    for lang, words in (("zh", "file://"), ("en", "file://")):
        page = context.new_page()
        path = (
            site / "checker" / "index.html"
            if lang == "zh"
            else site / "en" / "checker" / "index.html"
        )
        page.goto(path.as_uri())
        status = page.locator(".hb-checker__status")
        status.wait_for()
        page.wait_for_function(
            "() => document.querySelector('.hb-checker__status').dataset.state === 'error'"
        )
        assert words in status.inner_text()
        assert "http://" in status.inner_text()
        page.close()


def test_other_pages_do_not_load_the_checker(browser, origin: str) -> None:  # type: ignore[no-untyped-def]
    context, traffic = browser
    for path in ("/", "/forms/repair_followup/", "/en/validator/"):
        page = context.new_page()
        page.goto(origin + path)
        page.wait_for_load_state("networkidle")
        page.close()
    assert not [
        u for _, u, _ in traffic.requests if "checker" in u.rsplit("/", 1)[-1] or "/checker/" in u
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_form_and_validator_pages_send_staff_to_the_checker(site: Path, lang: str) -> None:
    base = site if lang == "zh" else site / "en"
    registers = [f for f, _ in rows_of_titles(lang) if (ROOT / "data" / f).is_dir()]
    pages = ["index.html", "validator/index.html", "forms/index.html"] + [
        f"forms/{f}/index.html" for f in registers
    ]
    for rel in pages:
        html = (base / rel).read_text(encoding="utf-8")
        assert re.search(r'href="(\.\./)*checker/"', html), rel


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_serious_or_critical_axe_violations_with_problems_shown(
    page, server: str, lang: str
) -> None:  # type: ignore[no-untyped-def]
    # the plain server (no CSP): axe is injected as an inline script
    page.set_viewport_size(PHONE)
    page.goto(page_url(server, lang))
    wait_ready(page)
    drop_and_wait(page, "维修回访.xlsx", repair_workbook_with_problems())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], "\n".join(bad)


def test_the_page_reads_every_type_in_the_readers_table_and_its_own_marked_copy(
    browser, origin: str, project_cwd: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Legacy .xls (xlrd in the page), LibreOffice's .ods, and the marked copy dropped back in."""
    context, _traffic = browser
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(page_url(origin, "en"))
    wait_ready(page)
    office = ROOT / "tests" / "data" / "office"
    accept = page.get_attribute(".hb-checker__input", "accept") or ""
    from handbook.registers.formats import REGISTER_SUFFIXES

    assert accept.split(",") == list(REGISTER_SUFFIXES)
    for name in ("filled_repair.xls", "repair_field_errors.ods"):
        data = (office / name).read_bytes()
        drop_and_wait(page, name, data)
        wanted = command(tmp_path, name, data, "en")["problems"]
        assert [p["code"] for p in shown_problems(page)] == [p["code"] for p in wanted], name
        assert "cannot be checked" not in page.inner_text(".hb-checker__result").lower()
    data = repair_workbook_with_problems()
    drop_and_wait(page, "维修回访.xlsx", data)
    first = [(p["code"], p["where"]) for p in shown_problems(page)]
    with page.expect_download(timeout=120_000) as download:
        page.click(".hb-checker__annotate")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    # making the copy took a request number too: wait for any newer check to finish
    before = checked(page)
    drop(page, saved.name, saved.read_bytes())
    page.wait_for_function(
        f"() => Number(document.querySelector('#hb-checker').dataset.checked) > {before}",
        timeout=120_000,
    )
    assert [(p["code"], p["where"]) for p in shown_problems(page)] == first and first
