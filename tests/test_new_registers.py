"""``handbook new-registers``: a registers repository that validates and reports at once."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from handbook.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_new_repository_validates_and_reports_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    repo = tmp_path / "registers"
    result = _run("new-registers", str(repo), "--lang", lang, "--forms", str(ROOT / "forms"))
    assert result.exit_code == 0, result.stderr
    estate = next(p.parent for p in repo.rglob("property.yaml"))
    assert (estate / "complaint_register").is_dir() and (repo / "README.md").is_file()
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "property.yaml" in readme and "## 给 IT 的说明" in readme and "## For IT" in readme
    # the workflow's own commands, run in the new repository, pass
    monkeypatch.chdir(repo)
    monkeypatch.setenv("HANDBOOK_FORMS", str(ROOT / "forms"))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    workflow = yaml.safe_load(
        (repo / ".github/workflows/registers.yml").read_text(encoding="utf-8")
    )
    commands = [
        s["run"] for s in workflow["jobs"]["check"]["steps"] if "handbook" in s.get("run", "")
    ]
    assert len(commands) == 2
    for command in commands:
        result = _run(*shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.stdout, result.stderr)
    assert (repo / "indicators" / "index.html").is_file()
    strict = _run("validate", ".", "--strict-periods", "--format", "json")
    assert strict.exit_code == 0 and json.loads(strict.stdout)["summary"]["errors"] == 0
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = hooks["repos"][0]["hooks"][0]
    assert hook["entry"] == "handbook validate"
    template = next(estate.rglob("*.csv"))
    assert _run(*shlex.split(hook["entry"])[1:], str(template)).exit_code == 0
    report = _run("report", ".", "--by", "estate", "--format", "json")
    assert report.exit_code == 0
    assert len(json.loads(report.stdout)["estates"]) == 1


def test_new_registers_never_writes_into_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "keep.csv").write_text("x\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["new-registers", str(tmp_path), "--forms", str(ROOT / "forms")]
    )
    assert result.exit_code == 2
    assert str(tmp_path) in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.csv"]
