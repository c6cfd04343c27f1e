"""What Excel really produces: encodings, title rows, shuffled columns, dates, bad files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.registers.cells import parse_date, parse_datetime
from handbook.registers.reading import open_source
from handbook.validate import Options, check_file

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")
POLICY = load_policy(ROOT / "policy.yaml")
REGISTERS = Path(__file__).parent / "data" / "registers"


def run(path: Path, **options: str):
    return check_file(path, FORMS, POLICY, "complaint_register", Options(**options))


@pytest.mark.parametrize(
    ("name", "encoding", "rows"),
    [
        ("utf8.csv", "utf-8", 3),
        ("utf8_bom.csv", "utf-8-sig", 3),
        ("utf16_tabs.txt", "utf-16", 3),
        ("gb18030_rare.csv", "gb18030", 1400),
    ],
)
def test_each_encoding_is_detected_and_reads_clean(name: str, encoding: str, rows: int) -> None:
    path = REGISTERS / name
    assert open_source(path).encoding == encoding
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run(path)
    assert result.fatal is None and result.problems == [] and result.rows == rows
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_rare_characters_past_100kb_survive_gb18030() -> None:
    source = open_source(REGISTERS / "gb18030_rare.csv")
    text = "".join(cell for row in source.rows() for cell in row)
    assert all(ch in text for ch in "堃喆珺𠮷")


def test_forcing_a_wrong_encoding_names_the_option() -> None:
    result = run(REGISTERS / "gb18030_rare.csv", encoding="utf-8")
    assert result.fatal is not None and result.fatal.code == "bad-encoding"
    assert "--encoding" in result.fatal.render("en")


def test_title_row_and_blank_trailing_rows() -> None:
    result = run(REGISTERS / "title_row.csv")
    assert result.fatal is None and result.problems == [] and result.rows == 3


def test_shuffled_columns_with_full_width_spaces_and_mixed_languages() -> None:
    result = run(REGISTERS / "shuffled.csv")
    assert result.fatal is None and result.problems == [] and result.rows == 3


def test_xlsx_with_real_date_cells() -> None:
    result = run(REGISTERS / "excel_dates.xlsx")
    assert result.fatal is None and result.problems == [] and result.rows == 3


def test_missing_header_says_where_it_belongs(tmp_path: Path) -> None:
    path = tmp_path / "complaint_register.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    result = run(path)
    assert result.fatal is not None and result.fatal.code == "no-header"
    assert "row 1" in result.fatal.render("en") and "第 1 行" in result.fatal.render("zh")


def test_unknown_sheet_lists_the_sheets() -> None:
    result = run(REGISTERS / "excel_dates.xlsx", sheet="Nope")
    assert result.fatal is not None and "Sheet" in result.fatal.render("en")


@pytest.mark.parametrize(
    "text", ["2026-03-05", "2026/3/5", "2026年3月5日", "２０２６－０３－０５", "2026.3.5"]
)
def test_dates_staff_type(text: str) -> None:
    assert str(parse_date(text)) == "2026-03-05"


@pytest.mark.parametrize("text", ["2026-02-30", "05/03/2026", "45356", "昨天", "2026-3"])
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-05 14:30",
        "2026/3/5 14:30",
        "2026年3月5日 14:30",
        "2026-03-05T14:30:00",
        "2026年3月5日14时30分",
    ],
)
def test_datetimes_staff_type(text: str) -> None:
    assert parse_datetime(text).strftime("%Y-%m-%d %H:%M") == "2026-03-05 14:30"


def test_form_found_from_header_when_the_name_says_nothing(tmp_path: Path) -> None:
    source = REGISTERS / "utf8.csv"
    path = tmp_path / "export(1).csv"
    path.write_bytes(source.read_bytes())
    result = check_file(path, FORMS, POLICY)
    assert result.form == "complaint_register" and result.fatal is None


def test_a_text_file_the_csv_module_cannot_split_is_named_without_its_words(tmp_path: Path) -> None:
    """csv.Error's own English (field limit, NUL) never reaches a person: a message with the line."""
    from click.testing import CliRunner

    from handbook.cli import cli

    folder = tmp_path / "complaint_register"
    folder.mkdir()
    path = folder / "x.csv"
    path.write_bytes("受理编号,受理时间\n".encode() + b"a" * 200_000 + b"\n")
    for lang in ("zh", "en"):
        result = CliRunner().invoke(
            cli, ["validate", str(path), "--lang", lang, "--format", "json"]
        )
        assert result.exit_code == 2
        fatal = json.loads(result.output)["files"][0]["fatal"]
        assert fatal["code"] == "text-unparsable" and "field larger" not in fatal["message"]
        assert ("第 2 行" if lang == "zh" else "line 2") in fatal["message"]
