"""``handbook export``: every register as a typed table for analysts (DuckDB or Parquet)."""

from __future__ import annotations

from pathlib import Path

import click

from handbook.cli.common import FORMS, LANG, reports_errors
from handbook.load.forms import load_forms
from handbook.messages import words
from handbook.project import forms_dir


@click.command("export")
@click.argument("root", type=click.Path(path_type=Path), default=Path("data"))
@click.option(
    "--to",
    "target",
    type=click.Path(path_type=Path),
    required=True,
    help="A .duckdb file, or a folder for one Parquet file per register.",
)
@click.option(
    "--include-personal",
    is_flag=True,
    help="Keep the columns the forms mark as personal data (names, phones, flats, free text); left out by default.",
)
@LANG
@FORMS
@reports_errors
def export(
    root: Path, target: Path, include_personal: bool, lang: str, forms_path: Path | None
) -> None:
    """Write every register below ROOT as a typed table: estate, region, source file and row included.

    Types come from the forms (dates as DATE, times as TIMESTAMP, numbers,
    yes/no as BOOLEAN, choices as their codes). Personal columns are left out
    unless --include-personal. An estates table holds each estate's households
    and officers, so rates can be computed in SQL.

    \b
    Examples:
      handbook export registers/ --to 登记表.duckdb
      handbook export registers/ --to parquet/
      duckdb 登记表.duckdb "SELECT estate, count(*) FROM complaint_register GROUP BY 1"
    """
    from handbook.export import export_registers

    summary = export_registers(root, target, load_forms(forms_dir(forms_path)), include_personal)
    w = words("export", lang)
    for table, rows in sorted(summary.rows.items()):
        click.echo(w["table"].format(table=table, rows=rows), err=True)
    if summary.unreadable_cells:
        click.echo(w["unreadable"].format(n=summary.unreadable_cells), err=True)
    click.echo(str(target))
