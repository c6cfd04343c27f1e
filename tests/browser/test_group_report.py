"""The static report of many estates (``handbook report --by estate --format html``) on a phone.

Opened from a file, as IT would open a CI artifact: nothing else may load, the
page must not scroll sideways at 390 px (the wide table scrolls inside its box),
and the charts' text must stay readable.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.cli import cli

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("project_cwd")]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two estates made from the sample data (different households), reported in zh and en."""
    root = tmp_path_factory.mktemp("group") / "registers"
    shutil.copytree(ROOT / "data", root / "华东" / "示例花园")
    second = root / "乙园"
    shutil.copytree(ROOT / "data", second)
    text = (second / "property.yaml").read_text(encoding="utf-8")
    (second / "property.yaml").write_text(
        text.replace("households: 800", "households: 1200")
        .replace("示例花园", "乙园")
        .replace("Sample Gardens", "Yi Garden"),
        encoding="utf-8",
    )
    out = {}
    for lang in ("zh", "en"):
        folder = root.parent / f"html-{lang}"
        result = CliRunner().invoke(
            cli,
            [
                "report",
                str(root),
                "--by",
                "estate",
                "--format",
                "html",
                "-o",
                str(folder),
                "--lang",
                lang,
            ],
        )
        assert result.exit_code == 0, result.stderr
        out[lang] = folder / "index.html"
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_group_report_reads_on_a_phone_offline(
    context, reports: dict[str, Path], lang: str
) -> None:  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(reports[lang].as_uri())
    page.wait_for_load_state("load")
    assert requests == [reports[lang].as_uri()]  # no font, script or style from anywhere
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    sizes = page.eval_on_selector_all(
        "svg.hb-chart text",
        "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)",
    )
    assert len(sizes) > 20 and min(sizes) >= 10, sorted(sizes)[:3]
    # the comparison table: both estates and the group's line, the estate column on screen
    body = page.inner_text("body")
    group = "集团合计" if lang == "zh" else "Group total"
    assert ("乙园" if lang == "zh" else "Yi Garden") in body and group in body
    first = page.eval_on_selector("table td", "c => c.getBoundingClientRect().right")
    assert first <= 390
    page.close()
