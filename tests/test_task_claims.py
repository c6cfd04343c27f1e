"""Task pages say exactly what the rules say (issue 22).

Each step of ``tasks.yaml`` names the kind of claim it makes and the articles it rests
on; these tests read the rendered pages in both languages and check that:

- every number on a task page is a value of a policy setting that one of the step's
  articles sets, or is written in a cited article's own text;
- every article cited (steps, settings, checklists) exists;
- a company choice shows as such, with its setting's note, and nothing else does;
- tasks.yaml fails to load, at the step's line, for every claim the sources do not back
  (generated for every number of every step);
- the printed checklists agree with the task pages they share articles with (numbers,
  posts);
- a zh term of the glossary in a step, a policy title or a checklist item has its one
  English term in the English text; English amounts are written 10%, never 10 %.
"""

from __future__ import annotations

import html
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.errors import FormFileError
from handbook.load.articles import article_index
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.load.tasks import load_tasks
from handbook.model.task import Step, Task
from handbook.site.tasks import task_page

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")
POLICY = load_policy(ROOT / "policy.yaml")
INDEX = article_index(ROOT / "docs")
TASKS = load_tasks(ROOT / "tasks.yaml", POLICY, FORMS, INDEX)
LANGS = ("zh", "en")

ART = re.compile(r"""\{\{\s*art\(\s*["']([^"']+)["']\s*\)\s*\}\}""")
TAG = re.compile(r"<[^>]+>")
ARTICLE_ID = re.compile(r"RV-\d+(?:\.\d+)*")
SECTION_REF = re.compile(r"第\s*\d+\s*[节部]|[Ss]ections?\s+\d+(?:\s+and\s+\d+)?")
ZH_DIGIT = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
ZH_NUMBER = re.compile(
    "([一二两三四五六七八九十]+)(?=个?(?:天|次|小时|年|月|周|份|项|人|季|日|部分))"
)
EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
EN_NUMBER = re.compile(
    r"\b((?<!at )once|twice|(?:"
    + "|".join(EN_WORDS)
    + r")(?=\s+(?:days?|hours?|times|months?|years?|weeks?|items?)\b))",
    re.I,
)
DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _zh_value(numeral: str) -> int:
    if numeral == "十":
        return 10
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return ZH_DIGIT.get(tens, 1) * 10 + ZH_DIGIT.get(ones, 0)
    return ZH_DIGIT[numeral]


def numbers_in(text: str) -> set[float]:
    """The numbers a reader sees in ``text``: digits, 三天, three days, once; not article ids."""
    text = SECTION_REF.sub("", ARTICLE_ID.sub("", html.unescape(TAG.sub(" ", text))))
    found = {float(m) for m in DIGITS.findall(text)}
    found |= {float(_zh_value(m)) for m in ZH_NUMBER.findall(text)}
    for m in EN_NUMBER.findall(text):
        word = m.lower()
        found.add(float({"once": 1, "twice": 2}.get(word, EN_WORDS.get(word, 0))))
    return found


