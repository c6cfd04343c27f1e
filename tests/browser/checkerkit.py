"""Helpers of the checker page's browser tests and benchmark: a server with real headers, drops, reading the result."""

from __future__ import annotations

import base64
import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from browserkit import HOST

#: What the README asks of an intranet server, and enough for the page (issue 12).
CSP = "script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"
ROOT_SELECTOR = "#hb-checker"


class CheckerHandler(SimpleHTTPRequestHandler):
    """Serves the site as the README says: .wasm as application/wasm, CSP, revalidated caching."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of ``site`` served with the checker's headers."""
    httpd = ThreadingHTTPServer((HOST, 0), functools.partial(CheckerHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class Traffic:
    """Every request of a browser context (pages and their workers), blocking any that leaves the origin."""

    def __init__(self, context, origin: str) -> None:  # type: ignore[no-untyped-def]
        self.origin = urlsplit(origin).netloc
        self.requests: list[tuple[str, str, bool]] = []  # method, url, sent a body
        self.blocked: list[str] = []
        context.route("**/*", self.route)

    def route(self, route, request) -> None:  # type: ignore[no-untyped-def]
        parts = urlsplit(request.url)
        self.requests.append((request.method, request.url, bool(request.post_data_buffer)))
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.origin:
            self.blocked.append(request.url)
            route.abort()
        else:
            route.continue_()

    def problems(self) -> list[str]:
        """Requests that left the origin, sent data, or were not plain reads."""
        sent = [f"{m} {u}" for m, u, body in self.requests if body or m not in ("GET", "HEAD")]
        return self.blocked + sent


def wait_ready(page, timeout: float = 120_000) -> None:  # type: ignore[no-untyped-def]
    # predicates are functions, not strings: the CSP (no 'unsafe-eval') refuses a string
    page.wait_for_function(
        f"() => document.querySelector('{ROOT_SELECTOR}').dataset.stage === 'ready'",
        timeout=timeout,
    )


def checked(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.eval_on_selector(ROOT_SELECTOR, "e => e.dataset.checked || '0'"))


def drop(page, name: str, data: bytes) -> None:  # type: ignore[no-untyped-def]
    """Drop a file named ``name`` on the drop zone, as a person dragging it from the desktop does."""
    page.evaluate(
        """([name, b64]) => {
          const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], name));
          const zone = document.querySelector('.hb-checker__drop');
          for (const type of ['dragenter', 'dragover', 'drop'])
            zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }""",
        [name, base64.b64encode(data).decode()],
    )


def drop_and_wait(page, name: str, data: bytes, timeout: float = 120_000) -> None:  # type: ignore[no-untyped-def]
    before = checked(page)
    drop(page, name, data)
    page.wait_for_function(
        f"() => document.querySelector('{ROOT_SELECTOR}').dataset.checked === '{before + 1}'",
        timeout=timeout,
    )


def shown_problems(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """The problems as the page shows them, in order."""
    return page.eval_on_selector_all(
        ".hb-checker__problems > li",
        """items => items.map(li => ({
          code: li.dataset.code,
          severity: li.classList.contains('hb-problem--error') ? 'error' : 'warning',
          where: li.querySelector('.hb-problem__cell').textContent,
          value: (li.querySelector('.hb-problem__value code') || {}).textContent ?? null,
          message: li.querySelector('.hb-problem__message').textContent,
          link: (li.querySelector('a.hb-problem__article') || {}).href ?? null,
        }))""",
    )
