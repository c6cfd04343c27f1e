"""The fill-in pages (issue 24) without a browser: every form's page builds with an input per field,
rows are checked by the validator itself, and what is written out checks as the rows do."""

from __future__ import annotations

import datetime as dt
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from checker_files import rows_of
from handbook import fill
from handbook.blanks import filled
from handbook.cli import cli
from handbook.load.articles import article_index
from handbook.load.forms import load_forms
from handbook.model.describe import field_rules
from handbook.model.form import FIELD_TYPES, Field, Form
from handbook.site import fill_page

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")
ARTICLES = article_index(ROOT / "docs")
REGISTERS = sorted(f for f, form in FORMS.items() if form.kind == "register")
LANGS = ("zh", "en")

#: The input each type of field gets on the page: (tag, type attribute).
EXPECTED_INPUT = {
    "date": ("input", "date"),
    "datetime": ("input", "datetime-local"),
    "integer": ("input", "number"),
    "number": ("input", "number"),
    "boolean": ("select", None),
}


class _Page(HTMLParser):
    """Controls by name, labels by their ``for``, with the text inside each label."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: dict[str, dict] = {}
        self.labels: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self._label: str | None = None
        self._select: str | None = None
        self.hints: dict[str, str] = {}
        self._hint: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "label" and a.get("for"):
            self._label = a["for"]
            self.labels[self._label] = ""
        if tag in ("input", "select", "textarea") and a.get("name"):
            self.controls[a["name"]] = {"tag": tag, **a}
            if tag == "select":
                self._select = a["name"]
                self.options[a["name"]] = []
        if tag == "option" and self._select:
            self.options[self._select].append(a.get("value", ""))
        if tag == "p" and str(a.get("id", "")).endswith("-hint"):
            self._hint = a["id"]
            self.hints[self._hint] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label = None
        if tag == "select":
            self._select = None
        if tag == "p":
            self._hint = None

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self.labels[self._label] += data
        if self._hint is not None:
            self.hints[self._hint] += data


def _parsed(form: Form, lang: str) -> _Page:
    page = _Page()
    page.feed(fill_page.fill_html(form, lang, ARTICLES, f"forms/{form.id}/fill/"))
    return page


@pytest.mark.parametrize("form_id", sorted(FORMS))
@pytest.mark.parametrize("lang", LANGS)
def test_every_form_has_a_fill_page_with_an_input_per_field(form_id: str, lang: str) -> None:
    form = FORMS[form_id]
    stub = fill_page.stub_path(ROOT / "docs", form, lang)
    assert stub.is_file(), f"{stub} missing: run python scripts/make_fill_pages.py"
    assert stub.read_text(encoding="utf-8") == fill_page.stub_markdown(form, lang)
    page = _parsed(form, lang)
    for field in form.input_fields:
        control = page.controls[field.name]
        label = page.labels[control["id"]]
        assert field.title.get(lang) in label
        assert ("aria-required" in control) == field.required
        assert (fill_page.words(lang)["required"] in label) == field.required
        tag, kind = EXPECTED_INPUT.get(field.type, ("select" if field.enum else None, None))
        if field.enum or field.type == "boolean":
            assert control["tag"] == "select"
            expected = [i.value for i in field.enum] or ["yes", "no"]
            assert page.options[field.name] == ["", *expected]
        elif tag is not None:
            assert (control["tag"], control.get("type")) == (tag, kind)
        else:
            assert control["tag"] in ("input", "textarea")
        hint = page.hints[f"hb-fill-{field.name}-hint"]
        assert field_rules(field, lang) in hint
        for clause in field.clauses:
            assert clause in hint
    if form.kind == "checklist":
        for item in form.checklist:
            assert page.controls[f"done:{item.id}"]["type"] == "checkbox"
        for key in filled.RECORD_KEYS:
            assert key in page.controls


def test_every_field_type_has_an_input() -> None:
    """Each type of field the model knows gets its own kind of control."""
    seen = {}
    for ftype in FIELD_TYPES:
        field = Field(name="x", type=ftype, title=FORMS["repair_followup"].fields[0].title)
        page = _Page()
        page.feed(fill_page._control(field, "zh", "h"))
        seen[ftype] = (page.controls["x"]["tag"], page.controls["x"].get("type"))
    assert seen == {
        "string": ("input", "text"),
        "integer": ("input", "number"),
        "number": ("input", "number"),
        "boolean": ("select", None),
        "date": ("input", "date"),
        "datetime": ("input", "datetime-local"),
    }


def test_every_form_page_links_its_fill_page() -> None:
    for form in FORMS.values():
        for lang in LANGS:
            link = fill_page.fill_link(form, lang, f"forms/{form.id}/")
            assert f'href="../../forms/{form.id}/fill/"' in link
            assert fill_page.words(lang)["title"] in link


def _repair(no: str, completed: str, followup: str, **more: str) -> dict[str, str]:
    return {
        "work_order_no": no,
        "repair_item": "厨房水管漏水",
        "repair_class": "other",
        "completed_on": completed,
        "followup_on": followup,
        "method": "phone",
        "visitor_role": "maintenance_lead",
        "site_check": "ok",
        "charge_check": "correct",
        "satisfaction": "satisfied",
        **more,
    }


ROWS = [
    _repair("PG-2026-0001", "2026-03-02", "2026-03-04"),
    _repair("PG-2026-0002", "2026-03-02", "2026-03-20"),  # 18 days: later than a week
]


def _errors(result: dict) -> list[tuple]:
    return [
        (p["row"], p["field"], p["code"], p["article"])
        for p in result["problems"]
        if p["severity"] == "error"
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_a_late_follow_up_is_an_error_of_its_row_and_field_with_its_article(lang: str) -> None:
    result = fill.validate_rows("repair_followup", ROWS, lang)
    assert _errors(result) == [(1, "followup_on", "rule-within", "RV-16.2")]
    (late,) = [p for p in result["problems"] if p["severity"] == "error"]
    assert late["article_url"] == "rules/s16/#RV-16.2"
    assert ("18 天" in late["message"]) if lang == "zh" else ("18 days" in late["message"])


def test_a_duplicate_key_among_saved_rows_is_an_error_of_the_later_row() -> None:
    rows = [*ROWS[:1], _repair("PG-2026-0001", "2026-03-03", "2026-03-04")]
    assert _errors(fill.validate_rows("repair_followup", rows)) == [
        (1, "work_order_no", "unique", None)
    ]


def test_a_reply_before_the_receipt_is_an_error() -> None:
    header, *body = rows_of("complaint_register")
    form = FORMS["complaint_register"]
    names = {f.title.zh: f.name for f in form.fields}
    row = {names[h]: v for h, v in zip(header, body[0], strict=True) if h in names}
    assert not _errors(fill.validate_rows("complaint_register", [row]))
    received = dt.datetime.fromisoformat(row["received_at"].replace(" ", "T"))
    row["replied_at"] = (received - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    found = _errors(fill.validate_rows("complaint_register", [row]))
    assert (0, "replied_at", "rule-order", "RV-1.1.2.1") in found


def _validate(tmp_path: Path, name: str, data: bytes, lang: str = "zh", exit_code: int = 1) -> dict:
    """``handbook validate --format json`` of ``data``; the rows here hold an error: exit code 1."""
    path = tmp_path / name
    path.write_bytes(data)
    out = CliRunner().invoke(cli, ["validate", str(path), "--format", "json", "--lang", lang])
    assert out.exit_code == exit_code, out.output
    return json.loads(out.output)


@pytest.mark.parametrize("lang", LANGS)
def test_the_register_download_checks_as_the_rows_did(tmp_path: Path, lang: str) -> None:
    """The blank with the rows, by the command: exactly the late follow-up as an error."""
    data = fill.register_xlsx("repair_followup", ROWS, lang)
    report = _validate(tmp_path, "repair_followup.xlsx", data, lang)
    errors = [(p["cell"], p["code"]) for p in report["problems"] if p["severity"] == "error"]
    assert errors == [("G3", "rule-within")]
    blank = openpyxl.load_workbook(io.BytesIO(fill_page_blank(lang)))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == blank.sheetnames
    assert len(book.worksheets[0].data_validations.dataValidation) == len(
        blank.worksheets[0].data_validations.dataValidation
    )
    assert book.worksheets[0]["F2"].value == dt.datetime(2026, 3, 2)  # a date, not text
    csv_report = _validate(
        tmp_path, "repair_followup.csv", fill.register_csv("repair_followup", ROWS, lang)
    )
    assert [(p["row"], p["code"]) for p in csv_report["problems"]] == [
        (p["row"], p["code"]) for p in report["problems"]
    ]


def fill_page_blank(lang: str) -> bytes:
    from handbook.blanks import writer

    return writer("xlsx")(FORMS["repair_followup"], lang)


def test_text_that_starts_like_a_formula_is_written_as_text() -> None:
    rows = [
        _repair("PG-1", "2026-03-02", "2026-03-04", remarks=start + "SUM(A1)") for start in "=+-@"
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(fill.register_xlsx("repair_followup", rows))).active
    column = [f.name for f in FORMS["repair_followup"].input_fields].index("remarks") + 1
    for row in range(2, 6):
        cell = sheet.cell(row=row, column=column)
        assert cell.data_type == "s" and cell.quotePrefix and cell.value.endswith("SUM(A1)")


def test_rows_are_added_below_a_workbooks_last_row_keeping_its_rows_and_checks(
    tmp_path: Path,
) -> None:
    mine = fill.register_xlsx("repair_followup", ROWS[:1], "zh")
    before = openpyxl.load_workbook(io.BytesIO(mine))
    result = fill.append_rows(mine, "我的维修回访.xlsx", "repair_followup", ROWS[1:], "en")
    assert (result["kept"], result["added"]) == (1, 1)
    after = openpyxl.load_workbook(io.BytesIO(result["bytes"]))
    old, new = before.worksheets[0], after.worksheets[0]
    assert [c.value for c in new[2]] == [c.value for c in old[2]]
    assert new["A3"].value == "PG-2026-0002"
    assert new["D3"].value == "其他" or new["D3"].value == "Other"
    assert [str(v.sqref) for v in new.data_validations.dataValidation] == [
        str(v.sqref) for v in old.data_validations.dataValidation
    ]
    assert after.sheetnames == before.sheetnames
    report = _validate(tmp_path, "我的维修回访.xlsx", result["bytes"])
    assert [(p["cell"], p["code"]) for p in report["problems"] if p["severity"] == "error"] == [
        ("G3", "rule-within")
    ]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("my.csv", b"a,b\r\n", "fill-not-xlsx"),
        ("my.xlsx", b"not a zip", "workbook-damaged"),
        ("my.xlsx", None, "no-header"),
    ],
)
def test_a_workbook_that_cannot_take_the_rows_is_refused_with_a_message(
    name: str, data: bytes | None, code: str
) -> None:
    if data is None:  # another register's workbook
        data = fill.register_xlsx("visit_record", [], "zh")
    result = fill.append_rows(data, name, "repair_followup", ROWS, "zh")
    assert set(result) == {"message"} and name in result["message"]


def test_a_checklist_is_written_ticked_in_its_own_layout() -> None:
    record = {"place": "阳光花园", "date": "2026-03-05", "role": "主管", "work_order_no": "PG-1"}
    record |= {f"done:{i.id}": "yes" for i in FORMS["repair_followup_checklist"].checklist}
    record["done:5"] = "no"
    record["note:5"] = "=住户不在"
    data = fill.register_xlsx("repair_followup_checklist", [record, {"date": "2026-03-06"}], "zh")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["1 2026-03-05", "2 2026-03-06"]
    sheet = book.worksheets[0]
    assert [sheet.cell(row=r, column=4).value for r in range(2, 8)] == ["是"] * 4 + ["否", "是"]
    assert sheet["E6"].value == "=住户不在" and sheet["E6"].data_type == "s"
    values = {row[1]: row[2] for row in sheet.iter_rows(min_row=9, values_only=True)}
    assert values["地点（项目 / 小区）"] == "阳光花园" and values["检查人职务"] == "主管"
    assert book.worksheets[1].data_validations.dataValidation
    text = fill.register_csv("repair_followup_checklist", [record], "en").decode("utf-8-sig")
    assert text.count("\r\n") == 1 + len(FORMS["repair_followup_checklist"].checklist)
    assert "阳光花园,2026-03-05,主管,PG-1" in text


def _values(field: Field) -> st.SearchStrategy[str]:
    """What a page's input of ``field`` can give, good or bad."""
    if field.enum:
        return st.sampled_from(["", *[i.value for i in field.enum]])
    if field.type == "boolean":
        return st.sampled_from(["", "yes", "no"])
    if field.type == "date":
        return st.sampled_from(["", "2026-03-02", "2026-03-09", "2026-02-28"])
    if field.type == "datetime":
        return st.sampled_from(["", "2026-03-02T09:30", "2026-03-05T16:00"])
    if field.type in ("integer", "number"):
        return st.sampled_from(["", "0", "3", "-1", "2.5", "100"])
    return st.text(alphabet="=+-@ 阳光A1'\"", max_size=8)


