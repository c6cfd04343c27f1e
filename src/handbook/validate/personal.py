"""Personal data in a cell: unmasked mobile numbers, ID-card numbers and full names.

Registers hold names and phone numbers; a register that leaves the office
(``--publish``) must hold them masked (138****1234, 张**).
"""

from __future__ import annotations

import re
from typing import Any

_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


_ID_CARD = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")


_FULL_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def personal_findings(kind: str, text: str) -> list[tuple[str, dict[str, Any]]]:
    """Unmasked personal data in one cell: ``(code, params)`` pairs."""
    found: list[tuple[str, dict[str, Any]]] = []
    match = _MOBILE.search(text)
    if match:
        number = match.group(0)
        found.append(("unmasked-phone", {"masked": f"{number[:3]}****{number[-4:]}"}))
    if _ID_CARD.search(text):
        found.append(("unmasked-id-card", {}))
    if kind == "name" and _FULL_NAME.match(text) and not text.endswith(("先生", "女士", "小姐")):
        found.append(("unmasked-name", {}))
    return found
