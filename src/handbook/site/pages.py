"""Markdown and HTML fragments for handbook pages, in the page's language.

Called from ``macros/`` at build time; knows nothing about MkDocs. Pages never
hard-code a field list: it comes from the form.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from handbook.blanks import DOWNLOAD_FORMATS, download_name
from handbook.load.articles import ARTICLE_ID, page_url
from handbook.messages import sections
from handbook.model.describe import field_rules
from handbook.model.form import Form
from handbook.model.urls import up_to_lang_root, up_to_site_root

_WORDS = sections("page")


def words(lang: str) -> dict:
    """The fixed words of pages in ``lang``."""
    return _WORDS["en" if lang == "en" else "zh"]


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


def article_anchor(article_id: str, lang: str) -> str:
    """The visible, linkable anchor of an article (the same id in both languages)."""
    if not ARTICLE_ID.match(article_id):
        raise ValueError(f"not an article id: {article_id!r} (expected e.g. RV-16.2)")
    title = html.escape(words(lang)["article_title"].format(id=article_id))
    return (
        f'<a class="hb-art" id="{article_id}" href="#{article_id}" title="{title}">{article_id}</a>'
    )


def clause_links(
    clauses: Iterable[str], index: dict[str, str], from_url: str, lang: str = "zh"
) -> str:
    """Links to the pages defining ``clauses``, relative to the page at ``from_url``.

    Chinese lists take the enumeration comma (、), English ones a comma and a space.
    """
    prefix = _prefix(from_url)
    links = []
    for clause in clauses:
        page = index.get(clause)
        if page is None:
            links.append(clause)
        else:
            links.append(f'<a href="{prefix}{page_url(page)}#{clause}">{clause}</a>')
    return ("、" if lang != "en" else ", ").join(links) if links else "—"


def source_note(meta: dict, lang: str) -> str:
    """Which section of the source a page comes from, and its effective date."""
    w = words(lang)
    text = w["source"].format(
        n=meta.get("source_section", "?"), title=meta.get("source_title", "?")
    )
    if meta.get("effective"):
        text += " " + w["effective"].format(date=meta["effective"])
    return f'<p class="hb-source">{html.escape(text)}</p>'


def missing(what: str, lang: str) -> str:
    """A visible marker for text missing in the source (never filled in)."""
    label = words(lang)["missing"]
    text = words(lang)["missing_marker"].format(label=label, what=what)
    return f'<span class="hb-missing" title="{html.escape(label)}">{html.escape(text)}</span>'


def stacked_table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """An HTML table that reads as one block per row on a phone (``.hb-stack`` in handbook.css).

    Each cell carries its column's name (``data-label``), shown above the cell when the
    columns are stacked; cells are HTML already.
    """
    labels = [html.escape(h) for h in head]
    body = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{label}">{cell}</td>' for label, cell in zip(labels, row, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    header = "".join(f"<th>{label}</th>" for label in labels)
    return f'<div class="hb-stack"><table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>'


def field_table(form: Form, lang: str) -> str:
    """The register's columns as a table, in ``lang``; one block per column on a phone."""
    w = words(lang)
    rows = [
        (
            html.escape(f.title.get(lang)),
            f"<code>{f.name}</code>",
            html.escape(w[f.type]),
            html.escape(w["yes"] if f.required else w["no"]),
            html.escape(field_rules(f, lang)),
        )
        for f in form.fields
    ]
    return stacked_table((w["column"], w["key"], w["type"], w["required"], w["rules"]), rows)


def download_links(form: Form, lang: str, from_url: str, formats: Iterable[str] = ("csv",)) -> str:
    """Links to the blank register files generated into the site's ``downloads/``."""
    w = words(lang)
    prefix = _downloads_prefix(from_url, lang)
    links = [
        f'<a class="md-button hb-download" href="{prefix}downloads/{download_name(form, fmt, lang)}" '
        f'download="{html.escape(form.title.get(lang))}.{fmt}">{html.escape(w.get(f"{fmt}_{form.kind}", w[fmt]))}</a>'
        for fmt in formats
    ]
    return '<p class="hb-downloads">' + " ".join(links) + "</p>\n\n" + w["download_note"]


def errata_table(entries: list[dict], index: dict[str, str], lang: str, from_url: str) -> str:
    """Every correction of the source: article, source text, corrected text, reason."""
    w = words(lang)
    head = w["errata_head"]
    lines = [f"| {' | '.join(head)} |", "| --- | --- | --- | --- |"]
    for entry in entries:
        article = str(entry.get("article", ""))
        corrected = str(entry.get("corrected", "")) or "—"
        reason = entry.get("reason", {}).get(lang, "")
        lines.append(
            # a quote of several lines keeps its line breaks (the header of the source)
            f"| {clause_links([article], index, from_url)} | "
            f"{'<br>'.join(_cell(line) for line in str(entry.get('source', '')).splitlines())} | "
            f"{_cell(corrected)} | {_cell(reason)} |"
        )
    return "\n".join(lines)


def errata_classes(classes: list[dict], lang: str) -> str:
    """The classes of edits made without an erratum of their own, one list item each."""
    return "\n".join(f"- {html.escape(str(c.get(lang, '')), quote=False)}" for c in classes)


