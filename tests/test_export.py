"""``handbook export``: every register read back from DuckDB and Parquet, typed, counted, without personal columns."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from handbook.cli import cli
from handbook.export.tables import SQL_TYPES
from handbook.load.forms import load_forms
from handbook.registers.records import read_registers

pytestmark = pytest.mark.usefixtures("project_cwd")

ROOT = Path(__file__).resolve().parents[1]
FORMS = load_forms(ROOT / "forms")


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample estate twice: 华东/示例花园 and 乙园 (without its complaint notices)."""
    root = tmp_path_factory.mktemp("export") / "registers"
    shutil.copytree(ROOT / "data", root / "华东" / "示例花园")
    shutil.copytree(ROOT / "data", root / "乙园")
    shutil.rmtree(root / "乙园" / "complaint_notice")
    return root


def _export(root: Path, target: Path, *extra: str) -> None:
    result = CliRunner().invoke(cli, ["export", str(root), "--to", str(target), *extra])
    assert result.exit_code == 0, result.stderr


def _personal(form_id: str) -> set[str]:
    return {f.name for f in FORMS[form_id].input_fields if f.personal}


def test_duckdb_tables_are_typed_counted_and_without_personal_columns(
    repository: Path, tmp_path: Path
) -> None:
    target = tmp_path / "registers.duckdb"
    _export(repository, target)
    expected = read_registers([repository], FORMS).rows
    con = duckdb.connect(str(target), read_only=True)
    tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
    assert tables == {*expected, "estates"}
    for form_id, rows in expected.items():
        assert con.execute(f"SELECT count(*) FROM {form_id}").fetchone()[0] == len(rows)
        described = {name: kind for name, kind, *_ in con.execute(f"DESCRIBE {form_id}").fetchall()}
        assert not (_personal(form_id) & set(described)), form_id
        for f in FORMS[form_id].input_fields:
            if not f.personal:
                assert described[f.name] == SQL_TYPES[f.type], (form_id, f.name)
        assert described["estate"] == "VARCHAR" and described["source_row"] == "BIGINT"
    # the phone and name columns are not there, and their values appear nowhere
    assert "phone" not in {r[0] for r in con.execute("DESCRIBE complaint_register").fetchall()}
    by_estate = dict(
        con.execute("SELECT estate, count(*) FROM complaint_notice GROUP BY estate").fetchall()
    )
    assert by_estate == {"华东/示例花园": len(expected["complaint_notice"])}
    first = con.execute(
        "SELECT region, source_file, source_row, received_at, substantiated FROM complaint_register "
        "WHERE estate = '华东/示例花园' ORDER BY source_row LIMIT 1"
    ).fetchone()
    assert first[0] == "华东"
    assert first[1] == "华东/示例花园/complaint_register/2025-11_2026-10.csv"
    assert first[2] == 2  # the row under the header, as the spreadsheet numbers it
    assert isinstance(first[3], dt.datetime)
    assert first[4] in ("yes", "no", "pending")
    households = dict(con.execute("SELECT estate, households FROM estates").fetchall())
    assert households == {"华东/示例花园": 800, "乙园": 800}
    con.close()


def test_personal_columns_only_when_asked_and_parquet_reads_back(
    repository: Path, tmp_path: Path
) -> None:
    target = tmp_path / "parquet"
    _export(repository, target, "--include-personal")
    con = duckdb.connect()
    path = str(target / "complaint_register.parquet")
    names = {
        r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    }
    assert _personal("complaint_register") <= set(names)
    assert names["received_at"] == "TIMESTAMP"
    count = con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0]
    assert count == 2 * len(
        read_registers([ROOT / "data" / "complaint_register"], FORMS).rows["complaint_register"]
    )
