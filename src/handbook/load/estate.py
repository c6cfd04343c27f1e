"""The property description file: the few facts about an estate that indicators divide by.

``property.yaml`` beside the registers (e.g. ``data/property.yaml``) gives the
number of households (the complaint rate per household) and, optionally, how
many property officers look after each property type (the visit frequency).
It holds counts only, never names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook.errors import FormFileError
from handbook.load.yamlio import LineDict, read_yaml
from handbook.model.form import Text

FILE_NAME = "property.yaml"
KEYS = ("name", "households", "property_officers")


@dataclass(frozen=True)
class Estate:
    """Households and officers by property type; None / empty when not given."""

    households: int | None = None
    property_officers: dict[str, int] = field(default_factory=dict)
    name: Text | None = None


def _fail(path: Path, line: int, key: str, expected: str) -> FormFileError:
    return FormFileError("estate-invalid", file=str(path), line=line, key=key, expected=expected)


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def load_estate(path: Path) -> Estate:
    """Read a property description; FormFileError ``estate-invalid`` naming the line of a bad value."""
    data, _ = read_yaml(path)
    if data is None:
        return Estate()
    if not isinstance(data, LineDict):
        raise _fail(path, 1, "property.yaml", "{households: 1200, …}")
    for key in data:
        if key not in KEYS:
            raise _fail(path, data.line_of(key), str(key), " / ".join(KEYS))
    households = data.get("households")
    if households is not None and not _count(households):
        raise _fail(path, data.line_of("households"), "households", "0, 1, 2 …")
    officers = data.get("property_officers") or {}
    if not isinstance(officers, dict) or not all(
        isinstance(k, str) and _count(v) for k, v in officers.items()
    ):
        raise _fail(
            path, data.line_of("property_officers"), "property_officers", "{residential: 4, …}"
        )
    name = data.get("name")
    text = (
        Text(str(name.get("zh", "")), str(name.get("en", "")))
        if isinstance(name, dict)
        else Text(str(name), str(name))
        if name
        else None
    )
    return Estate(households, dict(officers), text)


def find_estate(paths: list[Path]) -> Path | None:
    """The first ``property.yaml`` in (or beside) the register paths given, if any."""
    for target in paths:
        folder = target if target.is_dir() else target.parent
        for candidate in (folder / FILE_NAME, folder.parent / FILE_NAME):
            if candidate.is_file():
                return candidate
    return None
