"""Property tests: rows built from a form's own constraints validate; random input never crashes."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.cli import cli
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.model.form import Field, Form
from handbook.validate import check_file

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")
POLICY = load_policy(ROOT / "policy.yaml")
REGISTERS = [f for f in FORMS.values() if f.kind == "register"]
SAMPLE = next((ROOT / "data").rglob("*.csv"))


def value_strategy(field: Field, lang: str, index: int) -> st.SearchStrategy[str]:
    """Text a staff member could type that meets the field's Table Schema constraints."""
    c = field.constraints
    if field.enum:
        return st.sampled_from(
            [i.value for i in field.enum] + [i.label.get(lang) for i in field.enum]
        )
    if field.type == "boolean":
        return st.sampled_from(["是", "否", "yes", "no"])
    if field.type == "date":
        return st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)).flatmap(
            lambda d: st.sampled_from(
                [d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日"]
            )
        )
    if field.type == "datetime":
        return st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2099, 12, 31)).map(
            lambda t: t.strftime("%Y-%m-%d %H:%M")
        )
    if field.type == "integer":
        return st.integers(c.get("minimum", -10_000), c.get("maximum", 10_000)).map(str)
    if field.type == "number":
        return st.floats(c.get("minimum", -1e6), c.get("maximum", 1e6), allow_nan=False).map(
            lambda x: f"{x:.3f}"
        )
    if "pattern" in c:
        return st.from_regex(c["pattern"], fullmatch=True).filter(
            lambda s: (
                s.strip() == s
                and "\n" not in s
                and s
                and s[0] not in "=+-@"
                and len(s) <= c.get("maxLength", 10**6)
            )
        )
    alphabet = st.sampled_from("维修回访满意物业abcXYZ0123 ")
    top = min(c.get("maxLength", 40), 40)
    low = max(c.get("minLength", 1), 1)
    text = st.text(alphabet, min_size=low, max_size=top).map(str.strip).filter(bool)
    if field.unique:
        return text.map(lambda s, i=index: f"{s}#{i}"[-top:] if top >= 8 else s)
    return text


@st.composite
def register_rows(draw: st.DrawFn, form: Form, lang: str) -> list[list[str]]:
    fields = form.input_fields
    rows = []
    for i in range(draw(st.integers(1, 5))):
        row = []
        for f in fields:
            if f.unique and not f.enum and "pattern" not in f.constraints:
                row.append(f"U{i}-{f.name}"[: f.constraints.get("maxLength", 100)])
            elif not f.required and draw(st.booleans()):
                row.append("")
            else:
                row.append(draw(value_strategy(f, lang, i)))
        rows.append(row)
    return rows


@pytest.mark.parametrize("form", REGISTERS, ids=lambda f: f.id)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@given(data=st.data())
def test_rows_from_the_form_constraints_validate(
    tmp_path: Path, form: Form, data: st.DataObject
) -> None:
    lang = data.draw(st.sampled_from(["zh", "en"]))
    rows = data.draw(register_rows(form, lang))
    # unique values drawn by pattern may collide; keep the first of each
    for f_index, f in enumerate(form.input_fields):
        if f.unique:
            seen: set[str] = set()
            rows = [
                r
                for r in rows
                if not r[f_index] or (r[f_index] not in seen and not seen.add(r[f_index]))
            ]
    # Table Schema constraints only: the regulation rules need consistent dates across columns
    schema_only = dataclasses.replace(form, rules=(), unique_keys=())
    path = tmp_path / f"{form.id}-{random.randrange(10**9)}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f.title.get(lang) for f in form.input_fields])
        writer.writerows(rows)
    result = check_file(path, {form.id: schema_only}, POLICY, form.id)
    errors = [
        (p.row, p.column, p.value, p.message("en"))
        for p in result.problems
        if p.severity == "error"
    ]
    assert result.fatal is None and errors == []


def run_cli(path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["validate", str(path), "--forms", str(ROOT / "forms"), "--lang", "en"],
        catch_exceptions=True,
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code:
        assert result.output.strip() or result.stderr.strip()
    assert "Traceback" not in result.output


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(blob=st.binary(max_size=2048), suffix=st.sampled_from([".csv", ".xlsx", ".txt", ".tsv"]))
def test_random_bytes_never_crash(tmp_path: Path, blob: bytes, suffix: str) -> None:
    path = tmp_path / "complaint_register" / f"x{suffix}"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(blob)
    run_cli(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_valid_files_never_crash(tmp_path: Path, data: st.DataObject) -> None:
    raw = bytearray(SAMPLE.read_bytes())
    for _ in range(data.draw(st.integers(1, 12))):
        op = data.draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        pos = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if op == "flip" and raw:
            raw[pos] = data.draw(st.integers(0, 255))
        elif op == "delete" and raw:
            del raw[pos : pos + data.draw(st.integers(1, 20))]
        elif op == "insert":
            raw[pos:pos] = data.draw(
                st.sampled_from([b",", b"\n", b'"', b"\x00", "张".encode(), b"\xff\xfe", b"=1+1"])
            )
        else:
            raw = raw[:pos]
    path = tmp_path / "complaint_register" / "mutated.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(bytes(raw))
    run_cli(path)


def test_a_broken_xlsx_is_unusable_input_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "complaint_register" / "broken.xlsx"
    path.parent.mkdir()
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    path.write_bytes(buffer.getvalue())
    result = CliRunner().invoke(
        cli, ["validate", str(path), "--lang", "en", "--forms", str(ROOT / "forms")]
    )
    assert result.exit_code == 2 and "Cannot open the spreadsheet" in result.output
