"""The site's URL rule for languages: Chinese at the root, English under ``en/``.

Every link builder (pages, task pages, the command's article links, the stale
translations table) asks here, so the rule lives in one place.
"""

from __future__ import annotations

#: the language served at the site's root; every other language has a folder of its own
ROOT_LANG = "zh"


def lang_dir(lang: str) -> str:
    """The folder of a language's pages under the site root: ``""`` or ``"en/"``."""
    return "" if lang == ROOT_LANG else f"{lang}/"


def up_to_lang_root(from_url: str) -> str:
    """From a page (URL relative to its language root) up to that language root."""
    stripped = from_url.strip("/")
    return "../" * (stripped.count("/") + 1) if stripped else ""


def up_to_site_root(from_url: str, lang: str) -> str:
    """From a page (URL relative to its language root) up to the site root (downloads/, assets/)."""
    return up_to_lang_root(from_url) + "../" * lang_dir(lang).count("/")
