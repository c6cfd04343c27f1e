"""GitHub Actions: workflow annotations for the first problems, a job summary with all of them."""

from __future__ import annotations

from collections.abc import Sequence

from handbook.outputs.base import (
    GITHUB_ANNOTATION_LIMIT,
    WORDS,
    Rendered,
    Repeat,
    ReportContext,
    condensed,
    counts,
    plural,
)
from handbook.outputs.escapes import visible
from handbook.validate.problems import ERROR, WARNING
from handbook.validate.results import FileResult

NAME = "github"


def _escape_data(text: str) -> str:
    """A workflow command's data: no CR or LF can end it, no other control character shows."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[FileResult], ctx: ReportContext) -> tuple[str, str]:
    """Workflow annotations for the first problems, and a Markdown job summary with all of them.

    GitHub shows only 10 error and 10 warning annotations per step, so the
    summary (for ``$GITHUB_STEP_SUMMARY``) lists everything.
    """
    t = WORDS["en" if ctx.lang == "en" else "zh"]
    annotations: list[str] = []
    budget = {ERROR: GITHUB_ANNOTATION_LIMIT, WARNING: GITHUB_ANNOTATION_LIMIT}
    for r in results:
        if r.fatal is not None:
            annotations.append(
                f"::error file={_escape_property(r.file)},title=handbook::"
                f"{_escape_data(r.fatal.render(ctx.lang))}"
            )
            continue
        for p in r.problems:
            if budget[p.severity] <= 0:
                continue
            budget[p.severity] -= 1
            props = f"file={_escape_property(p.file)}"
            if p.row is not None:
                props += f",line={p.row}"
            if p.cell:
                props += f",col={column_number(p.cell)}"
            title = f"{p.code}" + (f" {p.article}" if p.article else "")
            props += f",title={_escape_property(title)}"
            column = f"[{p.cell + ' ' if p.cell else ''}{p.column}] " if p.column else ""
            annotations.append(
                f"::{p.severity} {props}::{_escape_data(column + p.message(ctx.lang))}"
            )
    total = counts(results)
    summary = [f"## {t['summary_title']}", "", t["total"].format(**plural(total)), ""]
    if any(r.problems or r.fatal for r in results):
        summary += [
            "| file | row | cell | column | severity | message | article |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for r in results:
            if r.fatal is not None:
                summary.append(
                    f"| {_md(r.file)} | | | | error | {_md(r.fatal.render(ctx.lang))} | |"
                )
            for item in condensed(r.problems):
                if isinstance(item, Repeat):
                    summary.append(f"| {_md(r.file)} | | | | | {_md(item.message(ctx.lang))} | |")
                    continue
                p = item
                url = ctx.url(p.article)
                article = f"[{p.article}]({url})" if url and p.article else (p.article or "")
                if not p.article and ctx.form_url(r.form):
                    article = f"[{r.form}]({ctx.form_url(r.form)})"
                summary.append(
                    f"| {_md(p.file)} | {p.row or ''} | {p.cell or ''} | {_md(p.column or '')} | {p.severity} | "
                    f"{_md(p.message(ctx.lang))} | {article} |"
                )
    return "\n".join(annotations) + ("\n" if annotations else ""), "\n".join(summary) + "\n"


def column_number(cell: str) -> int:
    """The 1-based column of a cell reference (B7 → 2, AA3 → 27)."""
    number = 0
    for char in cell:
        if not char.isalpha():
            break
        number = number * 26 + ord(char.upper()) - 64
    return number


def _md(text: str) -> str:
    """A table cell of the summary: one line (CR and LF shown as escapes), its pipes escaped.

    Printed to stdout, no line of the summary can then start a workflow command.
    """
    return visible(text).replace("|", "\\|")


def output(results: Sequence[FileResult], ctx: ReportContext) -> Rendered:
    """The registry's entry point: annotations on stdout, the summary for ``$GITHUB_STEP_SUMMARY``."""
    annotations, summary = render_github(results, ctx)
    return Rendered(annotations, summary)
