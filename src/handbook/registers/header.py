"""Find the header row of a register and map its cells to the form's fields.

Header cells match a field by zh title, en title or key, ignoring surrounding
spaces, case and full-/half-width differences, in any column order. A title row
above the header ("客户投诉登记表" in row 1) is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from handbook.model.form import Form
from handbook.registers.cells import is_blank, normalise

#: How many rows from the top may hold titles before the header.
HEADER_SEARCH_ROWS = 10


@dataclass
class HeaderMap:
    """Where the header is and which column holds which field."""

    row: int  # 1-based spreadsheet row of the header
    columns: dict[int, str]  # column index → field name
    labels: dict[int, str]  # column index → header text as written
    unknown: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def label_index(form: Form) -> dict[str, str]:
    """Normalised zh title, en title and key of every field → field name."""
    index: dict[str, str] = {}
    for f in form.fields:
        for label in (f.title.zh, f.title.en, f.name):
            index[normalise(label)] = f.name
    return index


def score(form: Form, cells: Iterable[Any]) -> int:
    """How many cells of a row name a field of ``form``."""
    index = label_index(form)
    return len({index[n] for c in cells if not is_blank(c) and (n := normalise(str(c))) in index})


def looks_like_header(form: Form, cells: list[Any]) -> bool:
    """At least two cells name fields, and they are at least half the filled cells."""
    filled = [c for c in cells if not is_blank(c)]
    matched = score(form, filled)
    return matched >= min(2, len(form.fields)) and matched * 2 >= len(filled)


def map_header(form: Form, row_number: int, cells: list[Any]) -> HeaderMap:
    """Map the cells of the header row to fields."""
    index = label_index(form)
    columns: dict[int, str] = {}
    labels: dict[int, str] = {}
    unknown: list[str] = []
    duplicates: list[str] = []
    seen: set[str] = set()
    for position, cell in enumerate(cells):
        if is_blank(cell):
            continue
        text = str(cell).strip()
        name = index.get(normalise(text))
        if name is None:
            unknown.append(text)
        elif name in seen:
            duplicates.append(text)
        else:
            seen.add(name)
            columns[position] = name
            labels[position] = text
    return HeaderMap(row_number, columns, labels, unknown, duplicates)
