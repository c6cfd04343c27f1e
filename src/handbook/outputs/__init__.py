"""Render validation results: text for people, JSON, GitHub annotations, JUnit XML.

Each format is one module with a ``NAME`` and an ``output(results, ctx)`` that
returns a ``Rendered``; ``FORMATS`` lists them, so a new format is one module
and one entry here. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from handbook.outputs import github, json, junit, text
from handbook.outputs.base import (
    GITHUB_ANNOTATION_LIMIT,
    REPORT_VERSION,
    Rendered,
    ReportContext,
    counts,
    exit_code,
)
from handbook.outputs.github import render_github
from handbook.outputs.json import render_json
from handbook.outputs.junit import render_junit
from handbook.outputs.text import render_text
from handbook.validate.results import FileResult

Output = Callable[[Sequence[FileResult], ReportContext], Rendered]

#: ``--format`` name → renderer, in the order ``--help`` lists them.
FORMATS: dict[str, Output] = {m.NAME: m.output for m in (text, json, github, junit)}

__all__ = [
    "FORMATS",
    "GITHUB_ANNOTATION_LIMIT",
    "REPORT_VERSION",
    "Rendered",
    "ReportContext",
    "counts",
    "exit_code",
    "render_github",
    "render_json",
    "render_junit",
    "render_text",
]
