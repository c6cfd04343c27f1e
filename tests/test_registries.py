"""Each extension point is one list: an entry added there appears everywhere that reads it.

A dummy rule kind added to ``KINDS`` is compiled, linted and run by the validator; a dummy
download format added to ``WRITERS`` is written by the site's downloads and linked from the
forms index. The editors' tables of rule kinds list exactly ``KINDS``, and the command's
``--format`` choices of ``handbook blank`` are exactly ``WRITERS``.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from handbook import blanks
from handbook.cli import cli
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.model.form import Form
from handbook.site.pages import forms_index
from handbook.validate import rules, validate_files
from handbook.validate.rules import compile_rules, lint_rules
from handbook.validate.rules.base import Finding, RowRule

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")
POLICY = load_policy(ROOT / "policy.yaml")


class NotSame(RowRule):
    """A dummy kind: two columns of a row must differ."""

    check = "dummy-not-same"
    params = field_params = ("field", "other")

    def check_row(self, values: dict[str, Any]) -> Finding | None:
        value = values.get(self.spec["field"])
        if value is None or value != values.get(self.spec["other"]):
            return None
        return Finding("rule-at-most", {"limit_col": "x", "limit": "y"}, self.spec["field"])


def _with_rule(form: Form, spec: dict[str, Any]) -> Form:
    return dataclasses.replace(form, rules=(*form.rules, spec))


def test_a_rule_kind_added_to_kinds_is_linted_compiled_and_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = FORMS["repair_followup"]
    spec = {
        "id": "dummy",
        "check": "dummy-not-same",
        "field": "completed_on",
        "other": "followup_on",
    }
    dummy = _with_rule(form, spec)
    before = list(lint_rules(dummy, POLICY, set(FORMS)))
    assert any(code == "unknown-check" for _, code, _ in before)

    monkeypatch.setattr(rules, "KINDS", [*rules.KINDS, NotSame])  # restored after the test
    assert "dummy-not-same" in rules.checks()
    assert not any(code == "unknown-check" for _, code, _ in lint_rules(dummy, POLICY, set(FORMS)))
    assert any(isinstance(rule, NotSame) for rule in compile_rules(dummy, POLICY).row)

    header = [f.name for f in form.fields]
    row = {name: "" for name in header}
    row.update(work_order_no="WO-0001", completed_on="2026-03-02", followup_on="2026-03-02")
    path = tmp_path / "repair_followup" / "r.csv"
    path.parent.mkdir()
    path.write_text(",".join(header) + "\n" + ",".join(row[h] for h in header) + "\n", "utf-8")
    forms = {**FORMS, form.id: dummy}
    found = [p for r in validate_files([(path, None)], forms, POLICY) for p in r.problems]
    assert any(p.code == "rule-at-most" and p.row == 2 for p in found)


def _editors_table_checks(lang: str) -> set[str]:
    text = (ROOT / "docs" / lang / "editors" / "forms.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z][a-z-]*)` \|", text, re.M))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_editors_table_of_rule_kinds_is_exactly_kinds(lang: str) -> None:
    assert _editors_table_checks(lang) == set(rules.checks())


def test_the_blank_command_offers_exactly_the_writers() -> None:
    out = CliRunner().invoke(cli, ["blank", "--help"]).output
    offered = re.search(r"\[([a-z|]+)\]", out)
    assert offered is not None and offered.group(1).split("|") == blanks.WRITERS


def test_a_format_added_to_writers_is_written_and_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = types.ModuleType("handbook.blanks.dummy")
    module.blank_dummy_bytes = lambda form, lang: f"{form.id} {lang}".encode()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "handbook.blanks.dummy", module)
    form = FORMS["repair_followup"]
    blanks.WRITERS.append("dummy")  # the one list, as an editor would add to it
    try:
        written = blanks.write_downloads({form.id: form}, tmp_path, ("zh",))
        html = forms_index([form], {}, "zh", "forms/")
    finally:
        blanks.WRITERS.remove("dummy")
    assert (tmp_path / "repair_followup.zh.dummy").read_bytes() == b"repair_followup zh"
    assert len(written) == 3
    assert "repair_followup.zh.dummy" in html
