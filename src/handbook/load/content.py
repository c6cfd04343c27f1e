"""Editorial data files: the glossary and the errata, read for pages and tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handbook.errors import FormFileError
from handbook.load.yamlio import read_yaml


def _list(path: Path) -> list[dict[str, Any]]:
    data, _ = read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise FormFileError(
            "editorial-invalid",
            file=str(path),
            line=1,
            problem_code="bad-value",
            problem={"where": path.name, "key": "-", "expected": "[…]"},
        )
    return list(data)


def load_glossary(path: Path) -> list[dict[str, Any]]:
    """The glossary entries (zh, en, accept, note) in file order."""
    return _list(path)


def load_errata(folder: Path) -> list[dict[str, Any]]:
    """Every correction of the source text, in section order (errata/sNN.yaml)."""
    entries: list[dict[str, Any]] = []
    for path in sorted(folder.glob("s[0-9]*.yaml")):
        entries.extend(_list(path))
    return entries


def load_errata_classes(folder: Path) -> list[dict[str, Any]]:
    """The classes of layout and punctuation edits not listed one by one (errata/classes.yaml)."""
    path = folder / "classes.yaml"
    return _list(path) if path.is_file() else []
