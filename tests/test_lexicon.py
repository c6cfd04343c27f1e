"""The lexicon of the field (lexicon.yaml): how it is read, and a lint that it leads somewhere.

Every ``find`` word must occur on a page of its language other than the
glossary and the editors' notes (else the mapping leads nowhere), and each
entry must reach a page's own text, not only a register's lists of choices or
the sentences every form page repeats. Every word people ``say`` finds a page
through itself or the handbook's words for it.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook.errors import FormFileError
from handbook.load.lexicon import LANGS, lexicon_map, load_lexicon
from handbook.site import search, searchindex

ROOT = Path(__file__).resolve().parents[1]
LEXICON = ROOT / "lexicon.yaml"


def test_the_lexicon_reads_and_every_entry_says_where_it_comes_from() -> None:
    entries = load_lexicon(LEXICON)
    for lang in LANGS:
        mine = [e for e in entries if e.lang == lang]
        assert len(mine) >= 40, lang
        assert sum(len(e.say) for e in mine) >= 250, lang
    for entry in entries:
        assert entry.source and entry.say and entry.find, entry
        # a word people say is not the handbook's word of the same entry
        assert not {w.lower() for w in entry.say} & {w.lower() for w in entry.find}, entry


def test_each_word_people_say_belongs_to_one_entry() -> None:
    for lang in LANGS:
        seen: dict[str, int] = {}
        for entry in load_lexicon(LEXICON):
            if entry.lang != lang:
                continue
            for word in entry.say:
                assert word.lower() not in seen, (
                    f"{lang} {word!r}: lines {seen[word.lower()]} and {entry.line}"
                )
                seen[word.lower()] = entry.line


def test_lexicon_map_gives_each_word_its_targets(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(
        "zh:\n  - {say: [管理费], find: [物业费], from: 口语}\n"
        "en:\n  - {say: [Grievance, call  back], find: [complaint], from: usage}\n",
        "utf-8",
    )
    entries = load_lexicon(path)
    assert lexicon_map(entries, "zh") == {"管理费": ["物业费"]}
    assert lexicon_map(entries, "en") == {"grievance": ["complaint"], "call back": ["complaint"]}
    assert entries[1].line == 4


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("zh:\n  - {say: [吐槽], find: [投诉]}\n", 2, "from"),
        ("zh:\n  - say: 吐槽\n    find: [投诉]\n    from: 口语\n", 2, "say"),
        ("zh:\n  - {say: [吐槽], find: [], from: 口语}\n", 2, "find"),
        ("zh:\n  - {say: [吐槽], find: [投诉], from: 口语, note: x}\n", 2, "note"),
        ("fr:\n  - {say: [a], find: [b], from: c}\n", 1, "fr"),
        ("zh:\n  - 吐槽\n", 2, "-"),
        ("- {say: [a], find: [b], from: c}\n", 1, "-"),
    ],
)
def test_a_bad_entry_names_the_file_the_line_and_the_fix(
    tmp_path: Path, text: str, line: int, key: str
) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(FormFileError) as caught:
        load_lexicon(path)
    error = caught.value
    assert error.code == "lexicon-invalid"
    assert error.params["line"] == line and error.params["key"] == key
    for lang in ("zh", "en"):
        message = error.render(lang)
        assert str(path) in message and "say" in message and "find" in message


def test_an_empty_lexicon_is_no_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("# nothing yet\n", "utf-8")
    assert load_lexicon(path) == []


# ---- on the built site: the lexicon's targets against the handbook's own pages

_LOW = re.compile(re.escape(search.LOW_OPEN) + r".*?" + re.escape(search.LOW_CLOSE), re.S)


def _pages(site: Path, lang: str) -> dict[str, tuple[str, str]]:
    """Each page that is not a reference page → (all its text, its text without marked boilerplate)."""
    index = json.loads(
        searchindex.index_path(site, "" if lang == "zh" else lang).read_text("utf-8")
    )
    out: dict[str, tuple[str, str]] = {}
    for doc in index["docs"]:
        if doc.get("reference"):
            continue
        page = doc["location"].split("#")[0]
        whole, own = out.get(page, ("", ""))
        for value, bucket in ((doc["text"], "whole"), (_LOW.sub(" ", doc["text"]), "own")):
            plain = html.unescape(re.sub(r"<[^>]*>", " ", f"{doc['title']} {value}")).lower()
            plain = re.sub(r"\s+", "" if lang == "zh" else " ", plain)
            if bucket == "whole":
                whole += "\n" + plain
            else:
                own += "\n" + plain
        out[page] = (whole, own)
    return out


def _holds(text: str, word: str, lang: str) -> bool:
    word = word.lower()
    if lang == "zh":
        return re.sub(r"\s+", "", word) in text
    return re.search(r"(?<![a-z0-9])" + re.escape(word).replace(r"\ ", r"[\s-]+"), text) is not None


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_every_target_word_is_on_a_handbook_page(site: Path, lang: str) -> None:
    pages = _pages(site, lang)
    missing, only_boilerplate = [], []
    for entry in load_lexicon(LEXICON):
        if entry.lang != lang:
            continue
        for word in entry.find:
            if not any(_holds(whole, word, lang) for whole, _ in pages.values()):
                missing.append(f"line {entry.line}: {word}")
        if not any(_holds(own, w, lang) for w in entry.find for _, own in pages.values()):
            only_boilerplate.append(f"line {entry.line}: {entry.find}")
    assert not missing, (
        f"{lang}: find words on no page (glossary and editors' notes aside): {missing}"
    )
    assert not only_boilerplate, (
        f"{lang}: entries whose find words are only in lists of choices or form boilerplate: "
        f"{only_boilerplate}"
    )


PROBE = """
const { Engine } = require(WORKER)
const index = JSON.parse(require("fs").readFileSync(INDEX, "utf8"))
const engine = new Engine(index.config, index.docs)
const out = {}
for (const say in index.config.handbook.lexicon) {
  const items = engine.search(say).items
  if (!items.length) { out[say] = "nothing found"; continue }
  const first = engine.ranked[0]
  // the first page holds the word as typed or one of the lexicon's words for it
  const terms = engine.parse(say).terms
  engine.weigh(terms)
  const held = terms.some(t => t.spell.some(sp => sp.w >= 0.9 &&
    (sp.han ? (first.page.titleC + first.page.textC + first.page.optC).includes(sp.text)
            : sp.re.test(first.page.title + " " + first.page.text + " " + first.page.opt))))
  if (!held) out[say] = first.page.page
}
process.stdout.write(JSON.stringify(out))
"""


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_every_word_people_say_finds_a_page_through_the_lexicon(site: Path, lang: str) -> None:
    node = shutil.which("node")
    assert node, "node is needed to run the search worker"
    index = searchindex.index_path(site, "" if lang == "zh" else lang)
    code = PROBE.replace("WORKER", json.dumps(str(search.WORKER_SOURCE))).replace(
        "INDEX", json.dumps(str(index))
    )
    result = subprocess.run(
        [node, "-e", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    wrong = json.loads(result.stdout)
    words = len(json.loads(index.read_text("utf-8"))["config"]["handbook"]["lexicon"])
    assert words >= 250
    # a phrase may land on a page holding its parts ("missed deadline"); never more than 1 %
    assert len(wrong) <= words // 100, wrong
