"""``handbook report``: the indicators of a period from filled-in registers, totals only.

Registered on the ``handbook`` group in ``cli/__init__.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from handbook.cli.common import FORMS, LANG, reports_errors
from handbook.cli.report_estates import is_repository, report_estates
from handbook.load.estate import find_estate, load_estate
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.model.period import parse_period
from handbook.model.policy import Policy
from handbook.outputs.escapes import visible, visible_lines
from handbook.project import forms_dir, policy_file
from handbook.registers.cells import parse_date, parse_datetime
from handbook.registers.records import read_registers

#: the report's formats (handbook.indicators.render), imported when the command runs so that
#: ``handbook validate`` does not pay for the indicators
RENDERERS = ("text", "json", "csv", "html")


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        moment = dt.datetime.combine(day, dt.time(23, 59)) if day else None
    if moment is None:
        raise click.BadParameter("write 2026-03-31 or 2026-03-31 18:00")
    return moment


@click.command("report")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--period",
    default=None,
    help="2026, 2026-Q1 or 2026-03 (default: the whole months the registers cover).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(RENDERERS)),
    default="text",
    show_default=True,
    help="json carries a version number; csv has one line per figure; html (with -o FOLDER) a static report with charts.",
)
@click.option(
    "--by",
    type=click.Choice(["estate"]),
    default=None,
    help="One report per estate (each folder with a property.yaml) and the group's, with a comparison table and a monthly trend.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Compute estates in parallel processes.",
)
@LANG
@click.option(
    "--property",
    "property_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Property description with the number of households (default: property.yaml beside the registers).",
)
@click.option(
    "--as-of",
    callback=_as_of,
    default=None,
    help="Judge still-open complaints as of this date or time (default: now).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file instead of stdout (CSV gets a BOM so Excel opens it); a folder for html.",
)
@FORMS
@reports_errors
def report(
    paths: tuple[Path, ...],
    period: str | None,
    fmt: str,
    by: str | None,
    jobs: int,
    lang: str,
    property_file: Path | None,
    as_of: dt.datetime | None,
    output: Path | None,
    forms_path: Path | None,
) -> None:
    """Indicators from filled-in registers (default data/): follow-up, on-time and satisfaction rates.

    Each indicator has its value, numerator, denominator, target, whether the
    target is met and its article; "no data" when nothing was due. Totals only:
    no name, phone or flat number is ever printed, and groups smaller than the
    policy's small_group_threshold are suppressed.

    \b
    Examples:
      handbook report data/
      handbook report data/ --period 2026-Q1 --lang en
      handbook report data/ --period 2026 --format csv -o 指标-2026.csv
      handbook report data/ --format json | jq '.indicators[].value'
      handbook report registers/ --by estate --format json --jobs 2
      handbook report registers/ --by estate --format html -o 指标报告/ --lang zh

    A folder holding several estates (each in a folder with its own
    property.yaml; regions may group them) is reported per estate with each
    estate's own households and officers; the group's figures are the sums of
    the estates' numerators over the sums of their denominators.
    """
    from handbook.indicators import build_report
    from handbook.indicators.render import render_csv, render_json, render_text

    folder = forms_dir(forms_path)
    forms = load_forms(folder)
    policy = load_policy(policy_file(folder))
    chosen = parse_period(period) if period else None
    targets = list(paths) or [Path("data")]
    if by and property_file is not None:
        raise click.UsageError(
            "--by estate reads each estate's own property.yaml: leave out --property"
        )
    if property_file is None and (by or fmt == "html" or is_repository(targets)):
        report_estates(
            targets, forms, policy, chosen, as_of, fmt, lang, output, by is not None, jobs
        )
        return
    registers = read_registers(targets, forms)
    estate_path = property_file or find_estate(targets)
    estate = load_estate(estate_path) if estate_path else None
    result = build_report(registers, policy, forms, estate, chosen, as_of)
    renderers = {"text": render_text, "json": render_json, "csv": render_csv}
    text = renderers[fmt](result, lang)
    text = _with_due(text, fmt, targets, forms, policy, as_of, lang)
    if output is None:
        # on a terminal, a label from a register never carries an escape sequence
        click.echo(visible_lines(text) if fmt == "text" else text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    click.echo(visible(str(output)), err=True)


def _with_due(
    text: str,
    fmt: str,
    targets: list[Path],
    forms: dict,
    policy: Policy,
    as_of: dt.datetime | None,
    lang: str,
) -> str:
    """The report with its open and overdue counts and 督办 list (handbook.indicators.due)."""
    from handbook.due import collect, now_in_china
    from handbook.indicators.due import add_to_report, summarise

    moment = as_of or now_in_china()
    found = collect(targets, forms, policy, moment)
    return add_to_report(text, fmt, summarise(found.items, moment, policy), lang)
