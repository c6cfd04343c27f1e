"""Benchmark: reading and checking the same register as CSV, XLSX, ODS and XLS, with each reader.

Writes N rows (default 50 000, seeded, every row valid) of the repair follow-up register as
CSV and as XLSX (openpyxl), then as ODS and legacy XLS (LibreOffice's own saves, by
``soffice --convert-to``; left out when LibreOffice is not installed), and checks each with
the validator's engine in its own process, by each reader path of ``registers.formats``:
python-calamine (the command's), and the pure-Python fallback (the checker page's):
openpyxl, the handbook's ODS reader, xlrd. Prints rows per second and the ratios.

    python benchmarks/readers_bench.py [--rows 50000]

Target (issue 11): XLSX at least 0.3x the CSV rate.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "benchmarks"))

from validate_bench import generate  # noqa: E402  (after the path is set)

CHILD = """
import sys, time
from pathlib import Path
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.validate import validate_files
forms = load_forms(Path({forms!r})); policy = load_policy(Path({policy!r}))
start = time.perf_counter()
results = validate_files([(Path({path!r}), "repair_followup")], forms, policy)
print(results[0].rows, len(results[0].problems), time.perf_counter() - start)
"""


def to_xlsx(source: Path, target: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    with source.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    workbook.save(target)


def libreoffice(source: Path, fmt: str) -> Path | None:
    """LibreOffice's save of ``source`` as ``fmt`` (ods, xls), beside it; None without soffice."""
    target = source.with_suffix(f".{fmt}")
    if target.exists():
        return target
    command = shutil.which("soffice")
    if command is None:
        return None
    started = time.perf_counter()
    profile = (OUT / "lo-profile").resolve().as_uri()
    subprocess.run(
        [command, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt]
        + ["--outdir", str(OUT), str(source)],
        check=True,
        capture_output=True,
        timeout=1800,
    )
    print(f"wrote {target.name} in {time.perf_counter() - started:.1f} s")
    return target


def run(path: Path, reader: str | None) -> tuple[int, int, float]:
    env = dict(os.environ)
    if reader:
        env["HANDBOOK_WORKBOOK_READER"] = reader
    code = CHILD.format(forms=str(ROOT / "forms"), policy=str(ROOT / "policy.yaml"), path=str(path))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.split()
    return int(out[0]), int(out[1]), float(out[2])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    csv_path = OUT / f"readers_{args.rows}.csv"
    xlsx_path = OUT / f"readers_{args.rows}.xlsx"
    if not csv_path.exists():
        generate(csv_path, args.rows)
    if not xlsx_path.exists():
        started = time.perf_counter()
        to_xlsx(csv_path, xlsx_path)
        print(f"wrote {xlsx_path.name} in {time.perf_counter() - started:.1f} s")
    cases: list[tuple[str, Path, str | None]] = [
        ("CSV", csv_path, None),
        ("XLSX, calamine", xlsx_path, None),
        ("XLSX, openpyxl", xlsx_path, "pure"),
    ]
    for fmt, fallback in (("ods", "ods reader"), ("xls", "xlrd")):
        made = libreoffice(xlsx_path, fmt)
        if made is None:
            print(f"{fmt.upper()}: LibreOffice (soffice) is not installed; not measured")
            continue
        cases += [
            (f"{fmt.upper()}, calamine", made, "calamine"),
            (f"{fmt.upper()}, {fallback}", made, "pure"),
        ]
    rates = {}
    for label, path, reader in cases:
        rows, problems, seconds = run(path, reader)
        rates[label] = rows / seconds
        print(
            f"{label:16}: {rows:,} rows in {seconds:.2f} s = {rates[label]:,.0f} rows/s, problems {problems}"
        )
    csv_rate = rates["CSV"]
    print(f"XLSX (calamine) / CSV: {rates['XLSX, calamine'] / csv_rate:.2f} (target >= 0.3)")
    for label, rate in rates.items():
        if label not in ("CSV", "XLSX, calamine"):
            print(f"{label + ' / CSV':23}: {rate / csv_rate:.2f}")
    print(f"calamine / openpyxl  : {rates['XLSX, calamine'] / rates['XLSX, openpyxl']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
