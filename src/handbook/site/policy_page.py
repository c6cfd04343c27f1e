"""The policy's numbers on pages: the policy page's tables and the value in force on a day.

Values are shown in the page's language: map keys by the labels of the form field
that a rule's ``by`` (or a share rule's ``field``) names, list items by the field
titles or enum labels they name, amounts with their unit (3 天 / 3 days, 当天,
72 小时, 10%). Called from ``macros/``; knows nothing about MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from typing import Any

from handbook.messages import words
from handbook.model.form import Form, Text
from handbook.model.policy import Policy, Setting, Term

#: the rule parameters that name a policy setting, and the one naming the field its map keys come from
_SETTING_PARAMS = ("limit", "max_days", "minimum")


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


def key_labels(forms: Iterable[Form]) -> dict[str, dict[str, Text]]:
    """For each setting, the labels of its map keys and list items, from the forms.

    A rule that takes its number from the setting and groups rows by a field (``by``,
    or ``field`` for a share rule) gives that field's enum labels; the setting's own
    ``by`` is looked up as a field name too. List items name fields (the survey's
    items) or enum values.
    """
    forms = list(forms)
    labels: dict[str, dict[str, Text]] = {}
    fields = {f.name: f for form in forms for f in form.fields}
    for form in forms:
        for spec in form.rules:
            key = next((spec[p] for p in _SETTING_PARAMS if isinstance(spec.get(p), str)), None)
            name = spec.get("by") or (spec.get("field") if spec.get("check") == "share" else None)
            f = form.field(str(name)) if key and name else None
            if f is not None and f.enum:
                labels.setdefault(str(key), {}).update({e.value: e.label for e in f.enum})
    for f in fields.values():
        labels.setdefault("*fields", {})[f.name] = f.title
        for e in f.enum:
            labels.setdefault("*enums", {}).setdefault(e.value, e.label)
    return labels


def show_value(
    value: Any, unit: str, lang: str, labels: dict[str, Text] | None = None, fallback: Any = None
) -> str:
    """A setting's value in the page's language: 漏水/渗漏：3 天；当天；72 小时；经理：10%."""
    w = words("policy-table", lang)
    labels = labels or {}
    fallback = fallback or {}
    if isinstance(value, dict):
        return w["map_sep"].join(
            w["label"].format(
                label=_label(k, lang, labels, fallback), value=show_value(v, unit, lang)
            )
            for k, v in value.items()
        )
    if isinstance(value, list):
        items = w["list_sep"].join(
            str(v) if isinstance(v, (int, float)) else _label(v, lang, labels, fallback)
            for v in value
        )
        return w["months"].format(n=items) if unit == "months" else items
    if value == "same_day":
        return str(w["same_day"])
    if isinstance(value, bool):
        return str(w["yes"] if value else w["no"])
    if unit in ("hours", "days", "working_days", "months") and isinstance(value, (int, float)):
        return w[unit].format(n=f"{value:g}")
    if unit == "share" and isinstance(value, (int, float)):
        return f"{value * 100:g}%"
    if unit == "choice":
        return str(words("policy-choices", lang).get(value, value))
    return str(value)


def _label(key: Any, lang: str, labels: dict[str, Text], fallback: dict) -> str:
    found = labels.get(str(key)) or fallback.get("fields", {}).get(str(key))
    found = found or fallback.get("enums", {}).get(str(key))
    return found.get(lang) if found is not None else str(key)


class PolicyView:
    """A policy with the labels its values are shown by, for one language."""

    def __init__(self, policy: Policy, forms: Iterable[Form], lang: str) -> None:
        self.policy = policy
        self.lang = lang
        found = key_labels(forms)
        self.fallback = {"fields": found.get("*fields", {}), "enums": found.get("*enums", {})}
        self.labels = found

    def value(self, setting: Setting, value: Any, unit: str | None = None) -> str:
        return show_value(
            value,
            unit or setting.unit,
            self.lang,
            self.labels.get(setting.key),
            self.fallback,
        )

    def period(self, term: Term, marked: bool = True) -> str:
        """When a term was in force: 至 2024-12-31 / 2025-01-01 至 2025-12-31 / 2026-01-01 起（现行）.

        ``marked`` False leaves out "(in force)" for the term in force now.
        """
        w = words("policy-table", self.lang)
        start = term.start.isoformat() if term.start else ""
        until = term.until.isoformat() if term.until else ""
        if term.until is None:
            if not start:
                return str(w["always"])
            return str((w["from_now"] if marked else w["from"]).format(start=start))
        if term.start is None:
            return str(w["until"].format(until=until))
        return str(w["between"].format(start=start, until=until))

    def in_force(self, key: str, on: dt.date, selector: Any = None) -> str:
        """The value of setting ``key`` in force on ``on`` (for ``selector`` of a map), in words."""
        setting = self.policy[key]
        term = setting.term_on(on)
        value = term.value.get(selector) if selector is not None else term.value
        text = self.value(setting, value, term.unit)
        if setting.has_history:
            text += words("policy-table", self.lang)["since"].format(
                period=self.period(term, marked=False)
            )
        return text


def policy_table(policy: Policy, forms: Iterable[Form], links: Any, lang: str, on: dt.date) -> str:
    """Every number of the rules: setting, value in force on ``on``, articles, alternatives, notes.

    ``links(clauses)`` renders article links relative to the page.
    """
    view = PolicyView(policy, forms, lang)
    w = words("policy-table", lang)
    head = w["head"]
    lines = [f"| {' | '.join(head)} |", "| --- | --- | --- | --- | --- |"]
    for setting in policy.settings.values():
        alternatives = (
            w["map_sep"].join(
                # an article that gives no number of its own is shown by what it says
                (
                    view.value(setting, a.get("value"))
                    if "value" in a
                    else _cell((a.get("note") or {}).get(lang, ""))
                )
                + (w["cited"].format(links=links(a["clauses"])) if a.get("clauses") else "")
                for a in setting.alternatives
            )
            or "—"
        )
        note = setting.note.get(lang) if setting.note else ""
        cites = links(setting.clauses)
        if setting.company is not None:
            cites += _cell(w["company"].format(note=setting.company.get(lang)))
        lines.append(
            f"| {_cell(setting.title.get(lang))}<br>`{setting.key}` | "
            f"{_cell(view.in_force(setting.key, on))} | {cites} | "
            f"{alternatives} | {_cell(note)} |"
        )
    return "\n".join(lines)


def policy_history(policy: Policy, forms: Iterable[Form], links: Any, lang: str) -> str:
    """Each setting's earlier values: period (until), value and articles, oldest first.

    Without any history, one sentence saying so and how ``previous`` records a change.
    """
    view = PolicyView(policy, forms, lang)
    w = words("policy-table", lang)
    changed = [s for s in policy.settings.values() if s.has_history]
    if not changed:
        return str(w["no_history"])
    head = w["history_head"]
    lines = [f"| {' | '.join(head)} |", "| --- | --- | --- | --- |"]
    for setting in changed:
        for term in setting.terms:
            lines.append(
                f"| {_cell(setting.title.get(lang))}<br>`{setting.key}` | "
                f"{_cell(view.period(term))} | "
                f"{_cell(view.value(setting, term.value, term.unit))} | {links(term.clauses)} |"
            )
    return "\n".join(lines)


def form_limits(form: Form, policy: Policy, forms: Iterable[Form], lang: str, on: dt.date) -> str:
    """The deadlines and quotas a register is checked against, as in force on ``on``."""
    view = PolicyView(policy, forms, lang)
    w = words("policy-table", lang)
    items = []
    for spec in form.rules:
        key = next((spec[p] for p in _SETTING_PARAMS if isinstance(spec.get(p), str)), None)
        if key is None or key not in policy:
            continue
        setting = policy[key]
        label = f"<strong>{html.escape(setting.title.get(lang))}</strong>"
        items.append(w["label"].format(label=label, value=html.escape(view.in_force(key, on))))
    if not items:
        return ""
    body = "".join(f"<li>{item}</li>" for item in dict.fromkeys(items))
    title = html.escape(w["form_limits"].format(date=on.isoformat()))
    return f'<div class="hb-limits"><p>{title}</p><ul>{body}</ul></div>'
