"""Many estates, one group: each estate on its own denominators, the group from summed totals.

The figures below are computed by hand from the three small estates written by
``three_estates``; the group's is never a mean of the estates' rates nor one
estate's denominator.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from handbook.cli import cli
from handbook.indicators import FIELDS, compute, context, monthly_indicators
from handbook.indicators.core import Figure
from handbook.indicators.estates import build_group_report
from handbook.indicators.pooling import pool_figures
from handbook.load.estate import load_estate
from handbook.load.estates import find_estates
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.model.period import parse_period
from handbook.registers.records import read_registers

pytestmark = pytest.mark.usefixtures("project_cwd")

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.datetime(2026, 11, 28, 12, 0)

COMPLAINT_HEAD = "投诉编号,受理时间,投诉类别,是否有效投诉\n"
VISIT_HEAD = "走访编号,走访日期,物业类型,走访人职务,走访人\n"


def _complaints(prefix: str, categories: list[str], extra_invalid: int = 0) -> str:
    lines = [
        f"TS-2026-{prefix}{i:03d},2026-03-{i + 2:02d} 10:00,{c},是"
        for i, c in enumerate(categories, 1)
    ]
    lines += [f"TS-2026-{prefix}9{i:02d},2026-03-20 10:00,其他,否" for i in range(extra_invalid)]
    return COMPLAINT_HEAD + "\n".join(lines) + "\n"


def _visits(prefix: str, per_officer: dict[str, int]) -> str:
    lines = []
    n = 0
    for officer, count in per_officer.items():
        for day in range(count):
            n += 1
            lines.append(
                f"ZF-2026-{prefix}{n:03d},2026-03-{day + 3:02d},住宅小区,物管员,物管员 {officer}**"
            )
    return VISIT_HEAD + "\n".join(lines) + "\n"


def _estate(folder: Path, yaml: str, registers: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    (folder / "property.yaml").write_text(yaml, encoding="utf-8")
    for form_id, text in registers.items():
        (folder / form_id).mkdir()
        (folder / form_id / "2026-03.csv").write_text(text, encoding="utf-8")


@pytest.fixture
def three_estates(tmp_path: Path) -> Path:
    """甲苑 (region 华东): 400 households, 3 officers; 乙园: 1600, 5; 丙庄 (华东): 1000, 3, no complaint register."""
    root = tmp_path / "registers"
    _estate(
        root / "华东" / "甲苑",
        "name: {zh: 甲苑, en: Jia Court}\nhouseholds: 400\nproperty_officers: {residential: 3}\n",
        {
            "complaint_register": _complaints("1", ["装修噪声"] * 4, extra_invalid=1),
            "visit_record": _visits("1", {"赵": 3, "钱": 3, "孙": 3}),
        },
    )
    _estate(
        root / "乙园",
        "name: {zh: 乙园, en: Yi Garden}\nhouseholds: 1600\nproperty_officers: {residential: 5}\n",
        {
            "complaint_register": _complaints("2", ["装修噪声", "装修噪声", "停车", "停车"]),
            "visit_record": _visits("2", {"周": 2, "吴": 2, "郑": 2, "王": 2}),
        },
    )
    _estate(
        root / "华东" / "丙庄",
        "name: {zh: 丙庄, en: Bing Farm}\nhouseholds: 1000\nproperty_officers: {residential: 3}\n",
        {"visit_record": _visits("3", {"冯": 2, "陈": 2, "褚": 2})},
    )
    return root


def _group(root: Path, jobs: int = 1):  # type: ignore[no-untyped-def]
    forms = load_forms(ROOT / "forms")
    return build_group_report(
        find_estates(root),
        forms,
        load_policy(ROOT / "policy.yaml"),
        parse_period("2026-03"),
        AS_OF,
        jobs,
    )


def test_estates_and_regions_are_found_from_property_files(three_estates: Path) -> None:
    found = find_estates(three_estates)
    assert [(f.key, f.region, f.title("en")) for f in found] == [
        ("乙园", "", "Yi Garden"),
        ("华东/丙庄", "华东", "Bing Farm"),
        ("华东/甲苑", "华东", "Jia Court"),
    ]
    assert [f.estate.households for f in found] == [1600, 1000, 400]


def test_each_estate_on_its_own_denominators_and_the_group_from_sums(three_estates: Path) -> None:
    report = _group(three_estates)
    by_key = {e.folder.key: e.report for e in report.estates}
    jia, yi, bing = by_key["华东/甲苑"], by_key["乙园"], by_key["华东/丙庄"]

    def fig(r, key):  # type: ignore[no-untyped-def]
        return r.indicator(key).figure

    # complaints per household: 4/400 = 1 % (the "< 1 %" target is not met), 4/1600 = 0.25 %
    assert (
        fig(jia, "complaint_rate_per_household").value,
        fig(jia, "complaint_rate_per_household").met,
    ) == (0.01, False)
    assert fig(yi, "complaint_rate_per_household").value == pytest.approx(0.0025)
    assert fig(yi, "complaint_rate_per_household").met is True
    # 丙庄 handed in no complaint register: no data, not 0 %, and its households add nothing
    assert fig(bing, "complaint_rate_per_household").status == "no_data"
    group = fig(report.group, "complaint_rate_per_household")
    assert (group.numerator, group.denominator, group.met) == (8, 2000, True)
    assert group.value == pytest.approx(0.004)
    # visits per officer: 9/3, 8/5 (one officer did not visit), 6/3; the group 23/11,
    # not the mean of rates (2.2) nor one estate's officers (23/3)
    assert fig(jia, "visits_per_officer").value == 3.0
    assert fig(yi, "visits_per_officer").value == 1.6
    assert fig(bing, "visits_per_officer").value == 2.0
    visits = fig(report.group, "visits_per_officer")
    assert (visits.numerator, visits.denominator) == (23, 11)
    # officers with a visit in the month: 3/3, 4/5, 3/3 → the group 10/11, target 100 % not met
    freq = fig(report.group, "visit_frequency_rate")
    assert (freq.numerator, freq.denominator, freq.met) == (10, 11, False)
    assert fig(jia, "visit_frequency_rate").met is True
    assert fig(yi, "visit_frequency_rate").met is False
    # substantiated share: 4/5 and 4/4; the group 8/9 (丙庄: no complaint at all)
    share = fig(report.group, "substantiated_share")
    assert (share.numerator, share.denominator) == (8, 9)
    assert fig(bing, "substantiated_share").status == "no_data"


def test_small_cells_are_suppressed_per_estate_and_for_the_group(three_estates: Path) -> None:
    report = _group(three_estates)
    yi = next(e.report for e in report.estates if e.folder.key == "乙园")
    cats = {g.key: g.figure for g in yi.indicator("complaint_rate_per_household").groups}
    # two complaints of a category in 乙园: a cell of 2 < 3 is suppressed
    assert cats["renovation_noise"].status == "suppressed"
    assert cats["parking"].status == "suppressed"
    pooled = {
        g.key: g.figure for g in report.group.indicator("complaint_rate_per_household").groups
    }
    # the group: 4 + 2 renovation-noise complaints over every estate's households with the register
    assert (pooled["renovation_noise"].numerator, pooled["renovation_noise"].denominator) == (
        6,
        2000,
    )
    assert pooled["renovation_noise"].status == "ok"
    # parking only in 乙园: still 2 complaints in the whole group, still suppressed
    assert pooled["parking"].status == "suppressed"
    assert pooled["parking"].denominator == 2000


def test_jobs_give_the_same_report(three_estates: Path) -> None:
    one, two = _group(three_estates, 1), _group(three_estates, 2)
    assert one.group == two.group
    assert [e.report for e in one.estates] == [e.report for e in two.estates]


def test_report_by_estate_json_has_estates_and_group(three_estates: Path) -> None:
    args = [
        "report",
        str(three_estates),
        "--by",
        "estate",
        "--format",
        "json",
        "--period",
        "2026-03",
    ]
    result = CliRunner().invoke(cli, [*args, "--as-of", "2026-11-28 12:00", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == [
        "version",
        "by",
        "period",
        "as_of",
        "settings",
        "main_indicators",
        "months",
        "estates",
        "group",
    ]
    assert [e["name"] for e in data["estates"]] == ["Yi Garden", "Bing Farm", "Jia Court"]
    one_estate = json.loads(
        CliRunner().invoke(cli, ["report", "data/", "--format", "json", "--lang", "en"]).stdout
    )
    # each estate's and the group's indicators have the one-estate report's shape
    shape = [sorted(i) for i in one_estate["indicators"]]
    for part in [*data["estates"], data["group"]]:
        assert [sorted(i) for i in part["indicators"]] == shape
    rate = next(i for i in data["group"]["indicators"] if i["key"] == "visits_per_officer")
    assert (rate["numerator"], rate["denominator"]) == (23, 11)
    assert data["months"] == ["2026-03"]
    assert data["group"]["trend"]["visits_per_officer"][0]["denominator"] == 11


def test_plain_report_on_a_repository_shows_the_group_right(three_estates: Path) -> None:
    """The bug of issue 21: one estate's officers and no households for the whole folder."""
    result = CliRunner().invoke(
        cli, ["report", str(three_estates), "--period", "2026-03", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    found = {i["key"]: i for i in data["indicators"]}
    assert (
        found["visits_per_officer"]["numerator"],
        found["visits_per_officer"]["denominator"],
    ) == (23, 11)
    assert found["complaint_rate_per_household"]["status"] == "ok"
    assert found["complaint_rate_per_household"]["denominator"] == 2000


def test_text_report_has_the_comparison_table_and_trend(three_estates: Path) -> None:
    result = CliRunner().invoke(
        cli, ["report", str(three_estates), "--by", "estate", "--period", "2026-Q1", "--lang", "en"]
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "## Estates compared (main indicators)" in out
    table = out.split("## Estates compared")[1].split("##")[0]
    assert table.index("Yi Garden") < table.index("Jia Court") < table.index("Group total")
    assert "## Monthly trend (group)" in out
    assert "2026-01" in out and "2026-03" in out


def test_a_folder_without_estates_is_an_unusable_input(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["report", str(tmp_path / "empty"), "--by", "estate"])
    assert result.exit_code == 2
    assert "property.yaml" in result.stderr


def test_month_buckets_give_the_figures_of_a_full_pass() -> None:
    """The trend sorts rows into months once; each month equals computing on every row."""
    forms = load_forms(ROOT / "forms")
    registers = read_registers([ROOT / "data"], forms)
    ctx = context(
        registers,
        load_policy(ROOT / "policy.yaml"),
        forms,
        load_estate(ROOT / "data" / "property.yaml"),
        None,
        AS_OF,
    )
    months, per_month = monthly_indicators(registers, ctx)
    assert len(months) == 12
    for month, found in zip(months, per_month, strict=True):
        assert found == compute(registers, replace(ctx, period=month)), month.label


figures = st.lists(
    st.tuples(st.integers(0, 500), st.integers(0, 500)).map(lambda t: Figure(min(t), max(t), 0.9)),
    min_size=1,
    max_size=8,
)


@given(figures)
def test_pooled_value_is_sum_over_sum_and_between_the_estates(found: list[Figure]) -> None:
    pooled = pool_figures(found, 3)
    top = sum(f.numerator for f in found if f.denominator)
    bottom = sum(f.denominator for f in found)
    assert (pooled.numerator, pooled.denominator) == (top, bottom)
    rates = [f.numerator / f.denominator for f in found if f.denominator]
    if bottom >= 3:
        assert pooled.value is not None
        assert min(rates) - 1e-12 <= pooled.value <= max(rates) + 1e-12
    else:
        assert pooled.status in ("no_data", "suppressed")


def _copy_sample(target: Path) -> None:
    shutil.copytree(ROOT / "data", target)


def test_a_reference_is_judged_within_its_estate(tmp_path: Path) -> None:
    """A notice in 乙园 naming a complaint only 甲苑 has is an error, with one process or two."""
    root = tmp_path / "registers"
    _copy_sample(root / "甲苑")
    _copy_sample(root / "乙园")
    register = root / "乙园" / "complaint_register" / "2025-11_2026-10.csv"
    lines = register.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    removed = lines[-1].split(",")[0]
    register.write_text("".join(lines[:-1]), encoding="utf-8-sig")
    outputs = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(
            cli, ["validate", str(root), "--format", "json", "--jobs", jobs, "--lang", "en"]
        )
        outputs.append(result.stdout)
        assert result.exit_code == 1, result.stdout[-2000:]
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    wrong = [
        (p["file"], p["value"])
        for p in data["problems"]
        if p["code"] == "rule-reference" and p["value"] == removed
    ]
    assert wrong and all("乙园" in file for file, _ in wrong)
    assert not any("甲苑" in p["file"] for p in data["problems"] if p["severity"] == "error")


def test_reading_only_the_indicators_columns_changes_no_figure() -> None:
    """The group report reads ``FIELDS`` only; an indicator reading another column fails here."""
    forms = load_forms(ROOT / "forms")
    policy = load_policy(ROOT / "policy.yaml")
    estate = load_estate(ROOT / "data" / "property.yaml")
    full = read_registers([ROOT / "data"], forms)
    few = read_registers([ROOT / "data"], forms, wanted=FIELDS)
    assert set(few.rows) == set(FIELDS)
    for period in (None, parse_period("2026-Q1"), parse_period("2025-12")):
        ctx = context(full, policy, forms, estate, period, AS_OF)
        assert compute(few, ctx) == compute(full, ctx)


def test_a_hidden_estate_cell_cannot_be_derived_from_the_group(three_estates: Path) -> None:
    """乙园's 2 renovation-noise complaints are hidden; the group shows 6, so 甲苑's 4 is hidden too."""
    report = _group(three_estates)

    def cell(key: str, estate: str):  # type: ignore[no-untyped-def]
        found = next(e.report for e in report.estates if e.folder.key == estate)
        groups = found.indicator("complaint_rate_per_household").groups
        return next(g.figure for g in groups if g.key == key)

    assert cell("renovation_noise", "乙园").status == "suppressed"
    assert cell("renovation_noise", "华东/甲苑").status == "suppressed"
    pooled = report.group.indicator("complaint_rate_per_household").groups
    assert next(g.figure for g in pooled if g.key == "renovation_noise").status == "ok"


@given(st.lists(st.integers(0, 12), min_size=2, max_size=6))
def test_no_single_hidden_cell_beside_a_shown_group(counts: list[int]) -> None:
    """Whatever the estates' counts, never exactly one hidden estate cell when the group is shown."""
    from handbook.indicators.complementary import protect
    from handbook.indicators.core import Indicator
    from handbook.indicators.pooling import pool_indicators

    estates = [
        Indicator("k", "s", None, Figure(n, n + 5, suppressed=0 < n < 3, size=n)) for n in counts
    ]
    group = pool_indicators(estates, 3)
    after, pooled = protect(list(estates), group)
    hidden = [i.figure for i in after if i.figure.denominator and i.figure.suppressed]
    if pooled.figure.status == "ok":
        assert len(hidden) != 1
