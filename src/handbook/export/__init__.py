"""Registers for analysts: every register as a typed table (DuckDB file or Parquet files).

``export_registers(root, target, forms)`` reads every register below ``root``
as the validator reads it, types each column from its form, adds where each row
came from (estate, region, source file and row) and writes one table per
register, plus an ``estates`` table of the denominators (households, officers).
Columns the forms mark as personal data are left out unless asked for.
"""

from handbook.export.database import ExportSummary, export_registers

__all__ = ["ExportSummary", "export_registers"]
