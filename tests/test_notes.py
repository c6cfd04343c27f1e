"""No article sits inside an editor's-note box (review defect 1: RV-15.2.2.5 was rendered
inside the note above it, because a list item written right after a note, without a blank
line, continues the note's paragraph).

The rule pages are rendered with the site's Markdown extensions (fast, every page in both
languages); the built site is read too (``-m site``), every page of both languages.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from handbook.site.pages import article_anchor

ROOT = Path(__file__).resolve().parent.parent
ART = re.compile(r"""\{\{\s*art\(\s*["']([^"']+)["']\s*\)\s*\}\}""")
MACRO = re.compile(r"\{\{.*?\}\}")
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.superfences"]
PAGES = [
    (lang, path.name)
    for lang in ("zh", "en")
    for path in sorted((ROOT / "docs" / lang / "rules").glob("s*.md"))
]


class _NoteScan(HTMLParser):
    """Collects the article ids (``id="RV-…"``) found inside a ``div.admonition``."""

    def __init__(self) -> None:
        super().__init__()
        self.divs: list[bool] = []
        self.inside: list[str] = []
        self.seen: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "div":
            self.divs.append("admonition" in (found.get("class") or "").split())
        ident = found.get("id") or ""
        if re.fullmatch(r"RV-\d+(?:\.\d+)*", ident):
            self.seen.append(ident)
            if any(self.divs):
                self.inside.append(ident)

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.divs:
            self.divs.pop()


def articles_inside_notes(page_html: str) -> tuple[list[str], list[str]]:
    """(ids inside an admonition, every id) of an HTML page."""
    scan = _NoteScan()
    scan.feed(page_html)
    return scan.inside, scan.seen


def render(text: str, lang: str) -> str:
    """A rule page's Markdown as the site renders its structure (macros: anchors only)."""
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    body = ART.sub(lambda m: article_anchor(m[1], lang), body)
    return markdown.markdown(MACRO.sub("", body), extensions=EXTENSIONS)


@pytest.mark.parametrize(("lang", "name"), PAGES)
def test_no_article_is_rendered_inside_an_editors_note(lang: str, name: str) -> None:
    text = (ROOT / "docs" / lang / "rules" / name).read_text(encoding="utf-8")
    inside, seen = articles_inside_notes(render(text, lang))
    assert seen == ART.findall(text), f"{lang}/rules/{name}: not every article rendered"
    assert not inside, f"{lang}/rules/{name}: {inside} rendered inside an editor's note"


def test_the_check_catches_an_item_that_continues_a_note() -> None:
    """Self-check with the layout the review found on s15 (no blank line after the note)."""
    text = (
        '2. {{ art("RV-15.2.2") }} Timing:\n'
        '    - {{ art("RV-15.2.2.4") }} (4) item\n\n'
        '        !!! note "Editor\'s note"\n'
        "            The source says so.\n"
        '    - {{ art("RV-15.2.2.5") }} (5) item\n'
    )
    assert articles_inside_notes(render(text, "en"))[0] == ["RV-15.2.2.5"]
    fixed = text.replace("so.\n    -", "so.\n\n    -")
    assert articles_inside_notes(render(fixed, "en"))[0] == []


@pytest.mark.site
def test_no_article_sits_inside_an_editors_note_on_any_built_page(site: Path) -> None:
    problems = []
    pages = 0
    for page in sorted(site.rglob("*.html")):
        inside, seen = articles_inside_notes(page.read_text(encoding="utf-8"))
        pages += bool(seen)
        problems += [f"{page.relative_to(site)}: {i}" for i in inside]
    assert pages >= 34, "the rule pages of both languages were not found"
    assert not problems, problems
