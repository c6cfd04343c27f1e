"""handbook.site.history: last-change dates from git, in real throw-away repositories."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from handbook.site import history

ROOT = Path(__file__).resolve().parents[1]


def git(repo: Path, *args: str, date: str = "2026-01-05T10:00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    return subprocess.run(
        ["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "docs" / "zh" / "rules").mkdir(parents=True)
    git(repo, "init", "-q")
    a = repo / "docs" / "zh" / "rules" / "s01.md"
    b = repo / "docs" / "zh" / "rules" / "s02.md"
    a.write_text("一\n", encoding="utf-8")
    b.write_text("二\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first", date="2026-01-05T10:00:00")
    b.write_text("二，改\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "second", date="2026-02-07T10:00:00")
    return repo


def test_the_date_of_the_last_commit_that_changed_the_file(repo: Path) -> None:
    rules = repo / "docs" / "zh" / "rules"
    assert history.last_change(rules / "s01.md", repo) == dt.date(2026, 1, 5)
    assert history.last_change(rules / "s02.md", repo) == dt.date(2026, 2, 7)
    assert history.section_dates(repo / "docs", repo, "zh") == {
        1: dt.date(2026, 1, 5),
        2: dt.date(2026, 2, 7),
    }


def test_no_date_for_uncommitted_work(repo: Path) -> None:
    rules = repo / "docs" / "zh" / "rules"
    (rules / "s01.md").write_text("一，未提交\n", encoding="utf-8")
    (rules / "s03.md").write_text("三\n", encoding="utf-8")
    assert history.last_change(rules / "s01.md", repo) is None
    assert history.last_change(rules / "s03.md", repo) is None


def test_no_date_outside_a_repository(tmp_path: Path) -> None:
    page = tmp_path / "s01.md"
    page.write_text("x", encoding="utf-8")
    assert history.last_change(page, tmp_path) is None


def test_a_shallow_clone_gives_no_date_it_cannot_vouch_for(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(clone)],
        check=True,
        capture_output=True,
    )
    rules = clone / "docs" / "zh" / "rules"
    # both files exist in the single commit; git cannot tell when s01 changed
    assert history.last_change(rules / "s01.md", clone) is None
    assert history.last_change(rules / "s02.md", clone) is None
    deeper = tmp_path / "deeper"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", repo.as_uri(), str(deeper)],
        check=True,
        capture_output=True,
    )
    rules = deeper / "docs" / "zh" / "rules"
    assert history.last_change(rules / "s02.md", deeper) == dt.date(2026, 2, 7)
    assert history.last_change(rules / "s01.md", deeper) is None  # its commit is the boundary


def test_labels_and_rule_pages() -> None:
    day = dt.date(2026, 3, 5)
    assert history.revision_label(day, "zh") == "最后修改：2026-03-05"
    assert history.revision_label(day, "en") == "Last changed: 2026-03-05"
    assert history.rule_page("/x/docs/en/rules/s07.md") == ("en", 7)
    assert history.rule_page("/x/docs/zh/forms/s07.md") is None


def test_changelog_rows_read_ids_and_ranges() -> None:
    text = (
        "| 日期 | 条款 | 修改内容 | 理由 |\n| --- | --- | --- | --- |\n"
        "| 2026-11-28 | 全部（RV-1 至 RV-17） | 首次发布 | … |\n"
        "| 2026-12-03 | RV-16.2、RV-5.1 | 改 | 因 |\n"
    )
    assert history.changelog_rows(text) == [
        (dt.date(2026, 11, 28), set(range(1, 18))),
        (dt.date(2026, 12, 3), {16, 5}),
    ]
    rows = history.changelog_rows(text)
    assert history.unrecorded({16: dt.date(2026, 12, 3), 4: dt.date(2026, 12, 1)}, rows) == {
        4: dt.date(2026, 12, 1)
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_committed_change_of_a_rule_page_is_in_the_change_log(lang: str) -> None:
    """An editor who changes docs/<lang>/rules/sNN.md adds a row to editors/changelog.md."""
    dates = history.section_dates(ROOT / "docs", ROOT, lang)
    rows = history.changelog_rows(
        (ROOT / "docs" / lang / "editors" / "changelog.md").read_text(encoding="utf-8")
    )
    assert rows, "the change log has no rows"
    missing = history.unrecorded(dates, rows)
    assert not missing, (
        f"rule pages changed after the last change-log row that names them: {missing}; "
        f"add a row (date, articles, change, reason) to docs/zh/editors/changelog.md "
        f"and docs/en/editors/changelog.md"
    )


@pytest.mark.site
def test_a_rule_page_shows_the_date_git_vouches_for(tmp_path: Path) -> None:
    """The built page shows the date exactly when git has one (none in a shallow CI clone)."""
    import sys

    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "0"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for lang, url in (("zh", "rules/s16"), ("en", "en/rules/s16")):
        html = (out / url / "index.html").read_text(encoding="utf-8")
        date = history.last_change(ROOT / "docs" / lang / "rules" / "s16.md", ROOT)
        shown = history.revision_label(date, lang) if date else None
        if shown:
            assert shown in html, f"{url}: {shown!r} not shown"
        else:
            assert "md-source-file__fact" not in html, f"{url} shows a date git cannot vouch for"
    form = (out / "forms" / "complaint_register" / "index.html").read_text(encoding="utf-8")
    assert "md-source-file__fact" not in form  # only regulation pages carry the date
