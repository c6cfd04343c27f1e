"""Random registers through several writers: each gives the verdict of the same rows as UTF-8 CSV.

Rows are drawn from a form's own fields with every kind of cell a spreadsheet
holds (text, numbers, dates, date-times, yes/no cells, empty cells, leading
zeros, long digit strings); they are written by openpyxl, by the project's own
blank register, by odfpy (an ODS writer other than LibreOffice) with and
without an indented content.xml, and by LibreOffice where it is installed, then
read by the command's readers and by the checker page's pure-Python readers.
Also: a value that looks like an allowed one is never refused.

A date or yes/no cell in a text column is left out here: its CSV holds text,
and only the workbook knows the spreadsheet changed the cell (date-in-text);
``test_readers_agree`` checks that class by every reader.
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.blanks.csv import blank_csv_bytes
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.model.form import Field, Form
from handbook.registers.cells import INVISIBLE, compile_field, normalise
from register_writers import (
    as_text,
    in_blank_layout,
    libreoffice_convert,
    pretty_printed,
    reader,
    soffice,
    verdict,
    write_blank,
    write_csv,
    write_odfpy,
    write_openpyxl,
)

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")
POLICY = load_policy(ROOT / "policy.yaml")
#: forms with text, choices, patterns (phones, numbers), dates, date-times and yes/no columns
FORM_IDS = ["repair_followup", "complaint_register", "survey_summary"]

_WORDS = st.text(alphabet="维修回访门窗水电登记ABCxyz0123456789", min_size=1, max_size=8)
_DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31))
_MOMENTS = st.builds(
    dt.datetime.combine, _DAYS, st.builds(dt.time, st.integers(0, 23), st.integers(0, 59))
)


def _date_text(day: dt.date) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            day.isoformat(),
            f"{day.year}/{day.month}/{day.day}",
            f"{day.year}年{day.month}月{day.day}日",
        ]
    )


def _cell(field: Field) -> st.SearchStrategy[Any]:
    """Any cell a person or a spreadsheet may leave in this column."""
    if field.type == "date":
        typed = st.one_of(_DAYS, _DAYS.flatmap(_date_text), _WORDS)
    elif field.type == "datetime":
        typed = st.one_of(
            _MOMENTS,
            _DAYS,  # a date alone: midnight
            _MOMENTS.map(lambda m: f"{m.year}/{m.month}/{m.day} {m.hour}:{m.minute:02d}"),
            _DAYS.map(lambda d: d.strftime("%Y/%m/%d")),
            _WORDS,
        )
    elif field.type == "boolean":
        typed = st.one_of(st.booleans(), st.sampled_from(["是", "否", "Y", "n"]), _WORDS)
    elif field.type in ("integer", "number"):
        typed = st.one_of(st.integers(0, 10**6), st.integers(0, 999).map(str), _WORDS)
    elif field.enum:
        labels = [i.label.zh for i in field.enum] + [i.label.en for i in field.enum]
        typed = st.one_of(st.sampled_from(labels), _WORDS)
    else:
        typed = st.one_of(
            _WORDS,
            st.integers(1, 10**9),  # a number in a text column
            st.from_regex(r"\A0[1-9][0-9]{9}\Z"),  # a leading zero, kept as text
            st.from_regex(r"\A[1-9][0-9]{15,19}\Z"),  # a long digit string, as text
            st.just(field.example) if field.example else _WORDS,
        )
    return st.one_of(st.none(), typed)


@st.composite
def registers(draw: st.DrawFn) -> tuple[Form, list[str], list[list[Any]]]:
    form = FORMS[draw(st.sampled_from(FORM_IDS))]
    fields = form.input_fields
    header = [f.title.zh for f in fields]
    rows = draw(st.lists(st.tuples(*[_cell(f) for f in fields]).map(list), min_size=1, max_size=4))
    return form, header, rows


def _same_as_csv(folder: Path, form: Form, header: list[str], rows: list[list[Any]]) -> None:
    expected = verdict(write_csv(folder / "rows.csv", header, rows), FORMS, POLICY, form.id)
    odfpy = write_odfpy(folder / "odfpy.ods", header, rows)
    for path in (
        write_openpyxl(folder / "openpyxl.xlsx", header, rows),
        odfpy,
        pretty_printed(odfpy, folder / "pretty.ods"),
    ):
        for path_name in ("command", "pure"):
            with reader(path_name):
                assert verdict(path, FORMS, POLICY, form.id) == expected, (path.name, path_name)
    # the project's blank CSV (BOM, its own header), the rows typed below it
    blank_csv = folder / "blank_csv.csv"
    blank_csv.write_bytes(blank_csv_bytes(form, "zh"))
    full, full_rows = in_blank_layout(form, header, rows)
    with blank_csv.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[as_text(v) for v in row] for row in full_rows])
    reference = verdict(write_csv(folder / "full.csv", full, full_rows), FORMS, POLICY, form.id)
    assert verdict(blank_csv, FORMS, POLICY, form.id) == reference
    blank = write_blank(folder / "blank.xlsx", form, header, rows)
    in_layout = verdict(write_csv(folder / "blank.csv", full, full_rows), FORMS, POLICY, form.id)
    for path_name in ("command", "pure"):
        with reader(path_name):
            assert verdict(blank, FORMS, POLICY, form.id) == in_layout, ("blank", path_name)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registers())
def test_every_writer_and_reader_gives_the_csv_verdict(
    tmp_path_factory: pytest.TempPathFactory, register: tuple[Form, list[str], list[list[Any]]]
) -> None:
    _same_as_csv(tmp_path_factory.mktemp("random"), *register)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registers())
def test_libreoffice_saves_give_the_csv_verdict(
    tmp_path_factory: pytest.TempPathFactory, register: tuple[Form, list[str], list[list[Any]]]
) -> None:
    """LibreOffice's own ODS, legacy XLS and XLSX of the rows, by the command and by the page."""
    form, header, rows = register
    folder = tmp_path_factory.mktemp("libreoffice")
    expected = verdict(write_csv(folder / "rows.csv", header, rows), FORMS, POLICY, form.id)
    source = write_openpyxl(folder / "rows.xlsx", header, rows)
    for path in libreoffice_convert(source, folder, ["ods", "xls", "xlsx"]):
        for path_name in ("command", "calamine", "pure"):
            with reader(path_name):
                assert verdict(path, FORMS, POLICY, form.id) == expected, (path.name, path_name)


