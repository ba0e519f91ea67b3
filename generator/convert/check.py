"""Facts about a converted PDF that say whether its typography survived: fonts, tofu, justified line ends.

- ``embedded_fonts``: what ``pdffonts`` lists, without the subset tag (``LaksamanProngsai-Regular``).
- ``tofu``: characters drawn as the font's .notdef box. LibreOffice copies the .notdef outline into the subset
  under the missing character's code (the text layer still says the right character), so a box is found by
  comparing every subset glyph with the subset's own .notdef.
- ``detached_marks``: Thai vowels and tone marks drawn away from their consonant (a LibreOffice justification
  fault the typography copy works around), found as mark-only words standing apart in the text layer.
- ``justified_lines``: right ends of the lines of each text block (``pdftotext -bbox-layout``), to measure
  how close justified Thai comes to the margin.
- ``split_words``: Latin words and numbers broken across two lines with nothing to show it.
"""

from __future__ import annotations

import io
import logging
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader

logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)  # subsets carry a zero timestamp


def embedded_fonts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = []
    for line in out.splitlines()[2:]:
        if line.strip():
            names.append(line.split()[0].split("+", 1)[-1])
    return sorted(set(names))


def _fonts(reader: PdfReader):
    seen = set()
    for page in reader.pages:
        resources = page.get("/Resources")
        stack = [resources.get_object()] if resources else []
        while stack:
            res = stack.pop()
            for ref in (res.get("/Font") or {}).values():
                key = getattr(ref, "idnum", None)
                if key is not None:
                    if key in seen:
                        continue
                    seen.add(key)
                yield ref.get_object()
            for xobject in (res.get("/XObject") or {}).values():
                sub = xobject.get_object().get("/Resources")
                if sub is not None:
                    stack.append(sub.get_object())


def _to_unicode(font) -> dict[int, str]:
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return {}
    data = cmap.get_object().get_data().decode("latin-1")
    mapping = {}
    for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", data):
        chars = "".join(chr(int(uni[i:i + 4], 16)) for i in range(0, len(uni), 4))
        mapping[int(code, 16)] = chars
    return mapping


def tofu(pdf: Path) -> list[str]:
    """Characters the PDF draws as an empty box (.notdef), by font: e.g. ['漢 (LaksamanProngsai-Regular)']."""
    found = []
    for font in _fonts(PdfReader(pdf)):
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:
            for descendant in font.get("/DescendantFonts") or []:
                descriptor = descendant.get_object().get("/FontDescriptor")
        program = descriptor.get_object().get("/FontFile2") if descriptor is not None else None
        if program is None:
            continue
        tt = TTFont(io.BytesIO(program.get_object().get_data()))
        glyf = tt["glyf"]
        notdef = glyf[".notdef"].compile(glyf) if ".notdef" in glyf else None
        if not notdef:
            continue
        boxes = {name for name in tt.getGlyphOrder()[1:] if glyf[name].numberOfContours
                 and glyf[name].compile(glyf) == notdef}
        if not boxes:
            continue
        codes = {code for table in tt["cmap"].tables for code, name in table.cmap.items() if name in boxes}
        text = _to_unicode(font)
        name = str(font.get("/BaseFont", "?")).split("+", 1)[-1]
        found += [f"{text.get(code, f'code {code}')} ({name})" for code in sorted(codes)]
    return found


@dataclass(frozen=True)
class Line:
    page: int
    x_min: float
    x_max: float
    text: str


def text_blocks(pdf: Path) -> list[list[Line]]:
    """Lines grouped by the blocks pdftotext finds (a block is roughly a paragraph)."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    blocks = []
    for page_no, page in enumerate(re.findall(r"<page .*?</page>", html, flags=re.DOTALL)):
        for block in re.findall(r"<block .*?</block>", page, flags=re.DOTALL):
            lines = []
            for attrs, body in re.findall(r"<line ([^>]*)>(.*?)</line>", block, flags=re.DOTALL):
                box = dict(re.findall(r'(\w+)="([\d.]+)"', attrs))
                words = re.findall(r"<word [^>]*>(.*?)</word>", body)
                lines.append(Line(page_no, float(box["xMin"]), float(box["xMax"]), " ".join(words)))
            blocks.append(lines)
    return blocks


def justified_line_ends(pdf: Path, right_margin_x: float, min_lines: int = 3) -> list[float]:
    """Right ends of every line but the last of each block of ``min_lines`` lines or more that fills the measure
    (body paragraphs), as distances from the right margin in points (negative: short of it)."""
    gaps = []
    for block in text_blocks(pdf):
        if len(block) < min_lines:
            continue
        for line in block[:-1]:
            gaps.append(round(line.x_max - right_margin_x, 1))
    return gaps


THAI_MARKS = frozenset("\u0e31\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
_WORD = re.compile(r'<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>')


def detached_marks(pdf: Path, gap_pt: float = 2.0) -> list[str]:
    """Marks drawn more than ``gap_pt`` to the right of the text before them: e.g. ['page 2: ป|ี 14.2 pt'].

    pdftotext splits words around marks now and then even when they are drawn in place (a zero gap, or a mark
    listed after the next consonant), so a mark counts only when it starts clear of everything to its left on
    its line."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found, page, line_y, right, before = [], 0, None, 0.0, ""
    for match in _WORD.finditer(html):
        if match.group(0) == "<page ":
            page, line_y = page + 1, None
            continue
        x_min, y, x_max, text = float(match.group(1)), float(match.group(2)), float(match.group(3)), match.group(4)
        if line_y is None or abs(line_y - y) >= 1 or x_min < right - 50:  # a new line
            line_y, right, before = y, x_max, text
            continue
        if text and set(text) <= THAI_MARKS and x_min - right > gap_pt:
            found.append(f"page {page}: {before[-4:]}|{text} {x_min - right:.1f} pt")
        if x_max >= right:
            right, before = x_max, text
    return found


_ALNUM = "0-9A-Za-z\u0e50-\u0e59"
_TAIL = re.compile(f"[{_ALNUM}]+$")
_HEAD = re.compile(f"^[{_ALNUM}]+")


def split_words(pdf: Path, paragraphs: list[str]) -> list[str]:
    """Places where a line ends inside a Latin word or a number of the document's ``paragraphs``, e.g.
    ['page 6: Assessme|nt'].

    A line end counts as a split when the letters or digits on both sides are one word in the document and the
    text around the line end, spaces left out, is in one of its paragraphs (so "ลำดับที่ 15" over "1. ชื่อ…" or
    "Corruption" over "Perception" is not one)."""
    words = {w for p in paragraphs for w in re.findall(f"[{_ALNUM}]+", p)}
    solid = "\n".join("".join(p.split()) for p in paragraphs)
    found = []
    for block in text_blocks(pdf):
        for line, following in zip(block, block[1:]):
            tail, head = _TAIL.search(line.text), _HEAD.search(following.text)
            if not (tail and head) or tail.group() + head.group() not in words:
                continue
            around = "".join(line.text.split())[-12:] + "".join(following.text.split())[:12]
            if around in solid:
                found.append(f"page {line.page + 1}: {tail.group()}|{head.group()}")
    return found
