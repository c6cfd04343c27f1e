"""Build the real site once and read it as a browser would receive it."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.site


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


class _Loads(HTMLParser):
    """Collects URLs a browser would fetch by itself when it loads the page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in (
            "script",
            "img",
            "iframe",
            "audio",
            "video",
            "source",
            "embed",
            "track",
        ) and a.get("src"):
            self.urls.append(a["src"] or "")
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if any(
                r in rel
                for r in (
                    "stylesheet",
                    "icon",
                    "preload",
                    "prefetch",
                    "preconnect",
                    "manifest",
                    "dns-prefetch",
                    "modulepreload",
                )
            ):
                self.urls.append(a["href"] or "")
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"] or "")
        for key in ("srcset",):
            if a.get(key):
                self.urls.extend(part.strip().split(" ")[0] for part in (a[key] or "").split(","))


EXTERNAL = re.compile(r"^(https?:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""")


def test_field_table_and_download_link_in_both_languages(site: Path) -> None:
    zh = html_of(site, "forms/complaint_register")
    en = html_of(site, "en/forms/complaint_register")
    assert '<td data-label="列名">投诉编号</td>' in zh and "<code>complaint_no</code>" in zh
    assert "来访 / 来电 / 来函" in zh
    assert '<td data-label="Column">Complaint no.</td>' in en and "In person / Phone / Letter" in en
    for page, url, lang in (
        (zh, "forms/complaint_register", "zh"),
        (en, "en/forms/complaint_register", "en"),
    ):
        match = re.search(r'href="([^"]+complaint_register\.' + lang + r'\.csv)"', page)
        assert match, f"no CSV link on {url}"
        target = (site / url / match.group(1)).resolve()
        raw = target.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), target
        header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert header[0] == ("投诉编号" if lang == "zh" else "Complaint no.")


def test_chinese_default_at_root_english_under_en(site: Path) -> None:
    assert 'lang="zh"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in (site / "en/index.html").read_text(encoding="utf-8")


def test_language_switcher_keeps_the_page(site: Path) -> None:
    zh = html_of(site, "forms/complaint_register")
    en = html_of(site, "en/forms/complaint_register")
    assert 'href="../../en/forms/complaint_register/"' in zh
    assert 'href="../../../forms/complaint_register/"' in en


def test_search_vocabulary_is_cut_with_jieba(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    settings = index["config"]["handbook"]
    # the words the worker cuts a query into: jieba's words of the pages, and the glossary
    vocabulary = set(settings["vocabulary"])
    assert {"登记表", "回访", "投诉", "漏水", "座谈会"} <= vocabulary
    assert "物业服务中心" in vocabulary  # a glossary term
    # the pages' text is shown as it is: no invisible marks left in it
    assert not any("\u200b" in d["text"] or "\u2060" in d["text"] for d in index["docs"])
    # one index per language (handbook.site.search): English pages read en/search/
    assert index["config"]["lang"] == ["zh"]
    assert (
        json.loads((site / "en/search/search_index.json").read_text("utf-8"))["config"]["handbook"][
            "vocabulary"
        ]
        == []
    )


def test_no_page_loads_anything_from_the_internet(site: Path) -> None:
    offenders = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            parser = _Loads()
            parser.feed(path.read_text(encoding="utf-8"))
            offenders += [f"{path}: {u}" for u in parser.urls if EXTERNAL.match(u)]
            # inline styles and scripts may load too
            text = path.read_text(encoding="utf-8")
            offenders += [
                f"{path}: {u}"
                for u in CSS_URL.findall(text) + CSS_IMPORT.findall(text)
                if EXTERNAL.match(u)
            ]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [
                f"{path}: {u}"
                for u in CSS_URL.findall(text) + CSS_IMPORT.findall(text)
                if EXTERNAL.match(u)
            ]
    assert offenders == []
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_external_url_detector_can_fail() -> None:
    parser = _Loads()
    parser.feed(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.example.com/x.js"></script><a href="https://example.com">ok</a>'
    )
    assert [u for u in parser.urls if EXTERNAL.match(u)] == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "//cdn.example.com/x.js",
    ]


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append((a["href"] or "", "hreflang" in a))


def test_every_relative_link_resolves_and_english_pages_stay_english(site: Path) -> None:
    from posixpath import normpath
    from urllib.parse import urldefrag, urlsplit

    broken, crossing = [], []
    for page in site.rglob("*.html"):
        rel_dir = page.parent.relative_to(site).as_posix()
        parser = _Anchors()
        parser.feed(page.read_text(encoding="utf-8"))
        for href, switcher in parser.links:
            if urlsplit(href).scheme or href.startswith(("#", "/", "javascript:", "mailto:")):
                continue
            target = (
                normpath(f"{rel_dir}/{urldefrag(href).url}")
                if rel_dir != "."
                else normpath(urldefrag(href).url)
            )
            path = site / target
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} -> {href}")
            if (
                rel_dir.startswith("en")
                and not switcher
                and not target.startswith(("en", "downloads", "assets", "search"))
            ):
                crossing.append(f"{page.relative_to(site)} -> {href}")
    assert broken == []
    assert crossing == []
