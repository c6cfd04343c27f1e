"""Control characters shown, not obeyed: what reaches a terminal or a CI log is inert.

A cell (or a file name) may hold ESC sequences that clear lines, set the
clipboard or retitle the terminal, a CR that writes over the line, or bidi
overrides that reorder what is read. Text output shows each as a visible escape
(``\\x1b``, ``\\r``, ``\\u202e``); XML output, which cannot hold most of them, too.
"""

from __future__ import annotations

import re

#: C0 controls but tab, DEL, C1 controls, and Unicode's bidi embeddings, overrides and isolates.
_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` on one line, every control character written as an escape."""
    return _UNSAFE.sub(_escape, text)


def visible_lines(text: str) -> str:
    """``visible`` on each line of ``text``; its own line breaks kept."""
    return "\n".join(visible(line) for line in text.split("\n"))
