"""The site's search: one compact index per language and a search worker of the handbook's own.

Material for MkDocs' search box, result list and look stay as they are. Its
page script (``bundle.js``) fetches ``search/search_index.json`` relative to the
page's search base, starts the worker named in the page's ``__config`` script
and talks to it in four messages (setup, ready, query, result). The handbook
names its own worker there (``search_worker.js`` in this package), which
answers the same messages with its own engine:

- a query is read as words: Han text is cut into the handbook's vocabulary
  (the jieba words Material's plugin cut the pages into, plus the glossary),
  question words and particles dropped; Latin words match at a word start;
- the pages holding the query as written come first, then those holding all
  its words, then most; then by weight (title, count, rarity, closeness);
  reference pages (glossary, editors' notes) come last;
- "登记表" finds a register whatever its title says (记录表, 登记表, 表).

The index holds each page's text once, without lunr's inverted index or the
n-gram fields of ``handbook.site.searchindex`` (852 KB before). Pages of another
language keep their index under ``<lang>/search/`` (``searchindex``'s split).

``page_html`` also adds ``search_input.js``: Material searches on ``keyup``
only, so a pasted query or one from an input method (which ends with no key
event) would wait for another key.

Pure functions on the index's JSON data and on page HTML; ``write_site`` does
the file work for the build hook. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from handbook.site import searchindex

_HERE = Path(__file__).resolve().parent
WORKER_SOURCE = _HERE / "search_worker.js"
INPUT_SOURCE = _HERE / "search_input.js"

#: Pages (paths from the language root, a/ = every page under a/) ranked after all others.
REFERENCE = ("glossary/", "editors/")

#: Question words and particles: dropped from a Han query, never required.
ZH_STOP = [
    "多久",
    "多长时间",
    "多长",
    "多少天",
    "多少次",
    "多少",
    "几天",
    "几小时",
    "几次",
    "几个",
    "几",
    "怎么办",
    "怎么样",
    "怎么",
    "怎样",
    "如何",
    "什么时候",
    "什么时间",
    "什么",
    "哪里",
    "哪些",
    "哪个",
    "哪儿",
    "哪",
    "要不要",
    "需不需要",
    "是不是",
    "是否",
    "能不能",
    "可不可以",
    "可以",
    "需要",
    "应该",
    "有没有",
    "有哪些",
    "为什么",
    "谁",
    "吗",
    "呢",
    "吧",
    "啊",
    "么",
    "的",
    "了",
    "得",
    "地",
    "是",
    "和",
    "与",
    "及",
    "或",
    "在",
    "要",
    "请",
    "对",
    "一下",
    "由",
    "给",
    "被",
    "把",
    "有",
    "后",
    "前",
    "内",
    "时",
]
#: English words that carry no subject; dropped when other words remain.
EN_STOP = [
    "a",
    "an",
    "the",
    "of",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "for",
    "by",
    "with",
    "from",
    "is",
    "are",
    "be",
    "do",
    "does",
    "did",
    "how",
    "what",
    "when",
    "where",
    "who",
    "which",
    "why",
    "should",
    "must",
    "can",
    "may",
    "i",
    "we",
    "our",
    "my",
    "long",
    "often",
    "many",
    "much",
    "there",
    "any",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "if",
    "than",
]
#: Questions about a deadline or a quota: the rule that sets it ranks first.
ZH_DEADLINE = (
    "多久",
    "多长时间",
    "几天",
    "几小时",
    "多少天",
    "时限",
    "期限",
    "多少",
    "几次",
    "多少次",
)
EN_DEADLINE = ("how long", "how often", "how many", "how soon", "deadline", "within", "when")

#: A register is a register whatever its title calls it.
SYNONYMS = {
    "zh": {
        "登记表": ["记录表", "登记簿", "记录", "登记", "表"],
        "记录表": ["登记表", "记录", "登记", "表"],
        "登记": ["记录"],
        "记录": ["登记"],
        "台账": ["登记表", "记录表", "记录"],
        "表格": ["表"],
        "通知书": ["通知单"],
        "通知单": ["通知书", "通知"],
        "检查单": ["检查表"],
        "清单": ["检查表"],
        "比例": ["率", "百分比"],
        "12个月": ["1年", "一年"],
        "1年": ["12个月", "一年"],
        "一年": ["1年", "12个月"],
    },
    "en": {
        "register": ["record", "log"],
        "record": ["register", "log"],
        "log": ["register", "record"],
        "form": ["register", "record", "checklist"],
        "sheet": ["register", "record", "form"],
    },
}
#: Words of a form's name: a query holding one ranks the register and checklist pages up.
FORM_WORDS = {
    "zh": ["表", "单", "记录", "登记", "台账", "清单"],
    "en": ["register", "record", "log", "checklist", "form", "notice", "sheet"],
}

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_WORD = re.compile(f"[{_HAN}]{{2,}}")
_TAG = re.compile(r"<[^>]*>")
_INVISIBLE = str.maketrans("", "", "\u200b\u2060")


def _clean(value: str) -> str:
    """An index field without the invisible marks Material and ``searchindex`` add."""
    return str(value).translate(_INVISIBLE)


def vocabulary(docs: Iterable[Mapping[str, Any]], extra: Iterable[str] = ()) -> list[str]:
    """The Han words of the pages: jieba's cuts (joined by U+200B in Material's index) and ``extra``."""
    words: set[str] = set()
    for doc in docs:
        for field in ("title", "text"):
            value = html.unescape(_TAG.sub(" ", str(doc.get(field, "")))).replace("\u2060", "")
            for token in re.split(r"[\u200b\s]+", value):
                words.update(_HAN_WORD.findall(token))
    words.update(w for w in extra if _HAN_WORD.fullmatch(w))
    return sorted(words)


def glossary_terms(path: Path) -> list[str]:
    """The Chinese terms and variants of the handbook's glossary (``glossary.yaml``)."""
    if not path.is_file():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out: list[str] = []
    for entry in entries:
        out.append(str(entry.get("zh", "")))
        out.extend(str(v) for v in entry.get("zh_variants") or [])
    return [t for t in out if t]


