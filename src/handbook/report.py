"""Render validation results for people (text) and programs (JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from handbook.problems import ERROR, WARNING
from handbook.validate import FileResult

REPORT_VERSION = 1

_TEXT = {
    "zh": {
        "file": "{file}（{form}）：{rows} 行数据，{errors} 个错误，{warnings} 个警告",
        "fatal": "{file}：无法检查。{message}",
        "row": "第 {row} 行",
        "header": "表头",
        "total": "共检查 {files} 个文件、{rows} 行：{errors} 个错误，{warnings} 个警告，{fatal} 个文件无法使用。",
        "ok": "全部通过。",
        "error": "错误",
        "warning": "警告",
        "article": "依据 {article}",
    },
    "en": {
        "file": "{file} ({form}): {rows} data rows, {errors} errors, {warnings} warnings",
        "fatal": "{file}: cannot be checked. {message}",
        "row": "row {row}",
        "header": "header",
        "total": "Checked {files} files, {rows} rows: {errors} errors, {warnings} warnings, {fatal} unusable files.",
        "ok": "All valid.",
        "error": "error",
        "warning": "warning",
        "article": "see {article}",
    },
}


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


def render_text(results: Sequence[FileResult], lang: str, form_titles: dict[str, str]) -> str:
    """Grouped by file, with counts; Chinese unless ``lang`` is ``en``."""
    t = _TEXT["en" if lang == "en" else "zh"]
    lines: list[str] = []
    for result in results:
        if result.fatal is not None:
            lines.append(t["fatal"].format(file=result.file, message=result.fatal.render(lang)))
            continue
        errors = sum(p.severity == ERROR for p in result.problems)
        warnings = len(result.problems) - errors
        lines.append(
            t["file"].format(
                file=result.file,
                form=form_titles.get(result.form or "", result.form),
                rows=result.rows,
                errors=errors,
                warnings=warnings,
            )
        )
        for p in result.problems:
            where = t["row"].format(row=p.row) if p.row is not None else t["header"]
            column = f" [{p.column}]" if p.column else ""
            article = f" ({t['article'].format(article=p.article)})" if p.article else ""
            lines.append(f"  {t[p.severity]} {where}{column}: {p.message(lang)}{article}")
    total = counts(results)
    lines.append(t["total"].format(**total))
    if exit_code(results) == 0:
        lines.append(t["ok"])
    return "\n".join(lines) + "\n"


def render_json(results: Sequence[FileResult], lang: str) -> str:
    """A versioned envelope; each problem has code, severity, file, row, column, value, message, article."""
    envelope: dict[str, Any] = {
        "version": REPORT_VERSION,
        "valid": exit_code(results) == 0,
        "exit_code": exit_code(results),
        "summary": counts(results),
        "files": [
            {
                "file": r.file,
                "form": r.form,
                "rows": r.rows,
                "errors": sum(p.severity == ERROR for p in r.problems),
                "warnings": sum(p.severity == WARNING for p in r.problems),
                "fatal": None
                if r.fatal is None
                else {"code": r.fatal.code, "message": r.fatal.render(lang)},
            }
            for r in results
        ],
        "problems": [p.as_dict(lang) for r in results for p in r.problems],
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2) + "\n"
