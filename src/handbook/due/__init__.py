"""What is due: the registers' open items, from the rules' deadlines and the policy's numbers.

``collect`` reads register files and returns every open item (a complaint received
and not replied to, a repair not followed up, the next visit of each officer, the
next round of a works follow-up) as ``DueItem`` records, each judged at a moment by
``status``. ``render`` writes them as text, JSON, CSV or iCalendar (``calendar``);
``record`` gives one item's fields and words to every output and to the checker page;
``handbook.indicators.due`` counts them for ``handbook report``. Library code: it
neither prints nor exits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from handbook.due.model import (
    DUE,
    OVERDUE,
    STATES,
    UPCOMING,
    DueItem,
    Status,
    now_in_china,
    order,
    status,
    within,
)
from handbook.due.rows import Sheet, read_sheet
from handbook.due.sources import SOURCES, needed_fields, sheet_items
from handbook.errors import CalendarRangeError, InputFileError
from handbook.model.form import Form
from handbook.model.policy import Policy
from handbook.registers.reading import register_files

__all__ = [
    "DUE",
    "OVERDUE",
    "SOURCES",
    "STATES",
    "UPCOMING",
    "DueItem",
    "DueList",
    "Sheet",
    "Status",
    "collect",
    "needed_fields",
    "now_in_china",
    "read_sheet",
    "sheet_due",
    "status",
]


@dataclass
class DueList:
    """The open items of a run, ordered overdue first, with what could not be read or counted."""

    as_of: dt.datetime
    items: list[DueItem] = field(default_factory=list)
    files: int = 0
    unusable: list[InputFileError] = field(default_factory=list)
    uncounted: list[CalendarRangeError] = field(default_factory=list)


def sheet_due(sheet: Sheet, policy: Policy, as_of: dt.datetime, days: int | None = None) -> DueList:
    """The open items of one register already read."""
    items, uncounted = sheet_items(sheet, policy, as_of)
    return DueList(as_of, order(within(items, as_of, days), as_of), 1, [], uncounted)


def collect(
    paths: Iterable[Path],
    forms: dict[str, Form],
    policy: Policy,
    as_of: dt.datetime,
    days: int | None = None,
    encoding: str | None = None,
) -> DueList:
    """Every open item of the register files at ``paths`` (files or folders).

    A file that cannot be used is kept in ``unusable`` and the others are still read;
    a folder with no register at all is unusable too.
    """
    result = DueList(as_of)
    items: list[DueItem] = []
    for target in paths:
        try:
            found = register_files(target)
        except InputFileError as exc:
            result.unusable.append(exc)
            continue
        if not found:
            result.unusable.append(InputFileError("no-register-files", file=str(target)))
        for path in found:
            try:
                sheet = read_sheet(path, forms, encoding=encoding, fields=needed_fields)
            except InputFileError as exc:
                result.unusable.append(exc)
                continue
            result.files += 1
            found_items, uncounted = sheet_items(sheet, policy, as_of)
            items.extend(found_items)
            result.uncounted.extend(uncounted)
    result.items = order(within(items, as_of, days), as_of)
    return result
