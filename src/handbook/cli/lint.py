"""``handbook lint``: check every form file and the policy."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from handbook.cli.common import FORMS, LANG, known_clauses, reports_errors
from handbook.load.policy import check_policy_file
from handbook.messages import words
from handbook.project import forms_dir, policy_file
from handbook.validate.lint import lint_folder


@click.command()
@FORMS
@LANG
@reports_errors
def lint(forms_path: Path | None, lang: str) -> None:
    """Check every form file and the policy; print file:line: message per problem (exit 2 if any).

    \b
    Example:
      handbook lint
    """
    folder = forms_dir(forms_path)
    policy_path = policy_file(folder)
    policy, problems = check_policy_file(policy_path) if policy_path.exists() else (None, [])
    problems += lint_folder(folder, known_clauses(folder), policy)
    for problem in problems:
        click.echo(problem.render(lang))
    if problems:
        sys.exit(2)
    click.echo(words("cli", lang)["forms_ok"] + str(folder), err=True)
