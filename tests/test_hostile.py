"""Hostile and careless input: nothing runs, nothing is overwritten, nothing exhausts the machine.

Each class of input is generated (``hostile_files``): formulas in text, amplified
shared strings, zip bombs, control characters, links and same-named inputs. The
resource classes run the real command in a subprocess under an address-space
limit set here, so running out of memory would show as a crash, not pass.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from checker_files import csv_bytes, repair_rows, xlsx_bytes
from handbook.blanks import WRITERS, writer
from handbook.blanks.formulas import csv_text, ooxml_text, starts_like_formula
from handbook.cli import cli
from handbook.load.forms import load_forms
from handbook.registers import limits
from handbook.registers.workbooks import workbook_rows
from hostile_files import (
    CONTROLS,
    FORMULAS,
    amplified_shared_string,
    control_csv,
    control_xlsx,
    deeply_nested,
    formula_csv,
    ods_bomb,
    spaces_bomb,
    wide_workbook,
    with_column_values,
)

ROOT = Path(__file__).resolve().parents[1]
#: The command's goal for any input up to 10 MB (issue 19): this much address space, this long.
MEMORY_LIMIT = 1024 * 1024 * 1024  # address space, not resident memory: 2× the 500 MB goal
TIME_LIMIT = 60


def run_limited(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``handbook ARGS`` in a subprocess that cannot map more than MEMORY_LIMIT."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(
        [sys.executable, "-m", "handbook", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT * 3,  # the machine is shared; the figure is printed, not asserted
        preexec_fn=limit,  # noqa: PLW1509 - the test's own limit, no threads here
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )


def formula_cells(path: Path) -> list[str]:
    book = load_workbook(path)
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


# --- 1. no formula out of text -------------------------------------------------------------


def test_formulas_in_a_csv_come_back_as_text(tmp_path: Path) -> None:
    source = tmp_path / "维修回访.csv"
    source.write_bytes(formula_csv())
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(cli, ["validate", str(source), "--annotate", str(out)])
    assert result.exit_code == 0, result.output
    assert formula_cells(out) == []
    book = load_workbook(out)
    register = book.worksheets[1]
    remarks = [c.value for c in register["R"][1:]]
    assert remarks[:4] == FORMULAS[:4]  # the text itself, kept exactly
    assert all(c.quotePrefix for c in register["R"][1:5])  # editing keeps it text
    titles = [c.value for c in book.worksheets[0]["C"]]  # the column a problem names
    assert '=HYPERLINK("http://example.invalid","x")' in titles


def test_a_formula_the_workbook_had_stays_and_text_stays_text(tmp_path: Path) -> None:
    table: list[list[object]] = [list(r) for r in with_column_values(["=1+1"], rows=3)]
    table[1][table[0].index("备注")] = "=SUM(1,2)"
    source = tmp_path / "repair_followup.xlsx"
    source.write_bytes(xlsx_bytes(table))
    # written by openpyxl: "=SUM(1,2)" is a formula of the person's own, "=1+1" too; make one text
    book = load_workbook(source)
    sheet = book.worksheets[0]
    column = table[0].index("备注") + 1
    sheet.cell(3, column).data_type = "s"
    book.save(source)
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(cli, ["validate", str(source), "--annotate", str(out)])
    assert result.exit_code in (0, 1), result.output
    register = load_workbook(out).worksheets[1]
    assert register.cell(2, column).data_type == "f"  # the person's formula
    assert register.cell(3, column).data_type == "s"  # the person's text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["=", "+", "-", "@", "\t", "\r"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
)
def test_any_text_starting_like_a_formula_is_written_as_text(first: str, rest: str) -> None:
    from openpyxl import Workbook

    text = first + rest
    # CSV: an apostrophe unless a plain number
    assert csv_text(text).startswith("'") or not starts_like_formula(text)
    # a workbook: a string cell, read back as the same text
    book = Workbook()
    from handbook.blanks.formulas import set_text

    cell = set_text(book.active.cell(1, 1), text)
    assert cell.data_type == "s"
    assert cell.value == ooxml_text(text)


def test_blank_downloads_and_the_report_csv_hold_no_formula(tmp_path: Path) -> None:
    forms = load_forms(ROOT / "forms")
    form = next(iter(forms.values()))
    for kind in WRITERS:
        data = writer(kind)(form, "zh")
        if kind == "csv":
            for line in data.decode("utf-8-sig").splitlines():
                assert all(not starts_like_formula(c) for c in line.split(","))
        else:
            path = tmp_path / f"blank.{kind}"
            path.write_bytes(data)
            assert formula_cells(path) == []
    from handbook.indicators.render import render_csv  # noqa: F401 - writes through csv_row

    assert csv_text("=1+1") == "'=1+1" and csv_text("-5%") == "-5%" and csv_text(-3) == -3


# --- 2. bounded resources ------------------------------------------------------------------

BOMBS = {
    "amplified.xlsx": (amplified_shared_string, "too-much-text"),
    "spaces.xlsx": (spaces_bomb, "too-large-to-read"),
    "bomb.ods": (ods_bomb, "too-large-to-read"),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_bomb_is_refused_quickly_within_memory(tmp_path: Path, name: str) -> None:
    make, code = BOMBS[name]
    source = tmp_path / name
    source.write_bytes(make())
    assert source.stat().st_size < 2_000_000  # small files, all of them
    started = time.monotonic()
    result = run_limited("validate", str(source), "--format", "json", "--annotate", str(tmp_path))
    took = time.monotonic() - started
    print(f"{name}: {source.stat().st_size:,} bytes refused in {took:.1f} s")
    assert result.returncode == 2, result.stderr[-2000:]
    assert f'"code": "{code}"' in result.stdout
    assert "Traceback" not in result.stderr
    assert list(tmp_path.glob("*.annotated.xlsx")) == []


@pytest.mark.parametrize("make", [wide_workbook, deeply_nested], ids=["wide", "deep"])
def test_odd_workbooks_get_a_message_not_a_traceback(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "维修回访.xlsx"
    source.write_bytes(make())
    result = run_limited("validate", str(source), "--lang", "en")
    assert result.returncode in (0, 1, 2), result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_limits_check_the_zip_directory_before_reading(tmp_path: Path) -> None:
    source = tmp_path / "spaces.xlsx"
    source.write_bytes(spaces_bomb(megabytes=2))  # over the ratio, far under the size limit
    with pytest.raises(Exception) as caught:
        limits.check_archive(source, "xlsx")
    assert getattr(caught.value, "code", None) == "too-large-to-read"
    normal = tmp_path / "normal.xlsx"
    normal.write_bytes(xlsx_bytes([list(r) for r in repair_rows(2000)]))
    limits.check_archive(normal, "xlsx")  # a real register passes


def test_a_long_value_is_carried_as_its_start_and_length(tmp_path: Path) -> None:
    source = tmp_path / "维修回访.csv"
    table = with_column_values(["x" * 100_000], column="维修类别", rows=3)
    source.write_bytes(csv_bytes(table))
    result = CliRunner().invoke(cli, ["validate", str(source), "--format", "json"])
    assert result.exit_code == 1
    assert len(result.output) < 20_000  # three problems, not 300 000 characters
    assert "100,000" in result.output


def test_the_same_problem_down_a_column_is_counted_and_every_cell_marked(tmp_path: Path) -> None:
    rows = 2_000
    source = tmp_path / "维修回访.csv"
    source.write_bytes(csv_bytes(with_column_values(["杂项"], column="维修类别", rows=rows)))
    out = tmp_path / "out.xlsx"
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["validate", str(source), "--annotate", str(out)])
    took = time.monotonic() - started
    print(f"{rows} problems: checked and marked in {took:.1f} s (was over 100 s)")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "杂项" in line]
    assert len(lines) == limits.SAME_PROBLEM_SHOWN
    assert f"另有 {rows - limits.SAME_PROBLEM_SHOWN} 处" in result.output
    register = load_workbook(out).worksheets[1]
    marked = [c for c in register["D"][1:] if c.comment is not None]
    assert len(marked) == rows  # the marked copy marks every cell
    assert took < 60


# --- 3. the marked copy never destroys anything --------------------------------------------


def _register(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_bytes(with_column_values(["杂项"], column="维修类别", rows=3)))
    return path


def _annotate(*args: str) -> object:
    return CliRunner().invoke(cli, ["validate", *args, "--form", "repair_followup"])


def test_a_hard_link_or_symlink_of_the_input_is_not_written(tmp_path: Path) -> None:
    source = _register(tmp_path / "in.csv")
    before = source.read_bytes()
    hard = tmp_path / "hard.xlsx"
    os.link(source, hard)
    result = _annotate(str(source), "--annotate", str(hard))
    assert result.exit_code == 2 and source.read_bytes() == before  # type: ignore[attr-defined]
    link = tmp_path / "link.xlsx"
    link.symlink_to(source)
    result = _annotate(str(source), "--annotate", str(link))
    assert result.exit_code == 2 and source.read_bytes() == before  # type: ignore[attr-defined]


def test_a_symlink_at_the_target_is_replaced_not_written_through(tmp_path: Path) -> None:
    source = _register(tmp_path / "in.csv")
    other = tmp_path / "other.txt"
    other.write_text("keep me")
    target = tmp_path / "out.xlsx"
    target.symlink_to(other)
    result = _annotate(str(source), "--annotate", str(target))
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert other.read_text() == "keep me" and not target.is_symlink()
    assert load_workbook(target).sheetnames


def test_same_named_registers_keep_their_folders(tmp_path: Path) -> None:
    a = _register(tmp_path / "东区" / "台账.csv")
    b = _register(tmp_path / "西区" / "台账.csv")
    c = _register(tmp_path / "西区" / "台账.xlsx.csv")
    out = tmp_path / "out"
    result = _annotate(str(a), str(b), str(c), "--annotate", str(out))
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    copies = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xlsx"))
    assert copies == [
        "东区/台账.annotated.xlsx",
        "西区/台账.annotated.xlsx",
        "西区/台账.xlsx.annotated.xlsx",
    ]


def test_a_trailing_slash_means_a_folder(tmp_path: Path) -> None:
    source = _register(tmp_path / "in.csv")
    result = _annotate(str(source), "--annotate", f"{tmp_path / 'out'}/")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert (tmp_path / "out" / "in.annotated.xlsx").is_file()


def test_an_unwritable_target_prints_the_report_then_exits_2(tmp_path: Path) -> None:
    source = _register(tmp_path / "in.csv")
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")
    result = _annotate(str(source), "--annotate", str(blocker / "out.xlsx"), "--lang", "en")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    output = result.output  # type: ignore[attr-defined]
    assert "杂项" in output and "Cannot write the marked copy" in output
    assert output.index("杂项") < output.index("Cannot write")
    assert "internal error" not in output
    assert blocker.read_text() == "a file, not a folder"


# --- 4 and 5. control characters -----------------------------------------------------------


def test_control_characters_never_break_the_copy_junit_or_the_terminal(tmp_path: Path) -> None:
    source = tmp_path / "维修回访\x1b[31m.csv"
    source.write_bytes(control_csv())
    out = tmp_path / "out.xlsx"
    runner = CliRunner()
    text = runner.invoke(cli, ["validate", str(source), "--annotate", str(out)])
    assert text.exit_code == 1, text.output
    assert "\x1b" not in text.output and "\x07" not in text.output and "\r" not in text.output
    assert "\\x1b[2J" in text.output  # shown, not obeyed
    junit = runner.invoke(cli, ["validate", str(source), "--format", "junit"])
    ET.fromstring(junit.output.split("?>", 1)[1])  # well-formed XML
    github = runner.invoke(cli, ["validate", str(source), "--format", "github"], env={})
    for line in github.output.splitlines():
        assert not line.startswith("::") or line.startswith(("::error ", "::warning "))
        assert "\x1b" not in line
    # the copy opens, and reads back the characters as typed
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(1).to_python()
    remarks = [row[rows[0].index("备注")] for row in rows[1:]]
    assert remarks[: len(CONTROLS)] == [c.replace("\r", "\n") for c in CONTROLS]


def test_excel_escapes_are_read_the_same_by_command_and_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "a.xlsx"
    source.write_bytes(control_xlsx())
    fast = list(workbook_rows(source, "xlsx", None))
    monkeypatch.setenv("HANDBOOK_WORKBOOK_READER", "openpyxl")  # what the page uses
    page = list(workbook_rows(source, "xlsx", None))
    assert fast == page
    assert any("第一行\x0b第二行" in row for row in page)
    out = tmp_path / "out.xlsx"
    monkeypatch.delenv("HANDBOOK_WORKBOOK_READER")
    result = CliRunner().invoke(cli, ["validate", str(source), "--annotate", str(out)])
    assert result.exit_code in (0, 1), result.output


def test_out_of_memory_is_exit_2_with_a_message(tmp_path: Path) -> None:
    source = _register(tmp_path / "in.csv")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, handbook.validate.files as f\n"
            "def boom(*a, **k): raise MemoryError\n"
            "f.open_register = boom\n"
            "from handbook.cli import main\n"
            f"sys.argv = ['handbook', 'validate', {str(source)!r}, '--lang', 'en']\n"
            "main()",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "Ran out of memory while checking" in result.stdout
    assert "Traceback" not in result.stderr


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["东区", "西区", "东区/一期", "."]), st.sampled_from(["台账", "a"])
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([".csv", ".xlsx"]),
)
def test_marked_copies_never_collide_nor_replace_an_input(
    tmp_path_factory: pytest.TempPathFactory, named: list[tuple[str, str]], suffix: str
) -> None:
    from handbook.outputs.targets import annotate_targets

    root = tmp_path_factory.mktemp("targets")
    inputs = []
    for folder, stem in named:
        path = root / folder / f"{stem}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
        inputs.append(path)
    targets = annotate_targets(inputs, f"{root}/")
    unique = set(inputs)
    assert len(set(targets.values())) == len(unique)  # one copy per register, none shared
    assert not {t.resolve() for t in targets.values()} & {p.resolve() for p in inputs}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_value_is_inert_on_a_terminal_and_in_junit(value: str) -> None:
    from handbook.outputs import ReportContext, render_junit, render_text
    from handbook.outputs.escapes import visible
    from handbook.validate.problems import ERROR, Problem
    from handbook.validate.results import FileResult

    shown = visible(value)
    assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]", shown)
    name = f"登记表{value}.csv"
    problem = Problem("enum", ERROR, name, 2, value, "x", value, cell="B2")
    results = [FileResult(name, "repair_followup", 1, [problem])]
    text = render_text(results, ReportContext("en"))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)  # only the line breaks
    ET.fromstring(render_junit(results, ReportContext("en")).split("?>", 1)[1])


def test_the_page_counts_a_repeated_problem_among_others(project_cwd: Path) -> None:
    from handbook import checker

    table = with_column_values(["杂项"], column="维修类别", rows=12)
    at = table[0].index("回访日期")
    for row in table[1:]:
        row[at] = "明天"  # a second problem on every row, interleaved with the first
    result = checker.check(csv_bytes(table), "维修回访.csv", "zh")
    listed = [(p["column"], p["row"]) for p in result["problems"] if p["row"] is not None]
    for column in ("维修类别", "回访日期"):
        rows = [r for c, r in listed if c == column]
        assert rows == list(range(2, 2 + limits.SAME_PROBLEM_SHOWN)), column
        (last,) = [p for p in result["problems"] if p["column"] == column and p.get("more")]
        assert last["more"]["count"] == 12 - limits.SAME_PROBLEM_SHOWN
        assert last["row"] == 1 + limits.SAME_PROBLEM_SHOWN
