"""Helpers of the browser tests (kept out of conftest.py so test modules can import them)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: Counts the queries the page sends to Material's search worker and the answers
#: it gets (message types 2 and 3), so a test reads the answer to its own query.
WORKER_PROBE = """
(() => {
  const Native = window.Worker;
  if (!Native) return;
  window.__search = { sent: 0, answered: 0, last: null };
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message, ...rest) => {
      if (message && message.type === 2) { window.__search.sent++; window.__search.last = message.data; }
      return post(message, ...rest);
    };
    worker.addEventListener("message", event => {
      if (event.data && event.data.type === 3) window.__search.answered++;
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();
"""


def outside(urls: list[str]) -> list[str]:
    """The URLs among ``urls`` that a browser fetches from a host other than 127.0.0.1."""
    return [
        u
        for u in urls
        if urlsplit(u).scheme not in ("data", "blob", "about", "chrome-error")
        and urlsplit(u).hostname != HOST
    ]


class RecordedPage:
    """A Playwright page with the URL of every request it made."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))


def open_recorded(context) -> RecordedPage:  # type: ignore[no-untyped-def]
    return RecordedPage(context.new_page())
