"""Parse and check one cell against its field, fast enough for million-row registers.

Each field is compiled once into a ``CellCheck`` whose ``check`` returns the
parsed value and, if something is wrong, an error code with parameters.
Staff input is accepted in the forms they really type: 2026/3/5, 2026年3月5日,
Excel date cells, 是/否, enum labels in either language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from handbook.model.form import Field
from handbook.model.schema import FALSE_VALUES, TRUE_VALUES

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATETIME = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+|T|\s*)"
    r"(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*(?:分)?(?:\s*[:：]\s*(\d{1,2})\s*秒?)?$"
)
_TRUE = {v.casefold() for v in TRUE_VALUES}
_FALSE = {v.casefold() for v in FALSE_VALUES}

Result = tuple[Any, str | None, dict[str, Any] | None]


def normalise(text: str) -> str:
    """Fold full-width forms, surrounding spaces and case, for matching labels and headers."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def parse_date(value: Any) -> dt.date | None:
    """A date from a typed string or an Excel date cell; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(unicodedata.normalize("NFKC", str(value)).strip())
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_datetime(value: Any) -> dt.datetime | None:
    """A date and time from a typed string or an Excel cell; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value
    match = _DATETIME.match(unicodedata.normalize("NFKC", str(value)).strip())
    if not match:
        return None
    try:
        return dt.datetime(
            int(match[1]),
            int(match[2]),
            int(match[3]),
            int(match[4]),
            int(match[5]),
            int(match[6] or 0),
        )
    except ValueError:
        return None


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass
class CellCheck:
    """The compiled check of one field."""

    field: Field
    check: Callable[[Any], Result]


def compile_field(field: Field) -> CellCheck:
    """Build the cell check of ``field`` (type, enum, pattern, lengths, ranges)."""
    c = field.constraints
    pattern = re.compile(c["pattern"]) if "pattern" in c else None
    min_len, max_len = c.get("minLength"), c.get("maxLength")
    minimum, maximum = c.get("minimum"), c.get("maximum")
    example = field.example or ""
    enum_map: dict[str, str] = {}
    for item in field.enum:
        for key in (item.value, item.label.zh, item.label.en):
            enum_map[normalise(key)] = item.value
    allowed = " / ".join(f"{item.label.zh}（{item.label.en}）" for item in field.enum)

    def ranges(value: Any) -> Result:
        if minimum is not None and value < _bound(minimum, field.type):
            return value, "minimum", {"limit": minimum}
        if maximum is not None and value > _bound(maximum, field.type):
            return value, "maximum", {"limit": maximum}
        return value, None, None

    if field.type == "string":

        def check(raw: Any) -> Result:
            text = raw.strip() if type(raw) is str else _as_text(raw).strip()
            if enum_map:
                key = enum_map.get(normalise(text))
                if key is None:
                    return text, "enum", {"allowed": allowed}
                return key, None, None
            if max_len is not None and len(text) > max_len:
                return text, "max-length", {"length": len(text), "limit": max_len}
            if min_len is not None and len(text) < min_len:
                return text, "min-length", {"limit": min_len}
            if pattern is not None and not pattern.match(text):
                return text, "pattern", {"example": example or pattern.pattern}
            return text, None, None
    elif field.type == "date":

        def check(raw: Any) -> Result:
            value = parse_date(raw)
            if value is None:
                return raw, "type-date", {}
            return ranges(value)
    elif field.type == "datetime":

        def check(raw: Any) -> Result:
            value = parse_datetime(raw)
            if value is None:
                return raw, "type-datetime", {}
            return ranges(value)
    elif field.type == "integer":

        def check(raw: Any) -> Result:
            try:
                number = float(raw) if isinstance(raw, (int, float)) else float(str(raw).strip())
            except ValueError:
                return raw, "type-integer", {}
            if not number.is_integer():
                return raw, "type-integer", {}
            return ranges(int(number))
    elif field.type == "number":

        def check(raw: Any) -> Result:
            try:
                number = float(raw) if isinstance(raw, (int, float)) else float(str(raw).strip())
            except ValueError:
                return raw, "type-number", {}
            return ranges(number)
    elif field.type == "boolean":

        def check(raw: Any) -> Result:
            if isinstance(raw, bool):
                return raw, None, None
            text = _as_text(raw).strip().casefold()
            if text in _TRUE:
                return True, None, None
            if text in _FALSE:
                return False, None, None
            return raw, "type-boolean", {}
    else:  # the loader rejects unknown types; be safe anyway

        def check(raw: Any) -> Result:
            return raw, None, None

    return CellCheck(field, check)


def _bound(limit: Any, ftype: str) -> Any:
    if ftype == "date":
        return parse_date(limit)
    if ftype == "datetime":
        return parse_datetime(limit)
    return limit


def is_blank(value: Any) -> bool:
    """An empty cell: None or only white space."""
    return value is None or (isinstance(value, str) and not value.strip())


def display(value: Any) -> str:
    """A cell as a person would see it in a message."""
    return _as_text(value)
