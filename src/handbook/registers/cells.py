"""Parse and check one cell against its field, fast enough for million-row registers.

Each field is compiled once into a ``CellCheck`` whose ``check`` returns the
parsed value and, if something is wrong, an error code with parameters.
Staff input is accepted in the forms they really type: 2026/3/5, 2026年3月5日,
Excel date cells, 是/否, enum labels in either language. Characters that show
nothing (zero-width spaces, U+FEFF that some exporters scatter through a file,
soft hyphens) are removed before a cell is checked, so a value that looks like
an allowed one is one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from handbook.model.form import Field, Text
from handbook.model.schema import FALSE_VALUES, TRUE_VALUES
from handbook.registers.origin import SPREADSHEET

# A four-digit year with - / . or 年月日, or a two-digit year with 年月日 as zh-CN
# spreadsheets display typed dates (25年11月5日 is 2025-11-05).
_YMD = r"(?:(\d{4})\s*[-/.年]|(\d{2})\s*年)\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_DATE = re.compile(rf"^{_YMD}$")
# ISO 8601 as Table Schema writes it (T, fractions of a second, Z or an offset) and the
# forms spreadsheets show (2025/11/5 0:00, 2025年11月5日 17时30分).
_DATETIME = re.compile(
    rf"^{_YMD}(?:\s+|T|\s*)"
    r"(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*(?:分)?(?:\s*[:：]\s*(\d{1,2})(?:[.,](\d{1,6})\d*)?\s*秒?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$"
)
#: The time zone of the registers: a datetime written with Z or an offset is read in it.
CHINA = dt.timezone(dt.timedelta(hours=8))
# A number Excel shows in scientific notation (1.38E+10): its last digits are gone.
_SCIENTIFIC = re.compile(r"^[+-]?\d(?:[.,]\d+)?[eE][+-]?\d+$")
_TRUE = {v.casefold() for v in TRUE_VALUES}
_FALSE = {v.casefold() for v in FALSE_VALUES}

Result = tuple[Any, str | None, dict[str, Any] | None]

#: Characters that show nothing: zero-width space, non-joiner and joiner, word joiner,
#: invisible operators, BOM / zero-width no-break space, soft hyphen, Mongolian vowel
#: separator, left-to-right and right-to-left marks and embeddings.
INVISIBLE = dict.fromkeys(
    [0x00AD, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062, 0x2063]
    + [0x2064, 0xFEFF, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
)


_INVISIBLE_RE = re.compile("[" + "".join(chr(c) for c in INVISIBLE) + "]")


def visible(text: str) -> str:
    """``text`` without the characters that show nothing (ASCII text is returned as it is)."""
    if text.isascii() or _INVISIBLE_RE.search(text) is None:
        return text
    return _INVISIBLE_RE.sub("", text)


#: What a cell that shows nothing starts with: white space or an invisible character.
BLANK_START = frozenset(chr(c) for c in INVISIBLE) | frozenset(
    chr(c) for c in range(0x3001) if chr(c).isspace()
)


def looks_blank(text: str) -> bool:
    """A text cell that shows nothing: empty, white space, invisible characters (fast when not)."""
    return not text or (text[0] in BLANK_START and not visible(text).strip())


def normalise(text: str) -> str:
    """Fold full-width forms, invisible characters, surrounding spaces and case, for matching."""
    return unicodedata.normalize("NFKC", visible(text)).strip().casefold()


def parse_date(value: Any) -> dt.date | None:
    """A date from a typed string or an Excel date cell; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFKC", visible(str(value))).strip()
    match = _DATE.match(text)
    if not match:
        # a date cell shown with its time of day (2025/11/5 0:00): the date, at midnight only
        moment = parse_datetime(text)
        if moment is not None and moment.time() == dt.time():
            return moment.date()
        return None
    try:
        return dt.date(_year(match), int(match[3]), int(match[4]))
    except ValueError:
        return None


def _year(match: re.Match[str]) -> int:
    return int(match[1]) if match[1] else 2000 + int(match[2])


def _plain_moment(text: str) -> dt.datetime | None:
    """2026-03-05 10:30 or 2026-03-05 10:30:00, as most files write it, read without the pattern.

    The same value the pattern gives for this shape; None for any other shape (or
    a date that does not exist), which the pattern then decides.
    """
    size = len(text)
    if not (
        (size == 16 or (size == 19 and text[16] == ":"))
        and text[4] == "-"
        and text[7] == "-"
        and text[10] in " T"
        and text[13] == ":"
    ):
        return None
    digits = text[:4] + text[5:7] + text[8:10] + text[11:13] + text[14:16] + text[17:]
    if not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return dt.datetime(
            int(text[:4]),
            int(text[5:7]),
            int(text[8:10]),
            int(text[11:13]),
            int(text[14:16]),
            int(text[17:]) if size == 19 else 0,
        )
    except ValueError:
        return None


