"""Read ``tasks.yaml`` into ``Task`` objects, naming the line of the first problem.

References are checked here too, when the caller passes what they refer to: a
step naming a setting the policy lacks, an article that does not exist, or a task
naming an unknown form, is an error of ``tasks.yaml`` at its line, not a broken page.
So are claims the sources do not back: a number said to come from the policy whose
setting none of the step's articles set, a company choice whose setting in
``policy.yaml`` has no ``company`` note (or one without it that the step does not
call a company choice), a ``form`` step without its form.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from handbook.errors import FormFileError
from handbook.load.yamlio import LineDict, LineList, read_yaml
from handbook.model.form import Form, Text
from handbook.model.policy import Policy
from handbook.model.task import CLAIMS, NUMBER_KINDS, STEP_KEYS, TASK_KEYS, Step, Task


def _fail(path: Path, line: int, code: str, **params: Any) -> FormFileError:
    return FormFileError(
        "tasks-invalid", file=str(path), line=line, problem_code=code, problem=params
    )


def _text(path: Path, raw: LineDict, key: str, where: str) -> Text:
    value = raw.get(key)
    if not (isinstance(value, dict) and all(isinstance(value.get(k), str) for k in ("zh", "en"))):
        raise _fail(
            path, raw.line_of(key), "bad-value", where=where, key=key, expected="{zh: …, en: …}"
        )
    return Text(value["zh"], value["en"])


def _names(path: Path, raw: LineDict, key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, raw.line_of(key), "bad-value", where=where, key=key, expected="[…]")
    return tuple(value)


def _keys(path: Path, raw: Any, allowed: tuple[str, ...], where: str, line: int) -> LineDict:
    if not isinstance(raw, LineDict):
        raise _fail(path, line, "bad-value", where=where, key="-", expected="{…}")
    for key in raw:
        if key not in allowed:
            raise _fail(
                path,
                raw.line_of(key),
                "unknown-key",
                key=key,
                where=where,
                allowed=", ".join(allowed),
            )
    return raw


def _step(path: Path, step: LineDict, where: str) -> Step:
    """One step, its claim and the kind of each of its numbers, checked for shape."""
    claim = step.get("claim")
    if claim not in CLAIMS:
        raise _fail(
            path,
            step.line_of("claim") if "claim" in step else step.line,
            "bad-value",
            where=where,
            key="claim",
            expected=" | ".join(CLAIMS),
        )
    numbers = step.get("numbers", {})
    if not isinstance(numbers, dict) or not all(
        isinstance(k, str) and v in NUMBER_KINDS for k, v in numbers.items()
    ):
        raise _fail(
            path,
            step.line_of("numbers"),
            "bad-value",
            where=where,
            key="numbers",
            expected="{setting: " + " | ".join(NUMBER_KINDS) + "}",
        )
    form = step.get("form")
    if (claim == "form") != isinstance(form, str):
        raise _fail(
            path,
            step.line_of("form") if "form" in step else step.line,
            "bad-value",
            where=where,
            key="form",
            expected="a form id with claim: form, and only then",
        )
    result = Step(
        _text(path, step, "text", where),
        _names(path, step, "articles", where),
        step.line,
        str(claim),
        tuple(numbers.items()),
        form,
    )
    named = {key for key, _entry in result.placeholders()}
    if set(numbers) - named:
        raise _fail(
            path,
            step.line_of("numbers"),
            "bad-value",
            where=where,
            key="numbers",
            expected="only settings the text names: " + ", ".join(sorted(named)),
        )
    if claim in ("policy", "company") and claim not in {result.number_kind(k) for k in named}:
        raise _fail(
            path,
            step.line_of("claim"),
            "bad-value",
            where=where,
            key="claim",
            expected=f"a {{setting}} of kind {claim} in the text, or another claim",
        )
    return result


def _task(path: Path, raw: LineDict, line: int) -> Task:
    where = f"task {raw.get('id', '?')}"
    steps_raw = raw.get("steps")
    if not isinstance(steps_raw, LineList) or not steps_raw:
        raise _fail(
            path,
            raw.line_of("steps"),
            "bad-value",
            where=where,
            key="steps",
            expected="[{text: …}]",
        )
    steps = [
        _step(
            path,
            _keys(path, item, STEP_KEYS, f"{where}, step {i + 1}", steps_raw.lines[i]),
            f"{where}, step {i + 1}",
        )
        for i, item in enumerate(steps_raw)
    ]
    return Task(
        id=str(raw.get("id", "")),
        title=_text(path, raw, "title", where),
        summary=_text(path, raw, "summary", where),
        steps=tuple(steps),
        settings=_names(path, raw, "settings", where),
        forms=_names(path, raw, "forms", where),
        checklists=_names(path, raw, "checklists", where),
        line=line,
    )


def _check_numbers(path: Path, task: Task, step: Step, index: int, policy: Policy) -> None:
    """A number is the company's choice exactly when its setting says so, and a policy
    number is set by one of the step's own articles."""
    where = f"task {task.id}, step {index}"
    for key in sorted({key for key, _entry in step.placeholders()}):
        setting = policy.settings[key]
        kind = step.number_kind(key)
        if (kind == "company") != (setting.company is not None):
            raise _fail(path, step.line, "task-number-kind", where=where, key=key, kind=kind)
        if kind == "policy" and not set(setting.clauses) & set(step.articles):
            raise _fail(
                path,
                step.line,
                "task-number-articles",
                where=where,
                key=key,
                clauses=", ".join(setting.clauses) or "—",
            )


