"""The group report's fast path gives the figures of the straightforward one (issue 21, scale).

The report of many estates parses each distinct text of a column once
(``cells.cached``), reads plain date-times without the general pattern, skips
per-row policy look-ups when a setting never changed, and filters periods with
direct comparisons. Each shortcut is checked here against the code it replaced
(kept below as the reference), on estates made from the sample registers with
cells overwritten by hypothesis: dates in every shape staff type, impossible
dates, blanks that show nothing, whole blank rows, and a policy whose deadlines
and shares changed mid-year. The export's rows, and the pooling and complementary suppression (indexed by
group key instead of scanned), are compared the same way.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.export import tables
from handbook.indicators import complaints, complementary, core, estates, hotline, pooling
from handbook.indicators.core import Figure, Group, Indicator, Settings, as_date
from handbook.indicators.estates import build_group_report
from handbook.load.estates import find_estates
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.model.period import Period
from handbook.registers import records
from handbook.registers.cells import compile_field, is_blank, parse_datetime
from handbook.registers.opening import open_register

pytestmark = pytest.mark.usefixtures("project_cwd")

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.datetime(2026, 11, 28, 12, 0)
FORMS = load_forms(ROOT / "forms")
#: the registers the indicators read, each with the rows kept (a few, so an example is quick)
REGISTERS = (
    "complaint_register",
    "hotline_callback",
    "repair_followup",
    "visit_record",
    "followup_record",
    "rectification_notice",
    "survey_summary",
    "opinion_survey",
)
KEEP_ROWS = 60
#: what staff type into a cell, and what goes wrong with it
CELLS = [
    "",
    " ",
    "\u3000",
    "\u200b",
    "\ufeff",
    "2026-03-05 10:30",
    "2026-03-05 10:30:59",
    "2026-03-05T08:15",
    "2026/3/5 10:30",
    "2026年3月5日 17时30分",
    "2026-03-05",
    "2026/03/31",
    "26年3月5日",
    "2026-02-30 10:30",
    "2026-03-05 24:00",
    "2026-03-05 10:60",
    "2026-13-01 10:00",
    "２０２６-03-05 10:30",
    "2026-03-05 10:30Z",
    "2026-03-31 23:30-02:00",
    "2026-03-05\u200b 10:30",
    " 2026-03-05 10:30 ",
    "2026-4-1 9:05",
    "满意",
    "较满意",
    "不满意",
    "是",
    "否",
    "物管员",
    "住宅小区",
    "abc",
    "12",
]
POLICY_HISTORY = {
    "complaint_followup_share": "  previous: [{until: 2026-03-15, value: 0.5}]\n",
    "repair_followup_days": "  previous: [{until: 2026-01-31, value: {safety_facility: 1, leak: 2, other: 5}}]\n",
    "complaint_followup_days": "  previous: [{until: 2026-02-28, value: 2}]\n",
}


# ---- the code the fast path replaced, kept as the reference --------------------------


def old_read_register(
    path: Path,
    forms: dict,
    form_id: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    fields: Any = None,
) -> tuple[Any, list[dict[str, Any]], int]:
    register = open_register(path, forms, form_id, encoding, sheet)
    form, header = register.form, register.header
    checks = []
    for position, name in header.columns.items():
        f = form.field(name)
        if f is not None and not f.derived and (fields is None or name in fields):
            checks.append((position, name, compile_field(f).check))
    parsed = []
    unreadable = 0
    for cells in register.data:
        if all(is_blank(c) for c in cells):
            continue
        values = {}
        for position, name, check in checks:
            raw = cells[position] if position < len(cells) else None
            if is_blank(raw):
                continue
            value, code, _ = check(raw)
            if code is None:
                values[name] = value
            else:
                unreadable += 1
        parsed.append(values)
    return form, parsed, unreadable


def old_in_period(rows: Iterable[dict], name: str, period: Period) -> list[dict]:
    return [r for r in rows if old_contains(period, r.get(name))]


def old_contains(period: Period, value: Any) -> bool:
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        return False
    return period.start <= value <= period.end


def old_term(self: Settings, key: str, day: Any) -> Any:
    setting = self.history.get(key)
    if setting is not None and day is not None:
        return setting.term_on(as_date(day))
    return core.Term(self.values[key], setting.unit if setting is not None else "days")


def old_mean(self: Settings, key: str, days: Iterable[Any], pick: Any = float) -> float | None:
    targets = [pick(old_term(self, key, day).value) for day in days]
    if not targets:
        return None
    if len(set(targets)) == 1:
        return targets[0]
    return sum(targets) / len(targets)


def old_file_rows(path: Path, include_personal: bool) -> list[tuple[int, list[Any]]]:
    register = open_register(path, FORMS)
    form, header = register.form, register.header
    position = {name: pos for pos, name in header.columns.items()}
    checks = [
        (position.get(f.name), compile_field(f).check)
        for f in tables.exported_fields(form, include_personal)
    ]
    out = []
    for offset, cells in enumerate(register.data, start=header.row + 1):
        if all(is_blank(c) for c in cells):
            continue
        values: list[Any] = []
        for pos, check in checks:
            raw = cells[pos] if pos is not None and pos < len(cells) else None
            if is_blank(raw):
                values.append(None)
                continue
            value, code, _ = check(raw)
            values.append(None if code is not None else value)
        out.append((offset, values))
    return out


def old_pooled_groups(indicators: list[Indicator], threshold: int) -> tuple[Group, ...]:
    groups = []
    for key in pooling._group_keys(indicators):
        label = None
        figures = []
        for ind in indicators:
            found = next((g for g in ind.groups if g.key == key), None)
            if found is not None:
                label = label or found.label
                figures.append(found.figure)
            elif ind.shared_denominator and ind.figure.denominator:
                figures.append(Figure(0, ind.figure.denominator, ind.figure.target, size=0))
        if label is not None:
            groups.append(Group(key, label, pooling.pool_figures(figures, threshold)))
    return tuple(groups)


def old_cells(estates: list[Indicator], key: str | None) -> list[tuple[int, Figure]]:
    found = []
    for i, ind in enumerate(estates):
        if key is None:
            found.append((i, ind.figure))
            continue
        for g in ind.groups:
            if g.key == key:
                found.append((i, g.figure))
    return [(i, f) for i, f in found if f.denominator]


def old_protect(estates: list[Indicator], group: Indicator) -> tuple[list[Indicator], Indicator]:
    keys: list[str | None] = [None, *(g.key for g in group.groups)]
    for key in keys:
        shown_group = (
            group.figure
            if key is None
            else next((g.figure for g in group.groups if g.key == key), None)
        )
        if shown_group is None or shown_group.status != "ok":
            continue
        cells = old_cells(estates, key)
        hidden = [i for i, f in cells if f.suppressed]
        if len(hidden) != 1:
            continue
        others = sorted(((complementary._size(f), i) for i, f in cells if not f.suppressed))
        if others:
            index = others[0][1]
            estates[index] = complementary._hide(estates[index], key)
        else:
            group = complementary._hide(group, key)
    return estates, group


def _previous_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pooling, "_pooled_groups", old_pooled_groups)
    monkeypatch.setattr(estates, "protect", old_protect)
    monkeypatch.setattr(records, "read_register", old_read_register)
    for module in (core, complaints, hotline):
        monkeypatch.setattr(module, "in_period", old_in_period)
    monkeypatch.setattr(Period, "__contains__", old_contains)
    monkeypatch.setattr(Settings, "term", old_term)
    monkeypatch.setattr(Settings, "mean", old_mean)


# ---- generated estates -----------------------------------------------------------------

edits = st.lists(
    st.tuples(
        st.sampled_from(REGISTERS),
        st.integers(0, KEEP_ROWS - 1),
        st.integers(0, 30),
        st.one_of(
            st.sampled_from(CELLS),
            st.text(
                st.characters(blacklist_characters='\x00\r\n",', blacklist_categories=["Cs"]),
                max_size=6,
            ),
        ),
    ),
    max_size=40,
)


def _write_estates(root: Path, count: int, changes: list, blank_rows: list[int]) -> None:
    for index in range(count):
        folder = root / f"estate-{index}"
        folder.mkdir(parents=True)
        (folder / "property.yaml").write_text(
            f"name: {{zh: 测试{index}, en: Test {index}}}\nhouseholds: {300 + 100 * index}\n"
            f"property_officers: {{residential: {3 + index}}}\n",
            encoding="utf-8",
        )
        for form_id in REGISTERS:
            source = next((ROOT / "data" / form_id).glob("*.csv"))
            lines = source.read_text(encoding="utf-8-sig").splitlines()
            head, rows = lines[0], lines[1 + index * 7 : 1 + index * 7 + KEEP_ROWS]
            table = [row.split(",") for row in rows]
            for target, row, column, text in changes:
                if target == form_id and row < len(table) and (row + index) % count == 0:
                    cells = table[row]
                    cells[column % len(cells)] = text.replace(",", "，").replace("\n", " ")
            for row in blank_rows:
                if row < len(table):
                    table[row] = ["\u200b" if i % 2 else "" for i in range(len(table[row]))]
            (folder / form_id).mkdir()
            text = "\n".join([head, *(",".join(cells) for cells in table)]) + "\n"
            (folder / form_id / "rows.csv").write_text(text, encoding="utf-8")


def _policy(root: Path, history: list[str]) -> Path:
    text = (ROOT / "policy.yaml").read_text(encoding="utf-8")
    for key in history:
        text = text.replace(f"\n{key}:\n", f"\n{key}:\n{POLICY_HISTORY[key]}", 1)
    path = root / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    count=st.integers(1, 3),
    changes=edits,
    blank_rows=st.lists(st.integers(0, KEEP_ROWS - 1), max_size=3),
    history=st.lists(st.sampled_from(sorted(POLICY_HISTORY)), unique=True),
)
def test_fast_path_gives_the_figures_of_the_previous_one(
    monkeypatch: pytest.MonkeyPatch,
    count: int,
    changes: list,
    blank_rows: list[int],
    history: list[str],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:  # hypothesis runs many examples per test
        root = Path(tmp) / "registers"
        _write_estates(root, count, changes, blank_rows)
        policy = load_policy(_policy(Path(tmp), history))
        folders = find_estates(root)
        fast = build_group_report(folders, FORMS, policy, None, AS_OF)
        exported = {p: list(tables.file_rows(p, FORMS, True)[1]) for p in root.rglob("*.csv")}
        with monkeypatch.context() as patched:
            _previous_path(patched)
            slow = build_group_report(folders, FORMS, policy, None, AS_OF)
        assert fast == slow
        for path, rows in exported.items():
            assert rows == old_file_rows(path, True), path
        shutil.rmtree(root)


@pytest.mark.parametrize("text", [c for c in CELLS if c.strip()])
def test_a_plain_date_time_reads_as_the_pattern_reads_it(text: str) -> None:
    """``_plain_moment`` only answers for its own shape, with the pattern's value."""
    from handbook.registers import cells

    fast = parse_datetime(text)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(cells, "_plain_moment", lambda _text: None)
        assert fast == parse_datetime(text)


@given(st.from_regex(r"\A\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?\Z"))
def test_any_plain_date_time_reads_as_the_pattern_reads_it(text: str) -> None:
    from handbook.registers import cells

    fast = parse_datetime(text)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(cells, "_plain_moment", lambda _text: None)
        assert fast == parse_datetime(text)
