"""Content checks on the handbook's Markdown sources, glossary and errata.

Reads ``docs/{zh,en}/rules/sNN.md``, ``glossary.yaml`` and ``errata/sNN.yaml``
directly; no site build is needed. Uses only PyYAML and the standard library.

What is checked (see each test's docstring):

- zh/en parity: the same page files, the same article ids in the same order,
  the same links, editor's notes and missing-text markers on each twin;
- article ids: unique across the handbook, well-formed, in source order;
- relative links ``sNN.md#RV-…`` resolve to an existing page and id;
- English pages contain no Han characters, except inside ASCII parentheses
  that hold only (a) a glossary zh term right after one of its English forms,
  or (b) a form/register title (Han text ending in 表, 单, 记录, 簿, 册, 台账,
  卡, 问卷, 回执 or 通知书, optionally in 《》);
- the 17 section titles of the source are the H1s of the zh pages;
- glossary consistency between each zh article and its en twin (same id);
- errata entries are well-formed and point to existing ids.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ZH_RULES = ROOT / "docs" / "zh" / "rules"
EN_RULES = ROOT / "docs" / "en" / "rules"
ERRATA = ROOT / "errata"
GLOSSARY = ROOT / "glossary.yaml"
# shared/ lies beside the repository on developer machines and in CI.
SHARED = ROOT.parent / "shared"
DOMAIN = SHARED / "DOMAIN.md"
# the compilation's source text is the handbook's source, kept in the repository (source/)
SEED = ROOT / "source" / "compilation-zh.txt"

ID_RE = re.compile(r"^RV-\d{1,2}(\.\d{1,2}){1,3}$")
ART_RE = re.compile(r"""\{\{\s*art\(\s*["']([^"']*)["']\s*\)\s*\}\}""")
MISSING_RE = re.compile(r"""\{\{\s*missing\(""")
MACRO_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
HEADING_RE = re.compile(r"^#{1,6}\s", re.M)
NOTE_RE = re.compile(r"^\s*!!!\s+note\b", re.M)
LINK_RE = re.compile(r"\]\(([^)\s]+)\)")
RULE_LINK_RE = re.compile(r"^(?P<page>s\d{2}\.md)?(?:#(?P<anchor>.+))?$")
PAGE_NAME_RE = re.compile(r"^s(\d{2})\.md$")
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")
FORM_TITLE_RE = re.compile(f"^《?[{HAN}]+(表|单|记录|簿|册|台账|卡|问卷|回执|通知书)》?$")
PAREN_RE = re.compile(r"\(([^()]*)\)")

# The compilation's 17 section titles, in DESIGN.md's order, with garbled
# headings corrected (15: 固访 -> 回访; 11: 设诉 -> 投诉).
SECTION_TITLES = {
    1: "物业公司投诉处理制度和回访管理制度",
    2: "物业管理文件汇编",
    3: "公司回访管理制度范文",
    4: "客户回访管理措施",
    5: "工程管护回访制度范本大全",
    6: "热线回访规章制度汇编模板",
    7: "工程管护回访制度范本",
    8: "物业公司管理处走访制度",
    9: "工程项目业主回访管理制度",
    10: "物业回访管理制度",
    11: "管理处接待来访投诉工作制度",
    12: "用户投诉处理制度",
    13: "业主投诉处理和分析制度",
    14: "业主意见调查和回访制度",
    15: "管理处接待来访投诉定期回访制度",
    16: "回访工作制度",
    17: "住宅区管理处回访制度",
}

# Errors of the source that must not survive on a zh page (see the content
# conventions); 业业 only where not part of 物业业主 and the like.
KNOWN_SOURCE_ERRORS = [
    r"旳",
    r"固访",
    r"设诉",
    r"牧业",
    r"排扰",
    r"望风披靡",
    r"(?<!物)业业",
    r"面对强大的对手",  # the slogan after the compilation
    r"文档页数",  # document metadata at the top of the source
]

ERRATA_KEYS = {"article", "source", "corrected", "reason"}


# --------------------------------------------------------------------------
# Loading helpers


class Page:
    """One Markdown page: front matter, body, H1 and article ids."""

    def __init__(self, path: Path):
        self.path = path
        self.name = path.name
        self.text = path.read_text(encoding="utf-8")
        self.meta: dict = {}
        self.body = self.text
        match = re.match(r"^---\n(.*?)\n---\n", self.text, re.S)
        if match:
            self.meta = yaml.safe_load(match.group(1)) or {}
            self.body = self.text[match.end() :]
        self.body_offset = self.text.count("\n", 0, len(self.text) - len(self.body))
        self.ids = ART_RE.findall(self.body)

    @property
    def section(self) -> int:
        return int(PAGE_NAME_RE.match(self.name).group(1))

    @property
    def h1(self) -> str | None:
        for line in self.body.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return None

    def line_of(self, pos: int) -> int:
        """1-based line number in the file of a position in ``body``."""
        return self.body_offset + self.body.count("\n", 0, pos) + 1


def _page_names(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.glob("*.md"))


@cache
def zh_page(name: str) -> Page:
    return Page(ZH_RULES / name)


@cache
def en_page(name: str) -> Page:
    return Page(EN_RULES / name)


ZH_NAMES = _page_names(ZH_RULES)
EN_NAMES = _page_names(EN_RULES)
TWIN_NAMES = sorted(set(ZH_NAMES) & set(EN_NAMES))
ALL_PAGES = [("zh", n) for n in ZH_NAMES] + [("en", n) for n in EN_NAMES]


def page(lang: str, name: str) -> Page:
    return zh_page(name) if lang == "zh" else en_page(name)


@cache
def ids_by_page(lang: str) -> dict[str, list[str]]:
    names = ZH_NAMES if lang == "zh" else EN_NAMES
    return {n: page(lang, n).ids for n in names}


@cache
def glossary() -> list[dict]:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))


def zh_forms(entry: dict) -> list[str]:
    return [entry["zh"], *(entry.get("zh_variants") or [])]


def en_forms(entry: dict) -> list[str]:
    return [entry["en"], *(entry.get("accept") or [])]


def normalise_en(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).lower()


def han_and_alnum(text: str) -> str:
    """Only Han characters, letters and digits: compares text across punctuation."""
    return "".join(ch for ch in text if ch.isalnum())


def _entry_present_in_zh(text: str, entries: list[dict]) -> set[int]:
    """Indices of glossary entries that occur in ``text`` on their own.

    An occurrence of a term does not count when it lies inside a longer
    occurrence of another glossary term (回访 inside 回访率, 管理处 inside
    管理处主任) or inside one of the entry's ``zh_exclude`` compounds
    (项目 inside 维修项目).
    """
    occurrences: list[tuple[int, int, int]] = []
    excluded: dict[int, list[tuple[int, int]]] = {}
    for idx, entry in enumerate(entries):
        for form in zh_forms(entry):
            start = text.find(form)
            while start != -1:
                occurrences.append((start, start + len(form), idx))
                start = text.find(form, start + 1)
        spans = []
        for compound in entry.get("zh_exclude") or []:
            start = text.find(compound)
            while start != -1:
                spans.append((start, start + len(compound)))
                start = text.find(compound, start + 1)
        excluded[idx] = spans
    present = set()
    for start, end, idx in occurrences:
        if idx in present:
            continue
        inside_longer = any(
            other != idx and s <= start and end <= e and (e - s) > (end - start)
            for s, e, other in occurrences
        )
        inside_excluded = any(s <= start and end <= e for s, e in excluded[idx])
        if not inside_longer and not inside_excluded:
            present.add(idx)
    return present


def _en_contains(text: str, form: str) -> bool:
    pattern = r"(?<![a-z0-9])" + re.escape(normalise_en(form))
    return re.search(pattern, text) is not None


@cache
def errata_files() -> list[Path]:
    return (
        sorted(ERRATA.glob("s[0-9]*.yaml")) if ERRATA.is_dir() else []
    )  # classes.yaml: the classes of edits


def load_errata(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------
# Pages and parity


def test_rule_pages_exist_in_both_languages():
    """docs/zh/rules and docs/en/rules hold the same set of sNN.md pages."""
    assert ZH_NAMES, f"no pages under {ZH_RULES}"
    bad = [n for n in set(ZH_NAMES) | set(EN_NAMES) if not PAGE_NAME_RE.match(n)]
    assert not bad, f"page names must be sNN.md: {sorted(bad)}"
    only_zh = sorted(set(ZH_NAMES) - set(EN_NAMES))
    only_en = sorted(set(EN_NAMES) - set(ZH_NAMES))
    assert not only_zh and not only_en, (
        f"pages without a twin: only in zh {only_zh}, only in en {only_en}"
    )


@pytest.mark.parametrize("lang,name", ALL_PAGES)
def test_front_matter(lang, name):
    """Front matter names the page's source section and a title."""
    p = page(lang, name)
    assert p.meta.get("source_section") == p.section, (
        f"{lang}/rules/{name}: source_section is {p.meta.get('source_section')!r}, "
        f"expected {p.section}"
    )
    title = p.meta.get("source_title")
    assert isinstance(title, str) and title.strip(), f"{lang}/rules/{name}: source_title missing"
    assert p.h1, f"{lang}/rules/{name}: no H1 ('# title') line"
    assert "{{ source_note() }}" in p.body, f"{lang}/rules/{name}: source_note() missing"


@pytest.mark.parametrize("name", TWIN_NAMES)
def test_twins_have_same_ids_in_same_order(name):
    """The zh page and its en twin carry the same article ids in the same order."""
    zh, en = zh_page(name).ids, en_page(name).ids
    assert zh, f"zh/rules/{name} has no article ids"
    if zh != en:
        diff = next(
            (i for i, (a, b) in enumerate(zip(zh, en, strict=False)) if a != b),
            min(len(zh), len(en)),
        )
        pytest.fail(
            f"{name}: ids differ from position {diff}: "
            f"zh {zh[diff : diff + 3]} vs en {en[diff : diff + 3]} "
            f"(zh has {len(zh)} ids, en has {len(en)})"
        )


@pytest.mark.parametrize("name", TWIN_NAMES)
def test_twins_have_same_notes_markers_and_links(name):
    """Editor's notes, missing-text markers and rule links appear on both twins."""
    zh, en = zh_page(name), en_page(name)
    assert len(NOTE_RE.findall(zh.body)) == len(NOTE_RE.findall(en.body)), (
        f"{name}: {len(NOTE_RE.findall(zh.body))} notes in zh, "
        f"{len(NOTE_RE.findall(en.body))} in en"
    )
    assert len(MISSING_RE.findall(zh.body)) == len(MISSING_RE.findall(en.body)), (
        f"{name}: missing() markers differ in number between zh and en"
    )

    def rule_links(p: Page) -> set[str]:
        return {t for t in LINK_RE.findall(p.body) if RULE_LINK_RE.match(t)}

    zh_links, en_links = rule_links(zh), rule_links(en)
    assert zh_links == en_links, (
        f"{name}: links only in zh {sorted(zh_links - en_links)}, "
        f"only in en {sorted(en_links - zh_links)}"
    )


# --------------------------------------------------------------------------
# Article ids and links


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_article_ids_well_formed_and_in_order(lang):
    """Ids match RV-<section>.<n>[.<n>[.<n>]], name the page's section, and ascend."""
    problems = []
    for name, ids in ids_by_page(lang).items():
        section = page(lang, name).section
        previous: tuple[int, ...] = ()
        for art_id in ids:
            if not ID_RE.match(art_id):
                problems.append(f"{name}: malformed id {art_id!r}")
                continue
            numbers = tuple(int(x) for x in art_id[3:].split("."))
            if numbers[0] != section:
                problems.append(f"{name}: {art_id} is not an id of section {section}")
            if numbers <= previous:
                problems.append(f"{name}: {art_id} does not come after the id before it")
            previous = numbers
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_article_ids_unique_across_handbook(lang):
    """Each id is defined exactly once in all pages of a language."""
    seen: dict[str, str] = {}
    duplicates = []
    for name, ids in ids_by_page(lang).items():
        for art_id in ids:
            if art_id in seen:
                duplicates.append(f"{art_id} in {seen[art_id]} and {name}")
            else:
                seen[art_id] = name
    assert not duplicates, "duplicate ids: " + "; ".join(duplicates)


@pytest.mark.parametrize("lang,name", ALL_PAGES)
def test_no_article_anchor_in_headings(lang, name):
    """art() anchors start paragraphs or list items, never headings."""
    bad = [
        line
        for line in page(lang, name).body.splitlines()
        if line.lstrip().startswith("#") and ART_RE.search(line)
    ]
    assert not bad, f"{lang}/rules/{name}: art() inside headings: {bad}"


@pytest.mark.parametrize("lang,name", ALL_PAGES)
def test_rule_links_resolve(lang, name):
    """Relative links sNN.md#RV-… (or #RV-… on the same page) reach a defined id."""
    p = page(lang, name)
    ids = ids_by_page(lang)
    problems = []
    for match in LINK_RE.finditer(p.body):
        link = RULE_LINK_RE.match(match.group(1))
        if not link:
            continue
        target = link.group("page") or name
        anchor = link.group("anchor")
        where = f"{lang}/rules/{name}:{p.line_of(match.start())}"
        if target not in ids:
            problems.append(f"{where}: {match.group(1)} points to a missing page")
        elif anchor is not None and anchor not in ids[target]:
            problems.append(f"{where}: {match.group(1)}: no id {anchor} on {target}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------
# Titles, source errors, Han in English


def test_every_section_title_is_a_zh_h1():
    """The 17 section titles of the source (corrected) are the H1s of zh/rules/sNN.md."""
    problems = []
    for number, title in SECTION_TITLES.items():
        name = f"s{number:02d}.md"
        if name not in ZH_NAMES:
            problems.append(f"section {number} ({title}): no page zh/rules/{name}")
            continue
        h1 = zh_page(name).h1 or ""
        # An explanatory suffix in parentheses after the title is allowed.
        if not re.fullmatch(re.escape(title) + r"\s*([（(][^）)]*[）)])?", h1):
            problems.append(f"zh/rules/{name}: H1 {h1!r}, expected {title!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ZH_NAMES)
def test_known_source_errors_corrected(name):
    """Errors named in the conventions (旳, 固访, 望风披靡, …) and the slogan are gone."""
    body = MACRO_RE.sub("", zh_page(name).body)
    found = [pattern for pattern in KNOWN_SOURCE_ERRORS if re.search(pattern, body)]
    assert not found, f"zh/rules/{name} still contains {found}"


@pytest.mark.parametrize("name", EN_NAMES)
def test_english_pages_have_no_han_outside_allowed_parentheses(name):
    """English pages hold Han only as a glossary term or form title in parentheses.

    Allowed: "(zh)" where zh is a glossary term or variant and one of that
    entry's English forms stands in the 80 characters before the parenthesis;
    or "(title)" where title is Han text ending in 表/单/记录/簿/册/台账/卡/问卷/回执/通知书,
    optionally in 《》 (a form or register title after its English name).
    Everything else with Han characters fails, front matter included.
    """
    p = en_page(name)
    entries_by_form = {form: entry for entry in glossary() for form in zh_forms(entry)}
    problems = []
    for lineno, line in enumerate(p.text.splitlines(), start=1):
        if not HAN_RE.search(line):
            continue
        rest = line
        for match in PAREN_RE.finditer(line):
            inner = match.group(1).strip()
            if not HAN_RE.search(inner):
                continue
            allowed = False
            if FORM_TITLE_RE.match(inner):
                allowed = True
            elif inner in entries_by_form:
                before = normalise_en(line[max(0, match.start() - 80) : match.start()])
                allowed = any(
                    _en_contains(before, form) for form in en_forms(entries_by_form[inner])
                )
            if allowed:
                rest = rest.replace(match.group(0), "", 1)
        if HAN_RE.search(rest):
            problems.append(f"en/rules/{name}:{lineno}: {line.strip()[:120]}")
    assert not problems, "Han characters not allowed here:\n" + "\n".join(problems)


# --------------------------------------------------------------------------
# Glossary


def test_glossary_entries_well_formed():
    """Every entry has zh (Han), en, and list-valued optional keys; zh forms are unique."""
    entries = glossary()
    assert isinstance(entries, list) and entries, "glossary.yaml must be a non-empty list"
    allowed_keys = {"zh", "zh_variants", "zh_exclude", "en", "accept", "note"}
    seen: dict[str, str] = {}
    problems = []
    for i, entry in enumerate(entries):
        label = f"entry {i} ({entry.get('zh') if isinstance(entry, dict) else entry!r})"
        if not isinstance(entry, dict):
            problems.append(f"{label}: not a mapping")
            continue
        if set(entry) - allowed_keys:
            problems.append(f"{label}: unknown keys {sorted(set(entry) - allowed_keys)}")
        if not isinstance(entry.get("zh"), str) or not HAN_RE.search(entry["zh"]):
            problems.append(f"{label}: zh must be a Chinese term")
        if not isinstance(entry.get("en"), str) or not entry["en"].strip():
            problems.append(f"{label}: en missing")
        elif HAN_RE.search(entry["en"]):
            problems.append(f"{label}: en contains Han characters")
        for key in ("zh_variants", "zh_exclude", "accept"):
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value
            ):
                problems.append(f"{label}: {key} must be a list of non-empty strings")
        note = entry.get("note")
        if note is not None and not (isinstance(note, dict) and note.get("zh") and note.get("en")):
            problems.append(f"{label}: note must have zh and en")
        for form in zh_forms(entry) if isinstance(entry.get("zh"), str) else []:
            if form in seen:
                problems.append(f"{label}: zh form {form!r} also in entry {seen[form]!r}")
            seen[form] = entry["zh"]
        for compound in entry.get("zh_exclude") or []:
            if entry["zh"] not in compound:
                problems.append(f"{label}: zh_exclude {compound!r} does not contain the term")
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(not DOMAIN.is_file(), reason="shared/DOMAIN.md not beside the repo")
def test_glossary_covers_domain_section_4():
    """Every zh term of DOMAIN.md §4 (cells split on /) is a glossary term or variant."""
    text = DOMAIN.read_text(encoding="utf-8")
    section = re.search(r"^## 4\..*?$(.*?)^## 5\.", text, re.S | re.M)
    assert section, "DOMAIN.md has no section 4"
    terms = set()
    for line in section.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not HAN_RE.search(cells[0]):
            continue
        for cell in (cells[0], cells[2]):
            cell = re.sub(r"\s*\(HK\)\s*$", "", cell)
            terms.update(part.strip() for part in cell.split("/") if part.strip())
    assert len(terms) > 50, "could not read the glossary table of DOMAIN.md"
    known = {form for entry in glossary() for form in zh_forms(entry)}
    missing = sorted(terms - known)
    assert not missing, f"DOMAIN.md §4 terms missing from glossary.yaml: {missing}"


def articles(p: Page) -> dict[str, str]:
    """The text of each article of a page, by id, in page order.

    An article runs from its art() anchor to the next anchor, so it holds its
    own nested list lines and editor's notes; a heading ("## 二、…") and the
    text after it belong to the article that follows the heading. The text
    before the first anchor (H1 and first heading) is kept under "(head)".
    """
    parts = ART_RE.split(p.body)
    chunks = {"(head)": parts[0]}
    carry = ""
    for art_id, text in zip(parts[1::2], parts[2::2], strict=True):
        heading = HEADING_RE.search(text)
        own, rest = (text[: heading.start()], text[heading.start() :]) if heading else (text, "")
        chunks[art_id] = carry + own
        carry = rest
    if carry:
        chunks["(tail)"] = carry
    return chunks


def glossary_mismatches(zh_chunks: dict[str, str], en_chunks: dict[str, str], entries):
    """(article id, entry) pairs where a zh article uses a term its en twin lacks.

    Each article is checked on its own, so an English term elsewhere on the
    page does not cover an article that leaves it out.
    """
    found = []
    for art_id, zh_raw in zh_chunks.items():
        zh_text = LINK_RE.sub("]", MACRO_RE.sub("", zh_raw))
        en_text = normalise_en(MACRO_RE.sub("", en_chunks.get(art_id, "")))
        for idx in sorted(_entry_present_in_zh(zh_text, entries)):
            entry = entries[idx]
            if not any(_en_contains(en_text, form) for form in en_forms(entry)):
                found.append((art_id, entry))
    return found


@pytest.mark.parametrize("name", TWIN_NAMES)
def test_glossary_terms_translated_consistently(name):
    """When a glossary zh term occurs in a zh article, its en twin uses the English term.

    Checked per article (the text from one art() anchor to the next, see
    articles()), not per page: each entry's zh term or a variant must occur in
    the zh article outside any longer glossary term (回访 inside 回访率 does
    not count for 回访) and outside the entry's zh_exclude compounds; then the
    en article with the same id must contain en or one of accept,
    case-insensitively, at the start of a word (so "complaint" also matches
    "complaints").
    """
    found = glossary_mismatches(articles(zh_page(name)), articles(en_page(name)), glossary())
    problems = [
        f"{art_id}: {entry['zh']} -> {' | '.join(en_forms(entry))}" for art_id, entry in found
    ]
    assert not problems, f"en/rules/{name} lacks the English term in:\n" + "\n".join(problems)


def test_glossary_check_is_per_article():
    """Self-check: a term the en page uses in another article does not cover this one."""
    entries = [{"zh": "投诉", "en": "complaint"}, {"zh": "回访", "en": "follow-up"}]
    zh = {"(head)": "# 标题", "RV-1.1": "受理投诉。", "RV-1.2": "电话回访。"}
    en = {"(head)": "# Title", "RV-1.1": "Log complaints.", "RV-1.2": "Call back the complaint."}
    assert [(a, e["zh"]) for a, e in glossary_mismatches(zh, en, entries)] == [("RV-1.2", "回访")]
    en["RV-1.2"] = "A follow-up call."
    assert glossary_mismatches(zh, en, entries) == []
    page_text = '{{ art("RV-1.1") }} 甲\n\n    !!! note\n        注\n\n{{ art("RV-1.2") }} 乙'
    fake = Page.__new__(Page)
    fake.body = page_text
    assert list(articles(fake)) == ["(head)", "RV-1.1", "RV-1.2"]
    assert "注" in articles(fake)["RV-1.1"]
    fake.body = page_text.replace('{{ art("RV-1.2") }}', '## 二、回访\n\n{{ art("RV-1.2") }}')
    assert "回访" in articles(fake)["RV-1.2"] and "回访" not in articles(fake)["RV-1.1"]


def test_glossary_check_detects_substring_terms():
    """Self-check of the matcher: 回访率 counts for 回访率, not for 回访 or 满意."""
    entries = [
        {"zh": "回访", "en": "follow-up"},
        {"zh": "回访率", "en": "follow-up rate"},
        {"zh": "项目", "zh_exclude": ["维修项目"], "en": "development"},
    ]
    assert _entry_present_in_zh("经理回访率不低于10%", entries) == {1}
    assert _entry_present_in_zh("回访率；回访时", entries) == {0, 1}
    assert _entry_present_in_zh("实地查看维修项目", entries) == set()
    assert _entry_present_in_zh("本项目", entries) == {2}
    assert _en_contains("three complaints", "complaint")
    assert not _en_contains("noncomplaint", "complaint")


# --------------------------------------------------------------------------
# Errata


def test_every_page_has_an_errata_file():
    """errata/sNN.yaml exists for every page (an empty list where nothing was corrected)."""
    names = {p.stem + ".md" for p in errata_files()}
    missing = sorted(set(ZH_NAMES) - names)
    extra = sorted(names - set(ZH_NAMES))
    assert not missing, f"pages without errata/sNN.yaml: {missing}"
    assert not extra, f"errata files without a page: {extra}"


@pytest.mark.parametrize("path", errata_files(), ids=lambda p: p.name)
def test_errata_entries_well_formed(path):
    """Each entry has article (an id of that section's page), source, corrected, reason.zh/en."""
    data = load_errata(path)
    assert isinstance(data, list), f"{path.name}: must be a YAML list (use [] when empty)"
    page_name = path.stem + ".md"
    ids = set(zh_page(page_name).ids) if page_name in ZH_NAMES else set()
    problems = []
    for i, entry in enumerate(data):
        label = f"{path.name} entry {i}"
        if not isinstance(entry, dict):
            problems.append(f"{label}: not a mapping")
            continue
        if set(entry) != ERRATA_KEYS:
            problems.append(f"{label}: keys {sorted(entry)}, expected {sorted(ERRATA_KEYS)}")
        if entry.get("article") not in ids:
            problems.append(
                f"{label}: article {entry.get('article')!r} is not an id on {page_name}"
            )
        if not isinstance(entry.get("source"), str) or not entry["source"].strip():
            problems.append(f"{label}: source must quote the source text")
        if not isinstance(entry.get("corrected"), str):
            problems.append(f"{label}: corrected must be a string ('' for missing text)")
        reason = entry.get("reason")
        if not (
            isinstance(reason, dict)
            and isinstance(reason.get("zh"), str)
            and reason["zh"].strip()
            and isinstance(reason.get("en"), str)
            and reason["en"].strip()
        ):
            problems.append(f"{label}: reason needs non-empty zh and en")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", errata_files(), ids=lambda p: p.name)
def test_errata_match_page_and_source(path):
    """A correction's text is on the zh page, its source quote is in the seed, and
    every missing() marker on the page has an errata entry with corrected: ''.

    Compared on Han characters, letters and digits only, so punctuation
    normalisation does not matter.
    """
    data = load_errata(path) or []
    page_name = path.stem + ".md"
    if page_name not in ZH_NAMES or not isinstance(data, list):
        pytest.skip("covered by test_errata_entries_well_formed")
    body = han_and_alnum(MACRO_RE.sub("", zh_page(page_name).body))
    seed = han_and_alnum(SEED.read_text(encoding="utf-8"))  # missing: fails loudly
    problems = []
    for i, entry in enumerate(data):
        corrected = han_and_alnum(str(entry.get("corrected", "")))
        if corrected and corrected not in body:
            problems.append(f"entry {i}: corrected text {entry['corrected']!r} not on the page")
        source = han_and_alnum(str(entry.get("source", "")))
        if source and source not in seed:
            problems.append(f"entry {i}: source {entry['source']!r} not found in the source text")
    markers = len(MISSING_RE.findall(zh_page(page_name).body))
    empty = sum(1 for e in data if isinstance(e, dict) and e.get("corrected") == "")
    if markers > empty:
        problems.append(
            f"{markers} missing() markers but only {empty} errata entries with corrected: ''"
        )
    assert not problems, f"{path.name}:\n" + "\n".join(problems)
