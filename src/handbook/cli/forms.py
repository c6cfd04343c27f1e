"""``handbook forms``: list every form."""

from __future__ import annotations

import json
from pathlib import Path

import click

from handbook.cli.common import FORMS, LANG, reports_errors
from handbook.load.forms import load_forms
from handbook.project import forms_dir


@click.command()
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