def parse_datetime(value: Any) -> dt.datetime | None:
    """A date and time from a typed string or an Excel cell; None when it is not one."""
    if type(value) is str:
        moment = _plain_moment(value)
        if moment is not None:
            return moment
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        # a workbook's date cell (calamine reads a midnight date-time cell as a date)
        return dt.datetime.combine(value, dt.time())
    text = unicodedata.normalize("NFKC", visible(str(value))).strip()
    match = _DATETIME.match(text)
    if not match:
        # a date alone is midnight of that day, as a date cell is (some programs drop 00:00)
        day = _DATE.match(text)
        if day is None:
            return None
        try:
            return dt.datetime(_year(day), int(day[3]), int(day[4]))
        except ValueError:
            return None
    try:
        moment = dt.datetime(
            _year(match),
            int(match[3]),
            int(match[4]),
            int(match[5]),
            int(match[6]),
            int(match[7] or 0),
            int((match[8] or "0").ljust(6, "0")),
        )
    except ValueError:
        return None
    if match[9]:
        zone = match[9]
        offset = (
            dt.timedelta(0)
            if zone == "Z"
            else (1 if zone[0] == "+" else -1)
            * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[-2:]))
        )
        moment = moment.replace(tzinfo=dt.timezone(offset)).astimezone(CHINA).replace(tzinfo=None)
    return moment


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        # a midnight date-time cell shows as its date, as every reader gives it (calamine a date)
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass
class CellCheck:
    """The compiled check of one field."""

    field: Field
    check: Callable[[Any], Result]


