"""The loader and lint: good forms load, each class of broken form is reported with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.errors import FormFileError, UnknownFormError
from handbook.load.forms import check_form_file, get_form, load_form, load_forms
from handbook.validate.lint import lint_folder

BROKEN = {
    # file: (code, line) — the first problem reported
    "yaml_syntax.yaml": ("yaml-syntax", 4),
    "unknown_key.yaml": ("unknown-key", 8),
    "duplicate_field.yaml": ("duplicate-field", 8),
    "unknown_type.yaml": ("unknown-type", 6),
    "enum_label_missing.yaml": ("enum-label-missing", 10),
    "title_missing.yaml": ("title-missing", 3),
    "constraint_wrong_type.yaml": ("constraint-not-for-type", 10),
}


def test_good_form_loads_with_bilingual_text(data: Path) -> None:
    form = load_form(data / "forms/good/mini_register.yaml")
    assert form.id == "mini_register"
    assert [f.name for f in form.fields] == ["record_no", "done_on", "visits", "rating", "signed"]
    rating = form.field("rating")
    assert rating is not None and rating.enum_label("dissatisfied", "zh") == "不满意"
    assert form.field("record_no").unique  # type: ignore[union-attr]


@pytest.mark.parametrize(("name", "expected"), sorted(BROKEN.items()))
def test_each_broken_form_names_file_line_and_problem(
    data: Path, name: str, expected: tuple[str, int]
) -> None:
    path = data / "forms/broken" / name
    form, problems = check_form_file(path)
    assert form is None
    code, line = expected
    assert (problems[0].code, problems[0].line) == (code, line)
    rendered = problems[0].render("zh")
    assert rendered.startswith(f"{path}:{line}: ")


def test_missing_title_reports_each_language(data: Path) -> None:
    _, problems = check_form_file(data / "forms/broken/title_missing.yaml")
    missing = {(p.line, p.params["lang"]) for p in problems if p.code == "title-missing"}
    assert (3, "en") in missing  # the form's title has no en
    assert (7, "zh") in missing  # the field's title has no zh


def test_load_form_raises_with_the_first_problem(data: Path) -> None:
    with pytest.raises(FormFileError) as info:
        load_form(data / "forms/broken/unknown_type.yaml")
    assert "unknown_type.yaml" in info.value.render("en")
    assert "phone_number" in info.value.render("en")


def test_lint_folder_collects_every_file(data: Path) -> None:
    problems = lint_folder(data / "forms/broken")
    assert {Path(p.file).name for p in problems} == set(BROKEN)
    assert lint_folder(data / "forms/good") == []


def test_unknown_clause_is_reported_when_clauses_are_known(data: Path) -> None:
    form, problems = check_form_file(
        data / "forms/good/mini_register.yaml", known_clauses={"RV-1.1"}
    )
    assert form is not None and problems == []
    assert load_forms(data / "forms/good").keys() == {"mini_register"}


def test_unknown_form_lists_the_known_ones(data: Path) -> None:
    forms = load_forms(data / "forms/good")
    with pytest.raises(UnknownFormError) as info:
        get_form(forms, "nope")
    assert "mini_register" in info.value.render("zh")


def test_project_forms_lint_clean(root: Path) -> None:
    assert [p.render("en") for p in lint_folder(root / "forms")] == []


RULE_BROKEN = {
    "unknown_clause.yaml": ("unknown-clause", 4, "RV-99.1"),
    "rule_unknown_field.yaml": ("rule-unknown-field", 9, "followed_on"),
    "rule_unknown_policy.yaml": ("rule-unknown-policy", 12, "repair_followup_weeks"),
    "rule_unknown_check.yaml": ("unknown-check", 9, "deadline"),
}


@pytest.mark.parametrize(("name", "expected"), sorted(RULE_BROKEN.items()))
def test_lint_rejects_unknown_clauses_fields_policy_keys_and_checks(
    root: Path, data: Path, name: str, expected: tuple[str, int, str]
) -> None:
    from handbook.load.articles import article_index
    from handbook.load.policy import load_policy

    folder = data / "forms/broken_rules"
    problems = [
        p
        for p in lint_folder(
            folder, set(article_index(root / "docs")), load_policy(root / "policy.yaml")
        )
        if Path(p.file).name == name
    ]
    code, line, word = expected
    assert [(p.code, p.line) for p in problems] == [(code, line)]
    assert word in problems[0].render("en") and word in problems[0].render("zh")


def test_every_form_appears_on_a_page_in_each_language(root: Path) -> None:
    for form_id in load_forms(root / "forms"):
        for lang in ("zh", "en"):
            pages = [
                p
                for p in (root / "docs" / lang).rglob("*.md")
                if f'"{form_id}"' in p.read_text(encoding="utf-8")
            ]
            assert pages, f"{form_id} is on no {lang} page"


def test_a_broken_glossary_is_reported_as_an_editorial_file_not_a_policy(tmp_path: Path) -> None:
    from handbook.errors import FormFileError
    from handbook.load.content import load_glossary

    path = tmp_path / "glossary.yaml"
    path.write_text("zh: 回访\nen: follow-up\n", encoding="utf-8")
    with pytest.raises(FormFileError) as caught:
        load_glossary(path)
    assert caught.value.code == "editorial-invalid"
    assert "glossary or errata" in caught.value.render("en") and "策略" not in caught.value.render(
        "zh"
    )
