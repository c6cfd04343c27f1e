"""Unit tests of handbook.site.searchindex: where each language's index lives, the pages' wiring."""

from __future__ import annotations

from pathlib import Path

from handbook.site.searchindex import (
    index_path,
    label_search_dialog,
    page_boost,
    rebase_page_config,
)


def test_page_boost_matches_folders_and_single_pages() -> None:
    boosts = {"editors/": 0.2, "policy/": 0.3, "": 0.5}
    assert page_boost("editors/errata/#x", boosts) == 0.2
    assert page_boost("policy/", boosts) == 0.3
    assert page_boost("", boosts) == 0.5
    assert page_boost("rules/s01/", boosts) is None


def test_index_path_is_under_the_language_prefix() -> None:
    assert index_path(Path("site")) == Path("site/search/search_index.json")
    assert index_path(Path("site"), "en") == Path("site/en/search/search_index.json")


def test_rebase_page_config_points_a_page_at_its_language_root() -> None:
    page = (
        '<html><script id="__config" type="application/json">'
        '{"base": "../../..", "search": "../../../assets/w.js"}</script></html>'
    )
    out = rebase_page_config(page, "en")
    assert '"base": "../../../en/"' in out
    assert '"search": "../../../assets/w.js"' in out
    assert rebase_page_config(page, "") == page
    assert rebase_page_config("<html></html>", "en") == "<html></html>"


def test_the_search_dialog_is_named_by_its_input() -> None:
    page = (
        '<div class="md-search" data-md-component="search" role="dialog">'
        '<input type="text" class="md-search__input" name="query" aria-label="搜索"></div>'
    )
    assert 'role="dialog" aria-label="搜索">' in label_search_dialog(page)
    assert label_search_dialog("<p>no search</p>") == "<p>no search</p>"
