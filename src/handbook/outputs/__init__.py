"""Render validation results: text for people, JSON, GitHub annotations, JUnit XML.

Nothing is dropped silently: every problem is rendered unless the user set a
limit, and then the report says how many were not shown.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree as ET

from handbook.messages import render
from handbook.validate.problems import ERROR, WARNING, Problem
from handbook.validate.results import FileResult

REPORT_VERSION = 1
#: GitHub shows at most 10 error and 10 warning annotations per step.
GITHUB_ANNOTATION_LIMIT = 10

_TEXT = {
    "zh": {
        "file": "{file}（{form}）：{rows} 行数据，{errors} 个错误，{warnings} 个警告",
        "fatal": "{file}：无法检查。{message}",
        "row": "第 {row} 行",
        "header": "全表",
        "total": "共检查 {files} 个文件、{rows} 行：{errors} 个错误，{warnings} 个警告，{fatal} 个文件无法使用。",
        "ok": "全部通过。",
        "error": "错误",
        "warning": "警告",
        "article": "依据 {article}",
        "summary_title": "登记表检查结果",
    },
    "en": {
        "file": "{file} ({form}): {rows} data rows, {errors} errors, {warnings} warnings",
        "fatal": "{file}: cannot be checked. {message}",
        "row": "row {row}",
        "header": "whole register",
        "total": "Checked {files} files, {rows} rows: {errors} errors, {warnings} warnings, {fatal} unusable files.",
        "ok": "All valid.",
        "error": "error",
        "warning": "warning",
        "article": "see {article}",
        "summary_title": "Register check results",
    },
}


@dataclass
class ReportContext:
    """What rendering needs beyond the results: language, titles, article links, a limit."""

    lang: str = "zh"
    form_titles: dict[str, str] = field(default_factory=dict)
    article_urls: dict[str, str] = field(default_factory=dict)
    max_errors: int | None = None

    def url(self, article: str | None) -> str | None:
        return self.article_urls.get(article) if article else None


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


def _shown(
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


def render_text(results: Sequence[FileResult], ctx: ReportContext) -> str:
    """Grouped by file, with counts; Chinese unless the context says English."""
    t = _TEXT["en" if ctx.lang == "en" else "zh"]
    shown, hidden = _shown(results, ctx.max_errors)
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
                file=result.file, form=title, rows=result.rows, errors=errors, warnings=warnings
            )
        )
        for p in shown[result.file]:
            where = t["row"].format(row=p.row) if p.row is not None else t["header"]
            column = f" [{p.column}]" if p.column else ""
            article = ""
            if p.article:
                url = ctx.url(p.article)
                article = f" ({t['article'].format(article=p.article)}{' ' + url if url else ''})"
            lines.append(f"  {t[p.severity]} {where}{column}: {p.message(ctx.lang)}{article}")
    if hidden:
        lines.append(render("not-shown", ctx.lang, count=hidden, limit=ctx.max_errors))
    lines.append(t["total"].format(**counts(results)))
    if exit_code(results) == 0:
        lines.append(t["ok"])
    return "\n".join(lines) + "\n"


def render_json(results: Sequence[FileResult], ctx: ReportContext) -> str:
    """A versioned envelope; each problem has code, severity, file, row, column, value, message, article."""
    shown, hidden = _shown(results, ctx.max_errors)
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
            p.as_dict(ctx.lang, ctx.url(p.article)) for r in results for p in shown[r.file]
        ],
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[FileResult], ctx: ReportContext) -> tuple[str, str]:
    """Workflow annotations for the first problems, and a Markdown job summary with all of them.

    GitHub shows only 10 error and 10 warning annotations per step, so the
    summary (for ``$GITHUB_STEP_SUMMARY``) lists everything.
    """
    t = _TEXT["en" if ctx.lang == "en" else "zh"]
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
            title = f"{p.code}" + (f" {p.article}" if p.article else "")
            props += f",title={_escape_property(title)}"
            column = f"[{p.column}] " if p.column else ""
            annotations.append(
                f"::{p.severity} {props}::{_escape_data(column + p.message(ctx.lang))}"
            )
    total = counts(results)
    summary = [f"## {t['summary_title']}", "", t["total"].format(**total), ""]
    if any(r.problems or r.fatal for r in results):
        summary += [
            "| file | row | column | severity | message | article |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for r in results:
            if r.fatal is not None:
                summary.append(f"| {r.file} | | | error | {_md(r.fatal.render(ctx.lang))} | |")
            for p in r.problems:
                url = ctx.url(p.article)
                article = f"[{p.article}]({url})" if url and p.article else (p.article or "")
                summary.append(
                    f"| {p.file} | {p.row or ''} | {_md(p.column or '')} | {p.severity} | "
                    f"{_md(p.message(ctx.lang))} | {article} |"
                )
    return "\n".join(annotations) + ("\n" if annotations else ""), "\n".join(summary) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_junit(results: Sequence[FileResult], ctx: ReportContext) -> str:
    """JUnit XML: one test suite, one test case per file, a failure per error."""
    total = counts(results)
    suite = ET.Element(
        "testsuite",
        name="handbook validate",
        tests=str(len(results)),
        failures=str(sum(1 for r in results if any(p.severity == ERROR for p in r.problems))),
        errors=str(total["fatal"]),
    )
    for r in results:
        case = ET.SubElement(suite, "testcase", classname=r.form or "register", name=r.file)
        if r.fatal is not None:
            ET.SubElement(case, "error", type=r.fatal.code, message=r.fatal.render(ctx.lang))
            continue
        errors = [p for p in r.problems if p.severity == ERROR]
        warnings = [p for p in r.problems if p.severity == WARNING]
        if errors:
            failure = ET.SubElement(
                case, "failure", type="invalid", message=f"{len(errors)} errors"
            )
            failure.text = "\n".join(_line(p, ctx) for p in errors)
        if warnings:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(_line(p, ctx) for p in warnings)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"


def _line(p: Problem, ctx: ReportContext) -> str:
    where = f"{p.file}:{p.row}" if p.row is not None else p.file
    column = f" [{p.column}]" if p.column else ""
    article = f" ({p.article})" if p.article else ""
    return f"{where}{column}: {p.message(ctx.lang)}{article}"
