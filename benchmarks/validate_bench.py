"""Benchmark: the register validator against plain frictionless, on the repair follow-up register.

Generates N rows (default 1 000 000, seeded) of the repair follow-up register,
validates them with every rule on (``handbook validate``'s engine), then the
same file with frictionless against the equivalent Table Schema, each in its
own process; prints rows per second, their ratio, and peak memory (max RSS).
Also times a 1 000-row register end to end (the command a staff member runs).

    python benchmarks/validate_bench.py [--rows 1000000] [--skip-frictionless]

Targets (issue 5): >= 3x frictionless's rows/s; <= 150 MB peak; 1 000 rows <= 0.5 s wall.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "src"))
from handbook.load.policy import load_policy  # noqa: E402  (after the path is set)

#: The numbers of the rules, from the one file that holds them.
POLICY = load_policy(ROOT / "policy.yaml")
#: days allowed from completion to follow-up, per repair class
CLASSES: dict[str, int] = dict(POLICY.value("repair_followup_days"))


def generate(path: Path, rows: int, seed: int = 20261128) -> list[str]:
    """Write ``rows`` valid repair follow-ups (header = field keys) and return the header."""
    sys.path.insert(0, str(ROOT / "src"))
    from handbook.load.forms import load_forms

    form = load_forms(ROOT / "forms")["repair_followup"]
    header = [f.name for f in form.input_fields]
    rng = random.Random(seed)
    # Exactly the policy's least shares per role (10 / 30 / 60 % today), the rest to the
    # last role: the register meets the role quotas, so every row is valid.
    shares = POLICY.value("repair_followup_role_shares")
    roles = [role for role, share in shares.items() for _ in range(round(share * 100))]
    start = date(2026, 1, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(rows):
            cls = rng.choice(list(CLASSES))
            done = start + timedelta(days=rng.randrange(365))
            on = done + timedelta(days=rng.randrange(CLASSES[cls] + 1))
            record = {
                "work_order_no": f"PG-2026-{i:07d}",
                "unit_no": f"{rng.randrange(1, 30)}-{rng.randrange(1, 5)}-{rng.randrange(101, 3302)}",
                "repair_item": rng.choice(
                    ["更换水龙头", "疏通下水道", "更换灯具", "修补墙面", "门锁维修"]
                ),
                "repair_class": cls,
                "technician": f"维修工 {rng.choice('王李张刘陈杨')}**",
                "completed_on": done.isoformat(),
                "followup_on": on.isoformat(),
                "method": "phone",
                "visitor_role": roles[i % len(roles)],
                "visitor": f"回访人 {rng.choice('赵钱孙周吴')}**",
                "site_check": "ok",
                "conduct": "satisfied",
                "charge_check": rng.choice(["correct", "no_charge"]),
                "comments": "",
                "satisfaction": rng.choice(["satisfied", "satisfied", "fairly_satisfied"]),
                "resident_signed": "",
                "rectification_notice_at": "",
                "remarks": "",
            }
            writer.writerow([record.get(name, "") for name in header])
    return header


HANDBOOK_RUN = """
import sys, time
sys.path.insert(0, {src!r})
from pathlib import Path
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.validate import validate_files
forms = load_forms(Path({forms!r})); policy = load_policy(Path({policy!r}))
t = time.perf_counter()
results = validate_files([(Path({path!r}), "repair_followup")], forms, policy)
elapsed = time.perf_counter() - t
r = results[0]
print(elapsed, r.rows, len(r.problems), r.fatal)
"""

FRICTIONLESS_RUN = """
import sys, time, json
from frictionless import Resource, Schema
schema = Schema.from_descriptor(json.loads({schema!r}))
t = time.perf_counter()
report = Resource({path!r}, schema=schema).validate(limit_errors=10**9)
elapsed = time.perf_counter() - t
errors = report.flatten(["type", "note"])
print(elapsed, report.tasks[0].stats.get("rows"), len(errors), errors[:2])
"""


def run_measured(code: str) -> tuple[list[str], float]:
    """Run ``code`` in a fresh interpreter; return its printed fields and its peak RSS in MB."""
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read() if proc.stdout else ""
    if status != 0:
        raise SystemExit(f"benchmark child failed: {out}")
    return out.split(maxsplit=3), usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-frictionless", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from handbook.load.forms import load_forms
    from handbook.model.schema import table_schema

    path = OUT / f"repair_followup_{args.rows}.csv"
    if not path.exists():
        generate(path, args.rows)
    form = load_forms(ROOT / "forms")["repair_followup"]
    schema = table_schema(form)
    fields, rss = run_measured(
        HANDBOOK_RUN.format(
            src=str(ROOT / "src"),
            forms=str(ROOT / "forms"),
            policy=str(ROOT / "policy.yaml"),
            path=str(path),
        )
    )
    ours = float(fields[0])
    ours_rate = args.rows / ours
    print(
        f"handbook validate : {args.rows:,} rows in {ours:.1f} s = {ours_rate:,.0f} rows/s, "
        f"peak {rss:.0f} MB, problems {fields[2]}"
    )
    if not args.skip_frictionless:
        # frictionless refuses absolute paths outside its base path: give it one relative to ROOT.
        relative = str(path.relative_to(ROOT))
        fields, f_rss = run_measured(
            FRICTIONLESS_RUN.format(schema=json.dumps(schema), path=relative)
        )
        theirs = float(fields[0])
        theirs_rate = args.rows / theirs
        print(
            f"frictionless      : {args.rows:,} rows in {theirs:.1f} s = {theirs_rate:,.0f} rows/s, "
            f"peak {f_rss:.0f} MB, errors {fields[2]}"
        )
        print(
            f"ratio (handbook / frictionless rows/s): {ours_rate / theirs_rate:.2f}x  (target >= 3x)"
        )
    print(f"peak memory ratio vs 150 MB target: {rss / 150:.2f}")
    small = OUT / "repair_followup_1000.csv"
    if not small.exists():
        generate(small, 1000)
    handbook = Path(sys.executable).parent / "handbook"
    t = time.perf_counter()
    subprocess.run(
        [str(handbook), "validate", str(small), "--form", "repair_followup"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    wall = time.perf_counter() - t
    print(
        f"1 000-row register, whole command: {wall:.2f} s wall (target <= 0.5 s; ratio {wall / 0.5:.2f})"
    )


if __name__ == "__main__":
    main()
