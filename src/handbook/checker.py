"""The register check of the handbook's checker page: bytes of one file in, a JSON-able dict out.

The page runs this module in the browser (Pyodide, in a Web Worker); it runs the
same engine as ``handbook validate`` and its problems are those of
``handbook validate --format json`` on the same file, with two additions a
person needs on a screen: the cell (``B7``) of each problem, and errors before
warnings. Nothing here imports click, frictionless or jieba: the page loads only
the pure-Python packages the validate path needs (openpyxl, et_xmlfile, xlrd, yaml),
and reads every type in ``registers.formats`` with its pure-Python reader.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from handbook.errors import HandbookError
from handbook.load.articles import article_index, page_url
from handbook.load.forms import load_forms
from handbook.load.policy import load_policy
from handbook.model.form import Form
from handbook.model.policy import Policy
from handbook.outputs import ReportContext, render_json
from handbook.outputs.annotate import annotate
from handbook.outputs.base import Repeat, condensed
from handbook.project import articles_root, forms_dir, policy_file
from handbook.registers.limits import (
    MAX_PAGE_FILE_BYTES,
    check_archive,
    marked_copy_fits,
    unpacked_size,
)
from handbook.validate import FileResult, Options, validate_files
from handbook.validate.problems import ERROR, Problem

#: Version of the dict ``check`` returns (its keys are pinned by a test).
RESULT_VERSION = 1

#: ``progress(stage, rows)``: "counted" with the rows about to be checked.
Progress = Callable[[str, int], Any]


#: Beside the forms folder in the page's bundle: the loaded forms, policy and article pages,
#: pickled at build time from the same files (parsing YAML with pure-Python PyYAML in the
#: browser costs seconds; unpickling, milliseconds).
PICKLE_NAME = "checker-forms.pickle"


def load(forms_path: Path) -> tuple[dict[str, Form], Policy, dict[str, str]]:
    """Forms, policy and article pages (relative to a language root) from their files."""
    root = articles_root(forms_path)
    pages = {a: f"{page_url(p)}#{a}" for a, p in article_index(root).items()} if root else {}
    return load_forms(forms_path), load_policy(policy_file(forms_path)), pages


@lru_cache(maxsize=4)
def _loaded(folder: str) -> tuple[dict[str, Form], Policy, dict[str, str]]:
    forms_path = Path(folder)
    cached = forms_path.parent / PICKLE_NAME
    if cached.is_file():
        # written by handbook.site.checker_bundle into the site's own bundle, never user input
        return pickle.loads(cached.read_bytes())  # noqa: S301
    return load(forms_path)


def forms(lang: str = "zh", forms_path: Path | None = None) -> list[dict[str, str]]:
    """The registers a file can be checked against (checklists are printed, not checked)."""
    loaded, _policy, _pages = _loaded(str(forms_dir(forms_path).resolve()))
    return [
        {"id": f.id, "title": f.title.get(lang)}
        for f in sorted(loaded.values(), key=lambda f: f.id)
        if f.kind == "register"
    ]


def limits() -> dict[str, int]:
    """The limits the page applies itself before it hands a file over (from ``registers.limits``)."""
    return {"max_file_bytes": MAX_PAGE_FILE_BYTES}


def count_rows(path: Path) -> int:
    """About how many rows the file has, cheaply, for the progress message (0 if unknown)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
            if head == b"\xd0\xcf\x11\xe0":  # legacy .xls: no cheap count
                return 0
            if head != b"PK\x03\x04":
                handle.seek(0)
                return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
        check_archive(path, "xlsx")  # openpyxl would read a bomb's whole sheet for its size
        import openpyxl  # only for a workbook

        workbook = openpyxl.load_workbook(path, read_only=True)
        try:
            # the register is not always the first sheet (a marked copy lists its problems first)
            return max(int(sheet.max_row or 0) for sheet in workbook.worksheets)
        finally:
            workbook.close()
    except Exception:  # only an estimate: the check itself reports an unreadable file
        return 0


