"""The words of an open item, in both languages: the row named by its key, never by a person.

A row is named by the form's key (派工单号, 投诉编号); a group of an ``interval`` rule by its
choices (物业类型 住宅) and, for a column of free text such as the officer who visits, by
the row that shows it ("走访人同第 12 行"), so no name or phone is ever written out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handbook.due.rows import Record, Sheet
from handbook.messages import words
from handbook.model.form import Text
from handbook.model.policy import Policy

LANGS = ("zh", "en")


def _show(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _text(template: str, **params: Any) -> Text:
    """Section ``due``'s ``template`` in both languages; Text parameters give their own language."""
    zh, en = (
        words("due", lang)[template].format(
            **{k: v.get(lang) if isinstance(v, Text) else v for k, v in params.items()}
        )
        for lang in LANGS
    )
    return Text(zh, en)


def amount(limit: Any, unit: str) -> Text:
    """A limit in words: " 24 小时" / "24 hours", "当天" / "the same day"."""
    kind = "same_day" if limit == "same_day" else unit
    kind = kind if kind in ("hours", "working_days", "same_day") else "days"
    zh, en = (words("quantity", lang)[kind].format(n=limit) for lang in LANGS)
    return Text(zh, en)


class Describer:
    """Words for the items of one register."""

    def __init__(self, sheet: Sheet, policy: Policy) -> None:
        self.form = sheet.form
        self.policy = policy
        keys = self.form.primary_key or (self.form.unique_keys[0] if self.form.unique_keys else ())
        self.key_names = [
            k for k in keys if (f := self.form.field(k)) is not None and not f.personal
        ]

    def title(self, name: str) -> Text:
        f = self.form.field(name)
        return f.title if f is not None else Text(name, name)

    def choice(self, name: str | None, value: Any) -> Text:
        """A choice's label (住宅 / Residential); the register's title when there is no choice."""
        f = self.form.field(name) if name else None
        if f is None or value is None:
            return self.form.title
        return Text(f.enum_label(str(value), "zh"), f.enum_label(str(value), "en"))

    def key(self, record: Record) -> str:
        """The row's key as typed (TS-2026-0001), or its row number when the key is empty."""
        values = [_show(record.values[k]) for k in self.key_names if k in record.values]
        return " / ".join(values) if values else f"#{record.row}"

    def key_of(self, name: str, value: Any) -> str:
        return _show(value)

    def _named(self, names: list[str], record: Record) -> Text:
        parts = [
            Text(
                f"{self.title(k).zh} {_show(record.values[k])}",
                f"{self.title(k).en} {_show(record.values[k])}",
            )
            for k in names
            if k in record.values
        ]
        if not parts:
            return _text("row", row=record.row)
        return Text("，".join(p.zh for p in parts), ", ".join(p.en for p in parts))

    def _group(self, record: Record, names: list[str]) -> Text:
        zh: list[str] = []
        en: list[str] = []
        for name in names:
            f = self.form.field(name)
            if f is None or name not in record.values:
                continue
            if f.enum:
                label = self.choice(name, record.values[name])
                zh.append(f"{f.title.zh} {label.zh}")
                en.append(f"{f.title.en} {label.en}")
            else:
                same = _text("same_row", column=f.title, row=record.row)
                zh.append(same.zh)
                en.append(same.en)
        if not zh:
            return self.form.title
        return Text("，".join(zh), ", ".join(en))

    def role(self, spec: dict[str, Any], record: Record | None) -> tuple[str | None, Text | None]:
        """The responsible role: the rule's ``role`` field, else the form's ``…_role`` choice."""
        name = spec.get("role")
        if name is None:
            name = next(
                (f.name for f in self.form.fields if f.name.endswith("_role") and f.enum), None
            )
        if name is None or record is None or record.values.get(name) is None:
            return None, None
        value = record.values[name]
        return str(value), self.choice(name, value)

    def article(self, spec: dict[str, Any]) -> str | None:
        clauses = list(spec.get("clauses") or ())
        for param in ("limit", "max_days", "minimum", "months"):
            if not clauses and spec.get(param) in self.policy:
                clauses = list(self.policy[str(spec[param])].clauses)
        return clauses[0] if clauses else None

    def within(
        self, record: Record, start: str, end: str, value: Any, limit: Any, unit: str
    ) -> Text:
        return _text(
            "within",
            key=self._named(self.key_names, record),
            end_col=self.title(end),
            start_col=self.title(start),
            start=_show(value),
            limit=amount(limit, unit),
        )

    def interval(
        self,
        record: Record,
        group_by: list[str],
        by: str | None,
        date: str,
        last: dt.date,
        limit: Any,
        unit: str,
    ) -> Text:
        names = [*group_by, *([by] if by and by not in group_by else [])]
        return _text(
            "interval",
            group=self._group(record, names),
            date_col=self.title(date),
            last=last.isoformat(),
            limit=amount(limit, unit),
        )

    def count(self, month: dt.date, label: Text, done: int, minimum: int) -> Text:
        return _text(
            "count",
            month=f"{month:%Y-%m}",
            label=label,
            missing=minimum - done,
            count=done,
            minimum=minimum,
        )

    def schedule(
        self, key_name: str, key: Any, number: int, start_name: str, start: dt.date, due: dt.date
    ) -> Text:
        months = (due.year - start.year) * 12 + due.month - start.month
        return _text(
            "schedule",
            key=Text(
                f"{self.title(key_name).zh} {_show(key)}", f"{self.title(key_name).en} {_show(key)}"
            ),
            round=number,
            start_col=self.title(start_name),
            start=start.isoformat(),
            months=months,
        )
