"""mkdocs-macros glue: exposes the handbook package to pages. No logic of its own.

The language is read at call time (``theme.language``), because the i18n
plugin re-runs the build once per language after ``define_env``.
"""

from __future__ import annotations

from pathlib import Path

from handbook import pages
from handbook.articles import article_index
from handbook.blank import DOWNLOAD_FORMATS, write_downloads
from handbook.content import load_errata, load_glossary
from handbook.loader import get_form, load_forms


def _lang(env) -> str:
    return "en" if str(env.conf["theme"]["language"]).startswith("en") else "zh"


def define_env(env) -> None:
    """Register the macros pages call (see each one's docstring)."""
    root = Path(env.project_dir)
    forms = load_forms(root / "forms")
    articles = article_index(root / "docs")

    def page_url() -> str:
        return env.page.url if env.page is not None else ""

    @env.macro
    def art(article_id: str) -> str:
        """The stable, linkable anchor of article ``article_id`` (e.g. RV-16.2)."""
        return pages.article_anchor(article_id, _lang(env))

    @env.macro
    def source_note() -> str:
        """Which section of the source this page comes from (front matter) and its effective date."""
        return pages.source_note(env.page.meta, _lang(env))

    @env.macro
    def missing(what: str) -> str:
        """A visible marker for text missing in the source."""
        return pages.missing(what, _lang(env))

    @env.macro
    def field_table(form_id: str) -> str:
        """The columns of register ``form_id`` in the page's language."""
        return pages.field_table(get_form(forms, form_id), _lang(env))

    @env.macro
    def downloads(form_id: str) -> str:
        """Links to the blank register files of ``form_id`` generated at build time."""
        return pages.download_links(
            get_form(forms, form_id), _lang(env), page_url(), DOWNLOAD_FORMATS
        )

    @env.macro
    def form_description(form_id: str) -> str:
        """The form's description and the articles that call for it, with links."""
        form = get_form(forms, form_id)
        lang = _lang(env)
        text = form.description.get(lang) if form.description else ""
        cites = pages.words(lang)["cites"] + pages.clause_links(form.clauses, articles, page_url())
        return f"{text}\n\n{cites}"

    @env.macro
    def errata_table() -> str:
        """Every correction made to the source text (errata/*.yaml)."""
        return pages.errata_table(load_errata(root / "errata"), articles, _lang(env), page_url())

    @env.macro
    def glossary_table() -> str:
        """The zh→en glossary (glossary.yaml)."""
        return pages.glossary_table(load_glossary(root / "glossary.yaml"), _lang(env))


def on_post_build(env) -> None:
    """Write the blank registers (every language) into the built site's ``downloads/``."""
    root = Path(env.project_dir)
    write_downloads(load_forms(root / "forms"), Path(env.conf["site_dir"]) / "downloads")
