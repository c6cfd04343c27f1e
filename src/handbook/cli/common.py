"""What every command shares, defined once: the language and forms options, and turning an unusable input into a message."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from handbook.errors import HandbookError
from handbook.load.articles import article_index
from handbook.outputs.escapes import visible
from handbook.project import articles_root

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


def reports_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Turn an unusable input into a message in the reader's language and exit 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except HandbookError as exc:
            click.echo(visible(exc.render(kwargs.get("lang", "zh"))), err=True)
            sys.exit(exc.exit_code)

    return wrapper


def known_clauses(folder: Path) -> set[str] | None:
    root = articles_root(folder)
    if root is None:
        return None
    index = article_index(root)
    return set(index) if index else None
