"""JSON for other programs: a versioned envelope whose keys a test pins."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from handbook.outputs.base import (
    REPORT_VERSION,
    Rendered,
    ReportContext,
    counts,
    exit_code,
    shown_problems,
)
from handbook.validate.problems import ERROR, WARNING
from handbook.validate.results import FileResult

NAME = "json"


def render_json(results: Sequence[FileResult], ctx: ReportContext) -> str:
    """A versioned envelope; each problem has code, severity, file, row, column, value, message, article."""
    shown, hidden = shown_problems(results, ctx.max_errors)
    envelope: dict[str, Any] = {
        "version": REPORT_VERSION,
        "valid": exit_code(results) == 0,
        "exit_code": exit_code(results),
        "summary": {**counts(results), "not_shown": hidden},
        "files": [
            {
                "file": r.file,
                "form": r.form,
                "rows": r.rows,
                "errors": sum(p.severity == ERROR for p in r.problems),
                "warnings": sum(p.severity == WARNING for p in r.problems),
                "fatal": None
                if r.fatal is None
                else {"code": r.fatal.code, "message": r.fatal.render(ctx.lang)},
            }
            for r in results
        ],
        "problems": [
            {
                **p.as_dict(ctx.lang, ctx.url(p.article)),
                "form_url": None if p.article else ctx.form_url(r.form),
            }
            for r in results
            for p in shown[r.file]
        ],
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2) + "\n"


def output(results: Sequence[FileResult], ctx: ReportContext) -> Rendered:
    """The registry's entry point."""
    return Rendered(render_json(results, ctx))