def setting_numbers(key: str) -> set[float]:
    """Every number a setting's value shows: 24, 3 days, 10% (0.1), 1/3/6/12, its days."""
    setting = POLICY[key]
    values = setting.value
    items = list(values.values()) if isinstance(values, dict) else values
    items = items if isinstance(items, list) else [items]
    found: set[float] = {float(len(items))} if isinstance(values, (list, dict)) else set()
    for v in items:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            continue
        found.add(float(v))
        if setting.unit == "share":
            found.add(round(v * 100, 6))
        if setting.unit == "hours" and v % 24 == 0:
            found.add(float(v // 24))
    return found


def _article_texts() -> dict[str, str]:
    """Each article's own zh text (to the next article), by id."""
    texts: dict[str, str] = {}
    for page in sorted((ROOT / "docs" / "zh" / "rules").glob("s*.md")):
        parts = ART.split(page.read_text(encoding="utf-8"))
        for art_id, text in zip(parts[1::2], parts[2::2], strict=True):
            texts[art_id] = re.sub(r"\{\{.*?\}\}", "", text.split("!!!", 1)[0])
    return texts


ARTICLES = _article_texts()


def steps_html(task: Task, lang: str) -> list[str]:
    """The rendered ``<li>`` of each step, in order."""
    page = task_page(task, POLICY, FORMS, INDEX, lang, f"tasks/{task.id}/")
    ol = page.split('<ol class="hb-steps">', 1)[1].split("</ol>", 1)[0]
    items = re.findall(r"<li[^>]*>(.*?)</li>", ol, re.S)
    assert len(items) == len(task.steps)
    return items


def backing_numbers(step: Step) -> set[float]:
    """Numbers a step may show: values of settings its articles set, and its articles' own."""
    allowed: set[float] = set()
    for key, setting in POLICY.settings.items():
        if set(setting.clauses) & set(step.articles):
            allowed |= setting_numbers(key)
    for article in step.articles:
        allowed |= numbers_in(ARTICLES.get(article, ""))
    return allowed


def _cases() -> Iterator[tuple[Task, int, str]]:
    for task in TASKS:
        for i in range(len(task.steps)):
            for lang in LANGS:
                yield task, i, lang


@pytest.mark.parametrize(
    ("task", "index", "lang"), list(_cases()), ids=lambda v: getattr(v, "id", str(v))
)
def test_every_number_in_a_step_is_backed_by_its_articles_or_their_settings(
    task: Task, index: int, lang: str
) -> None:
    step = task.steps[index]
    shown = numbers_in(steps_html(task, lang)[index])
    unbacked = shown - backing_numbers(step)
    assert not unbacked, (
        f"{task.id} step {index + 1} ({lang}) shows {sorted(unbacked)}, which neither "
        f"policy.yaml under a setting of {list(step.articles)} nor those articles give"
    )


@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.id)
def test_numbers_of_the_title_and_summary_are_backed_by_the_task(task: Task) -> None:
    allowed: set[float] = set()
    for step in task.steps:
        allowed |= backing_numbers(step)
    for key in task.settings:
        allowed |= setting_numbers(key)
    for lang in LANGS:
        shown = numbers_in(task.title.get(lang) + " " + task.summary.get(lang))
        assert shown <= allowed, (task.id, lang, shown - allowed)


def test_the_number_check_finds_numbers_in_every_form_a_reader_sees() -> None:
    """Self-check: digits, 三天, three days, once count; article ids and sections do not."""
    assert numbers_in("最长不超过三天，每年至少一次，24 小时") == {3.0, 1.0, 24.0}
    assert numbers_in("within three days at most, once a year, 10%") == {3.0, 1.0, 10.0}
    assert numbers_in("RV-12.2.2 and section 13; 第 13 节") == set()
    assert numbers_in("one row per complaint") == set()
    step = Step(TASKS[0].steps[0].text, ("RV-1.1.2.1",))
    assert 24.0 in backing_numbers(step) and 72.0 not in backing_numbers(step)


def test_every_cited_article_exists() -> None:
    """Steps, the settings a task page shows (alternatives too) and the checklists it prints."""
    missing = []
    for task in TASKS:
        cited = [a for s in task.steps for a in s.articles]
        for key in task.settings:
            cited += list(POLICY[key].clauses)
            cited += [a for alt in POLICY[key].alternatives for a in alt.get("clauses") or ()]
        for c in task.checklists:
            cited += [a for item in FORMS[c].checklist for a in item.clauses]
        missing += [f"{task.id}: {a}" for a in cited if a not in INDEX]
    assert not missing, missing


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("task", TASKS, ids=lambda t: t.id)
def test_a_company_choice_shows_as_such_with_its_note(task: Task, lang: str) -> None:
    word = "公司规定" if lang == "zh" else "a company rule"
    for step, item in zip(task.steps, map(html.unescape, steps_html(task, lang)), strict=True):
        keys = {k for k, _ in step.placeholders()}
        company = {k for k in keys if step.number_kind(k) == "company"}
        for key in company:
            note = POLICY[key].company
            assert note is not None and f"{word}：{note.get(lang)}" in item.replace(": ", "："), (
                task.id,
                key,
            )
        if not company:
            assert word not in item, (task.id, step.text.get(lang))
        if step.claim == "form":
            form = FORMS[str(step.form)]
            title = form.title.get(lang)
            assert title[1:] in item and f"forms/{form.id}/" in item
    page = html.unescape(task_page(task, POLICY, FORMS, INDEX, lang, f"tasks/{task.id}/"))
    table = page.split("| --- |", 1)
    for key in task.settings:
        row = next(r for r in table[-1].splitlines() if POLICY[key].title.get(lang) in r)
        assert (word in row) == (POLICY[key].company is not None), (task.id, key)


def test_the_days_of_a_complaint_follow_up_are_a_company_rule_on_both_pages() -> None:
    """The review's example: 3 days after closing is the company's, not RV-13.5's."""
    for task_id in ("complaint", "hotline"):
        task = next(t for t in TASKS if t.id == task_id)
        zh = "".join(steps_html(task, "zh"))
        en = "".join(steps_html(task, "en"))
        assert "<strong>3 天</strong>" in zh and "公司规定：汇编要求回访投诉，但未规定天数" in zh
        assert "a company rule: the compilation requires complaints to be followed up" in en


def test_the_complaint_page_keeps_three_duties_apart_and_says_which_is_checked() -> None:
    task = next(t for t in TASKS if t.id == "complaint")
    for lang, same_day, checked in (
        ("zh", "当天进行调查、核实", "检查程序核对 24 小时答复"),
        (
            "en",
            "Investigate and verify the matter the same day",
            "The validator checks the 24-hour reply",
        ),
    ):
        steps = steps_html(task, lang)
        by_article = {a: i for i, s in enumerate(task.steps) for a in s.articles}
        assert same_day in steps[by_article["RV-11.3"]]
        reply, remedial = task.steps[by_article["RV-1.1.2.1"]], task.steps[by_article["RV-13.2"]]
        assert reply is not remedial and "RV-13.2" not in reply.articles
        page = task_page(task, POLICY, FORMS, INDEX, lang, "tasks/complaint/")
        assert checked in page


# ---------------------------------------------------------------------------
# tasks.yaml refuses claims the sources do not back


def _edit_step(tmp_path: Path, task_id: str, index: int, **changes: object) -> Path:
    data = yaml.safe_load((ROOT / "tasks.yaml").read_text(encoding="utf-8"))
    step = next(t for t in data if t["id"] == task_id)["steps"][index]
    for key, value in changes.items():
        if value is None:
            step.pop(key, None)
        else:
            step[key] = value
    path = tmp_path / "tasks.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _numbers() -> Iterator[tuple[str, int, str]]:
    for task in TASKS:
        for i, step in enumerate(task.steps):
            for key in sorted({k for k, _ in step.placeholders()}):
                yield task.id, i, key


@pytest.mark.parametrize(("task_id", "index", "key"), list(_numbers()))
def test_every_number_of_every_step_fails_to_load_when_its_backing_is_removed(
    tmp_path: Path, task_id: str, index: int, key: str
) -> None:
    """Generated for each number: flip its kind, or drop the articles that set it."""
    step = next(t for t in TASKS if t.id == task_id).steps[index]
    numbers = dict(step.numbers)
    flipped = {**numbers, key: "policy" if step.number_kind(key) == "company" else "company"}
    claim = "article" if step.claim in ("policy", "company") else step.claim
    path = _edit_step(tmp_path, task_id, index, numbers=flipped, claim=claim)
    with pytest.raises(FormFileError) as caught:
        load_tasks(path, POLICY, FORMS, INDEX)
    assert caught.value.params["problem_code"] == "task-number-kind"
    if step.number_kind(key) == "policy":
        kept = [a for a in step.articles if a not in POLICY[key].clauses]
        path = _edit_step(tmp_path, task_id, index, articles=kept, claim="article")
        with pytest.raises(FormFileError) as caught:
            load_tasks(path, POLICY, FORMS, INDEX)
        assert caught.value.params["problem_code"] == "task-number-articles"
        assert key in str(caught.value.params["problem"])


STEPS = [(t.id, i) for t in TASKS for i in range(len(t.steps))]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(STEPS), st.data())
def test_a_step_loads_exactly_when_each_policy_number_keeps_an_article_that_sets_it(
    where: tuple[str, int], data: st.DataObject
) -> None:
    """Any subset of a step's articles: tasks.yaml loads iff every policy number on the step
    is still set by one of them (company numbers need none)."""
    task_id, index = where
    step = next(t for t in TASKS if t.id == task_id).steps[index]
    kept = data.draw(
        st.lists(st.sampled_from(step.articles), unique=True) if step.articles else st.just([])
    )
    backed = all(
        step.number_kind(key) == "company" or set(POLICY[key].clauses) & set(kept)
        for key, _ in step.placeholders()
    )
    with tempfile.TemporaryDirectory() as folder:
        path = _edit_step(Path(folder), task_id, index, articles=kept)
        if backed:
            load_tasks(path, POLICY, FORMS, INDEX)
        else:
            with pytest.raises(FormFileError) as caught:
                load_tasks(path, POLICY, FORMS, INDEX)
            assert caught.value.params["problem_code"] == "task-number-articles"


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"claim": None}, "claim"),
        ({"claim": "rule"}, "claim"),
        ({"claim": "form"}, "form"),
        ({"form": "complaint_register"}, "form"),
        ({"numbers": {"complaint_followup_days": "maybe"}}, "numbers"),
        ({"numbers": {"no_such": "company"}}, "numbers"),
    ],
)
def test_a_malformed_claim_is_reported_at_its_line(tmp_path: Path, changes: dict, key: str) -> None:
    path = _edit_step(tmp_path, "complaint", 0, **changes)
    with pytest.raises(FormFileError) as caught:
        load_tasks(path, POLICY, FORMS, INDEX)
    assert caught.value.params["problem"]["key"] == key and caught.value.params["line"] > 1


