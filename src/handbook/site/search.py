"""The site's search: one compact index per language and a search worker of the handbook's own.

Material for MkDocs' search box, result list and look stay as they are. Its
page script (``bundle.js``) fetches ``search/search_index.json`` relative to the
page's search base, starts the worker named in the page's ``__config`` script
and talks to it in four messages (setup, ready, query, result). The handbook
names its own worker there (``search_worker.js`` in this package), which
answers the same messages with its own engine:

- a query is read as words: Han text is cut into the handbook's vocabulary
  (the jieba words Material's plugin cut the pages into, the glossary, the
  lexicon's words), question words and particles dropped, leftover verbs of
  a question (弄, 填, 交...) kept only as a hint; Latin words match at a word
  start; a word of the lexicon (``lexicon.yaml``: 管理费, grievance) also
  finds the handbook's words for it (物业费, complaint);
- pages are ranked by BM25: a word counts by how rare it is in the handbook
  and how often the page holds it, on the scale of the page's length; the
  pages holding the query as written come first; a word in the title counts
  more, words close together more, a form's own words more than its lists of
  choices; a question about a deadline or a quota favours the pages that
  hold a number next to its words; reference pages (glossary, editors'
  notes) come last;
- "登记表" finds a register whatever its title says (记录表, 登记表, 表).

The index holds each page's text once (no inverted index); the choices of a
form's fields are marked in it (``<span data-o>``) so the worker can weigh
them low. Pages of another language keep their index under
``<lang>/search/`` (``searchindex.index_path``).

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

from handbook.load.forms import load_forms
from handbook.load.lexicon import lexicon_map, load_lexicon
from handbook.messages import words as message_words
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
    "几趟",
    "几回",
    "几遍",
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
    # adverbs of a question: 一定要, 亲自, 必须, 还要 (the question's sense is in its other words)
    "一定",
    "必须",
    "务必",
    "亲自",
    "还要",
    "也要",
    "都要",
    "还",
    "也",
    "都",
    "就",
    "才",
    "又",
    "再",
    "一般",
    "大概",
    "到底",
    "究竟",
    # a bound after a question word: 几天之内, 多长时间以内 (the deadline sense stays: ZH_DEADLINE)
    "以内",
    "之内",
    "以前",
    "之前",
    "以后",
    "之后",
    "左右",
    "咋办",
    "咋",
    "啥时候",
    "啥",
    "呀",
    "嘛",
    "哦",
]
#: Leftover verbs of a question (回访表怎么填, 投诉咋弄): never required, weighed low.
ZH_WEAK = [
    "弄",
    "填",
    "交",
    "办",
    "搞",
    "做",
    "写",
    "找",
    "问",
    "看",
    "查",
    "用",
    "拿",
    "送",
    "打",
    "整",
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
    "soon",
    "quickly",
    "fast",
    "need",
    "needs",
    "have",
    "has",
    "had",
    "get",
    "gets",
    "got",
    "been",
    "was",
    "were",
    "will",
    "would",
    "could",
    "they",
    "them",
    "their",
    "you",
    "your",
    "about",
    "after",
    "before",
    "up",
    "all",
    "every",
    "each",
    "someone",
    "anyone",
    "nobody",
    "not",
    "no",
    "so",
    "as",
    "into",
    "out",
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
    "几趟",
    "几回",
    "几遍",
    "以内",
    "之内",
    "多快",
    "最迟",
    "最晚",
    "截止",
    "几个",
    "几周",
    "几号",
)
EN_DEADLINE = (
    "how long",
    "how often",
    "how many",
    "how soon",
    "how quickly",
    "how fast",
    "how much",
    "deadline",
    "time limit",
    "within",
    "when",
    "by when",
    "percentage",
    "what share",
)

#: Pages that gather a task's numbers or all of them: first for a deadline or a quota they hold.
NUMBER_PAGES = ("tasks/", "policy/")
#: A question asking how a figure is computed (满意度怎么算): the words of a method are hinted.
ZH_METHOD = ("怎么算", "咋算", "如何算", "怎样算", "怎么计算", "如何计算", "计算方法")
EN_METHOD = ("worked out", "work out", "calculated", "calculate", "how is it counted", "computed")
EN_METHOD_STOP = ["worked", "calculated", "calculate", "counted"]
#: The words of a method that such a question hints at (weighed low: never required).
METHOD_WORDS = {"zh": ["算法", "计算方法", "口径"], "en": ["computed", "calculation", "method of"]}
#: Pages that say what to do, step by step: first for a question asking what to do.
HOWTO_PAGES = ("tasks/",)
#: A question asking what to do (业主不满意怎么办, what do I do when …).
ZH_HOWTO = (
    "怎么办",
    "咋办",
    "怎么处理",
    "如何处理",
    "怎么弄",
    "咋弄",
    "怎么做",
    "咋整",
    "流程",
    "步骤",
    "该怎么",
)
EN_HOWTO = (
    "what to do",
    "what do i do",
    "what should",
    "how do i",
    "how to",
    "steps",
    "procedure",
    "process for",
)

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


def glossary_variants(path: Path) -> dict[str, list[str]]:
    """Each Chinese term of the glossary → its other spellings (满意度: 满意程度; 客服中心: 物业服务中心, …)."""
    if not path.is_file():
        return {}
    out: dict[str, list[str]] = {}
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        group = [str(entry.get("zh", ""))] + [str(v) for v in entry.get("zh_variants") or []]
        group = [t for t in group if t]
        for term in group:
            out.setdefault(term, []).extend(t for t in group if t != term)
    return {k: v for k, v in out.items() if v}


def with_variants(
    lexicon: Mapping[str, list[str]], variants: Mapping[str, list[str]]
) -> dict[str, list[str]]:
    """The lexicon, each target followed by its glossary variants.

    A word people say finds every spelling of the handbook's word (打分 → 满意度 → 满意程度).
    """
    out: dict[str, list[str]] = {}
    for say, found in lexicon.items():
        targets = list(found)
        for word in found:
            targets.extend(v for v in variants.get(word, []) if v not in targets and v != say)
        out[say] = targets
    return out


def _matches(location: str, keys: Iterable[str]) -> bool:
    page = location.split("#", 1)[0]
    return any(page == k or (k.endswith("/") and page.startswith(k)) for k in keys)


def option_lists(forms_dir: Path, lang: str) -> list[str]:
    """The choices of every field of the forms, as a form's page writes them ("满意 / 较满意 / 不满意")."""
    if not forms_dir.is_dir():
        return []
    out = {
        html.escape(" / ".join(item.label.get(lang) for item in field.enum), quote=False)
        for form in load_forms(forms_dir).values()
        for field in form.fields
        if field.enum
    }
    return sorted(out, key=len, reverse=True)


