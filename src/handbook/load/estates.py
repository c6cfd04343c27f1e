"""A registers repository of many estates: which folders are estates, and which regions group them.

Every folder holding a ``property.yaml`` is an estate: its registers are the files
below it, and its households and officers are the denominators of its indicators.
Folders between the root and an estate are regions (``华东/上海/示例花园`` is the
estate ``示例花园`` in the region ``华东/上海``). A root that holds a ``property.yaml``
itself is one estate (the layout of ``data/``). Hidden folders (``.git``, ``.github``)
are never searched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from handbook.load.estate import FILE_NAME, Estate, load_estate


@dataclass(frozen=True)
class EstateFolder:
    """One estate of a repository: its folder, name, region and property description."""

    path: Path
    #: the folder path below the root, e.g. ``华东/示例花园`` (``.`` for a root estate): unique
    key: str
    #: the folders between the root and the estate, joined by ``/`` ("" when there are none)
    region: str
    estate: Estate

    @property
    def name(self) -> str:
        """The key, which is unique in a repository (the display name may repeat)."""
        return self.key

    def title(self, lang: str) -> str:
        """The estate's name from its ``property.yaml`` in ``lang``, else its folder name."""
        if self.estate.name is not None:
            found = self.estate.name.get(lang)
            if found:
                return found
        return self.path.name if self.key != "." else self.path.resolve().name


def _estate_dirs(root: Path) -> Iterable[Path]:
    """Folders holding a ``property.yaml``, not looking below an estate or into hidden folders."""
    if (root / FILE_NAME).is_file():
        yield root
        return
    for child in sorted(p for p in root.iterdir() if p.is_dir()):
        if child.name.startswith("."):
            continue
        yield from _estate_dirs(child)


def find_estates(root: Path) -> list[EstateFolder]:
    """The estates below ``root`` in path order (empty when no folder has a ``property.yaml``).

    A ``property.yaml`` that cannot be used raises FormFileError ``estate-invalid``
    naming its line.
    """
    if not root.is_dir():
        return []
    found = []
    for folder in _estate_dirs(root):
        rel = folder.relative_to(root)
        key = rel.as_posix() if rel.parts else "."
        region = "/".join(rel.parts[:-1])
        found.append(EstateFolder(folder, key, region, load_estate(folder / FILE_NAME)))
    return found


def estate_of(path: Path, estates: list[EstateFolder]) -> EstateFolder | None:
    """The estate a register file belongs to: the deepest estate folder above it."""
    best: EstateFolder | None = None
    resolved = path.resolve()
    for folder in estates:
        base = folder.path.resolve()
        if resolved.is_relative_to(base) and (
            best is None or len(base.parts) > len(best.path.resolve().parts)
        ):
            best = folder
    return best


def estate_keys(files: list[Path], roots: list[Path]) -> list[str]:
    """Each file's estate (its folder key below the root given), "" outside any estate."""
    estates: list[EstateFolder] = []
    for root in roots:
        estates.extend(find_estates(root))
    keys = []
    for path in files:
        found = estate_of(path, estates)
        keys.append("" if found is None else str(found.path.resolve()))
    return keys
