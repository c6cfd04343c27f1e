"""The command line: ``handbook forms | blank | lint | validate``.

The only module that prints or exits. Reports go to stdout, diagnostics and
progress to stderr. Exit codes: 0 valid, 1 invalid data, 2 unusable input or usage.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from handbook import __version__
from handbook.blanks import write_blank
from handbook.errors import HandbookError, InputFileError
from handbook.load.articles import article_index, page_url
from handbook.load.forms import get_form, lint_folder, load_forms
from handbook.load.policy import load_policy
from handbook.outputs import (
    ReportContext,
    exit_code,
    render_github,
    render_json,
    render_junit,
    render_text,
)
from handbook.project import articles_root, forms_dir, policy_file
from handbook.registers.reading import register_files
from handbook.validate import FileResult, Options, validate_files

LANG = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of messages and titles.",
)
FORMS = click.option(
    "--forms",
    "forms_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder of form files (default: ./forms; policy.yaml beside it).",
)


class _State:
    debug = False


def reports_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Turn an unusable input into a message in the reader's language and exit 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except HandbookError as exc:
            click.echo(exc.render(kwargs.get("lang", "zh")), err=True)
            sys.exit(exc.exit_code)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
def cli(debug: bool) -> None:
    """The follow-up and complaint handbook: forms, blank registers and the register validator.

    \b
    Examples:
      handbook forms
      handbook blank complaint_register --format csv --lang zh -o 投诉登记表.csv
      handbook validate data/
    """
    _State.debug = debug


def _known_clauses(folder: Path) -> set[str] | None:
    root = articles_root(folder)
    if root is None:
        return None
    index = article_index(root)
    return set(index) if index else None


@cli.command()
@FORMS
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@LANG
@reports_errors
def forms(forms_path: Path | None, fmt: str, lang: str) -> None:
    """List every form: id, kind, titles and the articles that call for it.

    \b
    Example:
      handbook forms --format json
    """
    loaded = load_forms(forms_dir(forms_path))
    if fmt == "json":
        listing = [
            {
                "id": f.id,
                "kind": f.kind,
                "title": {"zh": f.title.zh, "en": f.title.en},
                "clauses": list(f.clauses),
                "fields": len(f.input_fields),
                "items": len(f.checklist),
            }
            for f in loaded.values()
        ]
        click.echo(json.dumps(listing, ensure_ascii=False, indent=2))
        return
    for f in loaded.values():
        click.echo(f"{f.id}\t{f.kind}\t{f.title.get(lang)}\t{', '.join(f.clauses)}")


@cli.command()
@click.argument("form_id", metavar="FORM")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@LANG
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write."
)
@FORMS
@reports_errors
def blank(form_id: str, fmt: str, lang: str, output: Path, forms_path: Path | None) -> None:
    """Write a blank register to fill in (header row in the chosen language).

    \b
    Example:
      handbook blank complaint_register --format xlsx --lang zh -o 客户投诉登记表.xlsx
    """
    form = get_form(load_forms(forms_dir(forms_path)), form_id)
    write_blank(form, fmt, lang, output)
    click.echo(str(output), err=True)


@cli.command()
@FORMS
@LANG
@reports_errors
def lint(forms_path: Path | None, lang: str) -> None:
    """Check every form file and the policy; print file:line: message per problem (exit 2 if any).

    \b
    Example:
      handbook lint
    """
    folder = forms_dir(forms_path)
    policy_path = policy_file(folder)
    policy = load_policy(policy_path) if policy_path.exists() else None
    problems = lint_folder(folder, _known_clauses(folder), policy)
    for problem in problems:
        click.echo(problem.render(lang))
    if problems:
        sys.exit(2)
    click.echo(("Forms OK: " if lang == "en" else "表单检查通过：") + str(folder), err=True)


def _article_urls(folder: Path, base: str) -> dict[str, str]:
    root = articles_root(folder)
    if root is None:
        return {}
    return {
        article: f"{base}{page_url(page)}#{article}"
        for article, page in article_index(root).items()
    }


@cli.command()
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
    type=click.Choice(["text", "json", "github", "junit"]),
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
    help="Check files in parallel.",
)
@click.option(
    "--handbook-url",
    default=lambda: os.environ.get("HANDBOOK_URL", ""),
    help="Base URL of the handbook for article links (env HANDBOOK_URL).",
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
    max_errors: int | None,
    jobs: int,
    handbook_url: str,
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
        Options(publish, encoding, sheet),
        jobs,
        progress,
        _row_progress(lang),
    )
    ctx = ReportContext(
        lang,
        {f.id: f.title.get(lang) for f in loaded.values()},
        _article_urls(folder, handbook_url),
        max_errors,
    )
    if fmt == "json":
        click.echo(render_json(results, ctx), nl=False)
    elif fmt == "junit":
        click.echo(render_junit(results, ctx), nl=False)
    elif fmt == "github":
        annotations, summary = render_github(results, ctx)
        click.echo(annotations, nl=False)
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(summary)
        else:
            click.echo(summary, nl=False)
    else:
        click.echo(render_text(results, ctx), nl=False)
    sys.exit(exit_code(results))


def _row_progress(lang: str) -> Callable[[str, int], None] | None:
    """Rows read so far in a long file, on stderr, only when it is a terminal."""
    if not sys.stderr.isatty():
        return None
    word = "rows read" if lang == "en" else "行已读取"

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
        word = "checked" if lang == "en" else "已检查"
        click.echo(
            f"\r{word} {done[0]}/{total}: {result.file}"[:120].ljust(120),
            err=True,
            nl=done[0] == total,
        )

    return report


from handbook.cli.report import report  # noqa: E402  (registered after the group exists)

cli.add_command(report)


def main() -> None:
    """Entry point: usage and input errors exit 2 with a message, never a traceback."""
    lang = "en" if "--lang" in sys.argv and "en" in sys.argv else "zh"
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Abort:
        sys.exit(130)
    except HandbookError as exc:
        click.echo(exc.render(lang), err=True)
        sys.exit(exc.exit_code)
    except Exception:
        if _State.debug:
            traceback.print_exc()
        else:
            click.echo(
                "internal error (a bug): run again with --debug and report the traceback"
                if lang == "en"
                else "内部错误（程序缺陷）：请加 --debug 重新运行，并把输出报告给 IT。",
                err=True,
            )
        sys.exit(3)