def mark_options(text: str, options: Iterable[str], lang: str) -> str:
    """``text`` with each list of choices after "选项：" / "Choices: " in ``<span data-o>``."""
    prefix = html.escape(message_words("page", lang)["choices"], quote=False)
    if prefix not in text:
        return text
    for option in options:
        text = text.replace(f"{prefix}{option}", f"{prefix}{LOW_OPEN}{option}{LOW_CLOSE}")
    return text


#: Text the worker weighs low: a form's lists of choices, the sentences every form page repeats.
LOW_OPEN, LOW_CLOSE = "<span data-o>", "</span>"
#: A clause on at least this many pages is boilerplate (如何填写, 个人信息，对外公布前须脱敏).
REPEATED = 8
_PARTS = re.compile(r"(<[^>]*>)")
_CLAUSES = re.compile(r"([^。；;：:，,！!？?]+[。；;：:，,！!？?]?)")


def _clauses(text: str) -> Iterable[tuple[bool, str]]:
    """The pieces of an HTML field: (True, clause) for text outside marked spans, else (False, as is)."""
    inside = False
    for part in _PARTS.split(text):
        if part.startswith("<"):
            inside = (inside or part == LOW_OPEN) and part != LOW_CLOSE
            yield False, part
        elif inside:
            yield False, part
        else:
            for clause in _CLAUSES.split(part):
                yield bool(clause.strip()), clause


def _key(clause: str) -> str:
    return " ".join(clause.strip(" 。；;：:，,！!？?").split())


def mark_repeated(docs: list[dict[str, Any]], times: int = REPEATED) -> None:
    """Mark (in place) each clause of the docs' text that at least ``times`` pages repeat."""
    pages: dict[str, set[str]] = {}
    for doc in docs:
        page = str(doc.get("location", "")).split("#", 1)[0]
        for is_text, clause in _clauses(str(doc.get("text", ""))):
            key = _key(clause)
            if is_text and len(key) >= 4:
                pages.setdefault(key, set()).add(page)
    repeated = {key for key, where in pages.items() if len(where) >= times}
    if not repeated:
        return
    for doc in docs:
        out = []
        for is_text, clause in _clauses(str(doc.get("text", ""))):
            marked = is_text and _key(clause) in repeated
            out.append(f"{LOW_OPEN}{clause}{LOW_CLOSE}" if marked else clause)
        doc["text"] = "".join(out).replace(LOW_CLOSE + LOW_OPEN, "")


