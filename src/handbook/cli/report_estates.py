"""``handbook report`` over a repository of many estates: per estate and for the group.

Called from ``cli/report.py`` when ``--by estate`` is given, or when the folder
reported on holds several estates (each folder with a ``property.yaml``): then
the plain report shows the group's figures, summed from each estate's own.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from handbook.errors import InputFileError
from handbook.load.estates import EstateFolder, find_estates
from handbook.model.form import Form
from handbook.model.period import Period
from handbook.model.policy import Policy

if TYPE_CHECKING:  # the indicators are imported when the command runs
    from handbook.indicators.estates import EstateReport


def estates_under(targets: list[Path]) -> list[EstateFolder]:
    """The estates below the folders given (a file or a folder without estates adds none)."""
    found: list[EstateFolder] = []
    for target in targets:
        found.extend(find_estates(target))
    return found


def is_repository(targets: list[Path]) -> bool:
    """Several estates, or estates below the folder given rather than the folder itself."""
    found = estates_under(targets)
    return len(found) > 1 or any(f.key != "." for f in found)


def _progress(total: int) -> Callable[[EstateReport], None] | None:
    """Estates done so far, on stderr, only when it is a terminal."""
    if total < 2 or not sys.stderr.isatty():
        return None
    done = [0]

    def report(estate: EstateReport) -> None:
        done[0] += 1
        click.echo(
            f"\r{done[0]}/{total}: {estate.folder.key}"[:120].ljust(120),
            err=True,
            nl=done[0] == total,
        )

    return report


def report_estates(
    targets: list[Path],
    forms: dict[str, Form],
    policy: Policy,
    period: Period | None,
    as_of: dt.datetime | None,
    fmt: str,
    lang: str,
    output: Path | None,
    by_estate: bool,
    jobs: int,
) -> None:
    """Compute every estate and the group, then print or write the chosen format."""
    from handbook.indicators.estates import build_group_report
    from handbook.indicators.render import render_csv, render_json, render_text
    from handbook.indicators.render_group import (
        render_group_csv,
        render_group_json,
        render_group_text,
    )

    folders = estates_under(targets)
    if not folders:
        raise InputFileError("no-estates", file=", ".join(str(t) for t in targets))
    result = build_group_report(
        folders, forms, policy, period, as_of, jobs, _progress(len(folders))
    )
    if fmt == "html":
        from handbook.site.group_report import write_group_site

        if output is None:
            raise click.UsageError("--format html needs -o FOLDER")
        written = write_group_site(result, output, lang)
        click.echo(str(written), err=True)
        return
    if by_estate:
        renderers = {"text": render_group_text, "json": render_group_json, "csv": render_group_csv}
        text = renderers[fmt](result, lang)
    else:
        plain = {"text": render_text, "json": render_json, "csv": render_csv}
        text = plain[fmt](result.group, lang)
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    click.echo(str(output), err=True)
