"""Marking a document as a draft (ร่าง): what ``prongsai build --draft`` does to an output that is not
signed-ready.

Every page gets the word ร่าง twice: large and pale across the middle of the page (a watermark anchored in the
header, as Word's own "DRAFT" watermark is), and in red in the footer, which survives any viewer. The header band
keeps only the page number, so the สารบัญ still reads the printed numbers from the PDF.
"""

from __future__ import annotations

import io
from dataclasses import replace

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from generator.render.document import RenderedDocument

DRAFT = "ร่าง"
FOOTER_TEXT = "ร่าง — ห้ามลงนาม / DRAFT — do not sign"
RED = "C00000"
VML_NAMESPACES = (
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)


def _watermark(font: str) -> str:
    """A VML text-path shape behind the text, centred on the page and turned 315°, as Word writes watermarks."""
    return (
        f'<w:r {nsdecls("w")} {VML_NAMESPACES}><w:pict>'
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
        '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
        '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
        'style="position:absolute;margin-left:0;margin-top:0;width:320pt;height:160pt;rotation:315;'
        'z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;'
        'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
        'fillcolor="#d9d9d9" stroked="f"><v:fill opacity=".5"/>'
        f'<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{DRAFT}"/>'
        '<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>'
    )


def _footer_run(paragraph, font: str) -> None:
    run = paragraph.add_run(FOOTER_TEXT)
    rpr = run._r.get_or_add_rPr()
    rpr.append(parse_xml(
        f'<w:rFonts {nsdecls("w")} w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'))
    rpr.append(parse_xml(f'<w:b {nsdecls("w")}/>'))
    rpr.append(parse_xml(f'<w:bCs {nsdecls("w")}/>'))
    rpr.append(parse_xml(f'<w:color {nsdecls("w")} w:val="{RED}"/>'))
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="28"/>'))
    rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="28"/>'))


def mark_draft_bytes(content: bytes, font: str) -> bytes:
    doc = Document(io.BytesIO(content))
    headers_done: set[int] = set()
    for section in doc.sections:
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _footer_run(paragraph, font)
        header = section.header
        if header.is_linked_to_previous:
            header.is_linked_to_previous = False
        part = id(header.part)
        if part in headers_done:
            continue
        headers_done.add(part)
        target = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        target._p.append(parse_xml(_watermark(font)))
    core = doc.core_properties
    core.title = f"{DRAFT} {core.title or ''}".strip()
    core.keywords = DRAFT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def mark_draft(document: RenderedDocument, font: str) -> RenderedDocument:
    return replace(document, content=mark_draft_bytes(document.content, font))


def is_draft(content: bytes) -> bool:
    doc = Document(io.BytesIO(content))
    return any(DRAFT in p.text for s in doc.sections for p in s.footer.paragraphs)

