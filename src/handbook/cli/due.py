"""``handbook due``: what the registers' rules still ask for, overdue first.

Registered on the ``handbook`` group in ``cli/__init__.py``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from handbook.cli.common import FORMS, LANG, reports_errors
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.project import forms_dir, policy_file
from handbook.registers.cells import parse_date, parse_datetime

FORMATS = ("text", "json", "csv", "ics")


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.datetime | None:
    """A date (its first minute: everything due that day is "due today") or a date and time."""
    if value is None:
        return None
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        moment = dt.datetime.combine(day, dt.time()) if day else None
    if moment is None:
        raise click.BadParameter("write 2026-03-31 or 2026-03-31 18:00")
    return moment


@click.command("due")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--as-of",
    callback=_as_of,
    default=None,
    help="Judge the items at this date or time, China time (default: now in China).",
)
@click.option(
    "--within",
    "within_days",
    type=click.IntRange(min=0),
    default=None,
    help="Only items overdue or due within this many days (default: every open item).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="json carries a version number; csv opens in Excel; ics imports into a phone's calendar.",
)
@LANG
@click.option("--encoding", default=None, help="Force the CSV encoding, e.g. gb18030.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file instead of stdout (CSV gets a BOM so Excel opens it).",
)
@FORMS
@reports_errors
def due(
    paths: tuple[Path, ...],
    as_of: dt.datetime | None,
    within_days: int | None,
    fmt: str,
    lang: str,
    encoding: str | None,
    output: Path | None,
    forms_path: Path | None,
) -> None:
    """What is due in the registers (default data/): open items from the rules' deadlines.

    An item is a row whose start is filled and whose completing field is empty (a
    complaint received and not replied to), the next visit or meeting a gap rule
    asks for, this month's missing callbacks, or the next round of a works
    follow-up. Each names its register, row and cell, the row's key (never a
    person), the due date or time, its state, the role and the article. Overdue
    first. Exit 0, or 2 when an input cannot be used (the others are still listed).

    \b
    Examples:
      handbook due data/ --within 7
      handbook due data/ --as-of 2026-03-31 --format json
      handbook due data/repair_followup --format ics -o 待办.ics
    """
    from handbook.due import collect, now_in_china
    from handbook.due.render import RENDERERS

    folder = forms_dir(forms_path)
    forms = load_forms(folder)
    policy = load_policy(policy_file(folder))
    moment = as_of or now_in_china()
    result = collect(list(paths) or [Path("data")], forms, policy, moment, within_days, encoding)
    for problem in [*result.unusable, *result.uncounted]:
        click.echo(problem.render(lang), err=True)
    text = RENDERERS[fmt](result.items, moment, lang)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        encoding_out = "utf-8-sig" if fmt == "csv" else "utf-8"
        output.write_text(text, encoding=encoding_out, newline="")
        click.echo(str(output), err=True)
    if result.unusable:
        sys.exit(2)
