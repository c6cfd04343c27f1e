"""``handbook lint``: every form file and the policy, checked together.

Here rather than in ``load``: each rule kind lints its own parameters
(``validate.rules``), and a form's rules are linted against its fields, the
folder's forms, the policy and the handbook's article ids.
"""

from __future__ import annotations

from pathlib import Path

from handbook.load.forms import LintProblem, check_form_file, form_files
from handbook.model.form import Form
from handbook.model.policy import Policy
from handbook.validate.rules import lint_rules


def lint_folder(
    folder: Path, known_clauses: set[str] | None = None, policy: Policy | None = None
) -> list[LintProblem]:
    """Check every form file in ``folder``: structure, clause ids, rules against fields and the policy."""
    problems: list[LintProblem] = []
    paths = form_files(folder)
    good: list[Form] = []
    for path in paths:
        form, found = check_form_file(path, known_clauses)
        problems.extend(found)
        if form is not None:
            good.append(form)
    form_ids = {p.stem for p in paths}
    for form in good:
        for line, code, params in lint_rules(form, policy, form_ids):
            problems.append(LintProblem(form.source, line, code, params))
        if known_clauses is not None:
            for spec in form.rules:
                for clause in spec.get("clauses") or ():
                    if clause not in known_clauses:
                        problems.append(
                            LintProblem(
                                form.source,
                                getattr(spec, "line", 0),
                                "unknown-clause",
                                {"where": f"rule {spec.get('id')}", "clause": clause},
                            )
                        )
    if policy is not None and known_clauses is not None:
        for setting in policy.settings.values():
            for clause in setting.clauses:
                if clause not in known_clauses:
                    problems.append(
                        LintProblem(
                            policy.source,
                            setting.line,
                            "unknown-clause",
                            {"where": f"policy {setting.key}", "clause": clause},
                        )
                    )
    return problems
