"""The workflow and pre-commit hook we hand to data repositories actually work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
HANDBOOK = Path(sys.executable).parent / "handbook"


def workflow_command() -> str:
    workflow = yaml.safe_load((ROOT / "ci/github-workflow.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    return next(step["run"] for step in steps if "handbook validate" in step.get("run", ""))


def test_the_workflow_command_passes_on_the_sample_data(tmp_path: Path) -> None:
    command = workflow_command()
    assert command.startswith("handbook validate data/ --format github")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    args = [str(HANDBOOK), *command.split()[1:]]
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error" not in result.stdout
    assert summary.read_text(encoding="utf-8").startswith("## ")


def test_the_workflow_command_fails_and_annotates_a_bad_register(tmp_path: Path) -> None:
    bad = tmp_path / "data" / "complaint_register" / "bad.csv"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "投诉编号,受理时间,投诉方式,投诉类别,投诉内容摘要,投诉性质,是否有效投诉,受理人\n"
        "TS-2026-01,2026-02-30 10:00,来电,维修,漏水,一般,是,客服 李**\n",
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "HANDBOOK_FORMS": str(ROOT / "forms")}
    args = [str(HANDBOOK), *workflow_command().split()[1:]]
    result = subprocess.run(
        args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert lines and all(
        line.startswith("::error file=data/complaint_register/bad.csv,line=2,") for line in lines
    )
    assert "TS-2026-01" in summary.read_text(encoding="utf-8")


def test_pre_commit_hook_runs_the_validator() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = hooks[0]
    assert hook["entry"] == "handbook validate" and hook["pass_filenames"] is True
    sample = next((ROOT / "data").rglob("*.csv"))
    result = subprocess.run(
        [str(HANDBOOK), "validate", str(sample)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout


def test_the_installed_package_validates_a_data_repository_on_its_own(tmp_path: Path) -> None:
    """What the workflow installs works in a repository that has no forms of its own."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    target = tmp_path / "site"
    wheel = next(wheels.glob("handbook-*.whl"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    repo = tmp_path / "repo"
    sample = next((ROOT / "data" / "complaint_register").glob("*.csv"))
    (repo / "data" / "complaint_register").mkdir(parents=True)
    (repo / "data" / "complaint_register" / sample.name).write_bytes(sample.read_bytes())
    env = {k: v for k, v in os.environ.items() if k != "HANDBOOK_FORMS"}
    env["PYTHONPATH"] = str(target)
    result = subprocess.run(
        [sys.executable, "-m", "handbook", "validate", "data/", "--format", "json"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = __import__("json").loads(result.stdout)
    assert report["files"][0]["form"] == "complaint_register"
    assert (
        str(target)
        in subprocess.run(
            [sys.executable, "-c", "import handbook, sys; print(handbook.__file__)"],
            env=env,
            cwd=repo,
            capture_output=True,
            text=True,
        ).stdout
    )
