"""A task page's definition: what staff do for one job, in order (``tasks.yaml``).

A step's text names policy settings in braces (``{complaint_reply_hours}``,
``{repair_followup_days.leak}``); the page fills in the value in force, so the
numbers live in ``policy.yaml`` alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.model.form import Text

TASK_KEYS = ("id", "title", "summary", "steps", "settings", "forms", "checklists")
STEP_KEYS = ("text", "articles")

#: ``{setting}`` or ``{setting.entry}`` inside a step's text.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?:\.([a-z][a-z0-9_]*))?\}")


@dataclass(frozen=True)
class Step:
    """One step of a task, with the articles it follows."""

    text: Text
    articles: tuple[str, ...]
    line: int = 0

    def placeholders(self) -> set[tuple[str, str | None]]:
        """Every ``(setting, entry)`` the step's text names, in either language."""
        found: set[tuple[str, str | None]] = set()
        for text in (self.text.zh, self.text.en):
            found.update((m[1], m[2]) for m in PLACEHOLDER.finditer(text))
        return found


@dataclass(frozen=True)
class Task:
    """A job staff do (a complaint arrives, after a repair…): steps, numbers, forms."""

    id: str
    title: Text
    summary: Text
    steps: tuple[Step, ...]
    settings: tuple[str, ...]
    forms: tuple[str, ...]
    checklists: tuple[str, ...]
    line: int = 0

    def articles(self) -> tuple[str, ...]:
        """The articles of the steps, in the order they first appear."""
        seen: dict[str, None] = {}
        for step in self.steps:
            seen.update(dict.fromkeys(step.articles))
        return tuple(seen)
