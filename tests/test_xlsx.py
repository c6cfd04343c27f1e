"""Blank workbooks: header, dropdowns, validations with messages, and the round trip."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from handbook.blanks import write_blank
from handbook.blanks.xlsx import FIRST_ROW, LAST_ROW
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.validate import check_file

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")
POLICY = load_policy(ROOT / "policy.yaml")


@pytest.mark.parametrize("form", [f.id for f in FORMS.values() if f.kind == "register"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_register_blank_has_the_checks_it_needs(tmp_path: Path, form: str, lang: str) -> None:
    definition = FORMS[form]
    path = tmp_path / f"{form}.xlsx"
    write_blank(definition, "xlsx", lang, path)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert len(book.sheetnames) == 3 and book[book.sheetnames[2]][
        "A1"
    ].value == definition.title.get(lang)
    assert sheet.freeze_panes == "A2"
    fields = definition.input_fields
    assert [c.value for c in sheet[1]] == [f.title.get(lang) for f in fields]
    assert all(c.font.bold for c in sheet[1])
    by_column = {}
    for dv in sheet.data_validations.dataValidation:
        for cell_range in dv.sqref.ranges:
            assert (cell_range.min_row, cell_range.max_row) == (FIRST_ROW, LAST_ROW)
            by_column[cell_range.min_col] = dv
    for index, field in enumerate(fields, start=1):
        dv = by_column.get(index)
        expected = (
            "list"
            if field.enum or field.type == "boolean"
            else {
                "date": "date",
                "datetime": "decimal",
                "integer": "whole",
                "number": "decimal",
            }.get(field.type)
        )
        if expected is None and "maxLength" in field.constraints:
            expected = "textLength"
        if expected is None:
            assert dv is None, field.name
            continue
        assert dv is not None and dv.type == expected, field.name
        assert dv.showErrorMessage and dv.showInputMessage and dv.prompt and dv.error
        if expected == "list":
            sheet_name, ref = dv.formula1.rsplit("!", 1)
            lists = book[sheet_name.strip("'")]
            cells = lists[ref.replace("$", "")]
            labels = [row[0].value for row in cells]
            wanted = [i.label.get(lang) for i in field.enum] or (
                ["是", "否"] if lang == "zh" else ["Yes", "No"]
            )
            assert labels == wanted
    for row in sheet.iter_rows():
        for cell in row:
            assert not (isinstance(cell.value, str) and cell.value.startswith("="))


def test_round_trip_filled_xlsx_validates_like_the_csv(tmp_path: Path) -> None:
    form = FORMS["complaint_register"]
    path = tmp_path / "complaint_register" / "filled.xlsx"
    path.parent.mkdir()
    write_blank(form, "xlsx", "zh", path)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    titles = [c.value for c in sheet[1]]
    rows = [
        {
            "投诉编号": "TS-2026-0001",
            "受理时间": dt.datetime(2026, 3, 1, 9, 0),
            "投诉方式": "来电",
            "投诉类别": "维修",
            "投诉内容摘要": "楼上渗水",
            "投诉性质": "一般",
            "是否有效投诉": "是",
            "受理人": "客服 李**",
        },
        {
            "投诉编号": "TS-2026-0002",
            "受理时间": dt.datetime(2026, 3, 2, 10, 30),
            "投诉方式": "来访",
            "投诉类别": "保洁",
            "投诉内容摘要": "大堂未清扫",
            "投诉性质": "一般",
            "是否有效投诉": "否",
            "无效原因": "咨询",
            "受理人": "前台 周**",
        },
    ]
    for r, row in enumerate(rows, start=2):
        for c, title in enumerate(titles, start=1):
            if title in row:
                sheet.cell(row=r, column=c, value=row[title])
    book.save(path)
    xlsx_result = check_file(path, FORMS, POLICY)
    csv_path = tmp_path / "complaint_register" / "filled.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(titles)
        for row in rows:
            writer.writerow(
                [
                    row.get(t, "").strftime("%Y-%m-%d %H:%M")
                    if isinstance(row.get(t), dt.datetime)
                    else row.get(t, "")
                    for t in titles
                ]
            )
    csv_result = check_file(csv_path, FORMS, POLICY)
    assert xlsx_result.fatal is None and xlsx_result.rows == 2
    assert [p.code for p in xlsx_result.problems] == [p.code for p in csv_result.problems]
    assert [p for p in xlsx_result.problems if p.severity == "error"] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_checklist_blanks_list_the_items_to_tick(tmp_path: Path, lang: str) -> None:
    form = FORMS["repair_followup_checklist"]
    write_blank(form, "csv", lang, tmp_path / "c.csv")
    rows = list(csv.reader((tmp_path / "c.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [r[1] for r in rows[1:]] == [item.text.get(lang) for item in form.checklist]
    write_blank(form, "xlsx", lang, tmp_path / "c.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx").worksheets[0]
    assert sheet.max_row == len(form.checklist) + 1
    (dv,) = sheet.data_validations.dataValidation
    assert dv.type == "list" and str(dv.sqref) == f"D2:D{len(form.checklist) + 1}"
