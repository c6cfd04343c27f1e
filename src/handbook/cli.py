"""The command line: ``handbook forms | blank | lint | validate``.

The only module that prints or exits. Reports go to stdout, diagnostics to
stderr. Exit codes: 0 valid, 1 invalid data, 2 unusable input or usage.
"""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from handbook import __version__
from handbook.articles import article_index
from handbook.blank import write_blank
from handbook.errors import HandbookError
from handbook.loader import get_form, lint_folder, load_forms
from handbook.project import docs_dir, forms_dir
from handbook.reading import register_files
from handbook.report import exit_code, render_json, render_text
from handbook.validate import FileResult, check_file

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
    help="Folder of form files (default: ./forms).",
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
    docs = docs_dir(folder)
    if docs is None:
        return None
    index = article_index(docs)
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
      handbook blank complaint_register --format csv --lang zh -o 客户投诉登记表.csv
    """
    form = get_form(load_forms(forms_dir(forms_path)), form_id)
    write_blank(form, fmt, lang, output)
    click.echo(str(output), err=True)


@cli.command()
@FORMS
@LANG
@reports_errors
def lint(forms_path: Path | None, lang: str) -> None:
    """Check every form file; print file:line: message for each problem (exit 2 if any).

    \b
    Example:
      handbook lint
    """
    folder = forms_dir(forms_path)
    problems = lint_folder(folder, _known_clauses(folder))
    for problem in problems:
        click.echo(problem.render(lang))
    if problems:
        sys.exit(2)
    click.echo(("Forms OK: " if lang == "en" else "表单检查通过：") + str(folder), err=True)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--form",
    "form_id",
    default=None,
    help="Form of every file (default: from folder, name or header).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@LANG
@click.option("--encoding", default=None, help="Force the CSV encoding, e.g. gb18030 or utf-16.")
@click.option("--sheet", default=None, help="Sheet of an XLSX file to check (default: the first).")
@FORMS
@reports_errors
def validate(
    paths: tuple[Path, ...],
    form_id: str | None,
    fmt: str,
    lang: str,
    encoding: str | None,
    sheet: str | None,
    forms_path: Path | None,
) -> None:
    """Check filled-in registers (files or folders; default data/).

    Exit 0 when valid (warnings allowed), 1 when the data breaks a rule,
    2 when an input cannot be used.

    \b
    Examples:
      handbook validate data/
      handbook validate 投诉登记表.xlsx --form complaint_register --lang en
    """
    loaded = load_forms(forms_dir(forms_path))
    if form_id is not None:
        get_form(loaded, form_id)
    targets = paths or (Path("data"),)
    results: list[FileResult] = []
    for target in targets:
        try:
            files = register_files(target)
        except HandbookError as exc:
            results.append(FileResult(str(target), form_id, 0, [], fatal=exc))  # type: ignore[arg-type]
            continue
        if not files:
            from handbook.errors import InputFileError

            results.append(
                FileResult(
                    str(target),
                    form_id,
                    0,
                    [],
                    fatal=InputFileError("no-register-files", file=str(target)),
                )
            )
        for path in files:
            results.append(check_file(path, loaded, form_id, encoding=encoding, sheet=sheet))
    titles = {f.id: f.title.get(lang) for f in loaded.values()}
    if fmt == "json":
        click.echo(render_json(results, lang), nl=False)
    else:
        click.echo(render_text(results, lang, titles), nl=False)
    sys.exit(exit_code(results))


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
