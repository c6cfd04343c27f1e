"""The annotated workbook: the register comes back with its problems marked, the input untouched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from handbook.cli import cli

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "tests" / "data" / "office"
RED, AMBER = "00F8CBAD", "00FFE699"


def annotate(tmp_path: Path, name: str, *args: str, lang: str = "zh") -> tuple[int, Path, Path]:
    source = tmp_path / name
    shutil.copy(OFFICE / name, source)
    out = tmp_path / "out" / "annotated.xlsx"
    result = CliRunner().invoke(
        cli, ["validate", str(source), "--annotate", str(out), "--lang", lang, *args]
    )
    return result.exit_code, source, out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_xlsx_comes_back_marked_with_its_validations_kept(tmp_path: Path) -> None:
    before = digest(OFFICE / "complaint_field_errors.xlsx")
    code, source, out = annotate(tmp_path, "complaint_field_errors.xlsx", lang="en")
    assert code == 1 and digest(source) == before  # the input is never changed
    original = load_workbook(source)
    book = load_workbook(out)
    # the problems first, the register's own sheets, then what is due (handbook due)
    assert book.sheetnames == ["Problems", *original.sheetnames, "Due"]
    register = book[original.sheetnames[0]]
    # red fill and a comment on each cell with an error, in the chosen language
    for cell in ("A2", "T3", "W4"):
        assert register[cell].fill.fgColor.rgb == RED, cell
        assert register[cell].comment and register[cell].comment.text.startswith("error: ")
    assert "TS-2026-0001" in register["A2"].comment.text
    # the original's dropdowns, validations, widths and frozen header are kept
    kept = original.worksheets[0]
    assert (
        len(register.data_validations.dataValidation)
        == len(kept.data_validations.dataValidation)
        > 0
    )
    assert register.freeze_panes == kept.freeze_panes
    assert register.column_dimensions["A"].width == kept.column_dimensions["A"].width
    # the problems sheet lists each problem, errors first, linking to its cell
    rows = list(book["Problems"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["A2", "T3", "W4", None]
    assert [r[3] for r in rows] == ["error", "error", "error", "warning"]
    link = book["Problems"]["A2"].hyperlink
    assert (
        link is not None
        and link.location == f"'{original.sheetnames[0]}'!A2"
        or (link.target or "").endswith("!A2")
    )


def test_a_warning_is_amber(tmp_path: Path) -> None:
    code, _, out = annotate(tmp_path, "phone_mobile_number.xlsx")
    assert code == 0
    register = load_workbook(out).worksheets[1]
    marked = [c for row in register.iter_rows() for c in row if c.comment is not None]
    assert marked and all(c.fill.fgColor.rgb == AMBER for c in marked)
    assert all("未脱敏" in c.comment.text for c in marked)


@pytest.mark.parametrize("name", ["dates_typed_zhcn.gbk.csv", "filled_repair.ods"])
def test_a_csv_or_ods_comes_back_in_its_forms_blank_layout(tmp_path: Path, name: str) -> None:
    code, source, out = annotate(tmp_path, name)
    assert code == 0
    book = load_workbook(out)
    register = book["登记表"]
    assert register["A1"].value == "派工单号" and register["A2"].value == "PG-2025-0001"
    assert register.data_validations.dataValidation  # the blank's dropdowns and checks
    assert register.freeze_panes == "A2"
    assert list(book["检查结果"].iter_rows(min_row=2, values_only=True))[0][4] == "没有发现问题。"


def test_a_csv_problem_is_marked_in_the_blank_layout(tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    text = (OFFICE / "dates_typed_zhcn.utf8.csv").read_text(encoding="utf-8")
    source.write_text(text.replace(",满意,是,,", ",非常满意,是,,", 1), encoding="utf-8")
    out = tmp_path / "bad.xlsx"
    result = CliRunner().invoke(cli, ["validate", str(source), "--annotate", str(out)])
    assert result.exit_code == 1
    register = load_workbook(out)["登记表"]
    marked = [c.coordinate for row in register.iter_rows() for c in row if c.comment]
    assert marked == ["O2"] and register["O2"].value == "非常满意"


def test_several_files_go_into_a_folder(tmp_path: Path) -> None:
    for name in ("filled_repair.ods", "complaint_field_errors.xlsx"):
        shutil.copy(OFFICE / name, tmp_path / name)
    out = tmp_path / "marked"
    result = CliRunner().invoke(cli, ["validate", str(tmp_path), "--annotate", str(out)])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "complaint_field_errors.annotated.xlsx",
        "filled_repair.annotated.xlsx",
    ]


def test_the_input_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "register.xlsx"
    shutil.copy(OFFICE / "complaint_field_errors.xlsx", source)
    before = digest(source)
    result = CliRunner().invoke(
        cli, ["validate", str(source), "--annotate", str(source), "--lang", "en"]
    )
    assert result.exit_code == 2 and "never changed" in result.output
    assert digest(source) == before