def _matches(location: str, keys: Iterable[str]) -> bool:
    page = location.split("#", 1)[0]
    return any(page == k or (k.endswith("/") and page.startswith(k)) for k in keys)


def compact_index(
    index: Mapping[str, Any],
    lang: str,
    boosts: Mapping[str, float] | None = None,
    reference: Iterable[str] = REFERENCE,
    extra_words: Iterable[str] = (),
) -> dict[str, Any]:
    """The index of one language for the handbook's worker.

    ``index`` is Material's index of that language only (locations relative to
    the language root). Each entry keeps ``location``, ``title`` and ``text``
    (HTML, without invisible marks); ``boost`` comes from ``boosts`` (see
    ``searchindex.page_boost``) and ``reference`` pages get ``"reference": 1``.
    The worker's settings go in ``config["handbook"]``: the bundle hands the
    worker only ``config`` and ``docs``.
    """
    reference = tuple(reference)
    docs = []
    for entry in index.get("docs", []):
        location = str(entry.get("location", ""))
        item: dict[str, Any] = {
            "location": location,
            "title": _clean(entry.get("title", "")),
            "text": _clean(entry.get("text", "")),
        }
        boost = searchindex.page_boost(location, boosts or {})
        if boost is not None:
            item["boost"] = boost
        if _matches(location, reference):
            item["reference"] = 1
        docs.append(item)
    zh = lang == "zh"
    settings = {
        "lang": lang,
        "vocabulary": vocabulary(index.get("docs", []), extra_words) if zh else [],
        "stop": ZH_STOP + EN_STOP if zh else EN_STOP,
        "deadline": list(ZH_DEADLINE if zh else EN_DEADLINE),
        "synonyms": {**SYNONYMS["en"], **SYNONYMS["zh"]} if zh else SYNONYMS["en"],
        "form_words": FORM_WORDS["zh"] + FORM_WORDS["en"] if zh else FORM_WORDS["en"],
    }
    config = {
        "lang": [lang],
        "separator": (index.get("config") or {}).get("separator", r"[\s\-]+"),
        "pipeline": [],
        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
        "handbook": settings,
    }
    return {"config": config, "docs": docs}


