"""The checker page's Python: the same problems as ``handbook validate --format json``, and a bundle that runs alone."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker_files import (
    NOT_A_REGISTER,
    csv_bytes,
    gbk_complaints,
    repair_workbook_with_problems,
    rows_of,
)
from handbook import checker
from handbook.cli import cli
from handbook.site import checker_bundle

FILES = {
    "客户投诉登记表.csv": gbk_complaints,
    "维修回访.xlsx": repair_workbook_with_problems,
    "走访.csv": lambda: csv_bytes(rows_of("visit_record")),
    "会议纪要.txt": lambda: NOT_A_REGISTER,
    "空.csv": lambda: b"",
}


def command_json(tmp_path: Path, name: str, data: bytes, lang: str, *args: str) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(
        cli, ["validate", str(path), "--format", "json", "--lang", lang, *args]
    )
    assert result.exit_code in (0, 1, 2), result.output
    return json.loads(result.output)


def same_fields(problem: dict) -> dict:
    """A problem as both show it; the page's links are relative to its language's root."""
    shown = {k: v for k, v in problem.items() if k != "file"}
    for key in ("article_url", "form_url"):
        if shown.get(key):
            shown[key] = shown[key].removeprefix("en/")
    return shown


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(FILES))
def test_problems_are_the_commands_with_errors_first(
    project_cwd: Path, tmp_path: Path, name: str, lang: str
) -> None:
    data = FILES[name]()
    page = checker.check(data, name, lang)
    command = command_json(tmp_path, name, data, lang)
    errors_first = sorted(command["problems"], key=lambda p: p["severity"] != "error")
    assert [same_fields(p) for p in page["problems"]] == [same_fields(p) for p in errors_first]
    (file,) = command["files"]
    assert (page["form"], page["rows"], page["errors"], page["warnings"]) == (
        file["form"],
        file["rows"],
        file["errors"],
        file["warnings"],
    )
    assert page["valid"] == command["valid"]
    assert (page["fatal"] or {}).get("message", "").replace(str(tmp_path) + "/", "") == (
        file["fatal"] or {}
    ).get("message", "").replace(str(tmp_path) + "/", "")


def test_result_keys_are_pinned(project_cwd: Path) -> None:
    result = checker.check(repair_workbook_with_problems(), "维修回访.xlsx", "zh")
    assert list(result) == [
        "version",
        "file",
        "form",
        "form_title",
        "rows",
        "errors",
        "warnings",
        "valid",
        "fatal",
        "problems",
        "markable",
        "due",
    ]
    assert set(result["problems"][0]) == {
        "code",
        "severity",
        "file",
        "row",
        "column",
        "field",
        "value",
        "message",
        "article",
        "article_url",
        "form_url",
        "cell",
    }


def test_each_problem_names_its_cell_under_a_title_row(project_cwd: Path) -> None:
    result = checker.check(repair_workbook_with_problems(), "维修回访.xlsx", "zh")
    cells = {(p["code"], p["cell"]) for p in result["problems"]}
    # row 1 is the title, row 2 the header: the third sample row is spreadsheet row 4
    assert {("required", "A4"), ("enum", "D6"), ("formula-injection", "R10")} <= cells
    share = next(p for p in result["problems"] if p["code"] == "rule-share")
    assert share["cell"] is None  # a rule over the whole register has no cell
    assert [p["severity"] for p in result["problems"]][-1] == "warning"


def test_a_forced_form_is_the_commands_form_option(project_cwd: Path, tmp_path: Path) -> None:
    data = csv_bytes(rows_of("visit_record"))
    page = checker.check(data, "走访.csv", "en", form_id="complaint_register")
    command = command_json(tmp_path, "走访.csv", data, "en", "--form", "complaint_register")
    assert page["fatal"]["code"] == command["files"][0]["fatal"]["code"] == "no-header"


def test_the_check_imports_neither_click_frictionless_nor_jieba(root: Path, tmp_path: Path) -> None:
    (tmp_path / "r.xlsx").write_bytes(repair_workbook_with_problems())
    code = (
        "import sys; from pathlib import Path; from handbook import checker; "
        "r = checker.check(Path('r.xlsx').read_bytes(), 'r.xlsx'); assert r['errors'], r; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'click', 'frictionless', 'jieba', 'mkdocs'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**os.environ, "HANDBOOK_FORMS": str(root / "forms")},
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_bundle_holds_only_pure_python_and_is_the_same_every_build(root: Path) -> None:
    data = checker_bundle.python_zip(root)
    assert data == checker_bundle.python_zip(root)  # stable bytes: caches and ETags stay valid
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    for wanted in (
        "handbook/checker.py",
        "handbook/_shipped/policy.yaml",
        "handbook/_shipped/forms/repair_followup.yaml",
        "handbook/_shipped/docs/zh/rules/s16.md",
        "openpyxl/__init__.py",
        "et_xmlfile/__init__.py",
        "yaml/__init__.py",
    ):
        assert wanted in names
    assert not [n for n in names if not n.endswith((".py", ".yaml", ".md", ".pickle"))]
    assert not [n for n in names if n.startswith("handbook/site/") or "__pycache__" in n]


def test_the_bundle_alone_checks_a_register(root: Path, tmp_path: Path) -> None:
    """Unzipped and nothing else (no venv, no ./forms): what the page's worker has."""
    zipfile.ZipFile(io.BytesIO(checker_bundle.python_zip(root))).extractall(tmp_path / "sp")
    (tmp_path / "r.xlsx").write_bytes(repair_workbook_with_problems())
    code = (
        "import sys; sys.path.insert(0, 'sp'); from pathlib import Path; "
        "from handbook import checker; import json; "
        "r = checker.check(Path('r.xlsx').read_bytes(), 'r.xlsx', 'en'); "
        "print(json.dumps([r['form'], r['errors'], r['warnings'], "
        "[(p['cell'], p['article_url'], p['form_url']) for p in r['problems']]]))"
    )
    out = subprocess.run(
        [sys.executable, "-S", "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    here = checker.check(repair_workbook_with_problems(), "r.xlsx", "en")
    expected = [
        here["form"],
        here["errors"],
        here["warnings"],
        [[p["cell"], p["article_url"], p["form_url"]] for p in here["problems"]],
    ]
    assert json.loads(out.stdout) == expected
    assert expected[0] == "repair_followup" and expected[1] > 0
    assert "rules/s16/#RV-16.1" in {p[1] for p in expected[3]}


def test_a_missing_pyodide_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(checker_bundle.BundleError, match="npm ci"):
        checker_bundle.pyodide_dir(tmp_path)


def test_the_page_can_give_the_register_back_marked(project_cwd: Path) -> None:
    from openpyxl import load_workbook

    data = repair_workbook_with_problems()
    marked = checker.annotated(data, "维修回访.xlsx", "en")
    book = load_workbook(io.BytesIO(marked))
    cells = {p["cell"] for p in checker.check(data, "维修回访.xlsx", "en")["problems"] if p["cell"]}
    register = book.worksheets[1]
    assert book.sheetnames[0] == "Problems"
    assert {c.coordinate for row in register.iter_rows() for c in row if c.comment} == cells
    assert checker.annotated(b"", "empty.csv") == b""
