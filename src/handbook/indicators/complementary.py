"""Complementary suppression: a hidden estate cell must not be recoverable from the group's total.

When exactly one estate's cell of an indicator (its overall figure or one of its
groups) is suppressed and the group's is shown, the group minus the other
estates gives it away. Then the smallest other shown cell of that indicator is
suppressed too; when there is none, the group's cell is. Two hidden cells cannot
be told apart from their sum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from handbook.indicators.core import Figure, Indicator

#: (estate index, group key or None for the overall figure)
Cell = tuple[int, str | None]


def _size(fig: Figure) -> float:
    return fig.denominator if fig.size is None else fig.size


def _index(ind: Indicator) -> dict[str | None, list[Figure]]:
    """The figures of ``ind`` by cell: None for the overall figure, else each group key."""
    found: dict[str | None, list[Figure]] = {None: [ind.figure]}
    for g in ind.groups:
        found.setdefault(g.key, []).append(g.figure)
    return found


def _cells(
    indexes: Sequence[dict[str | None, list[Figure]]], key: str | None
) -> list[tuple[int, Figure]]:
    return [(i, f) for i, by in enumerate(indexes) for f in by.get(key, ()) if f.denominator]


def _hide(ind: Indicator, key: str | None) -> Indicator:
    if key is None:
        return replace(ind, figure=replace(ind.figure, suppressed=True))
    groups = tuple(
        replace(g, figure=replace(g.figure, suppressed=True)) if g.key == key else g
        for g in ind.groups
    )
    return replace(ind, groups=groups)


def protect(estates: list[Indicator], group: Indicator) -> tuple[list[Indicator], Indicator]:
    """The estates' and the group's indicator with cells hidden so no suppressed cell can be derived."""
    keys: list[str | None] = [None, *(g.key for g in group.groups)]
    indexes = [_index(ind) for ind in estates]  # one look-up per cell, not a scan per key
    for key in keys:
        shown_group = (
            group.figure
            if key is None
            else next((g.figure for g in group.groups if g.key == key), None)
        )
        if shown_group is None or shown_group.status != "ok":
            continue
        cells = _cells(indexes, key)
        hidden = [i for i, f in cells if f.suppressed]
        if len(hidden) != 1:
            continue
        others = sorted(((_size(f), i) for i, f in cells if not f.suppressed))
        if others:
            index = others[0][1]
            estates[index] = _hide(estates[index], key)
            indexes[index] = _index(estates[index])
        else:
            group = _hide(group, key)
    return estates, group
