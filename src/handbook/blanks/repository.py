"""A new registers repository: one folder per estate, a folder per register, CI and a pre-commit hook.

``new_repository(folder, forms, lang)`` writes the layout ``handbook report``,
``validate`` and ``export`` understand (``load.estates``): an example estate
with its ``property.yaml`` and a blank register (header only, from ``blanks.csv``)
in each register's folder, a README for the company's IT (zh and en, from the
message catalogue), a GitHub Actions workflow that validates every estate and
publishes the indicators report, and a pre-commit configuration. The result
validates clean at once. Nothing existing is overwritten: the folder must be
new or empty.
"""

from __future__ import annotations

from pathlib import Path

from handbook.blanks.csv import blank_csv_bytes
from handbook.errors import InputFileError
from handbook.messages import words
from handbook.model.form import Form

WORKFLOW = """name: registers
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    env:
      HANDBOOK_PACKAGE: handbook
      HANDBOOK_URL: ""
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install "$HANDBOOK_PACKAGE"
      - name: Check the registers (estates in parallel)
        run: handbook validate . --format github --jobs 2 --lang {lang}
      - name: Indicators per estate and for the group
        if: always()
        run: handbook report . --by estate --format html -o indicators --jobs 2 --lang {lang}
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: indicators
          path: indicators/
"""

PRE_COMMIT = """repos:
  - repo: local
    hooks:
      - id: handbook-validate
        name: handbook validate
        entry: handbook validate
        language: system
        files: '\\.(csv|tsv|txt|xlsx|xls|ods)$'
        pass_filenames: true
"""


def _property(lang: str) -> str:
    w = words("new-registers", lang)
    zh, en = (
        words("new-registers", "zh")["estate_name"],
        words("new-registers", "en")["estate_name"],
    )
    return (
        f"{w['property_comment']}\n"
        f"name: {{zh: {zh}, en: {en}}}\n"
        f"households: 800  {w['households_comment']}\n"
        f"property_officers:  {w['officers_comment']}\n"
        "  residential: 5\n  commercial: 3\n  office: 2\n"
    )


def new_repository(folder: Path, forms: dict[str, Form], lang: str = "zh") -> list[Path]:
    """Write a new registers repository into ``folder`` (new or empty); return the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputFileError("new-registers-not-empty", file=str(folder))
    w = words("new-registers", lang)
    estate = folder / w["estate_name"]
    files: dict[Path, bytes] = {
        folder / "README.md": (
            words("new-registers", "zh")["readme"].format(
                example=words("new-registers", "zh")["estate_name"]
            )
            + "\n---\n\n"
            + words("new-registers", "en")["readme"].format(
                example=words("new-registers", "en")["estate_name"]
            )
        ).encode("utf-8"),
        folder / ".github" / "workflows" / "registers.yml": WORKFLOW.format(lang=lang).encode(
            "utf-8"
        ),
        folder / ".pre-commit-config.yaml": PRE_COMMIT.encode("utf-8"),
        estate / "property.yaml": _property(lang).encode("utf-8"),
    }
    for form in forms.values():
        if form.kind == "register":
            files[estate / form.id / w["template"]] = blank_csv_bytes(form, lang)
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return list(files)
