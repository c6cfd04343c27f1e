"""MkDocs hooks: glue between the build and the handbook package. No logic of its own.

- ``on_page_markdown``: a regulation page (``<lang>/rules/sNN.md``) shows the
  date of its last change from git (Material renders ``revision_date``);
- ``on_post_page``: the search dialog gets an accessible name; the head loses the
  hreflang links Material would fetch sitemaps beside (site/alternate.py); a page of a
  non-default language searches its own index; every page searches with the
  handbook's worker (``handbook.site.search``);
  with the PDF enabled, every page links its language's PDF in the footer;
- ``on_post_build``, once every language is built (after mkdocs-static-i18n's
  own ``on_post_build``, which builds the other languages): one search index
  per language, and the PDFs when ``extra.handbook_pdf`` is true
  (``HANDBOOK_PDF=1``, as ``make pdf`` does); the checker page's Pyodide and
  Python zip (``assets/checker/``).

mkdocs-static-i18n runs every hook once per language; what must see all
languages is done in the default language's ``on_post_build``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from handbook.errors import HandbookError
from handbook.site import alternate, checker_bundle, history, pdf, searchindex
from handbook.site import search as site_search

# language -> (its navigation's pages in order, site name, site description)
_BUILT: dict[str, tuple[list[Any], str, str]] = {}


def _lang(config) -> str:
    return str(config.theme["language"])


def _languages(config) -> tuple[str, list[str]]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return _lang(config), []
    languages = i18n.config.languages
    default = next(lang.locale for lang in languages if lang.default)
    return default, [lang.locale for lang in languages if not lang.default and lang.build]


def _inner_build(config) -> bool:
    """True while mkdocs-static-i18n builds a non-default language."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def _pdf_enabled(config) -> bool:
    return str(config.extra.get("handbook_pdf", "")).strip().lower() in {"1", "true", "yes", "on"}


def on_pre_build(config) -> None:
    if not _inner_build(config):
        _BUILT.clear()


def on_nav(nav, config, files):
    _BUILT[_lang(config)] = (list(nav.pages), config.site_name, config.site_description or "")
    return nav


def on_page_markdown(markdown, page, config, files):
    source = page.file.abs_src_path
    found = history.rule_page(source) if source else None
    if found:
        date = history.last_change(Path(source), Path(config.config_file_path).parent)
        if date is not None:
            page.meta["revision_date"] = history.revision_label(date, found[0])
    return markdown


def on_post_page(output, page, config):
    lang = _lang(config)
    output = searchindex.label_search_dialog(output)
    output = site_search.page_html(output)
    output = alternate.drop_alternate_links(output)
    if lang != _languages(config)[0]:
        output = searchindex.rebase_page_config(output, lang)
    if _pdf_enabled(config):
        output = pdf.add_footer_link(output, pdf.link_html(page.url, lang))
    return output


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config) -> None:
    if _inner_build(config):
        return
    site = Path(config.site_dir)
    default, others = _languages(config)
    root = Path(config.config_file_path).parent
    try:
        site_search.write_site(
            site,
            default,
            others,
            config.extra.get("handbook_search_boost") or {},
            root / "glossary.yaml",
            lexicon=root / "lexicon.yaml",
            forms=root / "forms",
        )
    except HandbookError as exc:
        raise PluginError(exc.render(default)) from None
    try:
        checker_bundle.write_bundle(site, Path(config.config_file_path).parent)
    except checker_bundle.BundleError as exc:
        raise PluginError(str(exc)) from None
    if not _pdf_enabled(config):
        return
    for lang, (pages, name, description) in _BUILT.items():
        nav = [
            pdf.NavPage(p.url, p.title or p.url, p.parent.title if p.parent else None)
            for p in pages
        ]
        pdf.build_pdf(nav, site, lang, name, description)
