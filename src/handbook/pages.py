"""Markdown and HTML fragments for handbook pages, in the page's language.

Called from ``macros/`` at build time; knows nothing about MkDocs. Pages never
hard-code a field list: it comes from the form.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from handbook.articles import ARTICLE_ID, page_url
from handbook.model import Field, Form

_WORDS = {
    "zh": {
        "column": "列名",
        "key": "字段名",
        "type": "类型",
        "required": "必填",
        "rules": "说明与规则",
        "yes": "是",
        "no": "",
        "derived": "（由检查程序计算，无需填写）",
        "string": "文本",
        "integer": "整数",
        "number": "数字",
        "boolean": "是/否",
        "date": "日期",
        "datetime": "日期时间",
        "choices": "选项：",
        "unique": "不得重复",
        "example": "示例：",
        "max": "不超过 {n} 字",
        "min": "不少于 {n} 字",
        "range_min": "最小 {n}",
        "range_max": "最大 {n}",
        "personal": "个人信息，对外公布前须脱敏",
        "csv": "下载空白登记表（CSV）",
        "xlsx": "下载空白登记表（Excel）",
        "download_note": "CSV 为 UTF-8（带 BOM）编码，Excel 可直接打开，首行为中文列名。",
        "source": "来源：汇编第 {n} 部分《{title}》。",
        "effective": "施行日期：{date}。",
        "missing": "原文缺失",
        "article_title": "条款 {id}：点击复制链接",
        "cites": "依据条款：",
        "errata_head": ("条款", "原文", "更正为", "理由"),
        "glossary_head": ("中文", "英文", "说明"),
        "forms_head": ("表单", "类型", "依据条款", "下载"),
        "register": "登记表",
        "checklist": "检查表",
    },
    "en": {
        "column": "Column",
        "key": "Key",
        "type": "Type",
        "required": "Required",
        "rules": "Description and rules",
        "yes": "yes",
        "no": "",
        "derived": "(computed by the validator; not typed in)",
        "string": "text",
        "integer": "whole number",
        "number": "number",
        "boolean": "yes/no",
        "date": "date",
        "datetime": "date and time",
        "choices": "Choices: ",
        "unique": "must be unique",
        "example": "Example: ",
        "max": "at most {n} characters",
        "min": "at least {n} characters",
        "range_min": "minimum {n}",
        "range_max": "maximum {n}",
        "personal": "personal data: mask before publishing",
        "csv": "Download the blank register (CSV)",
        "xlsx": "Download the blank register (Excel)",
        "download_note": "The CSV is UTF-8 with a BOM, so Excel opens it directly; the first row holds the English column titles.",
        "source": "Source: section {n} of the compilation, “{title}”.",
        "effective": "In force from {date}.",
        "missing": "missing in the source",
        "article_title": "Article {id}: link to this article",
        "cites": "Required by: ",
        "errata_head": ("Article", "Source text", "Corrected to", "Reason"),
        "glossary_head": ("Chinese", "English", "Notes"),
        "forms_head": ("Form", "Kind", "Required by", "Downloads"),
        "register": "register",
        "checklist": "checklist",
    },
}


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


def clause_links(clauses: Iterable[str], index: dict[str, str], from_url: str) -> str:
    """Links to the pages defining ``clauses``, relative to the page at ``from_url``."""
    prefix = "../" * from_url.strip("/").count("/") + ("../" if from_url.strip("/") else "")
    links = []
    for clause in clauses:
        page = index.get(clause)
        if page is None:
            links.append(clause)
        else:
            links.append(f'<a href="{prefix}{page_url(page)}#{clause}">{clause}</a>')
    return "、".join(links) if links else "—"


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
    return f'<span class="hb-missing" title="{html.escape(label)}">［{html.escape(label)}：{html.escape(what)}］</span>'


def field_rules(field: Field, lang: str) -> str:
    """What a staff member must know about a column, in one table cell."""
    w = words(lang)
    parts = []
    if field.description:
        parts.append(field.description.get(lang))
    if field.derived:
        parts.append(w["derived"])
    if field.enum:
        parts.append(w["choices"] + " / ".join(item.label.get(lang) for item in field.enum))
    c = field.constraints
    if c.get("unique"):
        parts.append(w["unique"])
    if "maxLength" in c:
        parts.append(w["max"].format(n=c["maxLength"]))
    if "minLength" in c:
        parts.append(w["min"].format(n=c["minLength"]))
    if "minimum" in c:
        parts.append(w["range_min"].format(n=c["minimum"]))
    if "maximum" in c:
        parts.append(w["range_max"].format(n=c["maximum"]))
    if field.example:
        parts.append(w["example"] + field.example)
    if field.personal:
        parts.append(w["personal"])
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def field_table(form: Form, lang: str) -> str:
    """The register's columns as a Markdown table, in ``lang``."""
    w = words(lang)
    lines = [
        f"| {w['column']} | {w['key']} | {w['type']} | {w['required']} | {w['rules']} |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in form.fields:
        lines.append(
            f"| {_cell(f.title.get(lang))} | `{f.name}` | {w[f.type]} | "
            f"{w['yes'] if f.required else w['no']} | {_cell(field_rules(f, lang))} |"
        )
    return "\n".join(lines)


def download_links(form: Form, lang: str, from_url: str, formats: Iterable[str] = ("csv",)) -> str:
    """Links to the blank register files generated into the site's ``downloads/``."""
    w = words(lang)
    depth = from_url.strip("/").count("/") + (1 if from_url.strip("/") else 0)
    prefix = "../" * depth
    links = [
        f'<a class="md-button hb-download" href="{prefix}downloads/{download_name(form, fmt, lang)}" '
        f'download="{html.escape(form.title.get(lang))}.{fmt}">{html.escape(w[fmt])}</a>'
        for fmt in formats
    ]
    return '<p class="hb-downloads">' + " ".join(links) + "</p>\n\n" + w["download_note"]


def download_name(form: Form, fmt: str, lang: str) -> str:
    """The file name of a blank register in the site's ``downloads/`` folder."""
    return f"{form.id}.{lang}.{fmt}"


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
            f"| {clause_links([article], index, from_url)} | {_cell(str(entry.get('source', '')))} | "
            f"{_cell(corrected)} | {_cell(reason)} |"
        )
    return "\n".join(lines)


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
