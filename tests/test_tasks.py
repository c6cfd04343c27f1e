"""Task pages: tasks.yaml refers to real settings, forms and articles, and the pages follow policy.yaml."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from handbook.errors import FormFileError
from handbook.load.articles import article_index
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.load.tasks import load_tasks
from handbook.site.tasks import task_page, tasks_list

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")
POLICY = load_policy(ROOT / "policy.yaml")
TASKS = load_tasks(ROOT / "tasks.yaml", POLICY, FORMS)
INDEX = article_index(ROOT / "docs")
FULL_WIDTH = re.compile("[、，。；：（）［］！？【】「」]")
ISSUE_TASKS = {
    "投诉来了",
    "维修完成后",
    "每月走访",
    "年度意见调查",
    "工程竣工后",
    "热线回访",
    "座谈会与楼长会",
}


def test_the_seven_tasks_of_the_issue_have_a_page_in_each_language_and_a_place_in_the_nav() -> None:
    assert {t.title.zh for t in TASKS} == ISSUE_TASKS
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for task in TASKS:
        for lang in ("zh", "en"):
            page = ROOT / "docs" / lang / "tasks" / f"{task.id}.md"
            assert f'task_page("{task.id}")' in page.read_text(encoding="utf-8"), page
        assert nav.count(f"- tasks/{task.id}.md") == 2, task.id


@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.id)
def test_a_task_names_real_articles_registers_and_checklists(task) -> None:  # type: ignore[no-untyped-def]
    assert set(task.articles()) <= set(INDEX), set(task.articles()) - set(INDEX)
    assert all(FORMS[f].kind == "register" for f in task.forms)
    assert all(FORMS[c].kind == "checklist" for c in task.checklists)


@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.id)
def test_a_task_shows_every_setting_its_registers_are_checked_against(task) -> None:  # type: ignore[no-untyped-def]
    used = {
        value
        for form_id in task.forms
        for rule in FORMS[form_id].rules
        for value in rule.values()
        if isinstance(value, str) and value in POLICY.settings
    }
    assert used <= set(task.settings), f"{task.id}: add {used - set(task.settings)} to settings"


def test_a_change_of_policy_changes_the_page(tmp_path: Path) -> None:
    text = (ROOT / "policy.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "policy.yaml"
    changed.write_text(
        text.replace(
            "complaint_reply_hours:\n  value: 24", "complaint_reply_hours:\n  value: 12"
        ).replace(
            "{safety_facility: 2, leak: 3, other: 7}", "{safety_facility: 1, leak: 5, other: 10}"
        ),
        encoding="utf-8",
    )
    policy = load_policy(changed)
    tasks = {t.id: t for t in load_tasks(ROOT / "tasks.yaml", policy, FORMS)}
    before = task_page(
        {t.id: t for t in TASKS}["complaint"], POLICY, FORMS, INDEX, "zh", "tasks/complaint/"
    )
    after = task_page(tasks["complaint"], policy, FORMS, INDEX, "zh", "tasks/complaint/")
    assert "<strong>24 小时</strong>内答复" in before
    assert "<strong>12 小时</strong>内答复" in after and "24 小时</strong>内答复" not in after
    repair = task_page(tasks["repair"], policy, FORMS, INDEX, "en", "tasks/repair/")
    assert "<strong>1 day</strong>" in repair and "<strong>5 days</strong>" in repair
    assert "<strong>10 days</strong>" in repair and "7 days" not in repair


def test_where_articles_disagree_the_page_says_which_value_applies_and_why() -> None:
    page = task_page(TASKS[0], POLICY, FORMS, INDEX, "en", "tasks/complaint/")
    section = page.split("## Where the articles disagree", 1)[1].split("## ", 1)[0]
    for value in ("24 hours", "the same day", "three days at most", "a separate duty"):
        assert value in section
    assert "The validator checks registers against <strong>24 hours</strong>" in section
    assert html.escape(POLICY["complaint_reply_hours"].note.en) in section  # type: ignore[union-attr]
    for article in ("RV-1.1.2.1", "RV-11.3", "RV-15.1.3", "RV-13.2"):
        assert f"#{article}" in section


@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.id)
def test_english_task_pages_use_english_punctuation(task) -> None:  # type: ignore[no-untyped-def]
    page = task_page(task, POLICY, FORMS, INDEX, "en", f"tasks/{task.id}/")
    assert not FULL_WIDTH.findall(re.sub(r"<[^>]+>", "", page)), task.id
    assert ", " in page and "、" not in page


def test_links_from_a_task_page_reach_forms_downloads_and_articles() -> None:
    page = task_page(TASKS[1], POLICY, FORMS, INDEX, "en", "tasks/repair/")
    assert 'href="../../forms/repair_followup/"' in page
    assert 'href="../../../downloads/' in page  # downloads sit at the site root, above en/
    assert 'href="../../rules/s16/#RV-16.2"' in page
    assert 'href="tasks/repair/"' in tasks_list(TASKS, "en", "")


def test_an_unknown_setting_is_reported_at_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "tasks.yaml"
    shutil.copy(ROOT / "tasks.yaml", broken)
    text = broken.read_text(encoding="utf-8").replace(
        "{complaint_followup_share}", "{no_such_setting}"
    )
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(FormFileError) as caught:
        load_tasks(broken, POLICY, FORMS)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "no_such_setting" in row)
    assert caught.value.params["line"] <= line and "no_such_setting" in str(caught.value.params)
