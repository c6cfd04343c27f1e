"""What checking a file found, and how strictly it was checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from handbook.errors import InputFileError
from handbook.validate.engine import UniqueTracker
from handbook.validate.problems import Problem
from handbook.validate.rules import Reference


@dataclass
class Options:
    """How strictly to check: ``publish`` turns personal-data warnings into errors, ``strict_periods`` period findings."""

    publish: bool = False
    encoding: str | None = None
    sheet: str | None = None
    #: period findings (quotas, coverage, intervals) are errors once their period has ended
    strict_periods: bool = False


@dataclass
class FileResult:
    """What checking one file found, plus what cross-register checks need from it."""

    file: str
    form: str | None
    rows: int
    problems: list[Problem]
    fatal: InputFileError | None = None
    keys: dict[str, set[Any]] = field(default_factory=dict)
    key_dates: dict[tuple[str, str], dict[Any, Any]] = field(default_factory=dict)
    pending: list[tuple[Reference, Problem]] = field(default_factory=list)
    unique: list[UniqueTracker] = field(default_factory=list)
    #: called every 65 536 rows with (file, rows so far), for progress on a terminal
    on_rows: Any = None