def _check_references(
    path: Path,
    task: Task,
    policy: Policy | None,
    forms: Mapping[str, Form] | None,
    articles: Collection[str] | None = None,
) -> None:
    where = f"task {task.id}"
    if articles is not None:
        for i, step in enumerate(task.steps, start=1):
            unknown = [a for a in step.articles if a not in articles]
            if unknown:
                raise _fail(
                    path,
                    step.line,
                    "task-unknown-article",
                    where=f"{where}, step {i}",
                    articles=", ".join(unknown),
                )
    if forms is not None:
        for step in task.steps:
            if step.form is not None and step.form not in forms:
                raise _fail(path, step.line, "unknown-form", form=step.form, known=", ".join(forms))
    if policy is not None:
        for step in task.steps:
            for key, entry in sorted(step.placeholders(), key=str):
                setting = policy.settings.get(key)
                ok = setting is not None and (
                    entry is None or (isinstance(setting.value, dict) and entry in setting.value)
                )
                if not ok:
                    name = key if entry is None else f"{key}.{entry}"
                    raise _fail(
                        path,
                        step.line,
                        "task-unknown-policy",
                        where=where,
                        key=name,
                        known=", ".join(policy.settings),
                    )
        for i, step in enumerate(task.steps, start=1):
            _check_numbers(path, task, step, i, policy)
        for key in task.settings:
            if key not in policy.settings:
                raise _fail(
                    path,
                    task.line,
                    "task-unknown-policy",
                    where=where,
                    key=key,
                    known=", ".join(policy.settings),
                )
    if forms is not None:
        for form_id in (*task.forms, *task.checklists):
            if form_id not in forms:
                raise _fail(path, task.line, "unknown-form", form=form_id, known=", ".join(forms))


def load_tasks(
    path: Path,
    policy: Policy | None = None,
    forms: Mapping[str, Form] | None = None,
    articles: Collection[str] | None = None,
) -> list[Task]:
    """Every task of ``tasks.yaml`` in file order; references checked against ``policy``,
    ``forms`` and the article ids ``articles`` (each when given)."""
    data, duplicates = read_yaml(path)
    if duplicates:
        key, line, first = duplicates[0]
        raise _fail(path, line, "duplicate-key", key=key, first=first)
    if not isinstance(data, LineList):
        raise _fail(path, 1, "bad-value", where=path.name, key="-", expected="[{id: …}]")
    tasks: list[Task] = []
    for i, raw in enumerate(data):
        task = _task(
            path, _keys(path, raw, TASK_KEYS, f"task {i + 1}", data.lines[i]), data.lines[i]
        )
        if not task.id or any(t.id == task.id for t in tasks):
            raise _fail(
                path,
                data.lines[i],
                "bad-value",
                where=f"task {i + 1}",
                key="id",
                expected="a unique id",
            )
        _check_references(path, task, policy, forms, articles)
        tasks.append(task)
    return tasks
