"""Personal values in registers, and a check that a text leaks none of them.

Names (李**, 王先生, also inside staff cells such as "客服 李**"), masked
phones and flat or shop numbers are found as tokens; whole values of fields the
forms mark as personal (free text such as complaint summaries) are searched as
substrings. Tokens make the search fast enough for a whole built site.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook.model.form import Form
from handbook.registers.reading import register_files
from handbook.registers.records import read_register

_TOKENS = re.compile(
    r"(?=("
    r"[\u4e00-\u9fff]{1,2}(?:\*\*|先生|女士|小姐)"  # masked names
    r"|1[3-9]\d\*{4}\d{4}"  # masked mobiles
    r"|\d{1,2}-\d{1,2}-\d{3,4}"  # block-entrance-flat
    r"|[ST]\d-\d{3,4}"  # shops and offices
    r"))"
)


def tokens(text: str) -> set[str]:
    """Every name, phone and flat token in ``text`` (overlapping matches included)."""
    return set(_TOKENS.findall(text))


def personal_values(data: Path, forms: dict[str, Form]) -> tuple[set[str], set[str]]:
    """``(tokens, texts)``: tokens from every text cell, whole values of personal fields."""
    found_tokens: set[str] = set()
    texts: set[str] = set()
    for path in register_files(data):
        form, rows, _ = read_register(path, forms)
        personal = {f.name for f in form.fields if f.personal}
        for row in rows:
            for name, value in row.items():
                if not isinstance(value, str):
                    continue
                found_tokens |= tokens(value)
                if name in personal and len(value) >= 4 and not tokens(value) >= {value}:
                    texts.add(value)
    return found_tokens, texts


def leaks(text: str, values: tuple[set[str], set[str]]) -> set[str]:
    """The personal values that occur in ``text``."""
    found_tokens, texts = values
    return (tokens(text) & found_tokens) | {t for t in texts if t in text}
