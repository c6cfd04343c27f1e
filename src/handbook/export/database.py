"""Write the exported tables with DuckDB: one ``.duckdb`` file, or a folder of Parquet files.

DuckDB is embedded (no server) and writes Parquet without downloading an
extension, which matters on a closed intranet. Rows go through a typed CSV per
register in a temporary folder and are loaded with ``COPY``, which is much
faster than inserting them one by one from Python.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook.errors import InputFileError
from handbook.export.tables import columns, file_rows
from handbook.load.estates import EstateFolder, estate_of, find_estates
from handbook.model.form import Form
from handbook.registers.reading import register_files

PARQUET = "parquet"
DATABASE_SUFFIXES = (".duckdb", ".db")


@dataclass
class ExportSummary:
    """What was written: rows per table, cells that did not parse, the target."""

    target: Path
    kind: str
    rows: dict[str, int] = field(default_factory=dict)
    unreadable_cells: int = 0
    files: int = 0


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _write_csvs(
    root: Path, forms: dict[str, Form], include_personal: bool, folder: Path, summary: ExportSummary
) -> dict[str, Path]:
    """Each register's rows, typed and with their source, as one CSV per form in ``folder``."""
    estates = find_estates(root) if root.is_dir() else []
    handles: dict[str, Any] = {}
    writers: dict[str, Any] = {}
    paths: dict[str, Path] = {}
    try:
        for path in register_files(root):
            form, rows, unreadable = file_rows(path, forms, include_personal)
            if form.id not in writers:
                paths[form.id] = folder / f"{form.id}.csv"
                handles[form.id] = paths[form.id].open("w", encoding="utf-8", newline="")
                writers[form.id] = csv.writer(handles[form.id])
                summary.rows[form.id] = 0
            home: EstateFolder | None = estate_of(path, estates)
            source = path.relative_to(root).as_posix() if root.is_dir() else path.name
            front = [home.key if home else "", home.region if home else "", source]
            write = writers[form.id].writerow
            for number, values in rows:
                write([*front, number, *(_cell(v) for v in values)])
                summary.rows[form.id] += 1
            summary.unreadable_cells += unreadable[0]
            summary.files += 1
    finally:
        for handle in handles.values():
            handle.close()
    return paths


def _estates_table(con: Any, root: Path) -> None:
    con.execute(
        "CREATE OR REPLACE TABLE estates (estate VARCHAR, region VARCHAR, name_zh VARCHAR, "
        "name_en VARCHAR, households BIGINT, property_officers BIGINT)"
    )
    for f in find_estates(root) if root.is_dir() else []:
        officers = sum(f.estate.property_officers.values()) if f.estate.property_officers else None
        con.execute(
            "INSERT INTO estates VALUES (?, ?, ?, ?, ?, ?)",
            [f.key, f.region or None, f.title("zh"), f.title("en"), f.estate.households, officers],
        )


def _load(con: Any, form: Form, csv_path: Path, include_personal: bool) -> None:
    cols = columns(form, include_personal)
    spec = ", ".join(f"{_sql_name(n)} {t}" for n, t in cols)
    con.execute(f"CREATE OR REPLACE TABLE {_sql_name(form.id)} ({spec})")
    types = "{" + ", ".join(f"{_sql_text(n)}: {_sql_text(t)}" for n, t in cols) + "}"
    con.execute(
        f"INSERT INTO {_sql_name(form.id)} SELECT * FROM read_csv({_sql_text(str(csv_path))}, "
        f"header = false, columns = {types}, quote = '\"', escape = '\"', nullstr = '', "
        "auto_detect = false, delim = ',')"
    )


def export_registers(
    root: Path, target: Path, forms: dict[str, Form], include_personal: bool = False
) -> ExportSummary:
    """Every register below ``root`` as a typed table in ``target`` (``.duckdb`` file, else a Parquet folder)."""
    import duckdb  # embedded database; imported only when exporting

    kind = "duckdb" if target.suffix.lower() in DATABASE_SUFFIXES else PARQUET
    summary = ExportSummary(target, kind)
    if not register_files(root):
        raise InputFileError("no-register-files", file=str(root))
    if kind == PARQUET and target.exists() and not target.is_dir():
        raise InputFileError("export-target", file=str(target), reason="not a folder")
    with tempfile.TemporaryDirectory(prefix="handbook-export-") as tmp:
        csvs = _write_csvs(root, forms, include_personal, Path(tmp), summary)
        target.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(target) if kind == "duckdb" else ":memory:")
        try:
            for form_id, csv_path in sorted(csvs.items()):
                _load(con, forms[form_id], csv_path, include_personal)
            _estates_table(con, root)
            if kind == PARQUET:
                target.mkdir(parents=True, exist_ok=True)
                for table in [*sorted(csvs), "estates"]:
                    out = _sql_text(str(target / f"{table}.parquet"))
                    con.execute(f"COPY {_sql_name(table)} TO {out} (FORMAT PARQUET)")
        finally:
            con.close()
    return summary
