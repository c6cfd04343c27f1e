"""The fill-in page of a form (``forms/<id>/fill/``): one input per field, generated from the form's YAML.

Each input has a ``<label>`` holding the column's title, a mark when required, and
under it the column's rules in words (``model.describe.field_rules``, as on the
form's page) with the articles they rest on; a list under it receives the
problems the validator finds as the person types (``docs/assets/fill.js``).
A checklist gets its items to tick, each with a remark, and where, when and
who checked. The page's script reads its words from the page itself, in the
page's language (``SCRIPT_WORDS``), so every sentence stays in the catalogue.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from handbook.blanks.filled import RECORD_KEYS
from handbook.messages import sections
from handbook.model.describe import field_rules
from handbook.model.form import Field, Form
from handbook.site.pages import _downloads_prefix, _prefix, clause_links

_WORDS = sections("fill-page")
_RECORD = sections("fill-record")

#: The words the page's script writes (statuses, buttons it adds, problem labels).
SCRIPT_WORDS = (
    "save",
    "save_record",
    "keep",
    "none_saved",
    "edit",
    "delete",
    "confirm_delete",
    "kept_mark",
    "file",
    "no_storage",
    "loading",
    "ready",
    "checking",
    "ok",
    "blocked",
    "warned",
    "saved",
    "deleted",
    "editing",
    "counts",
    "nothing",
    "making",
    "written",
    "appended",
    "failed",
    "article",
    "form_page",
    "error",
    "warning",
    "yes",
    "no",
)

#: Where the fill-in page of a form lives, relative to the language root.
FILL_URL = "forms/{id}/fill/"


def words(lang: str) -> dict:
    return _WORDS["en" if lang == "en" else "zh"]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _control(field: Field, lang: str, ids: str) -> str:
    """The input of one field: select, date, date-time, number, text or a text area."""
    w = words(lang)
    name, c = field.name, field.constraints
    common = f'id="hb-fill-{name}" name="{name}" data-type="{field.type}" aria-describedby="{ids}"'
    if field.required:
        common += ' aria-required="true"'
    if field.enum or field.type == "boolean":
        options = (
            [(item.value, item.label.get(lang)) for item in field.enum]
            if field.enum
            else [("yes", w["yes"]), ("no", w["no"])]
        )
        items = "".join(f'<option value="{_e(v)}">{_e(label)}</option>' for v, label in options)
        return f'<select {common}><option value="">{_e(w["choose"])}</option>{items}</select>'
    if field.type in ("date", "datetime"):
        kind = "date" if field.type == "date" else "datetime-local"
        return f'<input type="{kind}" {common}>'
    if field.type in ("integer", "number"):
        step = "1" if field.type == "integer" else "any"
        bounds = "".join(
            f' {attr}="{_e(str(c[key]))}"'
            for attr, key in (("min", "minimum"), ("max", "maximum"))
            if key in c
        )
        mode = "numeric" if field.type == "integer" else "decimal"
        return f'<input type="number" step="{step}" inputmode="{mode}"{bounds} {common}>'
    if c.get("maxLength", 0) >= 200:
        return f'<textarea rows="3" maxlength="{c["maxLength"]}" {common}></textarea>'
    length = f' maxlength="{c["maxLength"]}"' if "maxLength" in c else ""
    return f'<input type="text" autocomplete="off"{length} {common}>'


def field_html(field: Field, lang: str, articles: dict[str, str], from_url: str) -> str:
    """One field: its label (title, required mark), its input, its rules in words, its problems."""
    w = words(lang)
    name = field.name
    mark = f' <span class="hb-fill__required">{_e(w["required"])}</span>' if field.required else ""
    rules = _e(field_rules(field, lang))
    if field.clauses:
        rules += (
            " " + f"（{clause_links(field.clauses, articles, from_url, lang)}）"
            if lang == "zh"
            else f" ({clause_links(field.clauses, articles, from_url, lang)})"
        )
    hint, problems = f"hb-fill-{name}-hint", f"hb-fill-{name}-problems"
    return (
        f'<div class="hb-fill__field" data-field="{name}">'
        f'<label for="hb-fill-{name}">{_e(field.title.get(lang))}{mark}</label>'
        f"{_control(field, lang, f'{hint} {problems}')}"
        f'<p class="hb-fill__hint" id="{hint}">{rules}</p>'
        f'<ul class="hb-fill__problems" id="{problems}" aria-live="polite"></ul>'
        "</div>"
    )


def _record_fields(form: Form, lang: str) -> str:
    """A checklist's heading inputs: place, date, role (who checked), as fields of the record."""
    labels = _RECORD["en" if lang == "en" else "zh"]
    parts = []
    for key in RECORD_KEYS:
        kind = "date" if key == "date" else "text"
        parts.append(
            f'<div class="hb-fill__field" data-field="{key}">'
            f'<label for="hb-fill-{key}">{_e(labels[key])}</label>'
            f'<input type="{kind}" id="hb-fill-{key}" name="{key}" data-type="{"date" if kind == "date" else "string"}"'
            f' maxlength="60" aria-describedby="hb-fill-{key}-problems">'
            f'<ul class="hb-fill__problems" id="hb-fill-{key}-problems" aria-live="polite"></ul></div>'
        )
    return "".join(parts)


