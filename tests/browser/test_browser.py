"""The served site in Debian's Chromium: search, language switch, downloads, print, PDFs, a11y, network.

Run apart with ``pytest -m browser`` (``make test-browser``). Needs
/usr/bin/chromium (``make chromium``), fonts-noto-cjk and, for the axe-core
checks, ``npm ci`` (``make node_modules``).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from browserkit import AXE, ROOT, RecordedPage, open_recorded, outside
from openpyxl import load_workbook
from pypdf import PdfReader

from handbook.site import pdf as handbook_pdf
from searchcases import Case, params

pytestmark = pytest.mark.browser

SEARCH = "input.md-search__input"
FIRST_LINKS = ".md-search-result__item > a.md-search-result__link"


WAITING = "/键入以开始搜索|正在初始化搜索引擎|Type to start searching|Initializing search/"
NOTHING = "/没有找到符合条件的结果|No matching documents/"


def search(page, query: str, mode: str = "typed") -> list[str]:  # type: ignore[no-untyped-def]
    """Enter ``query`` in Material's search box; the result links, in order.

    ``mode`` is how the text arrives: ``typed`` ends with a key press, as typing
    does; ``pasted`` inserts it with no key event at all (a paste, voice or
    handwriting input); ``composed`` goes through an input method's composition
    (Chrome DevTools Protocol ``Input.imeSetComposition``, then the committed
    text). The worker probe (browserkit.WORKER_PROBE) tells when the worker has
    answered this very query; then the rendered list is read.
    """
    page.bring_to_front()  # a page in the background gets no focus events
    box = page.locator(SEARCH)
    if mode == "typed":
        box.fill(query)
        box.press("End")
    else:
        box.fill("")
        box.focus()
        if mode == "pasted":
            page.keyboard.insert_text(query)
        else:
            cdp = page.context.new_cdp_session(page)
            for partial in ("ime", query):
                cdp.send(
                    "Input.imeSetComposition",
                    {"text": partial, "selectionStart": len(partial), "selectionEnd": len(partial)},
                )
            cdp.send("Input.insertText", {"text": query})
            cdp.detach()
    page.wait_for_function(
        "q => window.__search && __search.last === q && __search.answered === __search.sent",
        arg=query,
    )
    meta = "(document.querySelector('.md-search-result__meta') || {}).textContent || ''"
    items = "document.querySelector('.md-search-result__item')"
    page.wait_for_function(f"() => !{WAITING}.test({meta}) && ({items} || {NOTHING}.test({meta}))")
    return page.eval_on_selector_all(FIRST_LINKS, "links => links.map(a => a.href)")


def page_of(href: str, lang: str) -> str:
    """A result link as a page URL relative to its language root (``rules/s16/``)."""
    path = urlsplit(href).path.lstrip("/")
    prefix = "" if lang == "zh" else f"{lang}/"
    assert path.startswith(prefix), f"{href} is not a {lang} page"
    return path[len(prefix) :]


# --- search, then switch language -------------------------------------------------


def test_search_leak_open_the_rule_then_read_it_in_english(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    links = search(page, "漏水")
    assert links and page_of(links[0], "zh") in ("rules/s16/", "forms/repair_followup/")
    rule = next(link for link in links if page_of(link, "zh") == "rules/s16/")
    page.locator(f'{FIRST_LINKS}[href="{rule}"]').first.click()
    page.wait_for_url(re.compile(r"/rules/s16/"))
    assert page.locator("h1").first.inner_text().startswith("回访工作制度")
    assert "漏水" in page.locator("article").inner_text()

    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(re.compile(r"/en/rules/s16/"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text().startswith("Follow-up work rules")

    # the English page searches English pages only
    for query in ("leak", "漏水"):
        links = search(page, query)
        assert all(urlsplit(link).path.startswith("/en/") for link in links), (query, links)
    assert search(page, "leak")


@pytest.fixture(scope="module")
def search_pages(context, server: str):  # type: ignore[no-untyped-def]
    """One page per language, kept open for the whole query list."""
    pages = {}
    for lang, path in (("zh", "/"), ("en", "/en/")):
        rec = open_recorded(context)
        rec.page.goto(server + path)
        pages[lang] = rec
    yield pages
    for rec in pages.values():
        rec.page.close()
        assert outside(rec.requests) == [], "requests left 127.0.0.1"


@pytest.mark.parametrize("mode", ["typed", "pasted", "composed"])
@pytest.mark.parametrize("case", params())
def test_search_box_finds_the_right_page_first(
    case: Case, mode: str, search_pages: dict[str, RecordedPage]
) -> None:
    if mode == "composed" and case.lang != "zh":
        pytest.skip("an input method composes Chinese; English is typed or pasted")
    links = search(search_pages[case.lang].page, case.query, mode)
    found = [page_of(link, case.lang) for link in links]
    first = found[0].split("#")[0] if found else None
    assert case.ok(first), (
        f"{case.lang} query {case.query!r} ({mode}): first result {first!r}, "
        f"expected one of {list(case.expect)}; top results {found[:5]}"
    )


def test_a_pasted_query_searches_without_another_key(page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 13: pasted text showed 键入以开始搜索 until another key was pressed."""
    page.goto(server + "/")
    links = search(page, "漏水回访", "pasted")
    assert links and page_of(links[0], "zh") in ("rules/s16/", "forms/repair_followup/")
    assert "键入以开始搜索" not in page.inner_text(".md-search-result__meta")
    # the words found are marked in the result, as Material marks them
    assert page.locator(".md-search-result mark").count() > 0