def _number(raw: Any) -> float | None:
    """A number from a number cell or typed text; None when it is not one (``1_000`` is not)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return float(raw)
    text = visible(str(raw)).strip()
    if "_" in text:  # Python reads 1_000 as a number; Table Schema and staff do not
        return None
    try:
        return float(text)
    except ValueError:
        return None


def suggest(text: str, labels: list[str]) -> str | None:
    """The one allowed label a near miss most likely meant (漏水 → 漏水/渗漏, 非常满意 → 满意)."""
    key = normalise(text)
    if not key:
        return None
    inside = [label for label in labels if key in normalise(label) or normalise(label) in key]
    if inside:
        # the longest label inside the text, else the shortest one holding it
        held = [label for label in inside if normalise(label) in key]
        return max(held, key=len) if held else min(inside, key=len)
    close = difflib.get_close_matches(key, [normalise(label) for label in labels], n=1, cutoff=0.6)
    if close:
        return next(label for label in labels if normalise(label) == close[0])
    return None


def _mangled_number(raw: Any, text: str, pattern: re.Pattern[str] | None) -> str | None:
    """What the spreadsheet did to a number typed into a text column, if that is why it fails."""
    if type(raw) is str and _SCIENTIFIC.match(text):
        return "number-scientific"
    # a number cell, or its digits as a text export holds them: the same file, the same verdict
    number = (isinstance(raw, (int, float)) and not isinstance(raw, bool)) or text.isdigit()
    if number and pattern is not None and pattern.fullmatch("0" + text):
        return "number-lost-zero"
    return None


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
    allowed = Text(
        " / ".join(item.label.zh for item in field.enum),
        " / ".join(item.label.en for item in field.enum),
    )
    labels = [i.label.zh for i in field.enum] + [i.label.en for i in field.enum]

    def enum_miss(text: str) -> Result:
        zh = suggest(text, labels)
        if zh is None:
            return text, "enum", {"allowed": allowed}
        item = next(i for i in field.enum if zh in (i.label.zh, i.label.en))
        return text, "enum-near-miss", {"allowed": allowed, "suggestion": item.label}

    def ranges(value: Any) -> Result:
        if minimum is not None and value < _bound(minimum, field.type):
            return value, "minimum", {"limit": minimum}
        if maximum is not None and value > _bound(maximum, field.type):
            return value, "maximum", {"limit": maximum}
        if enum_values is not None and value not in enum_values:
            return value, "enum", {"allowed": allowed}
        return value, None, None

    # enum on another type than string: the parsed value must be one of the values
    enum_values: set[Any] | None = None
    if field.enum and field.type != "string":
        parsed = (_typed(item.value, field.type) for item in field.enum)
        enum_values = {v for v in parsed if v is not None}

    if field.type == "string":

        def check(raw: Any) -> Result:
            if type(raw) is str:
                text = raw.strip()
                if not text.isascii() and _INVISIBLE_RE.search(text) is not None:
                    text = visible(text).strip()
            elif isinstance(raw, (dt.date, dt.datetime)):
                # a code the spreadsheet took for a date (1-1-2001): what was typed is gone
                return raw, "date-in-text", {"program": SPREADSHEET}
            else:
                text = _as_text(raw).strip()
            if enum_map:
                key = enum_map.get(normalise(text))
                if key is None:
                    return enum_miss(text)
                return key, None, None
            if max_len is not None and len(text) > max_len:
                return text, "max-length", {"length": len(text), "limit": max_len}
            if min_len is not None and len(text) < min_len:
                return text, "min-length", {"limit": min_len}
            if pattern is not None and not pattern.fullmatch(text):
                mangled = _mangled_number(raw, text, pattern)
                if mangled is not None:
                    params = {"example": example or pattern.pattern, "program": SPREADSHEET}
                    return text, mangled, params
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
            number = _number(raw)
            if number is None or not number.is_integer():
                return raw, "type-integer", {}
            return ranges(int(number))
    elif field.type == "number":

        def check(raw: Any) -> Result:
            number = _number(raw)
            if number is None:
                return raw, "type-number", {}
            return ranges(number)
    elif field.type == "boolean":

        def check(raw: Any) -> Result:
            if isinstance(raw, bool):
                return raw, None, None
            text = visible(_as_text(raw)).strip().casefold()
            if text in _TRUE:
                return True, None, None
            if text in _FALSE:
                return False, None, None
            return raw, "type-boolean", {}
    else:  # the loader rejects unknown types; be safe anyway

        def check(raw: Any) -> Result:
            return raw, None, None

    return CellCheck(field, check)


def _typed(value: Any, ftype: str) -> Any:
    """An enum value of a non-string field, as the parsed cell would be."""
    if ftype == "date":
        return parse_date(value)
    if ftype == "datetime":
        return parse_datetime(value)
    if ftype in ("integer", "number"):
        number = _number(value)
        return None if number is None else (int(number) if ftype == "integer" else number)
    if ftype == "boolean":
        text = _as_text(value).strip().casefold()
        return True if text in _TRUE else False if text in _FALSE else None
    return value


def _bound(limit: Any, ftype: str) -> Any:
    if ftype == "date":
        return parse_date(limit)
    if ftype == "datetime":
        return parse_datetime(limit)
    return limit


def is_blank(value: Any) -> bool:
    """An empty cell: None, or only white space and characters that show nothing."""
    return value is None or (isinstance(value, str) and looks_blank(value))


def blank_row(cells: list[Any]) -> bool:
    """Every cell of the row is blank (``is_blank``), deciding at the first filled one."""
    for cell in cells:
        if cell is None:
            continue
        if type(cell) is not str or not looks_blank(cell):
            return False
    return True


#: what ``cached`` returns for a blank cell
BLANK: Result = (None, "blank", None)
#: the distinct texts a column remembers (a free-text column of a large file stops adding)
CACHE_LIMIT = 1 << 14


def cached(check: Callable[[Any], Result]) -> Callable[[Any], Result]:
    """``check`` that parses each distinct text of a column once, and gives ``BLANK`` for a blank cell.

    Dates, choices and numbers repeat down a column of thousands of rows, so a
    reader of a whole file calls this once per cell instead of ``is_blank`` and
    ``check``: the same verdicts (``check`` depends on the cell alone), a
    fraction of the work. One per column and file: the memory is bounded by
    ``CACHE_LIMIT`` texts.
    """
    memo: dict[str, Result] = {}

    def parse(raw: Any) -> Result:
        if type(raw) is str:
            found = memo.get(raw)
            if found is None:
                found = BLANK if looks_blank(raw) else check(raw)
                if len(memo) < CACHE_LIMIT:
                    memo[raw] = found
            return found
        if raw is None:
            return BLANK
        return check(raw)

    return parse


def display(value: Any) -> str:
    """A cell as a person would see it in a message."""
    return _as_text(value)


def column_letter(position: int) -> str:
    """The letter Excel shows for the column at 0-based ``position``: A, B, … Z, AA, AB …"""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
