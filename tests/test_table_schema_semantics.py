"""Where a form says what a Table Schema says, the validator agrees with the Table Schema text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from handbook.load.forms import load_form
from handbook.load.policy import load_policy
from handbook.validate import check_file

ROOT = Path(__file__).resolve().parents[1]
POLICY = load_policy(ROOT / "policy.yaml")

FORM = """\
id: keyed
kind: register
title: {zh: 键表, en: Keyed}
primary_key: [record_no]
fields:
  - name: record_no
    type: string
    title: {zh: 编号, en: Record no.}
    constraints: {pattern: 'R-\\d{3}'}
  - name: visits
    type: integer
    title: {zh: 次数, en: Visits}
    enum:
      - {value: "1", zh: 一次, en: Once}
      - {value: "2", zh: 两次, en: Twice}
  - name: at
    type: datetime
    title: {zh: 时间, en: At}
"""


def run(tmp_path: Path, rows: list[list[str]]) -> list[tuple[str, int | None, str | None]]:
    forms_dir = tmp_path / "forms"
    forms_dir.mkdir(exist_ok=True)
    (forms_dir / "keyed.yaml").write_text(FORM, encoding="utf-8")
    form = load_form(forms_dir / "keyed.yaml")
    path = tmp_path / "keyed.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["record_no", "visits", "at"], *rows])
    result = check_file(path, {"keyed": form}, POLICY, "keyed")
    assert result.fatal is None, result.fatal
    return [(p.code, p.row, p.cell) for p in result.problems]


def test_a_one_field_primary_key_is_unique_and_required(tmp_path: Path) -> None:
    found = run(tmp_path, [["R-001", "1", ""], ["R-001", "2", ""], ["", "1", ""]])
    assert ("unique", 3, "A3") in found
    assert ("required", 4, "A4") in found


def test_a_pattern_matches_the_whole_value(tmp_path: Path) -> None:
    found = run(tmp_path, [["R-0012", "1", ""], ["XR-001", "1", ""], ["R-001", "1", ""]])
    assert [f for f in found if f[0] == "pattern"] == [("pattern", 2, "A2"), ("pattern", 3, "A3")]


def test_enum_applies_to_an_integer_field(tmp_path: Path) -> None:
    found = run(tmp_path, [["R-001", "3", ""], ["R-002", "2", ""]])
    assert found == [("enum", 2, "B2")]


@pytest.mark.parametrize("typed", ["1_000", "1__0", "_1"])
def test_an_underscore_is_not_part_of_an_integer(tmp_path: Path, typed: str) -> None:
    assert ("type-integer", 2, "B2") in run(tmp_path, [["R-001", typed, ""]])


@pytest.mark.parametrize(
    "typed",
    [
        "2026-03-05T09:30:00Z",
        "2026-03-05T09:30:00+08:00",
        "2026-03-05T09:30:00.5",
        "2026-03-05 09:30",
    ],
)
def test_iso_8601_datetimes_are_read(tmp_path: Path, typed: str) -> None:
    assert run(tmp_path, [["R-001", "1", typed]]) == []


def test_a_datetime_with_an_offset_is_read_in_china_time() -> None:
    from handbook.registers.cells import parse_datetime

    assert str(parse_datetime("2026-03-05T01:30:00Z")) == "2026-03-05 09:30:00"
    assert str(parse_datetime("2026-03-05T09:30:00+09:00")) == "2026-03-05 08:30:00"
