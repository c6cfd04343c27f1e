"""``handbook validate``: check filled-in registers against their forms and the rules."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from handbook.cli.common import FORMS, LANG, reports_errors
from handbook.errors import InputFileError
from handbook.load.articles import article_index, page_url
from handbook.load.estates import estate_keys
from handbook.load.forms import get_form, load_forms
from handbook.load.policy import load_policy
from handbook.messages import words
from handbook.model.form import Form
from handbook.outputs import FORMATS, ReportContext, exit_code
from handbook.project import articles_root, forms_dir, policy_file
from handbook.registers.reading import register_files
from handbook.validate import FileResult, Options, validate_files


def _article_urls(folder: Path, base: str, lang: str) -> dict[str, str]:
    root = articles_root(folder)
    if root is None:
        return {}
    side = "en/" if lang == "en" else ""
    return {
        article: f"{base}{side}{page_url(page)}#{article}"
        for article, page in article_index(root).items()
    }


def _form_urls(folder: Path, base: str, lang: str, form_ids: list[str]) -> dict[str, str]:
    """Each form's page, linked where a problem has no article of its own."""
    if articles_root(folder) is None:
        return {}
    side = "en/" if lang == "en" else ""
    return {form_id: f"{base}{side}forms/{form_id}/" for form_id in form_ids}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--form",
    "form_id",
    default=None,
    help="Form of every file (default: from folder, name or header).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="github: annotations, plus a summary in $GITHUB_STEP_SUMMARY.",
)
@LANG
@click.option("--encoding", default=None, help="Force the CSV encoding, e.g. gb18030 or utf-16.")
@click.option("--sheet", default=None, help="Sheet of an XLSX file to check (default: the first).")
@click.option(
    "--publish",
    is_flag=True,
    help="Registers going out (e.g. to the owners' committee): unmasked phones, ID numbers and names are errors.",
)
@click.option(
    "--strict-periods",
    is_flag=True,
    help="Quotas, coverage, intervals and monthly counts are errors once their period has ended (for a data repository's CI); warnings otherwise.",
)
@click.option(
    "--max-errors",
    type=click.IntRange(min=1),
    default=None,
    help="Show at most this many problems (the report says how many were not shown).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Check in parallel processes: whole estates when there are several, else files.",
)
@click.option(
    "--handbook-url",
    default=lambda: os.environ.get("HANDBOOK_URL", ""),
    help="Base URL of the handbook for article links (env HANDBOOK_URL).",
)
@click.option(
    "--annotate",
    "annotate_to",
    type=click.Path(path_type=Path),
    default=None,
    help="Write a copy of the register with the problems marked (an .xlsx file; a folder for several files). The register itself is never changed.",
)
@FORMS
@reports_errors
def validate(
    paths: tuple[Path, ...],
    form_id: str | None,
    fmt: str,
    lang: str,
    encoding: str | None,
    sheet: str | None,
    publish: bool,
    strict_periods: bool,
    max_errors: int | None,
    jobs: int,
    handbook_url: str,
    annotate_to: Path | None,
    forms_path: Path | None,
) -> None:
    """Check filled-in registers (files or folders; default data/) against their forms and the rules.

    Exit 0 when valid (warnings allowed), 1 when the data breaks a rule,
    2 when an input cannot be used.

    \b
    Examples:
      handbook validate data/
      handbook validate 投诉登记表.xlsx --form complaint_register --lang en
      handbook validate data/ --format junit > report.xml
    """
    folder = forms_dir(forms_path)
    loaded = load_forms(folder)
    policy = load_policy(policy_file(folder))
    if form_id is not None:
        get_form(loaded, form_id)
    targets = paths or (Path("data"),)
    files: list[tuple[Path, str | None]] = []
    unusable: list[FileResult] = []
    for target in targets:
        try:
            found = register_files(target)
        except InputFileError as exc:
            unusable.append(FileResult(str(target), form_id, 0, [], fatal=exc))
            continue
        if not found:
            unusable.append(
                FileResult(
                    str(target),
                    form_id,
                    0,
                    [],
                    fatal=InputFileError("no-register-files", file=str(target)),
                )
            )
        files.extend((path, form_id) for path in found)
    progress = _progress(len(files), lang)
    results = unusable + validate_files(
        files,
        loaded,
        policy,
        Options(publish, encoding, sheet, strict_periods),
        jobs,
        progress,
        _row_progress(lang),
        estate_keys([path for path, _ in files], list(targets)),  # references within an estate
    )
    ctx = ReportContext(
        lang,
        {f.id: f.title.get(lang) for f in loaded.values()},
        _article_urls(folder, handbook_url, lang),
        max_errors,
        _form_urls(folder, handbook_url, lang, list(loaded)),
    )
    if annotate_to is not None:
        _annotate(results, loaded, annotate_to, lang, ctx.article_urls)
    rendered = FORMATS[fmt](results, ctx)
    click.echo(rendered.stdout, nl=False)
    if rendered.summary is not None:
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(rendered.summary)
        else:
            click.echo(rendered.summary, nl=False)
    sys.exit(exit_code(results))


def _annotate(
    results: list[FileResult],
    forms: dict[str, Form],
    out: Path,
    lang: str,
    article_urls: dict[str, str],
) -> None:
    """The annotated copies: one file for one register, else one per register in a folder."""
    from handbook.outputs.annotate import annotate, annotated_name  # openpyxl, when asked for

    readable = [r for r in results if r.fatal is None and r.form in forms]
    inputs = {Path(r.file).resolve() for r in results}
    several = len(readable) > 1 or out.is_dir()
    if several and out.exists() and not out.is_dir():
        raise InputFileError("annotate-needs-folder", out=str(out))
    for result in readable:
        target = out / annotated_name(Path(result.file)) if several else out
        if target.resolve() in inputs:
            raise InputFileError("annotate-overwrites-input", out=str(target))
        written = annotate(result, forms[result.form or ""], target, lang, article_urls)
        click.echo(str(written), err=True)


def _row_progress(lang: str) -> Callable[[str, int], None] | None:
    """Rows read so far in a long file, on stderr, only when it is a terminal."""
    if not sys.stderr.isatty():
        return None
    word = words("cli", lang)["rows_read"]

    def report(file: str, rows: int) -> None:
        click.echo(f"\r{file}: {rows:,} {word}"[:120].ljust(120), err=True, nl=False)

    return report


def _progress(total: int, lang: str) -> Callable[[int, FileResult], None] | None:
    """Files done so far, on stderr, only when it is a terminal (pipes and CI logs stay clean)."""
    if total < 2 or not sys.stderr.isatty():
        return None
    done = [0]

    def report(_index: int, result: FileResult) -> None:
        done[0] += 1
        word = words("cli", lang)["checked"]
        click.echo(
            f"\r{word} {done[0]}/{total}: {result.file}"[:120].ljust(120),
            err=True,
            nl=done[0] == total,
        )

    return report
