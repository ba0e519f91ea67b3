"""Finishing a rendered DOCX at the XML level: digit style, font, page-number format, table grids.

These are properties of the whole document that no template should have to get right by hand:
every digit in the chosen style, the organisation's font in every complex-script slot, and table grids
that match their cells after docxtpl repeated columns.
"""

from __future__ import annotations

from collections import Counter

from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from generator.thai import digits

TEMPLATE_FONT = "TH SarabunIT๙"
TEMPLATE_SIZE = 16
FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def story_parts(doc: Document) -> list[etree._Element]:
    """The body plus every header and footer: all the XML that holds visible text."""
    roots = [doc.element]
    for rel in doc.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")):
            roots.append(rel.target_part.element)
    return roots


def apply_digits(doc: Document, style: str) -> None:
    """Every digit of visible text in the document's style (field codes are left alone)."""
    for root in story_parts(doc):
        for t in root.iter(qn("w:t")):
            if t.text:
                t.text = digits(t.text, style)


def apply_page_number_format(doc: Document, style: str) -> None:
    """Arabic page numbers become Thai numbers for Word; front matter keeps its Thai letters."""
    wanted, other = ("thaiNumbers", "decimal") if style == "thai" else ("decimal", "thaiNumbers")
    for num in doc.element.iter(qn("w:pgNumType")):
        if num.get(qn("w:fmt")) == other:
            num.set(qn("w:fmt"), wanted)


def apply_font(doc: Document, name: str, size: float) -> None:
    """Swap the template's font for the organisation's, in every slot, and scale sizes with the base size."""
    roots = [doc.styles.element, *story_parts(doc)]
    for root in roots:
        for fonts in root.iter(qn("w:rFonts")):
            for attr in FONT_ATTRS:
                if fonts.get(qn(attr)) == TEMPLATE_FONT:
                    fonts.set(qn(attr), name)
    if size != TEMPLATE_SIZE:
        factor = size / TEMPLATE_SIZE
        for root in roots:
            for tag in ("w:sz", "w:szCs"):
                for el in root.iter(qn(tag)):
                    el.set(qn("w:val"), str(max(2, round(int(el.get(qn("w:val"))) * factor))))


def _cells(row: etree._Element) -> list[etree._Element]:
    return row.findall(qn("w:tc"))


def _span(tc: etree._Element) -> int:
    span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return int(span.get(qn("w:val"))) if span is not None else 1


def _width(tc: etree._Element) -> int:
    tcw = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    return int(tcw.get(qn("w:w"))) if tcw is not None else 0


def fix_table_grids(doc: Document) -> None:
    """Make each table's gridCol widths match its cells (LibreOffice lays tables out from the grid).

    After docxtpl repeated a column ({%tc for %}) a table has more cells than grid columns. The table keeps
    its total width; fixed columns keep theirs and the repeated columns share what is left.
    """
    for tbl in doc.element.body.iter(qn("w:tbl")):
        grid = tbl.find(qn("w:tblGrid"))
        rows = tbl.findall(qn("w:tr"))
        if grid is None or not rows:
            continue
        total = sum(int(g.get(qn("w:w"))) for g in grid.findall(qn("w:gridCol")))
        ncols = max(sum(_span(tc) for tc in _cells(r)) for r in rows)
        plain = [r for r in rows if all(_span(tc) == 1 for tc in _cells(r)) and len(_cells(r)) == ncols]
        if not plain:
            continue
        widths = [_width(tc) for tc in _cells(plain[0])]
        if len(grid) == ncols and sum(widths) == total:
            continue
        widths = _share_remainder(widths, total)
        for g in list(grid):
            grid.remove(g)
        for w in widths:
            etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(w))
        for r in rows:
            pos = 0
            for tc in _cells(r):
                span = _span(tc)
                tcw = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
                if tcw is not None:
                    tcw.set(qn("w:w"), str(sum(widths[pos : pos + span])))
                    tcw.set(qn("w:type"), "dxa")
                pos += span


def _share_remainder(widths: list[int], total: int) -> list[int]:
    """Give the difference to the repeated columns (the most common width), else spread it evenly."""
    diff = total - sum(widths)
    if not diff:
        return widths
    repeated_width, count = Counter(widths).most_common(1)[0]
    if count < 2:
        return [w + diff // len(widths) for w in widths]
    fixed = sum(w for w in widths if w != repeated_width)
    share = (total - fixed) // count
    return [share if w == repeated_width else w for w in widths]


def finish(doc: Document, *, digit_style: str, font_name: str, font_size: float) -> None:
    fix_table_grids(doc)
    apply_font(doc, font_name, font_size)
    apply_page_number_format(doc, digit_style)
    apply_digits(doc, digit_style)
