"""What every output format shares: the context of a report, totals, the exit code, the shown problems."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from handbook.messages import render, sections
from handbook.registers.limits import SAME_PROBLEM_SHOWN
from handbook.validate.problems import ERROR, WARNING, Problem
from handbook.validate.results import FileResult

REPORT_VERSION = 1
#: GitHub shows at most 10 error and 10 warning annotations per step.
GITHUB_ANNOTATION_LIMIT = 10

WORDS = sections("report")


@dataclass
class ReportContext:
    """What rendering needs beyond the results: language, titles, article links, a limit."""

    lang: str = "zh"
    form_titles: dict[str, str] = field(default_factory=dict)
    article_urls: dict[str, str] = field(default_factory=dict)
    max_errors: int | None = None
    #: each form's page, linked where a problem cites no article
    form_urls: dict[str, str] = field(default_factory=dict)

    def url(self, article: str | None) -> str | None:
        return self.article_urls.get(article) if article else None

    def form_url(self, form: str | None) -> str | None:
        return self.form_urls.get(form) if form else None


def counts(results: Sequence[FileResult]) -> dict[str, int]:
    """Totals over all files."""
    problems = [p for r in results for p in r.problems]
    return {
        "files": len(results),
        "rows": sum(r.rows for r in results),
        "errors": sum(p.severity == ERROR for p in problems),
        "warnings": sum(p.severity == WARNING for p in problems),
        "fatal": sum(r.fatal is not None for r in results),
    }


def exit_code(results: Sequence[FileResult]) -> int:
    """0 valid (warnings allowed), 1 invalid data, 2 unusable input."""
    total = counts(results)
    if total["fatal"]:
        return 2
    return 1 if total["errors"] else 0


def shown_problems(
    results: Sequence[FileResult], limit: int | None
) -> tuple[dict[str, list[Problem]], int]:
    """The problems to show per file under ``limit`` (errors first), and how many were held back."""
    shown: dict[str, list[Problem]] = {}
    budget = limit
    hidden = 0
    for r in results:
        keep = []
        for p in r.problems:
            if budget is None or budget > 0:
                keep.append(p)
                if budget is not None:
                    budget -= 1
            else:
                hidden += 1
        shown[r.file] = keep
    return shown, hidden


@dataclass
class Rendered:
    """A report as an output format renders it: for stdout, and a job summary where the format has one."""

    stdout: str
    summary: str | None = None


def plural(counts: dict[str, int]) -> dict[str, Any]:
    """The counts with an English plural ending for each (``files_s`` is "" for one file)."""
    return {**counts, **{f"{key}_s": "" if n == 1 else "s" for key, n in counts.items()}}


@dataclass
class Repeat:
    """The rest of one problem repeated down a column: counted in a report, not listed."""

    sample: Problem
    count: int
    first: int
    last: int

    def message(self, lang: str) -> str:
        return render(
            "same-problem-more",
            lang,
            column=self.sample.column or "",
            count=self.count,
            first=self.first,
            last=self.last,
        )


def condensed(problems: Sequence[Problem]) -> list[Problem | Repeat]:
    """``problems`` with each problem of one column shown SAME_PROBLEM_SHOWN times, then counted.

    The same code in the same column of 10 000 rows is five lines and a count, not
    10 000 lines; problems of the whole register are always listed.
    """

    def key(p: Problem) -> tuple[str, str, str | None, str | None] | None:
        return None if p.row is None else (p.file, p.code, p.field, p.column)

    totals = Counter(key(p) for p in problems)
    rows: dict[Any, list[int]] = {}
    seen: Counter[Any] = Counter()
    kept: list[Problem | Repeat] = []
    repeats: dict[Any, Repeat] = {}
    for p in problems:
        k = key(p)
        seen[k] += 1
        if k is None or totals[k] <= SAME_PROBLEM_SHOWN + 1 or seen[k] <= SAME_PROBLEM_SHOWN:
            kept.append(p)
            continue
        span = rows.setdefault(k, [p.row or 0, p.row or 0])
        span[0], span[1] = min(span[0], p.row or 0), max(span[1], p.row or 0)
        if k not in repeats:
            repeats[k] = Repeat(p, 0, 0, 0)
            kept.append(repeats[k])
        repeats[k].count += 1
    for k, repeat in repeats.items():
        repeat.first, repeat.last = rows[k]
    return kept
