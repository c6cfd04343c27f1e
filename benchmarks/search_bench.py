"""Benchmark: what the first search costs a reader on a phone over a slow connection.

Prints, per language, the bytes a page fetches to search (its index, raw and
gzip, and the worker), then times the first search in Debian's Chromium with
Chrome DevTools Protocol throttling: network (default 1.6 Mbit/s down,
750 kbit/s up, 150 ms latency) and CPU (default 4x slower). Each run is a
fresh browser profile (nothing cached): the page is opened, the query is typed
as soon as the search box is there, and the time to the first rendered result
is measured from navigation start and from the keystroke.

    python benchmarks/search_bench.py [--site DIR] [--runs 3] [--query-zh 漏水回访]

Without ``--site`` the site is built first (``mkdocs build --strict``, no PDFs)
into benchmarks/out/search-site. The local server does not compress, so the
raw bytes are what crosses the throttled link (a real server's gzip would only
make it faster). Goals: first result within 2 s (issue 13), within 1 s of the query (issue 23).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import statistics
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
LANGS = {"zh": "", "en": "en/"}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("HANDBOOK_PDF", None)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def worker_of(site: Path, prefix: str) -> Path:
    """The worker a page of the language starts (named in its ``__config``)."""
    html = (site / prefix / "index.html").read_text(encoding="utf-8")
    config = html.split('<script id="__config" type="application/json">', 1)[1]
    return (site / prefix / json.loads(config.split("</script>", 1)[0])["search"]).resolve()


def sizes(site: Path) -> dict[str, dict[str, int]]:
    out = {}
    for lang, prefix in LANGS.items():
        index = (site / prefix / "search" / "search_index.json").read_bytes()
        worker = worker_of(site, prefix).read_bytes()
        out[lang] = {
            "index": len(index),
            "index_gzip": len(gzip.compress(index, 9)),
            "worker": len(worker),
            "worker_gzip": len(gzip.compress(worker, 9)),
        }
    return out


# Time from navigation start to the first result, and from the keystroke, in the page's clock.
_WATCH = """
() => new Promise(resolve => {
  const box = document.querySelector("input.md-search__input")
  const list = document.querySelector(".md-search-result__list")
  const done = () => {
    if (list.querySelector(".md-search-result__item")) {
      resolve({ result: performance.now(), typed: window.__typed })
      return true
    }
    return false
  }
  if (!done()) new MutationObserver((_, obs) => { if (done()) obs.disconnect() })
    .observe(list, { childList: true, subtree: true })
})
"""


def first_search(
    url: str, query: str, down_kbps: float, up_kbps: float, latency: float, cpu: float
) -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "src"))
    from handbook.site.chromium import browser_context

    with browser_context(viewport={"width": 390, "height": 844}) as context:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": latency,
                "downloadThroughput": down_kbps * 1000 / 8,
                "uploadThroughput": up_kbps * 1000 / 8,
            },
        )
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
        page.goto(url, wait_until="domcontentloaded", timeout=120_000)
        box = page.locator("input.md-search__input")
        box.wait_for(state="attached", timeout=120_000)
        # the watcher's promise is kept in the page (evaluate would wait for it)
        page.evaluate(
            f"() => {{ window.__first = ({_WATCH})(); window.__typed = performance.now() }}"
        )
        box.fill(query)
        box.press("End")
        times = page.evaluate("() => window.__first")
        return {
            "from_navigation_ms": times["result"],
            "from_query_ms": times["result"] - times["typed"],
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query-zh", default="漏水回访")
    parser.add_argument("--query-en", default="repair follow-up")
    parser.add_argument("--down-kbps", type=float, default=1600)
    parser.add_argument("--up-kbps", type=float, default=750)
    parser.add_argument("--latency-ms", type=float, default=150)
    parser.add_argument("--cpu", type=float, default=4)
    args = parser.parse_args(argv)

    site = args.site
    if site is None:
        site = OUT / "search-site"
        print(f"building the site into {site} ...", file=sys.stderr)
        build(site)

    print("Bytes a page fetches to search (index per language; worker):")
    for lang, s in sizes(site).items():
        print(
            f"  {lang}: index {s['index'] / 1024:7.1f} KB ({s['index_gzip'] / 1024:5.1f} KB gzip)"
            f"   worker {s['worker'] / 1024:5.1f} KB ({s['worker_gzip'] / 1024:4.1f} KB gzip)"
        )

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    print(
        f"First search, cold cache, {args.down_kbps:g} kbit/s down, {args.up_kbps:g} kbit/s up, "
        f"{args.latency_ms:g} ms latency, CPU {args.cpu:g}x slower ({args.runs} runs, median):"
    )
    try:
        for lang, prefix in LANGS.items():
            query = args.query_zh if lang == "zh" else args.query_en
            runs = [
                first_search(
                    base + prefix, query, args.down_kbps, args.up_kbps, args.latency_ms, args.cpu
                )
                for _ in range(args.runs)
            ]
            nav = statistics.median(r["from_navigation_ms"] for r in runs)
            typed = statistics.median(r["from_query_ms"] for r in runs)
            print(
                f"  {lang} {query!r}: first result {nav / 1000:.2f} s after navigation start, "
                f"{typed / 1000:.2f} s after the query was typed"
            )
    finally:
        httpd.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
