"""What a staff member must know about a column, in words: shown on its page and in its workbook."""

from __future__ import annotations

from handbook.messages import words
from handbook.model.form import Field


def field_rules(field: Field, lang: str) -> str:
    """What a staff member must know about a column, in one table cell."""
    w = words("page", lang)
    parts = []
    if field.description:
        # the parts are joined with "；" / "; ": drop the description's own full stop
        parts.append(field.description.get(lang).rstrip("。.").strip())
    if field.derived and not field.description:
        parts.append(w["derived"])
    if field.enum:
        parts.append(w["choices"] + " / ".join(item.label.get(lang) for item in field.enum))
    c = field.constraints
    if c.get("unique"):
        parts.append(w["unique"])
    if "maxLength" in c:
        parts.append(w["max"].format(n=c["maxLength"]))
    if "minLength" in c:
        parts.append(w["min"].format(n=c["minLength"]))
    if "minimum" in c:
        parts.append(w["range_min"].format(n=c["minimum"]))
    if "maximum" in c:
        parts.append(w["range_max"].format(n=c["maximum"]))
    if field.example:
        parts.append(w["example"] + field.example)
    if field.personal:
        parts.append(w["personal"])
    return "；".join(parts) if lang == "zh" else "; ".join(parts)