_INVISIBLE = st.sampled_from([chr(c) for c in INVISIBLE])


@st.composite
def _looks_the_same(draw: st.DrawFn, text: str) -> str:
    """``text`` with invisible characters put in, in full-width forms, with spaces around."""
    out = []
    for char in text:
        if draw(st.booleans()):
            out.append(draw(_INVISIBLE))
        wide = chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char
        out.append(wide if draw(st.booleans()) else char)
    pad = draw(st.sampled_from(["", " ", "\u3000", "\u00a0"]))
    return pad + "".join(out) + draw(_INVISIBLE) + pad


_CHOICES = [
    (form_id, f.name, label)
    for form_id, form in FORMS.items()
    if form.kind == "register"
    for f in form.input_fields
    if f.enum and f.type == "string"
    for item in f.enum
    for label in (item.label.zh, item.label.en)
]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_CHOICES).flatmap(lambda c: st.tuples(st.just(c), _looks_the_same(c[2]))))
def test_a_value_that_looks_like_an_allowed_one_is_never_refused(
    case: tuple[tuple[str, str, str], str],
) -> None:
    (form_id, name, label), typed = case
    field = FORMS[form_id].field(name)
    assert field is not None
    check = compile_field(field).check
    assert check(typed) == check(label), (typed, label)
    assert check(label)[1] is None


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(_CHOICES), st.sampled_from("甲乙丙XYZ"))
def test_a_value_that_differs_visibly_is_not_taken_for_the_label(
    choice: tuple[str, str, str], extra: str
) -> None:
    form_id, name, label = choice
    field = FORMS[form_id].field(name)
    assert field is not None
    allowed = {normalise(k) for i in field.enum for k in (i.value, i.label.zh, i.label.en)}
    typed = label + extra
    value, code, _ = compile_field(field).check(typed)
    assert (code is None) == (normalise(typed) in allowed)
    assert unicodedata.normalize("NFKC", typed) != label