# --- blank registers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "first_column"),
    [
        ("/forms/complaint_register/", "投诉编号"),
        ("/en/forms/complaint_register/", "Complaint no."),
    ],
)
def test_blank_register_downloads(
    page, server: str, tmp_path: Path, url: str, first_column: str
) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + url)
    links = page.locator("a.hb-download")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert any(h.endswith(".csv") for h in hrefs), hrefs
    for i, href in enumerate(hrefs):
        with page.expect_download() as info:
            links.nth(i).click()
        download = info.value
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        if href.endswith(".csv"):
            raw = path.read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf"), "the CSV needs a BOM for Excel"
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            assert len(rows) == 1 and rows[0][0] == first_column
        elif href.endswith(".xlsx"):
            sheet = load_workbook(path).active
            header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
            assert header[0] == first_column
            assert sheet.max_row >= 1
        else:
            pytest.fail(f"unexpected download {href}")


# --- printing a checklist ---------------------------------------------------------

A4_POINTS = (595.3, 841.9)


def _checklists() -> list[str]:
    ids = []
    for form in sorted((ROOT / "forms").glob("*.yaml")):
        data = yaml.safe_load(form.read_text(encoding="utf-8"))
        if data.get("kind") == "checklist":
            ids.append(data["id"])
    return ids


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("form_id", _checklists())
def test_checklist_prints_on_one_a4_sheet(page, server: str, form_id: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    url = f"{server}{'' if lang == 'zh' else '/en'}/forms/{form_id}/"
    page.goto(url)
    page.emulate_media(media="print")
    # 210 mm - 2 x 15 mm margins at 96 dpi: nothing may be wider than the printable width
    page.set_viewport_size({"width": 680, "height": 960})
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 680, f"{url}: the printed page is {overflow}px wide (A4 holds 680px)"
    data = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == pytest.approx(
        A4_POINTS, abs=1
    )
    assert len(reader.pages) == 1, f"{url} prints on {len(reader.pages)} A4 sheets"
    text = reader.pages[0].extract_text()
    rows = page.locator(".hb-checklist table.hb-items tbody tr").count()
    assert rows > 0 and page.locator(".hb-checklist").is_visible()
    assert "上一页" not in text and "Previous" not in text  # the site's chrome is not printed


def test_every_checklist_is_covered() -> None:
    assert _checklists(), "no checklist forms found: the print test would test nothing"


# --- the PDFs ----------------------------------------------------------------------

RULE_TITLE = re.compile(r"^# (.+)$", re.M)


def _rule_titles(lang: str) -> list[str]:
    return [
        RULE_TITLE.search(p.read_text(encoding="utf-8")).group(1).strip()  # type: ignore[union-attr]
        for p in sorted((ROOT / "docs" / lang / "rules").glob("s[0-9][0-9].md"))
    ]


def _nav_label(lang: str, page: str) -> str:
    """A page's menu label in ``lang``, as the printed contents show it (mkdocs.yml's nav)."""
    labels = re.findall(rf"^\s*- (.+): {re.escape(page)}$", (ROOT / "mkdocs.yml").read_text(), re.M)
    return labels[0] if lang == "zh" else labels[1]


def _outline_titles(outline) -> list[str]:  # type: ignore[no-untyped-def]
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles += _outline_titles(item)
        else:
            titles.append(str(item.title))
    return titles


@pytest.mark.parametrize(("lang", "home"), [("zh", "/"), ("en", "/en/")])
def test_the_pdf_of_each_language(
    page, server: str, site: Path, tmp_path: Path, lang: str, home: str
) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + home + "rules/s16/")
    link = page.locator(".hb-pdf-link a")
    assert link.count() == 1, "no PDF link in the footer"
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok and response.body().startswith(b"%PDF")
    path = tmp_path / "handbook.site.pdf"
    path.write_bytes(response.body())
    reader = PdfReader(str(path))
    assert len(reader.pages) > 20
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == pytest.approx(
        A4_POINTS, abs=1
    )

    outline = _outline_titles(reader.outline)
    missing = [t for t in _rule_titles(lang) if t not in outline]
    assert not missing, f"sections missing from the PDF outline: {missing}"

    text = "".join(p.extract_text() for p in reader.pages)
    radicals = sorted({c for c in text if 0x2E80 <= ord(c) <= 0x2FDF})
    assert not radicals, f"radicals in the text layer (search in the PDF fails): {radicals[:10]}"
    assert ("漏水项目维修三天内回访" if lang == "zh" else "repairs of leaks within three days") in (
        re.sub(r"\s+", "", text) if lang == "zh" else re.sub(r"\s+", " ", text)
    )

    # the printed contents give the sheet each page starts on
    dests = {
        str(name).lstrip("/"): reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }
    sheet = dests[handbook_pdf.page_key(("" if lang == "zh" else "en/") + "rules/s16/")]
    contents = re.sub(r"\s+", " ", " ".join(reader.pages[i].extract_text() for i in range(1, 4)))
    title = _nav_label(lang, "rules/s16.md")
    assert re.search(re.escape(title) + rf" ?{sheet}(?!\d)", contents), (
        f"the contents do not give sheet {sheet} for {title!r}"
    )