def glossary_table(entries: list[dict], lang: str) -> str:
    """The zh→en glossary, with variants and notes."""
    w = words(lang)
    head = w["glossary_head"]
    lines = [f"| {' | '.join(head)} |", "| --- | --- | --- |"]
    for entry in entries:
        zh = " / ".join([entry["zh"], *(entry.get("zh_variants") or [])])
        note = (entry.get("note") or {}).get(lang, "")
        lines.append(f"| {_cell(zh)} | {_cell(str(entry['en']))} | {_cell(note)} |")
    return "\n".join(lines)


_downloads_prefix = up_to_site_root
_prefix = up_to_lang_root


def checklist_html(form: Form, lang: str) -> str:
    """A printable checklist: header lines, tick boxes, remarks, signature and date lines (A4)."""
    w = words(lang)
    head = "".join(
        f'<div class="hb-line"><span>{html.escape(label)}：</span><span class="hb-blank"></span></div>'
        if lang == "zh"
        else f'<div class="hb-line"><span>{html.escape(label)}:</span><span class="hb-blank"></span></div>'
        for label in ([f.title.get(lang) for f in form.fields] or list(w["head"]))
    )
    rows = []
    for number, item in enumerate(form.checklist, start=1):
        cites = ", ".join(item.clauses)
        rows.append(
            f'<tr><td class="hb-no">{number}</td><td>{html.escape(item.text.get(lang))}</td>'
            f'<td class="hb-cite">{html.escape(cites)}</td>'
            f'<td class="hb-box"><span role="checkbox" aria-checked="false" aria-label="{html.escape(w["done"])} {number}">☐</span></td></tr>'
        )
    sign = "".join(
        f'<div class="hb-line"><span>{html.escape(label)}{"：" if lang == "zh" else ":"}</span>'
        f'<span class="hb-blank"></span></div>'
        for label in w["sign"]
    )
    return (
        f'<p class="hb-no-print"><button type="button" class="md-button md-button--primary hb-print">'
        f"{html.escape(w['print'])}</button></p>\n"
        '<div class="hb-checklist">\n'
        f'<p class="hb-print-title">{html.escape(form.title.get(lang))}</p>\n'
        f'<div class="hb-head">{head}</div>\n'
        '<table class="hb-items"><thead><tr>'
        f"<th>#</th><th>{html.escape(w['item'])}</th><th>{html.escape(w['basis'])}</th><th>{html.escape(w['done'])}</th>"
        "</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n"
        f'<div class="hb-remarks"><span>{html.escape(w["remarks"])}</span></div>\n'
        f'<div class="hb-sign">{sign}</div>\n'
        "</div>"
    )


def form_page_link(form: Form, from_url: str) -> str:
    """Relative link from the page at ``from_url`` to the form's own page."""
    return f"{_prefix(from_url)}forms/{form.id}/"


def forms_index(forms: Iterable[Form], index: dict[str, str], lang: str, from_url: str) -> str:
    """Every register and checklist: link, kind, articles, downloads."""
    w = words(lang)
    rows = []
    prefix = _downloads_prefix(from_url, lang)
    for form in forms:
        title = (
            f'<a href="{form_page_link(form, from_url)}">{html.escape(form.title.get(lang))}</a>'
        )
        if form.kind == "register":
            downloads = " · ".join(
                f'<a href="{prefix}downloads/{download_name(form, fmt, lang)}" download>{fmt.upper()}</a>'
                for fmt in DOWNLOAD_FORMATS
            )
        else:
            downloads = (
                f'<a href="{form_page_link(form, from_url)}">{html.escape(w["print"])}</a> · '
                + " · ".join(
                    f'<a href="{prefix}downloads/{download_name(form, fmt, lang)}" download>{fmt.upper()}</a>'
                    for fmt in DOWNLOAD_FORMATS
                )
            )
        rows.append(
            (title, w[form.kind], clause_links(form.clauses, index, from_url, lang), downloads)
        )
    return stacked_table(w["forms_head"], rows)


def form_articles(form: Form) -> set[str]:
    """Every article the form, its fields, rules and checklist items cite."""
    cited = set(form.clauses)
    for f in form.fields:
        cited.update(f.clauses)
    for rule in form.rules:
        cited.update(rule.get("clauses") or ())
    for item in form.checklist:
        cited.update(item.clauses)
    return cited


def related_forms(forms: Iterable[Form], page_ids: set[str], lang: str, from_url: str) -> str:
    """The registers and checklists that articles on this page call for, with their downloads."""
    w = words(lang)
    related = [f for f in forms if form_articles(f) & page_ids]
    if not related:
        return ""
    prefix = _downloads_prefix(from_url, lang)
    items = []
    for form in related:
        cites = sorted(form_articles(form) & page_ids, key=_article_key)
        link = f'<a href="{form_page_link(form, from_url)}">{html.escape(form.title.get(lang))}</a>'
        extra = ""
        if form.kind == "register":
            extra = " · ".join(
                f'<a href="{prefix}downloads/{download_name(form, fmt, lang)}" download>{fmt.upper()}</a>'
                for fmt in DOWNLOAD_FORMATS
            )
        else:
            extra = f'<a href="{form_page_link(form, from_url)}">{html.escape(w["print"])}</a>'
        items.append(
            f"<li>{link}（{', '.join(cites)}）：{extra}</li>"
            if lang == "zh"
            else f"<li>{link} ({', '.join(cites)}): {extra}</li>"
        )
    return (
        f'<div class="admonition abstract hb-related"><p class="admonition-title">{html.escape(w["related"])}</p>'
        f"<ul>{''.join(items)}</ul></div>"
    )


def _article_key(article: str) -> tuple[int, ...]:
    return tuple(int(part) for part in article[3:].split("."))
