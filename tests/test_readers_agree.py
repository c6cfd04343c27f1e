"""One file, one verdict: every fixture and every generated file, read by every reader path.

The command reads workbooks with calamine and falls back to the pure-Python
reader of the type; the checker page has only the pure-Python readers. The
problems (row, cell, code, severity, value) must be the same whichever path
reads a file; a difference the test expects is named in ``CALAMINE_CANNOT``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from register_writers import (
    in_blank_layout,
    pretty_printed,
    reader,
    verdict,
    write_blank,
    write_csv,
    write_odfpy,
    write_openpyxl,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
FORMS = load_forms(ROOT / "forms")
POLICY = load_policy(ROOT / "policy.yaml")

#: big_50000.xlsx is the benchmark's size, not a different kind of file: openpyxl takes
#: half a minute over it, so it is left to benchmarks/readers_bench.py.
SLOW = {"big_50000.xlsx"}
FIXTURES = sorted(
    p
    for folder in ("office", "registers")
    for p in (DATA / folder).iterdir()
    if p.suffix != ".md" and p.name not in SLOW
)
#: Files calamine alone cannot read (the command falls back; the test checks that it does).
CALAMINE_CANNOT = {"pretty.ods": "an indented content.xml: calamine stops at its white space"}


def _all_paths_agree(path: Path, form_id: str | None = None) -> object:
    verdicts = {}
    for name in ("command", "calamine", "pure"):
        with reader(name):
            verdicts[name] = verdict(path, FORMS, POLICY, form_id)
    assert verdicts["command"] == verdicts["pure"], path.name
    if path.name in CALAMINE_CANNOT:
        assert verdicts["calamine"] == ("fatal", "workbook-damaged"), CALAMINE_CANNOT[path.name]
    else:
        assert verdicts["calamine"] == verdicts["pure"], path.name
    return verdicts["command"]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_reads_the_same_by_every_reader(path: Path) -> None:
    _all_paths_agree(path)


HEADER = [
    "派工单号",
    "维修项目",
    "维修类别",
    "完工日期",
    "回访日期",
    "被回访人签名",
    "整改通知时间",
]
ROWS = [
    # a code typed as 1-1-2001 that the spreadsheet turned into a date; a date alone in a
    # date-time column; a leading zero kept as text; a yes/no cell; a number in a text column
    [dt.date(2001, 1, 1), "门锁", "门窗", dt.date(2026, 2, 2), dt.date(2026, 2, 3), True, None],
    ["PG-0002", "水管", "漏水/渗漏", dt.date(2026, 2, 2), "2026/2/3", "否", dt.date(2026, 2, 9)],
    ["0003", 12345, "电路", "2026年2月2日", dt.date(2026, 2, 3), None, "2026/02/09"],
    ["PG-0004", "灯", "电路", dt.date(2026, 2, 2), dt.date(2026, 2, 3), False, None],
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("written")
    form = FORMS["repair_followup"]
    files = {
        "csv": write_csv(out / "rows.csv", HEADER, ROWS),
        "openpyxl": write_openpyxl(out / "rows.xlsx", HEADER, ROWS),
        "blank": write_blank(out / "blank.xlsx", form, HEADER, ROWS),
        "odfpy": write_odfpy(out / "rows.ods", HEADER, ROWS),
    }
    files["pretty"] = pretty_printed(files["odfpy"], out / "pretty.ods")
    files["blank.csv"] = write_csv(out / "blank.csv", *in_blank_layout(form, HEADER, ROWS))
    return files


@pytest.mark.parametrize("writer", ["openpyxl", "blank", "odfpy", "pretty"])
def test_generated_workbooks_read_the_same_by_every_reader_as_their_csv(
    generated: dict[str, Path], writer: str
) -> None:
    got = _all_paths_agree(generated[writer], "repair_followup")
    csv = generated["blank.csv" if writer == "blank" else "csv"]
    expected = verdict(csv, FORMS, POLICY, "repair_followup")
    # the CSV holds the date as text: only the workbook knows that the cell became a date
    date_in_text = [p for p in got if p[2] == "date-in-text"]  # type: ignore[union-attr]
    assert [p[0] for p in date_in_text] == [2] and date_in_text[0][1].startswith("A")
    assert [p for p in got if p[2] != "date-in-text"] == expected  # type: ignore[union-attr]
