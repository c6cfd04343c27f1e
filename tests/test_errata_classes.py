"""Every difference between the source and the zh rule pages is an erratum or a listed class.

The whole source (``source/compilation-zh.txt``) is compared with the text of ``docs/zh/rules/s01.md`` …
``s17.md`` in order, character by character, after the corrections of ``errata/sNN.yaml``
are applied to the source. Each remaining difference must belong to a class of
``errata/classes.yaml`` (the list the errata page shows); a difference of no class fails
the test, naming the page and the text around it. So a silent edit of a new kind (a colon
added after a heading, a space after 第一条) cannot be made without the errata page
saying so.

What the page text is: the Markdown without front matter, editor's notes, macros,
list markers, heading marks, emphasis and escapes; line breaks and ASCII spaces are
dropped on both sides (the class line-joins).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# the compilation's source text, kept in the repository: a missing file fails, never skips
SEED = ROOT / "source" / "compilation-zh.txt"
ZH_RULES = ROOT / "docs" / "zh" / "rules"
ERRATA = ROOT / "errata"

MACRO = re.compile(r"\{\{.*?\}\}")
MARKER = re.compile(r"^(#{1,6}\s+|\d+\.\s+|-\s+)")
LIST_NUMBER = re.compile(r"\d{1,2}[.、]|（\d{1,2}）|\(\d{1,2}\)")
ASCII = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "~": "～", '"': "“”", ".": "。"}
NUMERAL = re.compile("[一二三四五六七八九十]$")
#: the classes this test can recognise; errata/classes.yaml must list exactly these
DETECTED = {
    "ascii-punctuation",
    "line-joins",
    "list-numbers",
    "part-numbers",
    "run-in-colons",
    "article-space",
    "missing-part-number",
    "contents-heading",
    "slogan",
}


def page_text(markdown: str) -> str:
    """What a reader sees of a rule page's own text, without notes, macros or markup."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    out: list[str] = []
    note_indent: int | None = None
    for line in body.splitlines():
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if note_indent is not None:
            if not stripped or indent > note_indent:
                continue
            note_indent = None
        if stripped.startswith("!!!"):
            note_indent = indent
            continue
        text = MACRO.sub("", stripped)
        for _ in range(2):
            text = MARKER.sub("", text).strip()
        out.append(re.sub(r"\\(.)", r"\1", text.replace("**", "")))
    return "".join(out).replace(" ", "")


def _words(text: str) -> str:
    """Letters alone: item numbers and punctuation differ between source and page."""
    return "".join(ch for ch in text if ch.isalpha())


def apply_errata(seed: str, entries: list[dict], pages: str) -> tuple[str, list[str]]:
    """The source with each erratum applied in order, and the entries that do not quote it."""
    problems = []
    for entry in entries:
        source = str(entry["source"]).replace("\n", "")
        corrected = str(entry["corrected"])
        if source not in seed:
            problems.append(f"{entry['article']}: source {source!r} is not quoted verbatim")
            continue
        if corrected:
            seed = seed.replace(source, corrected, 1)
        elif _words(source) not in _words(pages):  # removed text, not the context of a gap
            seed = seed.replace(source, "", 1)
    return seed, problems


@dataclass
class Comparison:
    """The differences left after the errata, each with its class or as unexplained."""

    used: set[str] = field(default_factory=set)
    unexplained: list[str] = field(default_factory=list)


def _same(source: str, page: str) -> bool | None:
    """True if equal, None if equal once ASCII marks are made full-width, else False."""
    if source == page:
        return True
    if len(source) == len(page) and all(
        a == b or b in ASCII.get(a, "") for a, b in zip(source, page, strict=True)
    ):
        return None
    return False


def _classify(before: str, s: str, t: str, page: str, at_end: bool) -> set[str] | None:
    """The classes that turn source text ``s`` into page text ``t``; None if none does."""
    classes = {"line-joins"}
    if at_end and not t:
        return classes | {"slogan"}
    bare = LIST_NUMBER.sub("", s)
    if bare != s:
        classes.add("list-numbers")
    if page == "s09" and t.startswith("："):  # 1.项目经理(1)… → 项目经理：（1）…
        classes.add("run-in-colons")
        t = t[1:]
    if not bare:
        if page == "s06" and t == "\u3000" and before.endswith("条"):
            return classes | {"article-space"}
        if page in ("s01", "s08") and re.fullmatch("[一二三四五六七八九十]、", t):
            return classes | {"missing-part-number"}
        if page == "s02" and re.fullmatch("[一二三四五六七八九十]、.+", t):
            return classes | {"contents-heading"}
    if bare == "。" and t == "、" and NUMERAL.search(before) and page >= "s11":
        return classes | {"part-numbers"}
    same = _same(bare, t)
    if same is None:
        return classes | {"ascii-punctuation"}
    return classes if same else None


