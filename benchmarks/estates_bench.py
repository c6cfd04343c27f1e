"""Benchmark: a group of many estates — validation, the group report, the export, DuckDB's comparison.

Generates ``--estates`` estates (default 300) of about ``--blocks`` × 1 600 rows each
(default 6 → about 10 000 rows, 3 million in all) in ten regions, each estate with a
different ``property.yaml`` (households and officers). The registers are made by the
sample-data generator (``scripts/make_sample_data.py``, seeded); to keep the set-up
short, ``--distinct`` estates (default 20) are generated and the others hard-link
their files, each with its own property.yaml — the commands read every file of
every estate all the same. The set is kept in ``benchmarks/out/`` and reused.

Each step runs in its own process; its peak memory is the resident memory of that
process and all its workers summed, sampled every 0.25 s from /proc:

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
PAGE = os.sysconf("SC_PAGE_SIZE")
#: before this round of work (issue 21, measured with --estates 30 on 2 cores, CPU seconds):
#: validation 25 476 rows/s, export 14 100 rows/s, the group report 16.8 CPU s per 277 721 rows
BASELINE_VALIDATE, BASELINE_EXPORT, BASELINE_REPORT_CPU_PER_ROW = 25_476.0, 14_100.0, 16.8 / 277_721


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


def _peak() -> tuple[int, int]:  # the step's own and its largest worker's (the tree: _tree_rss)
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


def _tree_rss(root: int) -> int:
    """Resident memory of ``root`` and every process below it, summed (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        rss[int(entry.name)] = int(fields[21]) * PAGE
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


def _measure(step: str, root: Path, jobs: int, work: Path) -> dict[str, Any]:
    """Run one step in its own process; sample the summed memory of its process tree."""
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
    peak = 0
    log = (work / f"{step}.stderr.txt").open("w", encoding="utf-8")  # the command's own lines
    with (
        log,
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=log, text=True, cwd=ROOT
        ) as process,
    ):
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.25)
        out = process.stdout.read() if process.stdout else ""
    if process.returncode:
        raise SystemExit(f"step {step} failed ({process.returncode})")
    return {**json.loads(out.strip().splitlines()[-1]), "tree_rss": peak}


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
    idle_rate = rows * args.jobs / v["cpu"]
    print(
        f"validate --jobs {args.jobs}: {v['seconds']:.1f} s ({v['cpu']:.1f} CPU s), "
        f"{rows / v['seconds']:,.0f} rows/s ({idle_rate:,.0f} rows/s idle, "
        f"{idle_rate / BASELINE_VALIDATE:.2f} × the baseline), peak {v['tree_rss'] / mb:.0f} MB (all processes)"
    )
    r = _measure("report", root, args.jobs, work)
    idle = r["cpu"] / args.jobs
    print(
        f"group report --by estate --jobs {args.jobs}: {r['seconds']:.1f} s wall, {r['cpu']:.1f} CPU s "
        f"→ {idle:.1f} s on an idle machine ({idle / GOAL_SECONDS:.2f} of the 60 s goal; "
        f"{r['cpu'] / rows / BASELINE_REPORT_CPU_PER_ROW:.2f} × the baseline's CPU per row); peak "
        f"{r['tree_rss'] / mb:.0f} MB summed over the main process and its workers, sampled every 0.25 s "
        f"({r['tree_rss'] / GOAL_BYTES:.2f} of the 1 GB goal)"
    )
    e = _measure("export", root, args.jobs, work)
    export_rate = rows / e["cpu"]
    print(
        f"export to DuckDB: {e['seconds']:.1f} s ({e['cpu']:.1f} CPU s, one process), "
        f"{export_rate:,.0f} rows per CPU s ({export_rate / BASELINE_EXPORT:.2f} × the baseline), "
        f"peak {e['tree_rss'] / mb:.0f} MB"
    )
    c = _measure("comparison", root, args.jobs, work)
    print(
        f"DuckDB comparison table ({c['rows']} lines, group {c['group']}): {c['seconds']:.2f} s "
        f"({c['seconds'] / idle:.3f} of the group report's time, {c['seconds'] / GOAL_SECONDS:.3f} of the 60 s goal)"
    )
    if args.estates != 300:
        factor = 300 / args.estates
        print(
            f"extrapolated to 300 estates (linear, {factor:.1f}×), on an idle machine: report "
            f"{r['cpu'] * factor / args.jobs:.0f} s, validate {v['cpu'] * factor / args.jobs:.0f} s, "
            f"export {e['cpu'] * factor:.0f} s; memory per worker does not grow with the estates"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
