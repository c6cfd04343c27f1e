"""Shared fixtures: paths to the project and to committed test data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def project_cwd(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run as a user would, from the project folder (so ./forms and ./data are found)."""
    monkeypatch.chdir(ROOT)
    return ROOT
