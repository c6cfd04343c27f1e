"""The classes of files other programs make (issue 18), each generated rather than one fixture of it.

Text exports in every encoding with every separator; invisible characters in
cells; codes the spreadsheet turned into dates; dates alone in date-time
columns; messages that name the program only when the file does; damaged
workbooks that never show a library's error; the marked copy checked again;
and the one table of readers that the command, the page and the hook share.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from handbook import checker
from handbook.cli import cli
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.registers import formats
from handbook.registers.reading import register_files
from handbook.validate import validate_files
from register_writers import write_openpyxl

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "tests" / "data" / "office"
FORMS = load_forms(ROOT / "forms")
POLICY = load_policy(ROOT / "policy.yaml")
HEADER = [
    *("派工单号", "房号", "维修项目", "维修类别", "维修人", "完工日期", "回访日期", "回访方式"),
    *("回访人职务", "回访人", "现场查看", "服务情况", "收费核对", "住户意见", "满意度"),
    *("被回访人签名", "整改通知时间", "备注"),
]
ROWS = [
    [
        *("PG-2025-0001", "2-2-0201", "单元门禁维修", "安全设施", "维修工 安**", "2025/11/3"),
        *("2025/11/4", "上门回访", "经理", "经理 周**", "良好", "满意", "收费无误", ""),
        *("满意", "是", "", ""),
    ],
    [
        *("PG-2025-0002", "3-1-0301", "厨房水管漏水", "漏水/渗漏", "维修工 安**", "2025/11/4"),
        *("2025/11/6", "电话回访", "主管", "主管 王**", "良好", "满意", "收费无误", "阀门；水管"),
        *("满意", "", "", ""),
    ],
]


def write_rows(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def shown(result) -> list[tuple]:  # type: ignore[no-untyped-def]
    """The problems without the file name."""
    return [(p.code, p.severity, p.row, p.cell, p.value) for p in result.problems]


def run(path: Path, form_id: str | None = "repair_followup"):  # type: ignore[no-untyped-def]
    return validate_files([(path, form_id)], FORMS, POLICY)[0]


ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-sig": lambda text: text.encode("utf-8-sig"),
    "utf-16-le": lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
    "utf-16-be": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "gb18030": lambda text: text.encode("gb18030"),
}


@pytest.mark.parametrize("separator", [",", "\t", ";"], ids=["comma", "tab", "semicolon"])
@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("title", [False, True], ids=["", "title-row"])
def test_every_encoding_with_every_separator_is_read(
    tmp_path: Path, encoding: str, separator: str, title: bool
) -> None:
    lines = (["维修回访记录表"] if title else []) + [separator.join(r) for r in [HEADER, *ROWS]]
    path = tmp_path / "export.txt"
    path.write_bytes(ENCODINGS[encoding]("\r\n".join(lines) + "\r\n"))
    result = run(path, None)
    assert result.fatal is None, result.fatal.render("en")
    reference = run(write_rows(tmp_path / "repair_followup.csv", ROWS))
    assert result.form == "repair_followup" and result.rows == 2
    assert shown(result) == shown(reference)
    assert all(p.severity == "warning" for p in result.problems)  # shares of two rows


def test_no_header_says_the_encoding_and_separators_tried(tmp_path: Path) -> None:
    path = tmp_path / "repair_followup.csv"
    path.write_bytes(b"\xff\xfe" + "甲,乙\r\n1,2\r\n".encode("utf-16-le"))
    result = run(path)
    assert result.fatal is not None and result.fatal.code == "no-header"
    assert "UTF-16" in result.fatal.render("en") and "semicolon" in result.fatal.render("en")
    assert "UTF-16" in result.fatal.render("zh") and "分号" in result.fatal.render("zh")


@pytest.mark.parametrize("mark", ["\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"])
def test_invisible_characters_inside_cells_are_not_data(tmp_path: Path, mark: str) -> None:
    rows = [[f"{v[:1]}{mark}{v[1:]}" for v in row] for row in ROWS]  # 上<mark>门回访 …
    result = run(write_rows(tmp_path / "marked.csv", rows))
    reference = run(write_rows(tmp_path / "repair_followup.csv", ROWS))
    assert result.fatal is None and shown(result) == shown(reference)


def test_a_real_difference_is_still_refused(tmp_path: Path) -> None:
    rows = [[*ROWS[0][:7], "上门回访访", *ROWS[0][8:]]]
    codes = [p.code for p in run(write_rows(tmp_path / "r.csv", rows)).problems]
    assert codes.count("enum-near-miss") == 1 and codes.count("enum") == 0


def test_a_code_the_spreadsheet_made_a_date_says_so_on_the_command_and_the_page(
    tmp_path: Path,
) -> None:
    rows = [[dt.date(2001, 1, 1), *ROWS[0][1:]], [dt.datetime(2001, 1, 1), *ROWS[1][1:]]]
    path = write_openpyxl(tmp_path / "repair_followup.xlsx", HEADER, rows)
    result = run(path)
    # one problem per cell, and no duplicate-number error built on a lost value
    assert [(p.code, p.cell) for p in result.problems if p.severity == "error"] == [
        ("date-in-text", "A2"),
        ("date-in-text", "A3"),
    ]
    assert "1-1-2001" in result.problems[0].message("en")
    assert "2001-01-01" in result.problems[0].message("zh")
    page = checker.check(path.read_bytes(), path.name, "en", "repair_followup")
    assert [(p["code"], p["cell"]) for p in page["problems"] if p["severity"] == "error"] == [
        ("date-in-text", "A2"),
        ("date-in-text", "A3"),
    ]


@pytest.mark.parametrize("value", ["2025/11/04", "2025-11-04", "2025年11月4日"])
def test_a_date_alone_in_a_date_time_column_is_midnight(tmp_path: Path, value: str) -> None:
    rows = [[*ROWS[0][:10], "发现问题", *ROWS[0][11:16], value, ""]]
    result = run(write_rows(tmp_path / "r.csv", rows))
    assert [p for p in result.problems if p.severity == "error"] == []
    typed = [[*ROWS[0][:10], "发现问题", *ROWS[0][11:16], "2025/11/4 0:00", ""]]
    assert shown(result) == shown(run(write_rows(tmp_path / "r.csv", typed)))
    empty = [[*ROWS[0][:10], "发现问题", *ROWS[0][11:]]]
    assert "rule-required-if" in [
        p.code for p in run(write_rows(tmp_path / "r.csv", empty)).problems
    ]


def _with_application(source: Path, target: Path, application: str | None) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "docProps/app.xml":
                if application is None:
                    continue
                data = re.sub(
                    rb"<Application>[^<]*</Application>",
                    f"<Application>{application}</Application>".encode(),
                    data,
                )
            new.writestr(info, data)
    return target


@pytest.mark.parametrize(
    ("application", "zh", "en"),
    [
        ("Microsoft Excel", "Excel把号码", "Excel took"),
        ("WPS 表格", "WPS把号码", "WPS took"),
        ("LibreOffice/7.4.7.2$Linux_X86_64", "LibreOffice把号码", "LibreOffice took"),
        (None, "电子表格把号码", "the spreadsheet took"),
        ("SomeExporter 1.0", "电子表格把号码", "the spreadsheet took"),
    ],
)
def test_messages_name_the_program_only_when_the_file_does(
    tmp_path: Path, application: str | None, zh: str, en: str
) -> None:
    source = OFFICE / "phone_landline_lost_zero.xlsx"
    path = _with_application(source, tmp_path / "complaint_register.xlsx", application)
    problem = next(p for p in run(path, None).problems if p.code == "number-lost-zero")
    assert zh in problem.message("zh") and en in problem.message("en")


def test_a_csv_never_names_a_program() -> None:
    problem = next(p for p in run(OFFICE / "phone_scientific.csv", None).problems)
    assert "Excel" not in problem.message("en") and "the spreadsheet" in problem.message("en")


LIBRARY_WORDS = re.compile(r"Error|Exception|calamine|openpyxl|xlrd|zipfile|Traceback")


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".xls"])
@pytest.mark.parametrize("damage", ["truncated", "garbled"])
def test_a_damaged_workbook_is_tried_by_both_readers_and_named_plainly(
    tmp_path: Path, suffix: str, damage: str
) -> None:
    source = {".xlsx": "filled_repair.lo.xlsx", ".ods": "filled_repair.ods"}.get(
        suffix, "filled_repair.xls"
    )
    data = (OFFICE / source).read_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    else:
        data = data[:600] + bytes(b ^ 0x5A for b in data[600:2000]) + data[2000:]
    path = tmp_path / f"repair_followup{suffix}"
    path.write_bytes(data)
    result = run(path)
    if result.fatal is None:  # the fallback read what was left: fine, as long as it was read
        return
    for lang in ("zh", "en"):
        assert not LIBRARY_WORDS.search(result.fatal.render(lang)), result.fatal.render(lang)


def test_the_readers_table_drives_the_hook_the_page_and_the_folder_scan(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["files"] == formats.hook_pattern()
    for suffix in formats.REGISTER_SUFFIXES:
        assert re.search(hooks[0]["files"], f"data/登记表{suffix}")
        (tmp_path / f"r{suffix}").write_bytes(b"x")
    assert {p.suffix for p in register_files(tmp_path)} == set(formats.REGISTER_SUFFIXES)
    for lang in ("zh", "en"):
        page = (ROOT / "docs" / lang / "checker.md").read_text(encoding="utf-8")
        assert 'accept="{{ checker_accept() }}"' in page
        assert "{{ register_types() }}" in page.split("hb-checker__pick")[0]
        assert all(s in formats.describe(lang) for s in formats.REGISTER_SUFFIXES)
    assert formats.checker_accept().split(",") == list(formats.REGISTER_SUFFIXES)
    assert {t.kind for t in formats.FILE_TYPES} == {"text", "xlsx", "xls", "ods"}


# ---- the marked copy, checked again ------------------------------------------------------


def _fix(path: Path, cell: str, value: object, target: Path) -> Path:
    """What staff do: open the marked copy, correct a red cell, save."""
    book = load_workbook(path)
    sheet = next(s for s in book.worksheets if s.title not in ("检查结果", "Problems"))
    sheet[cell] = value
    book.save(target)
    return target


def test_a_marked_copy_checked_again_gives_its_remaining_problems(tmp_path: Path) -> None:
    source = tmp_path / "repair_field_errors.xlsx"
    shutil.copy(OFFICE / "repair_field_errors.xlsx", source)
    first = run(source)
    marked = tmp_path / "marked.xlsx"
    assert (
        CliRunner().invoke(cli, ["validate", str(source), "--annotate", str(marked)]).exit_code == 1
    )
    again = run(marked)
    key = [(p.code, p.cell, p.severity) for p in first.problems]
    assert [(p.code, p.cell, p.severity) for p in again.problems] == key
    assert again.rows == first.rows
    # G3 was before the completion date: corrected, it is no longer a problem
    fixed = _fix(marked, "G3", dt.datetime(2025, 11, 5), tmp_path / "fixed.xlsx")
    remaining = [(p.code, p.cell) for p in run(fixed).problems]
    assert remaining == [(c, cell) for c, cell, _ in key if cell != "G3"]
    # marked once more: one problems sheet, one 待办 sheet, and only the remaining cells marked
    remarked = tmp_path / "remarked.xlsx"
    CliRunner().invoke(cli, ["validate", str(fixed), "--annotate", str(remarked)])
    book = load_workbook(remarked)
    assert book.sheetnames.count("检查结果") == 1 and book.sheetnames.count("待办") == 1
    assert len(book.sheetnames) == len(load_workbook(source).sheetnames) + 2
    sheet = book.worksheets[1]
    commented = sorted(c.coordinate for row in sheet.iter_rows() for c in row if c.comment)
    assert commented == sorted(cell for _, cell in remaining if cell)


def test_a_marked_csv_register_checked_again_on_the_page(tmp_path: Path) -> None:
    data = (OFFICE / "phone_scientific.csv").read_bytes()
    first = checker.check(data, "complaint_register.csv")
    copy = checker.annotated(data, "complaint_register.csv")
    again = checker.check(copy, "complaint_register.annotated.xlsx")
    assert again["fatal"] is None and again["rows"] == first["rows"]
    assert [(p["code"], p["row"]) for p in again["problems"]] == [
        (p["code"], p["row"]) for p in first["problems"]
    ]


def test_annotating_a_folder_into_itself_twice_skips_the_earlier_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    data = tmp_path / "data"
    data.mkdir()
    for name in ("repair_field_errors.xlsx", "phone_scientific.csv"):
        shutil.copy(OFFICE / name, data / name)
    args = ["validate", str(data), "--annotate", str(data), "--format", "json"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 1
    copies = sorted(p.name for p in data.glob("*.annotated.xlsx"))
    assert copies == ["phone_scientific.annotated.xlsx", "repair_field_errors.annotated.xlsx"]
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 1, second.output
    report = json.loads(second.stdout)
    assert report == json.loads(first.stdout)  # the same registers, the same problems
    assert second.stderr.count("phone_scientific.annotated.xlsx") >= 1
    assert sorted(p.name for p in data.iterdir()) == sorted(
        ["repair_field_errors.xlsx", "phone_scientific.csv", *copies]
    )
    # a copy on its own is checked: that is how staff check their corrections
    alone = CliRunner().invoke(cli, ["validate", str(data / copies[1]), "--format", "json"])
    assert json.loads(alone.stdout)["files"][0]["errors"] == 3


def test_a_workbook_whose_register_is_not_the_first_sheet(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "说明"
    book.active.append(["这是说明页"])
    sheet = book.create_sheet("登记表")
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    path = tmp_path / "repair_followup.xlsx"
    book.save(path)
    for form_id in ("repair_followup", None):
        result = run(path, form_id)
        assert result.fatal is None and result.rows == 2
        assert [p for p in result.problems if p.severity == "error"] == []


def test_the_page_bundle_alone_reads_every_type_in_the_table(tmp_path: Path) -> None:
    """What the page's worker has (the zip, no calamine): .xls, .ods and a marked copy, as the command."""
    import io
    import subprocess
    import sys

    from handbook.site import checker_bundle

    zipfile.ZipFile(io.BytesIO(checker_bundle.python_zip(ROOT))).extractall(tmp_path / "sp")
    names = ["filled_repair.xls", "repair_field_errors.ods", "phone_scientific.csv"]
    for name in names:
        shutil.copy(OFFICE / name, tmp_path / name)
    (tmp_path / "marked.xlsx").write_bytes(
        checker.annotated((OFFICE / "repair_field_errors.xlsx").read_bytes(), "r.xlsx")
    )
    names.append("marked.xlsx")
    code = (
        "import sys, json; sys.path.insert(0, 'sp'); from pathlib import Path\n"
        "from handbook import checker\n"
        "print(json.dumps([checker.check(Path(n).read_bytes(), n, 'en', 'repair_followup' "
        f"if n != 'phone_scientific.csv' else None)['problems'] for n in {names!r}]))"
    )
    out = subprocess.run(
        [sys.executable, "-S", "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    page = json.loads(out.stdout)
    for name, problems in zip(names, page, strict=True):
        form = None if name == "phone_scientific.csv" else "repair_followup"
        here = checker.check((tmp_path / name).read_bytes(), name, "en", form)["problems"]
        assert [(p["code"], p["cell"]) for p in problems] == [
            (p["code"], p["cell"]) for p in here
        ], name
    assert [p["cell"] for p in page[3] if p["severity"] == "error"] == ["G3", "G5", "Q6"]


def test_a_landline_that_lost_its_zero_is_told_in_a_csv_as_in_a_workbook(tmp_path: Path) -> None:
    """The CSV a spreadsheet saves from a number cell holds its digits: the same verdict."""
    workbook = run(OFFICE / "phone_landline_lost_zero.xlsx", None)
    book = load_workbook(OFFICE / "phone_landline_lost_zero.xlsx")
    sheet = book.worksheets[0]
    path = tmp_path / "complaint_register.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        for row in sheet.iter_rows(values_only=True):
            handle.write(
                ",".join(
                    ""
                    if v is None
                    else f"{v:%Y-%m-%d %H:%M}"
                    if isinstance(v, dt.datetime)
                    else str(v)
                    for v in row
                )
                + "\n"
            )
    text = run(path, None)
    assert (
        [(p.code, p.cell) for p in text.problems if p.severity == "error"]
        == [(p.code, p.cell) for p in workbook.problems if p.severity == "error"]
        == [("number-lost-zero", "G2")]
    )
    assert "the spreadsheet took" in text.problems[0].message("en")