@contextmanager
def _in_folder(folder: str):  # type: ignore[no-untyped-def]
    """Work in ``folder``, so reports name the file as the person named it, not a temp path."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


#: Bytes of a file name kept (file systems allow 255; the page's own adds a suffix).
MAX_NAME_BYTES = 200


def _safe_name(name: str) -> str:
    """The file's own name, without folders and control characters, short enough to write."""
    base = Path(str(name).replace("\\", "/")).name.strip()
    base = "".join(c for c in base if c.isprintable())
    if not base or base in {".", ".."}:
        return "register.csv"
    if len(base.encode("utf-8")) > MAX_NAME_BYTES:
        suffix = Path(base).suffix if len(Path(base).suffix) <= 8 else ""
        stem = base[: len(base) - len(suffix)]
        while len((stem + suffix).encode("utf-8")) > MAX_NAME_BYTES:
            stem = stem[:-1]
        base = stem + suffix
    return base


@contextmanager
def _checked(
    data: bytes,
    filename: str,
    form_id: str | None,
    forms_path: Path | None,
    progress: Progress | None = None,
) -> Iterator[list[FileResult]]:
    """Validate the file's bytes, written under its own name in a folder that lives while in use."""
    loaded, policy, _pages = _loaded(str(forms_dir(forms_path).resolve()))
    with tempfile.TemporaryDirectory(prefix="handbook-check-") as tmp, _in_folder(tmp):
        path = Path(filename)
        # in the page, a JavaScript Uint8Array arrives as a Pyodide proxy with to_bytes()
        path.write_bytes(data.to_bytes() if hasattr(data, "to_bytes") else bytes(data))
        if progress is not None:
            progress("counted", count_rows(path))
        yield validate_files([(path, form_id)], loaded, policy, Options())


def check(
    data: bytes,
    name: str,
    lang: str = "zh",
    form_id: str | None = None,
    forms_path: Path | None = None,
    progress: Progress | None = None,
    as_of: str | None = None,
) -> dict[str, Any]:
    """Check one register file given as bytes; what the page shows, as a JSON-able dict.

    ``name`` is the file's own name (it helps tell the form, as on the command
    line); ``form_id`` forces the form (``--form``). Article links are relative
    to the language root of the site (``rules/s16/#RV-16.2``). ``as_of`` is the
    device's date (2026-03-31): the file's open items as of that day are under ``due``,
    as ``handbook due --as-of`` gives them.
    """
    lang = "en" if lang == "en" else "zh"
    loaded, policy, pages = _loaded(str(forms_dir(forms_path).resolve()))
    filename = _safe_name(name)
    with _checked(data, filename, form_id, forms_path, progress) as results:
        unpacked = unpacked_size(Path(filename))
        ctx = ReportContext(
            lang,
            {f.id: f.title.get(lang) for f in loaded.values()},
            pages,
            form_urls={fid: f"forms/{fid}/" for fid in loaded},
        )
        report = json.loads(render_json(results, ctx))
        result = results[0]
        due = _due(Path(filename), result, loaded, policy, as_of, lang, pages)
    problems = _condensed(report["problems"], results[0], lang)
    problems.sort(key=lambda p: p["severity"] != ERROR)  # stable: rows stay in order
    file = report["files"][0]
    form = loaded.get(result.form or "")
    return {
        "version": RESULT_VERSION,
        "file": filename,
        "form": result.form,
        "form_title": form.title.get(lang) if form else None,
        "rows": file["rows"],
        "errors": file["errors"],
        "warnings": file["warnings"],
        "valid": report["valid"],
        "fatal": file["fatal"],
        "problems": problems,
        # whether the page offers the marked copy (a register too large for one is not offered)
        "markable": form is not None
        and marked_copy_fits(file["rows"], len(form.input_fields), unpacked),
        "due": due,
    }


def _due_list(
    path: Path, form_id: str, loaded: dict[str, Form], policy: Policy, as_of: str | None
) -> Any:
    """The open items of the file (a ``handbook.due.DueList``) as of a date; None if unreadable."""
    from handbook.due import needed_fields, now_in_china, read_sheet, sheet_due
    from handbook.errors import InputFileError
    from handbook.registers.cells import parse_date

    day = parse_date(as_of) if as_of else None
    moment = dt.datetime.combine(day, dt.time()) if day else now_in_china()
    try:
        return sheet_due(read_sheet(path, loaded, form_id, fields=needed_fields), policy, moment)
    except InputFileError:  # the check has read it already; nothing more to say
        return None