def test_a_step_citing_an_article_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    path = _edit_step(tmp_path, "complaint", 0, articles=["RV-11.2", "RV-99.9"])
    with pytest.raises(FormFileError) as caught:
        load_tasks(path, POLICY, FORMS, INDEX)
    assert caught.value.params["problem_code"] == "task-unknown-article"
    assert "RV-99.9" in caught.value.render("en") and "RV-99.9" in caught.value.render("zh")


def test_a_company_claim_needs_a_company_number(tmp_path: Path) -> None:
    path = _edit_step(tmp_path, "complaint", 0, claim="company")
    with pytest.raises(FormFileError) as caught:
        load_tasks(path, POLICY, FORMS, INDEX)
    assert caught.value.params["problem"]["key"] == "claim"


# ---------------------------------------------------------------------------
# The printed checklists agree with the task pages


#: posts, from the glossary: a checklist item and a step citing the same article name the same
POSTS = ("经理", "办公室主任", "管理处主任", "物管员", "班组", "责任部门", "管理处")


def _shared() -> Iterator[tuple[Task, str, int, int]]:
    for task in TASKS:
        for c in task.checklists:
            for n, item in enumerate(FORMS[c].checklist):
                for i, step in enumerate(task.steps):
                    if set(item.clauses) & set(step.articles):
                        yield task, c, n, i


