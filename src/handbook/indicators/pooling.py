"""A group's figures from its estates' figures: Σ numerators ÷ Σ denominators, never a mean of rates.

Each estate's indicator is computed with that estate's own denominators
(households, officers, rows due); only those totals are summed here, so a
group of 300 estates needs no more than their figures. An estate without a
denominator (no data, or no households in its ``property.yaml``) adds nothing,
not even its numerator. Suppression is judged again on the summed group size.
"""

from __future__ import annotations

from collections.abc import Sequence

from handbook.indicators.core import Figure, Group, Indicator

#: the overall-rate method whose overall figure is the mean of its group rates (survey items)
MEAN = "mean"


def _size(fig: Figure) -> float:
    return fig.denominator if fig.size is None else fig.size


def _target(figures: Sequence[Figure]) -> float | None:
    """One target for the sum: the common one, else the estates' targets weighted by denominator."""
    pairs = [(f.target, f.denominator) for f in figures if f.target is not None]
    if not pairs:
        return None
    targets = {t for t, _ in pairs}
    if len(targets) == 1:
        return pairs[0][0]
    weight = sum(d for _, d in pairs)
    if not weight:
        return sum(t for t, _ in pairs) / len(pairs)
    return sum(t * d for t, d in pairs) / weight


def pool_figures(figures: Sequence[Figure], threshold: int) -> Figure:
    """The sum of ``figures``: numerators over denominators, targets weighted, suppression re-judged."""
    counted = [f for f in figures if f.denominator]
    numerator = sum(f.numerator for f in counted)
    denominator = sum(f.denominator for f in counted)
    sizes = [f.size for f in counted]
    size = sum(_size(f) for f in counted) if any(s is not None for s in sizes) else None
    comparison = figures[0].comparison if figures else Figure().comparison
    judged = denominator if size is None else size
    return Figure(
        numerator,
        denominator,
        _target(counted or figures),
        comparison,
        0 < judged < threshold,
        size,
    )


def _group_keys(indicators: Sequence[Indicator]) -> list[str]:
    """Every group key, each estate's order kept (a key new in a later estate follows its predecessor)."""
    keys: list[str] = []
    for ind in indicators:
        previous = -1
        for g in ind.groups:
            if g.key in keys:
                previous = keys.index(g.key)
                continue
            keys.insert(previous + 1, g.key)
            previous += 1
    return keys


def _first_groups(ind: Indicator) -> dict[str, Group]:
    """Each group key of ``ind`` to its first group (looked up once, not scanned per key)."""
    found: dict[str, Group] = {}
    for g in ind.groups:
        found.setdefault(g.key, g)
    return found


def _pooled_groups(indicators: Sequence[Indicator], threshold: int) -> tuple[Group, ...]:
    groups = []
    by_key = [_first_groups(ind) for ind in indicators]
    for key in _group_keys(indicators):
        label = None
        figures = []
        for ind, first in zip(indicators, by_key, strict=True):
            found = first.get(key)
            if found is not None:
                label = label or found.label
                figures.append(found.figure)
            elif ind.shared_denominator and ind.figure.denominator:
                # e.g. complaints of a category per household: none here is 0 of its households
                figures.append(Figure(0, ind.figure.denominator, ind.figure.target, size=0))
        if label is not None:
            groups.append(Group(key, label, pool_figures(figures, threshold)))
    return tuple(groups)


def _mean_of_groups(groups: Sequence[Group], overall: Figure, threshold: int) -> Figure:
    """The overall figure as the mean of the (pooled) group rates, as the policy's method says."""
    rates = [g.figure.numerator / g.figure.denominator for g in groups if g.figure.denominator]
    size = overall.size if overall.size is not None else float(len(rates))
    return Figure(
        round(sum(rates), 6),
        len(rates),
        overall.target,
        overall.comparison,
        0 < size < threshold,
        size,
    )


def pool_indicators(indicators: Sequence[Indicator], threshold: int) -> Indicator:
    """One indicator for a group of estates from each estate's same indicator."""
    first = indicators[0]
    groups = _pooled_groups(indicators, threshold)
    overall = pool_figures([i.figure for i in indicators], threshold)
    if first.method == MEAN:
        overall = _mean_of_groups(groups, overall, threshold)
    return Indicator(
        first.key,
        first.section,
        first.article,
        overall,
        first.unit,
        groups,
        first.method,
        first.shared_denominator,
    )


def pool_reports(reports: Sequence[Sequence[Indicator]], threshold: int) -> list[Indicator]:
    """Each indicator pooled over the estates' lists (all computed in the same order)."""
    if not reports:
        return []
    keys = [ind.key for ind in reports[0]]
    by_key = [{ind.key: ind for ind in inds} for inds in reports]
    return [pool_indicators([found[key] for found in by_key], threshold) for key in keys]