def test_print_page_sets_han_text_in_noto_cjk(page, server: str) -> None:  # type: ignore[no-untyped-def]
    """Chromium reports which installed font drew the glyphs: Noto CJK, no fallback."""
    page.goto(server + "/downloads/handbook.zh.html")
    client = page.context.new_cdp_session(page)
    client.send("DOM.enable")
    client.send("CSS.enable")
    root = client.send("DOM.getDocument")["root"]["nodeId"]
    fonts: dict[str, int] = {}
    for selector in ("#p-rules-s16 h1", "#p-rules-s16 p", "#p-rules-s01 li", ".hb-toc li a"):
        node = client.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, selector
        for font in client.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            fonts[font["familyName"]] = fonts.get(font["familyName"], 0) + font["glyphCount"]
    assert fonts.get("Noto Sans CJK SC", 0) > 0, fonts
    assert all(name.startswith(("Noto Sans CJK", "Noto Sans Mono CJK")) for name in fonts), fonts


# --- accessibility -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/forms/complaint_register/", "/en/", "/en/forms/complaint_register/"]
)
def test_no_serious_or_critical_axe_violations(page, server: str, url: str) -> None:  # type: ignore[no-untyped-def]
    assert AXE.is_file(), "axe-core is not installed: run `npm ci` (make node_modules)"
    page.goto(server + url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], "\n".join(bad)


# --- the network -------------------------------------------------------------------


def test_no_request_leaves_127_0_0_1(recorded: RecordedPage, server: str) -> None:
    """Visit pages of every kind, search, and list every request: all go to 127.0.0.1."""
    page = recorded.page
    for url in (
        "/",
        "/rules/s01/",
        "/forms/complaint_register/",
        "/forms/repair_followup_checklist/",
        "/glossary/",
        "/en/",
        "/en/rules/s16/",
        "/downloads/handbook.zh.html",
    ):
        page.goto(server + url, wait_until="networkidle")
    page.goto(server + "/")
    search(page, "漏水")
    page.goto(server + "/en/")
    search(page, "leak")
    hosts = {
        urlsplit(u).hostname for u in recorded.requests if urlsplit(u).scheme in ("http", "https")
    }
    assert hosts == {"127.0.0.1"}, hosts
    fetched = " ".join(recorded.requests)
    # the recorder sees what the search worker fetches, so it would see anything else too
    assert "search/search_index.json" in fetched and "/en/search/search_index.json" in fetched
    assert outside(recorded.requests) == []
