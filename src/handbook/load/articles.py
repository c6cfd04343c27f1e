"""The handbook's article ids, read from the pages that define them.

A page defines an article with the macro call ``{{ art("RV-16.2") }}``; the
pages are the single source of truth for which ids exist and where.
"""

from __future__ import annotations

import re
from pathlib import Path

ARTICLE_ID = re.compile(r"^RV-\d{1,2}(\.\d{1,2}){1,3}$")
_DEFINITION = re.compile(r"""\{\{\s*art\(\s*["'](RV-[0-9.]+)["']\s*\)\s*\}\}""")


def page_articles(text: str) -> list[str]:
    """The article ids a page's Markdown defines, in order."""
    return _DEFINITION.findall(text)


def article_index(docs: Path, lang: str = "zh") -> dict[str, str]:
    """Every article id → the page (path relative to ``docs/<lang>/``) that defines it."""
    index: dict[str, str] = {}
    root = docs / lang
    if not root.is_dir():
        return index
    for page in sorted(root.rglob("*.md")):
        rel = page.relative_to(root).as_posix()
        for article in page_articles(page.read_text(encoding="utf-8")):
            index.setdefault(article, rel)
    return index


def page_url(rel_path: str) -> str:
    """The site URL (directory style, relative to the language root) of a page path."""
    if rel_path.endswith("index.md"):
        return rel_path[: -len("index.md")]
    return rel_path[: -len(".md")] + "/"
