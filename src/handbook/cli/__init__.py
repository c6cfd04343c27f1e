"""The command line: ``handbook forms | blank | lint | validate | report | due``.

The only package that prints or exits; one module per command, shared options
in ``common``. Reports go to stdout, diagnostics and progress to stderr. Exit
codes: 0 valid, 1 invalid data, 2 unusable input or usage (out of memory too), 3 a bug.
"""

from __future__ import annotations

import sys
import traceback
from concurrent.futures.process import BrokenProcessPool

import click

from handbook import __version__
from handbook.cli import blank, due, export, forms, lint, new_registers, report, validate
from handbook.errors import HandbookError
from handbook.messages import render, words
from handbook.outputs.escapes import visible


class _State:
    debug = False


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


for _command in (
    forms.forms,
    blank.blank,
    lint.lint,
    validate.validate,
    report.report,
    new_registers.new_registers,
    export.export,
    due.due,
):
    cli.add_command(_command)


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
        click.echo(visible(exc.render(lang)), err=True)
        sys.exit(exc.exit_code)
    except (MemoryError, BrokenProcessPool):  # a worker process killed for its memory too
        click.echo(render("command-out-of-memory", lang), err=True)
        sys.exit(2)
    except Exception:
        if _State.debug:
            traceback.print_exc()
        else:
            click.echo(words("cli", lang)["internal_error"], err=True)
        sys.exit(3)
