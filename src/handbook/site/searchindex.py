"""The site's search index: one per language, where any Chinese phrase staff type is found.

Material for MkDocs cuts Han text into jieba words at build time. Its search
worker (used unchanged, in the browser) then cuts a Han query greedily into
terms of the index, keeps only what lies before the query's last character,
and matches each piece as a *prefix* of an indexed term. Measured on this
handbook: 处理 inside 投诉处理 and 中心 inside 服务中心 were not found, 维修回访
became 维修* (回访 dropped), 投诉电话 became 投诉*, and 24小时 (one query term,
two index terms) found nothing.

The fix, at index time only:

- every Han word in ``title`` and ``text`` is indexed with an invisible WORD
  JOINER (U+2060) appended, so no index term equals a piece of a query and
  the worker keeps a query of up to ``GRAM`` characters whole;
- two extra fields, ``title_terms`` and ``text_terms`` (same boosts as the
  fields they come from; indexed, never displayed), hold the field's Han
  characters and the digits written next to them, cut into pieces of
  ``GRAM`` characters starting at every character (the last, shorter pieces
  end with the joiner too). A query of up to ``GRAM`` characters is the start
  of a piece wherever it occurs: substring search, digits included (24小时,
  1个月); a longer query is found by its first ``GRAM`` characters.

Words in ``title`` and ``text`` stay indexed, so a query that is a word (or
its start) is still highlighted in the results. ``page_boost`` ranks some
pages lower (reference pages that mention every term).

mkdocs-static-i18n writes one index for all languages and the worker shows
every result whatever the reader's language (its issue #271): ``split_index``
makes one index per language, and ``rebase_page_config`` points each page of a
non-default language at its own.

Pure functions on the index's JSON data; ``write_language_indexes`` does the
file work for the build hook. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

#: The extra fields and the field each one is taken from (its boost is copied).
EXTRA_FIELDS = {"title_terms": "title", "text_terms": "text"}
#: Queries up to this many characters are found wherever they occur in Han text.
GRAM = 6
#: Appended to indexed Han words and run-final pieces; not a separator, not visible.
JOINER = "\u2060"

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_WORD = re.compile(f"[{_HAN}]+")
# A run of Han characters and digits holding at least one Han character.
_RUN = re.compile(f"[{_HAN}0-9]*[{_HAN}][{_HAN}0-9]*")
_TAG = re.compile(r"<[^>]*>")
_INDEX_PATH = Path("search") / "search_index.json"


def plain_text(value: str) -> str:
    """An index field as a reader sees it: no tags, no invisible marks, entities decoded."""
    text = html.unescape(_TAG.sub(" ", value))
    return text.replace("\u200b", "").replace(JOINER, "")


def mark_words(value: str) -> str:
    """``value`` with the joiner after each Han word (idempotent)."""
    return _HAN_WORD.sub(lambda m: m.group(0) + JOINER, value.replace(JOINER, ""))


def _starts(run: str) -> Iterator[int]:
    for i, char in enumerate(run):
        # A piece starts at each Han character and at the first digit of a number.
        if not char.isdigit() or i == 0 or not run[i - 1].isdigit():
            yield i


def gram_terms(text: str) -> list[str]:
    """The extra index terms of one field value (HTML or plain text), in text order."""
    # One stream of the field's Han runs: an occurrence followed by punctuation
    # still gets its own piece, so every occurrence counts the same.
    stream = "".join(_RUN.findall(plain_text(text)))
    return [
        stream[i : i + GRAM] if i + GRAM < len(stream) else stream[i:] + JOINER
        for i in _starts(stream)
    ]


def enrich_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """A copy of an index entry with its words marked and its extra fields filled."""
    out = dict(entry)
    for extra, source in EXTRA_FIELDS.items():
        value = str(entry.get(source, ""))
        out[source] = mark_words(value)
        terms = gram_terms(value)
        if terms:
            out[extra] = " ".join(terms)
        else:
            out.pop(extra, None)
    return out


def _config_for(config: Mapping[str, Any], lang: str) -> dict[str, Any]:
    # One language per index. With several, the worker adds lunr-languages'
    # multi-language trimmer, which no pipeline setting removes: it would cut
    # the joiner (and the % of 10%) off every indexed term.
    out = dict(config)
    fields = dict(out.get("fields") or {})
    for extra, source in EXTRA_FIELDS.items():
        fields[extra] = dict(fields.get(source) or {"boost": 1.0})
    out["fields"] = fields
    out["lang"] = [lang]
    return out


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


def split_index(
    index: Mapping[str, Any],
    default_lang: str,
    other_langs: Iterable[str],
    boosts: Mapping[str, float] | None = None,
) -> dict[str, dict[str, Any]]:
    """One index per language, enriched, each entry's location relative to its language root.

    Pages of ``other_langs`` live under ``<lang>/``; every other page belongs to
    ``default_lang``. Entry order is kept (the worker needs each page before its
    sections). ``boosts`` (see ``page_boost``) ranks some pages lower or higher
    in every language, e.g. reference pages that mention every term.
    """
    prefixes = {f"{lang}/": lang for lang in other_langs}
    docs: dict[str, list[dict[str, Any]]] = {default_lang: []}
    docs.update({lang: [] for lang in prefixes.values()})
    for entry in index.get("docs", []):
        location = str(entry.get("location", ""))
        lang = next((lg for p, lg in prefixes.items() if location.startswith(p)), default_lang)
        item = enrich_entry(entry)
        if lang != default_lang:
            item["location"] = location[len(lang) + 1 :]
        boost = page_boost(item["location"], boosts or {})
        if boost is not None:
            item["boost"] = boost
        docs[lang].append(item)
    config = index.get("config", {})
    return {lang: {"config": _config_for(config, lang), "docs": d} for lang, d in docs.items()}


def index_path(site_dir: Path, lang_prefix: str = "") -> Path:
    """Where the worker of a page whose search base is ``site_dir/lang_prefix`` reads its index."""
    return Path(site_dir) / lang_prefix / _INDEX_PATH


def write_language_indexes(
    site_dir: Path,
    default_lang: str,
    other_langs: Iterable[str],
    boosts: Mapping[str, float] | None = None,
) -> dict[str, Path]:
    """Replace the site's merged search index by one enriched index per language.

    The default language's stays at ``search/search_index.json``; another
    language's goes to ``<lang>/search/search_index.json``. Returns the files
    written, by language. An index already split (no pages of another language
    left in it) keeps its other-language files as they are.
    """
    other_langs = list(other_langs)
    merged = json.loads(index_path(site_dir).read_text(encoding="utf-8"))
    written: dict[str, Path] = {}
    for lang, data in split_index(merged, default_lang, other_langs, boosts).items():
        if lang != default_lang and not data["docs"]:
            continue
        path = index_path(site_dir, "" if lang == default_lang else lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
        written[lang] = path
    return written


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