def _rows_of(form: Form, min_size: int = 1) -> st.SearchStrategy[list[dict[str, str]]]:
    row = st.fixed_dictionaries({f.name: _values(f) for f in form.input_fields})
    return st.lists(row, min_size=min_size, max_size=3)


@st.composite
def _register_rows(draw: st.DrawFn) -> tuple[str, list[dict[str, str]]]:
    form = FORMS[draw(st.sampled_from(REGISTERS))]
    return form.id, draw(_rows_of(form))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[
        Phase.explicit,
        Phase.reuse,
        Phase.generate,
    ],  # a failure is shown unshrunk: each example writes two files
)
@given(_register_rows(), st.sampled_from(LANGS))
def test_the_page_check_the_workbook_and_the_csv_agree(case, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Any rows: the page's check, the .xlsx and the CSV written from them give the same problems."""
    form_id, rows = case
    page = fill.validate_rows(form_id, rows, lang)
    for writer, name in ((fill.register_xlsx, "r.xlsx"), (fill.register_csv, "r.csv")):
        report = fill.check(writer(form_id, rows, lang), name, lang, form_id)
        written = sorted(repr((p["row"], p["field"], p["code"])) for p in report["problems"])
        checked = sorted(
            repr((None if p["row"] is None else p["row"] + 2, p["field"], p["code"]))
            for p in page["problems"]
        )
        assert written == checked, name


def test_rows_go_below_the_last_value_under_a_title_row_not_below_styled_empty_rows() -> None:
    from openpyxl.styles import PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["维修回访记录表（阳光花园）"])
    sheet.append([f.title.zh for f in FORMS["repair_followup"].input_fields])
    sheet.append(["PG-2026-0001", None, "门锁", "其他", None, "2026-03-02"])
    sheet["A40"].fill = PatternFill("solid", fgColor="FFFF00")  # formatted, empty
    out = io.BytesIO()
    book.save(out)
    result = fill.append_rows(out.getvalue(), "登记.xlsx", "repair_followup", ROWS, "zh")
    assert (result["kept"], result["added"]) == (1, 2)
    after = openpyxl.load_workbook(io.BytesIO(result["bytes"])).active
    assert [after.cell(row=r, column=1).value for r in (1, 3, 4, 5)] == [
        "维修回访记录表（阳光花园）",
        "PG-2026-0001",
        ROWS[0]["work_order_no"],
        ROWS[1]["work_order_no"],
    ]
    assert after["A40"].fill.fgColor.rgb.endswith("FFFF00")


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(_register_rows(), st.data(), st.sampled_from(LANGS))
def test_rows_added_to_a_workbook_read_as_the_same_rows_written_at_once(
    mine, data, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """Any rows added below any rows of the same register: the same problems as all rows written at once."""
    form_id, old = mine
    new = data.draw(_rows_of(FORMS[form_id]))
    # the page never saves a row left empty
    old, new = [r for r in old if any(r.values())], [r for r in new if any(r.values())]
    assume(old and new)
    workbook = fill.register_xlsx(form_id, old, lang)
    result = fill.append_rows(workbook, "mine.xlsx", form_id, new, lang)
    both = fill.check(result["bytes"], "r.xlsx", lang, form_id)
    at_once = fill.check(fill.register_xlsx(form_id, old + new, lang), "r.xlsx", lang, form_id)
    assert [(p["row"], p["field"], p["code"]) for p in both["problems"]] == [
        (p["row"], p["field"], p["code"]) for p in at_once["problems"]
    ]


def test_the_fill_worker_finds_what_it_uses_in_the_checker_worker() -> None:
    """fill-worker.js runs checker-worker.js and calls its load() and pyodide: a rename breaks the page."""
    assets = ROOT / "docs" / "assets"
    checker = (assets / "checker-worker.js").read_text(encoding="utf-8")
    worker = (assets / "fill-worker.js").read_text(encoding="utf-8")
    assert 'importScripts("checker-worker.js")' in worker
    assert "function load(lang)" in checker and "let pyodide" in checker
    assert "self.onmessage" in checker
    for name in ("validate_json", "register_xlsx", "register_csv", "append_for_worker"):
        assert f"module.{name}" in worker and callable(getattr(fill, name))


@pytest.mark.parametrize("lang", LANGS)
def test_rows_without_errors_download_as_a_register_that_passes(tmp_path: Path, lang: str) -> None:
    data = fill.register_xlsx("repair_followup", ROWS[:1], lang)
    report = _validate(tmp_path, "repair_followup.xlsx", data, lang, exit_code=0)
    assert report["valid"] and report["files"][0]["rows"] == 1
