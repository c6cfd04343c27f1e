"""The limits of reading a register as a table for IT (``docs/*/limits.md``), from ``registers.limits``.

The numbers live in ``handbook.registers.limits`` alone; the page shows them.
Called from ``macros/``; knows nothing about MkDocs.
"""

from __future__ import annotations

from handbook.messages import words
from handbook.registers import limits as L


def _number(n: float) -> str:
    return f"{n:,.0f}".replace(",", " ")


def limits_table(lang: str) -> str:
    """A Markdown table: each limit, its value, what happens beyond it."""
    w = words("limits", lang)
    mb = L.MB
    rows = [
        (w["entry"], w["mb"].format(n=_number(L.MAX_ENTRY_BYTES / mb)), w["refused"]),
        (w["total"], w["mb"].format(n=_number(L.MAX_TOTAL_BYTES / mb)), w["refused"]),
        (
            w["ratio"].format(floor=_number(L.RATIO_FLOOR_BYTES / mb)),
            w["times"].format(n=_number(L.MAX_RATIO)),
            w["refused"],
        ),
        (w["text"], w["chars"].format(n=_number(L.MAX_TEXT_CHARS)), w["refused"]),
        (w["cell"], w["chars"].format(n=_number(L.MAX_CELL_CHARS)), w["cut"]),
        (w["columns"], w["count"].format(n=_number(L.MAX_COLUMNS)), w["cut"]),
        (w["value"], w["chars"].format(n=_number(L.MAX_VALUE_CHARS)), w["cut"]),
        (w["same"], w["shown"].format(n=L.SAME_PROBLEM_SHOWN), w["counted"]),
        (w["marked"], w["cells"].format(n=_number(L.MAX_MARKED_CELLS)), w["no_copy"]),
        (
            w["marked_unpacked"],
            w["mb"].format(n=_number(L.MAX_MARKED_UNPACKED_BYTES / mb)),
            w["no_copy"],
        ),
        (w["page"], w["mb"].format(n=_number(L.MAX_PAGE_FILE_BYTES / mb)), w["not_read"]),
    ]
    head = w["head"]
    lines = [f"| {head[0]} | {head[1]} | {head[2]} |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines) + "\n"
