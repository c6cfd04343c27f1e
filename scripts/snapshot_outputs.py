"""Save everything the project produces, so a refactoring can be shown to change nothing.

    python scripts/snapshot_outputs.py OUT_DIR            # save
    python scripts/snapshot_outputs.py --compare A B      # list the files that differ

What is saved: the built site (every page and download), ``handbook validate data/ --format
json``, every blank (CSV and XLSX, zh and en), ``handbook report data/ --format json`` and the
JSON verdict on every register fixture in ``tests/data/registers/``.

XLSX files are zip archives whose ``docProps/core.xml`` carries the time they were written
(``dcterms:created`` and ``dcterms:modified``): the comparison reads workbooks member by member
and leaves those two timestamps out. The indicator report's ``as_of`` (the minute it was made)
is left out too. Nothing else is excluded.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: the environment whose commands are run (another checkout can be snapshotted with this
#: one's venv and PYTHONPATH=that/src)
BIN = Path(os.environ.get("HANDBOOK_BIN", ROOT / ".venv" / "bin"))
TIMESTAMPS = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")
AS_OF = re.compile(rb'"as_of": "[^"]*"')


def _run(args: list[str], out: Path) -> None:
    result = subprocess.run(args, cwd=ROOT, capture_output=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(result.stdout + f"\n[exit {result.returncode}]\n".encode())


def save(dest: Path) -> None:
    """Write every output of the project below ``dest``."""
    handbook = str(BIN / "handbook")
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q"], cwd=ROOT, check=True)
    shutil.copytree(ROOT / "site", dest / "site", dirs_exist_ok=True)
    _run([handbook, "validate", "data/", "--format", "json"], dest / "validate-data.json")
    _run(
        [handbook, "validate", "data/", "--format", "json", "--lang", "en"],
        dest / "validate-data-en.json",
    )
    _run([handbook, "report", "data/", "--format", "json"], dest / "report-data.json")
    _run([handbook, "forms", "--format", "json"], dest / "forms.json")
    forms = sorted(p.stem for p in (ROOT / "forms").glob("*.yaml"))
    for form in forms:
        for lang in ("zh", "en"):
            for fmt in ("csv", "xlsx"):
                out = dest / "blanks" / f"{form}.{lang}.{fmt}"
                out.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run(
                    [handbook, "blank", form, "--format", fmt, "--lang", lang, "-o", str(out)],
                    cwd=ROOT,
                    capture_output=True,
                )
    for fixture in sorted((ROOT / "tests" / "data" / "registers").iterdir()):
        for lang in ("zh", "en"):
            _run(
                [
                    handbook,
                    "validate",
                    str(fixture.relative_to(ROOT)),
                    "--format",
                    "json",
                    "--lang",
                    lang,
                ],
                dest / "fixtures" / f"{fixture.name}.{lang}.json",
            )


def _content(path: Path) -> bytes | dict[str, bytes]:
    data = path.read_bytes()
    if path.suffix == ".xlsx" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return {
                name: TIMESTAMPS.sub(b"", archive.read(name)) for name in sorted(archive.namelist())
            }
    return AS_OF.sub(b"", data)


def compare(a: Path, b: Path) -> list[str]:
    """The relative paths whose content differs between two snapshots (or exist in one only)."""
    names_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = [f"only in {a}: {n}" for n in sorted(names_a - names_b)]
    differ += [f"only in {b}: {n}" for n in sorted(names_b - names_a)]
    differ += [str(n) for n in sorted(names_a & names_b) if _content(a / n) != _content(b / n)]
    return differ


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    if args.compare:
        if len(args.dirs) != 2:
            parser.error("--compare takes two snapshot folders")
        differ = compare(*args.dirs)
        for line in differ:
            print(line)
        print(f"{len(differ)} files differ")
        return 1 if differ else 0
    save(args.dirs[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
