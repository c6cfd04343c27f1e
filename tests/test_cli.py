"""The command line through CliRunner: every exit code, both languages."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.cli import cli

pytestmark = pytest.mark.usefixtures("project_cwd")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write_register(
    path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8-sig"
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


ZH_HEADER = [
    "投诉编号",
    "受理时间",
    "投诉方式",
    "投诉类别",
    "投诉内容摘要",
    "投诉性质",
    "是否有效投诉",
    "受理人",
]
EN_KEYS = [
    "complaint_no",
    "received_at",
    "channel",
    "category",
    "summary",
    "severity",
    "substantiated",
    "received_by",
]
GOOD_ROW = ["TS-2026-0001", "2026/3/5 09:30", "来电", "维修", "楼上渗水", "一般", "是", "客服 李**"]


def test_help_and_version() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "validate" in out and "Examples" in out
    from handbook.cli import cli as group

    assert set(group.commands) >= {"forms", "blank", "lint", "validate", "report"}
    for command in group.commands:
        code, out, _ = run(command, "--help")
        assert code == 0 and "Example" in out, command
    code, out, _ = run("--version")
    assert code == 0 and "handbook" in out


def test_forms_json_lists_ids_and_bilingual_titles() -> None:
    code, out, _ = run("forms", "--format", "json")
    assert code == 0
    listing = json.loads(out)
    entry = next(item for item in listing if item["id"] == "complaint_register")
    assert entry["title"] == {"zh": "客户投诉登记表", "en": "Complaint register"}
    assert entry["kind"] == "register"


@pytest.mark.parametrize(("lang", "first"), [("zh", "投诉编号"), ("en", "Complaint no.")])
def test_blank_csv_has_bom_and_titles_in_language(tmp_path: Path, lang: str, first: str) -> None:
    out = tmp_path / f"blank-{lang}.csv"
    code, _, _ = run(
        "blank", "complaint_register", "--format", "csv", "--lang", lang, "-o", str(out)
    )
    assert code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header[0] == first
    assert "是否按时" not in header and "On time" not in header  # derived: never typed in
    assert len(raw.decode("utf-8-sig").splitlines()) == 1


def test_blank_unknown_form_exits_2_with_known_forms(tmp_path: Path) -> None:
    code, _, err = run("blank", "nope", "-o", str(tmp_path / "x.csv"))
    assert code == 2
    assert "complaint_register" in err


def test_validate_sample_data_is_clean() -> None:
    code, out, _ = run("validate", "data/")
    assert code == 0, out
    assert "全部通过" in out


@pytest.mark.parametrize("header", [ZH_HEADER, EN_KEYS])
def test_validate_accepts_zh_titles_or_en_keys(tmp_path: Path, header: list[str]) -> None:
    path = write_register(tmp_path / "complaint_register" / "q1.csv", header, [GOOD_ROW])
    code, out, _ = run("validate", str(path))
    assert code == 0, out


def test_validate_reports_file_row_column_value_and_message_in_zh(tmp_path: Path) -> None:
    bad = list(GOOD_ROW)
    bad[1] = "2026-13-45 09:30"
    bad[2] = "飞鸽传书"
    path = write_register(tmp_path / "complaint_register" / "q1.csv", ZH_HEADER, [GOOD_ROW, bad])
    code, out, _ = run("validate", str(path))
    assert code == 1
    assert str(path) in out
    assert "第 3 行 B3 格 [受理时间]" in out and "“2026-13-45 09:30”不是有效的日期时间" in out
    assert "第 3 行 C3 格 [投诉方式]" in out and "飞鸽传书" in out and "来访" in out


def test_validate_messages_in_english(tmp_path: Path) -> None:
    bad = list(GOOD_ROW)
    bad[0] = "2026-1"
    path = write_register(tmp_path / "complaint_register" / "q1.csv", EN_KEYS, [bad, bad])
    code, out, _ = run("validate", str(path), "--lang", "en")
    assert code == 1
    assert (
        "row 2, cell A2 [complaint_no]: '2026-1' does not have the expected form, e.g. TS-2026-0001"
        in out
    )


def test_validate_duplicate_and_required(tmp_path: Path) -> None:
    missing = list(GOOD_ROW)
    missing[4] = ""
    path = write_register(
        tmp_path / "complaint_register" / "q1.csv", ZH_HEADER, [GOOD_ROW, missing]
    )
    code, out, _ = run("validate", str(path), "--format", "json", "--lang", "en")
    assert code == 1
    report = json.loads(out)
    codes = {(p["code"], p["row"], p["column"]) for p in report["problems"]}
    assert ("unique", 3, "投诉编号") in codes
    assert ("required", 3, "投诉内容摘要") in codes
    assert set(report["problems"][0]) == {
        "code",
        "severity",
        "file",
        "row",
        "column",
        "cell",
        "field",
        "value",
        "message",
        "article",
        "article_url",
        "form_url",
    }
    assert report["version"] == 1
    assert set(report) == {"version", "valid", "exit_code", "summary", "files", "problems"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_validate_missing_file_exits_2_with_a_message(tmp_path: Path, lang: str) -> None:
    code, out, _ = run("validate", str(tmp_path / "nope.csv"), "--lang", lang)
    assert code == 2
    assert "nope.csv" in out
    assert ("does not exist" in out) if lang == "en" else ("找不到" in out)


def test_validate_binary_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "complaint_register" / "photo.csv"
    path.parent.mkdir()
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, out, _ = run("validate", str(path), "--lang", "en")
    assert code == 2
    assert "neither a text (CSV) nor a spreadsheet" in out


def test_validate_unknown_form_exits_2(tmp_path: Path) -> None:
    path = write_register(tmp_path / "x.csv", ZH_HEADER, [GOOD_ROW])
    code, _, err = run("validate", str(path), "--form", "nope", "--lang", "en")
    assert code == 2
    assert "Unknown form 'nope'" in err and "complaint_register" in err


def test_validate_never_writes_its_input(tmp_path: Path) -> None:
    path = write_register(
        tmp_path / "complaint_register" / "q1.csv", ZH_HEADER, [GOOD_ROW, GOOD_ROW]
    )
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    stat = path.stat().st_mtime_ns
    run("validate", str(path))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert path.stat().st_mtime_ns == stat


def test_lint_project_forms_clean_and_broken_forms_exit_2(data: Path) -> None:
    code, _, _ = run("lint")
    assert code == 0
    code, out, _ = run("lint", "--forms", str(data / "forms/broken"))
    assert code == 2
    lines = out.strip().splitlines()
    assert all(":" in line and line.split(":")[1].isdigit() for line in lines)
    assert any("unknown_type.yaml:6:" in line and "phone_number" in line for line in lines)


def _stderr_of_validate(path: Path, on_a_terminal: bool) -> str:
    """``handbook validate PATH --lang en`` in a subprocess, its stderr a pseudo-terminal or a pipe."""
    import os
    import pty
    import subprocess
    import sys

    args = [sys.executable, "-m", "handbook", "validate", str(path), "--lang", "en"]
    if not on_a_terminal:
        done = subprocess.run(args, capture_output=True, timeout=120)
        return done.stderr.decode("utf-8", "replace")
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_on_a_terminal_only(tmp_path: Path) -> None:
    """Rows read so far show on stderr when it is a terminal (a pseudo-terminal here), never in a pipe."""
    rows = [[f"TS-2026-{i:04d}", *GOOD_ROW[1:]] for i in range(70_000 // 10)]
    path = write_register(tmp_path / "complaint_register" / "big.csv", ZH_HEADER, rows * 10)
    on_a_terminal = _stderr_of_validate(path, on_a_terminal=True)
    assert "65,536 rows read" in on_a_terminal
    assert "rows read" not in _stderr_of_validate(path, on_a_terminal=False)


def test_a_broken_policy_file_names_its_file_and_line(tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    forms.mkdir()
    root = Path(__file__).resolve().parents[1]
    (forms / "complaint_register.yaml").write_bytes(
        (root / "forms" / "complaint_register.yaml").read_bytes()
    )
    (tmp_path / "policy.yaml").write_text(
        "complaint_reply_hours:\n  value: [24\n", encoding="utf-8"
    )
    code, _, err = run("validate", "data/", "--forms", str(forms), "--lang", "en")
    assert code == 2
    assert err.startswith(f"{tmp_path / 'policy.yaml'}:3: YAML does not parse")


def test_progress_is_shown_when_stderr_is_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from handbook.cli import validate as cli_module

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    rows = cli_module._row_progress("en")
    files = cli_module._progress(2, "zh")
    assert rows is not None and files is not None
    rows("big.csv", 65_536)
    files(0, cli_module.FileResult("a.csv", None, 0, []))
    files(1, cli_module.FileResult("b.csv", None, 0, []))
    err = capsys.readouterr().err
    assert "big.csv: 65,536 rows read" in err
    assert "已检查 1/2: a.csv" in err and "已检查 2/2: b.csv" in err