def compare(seed: str, pages: list[tuple[str, str]], entries: list[dict]) -> Comparison:
    """Compare the source with the pages' text (in order) after applying ``entries``."""
    text = "".join(t for _, t in pages)
    starts, offset = [], 0
    for name, t in pages:
        starts.append((offset, name))
        offset += len(t)
    fixed, problems = apply_errata(seed.replace("\n", ""), entries, text)
    fixed = fixed.replace(" ", "")
    result = Comparison(unexplained=problems)
    matcher = difflib.SequenceMatcher(None, fixed, text, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        page = next(name for start, name in reversed(starts) if start <= j1) if starts else ""
        s, t = fixed[i1:i2], text[j1:j2]
        classes = _classify(fixed[max(0, i1 - 4) : i1], s, t, page, j1 >= len(text))
        if classes is None:
            result.unexplained.append(
                f"{page}.md: {fixed[max(0, i1 - 12) : i1]}[{s[:40]!r} → {t[:40]!r}]{text[j2 : j2 + 12]}"
            )
        else:
            result.used |= classes
    return result


@cache
def _pages() -> tuple[tuple[str, str], ...]:
    return tuple(
        (p.stem, page_text(p.read_text(encoding="utf-8"))) for p in sorted(ZH_RULES.glob("s*.md"))
    )


def _entries() -> list[dict]:
    entries: list[dict] = []
    for path in sorted(ERRATA.glob("s[0-9]*.yaml")):
        entries.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return entries


def _classes() -> list[dict]:
    return yaml.safe_load((ERRATA / "classes.yaml").read_text(encoding="utf-8"))


def test_every_difference_from_the_source_is_an_erratum_or_a_listed_class() -> None:
    result = compare(SEED.read_text(encoding="utf-8"), list(_pages()), _entries())
    assert not result.unexplained, (
        "changes to the source that errata/ does not list (add an erratum, or a class to "
        "errata/classes.yaml and to this test):\n" + "\n".join(result.unexplained)
    )
    listed = {c["id"] for c in _classes()}
    assert result.used <= listed, f"classes used but not listed: {result.used - listed}"


def test_the_errata_page_lists_exactly_the_classes_this_test_recognises() -> None:
    classes = _classes()
    assert {c["id"] for c in classes} == DETECTED
    for c in classes:
        assert c.get("zh", "").strip() and c.get("en", "").strip(), c["id"]
    for lang in ("zh", "en"):
        page = (ROOT / "docs" / lang / "editors" / "errata.md").read_text(encoding="utf-8")
        assert "{{ errata_classes() }}" in page and "{{ errata_table() }}" in page


def test_the_comparison_catches_an_unlisted_edit_of_each_kind() -> None:
    """Self-check: a colon added outside section 9, a space after a heading, a changed
    character, a dropped erratum are each reported."""
    seed = SEED.read_text(encoding="utf-8")
    pages = list(_pages())
    names = [n for n, _ in pages]
    s03 = names.index("s03")
    base = compare(seed, pages, _entries())
    assert not base.unexplained
    changed = list(pages)
    name, text = changed[s03]
    changed[s03] = (name, text.replace("回访", "回访：", 1))  # a colon where the source has none
    assert any(p.startswith("s03.md") for p in compare(seed, changed, _entries()).unexplained)
    changed = list(pages)
    changed[s03] = (name, text.replace("回访", "回防", 1))  # a silent change of a word
    assert any(p.startswith("s03.md") for p in compare(seed, changed, _entries()).unexplained)
    entries = [e for e in _entries() if e["article"] != "RV-15.1.4"]  # 采取 → 采纳 unlisted
    assert any(p.startswith("s15.md") for p in compare(seed, pages, entries).unexplained)
    s06 = names.index("s06")
    name, text = pages[s06]
    moved = list(pages)
    moved[s06] = (name, text.replace("\u3000", ""))  # no space: not a class any more, but fine
    assert not compare(seed, moved, _entries()).unexplained
    other = list(pages)
    other[s03] = (pages[s03][0], pages[s03][1].replace("客户", "客户\u3000", 1))
    assert compare(seed, other, _entries()).unexplained
