"""Where the marked copies go: never onto an input, never two onto one file.

Files are compared, not paths: a hard link, a symlink or another spelling of an
input is that input. ``--annotate out/`` (a trailing slash, or an existing
folder) is a folder even for one register; several registers always need a
folder, and each copy keeps its register's folders below their common folder,
so two ``台账.csv`` from two estates give two copies.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from handbook.errors import InputFileError

SUFFIX = ".annotated.xlsx"


def is_folder_target(out: str) -> bool:
    """A target that names a folder: ends with a slash, or is an existing folder."""
    return out.endswith(("/", os.sep)) or Path(out).is_dir()


def annotate_targets(
    inputs: Sequence[Path], out: str, protected: Sequence[Path] = ()
) -> dict[Path, Path]:
    """Each input's marked copy; InputFileError when a copy would replace an input.

    ``protected`` are further files no copy may replace (the inputs that could not be read).
    """
    unique = list(dict.fromkeys(inputs))
    folder = is_folder_target(out) or len(unique) > 1
    base = Path(out)
    if folder and base.exists() and not base.is_dir():
        raise InputFileError("annotate-needs-folder", out=out)
    targets = _in_folder(unique, base) if folder else {p: base for p in unique[:1]}
    seen = {_identity(p) for p in [*unique, *protected]} - {None}
    for target in targets.values():
        if _identity(target) in seen:
            raise InputFileError("annotate-overwrites-input", out=str(target))
    return targets


def _in_folder(inputs: list[Path], base: Path) -> dict[Path, Path]:
    """Copies under ``base``, each in its register's folder below the inputs' common folder."""
    absolute = {p: Path(os.path.abspath(p)) for p in inputs}
    parents = [str(a.parent) for a in absolute.values()]
    common = Path(os.path.commonpath(parents)) if parents else Path()
    stems: dict[Path, list[Path]] = {}
    for path, full in absolute.items():
        stems.setdefault(full.parent / full.stem, []).append(path)
    targets: dict[Path, Path] = {}
    for path, full in absolute.items():
        relative = full.parent.relative_to(common)
        # 台账.csv beside 台账.xlsx: each copy keeps its own suffix in its name
        name = full.name if len(stems[full.parent / full.stem]) > 1 else full.stem
        targets[path] = base / relative / f"{name}{SUFFIX}"
    return targets


def _identity(path: Path) -> tuple[int, int] | None:
    """The file itself (device and inode, links followed), or None where nothing is yet."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino
