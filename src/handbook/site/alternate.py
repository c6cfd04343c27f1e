"""The language switch: what each page's ``<head>`` says about its other-language twin.

mkdocs-static-i18n writes ``<link rel="alternate" hreflang=…>`` pointing at the twin
page. Material reads every such link as the *root* of a language and fetches
``sitemap.xml`` next to it (``/rules/s13/sitemap.xml``): two 404s in the console of
every page, and a switch that drops the anchor. The header links go; the language
menu (``.md-select__link``) stays, and ``assets/handbook.js`` carries the anchor
(``/rules/s13/#RV-13.2`` → ``/en/rules/s13/#RV-13.2``).
"""

from __future__ import annotations

import re

_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def drop_alternate_links(page_html: str) -> str:
    """The page without its ``<link rel="alternate" hreflang>`` lines (RSS links stay)."""
    head, sep, body = page_html.partition("</head>")
    return _ALTERNATE.sub("", head) + sep + body
