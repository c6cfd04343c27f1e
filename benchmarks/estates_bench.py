"""Benchmark: a group of many estates — validation, the group report, the export, DuckDB's comparison.

Generates ``--estates`` estates (default 300) of about ``--blocks`` × 1 600 rows each
(default 6 → about 10 000 rows, 3 million in all) in ten regions, each estate with a
different ``property.yaml`` (households and officers). The registers are made by the
sample-data generator (``scripts/make_sample_data.py``, seeded); to keep the set-up
short, ``--distinct`` estates (default 20) are generated and the others hard-link
their files, each with its own property.yaml — the commands read every file of
every estate all the same. The set is kept in ``benchmarks/out/`` and reused.

Each step runs in its own process and prints its time and peak memory (max RSS of
the step's process and of its largest worker):

    python benchmarks/estates_bench.py [--estates 300] [--blocks 6] [--jobs 2]
    python benchmarks/estates_bench.py --estates 20   # a quick run

Goal (issue 21): the group report within 60 s and 1 GB on 2 cores. Per-estate
work is independent (only totals are summed), so time grows linearly with the
number of estates divided by the processes (or CI jobs) given to it, and memory
stays that of one estate per process plus the figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "src"))
GOAL_SECONDS, GOAL_BYTES = 60.0, 1 << 30


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "make_sample_data", ROOT / "scripts" / "make_sample_data.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shift(number: str | None, offset: int) -> str | None:
    if not number:
        return number
    prefix, year, serial = number.rsplit("-", 2)
    return f"{prefix}-{year}-{int(serial) + offset:04d}"


def _renumber(complaints: list[dict[str, Any]], notices: list[dict[str, Any]], offset: int) -> None:
    """Complaint and notice numbers restart at 1 in each call: move a block's past the previous ones."""
    for row in [*complaints, *notices]:
        for key in ("complaint_no", "notice_no"):
            if key in row:
                row[key] = _shift(row[key], offset)


def _estate_rows(gen: Any, seed: int, blocks: int) -> dict[str, list[dict[str, Any]]]:
    """One estate's registers: surveys and meetings once, the other registers ``blocks`` times."""
    gen.R.seed(seed)
    gen.NO = gen.Numbers()
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    surveys, summaries = gen.make_surveys()
    meetings = gen.make_meetings()
    out["opinion_survey"], out["survey_summary"], out["meeting_record"] = (
        surveys,
        summaries,
        meetings,
    )
    for block in range(blocks):
        complaints, notices = gen.make_complaints()
        _renumber(complaints, notices, block * 200)
        repairs, rectifications = gen.make_repairs()
        records = gen.make_records(complaints, repairs)
        visits = gen.make_visits(complaints)
        reception = gen.make_reception(complaints)
        first = block == 0
        suggestions = gen.make_suggestions(
            reception, records, visits, meetings if first else [], surveys if first else []
        )
        for form_id, rows in (
            ("complaint_register", complaints),
            ("complaint_notice", notices),
            ("repair_followup", repairs),
            ("rectification_notice", rectifications),
            ("followup_record", records),
            ("hotline_callback", gen.make_hotline()),
            ("visit_record", visits),
            ("delivery_callback", gen.make_deliveries()),
            ("works_followup", gen.make_works()),
            ("reception_log", reception),
            ("suggestion_register", suggestions),
        ):
            out[form_id].extend(rows)
    return out


def _property(index: int) -> str:
    rng = random.Random(index)
    return (
        f"name: {{zh: 测试项目{index:03d}, en: Estate {index:03d}}}\n"
        f"households: {rng.randint(300, 3000)}\n"
        f"property_officers: {{residential: {rng.randint(5, 9)}, commercial: {rng.randint(3, 5)}, "
        f"office: {rng.randint(2, 4)}}}\n"
    )


def _estate_dir(root: Path, index: int) -> Path:
    return root / f"region-{index % 10:02d}" / f"estate-{index:03d}"


def generate(root: Path, estates: int, blocks: int, distinct: int) -> int:
    """Write the estates (kept when already there); return the number of data rows."""
    marker = root.parent / f"{root.name}.rows"  # beside the root: a .txt inside would be read
    if marker.is_file():
        return int(marker.read_text())
    shutil.rmtree(root, ignore_errors=True)
    from handbook.load.forms import load_forms

    gen = _generator()
    forms = load_forms(ROOT / "forms")
    rows_per: list[int] = []
    for index in range(min(distinct, estates)):
        folder = _estate_dir(root, index)
        registers = _estate_rows(gen, 1000 + index, blocks)
        for form_id, rows in registers.items():
            gen.write(folder, forms[form_id], rows)
        (folder / "property.yaml").write_text(_property(index), encoding="utf-8")
        rows_per.append(sum(len(r) for r in registers.values()))
    for index in range(distinct, estates):
        source, folder = _estate_dir(root, index % distinct), _estate_dir(root, index)
        for path in source.rglob("*.csv"):
            target = folder / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
        (folder / "property.yaml").write_text(_property(index), encoding="utf-8")
        rows_per.append(rows_per[index % distinct])
    total = sum(rows_per)
    marker.write_text(str(total))
    return total


