"""handbook.site.pdf and handbook.site.pdftext without a browser: the print page and the text layer fix."""

from __future__ import annotations

from handbook.site import pdf
from handbook.site.pdftext import fix_cmap, parse_cmap, write_cmap

PAGE = """<html><body><main>
<article class="md-content__inner md-typeset">
<h1 id="_1">回访工作制度<a class="headerlink" href="#_1" title="Permanent link">&para;</a></h1>
<p><a class="hb-art" id="RV-16.2" href="#RV-16.2">RV-16.2</a> 漏水项目维修三天内回访。</p>
<p>见 <a href="../s01/#RV-1.1.2.1">RV-1.1.2.1</a>，下载 <a href="../../downloads/x.zh.csv" download="x.csv">CSV</a>，
<a href="https://example.org/">外部</a>。<img src="../../assets/a.png"></p>
<script>alert(1)</script>
</article></main></body></html>"""

KEYS = {"rules/s16/": "p-rules-s16", "rules/s01/": "p-rules-s01"}


def test_article_html_keeps_the_content_only() -> None:
    body = pdf.article_html(PAGE)
    assert "<h1" in body and "headerlink" not in body and "<script" not in body
    assert "<main>" not in body


def test_localize_makes_ids_unique_and_links_internal() -> None:
    out = pdf.localize(pdf.article_html(PAGE), "rules/s16/", KEYS, "downloads/handbook.zh.html")
    assert 'id="p-rules-s16--_1"' in out
    assert 'id="p-rules-s16--RV-16.2" href="#p-rules-s16--RV-16.2"' in out
    assert 'href="#p-rules-s01--RV-1.1.2.1"' in out  # another page of the document
    assert "x.zh.csv" not in out and "download=" not in out  # a site file: text only
    assert 'href="https://example.org/"' in out
    assert 'src="../assets/a.png"' in out  # relative to downloads/


def test_toc_lists_sections_pages_and_numbers() -> None:
    pages = [
        pdf.NavPage("", "首页"),
        pdf.NavPage("rules/s01/", "第一节", "投诉处理"),
        pdf.NavPage("rules/s16/", "回访工作制度", "回访"),
    ]
    toc = pdf.toc_html(pages, "zh", {"p-rules-s16": 12})
    assert toc.count('class="hb-toc-section"') == 2
    assert '<a href="#p-rules-s16">' in toc and 'data-key="p-rules-s16">12<' in toc
    assert '<h1 id="hb-toc">目录</h1>' in toc
    assert pdf.toc_html(pages, "en").count("Contents") == 1


def test_footer_link_is_relative_to_the_page() -> None:
    assert 'href="../../../downloads/handbook.en.pdf"' in pdf.link_html("en/rules/s01/", "en")
    assert 'href="downloads/handbook.zh.pdf"' in pdf.link_html("", "zh")
    page = '<footer><div class="md-copyright">\n</div></footer>'
    out = pdf.add_footer_link(page, pdf.link_html("", "zh"))
    assert out.index("hb-pdf-link") > out.index("md-copyright")
    assert pdf.add_footer_link("<p>no footer</p>", "x") == "<p>no footer</p>"


def test_page_keys_are_ids() -> None:
    assert pdf.page_key("") == "p-home"
    assert pdf.page_key("en/rules/s01/") == "p-en-rules-s01"


CMAP = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange
<00> <FF>
endcodespacerange
3 beginbfchar
<2E> <2F00>
<3F> <4E0E>
<41> <2EDA>
endbfchar
1 beginbfrange
<50> <52> <2F6C>
endbfrange
endcmap
"""


def test_radicals_in_the_text_layer_become_ideographs() -> None:
    mapping = {0x2F00: 0x4E00, 0x2EDA: 0x9875, 0x2F6C: 0x76EE}
    fixed, changed = fix_cmap(CMAP, mapping)
    assert changed == 3
    _, entries = parse_cmap(fixed)
    assert entries[b"2E"] == "一" and entries[b"41"] == "页" and entries[b"50"] == "目"
    assert entries[b"3F"] == "与"
    assert entries[b"51"] == chr(0x2F6D)  # no ideograph known for it: left as it was
    unchanged, none = fix_cmap(write_cmap(*parse_cmap(fixed)), mapping)
    assert none == 0
