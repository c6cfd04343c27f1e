"""Text for people: grouped by file, with counts, in the reader's language."""

from __future__ import annotations

from collections.abc import Sequence

from handbook.messages import render
from handbook.outputs.base import (
    WORDS,
    Rendered,
    Repeat,
    ReportContext,
    condensed,
    counts,
    exit_code,
    plural,
    shown_problems,
)
from handbook.outputs.escapes import visible
from handbook.validate.problems import ERROR, Problem
from handbook.validate.results import FileResult

NAME = "text"


def render_text(results: Sequence[FileResult], ctx: ReportContext) -> str:
    """Grouped by file, with counts; Chinese unless the context says English."""
    t = WORDS["en" if ctx.lang == "en" else "zh"]
    shown, hidden = shown_problems(results, ctx.max_errors)
    lines: list[str] = []
    for result in results:
        if result.fatal is not None:
            lines.append(t["fatal"].format(file=result.file, message=result.fatal.render(ctx.lang)))
            continue
        errors = sum(p.severity == ERROR for p in result.problems)
        warnings = len(result.problems) - errors
        title = ctx.form_titles.get(result.form or "", result.form or "?")
        lines.append(
            t["file"].format(
                file=result.file,
                form=title,
                **plural({"rows": result.rows, "errors": errors, "warnings": warnings}),
            )
        )
        for p in condensed(shown[result.file]):
            if isinstance(p, Repeat):
                lines.append(f"  {p.message(ctx.lang)}")
                continue
            where = _where(p, t)
            column = f" [{p.column}]" if p.column else ""
            article = ""
            if p.article:
                url = ctx.url(p.article)
                article = f" ({t['article'].format(article=p.article)}{' ' + url if url else ''})"
            elif ctx.form_url(result.form):
                article = f" ({t['form_page'].format(url=ctx.form_url(result.form))})"
            lines.append(f"  {t[p.severity]} {where}{column}: {p.message(ctx.lang)}{article}")
    if hidden:
        lines.append(render("not-shown", ctx.lang, count=hidden, limit=ctx.max_errors))
    lines.append(t["total"].format(**plural(counts(results))))
    if exit_code(results) == 0:
        lines.append(t["ok"])
    # a value or a file name never moves the cursor or talks to the terminal
    return "\n".join(visible(line) for line in lines) + "\n"


def _where(p: Problem, t: dict[str, str]) -> str:
    """Row and cell as staff see them in Excel (row 7, cell B7), or the whole register."""
    if p.row is None:
        return t["header"]
    if p.cell:
        return t["cell"].format(row=p.row, cell=p.cell)
    return t["row"].format(row=p.row)


def output(results: Sequence[FileResult], ctx: ReportContext) -> Rendered:
    """The registry's entry point."""
    return Rendered(render_text(results, ctx))
