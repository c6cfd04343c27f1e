"""``handbook blank``: write a blank register to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from handbook.blanks import WRITERS
from handbook.cli.common import FORMS, LANG, reports_errors
from handbook.load.forms import get_form, load_forms
from handbook.project import forms_dir


@click.command()
@click.argument("form_id", metavar="FORM")
@click.option("--format", "fmt", type=click.Choice(list(WRITERS)), default="csv", show_default=True)
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
    from handbook.blanks import write_blank  # openpyxl is imported only by the command that writes

    form = get_form(load_forms(forms_dir(forms_path)), form_id)
    write_blank(form, fmt, lang, output)
    click.echo(str(output), err=True)