def _items(form: Form, lang: str, articles: dict[str, str], from_url: str) -> str:
    """A checklist's items: a box to tick each, its articles, a remark."""
    w = words(lang)
    rows = []
    for number, item in enumerate(form.checklist, start=1):
        rows.append(
            f'<li class="hb-fill__item" data-item="{_e(item.id)}">'
            f'<label class="hb-fill__tick"><input type="checkbox" name="done:{_e(item.id)}" data-type="tick">'
            f" {number}. {_e(item.text.get(lang))}</label>"
            f' <span class="hb-fill__cites">{clause_links(item.clauses, articles, from_url, lang)}</span>'
            f'<label class="hb-fill__note">{_e(w["note"])}'
            f'<input type="text" name="note:{_e(item.id)}" data-type="string" maxlength="200"></label></li>'
        )
    return (
        f'<fieldset class="hb-fill__items"><legend>{_e(w["items"])}</legend>'
        f"<ol>{''.join(rows)}</ol></fieldset>"
    )


def fill_html(form: Form, lang: str, articles: dict[str, str], from_url: str) -> str:
    """The whole fill-in block of ``form``: lead, the inputs, saved rows, downloads, its script."""
    lang = "en" if lang == "en" else "zh"
    w = words(lang)
    site = _downloads_prefix(from_url, lang)
    root = _prefix(from_url)
    fields = "".join(field_html(f, lang, articles, from_url) for f in form.input_fields)
    if form.kind == "checklist":
        fields = _record_fields(form, lang) + fields + _items(form, lang, articles, from_url)
    save = w["save_record"] if form.kind == "checklist" else w["save"]
    lead = "lead_checklist" if form.kind == "checklist" else "lead"
    script_words = json.dumps({k: w[k] for k in SCRIPT_WORDS}, ensure_ascii=False)
    script_words = script_words.replace("</", "<\\/")
    append = ""
    if form.kind == "register":
        append = (
            f'<p class="hb-fill__append-hint">{_e(w["append_hint"])}</p>'
            f'<label class="md-button hb-fill__append">{_e(w["append"])}'
            '<input type="file" accept=".xlsx,.xlsm" class="hb-fill__pick"></label>'
        )
    return (
        f'<p class="hb-fill__lead">{_e(w[lead].format(form=form.title.get(lang)))}'
        f' <a href="{root}forms/{form.id}/">{_e(w["back"])}</a></p>\n\n'
        f'<p class="hb-fill__local"><strong>{_e(w["local"])}</strong></p>\n\n'
        f'<div class="hb-fill" id="hb-fill" data-form="{form.id}" data-kind="{form.kind}" '
        f'data-root="{root}" data-lang="{lang}" markdown="0">'
        f'<form class="hb-fill__form" novalidate>{fields}'
        f'<ul class="hb-fill__general hb-fill__problems" aria-label="{_e(w["general"])}" aria-live="polite"></ul>'
        '<p class="hb-fill__buttons">'
        f'<button type="submit" class="md-button md-button--primary hb-fill__save">{_e(save)}</button> '
        f'<button type="button" class="md-button hb-fill__keep" hidden>{_e(w["keep"])}</button> '
        f'<button type="reset" class="md-button hb-fill__new">{_e(w["new"])}</button></p>'
        "</form>"
        '<p class="hb-fill__status" role="status" aria-live="polite"></p>'
        f'<h2 id="hb-fill-saved">{_e(w["saved_head"])}</h2>'
        f'<ol class="hb-fill__rows" aria-labelledby="hb-fill-saved"></ol>'
        f'<h2 id="hb-fill-out">{_e(w["out_head"])}</h2>'
        '<p class="hb-fill__out">'
        f'<button type="button" class="md-button md-button--primary hb-fill__xlsx">{_e(w["xlsx"])}</button> '
        f'<button type="button" class="md-button hb-fill__csv">{_e(w["csv"])}</button></p>'
        f"{append}"
        f'<script type="application/json" class="hb-fill__words">{script_words}</script>'
        "</div>\n\n"
        f'<link rel="stylesheet" href="{site}assets/fill.css">\n'
        f'<script src="{site}assets/fill.js"></script>\n'
    )


def fill_link(form: Form, lang: str, from_url: str) -> str:
    """The link from a form's page to its fill-in page."""
    href = _prefix(from_url) + FILL_URL.format(id=form.id)
    return f'<p class="hb-fill-link"><a class="md-button" href="{href}">{_e(words(lang)["title"])}</a></p>'


def stub_markdown(form: Form, lang: str) -> str:
    """The Markdown of ``docs/<lang>/forms/<id>/fill.md``: the title; the rest is generated."""
    title = words(lang)["title"]
    sep = "：" if lang == "zh" else ": "
    return (
        "---\nsearch:\n  exclude: true\n---\n\n"
        f"# {title}{sep}{form.title.get(lang)}\n\n"
        f'{{{{ fill_form("{form.id}") }}}}\n'
    )


def stub_path(docs: Path, form: Form, lang: str) -> Path:
    """Where the fill-in page's Markdown lives (``docs/<lang>/forms/<id>/fill.md``)."""
    return docs / lang / "forms" / form.id / "fill.md"
