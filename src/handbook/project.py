"""Where the handbook's own files are: forms, data, docs.

Commands run from the project folder use its ``forms/``; an installed package
used elsewhere (a data repository's CI) falls back to the forms shipped in it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

_PACKAGED = Path(__file__).parent / "_shipped"


def forms_dir(explicit: Path | None = None) -> Path:
    """``explicit``, else $HANDBOOK_FORMS, else ./forms, else the forms shipped with the package."""
    if explicit is not None:
        return explicit
    env = os.environ.get("HANDBOOK_FORMS")
    if env:
        return Path(env)
    local = Path("forms")
    if local.is_dir():
        return local
    return _PACKAGED / "forms"


def docs_dir(forms: Path) -> Path | None:
    """The handbook's ``docs/`` beside ``forms/``, if there is one."""
    candidate = forms.parent / "docs"
    return candidate if candidate.is_dir() else None


def policy_file(forms: Path) -> Path:
    """``policy.yaml`` beside the forms folder (the shipped one for shipped forms)."""
    return forms.parent / "policy.yaml"


def articles_root(forms: Path) -> Path | None:
    """The folder holding ``zh/…/*.md`` pages that define article ids, beside the forms."""
    docs = docs_dir(forms)
    if docs is not None:
        return docs
    shipped = forms.parent / "docs"
    return shipped if shipped.is_dir() else None


def today() -> dt.date:
    """The day pages show the values in force on: today, or $SOURCE_DATE_EPOCH's day when set.

    SOURCE_DATE_EPOCH is the reproducible-builds convention: a build of the same sources
    on another day gives the same pages.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
