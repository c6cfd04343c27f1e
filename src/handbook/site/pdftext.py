"""Make the Chinese text of Chromium's PDFs searchable and copyable.

Noto CJK maps a Kangxi radical (U+2F00 block, and the CJK Radicals Supplement
U+2E80 block) and its ideograph to one glyph: ⽬ U+2F6C and 目 U+76EE, ⻚
U+2EDA and 页 U+9875. Chromium's PDF writer (Skia) gives each glyph the lowest
code point that maps to it, so the PDF's text layer says ⽬录 and ⾸⻚ where the
page shows 目录 and 首页: the PDF looks right, but searching it for 目录, 漏水
or 工作 finds nothing and copied text is wrong.

``fix_pdf`` rewrites every font's ``/ToUnicode`` map, replacing each radical
by the ideograph that shares its glyph in the font (read from the font's own
``cmap`` with fontTools). The handbook never uses radicals as such. It also
puts back the spaces Chromium drops from outline titles of wrapped headings.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

#: The font family the PDF's Han text is set in (Debian package fonts-noto-cjk).
FAMILY = "Noto Sans CJK SC"

_RADICALS = range(0x2E80, 0x2FE0)
_BLOCK = re.compile(rb"begincodespacerange(.*?)endcodespacerange", re.S)
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")


class FontMissing(RuntimeError):
    """The CJK font the PDF needs is not installed."""


def font_file(family: str = FAMILY) -> tuple[Path, int]:
    """The font file and face index fontconfig uses for ``family``."""
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{family}|%{file}|%{index}", family],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise FontMissing(f"fontconfig (fc-match) is not available: {exc}") from exc
    families, path, index = (out.split("|") + ["", "", "0"])[:3]
    if family not in families.split(","):
        raise FontMissing(
            f"font {family!r} is not installed (fontconfig offers {families!r}): "
            "apt-get install fonts-noto-cjk, or `make browser-deps`"
        )
    return Path(path), int(index or 0)


def radical_map(path: Path, index: int = 0) -> dict[int, int]:
    """Radical code point → the ideograph sharing its glyph in the font at ``path``."""
    from fontTools.ttLib import TTFont

    cmap = TTFont(str(path), fontNumber=index, lazy=True).getBestCmap()
    by_glyph: dict[str, list[int]] = defaultdict(list)
    for code, glyph in cmap.items():
        by_glyph[glyph].append(code)
    mapping = {}
    for code, glyph in cmap.items():
        if code in _RADICALS:
            ideographs = [c for c in by_glyph[glyph] if c >= 0x3400 and c not in _RADICALS]
            if ideographs:
                mapping[code] = min(ideographs)
    return mapping


def _text(hex_value: bytes) -> str:
    return bytes.fromhex(hex_value.decode("ascii")).decode("utf-16-be", errors="replace")


def _hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def parse_cmap(data: bytes) -> tuple[bytes, dict[bytes, str]]:
    """A ToUnicode CMap's code space block and its code → text entries."""
    space = _BLOCK.search(data)
    entries: dict[bytes, str] = {}
    for block in _BFCHAR.findall(data):
        values = _HEX.findall(block)
        for code, text in zip(values[::2], values[1::2], strict=False):
            entries[code.upper()] = _text(text)
    for block in _BFRANGE.findall(data):
        # <lo> <hi> <dst>  or  <lo> <hi> [<dst> <dst> ...]
        for line in re.findall(
            rb"<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*(?:\[[^\]]*\]|<[0-9A-Fa-f]*>)", block
        ):
            values = _HEX.findall(line)
            lo, hi, width = int(values[0], 16), int(values[1], 16), len(values[0])
            targets = values[2:]
            for i, code in enumerate(range(lo, hi + 1)):
                key = f"{code:0{width}X}".encode()
                if len(targets) > 1:
                    entries[key] = _text(targets[i]) if i < len(targets) else ""
                else:
                    first = _text(targets[0])
                    entries[key] = first[:-1] + chr(ord(first[-1]) + i) if first else ""
    return (
        space.group(0) if space else b"begincodespacerange <00> <FF> endcodespacerange"
    ), entries


def write_cmap(space: bytes, entries: dict[bytes, str]) -> bytes:
    """A ToUnicode CMap holding ``entries`` as ``bfchar`` lines."""
    lines = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        b"1 " + space,
    ]
    items = sorted(entries.items())
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar".encode())
        lines += [b"<" + code + b"> <" + _hex(text).encode() + b">" for code, text in chunk]
        lines.append(b"endbfchar")
    lines.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(lines) + b"\n"


def fix_cmap(data: bytes, mapping: dict[int, int]) -> tuple[bytes, int]:
    """``data`` with radicals replaced by ideographs, and how many entries changed."""
    space, entries = parse_cmap(data)
    changed = 0
    for code, text in entries.items():
        fixed = "".join(chr(mapping.get(ord(c), ord(c))) for c in text)
        if fixed != text:
            entries[code] = fixed
            changed += 1
    return (write_cmap(space, entries) if changed else data), changed


def _outline_items(node) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    item = node.get("/First")
    while item is not None:
        item = item.get_object()
        yield item
        yield from _outline_items(item)
        item = item.get("/Next")


def fix_outline(writer, headings: Iterable[str]) -> int:  # type: ignore[no-untyped-def]
    """Give back the spaces Chromium drops where a heading wraps (``complainthandling``).

    Each outline title is replaced by the heading of the document that reads
    the same without white space. Returns how many titles changed.
    """
    from pypdf.generic import NameObject, TextStringObject

    by_letters = {re.sub(r"\s+", "", h): h for h in headings}
    root = writer.root_object.get("/Outlines")
    if root is None:
        return 0
    changed = 0
    for item in _outline_items(root.get_object()):
        title = str(item.get("/Title", ""))
        heading = by_letters.get(re.sub(r"\s+", "", title))
        if heading is not None and heading != title:
            item[NameObject("/Title")] = TextStringObject(heading)
            changed += 1
    return changed


def fix_pdf(pdf: Path, mapping: dict[int, int] | None = None, headings: Iterable[str] = ()) -> int:
    """Repair the text layer of ``pdf`` in place: ToUnicode maps, then outline titles.

    Returns how many entries were fixed.
    """
    from pypdf import PdfWriter

    if mapping is None:
        mapping = radical_map(*font_file())
    writer = PdfWriter(clone_from=str(pdf))
    done: set[int] = set()
    fixed = 0
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            to_unicode = font.get("/ToUnicode")
            if to_unicode is None or id(to_unicode.get_object()) in done:
                continue
            stream = to_unicode.get_object()
            done.add(id(stream))
            data, changed = fix_cmap(stream.get_data(), mapping)
            if changed:
                stream.set_data(data)
                fixed += changed
    fixed += fix_outline(writer, headings)
    if fixed:
        with open(pdf, "wb") as out:
            writer.write(out)
    return fixed
