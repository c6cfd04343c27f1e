"""Task pages ("find things by task"): steps, numbers, forms, checklists and articles of one job.

Rendered from ``tasks.yaml``, the forms and the policy at build time, so a change of
policy changes the pages; knows nothing about MkDocs (``macros/`` calls it).

A step says what kind of claim it makes, and the page shows it: a number that no
article sets carries the company's note after it (公司规定：…), a step that follows
a register's instruction says so and links the register, and every step cites its
articles.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from handbook.blanks import download_name
from handbook.messages import words as words_of
from handbook.model.form import Form
from handbook.model.policy import Policy, Setting
from handbook.model.task import PLACEHOLDER, Step, Task
from handbook.model.urls import up_to_site_root
from handbook.site.pages import _prefix, clause_links, form_page_link


def _w(lang: str) -> dict[str, Any]:
    return words_of("tasks", lang)


def _join(items: list[str], lang: str) -> str:
    if lang != "en":
        return "、".join(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _label(forms: Mapping[str, Form], field_name: str | None, value: str, lang: str) -> str:
    """The label a form gives ``value`` of field ``field_name`` (or a column's title)."""
    for form in forms.values():
        f = form.field(field_name) if field_name else form.field(value)
        if f is None:
            continue
        if field_name is None:
            return f.title.get(lang)
        label = f.enum_label(value, lang)
        if label != value:
            return label
    return value


def amount(value: Any, unit: str, lang: str) -> str:
    """One number of the policy with its unit, in ``lang`` (24 小时, 3 days, 10%)."""
    w = _w(lang)
    if unit == "hours" and value == "same_day":
        return w["same_day"]
    if unit == "hours" and isinstance(value, int) and value >= 48 and value % 24 == 0:
        return w["hours_days"].format(n=value, d=value // 24)
    if unit in ("hours", "days", "months") and isinstance(value, (int, float)):
        return w[f"{unit}_one" if value == 1 else unit].format(n=value)
    if unit == "share" and isinstance(value, (int, float)):
        return w["share"].format(n=f"{value * 100:g}")
    if unit == "flag":
        return w["yes"] if value else w["no"]
    if unit == "choice":
        return w.get(f"choice_{value}", str(value))
    return str(value)


def value_text(
    setting: Setting, forms: Mapping[str, Form], lang: str, entry: str | None = None
) -> str:
    """The value in force of ``setting`` (or of its ``entry``), as a reader says it."""
    value = setting.value if entry is None else setting.limit_for(entry)
    if isinstance(value, dict):
        parts = [
            w_fmt(
                _in_list(_label(forms, setting.by, k, lang), lang),
                amount(v, setting.unit, lang),
                lang,
            )
            for k, v in value.items()
        ]
        return _join(parts, lang)
    if isinstance(value, list) and setting.unit == "months":
        return w_months(value, lang)
    if isinstance(value, list):
        return _join([_in_list(_label(forms, None, str(v), lang), lang) for v in value], lang)
    return amount(value, setting.unit, lang)


def _in_list(label: str, lang: str) -> str:
    """A label inside an English sentence or list starts lower-case (not an acronym)."""
    if lang == "en" and len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def w_fmt(label: str, amount_text: str, lang: str) -> str:
    return _w(lang)["entry"].format(label=label, amount=amount_text)


def w_months(months: list[Any], lang: str) -> str:
    w = _w(lang)
    return w["months_list"].format(list=_join([str(m) for m in months], lang))


def company_mark(setting: Setting, lang: str) -> str:
    """What a company choice carries after its value: 公司规定：<the setting's company note>."""
    note = setting.company.get(lang) if setting.company else ""
    return (
        f'<span class="hb-company">{html.escape(_w(lang)["company_mark"].format(note=note))}</span>'
    )


def fill(
    text: str, policy: Policy, forms: Mapping[str, Form], lang: str, step: Step | None = None
) -> str:
    """A step's text with each ``{setting}`` replaced by its value in force, in bold.

    A number the step calls a company choice is followed by the setting's company note.
    """

    def value(match: re.Match[str]) -> str:
        setting = policy[match[1]]
        shown = f"<strong>{html.escape(value_text(setting, forms, lang, match[2]))}</strong>"
        if step is not None and step.number_kind(match[1]) == "company":
            shown += company_mark(setting, lang)
        return shown

    return PLACEHOLDER.sub(value, html.escape(text, quote=False))


def _form_mark(step: Step, forms: Mapping[str, Form], lang: str, from_url: str) -> str:
    """After a step that follows a register's instruction: which register, not an article."""
    if step.claim != "form" or step.form is None:
        return ""
    form = forms[step.form]
    title = html.escape(_in_list(form.title.get(lang), lang))  # inside a sentence
    link = f'<a href="{form_page_link(form, from_url)}">{_w(lang)["form_title"].format(title=title)}</a>'
    return f'<span class="hb-form-rule">{_w(lang)["form_mark"].format(form=link)}</span>'


def _steps(
    task: Task,
    policy: Policy,
    forms: Mapping[str, Form],
    index: dict[str, str],
    lang: str,
    from_url: str,
) -> str:
    items = []
    for step in task.steps:
        cites = clause_links(step.articles, index, from_url, lang)
        cited = f' <span class="hb-step-cite">{cites}</span>' if step.articles else ""
        text = fill(step.text.get(lang), policy, forms, lang, step)
        items.append(
            f'<li class="hb-claim-{step.claim}">{text}{_form_mark(step, forms, lang, from_url)}'
            f"{cited}</li>"
        )
    return '<ol class="hb-steps">' + "".join(items) + "</ol>"


def _settings_table(
    task: Task,
    policy: Policy,
    forms: Mapping[str, Form],
    index: dict[str, str],
    lang: str,
    from_url: str,
) -> str:
    w = _w(lang)
    lines = [f"| {' | '.join(w['settings_head'])} |", "| --- | --- | --- |"]
    for key in task.settings:
        setting = policy[key]
        cites = clause_links(setting.clauses, index, from_url, lang)
        if setting.company is not None:
            cites += company_mark(setting, lang)
        lines.append(
            f"| {html.escape(setting.title.get(lang))} | **{html.escape(value_text(setting, forms, lang))}** | "
            f"{cites} |"
        )
    return "\n".join(lines)


def _disagreements(
    task: Task,
    policy: Policy,
    forms: Mapping[str, Form],
    index: dict[str, str],
    lang: str,
    from_url: str,
) -> str:
    """Where articles set different values: each value with its articles, the one in force and why."""
    w = _w(lang)
    blocks = []
    for key in task.settings:
        setting = policy[key]
        others = [a for a in setting.alternatives if a.get("clauses")]
        if not others:
            continue
        said = [
            w["says"].format(
                articles=clause_links(setting.clauses, index, from_url, lang),
                value=html.escape(value_text(setting, forms, lang)),
            )
        ]
        for alt in others:
            note = (alt.get("note") or {}).get(lang, "")
            articles = clause_links(alt["clauses"], index, from_url, lang)
            if "value" not in alt:  # an article that gives no number of its own
                said.append(w["says"].format(articles=articles, value=html.escape(note)))
                continue
            shown = amount(alt.get("value"), setting.unit, lang)
            if isinstance(alt.get("value"), list) and setting.unit == "months":
                shown = w_months(alt["value"], lang)
            said.append(
                w["says_note" if note else "says"].format(
                    articles=articles, value=html.escape(shown), note=html.escape(note)
                )
            )
        why = setting.note.get(lang) if setting.note else ""
        blocks.append(
            f'<div class="admonition question hb-disagree"><p class="admonition-title">{html.escape(setting.title.get(lang))}</p>'
            f"<p>{w['sep'].join(said)}{w['end']}</p>"
            f"<p>{w['applies'].format(value=html.escape(value_text(setting, forms, lang)))}"
            f"{html.escape(why)}</p></div>"
        )
    if not blocks:
        return ""
    return f"## {w['disagree']}\n\n" + "\n\n".join(blocks)


def _forms_list(task: Task, forms: Mapping[str, Form], lang: str, from_url: str) -> str:
    w = _w(lang)
    if not task.forms:
        return w["none"]
    root = up_to_site_root(from_url, lang)
    items = []
    for form_id in task.forms:
        form = forms[form_id]
        links = " · ".join(
            f'<a href="{root}downloads/{download_name(form, fmt, lang)}" download>{w[fmt]}</a>'
            for fmt in ("xlsx", "csv")
        )
        page = f'<a href="{form_page_link(form, from_url)}">{html.escape(form.title.get(lang))}</a>'
        items.append(f"<li>{page}{w['colon']}{links}</li>")
    return '<ul class="hb-task-forms">' + "".join(items) + "</ul>"


def _checklists(task: Task, forms: Mapping[str, Form], lang: str, from_url: str) -> str:
    w = _w(lang)
    if not task.checklists:
        return w["no_checklist"]
    items = [
        f'<li><a href="{form_page_link(forms[c], from_url)}">{html.escape(forms[c].title.get(lang))}</a>'
        f"{w['colon']}{w['print_hint']}</li>"
        for c in task.checklists
    ]
    return '<ul class="hb-task-checklists">' + "".join(items) + "</ul>"


def task_articles(task: Task, policy: Policy) -> list[str]:
    """The articles a task page links to: its steps', then its settings' (in force or not)."""
    seen: dict[str, None] = dict.fromkeys(task.articles())
    for key in task.settings:
        seen.update(dict.fromkeys(policy[key].clauses))
        for alt in policy[key].alternatives:
            seen.update(dict.fromkeys(alt.get("clauses") or ()))
    return list(seen)


def task_page(
    task: Task,
    policy: Policy,
    forms: Mapping[str, Form],
    index: dict[str, str],
    lang: str,
    from_url: str,
) -> str:
    """The whole task page in ``lang``: title, steps, numbers, disagreements, forms, checklists, articles."""
    w = _w(lang)
    parts = [
        f"# {task.title.get(lang)}",
        f'<p class="hb-task-summary">{html.escape(task.summary.get(lang))}</p>',
        due_link(lang, from_url),
        f"## {w['steps']}",
        _steps(task, policy, forms, index, lang, from_url),
    ]
    if task.settings:
        parts += [
            f"## {w['numbers']}",
            w["numbers_note"],
            _settings_table(task, policy, forms, index, lang, from_url),
        ]
    disagree = _disagreements(task, policy, forms, index, lang, from_url)
    if disagree:
        parts.append(disagree)
    parts += [
        f"## {w['forms']}",
        _forms_list(task, forms, lang, from_url),
        f"## {w['checklists']}",
        _checklists(task, forms, lang, from_url),
        f"## {w['articles']}",
        clause_links(task_articles(task, policy), index, from_url, lang),
    ]
    return "\n\n".join(parts)


def tasks_list(tasks: Iterable[Task], lang: str, from_url: str) -> str:
    """The task pages as a list of links with one line each (the home page)."""
    prefix = _prefix(from_url)
    items = [
        f'<li><a href="{prefix}tasks/{t.id}/"><strong>{html.escape(t.title.get(lang))}</strong></a>'
        f"{_w(lang)['dash']}{html.escape(t.summary.get(lang))}</li>"
        for t in tasks
    ]
    return '<ul class="hb-tasks">' + "".join(items) + "</ul>"


def due_link(lang: str, from_url: str) -> str:
    """The line that sends staff to "What do I have to do this week?" (the due page)."""
    text = words_of("due_page", lang)["link"]
    return f'<p class="hb-due-link"><a href="{_prefix(from_url)}due/">{html.escape(text)}</a></p>'
