"""The form model: what a register or checklist is, independent of YAML or output.

A form file is a superset of a Frictionless Table Schema: ``fields`` with name,
type, format and constraints, plus bilingual titles, descriptions and enum
labels, ``rules`` a Table Schema cannot express, ``checklist`` items and the
``clauses`` (handbook article ids) that call for the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANGS = ("zh", "en")

#: Table Schema field types a form may use.
FIELD_TYPES = ("string", "integer", "number", "boolean", "date", "datetime")

#: Categories of personal data a field may hold (drives masking checks and reports).
PERSONAL_KINDS = ("name", "phone", "address", "id_card", "free_text")

FORM_KINDS = ("register", "checklist")


@dataclass(frozen=True)
class Text:
    """A bilingual string."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang``; falls back to Chinese."""
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class EnumValue:
    """One allowed value of an enum field, with its labels."""

    value: str
    label: Text


@dataclass(frozen=True)
class Field:
    """One column of a register."""

    name: str
    type: str
    title: Text
    description: Text | None = None
    constraints: dict[str, Any] = field(default_factory=dict)
    enum: tuple[EnumValue, ...] = ()
    example: str | None = None
    personal: str | None = None
    derived: bool = False
    clauses: tuple[str, ...] = ()
    line: int = 0

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def unique(self) -> bool:
        return bool(self.constraints.get("unique"))

    def enum_label(self, value: str, lang: str) -> str:
        """The label of enum ``value`` in ``lang``, or the value itself."""
        for item in self.enum:
            if item.value == value:
                return item.label.get(lang)
        return value


@dataclass(frozen=True)
class ChecklistItem:
    """One tick-box item of a printable checklist."""

    id: str
    text: Text
    clauses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    """A register or checklist, as defined by one YAML file in ``forms/``."""

    id: str
    kind: str
    title: Text
    description: Text | None
    fields: tuple[Field, ...]
    clauses: tuple[str, ...] = ()
    primary_key: tuple[str, ...] = ()
    unique_keys: tuple[tuple[str, ...], ...] = ()
    rules: tuple[dict[str, Any], ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    source: str = ""

    def field(self, name: str) -> Field | None:
        """The field called ``name``, if any."""
        for f in self.fields:
            if f.name == name:
                return f
        return None

    @property
    def input_fields(self) -> tuple[Field, ...]:
        """Fields staff fill in (derived ones are computed, never typed)."""
        return tuple(f for f in self.fields if not f.derived)
