"""Derive a Frictionless Table Schema descriptor from a form (never written twice).

Blank registers hold labels (what staff see in Excel dropdowns) while the
schema holds keys; the validator maps one to the other before checking.
"""

from __future__ import annotations

from typing import Any

from handbook.model.form import Field, Form

#: What a staff member types for yes/no, accepted by the validator and declared here.
TRUE_VALUES = ["是", "yes", "Yes", "YES", "true", "True", "TRUE", "1", "Y", "y", "√", "✓"]
FALSE_VALUES = ["否", "no", "No", "NO", "false", "False", "FALSE", "0", "N", "n", "×", "✗"]

#: Formats written into blanks and the canonical form of the derived schema.
DATE_FORMAT = "%Y-%m-%d"
#: The derived schema declares "any" for date-times: the validator reads ISO 8601 (T, seconds,
#: fractions, Z or an offset) as well as 2026-03-05 14:30, and one fixed pattern would reject
#: what it accepts.
SCHEMA_DATETIME_FORMAT = "any"

#: Where the validator is more lenient than a Table Schema, for values staff type; said in
#: the derived schema's description so another tool knows, and on the validator page.
LENIENCIES = (
    "dates as Excel and WPS write them: 2026/3/5, 2026年3月5日, 26年3月5日 (20yy), a date cell, "
    "and 2026/3/5 0:00 for a date",
    "yes/no as 是/否, yes/no, Y/N, true/false, 1/0, √/×",
    "choices by their key or their Chinese or English label, trimmed, case and full-width "
    "forms ignored",
    "blank rows are skipped; a title row above the header is skipped",
    "a header cell may be the field's Chinese title, its English title or its name",
)


def field_descriptor(field: Field, lang: str = "en") -> dict[str, Any]:
    """One Table Schema field descriptor."""
    descriptor: dict[str, Any] = {
        "name": field.name,
        "type": field.type,
        "title": field.title.get(lang),
    }
    if field.description:
        descriptor["description"] = field.description.get(lang)
    if field.type == "date":
        descriptor["format"] = DATE_FORMAT
    elif field.type == "datetime":
        descriptor["format"] = SCHEMA_DATETIME_FORMAT
    elif field.type == "boolean":
        descriptor["trueValues"] = TRUE_VALUES
        descriptor["falseValues"] = FALSE_VALUES
    constraints = dict(field.constraints)
    if field.enum:
        constraints["enum"] = [item.value for item in field.enum]
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def table_schema(form: Form, lang: str = "en", include_derived: bool = False) -> dict[str, Any]:
    """The Table Schema descriptor of ``form`` (titles and descriptions in ``lang``)."""
    fields = form.fields if include_derived else form.input_fields
    schema: dict[str, Any] = {
        "description": (
            f"{form.title.get(lang)}. Derived from the handbook's form {form.id}. "
            "The handbook's validator also accepts: " + "; ".join(LENIENCIES) + "."
        ),
        "fields": [field_descriptor(f, lang) for f in fields],
        "missingValues": [""],
    }
    if form.primary_key:
        schema["primaryKey"] = list(form.primary_key)
    if form.unique_keys:
        schema["uniqueKeys"] = [list(group) for group in form.unique_keys]
    return schema
