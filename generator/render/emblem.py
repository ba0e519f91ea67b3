"""The Garuda emblem of a ประกาศ/คำสั่ง: the organisation's own image, or an empty frame marked where it goes.

Prongsai never draws, traces or fetches the national emblem: it only places the image an organisation supplies.
The emblem floats on the first page only (it is anchored in the template's first paragraph, style ``Emblem``),
centred over the text block, its top edge a fixed distance below the page's top edge, with text kept below it.
Without an image the same anchor holds a frame of the emblem's height with the word ตราครุฑ in it, so the page
keeps its layout and nobody mistakes it for a finished document.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from generator.catalog import AppendixLayout
from generator.errors import ProngsaiError

EMU_PER_CM = 360_000
STYLE = "Emblem"
NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
)


def _emblem_paragraph(doc: Document):
    for paragraph in doc.paragraphs:
        if paragraph.style is not None and paragraph.style.style_id == STYLE:
            return paragraph
    raise ProngsaiError(
        "แม่แบบไม่มีย่อหน้าลักษณะ Emblem (ตำแหน่งตราครุฑ) ที่ต้นหน้าแรก",
        "the template lacks the paragraph with style 'Emblem' that anchors the Garuda on page 1",
    )


def _next_drawing_id(doc: Document) -> int:
    ids = [int(el.get("id")) for el in doc.element.iter(qn("wp:docPr")) if (el.get("id") or "").isdigit()]
    return max(ids, default=0) + 1


def _anchor(inner: str, *, cx: int, cy: int, top: int, drawing_id: int, graphic_uri: str) -> str:
    """A floating object: centred on the text block, ``top`` EMU below the page edge, text above and below only."""
    return (
        '<wp:anchor distT="0" distB="114300" distL="0" distR="0" simplePos="0" relativeHeight="251659264" '
        'behindDoc="0" locked="1" layoutInCell="1" allowOverlap="0">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{top}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{drawing_id}" name="ตราครุฑ" descr="ตราครุฑ"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic><a:graphicData uri="{graphic_uri}">{inner}</a:graphicData></a:graphic></wp:anchor>'
    )


def _picture(r_id: str, filename: str, cx: int, cy: int) -> str:
    return (
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{escape(filename)}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{r_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
    )


def _frame(text: str, cx: int, cy: int, font: str, size_half_points: int) -> str:
    """A dashed rectangle with the word ตราครุฑ centred in it (a Word text box)."""
    rpr = (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
           f'<w:color w:val="808080"/><w:sz w:val="{size_half_points}"/><w:szCs w:val="{size_half_points}"/>'
           '<w:lang w:val="th-TH" w:bidi="th-TH"/></w:rPr>')
    return (
        '<wps:wsp><wps:cNvSpPr txBox="1"/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
        '<a:ln w="9525"><a:solidFill><a:srgbClr val="808080"/></a:solidFill><a:prstDash val="dash"/></a:ln></wps:spPr>'
        '<wps:txbx><w:txbxContent><w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/></w:pPr>'
        f'<w:r>{rpr}<w:t>{escape(text)}</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" anchorCtr="0">'
        '<a:noAutofit/></wps:bodyPr></wps:wsp>'
    )


def place(doc: Document, image: Path | None, layout: AppendixLayout, *, font: str, font_size: float) -> None:
    """Put the emblem (or, without an image, the marked frame) into the template's Emblem paragraph."""
    paragraph = _emblem_paragraph(doc)
    cy = round(layout.emblem_height_cm * EMU_PER_CM)
    top = round(layout.emblem_top_cm * EMU_PER_CM)
    drawing_id = _next_drawing_id(doc)
    if image is not None:
        r_id, picture = doc.part.get_or_add_image(str(image))
        cx = round(cy * picture.px_width / picture.px_height)
        drawing = _anchor(_picture(r_id, image.name, cx, cy), cx=cx, cy=cy, top=top, drawing_id=drawing_id,
                          graphic_uri="http://schemas.openxmlformats.org/drawingml/2006/picture")
        run = f"<w:r {NAMESPACES}><w:drawing>{drawing}</w:drawing></w:r>"
    else:
        cx = round(layout.frame_width_cm * EMU_PER_CM)
        inner = _frame(layout.frame_text, cx, cy, font, round(font_size * 2))
        drawing = _anchor(inner, cx=cx, cy=cy, top=top, drawing_id=drawing_id,
                          graphic_uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape")
        run = (f'<w:r {NAMESPACES}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{drawing}</w:drawing>'
               "</mc:Choice></mc:AlternateContent></w:r>")
    paragraph._p.append(parse_xml(run))
