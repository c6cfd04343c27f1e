"""mkdocs-macros glue: exposes the handbook package to pages. No logic of its own.

The language is read at call time (``theme.language``), because the i18n
plugin re-runs the build once per language after ``define_env``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from handbook.blanks import DOWNLOAD_FORMATS, write_downloads
from handbook.load.articles import article_index
from handbook.load.content import load_errata, load_errata_classes, load_glossary
from handbook.load.forms import get_form, load_forms
from handbook.load.policy import load_policy
from handbook.load.tasks import load_tasks
from handbook.messages import render
from handbook.project import today
from handbook.registers import formats
from handbook.site import fill_page, history, pages, policy_page, tasks
from handbook.site.indicators_page import indicators_page
from handbook.site.limits_page import limits_table as _limits_table

# Not under "mkdocs.": a stale translation is shown, but does not fail `mkdocs build --strict`.
_LOG = logging.getLogger("handbook.build")


def _lang(env) -> str:
    return "en" if str(env.conf["theme"]["language"]).startswith("en") else "zh"


def define_env(env) -> None:
    """Register the macros pages call (see each one's docstring)."""
    root = Path(env.project_dir)
    forms = load_forms(root / "forms")
    articles = article_index(root / "docs")

    def task_list():
        # read at call time, so a change of policy.yaml or tasks.yaml shows on `mkdocs serve`
        policy = load_policy(root / "policy.yaml")
        return policy, load_tasks(root / "tasks.yaml", policy, forms, articles)

    def page_url() -> str:
        # relative to the language root: English pages live under en/, and their links
        # to articles and forms must stay in English
        url = env.page.url if env.page is not None else ""
        return url.removeprefix("en/")

    @env.macro
    def art(article_id: str) -> str:
        """The stable, linkable anchor of article ``article_id`` (e.g. RV-16.2)."""
        return pages.article_anchor(article_id, _lang(env))

    @env.macro
    def checker_accept() -> str:
        """The file types the checker page accepts (``accept`` of its file input), from the readers' table."""
        return formats.checker_accept()

    @env.macro
    def register_types() -> str:
        """The register file types that can be checked, named in the page's language."""
        return formats.describe(_lang(env))

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
        form = get_form(forms, form_id)
        links = pages.download_links(form, _lang(env), page_url(), DOWNLOAD_FORMATS)
        # and the page where the form is filled in on a phone (issue 24)
        return links + "\n\n" + fill_page.fill_link(form, _lang(env), page_url())

    @env.macro
    def fill_form(form_id: str) -> str:
        """The fill-in page of ``form_id``: its inputs generated from the form, saved rows, downloads."""
        return fill_page.fill_html(get_form(forms, form_id), _lang(env), articles, page_url())

    @env.macro
    def form_description(form_id: str) -> str:
        """The form's description and the articles that call for it, with links."""
        form = get_form(forms, form_id)
        lang = _lang(env)
        text = form.description.get(lang) if form.description else ""
        cites = pages.words(lang)["cites"] + pages.clause_links(
            form.clauses, articles, page_url(), lang
        )
        limits = policy_page.form_limits(form, policy(), forms.values(), lang, today())
        return f"{text}\n\n{cites}" + (f"\n\n{limits}" if limits else "")

    @env.macro
    def errata_table() -> str:
        """Every correction made to the source text (errata/*.yaml)."""
        return pages.errata_table(load_errata(root / "errata"), articles, _lang(env), page_url())

    @env.macro
    def errata_classes() -> str:
        """The classes of edits not listed one by one (errata/classes.yaml), as a list."""
        return pages.errata_classes(load_errata_classes(root / "errata"), _lang(env))

    @env.macro
    def glossary_table() -> str:
        """The zh→en glossary (glossary.yaml)."""
        return pages.glossary_table(load_glossary(root / "glossary.yaml"), _lang(env))

    @env.macro
    def limits_table(lang: str) -> str:
        """The limits of reading a register (handbook.registers.limits) as a table."""
        return _limits_table(lang)

    @env.macro
    def checklist(form_id: str) -> str:
        """The printable checklist ``form_id`` with tick boxes and signature lines."""
        return pages.checklist_html(get_form(forms, form_id), _lang(env))

    @env.macro
    def forms_index() -> str:
        """Every register and checklist with its articles and downloads."""
        return pages.forms_index(forms.values(), articles, _lang(env), page_url())

    @env.macro
    def related_forms() -> str:
        """The registers and checklists the articles on this page call for."""
        src = env.page.file.src_uri
        rel = src.split("/", 1)[1] if src.split("/", 1)[0] in ("zh", "en") else src
        page_ids = {a for a, page in articles.items() if page == rel}
        return pages.related_forms(forms.values(), page_ids, _lang(env), page_url())

    def policy():
        return load_policy(root / "policy.yaml")

    def links(clauses) -> str:
        return pages.clause_links(clauses, articles, page_url(), _lang(env))

    @env.macro
    def policy_table() -> str:
        """Every number of the rules from policy.yaml, in force today, with its articles and alternatives."""
        return policy_page.policy_table(policy(), forms.values(), links, _lang(env), today())

    @env.macro
    def policy_history() -> str:
        """Each setting's earlier values from policy.yaml (until, value, articles)."""
        return policy_page.policy_history(policy(), forms.values(), links, _lang(env))

    @env.macro
    def policy_value(key: str, selector: str | None = None) -> str:
        """The value of policy setting ``key`` in force today, in words (``selector``: one entry of a map)."""
        view = policy_page.PolicyView(policy(), forms.values(), _lang(env))
        return view.in_force(key, today(), selector)

    @env.macro
    def task_page(task_id: str) -> str:
        """The task page ``task_id`` of tasks.yaml: steps, deadlines and shares from policy.yaml, forms, checklists, articles."""
        policy, defined = task_list()
        task = next((t for t in defined if t.id == task_id), None)
        if task is None:
            raise KeyError(f"tasks.yaml has no task {task_id!r}: {[t.id for t in defined]}")
        return tasks.task_page(task, policy, forms, articles, _lang(env), page_url())

    @env.macro
    def tasks_index() -> str:
        """Every task page of tasks.yaml, as links with one line each."""
        return tasks.tasks_list(task_list()[1], _lang(env), page_url())

    @env.macro
    def stale_translations() -> str:
        """English pages whose Chinese page changed in git after them (the build warns of each)."""
        stale = history.stale_translations(root / "docs", root)
        if _lang(env) == "zh":  # once per build, not once per language
            for page, changed, translated in stale:
                _LOG.warning(
                    render(
                        "translation-stale", "en", page=page, changed=changed, translated=translated
                    )
                )
        return history.stale_table(stale, _lang(env), page_url())

    @env.macro
    def indicators() -> str:
        """Follow-up, complaint and satisfaction indicators from the registers in data/ (totals only, SVG charts)."""
        return indicators_page(
            root / "data",
            forms,
            load_policy(root / "policy.yaml"),
            _lang(env),
            # article pages sit under the language root (en/), like this page
            lambda article: pages.clause_links([article], articles, page_url()),
        )


def on_post_build(env) -> None:
    """Write this language's blank registers into the site's shared ``downloads/``."""
    root = Path(env.project_dir)
    write_downloads(load_forms(root / "forms"), _downloads_dir(env), (_lang(env),))


def _downloads_dir(env) -> Path:
    # i18n builds the other languages into <site>/<lang>/; downloads live at <site>/downloads/.
    site = Path(env.conf["site_dir"])
    lang = _lang(env)
    if site.name == lang and lang != "zh":
        site = site.parent
    return site / "downloads"
