"""``handbook validate``: check filled-in registers against their forms and the rules."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from handbook.cli.common import FORMS, LANG, reports_errors
from handbook.errors import HandbookError, InputFileError
from handbook.load.articles import article_index, page_url
from handbook.load.estates import estate_keys
from handbook.load.forms import get_form, load_forms
from handbook.load.policy import load_policy
from handbook.messages import render, words
from handbook.model.form import Form
from handbook.model.policy import Policy
from handbook.model.urls import lang_dir
from handbook.outputs import FORMATS, ReportContext, exit_code
from handbook.outputs.escapes import visible
from handbook.outputs.targets import annotate_targets
from handbook.project import articles_root, forms_dir, policy_file
from handbook.registers.formats import named
from handbook.registers.origin import earlier_copies
from handbook.registers.reading import register_files
from handbook.validate import FileResult, Options, validate_files


def _article_urls(folder: Path, base: str, lang: str) -> dict[str, str]:
    root = articles_root(folder)
    if root is None:
        return {}
    side = lang_dir(lang)
    return {
        article: f"{base}{side}{page_url(page)}#{article}"
        for article, page in article_index(root).items()
    }


def _form_urls(folder: Path, base: str, lang: str, form_ids: list[str]) -> dict[str, str]:
    """Each form's page, linked where a problem has no article of its own."""
    if articles_root(folder) is None:
        return {}
    side = lang_dir(lang)
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
    type=click.Path(),
    default=None,
    help="Write a copy of the register with the problems marked (an .xlsx file; a folder, ending in /, for several files, which keep their folders). The register itself is never changed.",
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
    annotate_to: str | None,
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
                    fatal=InputFileError("no-register-files", file=str(target), types=named()),
                )
            )
        files.extend((path, form_id) for path in found)
    files = _skip_earlier_copies(files, lang)
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
    failed = (
        _annotate(results, loaded, annotate_to, lang, ctx.article_urls, policy)
        if annotate_to
        else []
    )
    rendered = FORMATS[fmt](results, ctx)
    click.echo(rendered.stdout, nl=False)
    if rendered.summary is not None:
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(rendered.summary)
        else:
            click.echo(rendered.summary, nl=False)
    # the report first, then why a marked copy could not be written (exit 2: not invalid data)
    for error in failed:
        click.echo(visible(error.render(lang)), err=True)
    sys.exit(2 if failed else exit_code(results))


def _annotate(
    results: list[FileResult],
    forms: dict[str, Form],
    out: str,
    lang: str,
    article_urls: dict[str, str],
    policy: Policy,
) -> list[HandbookError]:
    """The marked copies (one file for one register, else a folder); what could not be written.

    Each has a 待办 sheet: the register's open items as of now (handbook due).
    """
    from handbook.due import needed_fields, now_in_china, read_sheet, sheet_due
    from handbook.outputs.annotate import annotate  # openpyxl, when asked for

    readable = [r for r in results if r.fatal is None and r.form in forms]
    try:
        # every input counts: a copy must not replace even a file that could not be read
        targets = annotate_targets(
            [Path(r.file) for r in readable], out, [Path(r.file) for r in results]
        )
    except HandbookError as exc:
        return [exc]
    failed: list[HandbookError] = []
    for result in readable:
        form = forms[result.form or ""]
        try:
            due = sheet_due(
                read_sheet(Path(result.file), forms, form.id, fields=needed_fields),
                policy,
                now_in_china(),
            )
            written = annotate(result, form, targets[Path(result.file)], lang, article_urls, due)
        except HandbookError as exc:
            failed.append(exc)
            continue
        except MemoryError:
            failed.append(InputFileError("out-of-memory", file=result.file))
            continue
        click.echo(visible(str(written)), err=True)
    return failed


def _skip_earlier_copies(
    files: list[tuple[Path, str | None]], lang: str
) -> list[tuple[Path, str | None]]:
    """Last run's marked copies beside their registers are not checked again (a note says so)."""
    copies = earlier_copies([path for path, _ in files])
    for copy, original in copies.items():
        click.echo(
            render("marked-copy-skipped", lang, file=str(copy), original=str(original)), err=True
        )
    return [(path, form) for path, form in files if path not in copies]


def _row_progress(lang: str) -> Callable[[str, int], None] | None:
    """Rows read so far in a long file, on stderr, only when it is a terminal."""
    if not sys.stderr.isatty():
        return None
    word = words("cli", lang)["rows_read"]

    def report(file: str, rows: int) -> None:
        click.echo(f"\r{visible(file)}: {rows:,} {word}"[:120].ljust(120), err=True, nl=False)

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
            f"\r{word} {done[0]}/{total}: {visible(result.file)}"[:120].ljust(120),
            err=True,
            nl=done[0] == total,
        )

    return report
