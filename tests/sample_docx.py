"""Small DOCX files for conversion tests, written as raw WordprocessingML so nothing but the test decides them.

Each sample is an A4 Thai document in the house layout (margins 2.5/2/2/3 cm, 16 pt, th-TH, the complex-script
font slots set), with justified (thaiDistribute) body paragraphs and "- PAGE -" in the header from page 2 on.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

THAI_PARAGRAPH = (
    "องค์การบริหารส่วนตำบลได้จัดทำแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส "
    "เพื่อเพิ่มประสิทธิภาพในการป้องกันการทุจริต ยกระดับมาตรฐานในการป้องกันการทุจริตของหน่วยงานให้มีความโปร่งใส"
    "ความสุจริตบังเกิดประโยชน์สุขแก่ประชาชนตลอดจนแสดงให้เห็นถึงเจตจำนงสุจริตของผู้บริหารองค์กรปกครองส่วนท้องถิ่น"
    "ในการต่อต้านการทุจริตอย่างเป็นรูปธรรม อันจะส่งผลต่อการยกระดับผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
    "ขององค์กรปกครองส่วนท้องถิ่น ซึ่งจะส่งผลให้ประชาชนเกิดความเชื่อมั่นและศรัทธาในการทำงานของหน่วยงานมากยิ่งขึ้น"
)
# Marks that stack (tone over upper vowel, sara am, descenders): the glyphs tofu would hide first.
STACKING = "ที่ น้ำ ปั้น ผู้ใหญ่ ปู่ ทั้งนี้ ปฏิบัติ ฎีกา ญี่ปุ่น ฐาน พื้นที่ที่ บัญชา ทุพพลภาพ"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
</Types>"""
PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOCUMENT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{R}/header" Target="header1.xml"/>
</Relationships>"""


def _rpr(font: str, size_half_points: int = 32, bold: bool = False) -> str:
    b = "<w:b/><w:bCs/>" if bold else ""
    return (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>{b}'
            f'<w:sz w:val="{size_half_points}"/><w:szCs w:val="{size_half_points}"/>'
            f'<w:lang w:val="th-TH" w:eastAsia="en-US" w:bidi="th-TH"/></w:rPr>')


def _styles(font: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault>{_rpr(font)}</w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>{_rpr(font)}</w:style>
<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text Thai"/><w:basedOn w:val="Normal"/>
<w:pPr><w:spacing w:before="120" w:after="0"/><w:ind w:firstLine="1418"/><w:jc w:val="thaiDistribute"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
<w:pPr><w:keepNext/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>{_rpr(font, 36, True)}</w:style>
</w:styles>"""


def _header(literal: str | None = None) -> str:
    """ "- PAGE -", or ``literal`` typed as plain text (to compare against what the field draws)."""
    if literal is not None:
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="{W}"><w:p><w:pPr><w:jc w:val="center"/>'
                f'</w:pPr><w:r><w:t xml:space="preserve">{escape(literal)}</w:t></w:r></w:p></w:hdr>')
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="{W}"><w:p><w:pPr><w:jc w:val="center"/>'
            f'</w:pPr><w:r><w:t xml:space="preserve">- </w:t></w:r>{field}<w:r><w:t xml:space="preserve"> -</w:t></w:r></w:p></w:hdr>')


def _paragraph(text: str, style: str = "Body") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def write_sample(path: Path, *, title: str = "ประกาศทดสอบ", paragraphs: int = 12, font: str = "TH SarabunIT๙",
                 extra: list[str] = (), header: str | None = None) -> Path:
    """A document of ``paragraphs`` justified Thai paragraphs (about 5 per page) plus the stacking line."""
    body = [_paragraph(title, "Heading1"), _paragraph(STACKING)]
    body += [_paragraph(f"{i + 1}. {THAI_PARAGRAPH}") for i in range(paragraphs)]
    body += [_paragraph(text) for text in extra]
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1418" w:right="1134" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/>'
            '<w:titlePg/></w:sectPr>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
                f'<w:body>{"".join(body)}{sect}</w:body></w:document>')
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        z.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/styles.xml", _styles(font))
        z.writestr("word/header1.xml", _header(header))
    return path
