"""A validation problem is data: a record with code, place, value and message."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

from handbook.messages import render
from handbook.model.form import Text
from handbook.registers.limits import MAX_VALUE_CHARS, shown_value

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem found in a register file.

    ``row`` is the spreadsheet row number staff see in Excel (title and header
    rows counted); ``column`` is the header cell as written in the file.
    """

    code: str
    severity: str
    file: str
    row: int | None = None
    column: str | None = None
    field: str | None = None
    value: str | None = None
    params: dict[str, Any] = _field(default_factory=dict)
    article: str | None = None
    #: the cell as staff see it in Excel (B7); None for a problem of the whole register
    cell: str | None = None

    def __post_init__(self) -> None:
        # a value of a million characters would be copied into every report line and cell comment
        if isinstance(self.value, str) and len(self.value) > MAX_VALUE_CHARS:
            object.__setattr__(self, "value", shown_value(self.value))

    def message(self, lang: str) -> str:
        """The explanation in ``lang``."""
        params = {"column": self.column, "value": self.value, **self.params}
        params = {k: (v.get(lang) if isinstance(v, Text) else v) for k, v in params.items()}
        return render(self.code, lang, **params)

    def as_dict(self, lang: str, article_url: str | None = None) -> dict[str, Any]:
        """A JSON-ready record (keys pinned by a test)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "field": self.field,
            "value": self.value,
            "message": self.message(lang),
            "article": self.article,
            "article_url": article_url,
        }
