"""Debian's Chromium, driven by Playwright, started so it reaches no host of its own.

Used by the PDF build and by the browser tests. Playwright's own browser
download does not work on the machines this runs on: Debian's ``chromium``
package is used instead (``make`` installs it with apt-get).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: Where Debian installs it; ``HANDBOOK_CHROMIUM`` overrides.
DEFAULT_EXECUTABLE = "/usr/bin/chromium"

#: Without these Chromium calls Google's hosts (updates, sync, field trials).
ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


class ChromiumMissing(RuntimeError):
    """No Chromium executable, or Playwright is not installed."""


def executable() -> Path:
    """The Chromium to run: ``$HANDBOOK_CHROMIUM``, ``/usr/bin/chromium`` or ``chromium`` on PATH."""
    candidates = [os.environ.get("HANDBOOK_CHROMIUM"), DEFAULT_EXECUTABLE, shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise ChromiumMissing(
        "Chromium not found: install Debian's package (apt-get install chromium, "
        "or `make browser-deps`) or set HANDBOOK_CHROMIUM to its path"
    )


@contextmanager
def browser_context(**options: Any) -> Iterator[Any]:
    """A Playwright browser context of Debian's Chromium with a fresh, throw-away profile.

    ``options`` go to ``launch_persistent_context`` (viewport, locale,
    accept_downloads, ...).
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # the [pdf] or [test] extra is not installed
        raise ChromiumMissing("Playwright is not installed: pip install -e '.[pdf]'") from exc
    path = executable()
    with (
        tempfile.TemporaryDirectory(prefix="handbook-chromium-") as profile,
        sync_playwright() as p,
    ):
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(path),
            headless=True,
            args=list(ARGS),
            **options,
        )
        try:
            yield context
        finally:
            context.close()
