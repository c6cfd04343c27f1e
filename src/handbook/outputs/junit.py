"""JUnit XML, for CI systems that read test reports: a test case per file, a failure per error."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from handbook.outputs.base import Rendered, Repeat, ReportContext, condensed, counts
from handbook.outputs.escapes import visible
from handbook.validate.problems import ERROR, WARNING, Problem
from handbook.validate.results import FileResult

NAME = "junit"


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
        case = ET.SubElement(
            suite, "testcase", classname=r.form or "register", name=visible(r.file)
        )
        if r.fatal is not None:
            ET.SubElement(
                case, "error", type=r.fatal.code, message=visible(r.fatal.render(ctx.lang))
            )
            continue
        errors = [p for p in r.problems if p.severity == ERROR]
        warnings = [p for p in r.problems if p.severity == WARNING]
        if errors:
            failure = ET.SubElement(
                case, "failure", type="invalid", message=f"{len(errors)} errors"
            )
            failure.text = "\n".join(_line(p, ctx) for p in condensed(errors))
        if warnings:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(_line(p, ctx) for p in condensed(warnings))
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"


def _line(p: Problem | Repeat, ctx: ReportContext) -> str:
    """One problem on one line; XML 1.0 cannot hold control characters, so they are escaped."""
    if isinstance(p, Repeat):
        return visible(p.message(ctx.lang))
    where = f"{p.file}:{p.row}" if p.row is not None else p.file
    column = f" [{p.cell + ' ' if p.cell else ''}{p.column}]" if p.column else ""
    article = f" ({p.article})" if p.article else ""
    return visible(f"{where}{column}: {p.message(ctx.lang)}{article}")


def output(results: Sequence[FileResult], ctx: ReportContext) -> Rendered:
    """The registry's entry point."""
    return Rendered(render_junit(results, ctx))
