"""Open and overdue items for supervisors: counts per register and per role, and the 督办 list.

``handbook report`` adds this beside its indicators (one hook in ``cli/report.py``):
the items come from ``handbook.due`` (the same list as ``handbook due``), judged at the
report's as-of moment. The 督办 (escalation) list holds the items overdue by more than
the policy's ``escalate_overdue_days``, each by its register, cell and key: never a name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from handbook.due import OVERDUE, DueItem, status
from handbook.due.record import as_record, iso, safe_cell
from handbook.messages import words
from handbook.model.policy import Policy

#: the policy setting: how many days overdue before an item is escalated
ESCALATE = "escalate_overdue_days"


@dataclass
class DueSummary:
    """Counts of open and overdue items by register and role, and the items to escalate."""

    as_of: dt.datetime
    limit: int
    by_register: dict[str, tuple[str, str, int, int]] = field(default_factory=dict)
    by_role: dict[str, tuple[str, str, int, int]] = field(default_factory=dict)
    escalate: list[DueItem] = field(default_factory=list)


def _late_days(item: DueItem, as_of: dt.datetime) -> float:
    """Days overdue, as the item's state says them (hours as a fraction of a day)."""
    state = status(item, as_of)
    return state.amount / 24 if state.unit == "hours" else state.amount


def summarise(items: list[DueItem], as_of: dt.datetime, policy: Policy) -> DueSummary:
    """The supervisors' view of ``items`` at ``as_of``."""
    limit = int(policy.value(ESCALATE, as_of.date())) if ESCALATE in policy else 0
    result = DueSummary(as_of, limit)
    opened: Counter[tuple] = Counter()
    late: Counter[tuple] = Counter()
    for item in items:
        overdue = status(item, as_of).state == OVERDUE
        no_role = words("due", "zh")["no_role"], words("due", "en")["no_role"]
        role = item.role_label.zh if item.role_label else no_role[0]
        role_en = item.role_label.en if item.role_label else no_role[1]
        for key in (
            ("register", item.form, item.register.zh, item.register.en),
            ("role", item.role or "", role, role_en),
        ):
            opened[key] += 1
            late[key] += overdue
        if overdue and _late_days(item, as_of) > limit:
            result.escalate.append(item)
    for key, count in sorted(opened.items()):
        kind, name, zh, en = key
        target = result.by_register if kind == "register" else result.by_role
        target[name] = (zh, en, count, late[key])
    return result


def summary_dict(summary: DueSummary, lang: str) -> dict[str, Any]:
    """The summary as JSON: counts and the escalation list (register, row, cell, key, due)."""
    i = 0 if lang == "zh" else 1
    return {
        "as_of": iso(summary.as_of),
        "escalate_overdue_days": summary.limit,
        "by_register": [
            {"form": k, "label": v[i], "open": v[2], "overdue": v[3]}
            for k, v in summary.by_register.items()
        ],
        "by_role": [
            {"role": k or None, "label": v[i], "open": v[2], "overdue": v[3]}
            for k, v in summary.by_role.items()
        ],
        "escalate": [
            {
                k: r[k]
                for k in ("form", "register", "row", "cell", "key", "due", "state_text", "article")
            }
            for r in (as_record(item, summary.as_of, lang) for item in summary.escalate)
        ],
    }


def summary_text(summary: DueSummary, lang: str) -> str:
    w = words("due", lang)
    i = 0 if lang == "zh" else 1
    lines = ["", str(w["report_title"]).format(as_of=summary.as_of.strftime("%Y-%m-%d %H:%M"))]
    for head, table in (
        ("report_registers", summary.by_register),
        ("report_roles", summary.by_role),
    ):
        lines.append(str(w[head]))
        lines.extend(
            "  " + str(w["report_count"]).format(label=v[i], open=v[2], overdue=v[3])
            for v in table.values()
        )
        if not table:
            lines.append("  " + str(w["report_none"]))
    limit = words("quantity", lang)["days"].format(n=summary.limit)
    lines.append(str(w["report_escalate"]).format(limit=limit))
    for record in (as_record(item, summary.as_of, lang) for item in summary.escalate):
        place = " ".join(str(p) for p in (record["register"], record["cell"] or "") if p)
        lines.append(f"  {place} · {record['key']} · {record['due']} · {record['state_text']}")
    if not summary.escalate:
        lines.append("  " + str(w["report_none"]))
    return "\n".join(lines) + "\n"


def summary_csv(summary: DueSummary, lang: str, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """CSV lines in the report's own columns: section ``due``, one line per count or item."""
    i = 0 if lang == "zh" else 1
    rows: list[dict[str, Any]] = []
    for group, table in (("register", summary.by_register), ("role", summary.by_role)):
        for key, v in table.items():
            for indicator, value in (("open", v[2]), ("overdue", v[3])):
                rows.append(
                    {
                        "section": "due",
                        "indicator": indicator,
                        "group": f"{group}:{key}",
                        "label": v[i],
                        "value": value,
                        "display": str(value),
                        "unit": "count",
                    }
                )
    for record in (as_record(item, summary.as_of, lang) for item in summary.escalate):
        rows.append(
            {
                "section": "due",
                "indicator": "escalate",
                "group": record["form"],
                "label": f"{record['cell'] or ''} {record['key']}".strip(),
                "display": record["state_text"],
                "value": record["due"],
                "article": record["article"] or "",
            }
        )
    return [{c: r.get(c, "") for c in columns} for r in rows]


def add_to_report(text: str, fmt: str, summary: DueSummary, lang: str) -> str:
    """The report's output with the due section added: a JSON key, text lines or CSV lines."""
    if fmt == "json":
        body = json.loads(text)
        body["due"] = summary_dict(summary, lang)
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        import csv
        import io

        from handbook.indicators.render import CSV_COLUMNS

        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
        for row in summary_csv(summary, lang, CSV_COLUMNS):
            writer.writerow({k: safe_cell(v) for k, v in row.items()})
        return text + out.getvalue()
    return text + summary_text(summary, lang)