def _posts(text: str) -> set[str]:
    found = set()
    for post in sorted(POSTS, key=len, reverse=True):
        if post in text:
            found.add(post)
            text = text.replace(post, "")
    return found


@pytest.mark.parametrize(
    ("task", "checklist", "item", "index"),
    list(_shared()),
    ids=lambda v: getattr(v, "id", str(v)),
)
def test_a_checklist_item_agrees_with_the_steps_that_cite_its_articles(
    task: Task, checklist: str, item: int, index: int
) -> None:
    entry = FORMS[checklist].checklist[item]
    shared = [i for i, s in enumerate(task.steps) if set(entry.clauses) & set(s.articles)]
    for lang in LANGS:
        steps = steps_html(task, lang)
        text = " ".join(steps[i] for i in shared)
        extra = numbers_in(entry.text.get(lang)) - numbers_in(text)
        assert not extra, (
            f"{checklist} item {entry.id} ({lang}) says {sorted(extra)}; the {task.id} steps "
            f"citing {sorted(entry.clauses)} do not"
        )
    posts = _posts(entry.text.zh) - _posts(" ".join(task.steps[i].text.zh for i in shared))
    assert not posts, f"{checklist} item {entry.id} names {posts}; the {task.id} steps do not"


def test_the_checklist_check_catches_a_different_number() -> None:
    """Self-check: the repair checklist's 24 hours agrees; 48 would not."""
    repair = next(t for t in TASKS if t.id == "repair")
    text = " ".join(steps_html(repair, "zh"))
    assert numbers_in("发现问题的，24 小时内书面通知") <= numbers_in(text)
    assert not numbers_in("发现问题的，48 小时内书面通知") <= numbers_in(text)


