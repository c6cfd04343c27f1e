"""When each page last changed, read from git.

Git is asked once per file (``git log -1``). A date is only given when git
can vouch for it:

- a file git does not track (not committed yet) has no date;
- a file changed in the working tree since its last commit has no date (the
  change is not recorded anywhere yet);
- in a shallow clone (CI's usual ``--depth 1``), a file whose last change
  lies before the clone's oldest commit would get that commit's date, which
  is wrong: a date coming from a shallow boundary commit is dropped;
- no git, or not a repository: no dates at all.

A missing date is ``None``; the page then shows none. Nothing is printed and
no exception escapes for any of these cases.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from handbook.messages import sections
from handbook.model.urls import lang_dir

RULE_PAGE = re.compile(r"(?:^|/)(?P<lang>[a-z]{2})/rules/s(?P<section>\d{2})\.md$")

_LABEL = sections("history")
_STALE = sections("stale-translations")


def _git(repo: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def _shallow_boundaries(repo: Path) -> frozenset[str]:
    path = _git(repo, "rev-parse", "--git-path", "shallow")
    if not path:
        return frozenset()
    shallow = Path(path) if Path(path).is_absolute() else repo / path
    try:
        return frozenset(shallow.read_text(encoding="ascii").split())
    except OSError:
        return frozenset()


def last_change(path: Path, repo: Path) -> dt.date | None:
    """The date of the last commit that changed ``path``, when git can vouch for it."""
    path, repo = Path(path).resolve(), Path(repo).resolve()
    try:
        rel = path.relative_to(repo).as_posix()
    except ValueError:
        return None
    if _git(repo, "status", "--porcelain", "--", rel):
        return None  # untracked, or changed since the last commit
    line = _git(repo, "log", "-1", "--format=%H %cs", "--", rel)
    if not line:
        return None
    commit, _, day = line.partition(" ")
    if commit in _shallow_boundaries(repo):
        return None
    try:
        return dt.date.fromisoformat(day)
    except ValueError:
        return None


def revision_label(date: dt.date, lang: str) -> str:
    """The text a page shows for its last change, in ``lang``."""
    return _LABEL["en" if lang == "en" else "zh"]["label"].format(date=date.isoformat())


def rule_page(path: str | Path) -> tuple[str, int] | None:
    """``(lang, section)`` when ``path`` is a regulation page ``<lang>/rules/sNN.md``."""
    match = RULE_PAGE.search(Path(path).as_posix())
    return (match["lang"], int(match["section"])) if match else None


def section_dates(docs: Path, repo: Path, lang: str) -> dict[int, dt.date | None]:
    """Every regulation page of ``lang`` → the date of its last change (``None`` if unknown)."""
    folder = Path(docs) / lang / "rules"
    dates: dict[int, dt.date | None] = {}
    for page in sorted(folder.glob("s[0-9][0-9].md")):
        found = rule_page(page)
        if found:
            dates[found[1]] = last_change(page, repo)
    return dates


_ROW = re.compile(r"^\|\s*(\d{4}-\d{2}-\d{2})\s*\|([^|]*)\|")
_RANGE = re.compile(r"RV-(\d{1,2})\s*(?:至|到|to|-|–)\s*RV-(\d{1,2})")
_ARTICLE = re.compile(r"RV-(\d{1,2})(?:\.\d{1,2})*")


def changelog_rows(markdown: str) -> list[tuple[dt.date, set[int]]]:
    """The rows of a change-log table: ``(date, sections of the articles named)``.

    The article cell names ids (``RV-16.2``) or a range (``RV-1 至 RV-17``).
    """
    rows = []
    for line in markdown.splitlines():
        match = _ROW.match(line.strip())
        if not match:
            continue
        cell = match.group(2)
        sections = {n for a, b in _RANGE.findall(cell) for n in range(int(a), int(b) + 1)}
        sections |= {int(n) for n in _ARTICLE.findall(_RANGE.sub("", cell))}
        rows.append((dt.date.fromisoformat(match.group(1)), sections))
    return rows


def unrecorded(
    dates: dict[int, dt.date | None], rows: list[tuple[dt.date, set[int]]]
) -> dict[int, dt.date]:
    """Sections changed (per git) after the change log's latest row naming them."""
    missing = {}
    for section, changed in dates.items():
        logged = [day for day, sections in rows if section in sections]
        if changed is not None and (not logged or max(logged) < changed):
            missing[section] = changed
    return missing


def _commit_times(folder: Path, repo: Path) -> dict[str, int]:
    """Every file under ``folder`` (path relative to ``repo``) → when its last commit was made.

    One ``git log`` for the whole folder; a file whose last commit is a shallow boundary
    gets no time (its real last change may be older).
    """
    rel = folder.resolve().relative_to(repo.resolve()).as_posix()
    out = _git(repo, "log", "--format=%x00%H %ct", "--name-only", "--", rel)
    if not out:
        return {}
    shallow = _shallow_boundaries(repo)
    times: dict[str, int] = {}
    for entry in out.split("\0")[1:]:
        head, *names = entry.strip().splitlines()
        commit, _, seconds = head.partition(" ")
        for name in names:
            if name and name not in times:
                times[name] = -1 if commit in shallow or not seconds.isdigit() else int(seconds)
    return {name: t for name, t in times.items() if t >= 0}


def stale_translations(
    docs: Path, repo: Path, source: str = "zh", other: str = "en"
) -> list[tuple[str, dt.date, dt.date]]:
    """Pages whose ``source`` text was committed after their ``other``-language twin.

    ``(path under docs/<lang>/, source's date, twin's date)``, in path order. A page
    git cannot date (untracked, shallow boundary) is left out: nothing is guessed.
    """
    docs, repo = Path(docs).resolve(), Path(repo).resolve()
    times = _commit_times(docs, repo)
    base = docs.relative_to(repo).as_posix()
    stale = []
    for page in sorted((docs / source).rglob("*.md")):
        rel = page.relative_to(docs / source).as_posix()
        changed = times.get(f"{base}/{source}/{rel}")
        translated = times.get(f"{base}/{other}/{rel}")
        if changed is not None and translated is not None and changed > translated:
            day = lambda t: dt.datetime.fromtimestamp(t, dt.UTC).date()  # noqa: E731
            stale.append((rel, day(changed), day(translated)))
    return stale


def stale_table(stale: list[tuple[str, dt.date, dt.date]], lang: str, from_url: str) -> str:
    """The editors' list of English pages behind their Chinese source, linked to both."""
    w = _STALE["en" if lang == "en" else "zh"]
    if not stale:
        return w["none"]
    up = "../" * (from_url.strip("/").count("/") + 1) if from_url.strip("/") else ""
    rows = [f"| {' | '.join(w['head'])} |", "| --- | --- | --- |"]
    for rel, changed, translated in stale:
        url = rel[: -len("index.md")] if rel.endswith("index.md") else rel[: -len(".md")] + "/"
        zh_link = f"{up}{'../' if lang == 'en' else ''}{url}"
        en_link = f"{up}{'' if lang == 'en' else lang_dir('en')}{url}"
        rows.append(
            f'| <a href="{zh_link}">{rel}</a> · <a href="{en_link}">en</a> | {changed.isoformat()} | {translated.isoformat()} |'
        )
    return "\n".join(rows)
