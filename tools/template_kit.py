"""Bootstrap kit for DOCX templates: the house styles and small XML builders.

The DOCX files in ``templates/`` are the source of truth and are edited in Word. This kit only creates a
template's first version with the house styles right (complex-script font/size/bold, th-TH language,
thaiDistribute, table grids), which Word's UI makes easy to get wrong. The bootstrap scripts refuse to
overwrite an existing template unless asked to.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.parts.hdrftr import HeaderPart

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
FONT = "TH SarabunIT๙"
CM = 567  # twips per centimetre (rounded as Word does)

A4 = (11906, 16838)


def rpr(size: float | None = None, bold: bool = False, font: str | None = None, extra: str = "") -> str:
    """Run properties with the complex-script twins that Thai text needs (cs, szCs, bCs, lang bidi)."""
    parts = []
    if font:
        parts.append(f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>')
    if bold:
        parts.append("<w:b/><w:bCs/>")
    parts.append(extra)
    if size:
        half = int(round(size * 2))
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if font:
        parts.append('<w:lang w:val="th-TH" w:eastAsia="en-US" w:bidi="th-TH"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if any(parts) else ""


def run(text: str, bold: bool = False, size: float | None = None) -> str:
    return f'<w:r>{rpr(size, bold)}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def tab() -> str:
    return "<w:r><w:tab/></w:r>"


def field(instr: str, placeholder: str = "1") -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{placeholder}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def para(*runs: str, style: str | None = None, ppr: str = "") -> str:
    """A paragraph; plain strings become runs."""
    body = "".join(r if r.startswith("<") else run(r) for r in runs)
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    props = f"<w:pPr>{style_xml}{ppr}</w:pPr>" if style_xml or ppr else ""
    return f"<w:p>{props}{body}</w:p>"


def tag(text: str) -> str:
    """A paragraph holding only a docxtpl control tag ({%p …%}, {%tr …%})."""
    return para(run(text))


def borders(size: int = 4) -> str:
    sides = "".join(f'<w:{s} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'
                    for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return f"<w:tblBorders>{sides}</w:tblBorders>"


def cell(content: str | list[str], width: int, *, span: int = 1, vmerge: str | None = None,
         valign: str = "top", shade: str | None = None) -> str:
    paras = content if isinstance(content, list) else [content]
    paras = [p if p.startswith("<w:p") else para(p, style="TableText") for p in paras]
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge:
        props += f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>"
    if shade:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'
    props += f'<w:vAlign w:val="{valign}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paras)}</w:tc>"


def row(*cells: str, header: bool = False, cant_split: bool = False) -> str:
    props = ("<w:tblHeader/>" if header else "") + ("<w:cantSplit/>" if cant_split else "")
    return f"<w:tr>{'<w:trPr>' + props + '</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def tag_row(text: str, total_width: int, columns: int) -> str:
    """A table row that only carries a {%tr …%} tag; docxtpl removes it when rendering."""
    return row(cell(para(run(text), style="TableText"), total_width, span=columns))


def table(widths: list[int], rows: list[str], *, border: bool = True, indent: int = 0) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    props = (
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        + (f'<w:tblInd w:w="{indent}" w:type="dxa"/>' if indent else "")
        + (borders() if border else "")
        + '<w:tblLayout w:type="fixed"/>'
        + '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        + '<w:tblLook w:val="04A0"/>'
    )
    return f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def margins(top=2.5, right=2.0, bottom=2.0, left=3.0, header=1.2, footer=1.0) -> str:
    t, r, b, l, h, f = (int(round(v * CM)) for v in (top, right, bottom, left, header, footer))
    return f'<w:pgMar w:top="{t}" w:right="{r}" w:bottom="{b}" w:left="{l}" w:header="{h}" w:footer="{f}" w:gutter="0"/>'


def sect_pr(*, landscape: bool = False, header_rid: str | None = None, first_header_rid: str | None = None,
            page_format: str | None = None, page_start: int | None = None, title_page: bool = False,
            margin_xml: str | None = None) -> str:
    w, h = A4
    size = f'<w:pgSz w:w="{h}" w:h="{w}" w:orient="landscape"/>' if landscape else f'<w:pgSz w:w="{w}" w:h="{h}"/>'
    refs = ""
    if header_rid:
        refs += f'<w:headerReference w:type="default" r:id="{header_rid}"/>'
    if first_header_rid:
        refs += f'<w:headerReference w:type="first" r:id="{first_header_rid}"/>'
    numbering = ""
    if page_format or page_start:
        numbering = "<w:pgNumType" + (f' w:fmt="{page_format}"' if page_format else "") + (
            f' w:start="{page_start}"' if page_start else "") + "/>"
    return (
        f"<w:sectPr {NS}>{refs}<w:type w:val=\"nextPage\"/>{size}{margin_xml or margins()}{numbering}"
        f"{'<w:titlePg/>' if title_page else ''}<w:docGrid w:linePitch=\"360\"/></w:sectPr>"
    )


def section_break(sect: str) -> str:
    """An (almost invisible) paragraph that ends a section."""
    return f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>{sect}</w:pPr></w:p>'


class TemplateBuilder:
    """A new document with the house styles, headers on demand, and a body written as XML."""

    def __init__(self, font: str = FONT, size: float = 16):
        self.doc = Document()
        self.font, self.size = font, size
        self._body: list[str] = []
        _house_styles(self.doc, font, size)

    def header(self, paragraph_xml: str) -> str:
        """Create a header part holding one paragraph; returns its relationship id."""
        part = HeaderPart.new(self.doc.part.package)
        hdr = part.element
        for child in list(hdr):
            hdr.remove(child)
        hdr.append(parse_xml(paragraph_xml.replace("<w:p>", f"<w:p {NS}>", 1)))
        return self.doc.part.relate_to(part, RT.HEADER)

    def add(self, *xml: str) -> None:
        self._body.extend(xml)

    def save(self, path: Path, final_sect: str, *, force: bool = False) -> None:
        if path.exists() and not force:
            raise SystemExit(f"{path} exists; it is the source of truth now (edit it in Word, or pass --force)")
        body = self.doc.element.body
        for child in list(body):
            body.remove(child)
        wrapper = parse_xml(f"<w:body {NS}>{''.join(self._body)}</w:body>")
        for child in list(wrapper):
            body.append(child)
        body.append(parse_xml(final_sect))
        self.doc.core_properties.author = "Prongsai"
        self.doc.core_properties.title = ""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(path)


STYLES = {
    # id: (name, based_on, size, bold, pPr xml)
    "Body": ("Body Text Thai", "Normal", None, False,
             f'<w:spacing w:before="120" w:after="0"/><w:ind w:firstLine="{int(2.5 * CM)}"/><w:jc w:val="thaiDistribute"/>'),
    "Heading1": ("heading 1", "Normal", 20, True,
                 '<w:keepNext/><w:spacing w:before="0" w:after="240"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>'),
    "Heading2": ("heading 2", "Normal", 18, True,
                 '<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/>'),
    "Heading3": ("heading 3", "Normal", 16, True,
                 '<w:keepNext/><w:spacing w:before="120" w:after="60"/><w:jc w:val="thaiDistribute"/><w:outlineLvl w:val="2"/>'),
    "Heading4": ("heading 4", "Normal", 16, True,
                 '<w:keepNext/><w:spacing w:before="60" w:after="60"/><w:jc w:val="thaiDistribute"/><w:outlineLvl w:val="3"/>'),
    "Heading5": ("heading 5", "Normal", 16, True,
                 '<w:keepNext/><w:spacing w:before="360" w:after="60"/><w:jc w:val="center"/><w:outlineLvl w:val="4"/>'),
    "SheetHeading": ("Sheet Heading", "Normal", None, True,
                     '<w:keepNext/><w:spacing w:before="120" w:after="0"/><w:jc w:val="thaiDistribute"/>'),
    "SubLabel": ("Sub Label", "Normal", None, True,
                 f'<w:keepNext/><w:spacing w:before="60" w:after="0"/><w:ind w:left="{int(1.0 * CM)}"/>'),
    "Item1": ("List Item 1", "Normal", None, False,
              f'<w:spacing w:before="0" w:after="0"/><w:ind w:left="{int(1.75 * CM)}" w:hanging="{int(0.75 * CM)}"/><w:jc w:val="thaiDistribute"/>'),
    "Item2": ("List Item 2", "Normal", None, False,
              f'<w:spacing w:before="0" w:after="0"/><w:ind w:left="{int(2.25 * CM)}" w:hanging="{int(0.5 * CM)}"/><w:jc w:val="thaiDistribute"/>'),
    "Item3": ("List Item 3", "Normal", None, False,
              f'<w:spacing w:before="0" w:after="0"/><w:ind w:left="{int(2.75 * CM)}" w:hanging="{int(0.5 * CM)}"/><w:jc w:val="thaiDistribute"/>'),
    "Indented": ("Indented Text", "Normal", None, False,
                 f'<w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="{int(1.0 * CM)}"/><w:jc w:val="thaiDistribute"/>'),
    "CoverTitle": ("Cover Title", "Normal", 28, True, '<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'),
    "CoverText": ("Cover Text", "Normal", 20, True, '<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'),
    "Centered": ("Centered", "Normal", None, False, '<w:jc w:val="center"/>'),
    "RightAligned": ("Right Aligned", "Normal", None, False, '<w:jc w:val="right"/>'),
    "Signature": ("Signature Block", "Normal", None, False, f'<w:ind w:left="{int(7.5 * CM)}"/><w:jc w:val="center"/>'),
    "TableText": ("Table Text", "Normal", 14, False, '<w:spacing w:before="0" w:after="0"/><w:jc w:val="left"/>'),
    "TableHeading": ("Table Heading", "Normal", 14, True, '<w:keepNext/><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'),
    "TableNumber": ("Table Number", "Normal", 14, False, '<w:spacing w:before="0" w:after="0"/><w:jc w:val="right"/>'),
    "TableCentered": ("Table Centered", "Normal", 14, False, '<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'),
    "TableItem": ("Table Item", "Normal", 14, False,
                  f'<w:spacing w:before="0" w:after="0"/><w:ind w:left="{int(0.5 * CM)}" w:hanging="{int(0.5 * CM)}"/><w:jc w:val="left"/>'),
    "TOC1": ("toc 1", "Normal", None, False,
             f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{int(16 * CM)}"/></w:tabs><w:spacing w:before="60" w:after="0"/>'),
    "TOC2": ("toc 2", "Normal", None, False,
             f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{int(16 * CM)}"/></w:tabs><w:spacing w:before="0" w:after="0"/><w:ind w:left="{int(0.75 * CM)}"/>'),
    "PageHeader": ("header", "Normal", None, False, '<w:spacing w:before="0" w:after="0"/><w:jc w:val="right"/>'),
    "Caption": ("Table Caption", "Normal", None, True, '<w:keepNext/><w:spacing w:before="120" w:after="60"/>'),
}


def _house_styles(doc, font: str, size: float) -> None:
    """Replace the default template's styles by ours: Thai font in every slot, th-TH, no theme fonts."""
    styles = doc.styles.element
    for el in styles.iter():
        for attr in list(el.attrib):
            if attr.endswith("Theme") or attr.endswith("themeColor"):
                del el.attrib[attr]
    defaults = styles.find(f"{{{W_NS}}}docDefaults")
    defaults.getparent().remove(defaults)
    styles.insert(0, parse_xml(
        f"<w:docDefaults {NS}><w:rPrDefault>{rpr(size, font=font)}</w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    ))
    keep = {"Normal", "TableNormal", "DefaultParagraphFont", "NoList", "TableGrid"}
    for st in list(styles.findall(f"{{{W_NS}}}style")):
        if st.get(f"{{{W_NS}}}styleId") not in keep:
            styles.remove(st)
    normal = next(s for s in styles.findall(f"{{{W_NS}}}style") if s.get(f"{{{W_NS}}}styleId") == "Normal")
    for child in list(normal):
        if child.tag.endswith("}rPr") or child.tag.endswith("}pPr"):
            normal.remove(child)
    normal.append(parse_xml(f'<w:pPr {NS}><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'))
    normal.append(parse_xml(rpr(size, font=font).replace("<w:rPr>", f"<w:rPr {NS}>", 1)))
    for style_id, (name, based, st_size, bold, ppr) in STYLES.items():
        styles.append(parse_xml(
            f'<w:style {NS} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="{based}"/><w:qFormat/>'
            f"<w:pPr>{ppr}</w:pPr>{rpr(st_size, bold)}</w:style>"
        ))
    styles.append(parse_xml(
        f'<w:style {NS} w:type="character" w:customStyle="1" w:styleId="Strong">'
        f'<w:name w:val="Strong"/><w:basedOn w:val="DefaultParagraphFont"/>{rpr(None, True)}</w:style>'
    ))