def _hashed(source: Path, stem: str) -> str:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:8]
    return f"{stem}.{digest}.js"


#: File names in the site (content-hashed, so a browser never keeps an old one).
WORKER_NAME = _hashed(WORKER_SOURCE, "handbook-search")
INPUT_NAME = _hashed(INPUT_SOURCE, "handbook-search-input")
WORKER_DIR = Path("assets") / "javascripts" / "workers"
INPUT_DIR = Path("assets") / "javascripts"


def write_site(
    site_dir: Path,
    default_lang: str,
    other_langs: Iterable[str],
    boosts: Mapping[str, float] | None = None,
    glossary: Path | None = None,
) -> dict[str, Path]:
    """Replace the merged index by one compact index per language; copy the two scripts.

    Returns the index files written, by language (the default language's at
    ``search/search_index.json``, another's at ``<lang>/search/search_index.json``).
    """
    site_dir = Path(site_dir)
    other_langs = list(other_langs)
    merged = json.loads(searchindex.index_path(site_dir).read_text(encoding="utf-8"))
    prefixes = {f"{lang}/": lang for lang in other_langs}
    per_lang: dict[str, list[dict[str, Any]]] = {default_lang: []}
    per_lang.update({lang: [] for lang in other_langs})
    for entry in merged.get("docs", []):
        location = str(entry.get("location", ""))
        lang = next((lg for p, lg in prefixes.items() if location.startswith(p)), default_lang)
        item = dict(entry)
        if lang != default_lang:
            item["location"] = location[len(lang) + 1 :]
        per_lang[lang].append(item)
    words = glossary_terms(glossary) if glossary else []
    written: dict[str, Path] = {}
    for lang, docs in per_lang.items():
        path = searchindex.index_path(site_dir, "" if lang == default_lang else lang)
        if lang != default_lang and not docs:
            continue  # already split by an earlier run: keep it
        data = compact_index(
            {"config": merged.get("config", {}), "docs": docs}, lang, boosts, extra_words=words
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
        written[lang] = path
    for source, folder, name in (
        (WORKER_SOURCE, WORKER_DIR, WORKER_NAME),
        (INPUT_SOURCE, INPUT_DIR, INPUT_NAME),
    ):
        (site_dir / folder).mkdir(parents=True, exist_ok=True)
        (site_dir / folder / name).write_bytes(source.read_bytes())
    return written


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")


def page_html(page_html: str) -> str:
    """A page that searches with the handbook's worker, and searches as soon as text arrives.

    The worker's path in the page's ``__config`` (relative to the page) is
    replaced by the handbook's; ``search_input.js`` is loaded next to
    Material's bundle. A page without Material's search is returned as it is.
    """
    match = _CONFIG.search(page_html)
    if match is None:
        return page_html
    config = json.loads(match.group(2))
    worker = str(config.get("search") or "")
    found = _MATERIAL_WORKER.search(worker)
    if found is None:
        return page_html
    root = worker[: found.start()]
    config["search"] = f"{root}{WORKER_DIR.as_posix()}/{WORKER_NAME}"
    page_html = (
        page_html[: match.start(2)]
        + json.dumps(config).replace("<", "\\u003c")
        + page_html[match.end(2) :]
    )
    script = f'<script src="{root}{INPUT_DIR.as_posix()}/{INPUT_NAME}"></script>'
    head, sep, tail = page_html.rpartition("</body>")
    return f"{head}{script}\n{sep}{tail}" if sep else page_html + script