def compact_index(
    index: Mapping[str, Any],
    lang: str,
    boosts: Mapping[str, float] | None = None,
    reference: Iterable[str] = REFERENCE,
    extra_words: Iterable[str] = (),
    lexicon: Mapping[str, list[str]] | None = None,
    options: Iterable[str] = (),
    variants: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The index of one language for the handbook's worker.

    ``index`` is Material's index of that language only (locations relative to
    the language root). Each entry keeps ``location``, ``title`` and ``text``
    (HTML, without invisible marks, the lists of choices ``options`` marked);
    ``boost`` comes from ``boosts`` (see ``searchindex.page_boost``) and
    ``reference`` pages get ``"reference": 1``. ``lexicon`` (a word people
    say → the handbook's words, see ``handbook.load.lexicon``) goes to the
    worker, its Han words to the vocabulary; ``variants`` (a glossary term → its
    other spellings) too. The worker's settings go in
    ``config["handbook"]``: the bundle hands the worker only ``config`` and ``docs``.
    """
    reference = tuple(reference)
    options = list(options)
    lexicon = dict(lexicon or {})
    docs = []
    for entry in index.get("docs", []):
        location = str(entry.get("location", ""))
        item: dict[str, Any] = {
            "location": location,
            "title": _clean(entry.get("title", "")),
            "text": mark_options(_clean(entry.get("text", "")), options, lang),
        }
        boost = searchindex.page_boost(location, boosts or {})
        if boost is not None:
            item["boost"] = boost
        if _matches(location, reference):
            item["reference"] = 1
        docs.append(item)
    mark_repeated(docs)
    zh = lang == "zh"
    # the words people say are cut as words from the lexicon itself; the handbook's words for
    # them join the vocabulary (a glossary variant or a target jieba cut apart)
    lexicon_words = [w for found in lexicon.values() for w in found]
    settings = {
        "lang": lang,
        "vocabulary": vocabulary(index.get("docs", []), [*extra_words, *lexicon_words])
        if zh
        else [],
        "stop": ZH_STOP + list(ZH_METHOD[:6]) + EN_STOP + EN_METHOD_STOP
        if zh
        else EN_STOP + EN_METHOD_STOP,
        "weak": ZH_WEAK if zh else [],
        "deadline": list(ZH_DEADLINE if zh else EN_DEADLINE),
        "synonyms": {**SYNONYMS["en"], **SYNONYMS["zh"]} if zh else SYNONYMS["en"],
        "lexicon": lexicon,
        "variants": dict(variants or {}) if zh else {},
        "form_words": FORM_WORDS["zh"] + FORM_WORDS["en"] if zh else FORM_WORDS["en"],
        "number_pages": list(NUMBER_PAGES),
        "howto": list(ZH_HOWTO + EN_HOWTO if zh else EN_HOWTO),
        "howto_pages": list(HOWTO_PAGES),
        "method": list(ZH_METHOD + EN_METHOD if zh else EN_METHOD),
        "method_words": METHOD_WORDS["zh" if zh else "en"],
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
    lexicon: Path | None = None,
    forms: Path | None = None,
) -> dict[str, Path]:
    """Replace the merged index by one compact index per language; copy the two scripts.

    ``glossary`` and ``lexicon`` (``glossary.yaml``, ``lexicon.yaml``) give the
    worker its words, ``forms`` (the forms folder) the lists of choices to weigh
    low. Returns the index files written, by language (the default language's at
    ``search/search_index.json``, another's at ``<lang>/search/search_index.json``).
    Raises FormFileError when the lexicon or a form cannot be read.
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
    variants = glossary_variants(glossary) if glossary else {}
    entries = load_lexicon(lexicon) if lexicon and lexicon.is_file() else []
    written: dict[str, Path] = {}
    for lang, docs in per_lang.items():
        path = searchindex.index_path(site_dir, "" if lang == default_lang else lang)
        if lang != default_lang and not docs:
            continue  # already split by an earlier run: keep it
        data = compact_index(
            {"config": merged.get("config", {}), "docs": docs},
            lang,
            boosts,
            extra_words=words,
            lexicon=with_variants(lexicon_map(entries, lang), variants if lang == "zh" else {}),
            options=option_lists(forms, lang) if forms else (),
            variants=variants,
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
