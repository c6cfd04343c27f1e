"""Every word of the indicator report and page, in Chinese and English, from one place."""

from __future__ import annotations

from handbook.messages import sections
from handbook.model.form import Text


def _texts(section: str) -> dict[str, Text]:
    zh, en = sections(section)["zh"], sections(section)["en"]
    return {key: Text(zh[key], en[key]) for key in zh}


SECTION_TITLES = _texts("indicator-sections")
_TITLES = _texts("indicator-titles")
_FORMULAS = _texts("indicator-formulas")
#: key → (title, formula in words).
INDICATORS: dict[str, tuple[Text, Text]] = {key: (_TITLES[key], _FORMULAS[key]) for key in _TITLES}

_WORDS = sections("indicators")


def words(lang: str) -> dict[str, str]:
    """The fixed words of the report in ``lang``."""
    return _WORDS["en" if lang == "en" else "zh"]


def title(key: str, lang: str) -> str:
    """The title of indicator ``key`` in ``lang``."""
    found = INDICATORS.get(key)
    return found[0].get(lang) if found else key


def formula(key: str, lang: str) -> str:
    """How indicator ``key`` is computed, in words."""
    found = INDICATORS.get(key)
    return found[1].get(lang) if found else ""
