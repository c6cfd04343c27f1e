"""The lexicon of the field (``lexicon.yaml``): the words people use, and the handbook's words for them.

The site's search reads it (``handbook.site.search``): a query word of an
entry's ``say`` list also finds the pages that use one of its ``find`` words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handbook.errors import FormFileError
from handbook.load.yamlio import LineDict, LineList, read_yaml

#: The languages of the lexicon, one list each.
LANGS = ("zh", "en")
_KEYS = ("say", "find", "from")


@dataclass(frozen=True)
class LexiconEntry:
    """One usage: the words people ``say``, the handbook's words to ``find``, where it comes from."""

    lang: str
    say: tuple[str, ...]
    find: tuple[str, ...]
    source: str
    line: int


def _fail(path: Path, line: int, where: str, key: str, expected: str) -> FormFileError:
    return FormFileError(
        "lexicon-invalid", file=str(path), line=line, where=where, key=key, expected=expected
    )


def _words(path: Path, raw: LineDict, key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key)
    words = value if isinstance(value, list) else None
    if not words or any(not isinstance(w, (str, int)) or not str(w).strip() for w in words):
        raise _fail(path, raw.line_of(key), where, key, "[词, …] / [word, …]")
    return tuple(" ".join(str(w).split()) for w in words)


def _entry(path: Path, lang: str, raw: Any, line: int, n: int) -> LexiconEntry:
    where = f"{lang}[{n}]"
    if not isinstance(raw, LineDict):
        raise _fail(path, line, where, "-", "{say, find, from}")
    for key in raw:
        if key not in _KEYS:
            raise _fail(path, raw.line_of(key), where, str(key), "say / find / from")
    source = raw.get("from")
    if not isinstance(source, str) or not source.strip():
        raise _fail(path, raw.line_of("from"), where, "from", "…")
    say, find = _words(path, raw, "say", where), _words(path, raw, "find", where)
    return LexiconEntry(lang, say, find, source.strip(), line)


def load_lexicon(path: Path) -> list[LexiconEntry]:
    """The entries of ``path`` in file order (none if the file is empty).

    Raises FormFileError naming the file, the line and the fix when an entry
    is not ``{say: [...], find: [...], from: ...}`` under ``zh:`` or ``en:``.
    """
    data, duplicates = read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, LineDict):
        raise _fail(path, 1, path.name, "-", "zh: […] / en: […]")
    for key, line, _first in duplicates:
        raise _fail(path, line, path.name, key, "zh: […] / en: […]")
    entries: list[LexiconEntry] = []
    for lang, items in data.items():
        if lang not in LANGS or not isinstance(items, LineList):
            raise _fail(path, data.line_of(lang), path.name, str(lang), "zh: […] / en: […]")
        for n, raw in enumerate(items):
            entries.append(_entry(path, lang, raw, items.line_of(n), n + 1))
    return entries


def lexicon_map(entries: list[LexiconEntry], lang: str) -> dict[str, list[str]]:
    """Each word people say (lower case) → the handbook's words for it, for one language."""
    out: dict[str, list[str]] = {}
    for entry in entries:
        if entry.lang != lang:
            continue
        for word in entry.say:
            found = out.setdefault(word.lower(), [])
            found.extend(w for w in entry.find if w not in found and w.lower() != word.lower())
    return {k: v for k, v in out.items() if v}
