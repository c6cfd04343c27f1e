"""What a workbook says about itself: the program that wrote it, and whether it is a marked copy.

Messages name the program only when the file names it (``docProps/app.xml``'s
Application in XLSX, ``meta:generator`` in ODS); otherwise they say "the
spreadsheet". A marked copy (``--annotate``, or the checker page's copy) carries
a custom document property, ``MARK``, whose value is the name of its problems
sheet: that sheet is never read as data, and a folder run skips an earlier copy
of a register it also checks. Excel, WPS and LibreOffice keep custom properties
when they save (LibreOffice writes them to ODS as ``meta:user-defined``).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from handbook.model.form import Text

#: The custom document property of a marked copy; its value names the problems sheet.
MARK = "handbook-marked-copy"
#: How a message names a program the file does not name.
SPREADSHEET = Text("电子表格", "the spreadsheet")
#: Programs a file may name, by a word of its Application or generator.
_PROGRAMS = (
    ("WPS", Text("WPS", "WPS")),
    ("Kingsoft", Text("WPS", "WPS")),
    ("LibreOffice", Text("LibreOffice", "LibreOffice")),
    ("OpenOffice", Text("OpenOffice", "OpenOffice")),
    ("Numbers", Text("Numbers", "Numbers")),
    ("Excel", Text("Excel", "Excel")),
)
_APPLICATION = re.compile(rb"<(?:\w+:)?Application>([^<]*)</")
_GENERATOR = re.compile(rb"<meta:generator>([^<]*)</")
_MAX_PART = 1 << 20  # document properties are small; a bigger part is not read


def _part(path: Path, name: str) -> bytes:
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(name)
            if info.file_size > _MAX_PART:
                return b""
            return archive.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return b""


def writer(path: Path, kind: str) -> Text:
    """The program that wrote the workbook, as a message names it; else "the spreadsheet"."""
    if kind == "xlsx":
        found = _APPLICATION.search(_part(path, "docProps/app.xml"))
    elif kind == "ods":
        found = _GENERATOR.search(_part(path, "meta.xml"))
    else:
        found = None
    if found is None:
        return SPREADSHEET
    name = found[1].decode("utf-8", "replace")
    return next((program for word, program in _PROGRAMS if word in name), SPREADSHEET)


def marked_copy(path: Path, kind: str) -> str | None:
    """The problems sheet's name when the workbook is a marked copy; else None."""
    if kind == "xlsx":
        part = _part(path, "docProps/custom.xml")
        pattern = rb'name="' + MARK.encode() + rb'"[^>]*>\s*<vt:lpwstr>([^<]*)</'
    elif kind == "ods":
        part = _part(path, "meta.xml")
        pattern = rb'meta:name="' + MARK.encode() + rb'"[^>]*>([^<]*)</'
    else:
        return None
    found = re.search(pattern, part)
    return found[1].decode("utf-8", "replace") if found else None


#: How a marked copy is named beside its register: ``<stem>.annotated.xlsx``.
COPY_SUFFIX = ".annotated"


def earlier_copies(paths: list[Path]) -> dict[Path, Path]:
    """Marked copies among ``paths`` whose register is among them too: copy → register.

    A folder checked with ``--annotate`` into itself holds last run's copies; they
    are the same rows again, so they are skipped (a copy alone is checked: that is
    how staff check their corrections).
    """
    stems = {(p.parent, p.stem): p for p in paths if not p.stem.endswith(COPY_SUFFIX)}
    found: dict[Path, Path] = {}
    for path in paths:
        if not path.stem.endswith(COPY_SUFFIX):
            continue
        original = stems.get((path.parent, path.stem[: -len(COPY_SUFFIX)]))
        kind = path.suffix.lower().lstrip(".")
        if original is not None and marked_copy(path, "xlsx" if kind == "xlsm" else kind):
            found[path] = original
    return found