# ---------------------------------------------------------------------------
# One English term per glossary entry, and one percent style, beyond the rule pages


def _glossary_helpers() -> ModuleType:
    """The rule pages' glossary matcher (tests/test_content.py), reused as it is."""
    import test_content

    return test_content


def _pairs() -> Iterator[tuple[str, str, str]]:
    for task in TASKS:
        for i, step in enumerate(task.steps):
            yield f"tasks.yaml {task.id} step {i + 1}", step.text.zh, step.text.en
    for key, setting in POLICY.settings.items():
        yield f"policy.yaml {key} title", setting.title.zh, setting.title.en
    for form in FORMS.values():
        for item in form.checklist:
            yield f"{form.id} item {item.id}", item.text.zh, item.text.en


#: the glossary's posts: a post keeps its one English title wherever it is named
GLOSSARY_POSTS = {
    "管理处主任", "办公室主任", "主任", "项目经理", "物管员", "客服主管", "值班经理",
    "督导员", "维修负责人", "秩序维护员", "保洁员", "业主委员会", "楼长", "楼长会",
}  # fmt: skip


def test_posts_keep_their_one_english_title_on_task_policy_and_checklist_text() -> None:
    """The glossary test of the rule pages, for the posts, on the other texts staff read
    (a third title, "office manager", had crept into policy.yaml)."""
    helpers = _glossary_helpers()
    entries = [e for e in helpers.glossary() if e["zh"] in GLOSSARY_POSTS]
    assert len(entries) == len(GLOSSARY_POSTS)
    problems = []
    for where, zh, en in _pairs():
        text = helpers.normalise_en(en)
        for idx in sorted(helpers._entry_present_in_zh(zh, entries)):
            entry = entries[idx]
            if not any(helpers._en_contains(text, f) for f in helpers.en_forms(entry)):
                problems.append(f"{where}: {entry['zh']} -> {entry['en']!r} not in {en!r}")
    assert not problems, "\n".join(problems)


def _english_strings() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "docs" / "en").rglob("*.md")):
        # other owners' pages; the change log names the calques it removed
        if path.name not in ("validator.md", "checker.md", "changelog.md"):
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in (
        ROOT / "tasks.yaml",
        ROOT / "policy.yaml",
        *sorted((ROOT / "forms").glob("*.yaml")),
    ):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for value in _en_values(data):
            yield path.name, value


def _en_values(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "en" and isinstance(v, str):
                yield v
            else:
                yield from _en_values(v)
    elif isinstance(data, list):
        for v in data:
            yield from _en_values(v)


#: calques the review found; each has its plain English in the glossary or on the page
CALQUES = ("satisfaction level", "archived and kept", "registering them on file", "agreed time")


def test_english_uses_one_percent_style_and_none_of_the_reviewed_calques() -> None:
    problems = []
    for where, text in _english_strings():
        problems += [f"{where}: {m!r}" for m in re.findall(r"\d+ %", text)]
        problems += [f"{where}: {c!r}" for c in CALQUES if c in text.lower()]
    assert not problems, "\n".join(problems)
