"""A unique number twice in one estate's register, across its files, is a problem naming both places.

Estates, files and complaint numbers are generated with many collisions; the
problems ``handbook validate`` gives (with one process or two) are compared with
a plain oracle: a row repeats a number an earlier file of the same estate holds.
The same number in two estates is no problem, and a repeat within one file is
the ``unique`` problem already.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.cli import cli

pytestmark = pytest.mark.usefixtures("project_cwd")

#: where the English message names the first place: "… is already in FILE, row N."
FIRST = re.compile(r"is already in (.+), row (\d+)\.")
HEAD = "投诉编号,受理时间,投诉类别,是否有效投诉\n"

#: estates → files → complaint numbers (serials from a small pool, so they collide)
estates = st.lists(
    st.lists(st.lists(st.integers(1, 6), min_size=1, max_size=5), min_size=1, max_size=3),
    min_size=1,
    max_size=3,
)


def _write(root: Path, layout: list[list[list[int]]]) -> dict[str, list[list[int]]]:
    files: dict[str, list[list[int]]] = {}
    for e, estate in enumerate(layout):
        folder = root / f"estate-{e}"
        (folder / "complaint_register").mkdir(parents=True)
        (folder / "property.yaml").write_text(
            f"name: {{zh: 项目{e}, en: Estate {e}}}\nhouseholds: 500\n", encoding="utf-8"
        )
        for f, numbers in enumerate(estate):
            lines = [
                f"TS-2026-{n:04d},2026-03-0{1 + i % 9} 10:00,停车,是" for i, n in enumerate(numbers)
            ]
            (folder / "complaint_register" / f"2026-0{f + 1}.csv").write_text(
                HEAD + "\n".join(lines) + "\n", encoding="utf-8"
            )
        files[str(folder)] = estate
    return files


def _oracle(root: Path, layout: list[list[list[int]]]) -> set[tuple[str, int, str, str, int]]:
    """(file, row, number, first file, first row) for each row repeating an earlier file's number."""
    found = set()
    for e, estate in enumerate(layout):
        first: dict[int, tuple[str, int]] = {}
        for f, numbers in enumerate(estate):
            name = str(root / f"estate-{e}" / "complaint_register" / f"2026-0{f + 1}.csv")
            for i, n in enumerate(numbers):
                row = i + 2  # the header is row 1
                earlier = first.setdefault(n, (name, row))
                if earlier[0] != name:
                    found.add((name, row, f"TS-2026-{n:04d}", *earlier))
    return found


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(estates)
def test_repeats_across_an_estates_files_match_the_oracle(layout: list[list[list[int]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:  # hypothesis runs many examples per test
        root = Path(tmp) / "registers"
        _write(root, layout)
        expected = _oracle(root, layout)
        for jobs in ("1", "2"):
            result = CliRunner().invoke(
                cli, ["validate", str(root), "--format", "json", "--jobs", jobs, "--lang", "en"]
            )
            assert result.exit_code in (0, 1), result.output[-2000:]
            problems = json.loads(result.stdout)["problems"]
            found = set()
            for p in problems:
                if p["code"] == "unique-across-files":
                    first = FIRST.search(p["message"])
                    assert first, p["message"]
                    found.add((p["file"], p["row"], p["value"], first[1], int(first[2])))
            assert found == expected, jobs


def test_one_folder_without_estates_is_one_register(tmp_path: Path) -> None:
    """``handbook validate`` on a plain folder of monthly files: the files are one register."""
    folder = tmp_path / "complaint_register"
    folder.mkdir()
    (folder / "2026-01.csv").write_text(
        HEAD + "TS-2026-0001,2026-01-05 10:00,停车,是\n", encoding="utf-8"
    )
    (folder / "2026-02.csv").write_text(
        HEAD + "TS-2026-0002,2026-02-05 10:00,停车,是\nTS-2026-0001,2026-02-06 10:00,停车,是\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["validate", str(tmp_path), "--format", "json", "--lang", "zh"]
    )
    assert result.exit_code == 1
    found = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "unique-across-files"]
    assert [(Path(p["file"]).name, p["row"]) for p in found] == [("2026-02.csv", 3)]
    assert "2026-01.csv" in found[0]["message"] and "第 2 行" in found[0]["message"]
