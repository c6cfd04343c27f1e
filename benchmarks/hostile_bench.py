"""Benchmark: every input up to 10 MB is checked or refused within 60 s and 500 MB (issue 19).

Makes registers of about ``--mb`` MB (CSV and XLSX, valid; a CSV with the same
error on every row, the marked copy's worst case) and the hostile files of the
tests (amplified shared strings, zip bombs, 20 000 columns, deep nesting), runs
``handbook validate FILE --annotate DIR --format json`` on each in its own
process and prints the wall time and peak resident memory against the goals.
Then the marked copy's growth: the time for 4× the problems over the time for 1×
(linear: about 4; it was quadratic, 2 000 problems took over 100 s).

    python benchmarks/hostile_bench.py [--mb 10]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from checker_files import csv_bytes, repair_rows, xlsx_bytes  # noqa: E402
from hostile_files import (  # noqa: E402
    amplified_shared_string,
    deeply_nested,
    ods_bomb,
    spaces_bomb,
    wide_workbook,
    with_column_values,
)

GOAL_SECONDS = 60
GOAL_MB = 500


def _sized(make: Callable[[int], bytes], megabytes: float) -> bytes:
    """``make(rows)`` grown until it is about ``megabytes`` MB."""
    rows = 1000
    data = make(rows)
    rows = max(1000, int(rows * megabytes * (1 << 20) / len(data)))
    return make(rows)


def files(megabytes: float) -> dict[str, bytes]:
    return {
        "valid.csv": _sized(lambda n: csv_bytes(repair_rows(n)), megabytes),
        "valid.xlsx": _sized(lambda n: xlsx_bytes([list(r) for r in repair_rows(n)]), megabytes),
        "same-error.csv": _sized(
            lambda n: csv_bytes(with_column_values(["杂项"], column="维修类别", rows=n)),
            megabytes,
        ),
        "amplified.xlsx": amplified_shared_string(),
        "spaces.xlsx": spaces_bomb(1000),
        "bomb.ods": ods_bomb(),
        "wide.xlsx": wide_workbook(),
        "deep.xlsx": deeply_nested(),
    }


#: Runs the command and prints its time, peak memory and exit code. A fresh small process: a
#: child forked from this one (which holds the generated files) would count their pages as its own.
RUNNER = """
import os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_pid, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))
"""


def run(path: Path, out: Path) -> tuple[float, float, int]:
    """Seconds, peak resident MB and exit code of the command on ``path``."""
    command = [sys.executable, "-m", "handbook", "validate", str(path), "--form", "repair_followup"]
    command += ["--annotate", f"{out}/", "--format", "json"]
    printed = subprocess.run(
        [sys.executable, "-c", RUNNER, *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    ).stdout.split()
    return float(printed[0]), float(printed[1]), int(printed[2])


def annotate_growth(problems: int) -> tuple[float, float]:
    """Seconds to write the marked copy for ``problems`` and for 4× as many."""
    from handbook.load.forms import load_forms
    from handbook.outputs.annotate import annotate
    from handbook.validate.problems import ERROR, Problem
    from handbook.validate.results import FileResult

    forms = load_forms(ROOT / "forms")
    form = forms["repair_followup"]
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (problems, problems * 4):
            source = Path(tmp) / f"r{n}.csv"
            source.write_bytes(csv_bytes(with_column_values(["杂项"], column="维修类别", rows=n)))
            found = [
                Problem("enum", ERROR, str(source), row, "维修类别", "repair_type", "杂项")
                for row in range(2, n + 2)
            ]
            result = FileResult(str(source), form.id, n, found)
            started = time.perf_counter()
            annotate(result, form, Path(tmp) / f"r{n}.xlsx", "zh", {})
            times.append(time.perf_counter() - started)
    return times[0], times[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10, help="size of the generated registers")
    parser.add_argument("--problems", type=int, default=2000, help="marked copy: problems at 1×")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(
            f"{'file':16} {'size MB':>8} {'exit':>4} {'s':>7} {'s/60':>6} {'MB':>7} {'MB/500':>7}"
        )
        sizes = {}
        for name, data in files(args.mb).items():
            (folder / name).write_bytes(data)
            sizes[name] = len(data)
        for name, size in sizes.items():
            took, peak, code = run(folder / name, folder / "out")
            print(
                f"{name:16} {size / (1 << 20):8.1f} {code:4} {took:7.1f} "
                f"{took / GOAL_SECONDS:6.2f} {peak:7.0f} {peak / GOAL_MB:7.2f}"
            )
    one, four = annotate_growth(args.problems)
    print(
        f"marked copy: {args.problems} problems {one:.1f} s, {4 * args.problems} problems "
        f"{four:.1f} s; ratio {four / one:.1f} (linear: 4, quadratic: 16)"
    )


if __name__ == "__main__":
    main()
