"""Write the fill-in page of every form, both languages: docs/<lang>/forms/<id>/fill.md.

Each file holds only the page's title and the macro that generates the form from its
YAML at build time (handbook.site.fill_page); run this after adding a form.
tests/test_fill.py fails when a form lacks its page or a page is out of date.

    python scripts/make_fill_pages.py
"""

from __future__ import annotations

from pathlib import Path

from handbook.load.forms import load_forms
from handbook.site.fill_page import stub_markdown, stub_path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    for form in load_forms(ROOT / "forms").values():
        for lang in ("zh", "en"):
            path = stub_path(ROOT / "docs", form, lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            text = stub_markdown(form, lang)
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
