"""Benchmark: what the Due section adds to a check, and how fast ``handbook due`` lists a big register.

Prints, for generated repair follow-up registers (CPython, not the page):

- the checker's ``check`` with its Due section against ``check`` alone, as a ratio;
- ``handbook.due.collect`` alone, in rows per second.

    python benchmarks/due_bench.py [--rows 20000]

Goal (issue 20): the Due section costs at most half again the check (ratio ≤ 1.5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

from checker_files import csv_bytes, repair_rows  # noqa: E402
from handbook import checker  # noqa: E402
from handbook.due import collect  # noqa: E402
from handbook.load.forms import load_forms  # noqa: E402
from handbook.load.policy import load_policy  # noqa: E402

GOAL = 1.5


def _best(run, times: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    data = csv_bytes(repair_rows(args.rows))
    name = "维修回访.csv"
    original = checker._due
    with_due = _best(lambda: checker.check(data, name, "zh", as_of="2026-10-31"))
    checker._due = lambda *a, **k: None  # type: ignore[assignment]
    try:
        alone = _best(lambda: checker.check(data, name, "zh"))
    finally:
        checker._due = original  # type: ignore[assignment]
    forms = load_forms(ROOT / "forms")
    policy = load_policy(ROOT / "policy.yaml")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "repair_followup.csv"
        path.write_bytes(data)
        listing = _best(lambda: collect([path], forms, policy, dt.datetime(2026, 10, 31)))
    ratio = with_due / alone
    print(f"rows: {args.rows}")
    print(
        f"check with Due / check alone: {ratio:.2f} (goal ≤ {GOAL}) {'ok' if ratio <= GOAL else 'SLOW'}"
    )
    print(f"handbook due alone: {args.rows / listing:,.0f} rows/s ({listing:.2f} s)")


if __name__ == "__main__":
    main()
