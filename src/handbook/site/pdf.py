"""A PDF of the whole handbook per language, printed by Chromium from the built site.

mkdocs-print-site-plugin prints only the last language built under i18n, so
the handbook makes its own print page: every page of one language's
navigation, in order, each starting on a new sheet, after a title page and a
table of contents. Chromium (``handbook.site.chromium``) prints it to A4 with page
numbers and a PDF outline; the table of contents gets its page numbers from a
first printing (``toc_pages``), then the page is printed again, and the
text layer is repaired (``handbook.site.pdftext``).

Links between pages become links inside the PDF; links to files of the site
(downloads) are kept as text. Han text is set in Noto CJK (Debian package
``fonts-noto-cjk``), which Chromium finds through fontconfig.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from handbook.messages import sections

#: Where the PDFs and their print pages go, relative to the site root.
FOLDER = "downloads"

_WORDS = sections("pdf")

_FONTS = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif'

_CSS = f"""
@page {{ size: A4; margin: 18mm 16mm 20mm 16mm; }}
html {{ font-family: {_FONTS}; font-size: 10.5pt; line-height: 1.55; color: #111; }}
body {{ margin: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
.hb-cover {{ text-align: center; padding-top: 80mm; }}
.hb-cover h1 {{ font-size: 24pt; margin: 0 0 6mm; }}
.hb-cover p {{ color: #444; }}
.hb-toc, .hb-page {{ break-before: page; }}
.hb-toc ol {{ list-style: none; padding: 0; margin: 0; }}
.hb-toc li.hb-toc-section {{ font-weight: bold; margin-top: 3mm; }}
.hb-toc li.hb-toc-section ol {{ font-weight: normal; padding-left: 6mm; }}
.hb-toc a {{ display: flex; gap: 2mm; color: inherit; text-decoration: none; }}
.hb-toc .hb-toc-title {{ flex: 1; border-bottom: 1px dotted #999; }}
.hb-toc .hb-toc-page {{ min-width: 10mm; text-align: right; }}
h1 {{ font-size: 17pt; margin: 0 0 4mm; }}
h2 {{ font-size: 13.5pt; margin: 6mm 0 2mm; break-after: avoid; }}
h3 {{ font-size: 11.5pt; margin: 4mm 0 2mm; break-after: avoid; }}
a {{ color: inherit; text-decoration: none; }}
a[href] {{ color: #0b4f9c; }}
table {{ border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 9.5pt; }}
th, td {{ border: 1px solid #999; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }}
tr {{ break-inside: avoid; }}
code, pre {{ font-family: "Noto Sans Mono CJK SC", monospace; font-size: 9pt; }}
pre {{ background: #f4f4f4; padding: 2mm; white-space: pre-wrap; }}
.admonition, details {{ border-left: 1mm solid #448aff; background: #f3f7ff; padding: 1mm 3mm; margin: 3mm 0; break-inside: avoid; }}
.admonition-title {{ font-weight: bold; margin: 1mm 0; }}
.hb-art {{ font-family: "Noto Sans Mono CJK SC", monospace; font-size: 8pt; color: #555; border: 1px solid #bbb; border-radius: 1mm; padding: 0 1mm; margin-right: 1.5mm; }}
.hb-source, .md-source-file {{ color: #555; font-size: 9pt; display: block; margin: 1mm 0 3mm; }}
.hb-print-title, .hb-no-print, .md-content__button, .hb-downloads {{ display: none !important; }}
svg {{ width: 1em; height: 1em; vertical-align: -0.125em; }}
"""


@dataclass(frozen=True)
class NavPage:
    """A page of a language's navigation, in reading order."""

    url: str  # relative to the site root, directory style: "", "rules/s01/", "en/rules/s01/"
    title: str
    section: str | None = None  # title of the navigation section holding it


def words(lang: str) -> dict[str, str]:
    """The fixed words of the PDF and its link in ``lang``."""
    return _WORDS["en" if lang == "en" else "zh"]


def pdf_name(lang: str) -> str:
    """File name of the PDF of ``lang`` in the site's ``downloads/`` folder."""
    return f"handbook.{lang}.pdf"


def page_key(url: str) -> str:
    """A document-wide id for a page of the site (``en/rules/s01/`` → ``p-en-rules-s01``)."""
    return "p-" + (re.sub(r"[^A-Za-z0-9]+", "-", url).strip("-") or "home")


def html_file(site_dir: Path, url: str) -> Path:
    """The built HTML file of the page at ``url``."""
    return Path(site_dir) / url / "index.html"


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_ATTR = re.compile(r'\s(id|href|src|download)="([^"]*)"')


def article_html(page_html: str) -> str:
    """The content of a built Material page (its ``<article>``), without permalink marks."""
    match = _ARTICLE.search(page_html)
    body = match.group(1) if match else ""
    return _SCRIPT.sub("", _HEADERLINK.sub("", body))


def _target(href: str, page_url: str, keys: dict[str, str]) -> str | None:
    """Where a link of the page at ``page_url`` points inside the PDF, or ``None``."""
    parts = urlsplit(urljoin("http://site/" + page_url, href))
    path = parts.path.lstrip("/")
    path = path[: -len("index.html")] if path.endswith("index.html") else path
    key = keys.get(path)
    if key is None:
        return None
    return f"#{key}--{parts.fragment}" if parts.fragment else f"#{key}"


def localize(article: str, page_url: str, keys: dict[str, str], out_url: str) -> str:
    """Make one page's HTML fit in the print document at ``out_url``.

    Ids get the page's key as prefix (``_2`` is on every page); links to pages
    of the document point inside it; links elsewhere in the site become plain
    text; image sources are made relative to ``out_url``.
    """
    key = keys[page_url]
    out_dir = PurePosixPath("/" + out_url).parent

    def attr(match: re.Match[str]) -> str:
        name, value = match.group(1), html.unescape(match.group(2))
        if name == "id":
            return f' id="{key}--{html.escape(value)}"'
        if name == "download":
            return ""
        if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
            return match.group(0)  # http:, mailto:, data: stay as they are
        if name == "src":
            site_path = PurePosixPath(urlsplit(urljoin("http://site/" + page_url, value)).path)
            rel = site_path.relative_to("/").as_posix()
            return f' src="{html.escape(_relative(out_dir, rel))}"'
        if value.startswith("#"):
            return f' href="#{key}--{html.escape(value[1:])}"' if value[1:] else f' href="#{key}"'
        target = _target(value, page_url, keys)
        return f' href="{html.escape(target)}"' if target else ""

    return _ATTR.sub(attr, article)


def _relative(from_dir: PurePosixPath, site_rel: str) -> str:
    ups = len(from_dir.relative_to("/").parts)
    return "../" * ups + site_rel


def toc_html(pages: Sequence[NavPage], lang: str, numbers: dict[str, int] | None = None) -> str:
    """The table of contents: navigation sections, their pages, page numbers when known."""
    numbers = numbers or {}

    def entry(page: NavPage) -> str:
        key = page_key(page.url)
        number = numbers.get(key, "")
        return (
            f'<li><a href="#{key}"><span class="hb-toc-title">{html.escape(page.title)}</span>'
            f'<span class="hb-toc-page" data-key="{key}">{number}</span></a></li>'
        )

    items: list[str] = []
    current: str | None = None
    for page in pages:
        if page.section != current:
            if current is not None:
                items.append("</ol></li>")
            current = page.section
            if current is not None:
                items.append(f'<li class="hb-toc-section">{html.escape(current)}<ol>')
        items.append(entry(page))
    if current is not None:
        items.append("</ol></li>")
    return (
        f'<nav class="hb-toc"><h1 id="hb-toc">{words(lang)["toc"]}</h1><ol>'
        + "".join(items)
        + "</ol></nav>"
    )


def print_document(
    pages: Sequence[NavPage],
    site_dir: Path,
    lang: str,
    title: str,
    subtitle: str = "",
    numbers: dict[str, int] | None = None,
    printed: dt.date | None = None,
) -> str:
    """The whole print page of one language (HTML) for ``downloads/handbook.<lang>.html``."""
    out_url = f"{FOLDER}/handbook.{lang}.html"
    keys = {page.url: page_key(page.url) for page in pages}
    bodies = []
    for page in pages:
        article = article_html(html_file(site_dir, page.url).read_text(encoding="utf-8"))
        bodies.append(
            f'<section class="hb-page" id="{keys[page.url]}">'
            f"{localize(article, page.url, keys, out_url)}</section>"
        )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<link rel="stylesheet" href="../assets/handbook.css"><style>{_CSS}</style></head><body>'
        f'<div class="hb-cover"><h1 id="hb-cover">{html.escape(title)}</h1>'
        f"<p>{html.escape(subtitle)}</p>"
        + (f"<p>{words(lang)['printed'].format(date=printed.isoformat())}</p>" if printed else "")
        + "</div>"
        + toc_html(pages, lang, numbers)
        + "".join(bodies)
        + "</body></html>"
    )


def footer_template(lang: str) -> str:
    """Chromium's footer on every sheet: the page number, in ``lang``."""
    return (
        f'<div style="width:100%;text-align:center;font-size:8pt;color:#555;font-family:{html.escape(_FONTS)}">'
        f"{words(lang)['page']}</div>"
    )


def toc_pages(pdf: Path, keys: Iterable[str]) -> dict[str, int]:
    """The sheet (1-based) on which each page of the document starts, read from a printed PDF.

    Chromium writes a named destination for each element id that a link
    points to; the table of contents links to every page's key.
    """
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    found = {}
    for name, dest in reader.named_destinations.items():
        page = reader.get_destination_page_number(dest)
        if page is not None:
            found[str(name).lstrip("/")] = page + 1
    return {key: found[key] for key in keys if key in found}


def link_html(page_url: str, lang: str) -> str:
    """The footer link of a page at ``page_url`` to its language's PDF."""
    depth = len([p for p in page_url.split("/") if p])
    href = "../" * depth + f"{FOLDER}/{pdf_name(lang)}"
    label = html.escape(words(lang)["link"])
    return f'<div class="hb-pdf-link"><a href="{href}" download>{label}</a></div>'


_COPYRIGHT = '<div class="md-copyright">'


def add_footer_link(page_html: str, link: str) -> str:
    """``page_html`` with ``link`` at the start of Material's footer (unchanged if it has none)."""
    at = page_html.find(_COPYRIGHT)
    if at < 0:
        return page_html
    at += len(_COPYRIGHT)
    return page_html[:at] + link + page_html[at:]


def build_pdf(
    pages: Sequence[NavPage], site_dir: Path, lang: str, title: str, subtitle: str = ""
) -> Path:
    """Print the handbook of ``lang`` to ``<site>/downloads/handbook.<lang>.pdf``; return its path."""
    from handbook.site.chromium import browser_context
    from handbook.site.pdftext import fix_pdf, font_file, radical_map

    radicals = radical_map(*font_file())  # fails early when the CJK font is missing
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    page_file = folder / f"handbook.{lang}.html"
    pdf = folder / pdf_name(lang)
    keys = [page_key(p.url) for p in pages]
    with browser_context() as context:
        page = context.new_page()
        _local_only(page)
        numbers: dict[str, int] | None = None
        for _ in range(2):  # the second printing has the page numbers in its contents
            document = print_document(
                pages, site_dir, lang, title, subtitle, numbers, dt.date.today()
            )
            page_file.write_text(document, encoding="utf-8")
            page.goto(page_file.resolve().as_uri(), wait_until="load")
            page.pdf(
                path=str(pdf),
                format="A4",
                prefer_css_page_size=True,
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=footer_template(lang),
                outline=True,
                tagged=True,
            )
            numbers = toc_pages(pdf, keys)
    fix_pdf(pdf, radicals, headings(page_file.read_text(encoding="utf-8")))
    return pdf


_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.S)


def headings(document: str) -> list[str]:
    """The text of every heading of an HTML document, white space collapsed."""
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).split())
        for h in _HEADING.findall(document)
    ]


def _local_only(page) -> None:  # type: ignore[no-untyped-def]
    """Refuse every request of the print page that is not a local file."""
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
    )