def _cpu() -> float:
    """CPU seconds of this process and its finished workers (what an idle machine would spend)."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak() -> tuple[int, int]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return own, workers


def run_step(step: str, root: Path, jobs: int, work: Path) -> None:
    """One step in this process; prints {"seconds", "rss", "worker_rss", …} as JSON."""
    from handbook.cli import cli

    started = time.perf_counter()
    extra: dict[str, Any] = {}
    if step == "validate":
        args = ["validate", str(root), "--jobs", str(jobs), "--format", "json"]
        out = work / "validate.json"
    elif step == "report":
        args = ["report", str(root), "--by", "estate", "--format", "json", "--jobs", str(jobs)]
        out = work / "report.json"
    elif step == "export":
        target = work / "registers.duckdb"
        target.unlink(missing_ok=True)
        args = ["export", str(root), "--to", str(target)]
        out = work / "export.txt"
    else:
        _comparison(work / "registers.duckdb", extra)
        args, out = [], work / "comparison.txt"
    if args:
        import contextlib
        import io

        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
            cli.main(args, standalone_mode=False)
        out.write_text(buffer.getvalue(), encoding="utf-8")
    seconds = time.perf_counter() - started
    own, workers = _peak()
    print(
        json.dumps({"seconds": seconds, "cpu": _cpu(), "rss": own, "worker_rss": workers, **extra})
    )


COMPARISON_SQL = """
WITH c AS (SELECT estate, count(*) FILTER (WHERE substantiated = 'yes') AS substantiated,
                  count(*) FILTER (WHERE closed_at IS NOT NULL) AS closed,
                  count(*) FILTER (WHERE closed_at IS NOT NULL AND followup_at IS NOT NULL) AS followed
           FROM complaint_register GROUP BY estate),
     v AS (SELECT estate, count(*) AS visits FROM visit_record
           WHERE visitor_role = 'property_officer' GROUP BY estate),
     rows AS (SELECT e.estate, c.substantiated, e.households, c.followed, c.closed, v.visits,
                     e.property_officers
              FROM estates e LEFT JOIN c USING (estate) LEFT JOIN v USING (estate))
SELECT coalesce(estate, 'GROUP') AS estate,
       sum(substantiated) / sum(households) AS complaint_rate_per_household,
       sum(followed) / sum(closed) AS complaint_followup_rate,
       sum(visits) / sum(property_officers) AS visits_per_officer
FROM rows GROUP BY ROLLUP (estate) ORDER BY estate NULLS LAST
"""


def _comparison(database: Path, extra: dict[str, Any]) -> None:
    """The comparison table (estates × indicators plus the group line: sums over sums) in SQL."""
    import duckdb

    con = duckdb.connect(str(database), read_only=True)
    found = con.execute(COMPARISON_SQL).fetchall()
    extra["rows"] = len(found)
    extra["group"] = [None if v is None else round(float(v), 4) for v in found[-1][1:]]
    con.close()


def _measure(step: str, root: Path, jobs: int, work: Path) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--step",
        step,
        "--root",
        str(root),
        "--jobs",
        str(jobs),
        "--work",
        str(work),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--estates", type=int, default=300)
    parser.add_argument("--blocks", type=int, default=6)
    parser.add_argument("--distinct", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--step", choices=["validate", "report", "export", "comparison"])
    parser.add_argument("--root", type=Path)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    if args.step:
        run_step(args.step, args.root, args.jobs, args.work)
        return 0
    root = OUT / f"estates-{args.estates}x{args.blocks}"
    work = OUT / f"estates-work-{args.estates}x{args.blocks}"
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows = generate(root, args.estates, args.blocks, args.distinct)
    print(
        f"{args.estates} estates, {rows:,} rows ({rows / args.estates:,.0f} per estate), "
        f"{min(args.distinct, args.estates)} generated, the rest hard-linked; set-up {time.perf_counter() - started:.0f} s"
    )
    mb = 1 << 20
    v = _measure("validate", root, args.jobs, work)
    print(
        f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall times include waiting "
        f"for other processes; CPU seconds ÷ {args.jobs} is the wall time on an idle machine"
    )
    print(
        f"validate --jobs {args.jobs}: {v['seconds']:.1f} s ({v['cpu']:.1f} CPU s), "
        f"{rows / v['seconds']:,.0f} rows/s ({rows * args.jobs / v['cpu']:,.0f} rows/s idle), "
        f"peak {v['rss'] / mb:.0f} MB (+ largest worker {v['worker_rss'] / mb:.0f} MB)"
    )
    r = _measure("report", root, args.jobs, work)
    peak = r["rss"] + args.jobs * r["worker_rss"]
    print(
        f"group report --by estate --jobs {args.jobs}: {r['seconds']:.1f} s ({r['cpu']:.1f} CPU s) "
        f"({r['seconds'] / GOAL_SECONDS:.2f} of the 60 s goal), peak {r['rss'] / mb:.0f} MB + "
        f"{args.jobs} × {r['worker_rss'] / mb:.0f} MB workers ≤ {peak / mb:.0f} MB "
        f"({peak / GOAL_BYTES:.2f} of the 1 GB goal)"
    )
    e = _measure("export", root, args.jobs, work)
    print(
        f"export to DuckDB: {e['seconds']:.1f} s ({e['cpu']:.1f} CPU s, one process), "
        f"{rows / e['seconds']:,.0f} rows/s, peak {e['rss'] / mb:.0f} MB"
    )
    c = _measure("comparison", root, args.jobs, work)
    print(f"DuckDB comparison table ({c['rows']} lines, group {c['group']}): {c['seconds']:.2f} s")
    if args.estates != 300:
        factor = 300 / args.estates
        print(
            f"extrapolated to 300 estates (linear, {factor:.1f}×), on an idle machine: report "
            f"{r['cpu'] * factor / args.jobs:.0f} s, validate {v['cpu'] * factor / args.jobs:.0f} s, "
            f"export {e['cpu'] * factor:.0f} s; memory per process does not grow with the estates"
        )
    else:
        print(f"on an idle machine: report {r['cpu'] / args.jobs:.0f} s (goal 60 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
