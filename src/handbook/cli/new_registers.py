"""``handbook new-registers``: set up a repository of filled-in registers for many estates."""

from __future__ import annotations

from pathlib import Path

import click

from handbook.cli.common import FORMS, LANG, reports_errors
from handbook.load.forms import load_forms
from handbook.project import forms_dir


@click.command("new-registers")
@click.argument("folder", type=click.Path(path_type=Path))
@LANG
@FORMS
@reports_errors
def new_registers(folder: Path, lang: str, forms_path: Path | None) -> None:
    """Set up a registers repository in FOLDER (new or empty): an example estate, CI, pre-commit, README.

    One folder per estate with its property.yaml and a folder per register;
    regions may group estates. It validates clean at once.

    \b
    Examples:
      handbook new-registers 登记表仓库/
      handbook new-registers registers/ --lang en
      handbook validate 登记表仓库/ --jobs 2
    """
    from handbook.blanks.repository import new_repository

    written = new_repository(folder, load_forms(forms_dir(forms_path)), lang)
    for path in written:
        click.echo(str(path), err=True)
