"""Regulation rules: what a Table Schema cannot say, with numbers from the policy.

Row rules look at one row (deadlines between two dates, conditional
requirements, references to another register); period rules look at the whole
register (quotas by role, follow-up coverage, longest gaps between visits or
meetings). Each rule kind is one module holding one class with a stable
kebab-case ``check`` name, like frictionless's checks, that yields ``Finding``
records rather than raising. A new kind is a new module here and one entry in
``KINDS``: compiling, lint and the editors' table of kinds read that list
(``checks()``), so an entry added there is known everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from handbook.model.form import Form
from handbook.model.policy import Policy
from handbook.validate.rules.at_most import AtMost
from handbook.validate.rules.base import Finding, PeriodRule, RowRule, Rule, unusable_rule
from handbook.validate.rules.count import Count
from handbook.validate.rules.coverage import Coverage
from handbook.validate.rules.interval import Interval
from handbook.validate.rules.order import Order
from handbook.validate.rules.reference import Reference
from handbook.validate.rules.required_if import RequiredIf
from handbook.validate.rules.schedule import Schedule
from handbook.validate.rules.share import Share
from handbook.validate.rules.within import Within

__all__ = [
    "KINDS",
    "Finding",
    "PeriodRule",
    "Reference",
    "Rule",
    "RowRule",
    "RuleSet",
    "checks",
    "compile_rules",
    "lint_rules",
]

#: Every rule kind; ``check`` in a form's rule names one of them.
KINDS: list[type[Rule]] = [
    Order,
    Within,
    RequiredIf,
    AtMost,
    Reference,
    Share,
    Coverage,
    Interval,
    Count,
    Schedule,
]


def checks() -> dict[str, type[Rule]]:
    """Each kind by its ``check`` name, read from ``KINDS`` each time."""
    return {cls.check: cls for cls in KINDS}


@dataclass
class RuleSet:
    """The compiled rules of one form."""

    row: list[RowRule] = field(default_factory=list)
    period: list[PeriodRule] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


def compile_rules(form: Form, policy: Policy) -> RuleSet:
    """Fresh rule objects for one pass over a register (period rules keep state)."""
    rules = RuleSet()
    for spec in form.rules:
        cls = checks().get(str(spec.get("check")))
        if cls is None:
            raise unusable_rule(
                form,
                spec,
                "unknown-check",
                rule=spec.get("id"),
                check=spec.get("check"),
                allowed=", ".join(checks()),
            )
        rule = cls(form, spec, policy)
        if isinstance(rule, PeriodRule):
            rules.period.append(rule)
        else:
            rules.row.append(rule)  # type: ignore[arg-type]
            if isinstance(rule, Reference):
                rules.references.append(rule)
    return rules


def lint_rules(
    form: Form, policy: Policy | None, form_ids: set[str] | None
) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """Problems in a form's rules: unknown check, field, policy key or form; ``(line, code, params)``."""
    names = {f.name for f in form.fields}
    seen: set[str] = set()
    for spec in form.rules:
        line = getattr(spec, "line", 0)
        rule_id = str(spec.get("id", "")) if isinstance(spec, dict) else ""
        if not isinstance(spec, dict) or not rule_id or rule_id in seen:
            yield line, "rule-bad-id", {"rule": rule_id}
            continue
        seen.add(rule_id)
        check = spec.get("check")
        cls = checks().get(str(check))
        if cls is None:
            yield (
                line,
                "unknown-check",
                {"rule": rule_id, "check": check, "allowed": ", ".join(checks())},
            )
            continue
        for param in cls.params:
            if param not in spec:
                yield line, "rule-missing-param", {"rule": rule_id, "check": check, "param": param}
        for param in cls.field_params + cls.lint_fields:
            value = spec.get(param)
            if value is None:
                continue
            refs = list(value) if isinstance(value, (list, dict)) else [value]
            for name in refs:
                if name not in names:
                    yield (
                        line,
                        "rule-unknown-field",
                        {"rule": rule_id, "param": param, "name": name},
                    )
        if policy is not None:
            for param in (cls.setting_param,) if cls.setting_param else ():
                key = spec.get(param)
                if key is not None and key not in policy:
                    yield (
                        line,
                        "rule-unknown-policy",
                        {
                            "rule": rule_id,
                            "param": param,
                            "name": key,
                            "known": ", ".join(sorted(policy.settings)),
                        },
                    )
            setting = policy.settings.get(str(spec.get(cls.setting_param or "")))
            needs_date = setting is not None and setting.has_history and cls.date_param
            if needs_date and spec.get(str(cls.date_param)) is None:
                yield (
                    line,
                    "rule-needs-date",
                    {
                        "rule": rule_id,
                        "setting": str(spec.get(cls.setting_param or "")),
                        "param": cls.date_param,
                    },
                )
        for code, params in cls.lint(spec, names, form_ids):
            yield line, code, params
