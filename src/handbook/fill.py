"""The fill-in page of a register: rows typed on the page checked by the validator, and written out.

The page (``docs/assets/fill.js``) keeps rows in the browser and calls this
module in the checker page's worker (Pyodide). Rows arrive as lists of dicts,
field name → the input's value (see ``handbook.blanks.filled``). A check writes
the rows into the register's CSV layout and runs ``handbook.checker.check`` on
it: the very engine of ``handbook validate``, row rules and cross-row rules
(a late follow-up, a reply before the receipt, a duplicate work order number)
alike. Each problem comes back with its row's index in the list, its field,
its message in the page's language and its article.

The downloads are the register's own blank with the rows in it
(``handbook.blanks.filled``), or the rows appended below the last row of a
workbook the person picks, keeping its rows, styles and input checks.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from handbook.blanks import filled
from handbook.checker import _loaded, check
from handbook.errors import InputFileError
from handbook.model.form import Form
from handbook.project import forms_dir
from handbook.registers.header import HEADER_SEARCH_ROWS
from handbook.registers.opening import find_header

#: The workbooks rows can be added to (openpyxl edits only the OOXML formats).
APPENDABLE = (".xlsx", ".xlsm")


def _form(form_id: str, forms_path: Path | None = None) -> Form:
    loaded, _policy, _pages = _loaded(str(forms_dir(forms_path).resolve()))
    return loaded[form_id]


def _rows(rows: Any) -> list[dict[str, Any]]:
    """Rows as plain dicts: from Python, from JSON text, or from a Pyodide proxy of a JS array."""
    if isinstance(rows, str):
        rows = json.loads(rows)
    elif hasattr(rows, "to_py"):
        rows = rows.to_py()
    return [dict(row) for row in rows or []]


def validate_rows(
    form_id: str, rows: Any, lang: str = "zh", forms_path: Path | None = None
) -> dict[str, Any]:
    """Check ``rows`` of register ``form_id`` as one register; each problem names its row index.

    ``row`` in a problem is the index in ``rows`` (0-based), or None for a problem
    of the whole register (a quota of roles over the period).
    """
    lang = "en" if lang == "en" else "zh"
    form = _form(form_id, forms_path)
    listed = _rows(rows)
    data = filled.register_csv(form, lang, listed)
    report = check(data, f"{form_id}.csv", lang, form_id, forms_path)
    problems = []
    for problem in report["problems"]:
        row = problem.get("row")
        problems.append({**problem, "row": None if row is None else int(row) - 2})
    return {
        "form": form_id,
        "rows": len(listed),
        "errors": report["errors"],
        "warnings": report["warnings"],
        "fatal": report["fatal"],
        "problems": problems,
    }


def validate_json(form_id: str, rows: str, lang: str = "zh") -> str:
    """``validate_rows`` with the rows and the answer as JSON text (what the worker passes)."""
    return json.dumps(validate_rows(form_id, rows, lang), ensure_ascii=False)


def register_xlsx(
    form_id: str, rows: Any, lang: str = "zh", forms_path: Path | None = None
) -> bytes:
    """The register's blank workbook with ``rows`` in it (a checklist: one sheet per record)."""
    form = _form(form_id, forms_path)
    listed = _rows(rows)
    if form.kind == "checklist":
        return filled.save(filled.checklist_records_workbook(form, lang, listed))
    return filled.save(filled.register_workbook(form, lang, listed))


def register_csv(
    form_id: str, rows: Any, lang: str = "zh", forms_path: Path | None = None
) -> bytes:
    """The rows as the register's CSV (a checklist: one line per item of each record)."""
    form = _form(form_id, forms_path)
    listed = _rows(rows)
    if form.kind == "checklist":
        return filled.checklist_csv(form, lang, listed)
    return filled.register_csv(form, lang, listed)


def _as_bytes(data: Any) -> bytes:
    return data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)


def append_rows(
    data: Any,
    name: str,
    form_id: str,
    rows: Any,
    lang: str = "zh",
    forms_path: Path | None = None,
) -> dict[str, Any]:
    """Append ``rows`` below the last row of the workbook ``data`` (its first sheet).

    Returns ``{"bytes", "kept", "added"}`` (``kept``: the rows below the header that
    were there), or ``{"message"}`` in ``lang`` when the workbook cannot take them:
    not an .xlsx, unreadable, or no header of this register in its first rows.
    Everything else in the workbook (other sheets, styles, dropdowns, input checks) is kept.
    """
    import openpyxl

    lang = "en" if lang == "en" else "zh"
    form = _form(form_id, forms_path)
    base = Path(str(name).replace("\\", "/")).name or "register.xlsx"
    if form.kind != "register" or not base.lower().endswith(APPENDABLE):
        return {"message": InputFileError("fill-not-xlsx", file=base).render(lang)}
    with tempfile.TemporaryDirectory(prefix="handbook-fill-") as tmp:
        path = Path(tmp) / base
        path.write_bytes(_as_bytes(data))
        try:
            book = openpyxl.load_workbook(path, keep_vba=base.lower().endswith(".xlsm"))
        except Exception:  # openpyxl raises many unrelated types for a bad file
            error = InputFileError("workbook-damaged", file=base)
            return {"message": error.render(lang)}
        sheet = book.worksheets[0]
        first = [list(r) for r in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)]
        try:
            head = find_header(form, Path(base), first)
        except InputFileError as exc:
            return {"message": exc.render(lang)}
        columns = {pos + 1: form.field(fname) for pos, fname in head.columns.items()}
        fields = {col: f for col, f in columns.items() if f is not None and not f.derived}
        last = max(filled.last_filled_row(sheet), head.row)
        added = filled.write_rows(sheet, fields, last + 1, _rows(rows), lang)
        return {"bytes": filled.save(book), "kept": last - head.row, "added": added}


def append_for_worker(data: Any, name: str, form_id: str, rows: str, lang: str) -> Any:
    """``append_rows`` for the worker: the bytes, or the message as text."""
    result = append_rows(data, name, form_id, rows, lang)
    return result.get("bytes") or result["message"]
