"""The message catalogue: every sentence a person reads, in Chinese and English.

Two kinds of entry, both here and nowhere else:

- messages (``problems``): a stable kebab-case code → (zh, en) template, for
  problems, errors and diagnostics; codes appear in JSON output;
- words (``words``): the fixed words of pages, workbooks, reports and PDFs,
  one section per place they appear, each mapping a language to its words.

``tests/test_messages.py`` fails when a code used in the code has no entry, an
entry lacks a language, or an entry is never used.
"""

from __future__ import annotations

from typing import Any

from handbook.messages.problems import CATALOGUE
from handbook.messages.words import SECTIONS

__all__ = ["CATALOGUE", "SECTIONS", "render", "sections", "words"]


def render(code: str, lang: str, /, **params: Any) -> str:
    """The message ``code`` in ``lang`` with ``params`` filled in.

    A nested problem (``problem_code`` with ``problem`` params) is rendered first
    and appended, so a wrapped error still says what is wrong.
    """
    zh, en = CATALOGUE.get(code, (code, code))
    template = en if lang == "en" else zh
    # a bilingual parameter (model.form.Text: a program's or separator's name) in ``lang``
    params = {
        k: v.get(lang) if hasattr(v, "zh") and hasattr(v, "en") else v for k, v in params.items()
    }
    nested = ""
    if "problem_code" in params:
        inner = params.get("problem") or {}
        nested = " " + render(str(params["problem_code"]), lang, **dict(inner))
        params = {k: v for k, v in params.items() if k not in ("problem_code", "problem")}
    try:
        return template.format(**params) + nested
    except (KeyError, IndexError, ValueError):
        return f"{template} {params}{nested}"


def sections(name: str) -> dict[str, dict[str, Any]]:
    """The words of section ``name``, by language: ``{"zh": {...}, "en": {...}}``."""
    return SECTIONS[name]


def words(name: str, lang: str) -> dict[str, Any]:
    """The words of section ``name`` in ``lang`` (Chinese unless ``lang`` is ``en``)."""
    return SECTIONS[name]["en" if lang == "en" else "zh"]