def _due(
    path: Path,
    result: FileResult,
    loaded: dict[str, Form],
    policy: Policy,
    as_of: str | None,
    lang: str,
    pages: dict[str, str],
) -> dict[str, Any] | None:
    """The file's open items (handbook.due) as of the device's date; None for an unusable file."""
    from handbook.due.record import as_record, counts, iso
    from handbook.messages import words

    if result.fatal is not None or result.form not in loaded:
        return None
    found = _due_list(path, result.form, loaded, policy, as_of)
    if found is None:
        return None
    moment = found.as_of
    items = []
    for item in found.items:
        record = as_record(item, moment, lang)
        record["article_url"] = pages.get(item.article or "")
        items.append(record)
    w = words("due", lang)
    found_counts = counts(found.items, moment)
    return {
        "as_of": iso(moment),
        "counts": found_counts,
        "items": items,
        # the page's words for the section, from the catalogue like the items' own
        "title": str(w["title"]).format(as_of=moment.date().isoformat()),
        "summary": str(w["summary"]).format(total=len(items), **found_counts),
        "none": w["none"],
        "role": w["role"],
        "article": w["article"],
    }


def _condensed(
    problems: list[dict[str, Any]], result: FileResult, lang: str
) -> list[dict[str, Any]]:
    """The page's list: one problem of one column shown a few times, the rest counted in ``more``.

    ``problems`` are ``result.problems`` as JSON, in the same order; each names its cell
    (B7), as on the command line. 10 000 list items would freeze a phone; the marked
    copy still marks every cell.
    """
    shown = condensed(result.problems)
    kept = {id(p) for p in shown if not isinstance(p, Repeat)}
    repeats = {_key(r.sample): r for r in shown if isinstance(r, Repeat)}
    listed: list[dict[str, Any]] = []
    last: dict[tuple[Any, ...], dict[str, Any]] = {}
    for problem, entry in zip(result.problems, problems, strict=True):
        if id(problem) in kept:
            listed.append(entry)
            last[_key(problem)] = entry
    for key, repeat in repeats.items():
        last[key]["more"] = {
            "count": repeat.count,
            "first_row": repeat.first,
            "last_row": repeat.last,
            "message": repeat.message(lang),
        }
    return listed


def _key(problem: Problem) -> tuple[Any, ...]:
    return (problem.code, problem.field, problem.column)


def annotated(
    data: bytes,
    name: str,
    lang: str = "zh",
    form_id: str | None = None,
    forms_path: Path | None = None,
    as_of: str | None = None,
) -> bytes:
    """The register back as an .xlsx with its problems marked (``--annotate``); b"" if unusable.

    Its 待办 sheet lists the open items as of ``as_of`` (the device's date), as ``check`` does.
    """
    lang = "en" if lang == "en" else "zh"
    loaded, policy, _pages = _loaded(str(forms_dir(forms_path).resolve()))
    with _checked(data, _safe_name(name), form_id, forms_path) as results:
        result = results[0]
        if result.fatal is not None or result.form not in loaded:
            return b""
        due = _due_list(Path(_safe_name(name)), result.form, loaded, policy, as_of)
        try:
            out = annotate(result, loaded[result.form], Path("annotated.xlsx"), lang, {}, due)
        except (HandbookError, MemoryError):  # too large for a marked copy: the page says so
            return b""
        return out.read_bytes()


def check_json(
    data: bytes,
    name: str,
    lang: str = "zh",
    form_id: str | None = None,
    progress: Progress | None = None,
    as_of: str | None = None,
) -> str:
    """``check`` as a JSON string (what the page's worker posts back)."""
    result = check(data, name, lang, form_id or None, progress=progress, as_of=as_of)
    return json.dumps(result, ensure_ascii=False)
