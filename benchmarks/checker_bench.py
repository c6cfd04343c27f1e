"""Benchmark: the checker page in Debian's Chromium, served as the README asks of an intranet server.

Prints, for the page (repair follow-up register, generated rows):

- the time to ready (the checker started) on a first visit (cold cache, fresh profile) and on a
  second visit (same profile);
- the time to the first result for 1 000 and 10 000 rows, CSV and XLSX (from the drop to the
  result shown), and for a 1 000-row workbook from opening the page, cold and warm;
- the bytes the server sent on the first and on the second visit;
- the fill-in page of the same register (issue 24), with a fresh profile: the bytes of the form's
  own page (it loads no worker), the fill-in page's bytes and time to ready on a first and a
  second visit, and the time from typing a row to its problems shown.

    python benchmarks/checker_bench.py [--site site/] [--no-build] [--json]

Goal (issue 12), on the 2-core machine: a 1 000-row workbook's first result within 6 s of opening
the page with a cold cache, within 4 s with a warm one.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "tests")]

from checkerkit import CheckerHandler, drop_and_wait, wait_ready  # noqa: E402

from checker_files import csv_bytes, repair_rows, xlsx_bytes  # noqa: E402
from handbook.site.chromium import browser_context  # noqa: E402

COLD_GOAL = 6.0
WARM_GOAL = 4.0


class _Counter:
    """Bytes the server wrote (headers and bodies), what the browser had to transfer."""

    def __init__(self) -> None:
        self.bytes = 0
        self.lock = threading.Lock()

    def add(self, n: int) -> None:
        with self.lock:
            self.bytes += n


class _CountingWriter:
    def __init__(self, raw, counter: _Counter) -> None:  # type: ignore[no-untyped-def]
        self.raw = raw
        self.counter = counter

    def write(self, data: bytes) -> int:
        self.counter.add(len(data))
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.raw, name)


def _handler(counter: _Counter):  # type: ignore[no-untyped-def]
    class Counting(CheckerHandler):
        def setup(self) -> None:
            super().setup()
            self.wfile = _CountingWriter(self.wfile, counter)  # type: ignore[assignment]

    return Counting


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def files() -> dict[str, tuple[str, bytes]]:
    out = {}
    for n in (1_000, 10_000):
        rows = repair_rows(n)
        out[f"csv {n}"] = (f"维修回访记录_{n}.csv", csv_bytes(rows))
        out[f"xlsx {n}"] = (f"维修回访记录_{n}.xlsx", xlsx_bytes(rows))
    return out


def visit(context, url: str, counter: _Counter, name: str, data: bytes) -> dict:  # type: ignore[no-untyped-def]
    """Open the page, wait for ready, drop ``data``: seconds from opening, and bytes sent."""
    sent = counter.bytes
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    wait_ready(page)
    ready = time.perf_counter() - start
    stages = json.loads(page.eval_on_selector("#hb-checker", "e => e.dataset.timings"))
    drop_and_wait(page, name, data)
    first = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    return {
        "page": page,
        "ready_s": ready,
        "first_result_s": first,
        "bytes": counter.bytes - sent,
        "stages_ms": stages,
    }


FILL_ROW = {
    "work_order_no": "PG-2026-0001",
    "repair_item": "厨房水管漏水",
    "repair_class": "other",
    "completed_on": "2026-03-02",
    "followup_on": "2026-03-20",
}


def _fill_visit(context, url: str, counter: _Counter) -> dict:  # type: ignore[no-untyped-def]
    """Open the fill-in page, wait for its worker, type a late follow-up: seconds and bytes."""
    sent = counter.bytes
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(
        "() => document.querySelector('#hb-fill').dataset.stage === 'ready'", timeout=300_000
    )
    ready = time.perf_counter() - start
    typed = time.perf_counter()
    for name, value in FILL_ROW.items():
        selector = f'[name="{name}"]'
        if page.eval_on_selector(selector, "e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.wait_for_selector("#hb-fill-followup_on-problems > li", timeout=300_000)
    shown = time.perf_counter() - typed
    page.wait_for_load_state("networkidle")
    page.close()
    return {"ready_s": ready, "typed_to_problem_s": shown, "bytes": counter.bytes - sent}


def fill_figures(origin: str, counter: _Counter) -> dict:
    """The fill-in page's weight and speed, with a fresh profile (issue 24)."""
    with browser_context(viewport={"width": 390, "height": 844}) as context:
        sent = counter.bytes
        page = context.new_page()
        page.goto(f"{origin}/forms/repair_followup/")
        page.wait_for_load_state("networkidle")
        page.close()
        form_page = counter.bytes - sent
        url = f"{origin}/forms/repair_followup/fill/"
        first = _fill_visit(context, url, counter)
        second = _fill_visit(context, url, counter)
    return {"form_page_bytes": form_page, "first_visit": first, "second_visit": second}


def print_fill(figures: dict) -> None:
    print(
        f"fill-in page: the form's own page {figures['form_page_bytes'] / 1e6:.2f} MB "
        "(no worker until the fill-in page is opened)"
    )
    for label in ("first_visit", "second_visit"):
        visit = figures[label]
        print(
            f"  {label.replace('_', ' ')}: ready {visit['ready_s']:.2f} s, "
            f"{visit['bytes'] / 1e6:.2f} MB ({visit['bytes']:,} bytes) transferred, "
            f"a typed row's problems shown {visit['typed_to_problem_s']:.2f} s after typing"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=OUT / "site")
    parser.add_argument("--no-build", action="store_true", help="use --site as it is")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    if not args.no_build:
        build(args.site)
    counter = _Counter()
    httpd = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_handler(counter), directory=str(args.site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/checker/"
    inputs = files()
    results: dict = {"load_average": os.getloadavg()[0], "cpus": os.cpu_count()}
    try:
        with browser_context(viewport={"width": 1280, "height": 900}) as context:
            cold = visit(context, url, counter, *inputs["xlsx 1000"])
            page = cold.pop("page")
            checks = {}
            for label, (name, data) in inputs.items():
                start = time.perf_counter()
                drop_and_wait(page, name, data, timeout=300_000)
                checks[label] = time.perf_counter() - start
            page.close()
            warm = visit(context, url, counter, *inputs["xlsx 1000"])
            warm.pop("page").close()
        fill = fill_figures(f"http://127.0.0.1:{httpd.server_address[1]}", counter)
    finally:
        httpd.shutdown()
    results.update({"first_visit": cold, "second_visit": warm, "check_s": checks, "fill": fill})
    print(f"load average {results['load_average']:.1f} on {results['cpus']} CPUs")
    for label, figures, goal in (
        ("first visit ", cold, COLD_GOAL),
        ("second visit", warm, WARM_GOAL),
    ):
        verdict = "meets" if figures["first_result_s"] <= goal else "misses"
        print(
            f"{label}: ready {figures['ready_s']:.2f} s, 1 000-row workbook shown "
            f"{figures['first_result_s']:.2f} s after opening ({verdict} the {goal:.0f} s goal), "
            f"{figures['bytes'] / 1e6:.2f} MB ({figures['bytes']:,} bytes) transferred"
        )
        print(f"  stages began (ms after opening): {figures['stages_ms']}")
    for label, seconds in checks.items():
        print(f"check {label:>10} rows: {seconds:.2f} s from the drop to the result")
    print_fill(fill)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
