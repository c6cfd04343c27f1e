"""Turn a form file into a ``Form``, collecting every problem with its line.

``check_form_file`` never raises for content problems: it returns the form (or
None) and a list of ``LintProblem``. ``load_form`` and ``load_forms`` raise
``FormFileError`` with the first problem, for callers that need a good form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handbook.errors import FormFileError, UnknownFormError
from handbook.load.yamlio import LineDict, LineList, read_yaml
from handbook.messages import render
from handbook.model.form import (
    FIELD_TYPES,
    FORM_KINDS,
    LANGS,
    PERSONAL_KINDS,
    ChecklistItem,
    EnumValue,
    Field,
    Form,
    Text,
)

FORM_KEYS = (
    "id",
    "kind",
    "title",
    "description",
    "clauses",
    "fields",
    "primary_key",
    "unique_keys",
    "rules",
    "checklist",
)
FIELD_KEYS = (
    "name",
    "type",
    "title",
    "description",
    "constraints",
    "enum",
    "example",
    "personal",
    "derived",
    "clauses",
)
CONSTRAINT_KEYS = ("required", "unique", "pattern", "minimum", "maximum", "minLength", "maxLength")
#: The field types each constraint applies to, as Table Schema defines them.
CONSTRAINT_TYPES = {
    "pattern": ("string",),
    "minLength": ("string",),
    "maxLength": ("string",),
    "minimum": ("integer", "number", "date", "datetime"),
    "maximum": ("integer", "number", "date", "datetime"),
}
ENUM_KEYS = ("value", "zh", "en")
TEXT_KEYS = LANGS
CHECKLIST_KEYS = ("id", "text", "clauses")
NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class LintProblem:
    """One problem in a form file: where it is and which catalogue message explains it."""

    file: str
    line: int
    code: str
    params: dict[str, Any]

    def render(self, lang: str) -> str:
        """``file:line: message`` in ``lang``."""
        return f"{self.file}:{self.line}: {render(self.code, lang, **self.params)}"


class _Checker:
    """Walks one parsed form file and records problems."""

    def __init__(self, path: Path, known_clauses: set[str] | None) -> None:
        self.path = path
        self.file = str(path)
        self.known_clauses = known_clauses
        self.problems: list[LintProblem] = []

    def add(self, line: int, code: str, **params: Any) -> None:
        self.problems.append(LintProblem(self.file, line, code, params))

    # -- small readers -------------------------------------------------------------

    def keys(self, mapping: LineDict, allowed: Iterable[str], where: str) -> None:
        allowed = tuple(allowed)
        for key in mapping:
            if key not in allowed:
                self.add(
                    mapping.line_of(key),
                    "unknown-key",
                    key=key,
                    where=where,
                    allowed=", ".join(allowed),
                )

    def text(self, parent: LineDict, key: str, where: str, required: bool = True) -> Text | None:
        value = parent.get(key)
        if value is None:
            if required:
                for lang in LANGS:
                    self.add(parent.line_of(key), "title-missing", where=where, key=key, lang=lang)
            return None
        if isinstance(value, str):
            self.add(parent.line_of(key), "text-not-bilingual", where=where, key=key)
            return None
        if not isinstance(value, LineDict):
            self.add(
                parent.line_of(key), "bad-value", where=where, key=key, expected="{zh: …, en: …}"
            )
            return None
        self.keys(value, TEXT_KEYS, f"{where}.{key}")
        ok = True
        for lang in LANGS:
            if not isinstance(value.get(lang), str) or not value.get(lang, "").strip():
                self.add(value.line_of(lang), "title-missing", where=where, key=key, lang=lang)
                ok = False
        return Text(value["zh"].strip(), value["en"].strip()) if ok else None

    def clauses(self, parent: LineDict, where: str) -> tuple[str, ...]:
        value = parent.get("clauses", [])
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            self.add(
                parent.line_of("clauses"),
                "bad-value",
                where=where,
                key="clauses",
                expected="[RV-12.1, …]",
            )
            return ()
        if self.known_clauses is not None:
            for clause in value:
                if clause not in self.known_clauses:
                    self.add(
                        parent.line_of("clauses"), "unknown-clause", where=where, clause=clause
                    )
        return tuple(value)

    # -- the form ----------------------------------------------------------------

    def form(self, data: Any) -> Form | None:
        if not isinstance(data, LineDict):
            self.add(getattr(data, "line", 1), "form-not-mapping")
            return None
        self.keys(data, FORM_KEYS, "form")
        form_id = data.get("id")
        if not isinstance(form_id, str) or not NAME_RE.match(form_id):
            self.add(data.line_of("id"), "bad-form-id", value=form_id)
        elif form_id != self.path.stem:
            self.add(data.line_of("id"), "id-not-file-name", value=form_id, stem=self.path.stem)
        kind = data.get("kind", "register")
        if kind not in FORM_KINDS:
            self.add(
                data.line_of("kind"),
                "bad-choice",
                key="kind",
                value=kind,
                allowed=", ".join(FORM_KINDS),
            )
        title = self.text(data, "title", "form")
        description = self.text(data, "description", "form", required=False)
        clauses = self.clauses(data, "form")
        fields = self.fields(data)
        names = {f.name for f in fields}
        primary_key = self.name_list(data, "primary_key", names)
        unique_keys = self.unique_keys(data, names)
        checklist = self.checklist(data)
        rules = data.get("rules", [])
        if not isinstance(rules, list):
            self.add(data.line_of("rules"), "bad-value", where="form", key="rules", expected="[…]")
            rules = []
        if kind == "checklist" and not checklist:
            self.add(data.line, "checklist-empty")
        if kind == "register" and not fields:
            self.add(data.line_of("fields"), "fields-empty")
        if self.problems or title is None:
            return None
        return Form(
            id=str(form_id),
            kind=kind,
            title=title,
            description=description,
            fields=tuple(fields),
            clauses=clauses,
            primary_key=primary_key,
            unique_keys=unique_keys,
            rules=tuple(rules),
            checklist=tuple(checklist),
            source=self.file,
        )

    def fields(self, data: LineDict) -> list[Field]:
        raw = data.get("fields")
        if raw is None:
            return []
        if not isinstance(raw, LineList):
            self.add(
                data.line_of("fields"), "bad-value", where="form", key="fields", expected="[…]"
            )
            return []
        seen: dict[str, int] = {}
        fields = []
        for index, item in enumerate(raw):
            line = raw.line_of(index)
            if not isinstance(item, LineDict):
                self.add(
                    line, "bad-value", where=f"fields[{index + 1}]", key="-", expected="{name: …}"
                )
                continue
            name = item.get("name")
            if not isinstance(name, str) or not NAME_RE.match(name):
                self.add(item.line_of("name"), "bad-field-name", value=name)
                continue
            if name in seen:
                self.add(item.line_of("name"), "duplicate-field", name=name, first=seen[name])
                continue
            seen[name] = item.line_of("name")
            parsed = self.field(item, name)
            if parsed is not None:
                fields.append(parsed)
        return fields

    def field(self, item: LineDict, name: str) -> Field | None:
        before = len(self.problems)
        where = f"field {name}"
        self.keys(item, FIELD_KEYS, where)
        ftype = item.get("type", "string")
        if ftype not in FIELD_TYPES:
            self.add(
                item.line_of("type"),
                "unknown-type",
                name=name,
                type=ftype,
                allowed=", ".join(FIELD_TYPES),
            )
        title = self.text(item, "title", where)
        description = self.text(item, "description", where, required=False)
        constraints = item.get("constraints")
        if constraints is None:
            constraints = LineDict()
        if not isinstance(constraints, LineDict):
            self.add(
                item.line_of("constraints"),
                "bad-value",
                where=where,
                key="constraints",
                expected="{required: true, …}",
            )
            constraints = LineDict()
        self.keys(constraints, CONSTRAINT_KEYS, f"{where}.constraints")
        for key in constraints:
            types = CONSTRAINT_TYPES.get(key)
            if types is not None and ftype in FIELD_TYPES and ftype not in types:
                self.add(
                    constraints.line_of(key),
                    "constraint-not-for-type",
                    name=name,
                    key=key,
                    type=ftype,
                    types=", ".join(types),
                )
        pattern = constraints.get("pattern")
        if pattern is not None:
            try:
                re.compile(str(pattern))
            except re.error as exc:
                self.add(constraints.line_of("pattern"), "bad-pattern", name=name, reason=str(exc))
        enum = self.enum(item, name)
        personal = item.get("personal")
        if personal is not None and personal not in PERSONAL_KINDS:
            self.add(
                item.line_of("personal"),
                "bad-choice",
                key="personal",
                value=personal,
                allowed=", ".join(PERSONAL_KINDS),
            )
        clauses = self.clauses(item, where)
        if len(self.problems) > before or title is None:
            return None
        example = item.get("example")
        return Field(
            name=name,
            type=ftype,
            title=title,
            description=description,
            constraints=dict(constraints),
            enum=enum,
            example=None if example is None else str(example),
            personal=personal,
            derived=bool(item.get("derived", False)),
            clauses=clauses,
            line=item.line,
        )

    def enum(self, item: LineDict, name: str) -> tuple[EnumValue, ...]:
        raw = item.get("enum")
        if raw is None:
            return ()
        if not isinstance(raw, LineList) or not raw:
            self.add(
                item.line_of("enum"),
                "bad-value",
                where=f"field {name}",
                key="enum",
                expected="[{value: …, zh: …, en: …}, …]",
            )
            return ()
        values = []
        seen: set[str] = set()
        for index, entry in enumerate(raw):
            line = raw.line_of(index)
            if not isinstance(entry, LineDict) or "value" not in entry:
                self.add(
                    line,
                    "bad-value",
                    where=f"field {name}",
                    key="enum",
                    expected="{value: …, zh: …, en: …}",
                )
                continue
            self.keys(entry, ENUM_KEYS, f"field {name}.enum")
            value = str(entry["value"])
            if value in seen:
                self.add(line, "duplicate-enum", name=name, value=value)
            seen.add(value)
            labels = {}
            for lang in LANGS:
                label = entry.get(lang)
                if not isinstance(label, str) or not label.strip():
                    self.add(line, "enum-label-missing", name=name, value=value, lang=lang)
                else:
                    labels[lang] = label.strip()
            if len(labels) == 2:
                values.append(EnumValue(value, Text(labels["zh"], labels["en"])))
        return tuple(values)

    def name_list(self, data: LineDict, key: str, names: set[str]) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.add(data.line_of(key), "bad-value", where="form", key=key, expected="[field, …]")
            return ()
        for name in value:
            if name not in names:
                self.add(data.line_of(key), "unknown-field-ref", key=key, name=name)
        return tuple(value)

    def unique_keys(self, data: LineDict, names: set[str]) -> tuple[tuple[str, ...], ...]:
        value = data.get("unique_keys", [])
        if not isinstance(value, list) or not all(isinstance(v, list) for v in value):
            self.add(
                data.line_of("unique_keys"),
                "bad-value",
                where="form",
                key="unique_keys",
                expected="[[field, field], …]",
            )
            return ()
        for group in value:
            for name in group:
                if name not in names:
                    self.add(
                        data.line_of("unique_keys"),
                        "unknown-field-ref",
                        key="unique_keys",
                        name=name,
                    )
        return tuple(tuple(group) for group in value)

    def checklist(self, data: LineDict) -> list[ChecklistItem]:
        raw = data.get("checklist")
        if raw is None:
            return []
        if not isinstance(raw, LineList):
            self.add(
                data.line_of("checklist"),
                "bad-value",
                where="form",
                key="checklist",
                expected="[…]",
            )
            return []
        items = []
        seen: set[str] = set()
        for index, entry in enumerate(raw):
            if not isinstance(entry, LineDict):
                self.add(
                    raw.line_of(index),
                    "bad-value",
                    where="checklist",
                    key="-",
                    expected="{id: …, text: …}",
                )
                continue
            self.keys(entry, CHECKLIST_KEYS, "checklist item")
            item_id = str(entry.get("id", index + 1))
            if item_id in seen:
                self.add(entry.line, "duplicate-checklist-id", value=item_id)
            seen.add(item_id)
            text = self.text(entry, "text", f"checklist item {item_id}")
            clauses = self.clauses(entry, f"checklist item {item_id}")
            if text is not None:
                items.append(ChecklistItem(item_id, text, clauses))
        return items


def check_form_file(
    path: Path, known_clauses: set[str] | None = None
) -> tuple[Form | None, list[LintProblem]]:
    """Read and check one form file. Returns the form (None if broken) and every problem."""
    try:
        data, duplicates = read_yaml(path)
    except FormFileError as exc:
        return None, [
            LintProblem(str(path), int(str(exc.params.get("line", 1))), exc.code, exc.params)
        ]
    checker = _Checker(path, known_clauses)
    for key, line, first in duplicates:
        checker.add(line, "duplicate-key", key=key, first=first)
    form = checker.form(data)
    if checker.problems:
        return None, checker.problems
    return form, []


def load_form(path: Path, known_clauses: set[str] | None = None) -> Form:
    """Load one form file; raise FormFileError with the first problem if it is broken."""
    form, problems = check_form_file(path, known_clauses)
    if problems or form is None:
        first = problems[0]
        raise FormFileError(
            "form-invalid",
            file=first.file,
            line=first.line,
            problem_code=first.code,
            problem=first.params,
            count=len(problems),
        )
    return form


def form_files(folder: Path) -> list[Path]:
    """Every form file in ``folder``, sorted."""
    if not folder.is_dir():
        raise FormFileError("forms-folder-missing", file=str(folder))
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_forms(folder: Path, known_clauses: set[str] | None = None) -> dict[str, Form]:
    """Load every form in ``folder`` keyed by id; raise on the first broken file."""
    forms = {}
    for path in form_files(folder):
        form = load_form(path, known_clauses)
        forms[form.id] = form
    return forms


def get_form(forms: dict[str, Form], form_id: str) -> Form:
    """The form ``form_id``, or UnknownFormError listing the known ids."""
    try:
        return forms[form_id]
    except KeyError:
        raise UnknownFormError(
            "unknown-form", form=form_id, known=", ".join(sorted(forms))
        ) from None
