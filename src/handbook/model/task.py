"""A task page's definition: what staff do for one job, in order (``tasks.yaml``).

A step's text names policy settings in braces (``{complaint_reply_hours}``,
``{repair_followup_days.leak}``); the page fills in the value in force, so the
numbers live in ``policy.yaml`` alone.

Each step says what kind of claim it makes (``claim``), so a page never passes off
a company choice or a form's instruction as an article's rule:

- ``article``: the cited articles' own requirement, in other words;
- ``policy``: a number of ``policy.yaml`` that the cited articles set;
- ``company``: a choice of the company that no article makes (the page says so);
- ``form``: an instruction of a register (``form``), not of an article.

Each number says its kind too (``numbers``: ``policy`` by default, ``company`` for a
setting that no article sets, which must then carry a ``company`` note in ``policy.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.model.form import Text

TASK_KEYS = ("id", "title", "summary", "steps", "settings", "forms", "checklists")
STEP_KEYS = ("text", "articles", "claim", "numbers", "form")
#: the kinds of claim a step makes (see the module's docstring)
CLAIMS = ("article", "policy", "company", "form")
#: the kinds of a number on a task page
NUMBER_KINDS = ("policy", "company")

#: ``{setting}`` or ``{setting.entry}`` inside a step's text.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?:\.([a-z][a-z0-9_]*))?\}")


@dataclass(frozen=True)
class Step:
    """One step of a task, with the articles it follows."""

    text: Text
    articles: tuple[str, ...]
    line: int = 0
    claim: str = "article"
    #: setting -> ``policy`` or ``company``, for every setting the text names
    numbers: tuple[tuple[str, str], ...] = ()
    #: the register whose instruction a ``form`` step follows
    form: str | None = None

    def number_kind(self, key: str) -> str:
        """``company`` when the step says the setting ``key`` is a company choice, else ``policy``."""
        return dict(self.numbers).get(key, "policy")

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
