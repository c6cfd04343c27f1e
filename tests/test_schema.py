"""The Table Schema derived from each form is valid for frictionless, and frictionless agrees with us.

Table Schema is the definition standard; the validator's own engine applies it
to what staff type (labels, 2026/3/5 dates) and adds the rules. On canonical
values, frictionless must reach the same verdict as the engine.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from frictionless import Resource, Schema

from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.model.schema import table_schema
from handbook.validate import check_file

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")
POLICY = load_policy(ROOT / "policy.yaml")


@pytest.mark.parametrize("form_id", sorted(f.id for f in FORMS.values() if f.kind == "register"))
def test_derived_schema_is_a_valid_table_schema(form_id: str) -> None:
    descriptor = table_schema(FORMS[form_id])
    schema = Schema.from_descriptor(descriptor)
    assert [f.name for f in schema.fields] == [f.name for f in FORMS[form_id].input_fields]
    assert Schema.validate_descriptor(descriptor).valid


def _as_keys(form_id: str, rows: list[list[str]], path: Path) -> Path:
    """The same rows with field keys as the header, which is all frictionless matches on."""
    form = FORMS[form_id]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f.name for f in form.input_fields])
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("cell", "valid"),
    [
        ("2026-03-05 09:30", True),
        ("2026-03-05T09:30:00Z", True),
        ("2026-03-05T09:30:00+08:00", True),
        ("2026-03-05 09:30:15.250", True),
        ("2026-02-30 09:30", False),
        ("", False),
    ],
)
def test_frictionless_and_the_engine_agree_on_canonical_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cell: str, valid: bool
) -> None:
    form = FORMS["complaint_register"]
    row = {f.name: "" for f in form.input_fields}
    row.update(
        complaint_no="TS-2026-0001",
        received_at=cell,
        channel="phone",
        category="repair",
        summary="楼上渗水",
        severity="general",
        substantiated="yes",
        received_by="客服 李**",
    )
    folder = tmp_path / "complaint_register"
    folder.mkdir()
    path = _as_keys(
        "complaint_register", [[row[f.name] for f in form.input_fields]], folder / "one.csv"
    )
    ours = check_file(path, FORMS, POLICY, "complaint_register")
    ours_valid = not [
        p for p in ours.problems if p.severity == "error" and p.code != "reference-not-checked"
    ]
    monkeypatch.chdir(tmp_path)  # frictionless refuses absolute paths outside its base path
    report = Resource(
        "complaint_register/one.csv", schema=Schema.from_descriptor(table_schema(form))
    ).validate()
    assert ours_valid is valid
    assert report.valid is valid
