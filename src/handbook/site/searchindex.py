"""Where each language's search index lives, and the page wiring around Material's search.

The index itself and the worker that reads it are ``handbook.site.search``.
mkdocs-static-i18n writes one index for all languages and Material's page
script would show every result whatever the reader's language (the plugin's
issue #271): ``handbook.site.search`` writes one index per language, at
``index_path``; ``rebase_page_config`` points each page of a non-default
language at its own. ``page_boost`` ranks some pages lower (reference pages
that mention every term) or higher; ``label_search_dialog`` names Material's
search dialog for screen readers.

Pure functions on strings and paths; nothing here knows about MkDocs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

_INDEX_PATH = Path("search") / "search_index.json"


def page_boost(location: str, boosts: Mapping[str, float]) -> float | None:
    """The boost ``boosts`` gives the page of ``location`` (relative to its language root).

    A key ending in ``/`` names a folder of pages (``editors/``, ``policy/``);
    any other key one page (``""`` is the home page).
    """
    page = location.split("#", 1)[0]
    for key, boost in boosts.items():
        if page == key or (key.endswith("/") and page.startswith(key)):
            return float(boost)
    return None


def index_path(site_dir: Path, lang_prefix: str = "") -> Path:
    """Where the worker of a page whose search base is ``site_dir/lang_prefix`` reads its index."""
    return Path(site_dir) / lang_prefix / _INDEX_PATH


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def rebase_page_config(page_html: str, lang_prefix: str) -> str:
    """Point a page's search at its language's index: append ``lang_prefix`` to Material's base.

    Material fetches ``search/search_index.json`` relative to ``base`` in the
    page's ``__config`` script and resolves result locations against it. The
    base of a page under ``en/`` is the site root; it becomes ``en/``.
    """
    match = _CONFIG.search(page_html)
    if match is None or not lang_prefix:
        return page_html
    config = json.loads(match.group(2))
    config["base"] = f"{str(config.get('base', '.')).rstrip('/')}/{lang_prefix.strip('/')}/"
    return (
        page_html[: match.start(2)]
        + json.dumps(config).replace("<", "\\u003c")
        + page_html[match.end(2) :]
    )


_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(>)')
_INPUT_LABEL = re.compile(r'<input[^>]*class="md-search__input"[^>]*aria-label="([^"]*)"')


def label_search_dialog(page_html: str) -> str:
    """Give Material's search dialog the accessible name of its input (WCAG 4.1.2).

    Material marks the search panel ``role="dialog"`` without a name (axe-core:
    aria-dialog-name, serious); the search box's own label ("搜索", "Search")
    names it in the page's language.
    """
    label = _INPUT_LABEL.search(page_html)
    if label is None:
        return page_html
    return _DIALOG.sub(
        lambda m: f'{m.group(1)} aria-label="{label.group(1)}"{m.group(2)}', page_html, 1
    )
