"""The checker page's Due section in Chromium: the items of ``handbook due --as-of`` for the device's date."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import ROOT
from checkerkit import Traffic, drop_and_wait, serve, wait_ready
from click.testing import CliRunner

from handbook.cli import cli

sys.path.insert(0, str(ROOT / "tests"))
from test_due import _opened_complaints  # noqa: E402 - the same file as the Python test

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_due_section_shows_the_commands_items(
    context, origin: str, project_cwd: Path, tmp_path: Path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    traffic = Traffic(context, origin)
    page = context.new_page()
    try:
        page.goto(f"{origin}/checker/" if lang == "zh" else f"{origin}/en/checker/")
        wait_ready(page)
        data = _opened_complaints()
        drop_and_wait(page, "complaint_register.csv", data)
        section = page.locator(".hb-checker__due")
        as_of = section.get_attribute("data-as-of") or ""
        shown = page.eval_on_selector_all(
            ".hb-due__item",
            """items => items.map(li => ({
                key: li.dataset.key, cell: li.dataset.cell,
                state: li.className.replace(/.*hb-due__item--/, ''),
                state_text: li.querySelector('.hb-due__state').textContent,
                due_text: li.querySelector('.hb-due__when').textContent,
                what: li.querySelector('.hb-due__what').textContent }))""",
        )
        path = tmp_path / "complaint_register.csv"
        path.write_bytes(data)
        result = CliRunner().invoke(
            cli, ["due", str(path), "--as-of", as_of[:10], "--format", "json", "--lang", lang]
        )
        assert result.exit_code == 0, result.output
        command = json.loads(result.stdout)
        assert command["as_of"] == as_of
        fields = ("key", "cell", "state", "state_text", "due_text", "what")
        assert shown == [{k: i[k] or "" for k in fields} for i in command["items"]]
        assert len(shown) == 9
        assert traffic.problems() == []
    finally:
        context.unroute("**/*", traffic.route)
        page.close()
