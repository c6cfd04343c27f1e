"""Browser test fixtures: the site built with its PDFs, served on 127.0.0.1, and Debian's Chromium.

Every page a test opens records its network requests; after the test, any
request that left 127.0.0.1 is an error of that test (``page`` fixture).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browserkit import HOST, WORKER_PROBE, RecordedPage, open_recorded, outside

from handbook.site.chromium import browser_context


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of the site served by a local HTTP server."""
    httpd = ThreadingHTTPServer((HOST, 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://{HOST}:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def context() -> Iterator:
    with browser_context(accept_downloads=True, viewport={"width": 1280, "height": 900}) as ctx:
        ctx.add_init_script(WORKER_PROBE)
        yield ctx


@pytest.fixture
def recorded(context) -> Iterator[RecordedPage]:  # type: ignore[no-untyped-def]
    """A fresh page; after the test, none of its requests may have left 127.0.0.1."""
    rec = open_recorded(context)
    yield rec
    rec.page.close()
    assert outside(rec.requests) == [], "requests left 127.0.0.1"


@pytest.fixture
def page(recorded: RecordedPage):  # type: ignore[no-untyped-def]
    return recorded.page
