"""Create the first version of the appendix templates (templates/appendix/*.docx): the ประกาศ and คำสั่ง.

Run once; afterwards each DOCX is the source of truth and is edited in Word (an organisation overrides one by
copying it to <org>/templates/appendix/). Variables: templates/README.md. Layout (ระเบียบงานสารบรรณ, see
thai-doc-formats.md §1.8–1.13): Garuda anchor paragraph (style Emblem) first; centred heading lines, a short
separator rule; body paragraphs indented 2.5 cm, 6 pt before, thaiDistribute; the date line; the signature block
in the right half; page numbers "- n -" at top centre from page 2 (title page has an empty header).
Usage: python tools/bootstrap_appendix_templates.py [--force]
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.oxml import parse_xml
from template_kit import CM, NS, TemplateBuilder, cell, field, margins, para, row, sect_pr, table, tag, tag_row

OUT = Path(__file__).resolve().parent.parent / "templates" / "appendix"
PAGE_BREAK_BEFORE = "<w:pageBreakBefore/>"

EXTRA_STYLES = {
    # id: (name, bold, pPr)
    "Emblem": ("Emblem Anchor", False, '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'),
    "DocTitle": ("Document Title", True, '<w:keepNext/><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'),
    "Separator": ("Title Separator", False,
                  '<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
                  f'<w:spacing w:before="0" w:after="120" w:line="120" w:lineRule="exact"/>'
                  f'<w:ind w:left="{int(6.0 * CM)}" w:right="{int(6.0 * CM)}"/><w:jc w:val="center"/>'),
    "Clause2": ("Clause Level 2", False,
                f'<w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="{int(3.25 * CM)}"/><w:jc w:val="thaiDistribute"/>'),
    "Clause3": ("Clause Level 3", False,
                f'<w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="{int(4.0 * CM)}"/><w:jc w:val="thaiDistribute"/>'),
    "Clause4": ("Clause Level 4", False,
                f'<w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="{int(4.75 * CM)}"/><w:jc w:val="thaiDistribute"/>'),
    "Closing": ("Closing Paragraph", False,
                f'<w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="0"/><w:ind w:firstLine="{int(2.5 * CM)}"/>'
                '<w:jc w:val="thaiDistribute"/>'),
    "DateLine": ("Date Line", False,
                 f'<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="0"/><w:ind w:left="{int(4.5 * CM)}"/>'),
    "SignatureName": ("Signature Name", False,
                      f'<w:keepNext/><w:keepLines/><w:spacing w:before="1080" w:after="0"/>'
                      f'<w:ind w:left="{int(6.0 * CM)}"/><w:jc w:val="center"/>'),
    "SignatureLine": ("Signature Position", False,
                      f'<w:keepNext/><w:spacing w:before="0" w:after="0"/><w:ind w:left="{int(6.0 * CM)}"/><w:jc w:val="center"/>'),
    "AnnexTitle": ("Annex Title", True,
                   f'{PAGE_BREAK_BEFORE}<w:keepNext/><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'),
    "PageNumber": ("Page Number", False, '<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'),
}


def add_styles(b: TemplateBuilder) -> None:
    styles = b.doc.styles.element
    for style_id, (name, bold, ppr) in EXTRA_STYLES.items():
        rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
        styles.append(parse_xml(
            f'<w:style {NS} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr>{rpr}</w:style>'
        ))


def body(text: str) -> str:
    return para(text, style="Body")


def clause(number: str, text: str, style: str = "Body") -> str:
    return para(f"{number} {text}", style=style)


def heading(b: TemplateBuilder, kind: str, subject: str, *, numbered: bool) -> None:
    """ประกาศ/คำสั่ง + full name, ที่ n/year for orders, เรื่อง, and the short rule under them."""
    b.add(para("", style="Emblem"))
    b.add(para(f"{kind}{{{{ org.full_name }}}}", style="DocTitle"))
    if numbered:
        b.add(para("ที่ {{ number }}", style="DocTitle"))
    b.add(para(f"เรื่อง {subject}", style="DocTitle"))
    b.add(para("", style="Separator"))


def closing(b: TemplateBuilder, verb: str, last: str) -> None:
    """The closing sentence, the date line, then the signature block: room to sign, (name), position lines.

    All of it is kept together, so a signature never stands alone on a page.
    """
    b.add(para(last, style="Closing"))
    b.add(para(f"{verb} ณ วันที่ {{{{ dated }}}}", style="DateLine"))
    b.add(para("({{ signature.name }})", style="SignatureName"))
    b.add(tag("{%p for line in signature.lines %}"), para("{{ line }}", style="SignatureLine"), tag("{%p endfor %}"))


def save(b: TemplateBuilder, name: str) -> None:
    page = b.header(para("- ", field("PAGE", "2"), " -", style="PageNumber"))
    first = b.header(para("", style="PageNumber"))
    final = sect_pr(header_rid=page, first_header_rid=first, page_format="decimal", title_page=True,
                    margin_xml=margins(top=2.5, right=2.0, bottom=2.0, left=3.0, header=1.5, footer=1.0))
    b.save(OUT / name, final, force="--force" in sys.argv)
    print(f"wrote {OUT / name}")


def new_builder() -> TemplateBuilder:
    b = TemplateBuilder()
    add_styles(b)
    return b


def ethics() -> None:
    b = new_builder()
    heading(b, "ประกาศ", "มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมของ{{ org.full_name }}", numbered=False)
    b.add(body("ตามที่{{ org.full_name }}ได้ประกาศใช้ประมวลจริยธรรมของ{{ org.full_name }} เพื่อเป็นมาตรฐานทางจริยธรรม"
               "ให้บุคลากรทั้งฝ่ายการเมืองและฝ่ายประจำยึดถือเป็นแนวทางในการปฏิบัติหน้าที่ โดยการฝ่าฝืนหรือไม่ปฏิบัติตาม"
               "มาตรฐานทางจริยธรรมดังกล่าวให้ถือว่าเป็นการกระทำผิดทางวินัย นั้น"))
    b.add(body("เพื่อให้การปฏิบัติตามประมวลจริยธรรมเกิดผลเป็นรูปธรรม สอดคล้องกับ{{ legal_basis }} "
               "และให้บุคลากรปฏิบัติหน้าที่ด้วยความซื่อสัตย์ สุจริต มีคุณธรรม จริยธรรม ไม่กระทำการอันเป็นการขัดกัน"
               "ระหว่างประโยชน์ส่วนตนและประโยชน์ส่วนรวม และเป็นที่เชื่อถือไว้วางใจของประชาชน "
               "{{ org.full_name }}จึงกำหนดมาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม ดังนี้"))
    b.add(clause("1.", "ให้ผู้บริหาร สมาชิก{{ org.titles.council }} {{ org.titles.staff }} ลูกจ้างประจำ และพนักงานจ้าง"
                       "ของ{{ org.full_name }} ศึกษาและทำความเข้าใจประมวลจริยธรรม และยึดถือเป็นแนวทางในการปฏิบัติหน้าที่อย่างเคร่งครัด"))
    b.add(clause("2.", "ให้ผู้บังคับบัญชาทุกระดับประพฤติตนเป็นแบบอย่างที่ดี กำกับ ดูแล แนะนำ และส่งเสริมให้ผู้ใต้บังคับบัญชา"
                       "ปฏิบัติตามประมวลจริยธรรม"))
    b.add(clause("3.", "ให้{{ org.titles.main_office }}เผยแพร่ประมวลจริยธรรมและมาตรการนี้ให้บุคลากรทราบอย่างสม่ำเสมอ "
                       "ทั้งในการประชุมประจำเดือน การปฐมนิเทศบุคลากรใหม่ และทางเว็บไซต์ของ{{ org.full_name }} "
                       "รวมทั้งเปิดเผยต่อสาธารณชนเพื่อให้ประชาชนมีส่วนร่วมรับรู้และติดตามตรวจสอบ"))
    b.add(clause("4.", "บุคลากรต้องไม่ใช้ตำแหน่งหน้าที่แสวงหาประโยชน์ที่มิควรได้สำหรับตนเองหรือผู้อื่น และต้องไม่เรียก รับ "
                       "หรือยอมจะรับทรัพย์สินหรือประโยชน์อื่นใดเนื่องจากการปฏิบัติหน้าที่ เว้นแต่การรับโดยธรรมจรรยาตามที่กฎหมายกำหนด"))
    b.add(clause("5.", "เมื่อมีการร้องเรียนหรือปรากฏว่าบุคลากรผู้ใดฝ่าฝืนประมวลจริยธรรม ให้ผู้บังคับบัญชาดำเนินการตามขั้นตอน"
                       "ที่กำหนดในประมวลจริยธรรมโดยเร็ว และรายงานผลให้{{ org.titles.head }}ทราบ"))
    b.add(clause("6.", "ให้ติดตามและประเมินผลการปฏิบัติตามประมวลจริยธรรมอย่างน้อยปีละ 1 ครั้ง และนำผลการประเมิน"
                       "มาปรับปรุงการส่งเสริมคุณธรรมและจริยธรรมของบุคลากร"))
    closing(b, "ประกาศ", "จึงประกาศมาเพื่อทราบและถือปฏิบัติโดยทั่วกัน")
    save(b, "ethics.docx")


def integrity() -> None:
    b = new_builder()
    heading(b, "ประกาศ", "เจตจำนงสุจริตในการบริหารงาน", numbered=False)
    b.add(body("ตามที่รัฐบาลได้กำหนดให้การต่อต้านการทุจริตคอร์รัปชันเป็นวาระแห่งชาติ และแผนแม่บทภายใต้ยุทธศาสตร์ชาติ "
               "ประเด็นการต่อต้านการทุจริตและประพฤติมิชอบ มีเป้าหมายให้ประเทศไทยปลอดการทุจริตและประพฤติมิชอบ "
               "โดยให้หน่วยงานภาครัฐเข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
               "(Integrity and Transparency Assessment : ITA) นั้น"))
    b.add(body("ข้าพเจ้า {{ signature.name }} {{ signature.position }} ขอแสดงเจตจำนงว่าจะบริหารงานด้วยความซื่อสัตย์ สุจริต "
               "โปร่งใส เป็นธรรม และตรวจสอบได้ ตามหลักธรรมาภิบาล และเป็นแบบอย่างที่ดีแก่บุคลากรของ{{ org.full_name }} "
               "โดยจะดำเนินการ ดังนี้"))
    b.add(clause("1.", "ยึดมั่นในหลักธรรมาภิบาล บริหารงานด้วยความซื่อสัตย์สุจริต โปร่งใส เปิดเผย และพร้อมรับการตรวจสอบ"))
    b.add(clause("2.", "ให้บริการประชาชนด้วยความเสมอภาค เป็นธรรม รวดเร็ว โดยยึดประชาชนเป็นศูนย์กลาง"))
    b.add(clause("3.", "เปิดเผยข้อมูลข่าวสารของ{{ org.full_name }} ทั้งแผนงาน งบประมาณ การจัดซื้อจัดจ้าง และผลการดำเนินงาน "
                       "ให้ประชาชนเข้าถึงได้โดยสะดวก"))
    b.add(clause("4.", "เปิดโอกาสให้ประชาชนมีส่วนร่วมแสดงความคิดเห็น ร่วมดำเนินงาน และติดตามตรวจสอบการบริหารงาน"))
    b.add(clause("5.", "ไม่กระทำการอันเป็นการขัดกันระหว่างประโยชน์ส่วนตนและประโยชน์ส่วนรวม "
                       "และงดรับงดให้ของขวัญหรือประโยชน์อื่นใดจากการปฏิบัติหน้าที่ (No Gift Policy)"))
    b.add(clause("6.", "ต่อต้านและเฝ้าระวังการทุจริตและประพฤติมิชอบทุกรูปแบบ จัดให้มีช่องทางรับเรื่องร้องเรียน"
                       "และแจ้งเบาะแสที่ปลอดภัย และดำเนินการต่อเรื่องร้องเรียนอย่างรวดเร็วและเป็นธรรม"))
    b.add(clause("7.", "ส่งเสริมให้บุคลากรปฏิบัติหน้าที่ตามประมวลจริยธรรม และขับเคลื่อนแผนปฏิบัติการป้องกันการทุจริต"
                       "ของ{{ org.full_name }}ให้เกิดผลอย่างเป็นรูปธรรม"))
    closing(b, "ประกาศ", "จึงประกาศมาให้ทราบโดยทั่วกัน")
    save(b, "integrity.docx")


def working_group() -> None:
    b = new_builder()
    heading(b, "คำสั่ง", "แต่งตั้งคณะทำงานจัดทำ{{ plan.title }} (พ.ศ. {{ plan.period_text }})", numbered=True)
    b.add(body("ด้วย{{ org.full_name }}จะจัดทำ{{ plan.title }} (พ.ศ. {{ plan.period_text }}) เพื่อเป็นกรอบแนวทาง"
               "ในการป้องกันการทุจริตและยกระดับคุณธรรมและความโปร่งใสในการดำเนินงาน ตามแนวทางของสำนักงาน"
               "คณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ และเพื่อใช้ประกอบการประเมินคุณธรรมและความโปร่งใส"
               "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"))
    b.add(body("อาศัยอำนาจตามความใน{{ legal_basis }} จึงแต่งตั้งคณะทำงานจัดทำ{{ plan.title }} "
               "(พ.ศ. {{ plan.period_text }}) ประกอบด้วย"))
    widths = [int(5.75 * CM), int(5.75 * CM), int(4.25 * CM)]
    total = sum(widths)
    b.add(table(widths, [
        tag_row("{%tr for m in members %}", total, 3),
        row(cell("{{ m.number }}. {{ m.name }}", widths[0]), cell("{{ m.position }}", widths[1]),
            cell("{{ m.role }}", widths[2]), cant_split=True),
        tag_row("{%tr endfor %}", total, 3),
    ], border=False, indent=int(0.25 * CM)))
    b.add(body("ให้คณะทำงานมีอำนาจหน้าที่ ดังนี้"))
    b.add(clause("1.", "ศึกษา วิเคราะห์ และประเมินความเสี่ยงการทุจริตในกระบวนงานของ{{ org.full_name }}"))
    b.add(clause("2.", "จัดทำร่าง{{ plan.title }} (พ.ศ. {{ plan.period_text }}) ให้สอดคล้องกับกรอบแนวทางของสำนักงาน ป.ป.ช. "
                       "และเสนอ{{ org.titles.head }}พิจารณาให้ความเห็นชอบ"))
    b.add(clause("3.", "ประสานงานกับส่วนราชการในสังกัดเพื่อขับเคลื่อนโครงการ กิจกรรม และมาตรการตามแผน"))
    b.add(clause("4.", "ติดตามและรายงานผลการดำเนินการตามแผนต่อ{{ org.titles.head }} รอบ 6 เดือน และรอบ 12 เดือน"))
    b.add(clause("5.", "เผยแพร่แผนและรายงานผลการดำเนินการทางเว็บไซต์และช่องทางอื่นของ{{ org.full_name }}"))
    closing(b, "สั่ง", "ทั้งนี้ ตั้งแต่{{ effective }}")
    save(b, "working-group.docx")


def no_gift() -> None:
    b = new_builder()
    subject = "ประกาศเจตนารมณ์ “งดรับ งดให้” ของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)"
    heading(b, "ประกาศ", subject, numbered=False)
    b.add(body("ด้วย{{ legal_basis }} กำหนดห้ามมิให้เจ้าหน้าที่ของรัฐรับทรัพย์สินหรือประโยชน์อื่นใดจากบุคคล "
               "นอกเหนือจากทรัพย์สินหรือประโยชน์อันควรได้ตามกฎหมาย เว้นแต่การรับโดยธรรมจรรยาตามหลักเกณฑ์และจำนวน"
               "ที่คณะกรรมการ ป.ป.ช. กำหนด ประกอบกับแผนการปฏิรูปประเทศด้านการป้องกันและปราบปรามการทุจริต"
               "และประพฤติมิชอบ กำหนดให้หัวหน้าหน่วยงานของรัฐมีมาตรการเสริมสร้างวัฒนธรรมองค์กรในการป้องกันการทุจริต"))
    b.add(body("{{ org.full_name }}จึงประกาศเจตนารมณ์ให้ผู้บริหาร สมาชิก{{ org.titles.council }} {{ org.titles.staff }} "
               "ลูกจ้างประจำ และพนักงานจ้างทุกคน งดให้และงดรับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ "
               "(No Gift Policy) ในทุกเทศกาลและทุกโอกาส และให้ถือปฏิบัติตามแนวทางปฏิบัติแนบท้ายประกาศนี้"))
    closing(b, "ประกาศ", "จึงประกาศมาให้ทราบโดยทั่วกัน")
    b.add(para("แนวทางปฏิบัติตามนโยบาย “งดรับ งดให้” ของขวัญและของกำนัลจากการปฏิบัติหน้าที่ (No Gift Policy)",
               style="AnnexTitle"))
    b.add(para("แนบท้ายประกาศ{{ org.full_name }} ลงวันที่ {{ dated }}", style="DocTitle"))
    b.add(para("", style="Separator"))
    b.add(clause("1.", "แนวทางปฏิบัตินี้ใช้บังคับแก่ผู้บริหาร สมาชิก{{ org.titles.council }} {{ org.titles.staff }} "
                       "ลูกจ้างประจำ และพนักงานจ้างของ{{ org.full_name }}"))
    b.add(clause("2.", "บุคลากรต้องไม่เรียก ไม่รับ และไม่ยอมจะรับของขวัญ ของกำนัล ทรัพย์สิน หรือประโยชน์อื่นใด"
                       "ที่เกี่ยวข้องกับการปฏิบัติหน้าที่ ทั้งจากผู้มาติดต่อราชการ ผู้รับจ้าง ผู้ประกอบการ และบุคคลทั่วไป"))
    b.add(clause("3.", "บุคลากรต้องไม่ให้หรือจัดหาของขวัญหรือของกำนัลแก่ผู้บังคับบัญชาหรือบุคคลในครอบครัวของผู้บังคับบัญชา "
                       "ให้แสดงความปรารถนาดีด้วยการอวยพร การ์ดอวยพร หรือการลงนามในสมุดอวยพรแทน"))
    b.add(clause("4.", "การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา รับได้เฉพาะกรณี ดังนี้"))
    b.add(clause("4.1", "จากญาติซึ่งให้โดยเสน่หาตามจำนวนที่เหมาะสมตามฐานานุรูป", style="Clause2"))
    b.add(clause("4.2", "จากบุคคลอื่นซึ่งมิใช่ญาติ มีราคาหรือมูลค่าในการรับจากแต่ละบุคคล แต่ละโอกาสไม่เกิน {{ gift_limit }}",
                 style="Clause2"))
    b.add(clause("4.3", "ที่ผู้ให้มีเจตนาให้แก่บุคคลทั่วไป", style="Clause2"))
    b.add(clause("5.", "กรณีมีความจำเป็นต้องรับทรัพย์สินหรือประโยชน์อื่นใดที่มีมูลค่าเกิน {{ gift_limit }} หรือไม่แน่ใจว่า"
                       "เป็นการรับโดยธรรมจรรยาหรือไม่ ให้รายงานผู้บังคับบัญชาตามลำดับชั้นจนถึง{{ org.titles.head }} "
                       "ภายใน {{ report_days }} วัน นับแต่วันที่ได้รับ เพื่อวินิจฉัยว่าสมควรรับไว้หรือไม่ หากไม่สมควร"
                       "ให้คืนแก่ผู้ให้โดยทันที หรือส่งมอบให้เป็นสิทธิของ{{ org.full_name }}"))
    b.add(clause("6.", "ผู้ใดฝ่าฝืนแนวทางปฏิบัตินี้ ถือเป็นการกระทำผิดทางวินัย และหากเป็นการรับทรัพย์สินหรือประโยชน์อื่นใด"
                       "โดยมิชอบ อาจต้องระวางโทษ{{ penalty }} ตามกฎหมายว่าด้วยการป้องกันและปราบปรามการทุจริต"))
    b.add(clause("7.", "ให้{{ org.titles.main_office }}ประชาสัมพันธ์นโยบายนี้แก่บุคลากรและผู้มาติดต่อราชการ รวบรวมรายงาน"
                       "การรับทรัพย์สินหรือประโยชน์อื่นใด และรายงานผลการดำเนินการตามนโยบายต่อ{{ org.titles.head }} "
                       "พร้อมเผยแพร่ทางเว็บไซต์ของ{{ org.full_name }}ทุกปี"))
    save(b, "no-gift.docx")


def conflict_of_interest() -> None:
    b = new_builder()
    heading(b, "ประกาศ", "มาตรการป้องกันผลประโยชน์ทับซ้อนของ{{ org.full_name }}", numbered=False)
    b.add(body("ตาม{{ legal_basis }} กำหนดห้ามมิให้เจ้าหน้าที่ของรัฐกระทำการอันเป็นการขัดกันระหว่างประโยชน์ส่วนบุคคล"
               "กับประโยชน์ส่วนรวม ประกอบกับพระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546 "
               "กำหนดให้การบริหารราชการต้องเป็นไปอย่างโปร่งใสและเกิดประโยชน์สูงสุดแก่ประชาชน"))
    b.add(body("เพื่อป้องกันมิให้บุคลากรใช้ตำแหน่งหน้าที่แสวงหาประโยชน์แก่ตนเองหรือผู้อื่น {{ org.full_name }}"
               "จึงกำหนดมาตรการป้องกันผลประโยชน์ทับซ้อน ดังนี้"))
    b.add(clause("1.", "“ผลประโยชน์ทับซ้อน” หมายความว่า สถานการณ์ที่บุคลากรมีผลประโยชน์ส่วนตนอยู่ และได้ใช้อิทธิพล"
                       "ตามหน้าที่และความรับผิดชอบขัดต่อประโยชน์ส่วนรวม ไม่ว่าจะเกิดขึ้นอย่างรู้ตัวหรือไม่รู้ตัว "
                       "ทั้งทางตรงและทางอ้อม"))
    b.add(clause("2.", "บุคลากรต้องไม่ใช้ตำแหน่งหรืออำนาจหน้าที่เพื่อแสวงหาประโยชน์สำหรับตนเองหรือผู้อื่นโดยมิชอบ "
                       "และต้องไม่นำทรัพย์สินของทางราชการไปใช้ประโยชน์ส่วนตน"))
    b.add(clause("3.", "บุคลากรต้องไม่เป็นคู่สัญญาหรือมีส่วนได้เสียในสัญญาที่ทำกับ{{ org.full_name }} ทั้งโดยตรงและโดยอ้อม "
                       "รวมทั้งในนามของคู่สมรส ญาติ หรือกิจการที่ตนเป็นหุ้นส่วนหรือผู้ถือหุ้น"))
    b.add(clause("4.", "ผู้ได้รับแต่งตั้งเป็นคณะกรรมการจัดซื้อจัดจ้าง คณะกรรมการตรวจรับพัสดุ หรือผู้มีอำนาจพิจารณา"
                       "อนุมัติ อนุญาต ต้องแสดงความบริสุทธิ์ใจว่าไม่มีส่วนได้เสียในเรื่องที่พิจารณา หากมีส่วนได้เสีย"
                       "ให้แจ้งผู้บังคับบัญชาและถอนตัวจากการพิจารณาเรื่องนั้น"))
    b.add(clause("5.", "การรับทรัพย์สินหรือประโยชน์อื่นใด ให้ถือปฏิบัติตามประกาศ{{ org.full_name }} "
                       "เรื่อง นโยบายงดรับงดให้ของขวัญและของกำนัลจากการปฏิบัติหน้าที่ (No Gift Policy)"))
    b.add(clause("6.", "ให้ผู้บังคับบัญชาทุกระดับกำกับดูแล ให้คำแนะนำ และประเมินความเสี่ยงเรื่องผลประโยชน์ทับซ้อน"
                       "ในกระบวนงานที่รับผิดชอบอย่างน้อยปีละ 1 ครั้ง"))
    b.add(clause("7.", "ผู้พบเห็นการกระทำที่อาจเป็นการขัดกันระหว่างประโยชน์ส่วนบุคคลกับประโยชน์ส่วนรวม แจ้งเบาะแส"
                       "หรือร้องเรียนได้ตามช่องทางที่{{ org.full_name }}ประกาศกำหนด ผู้แจ้งจะได้รับความคุ้มครอง"
                       "และข้อมูลจะถูกเก็บรักษาเป็นความลับ"))
    b.add(clause("8.", "บุคลากรผู้ใดฝ่าฝืนมาตรการนี้ ถือเป็นการกระทำผิดทางวินัย และอาจมีความผิดตามกฎหมายอื่นที่เกี่ยวข้อง"))
    closing(b, "ประกาศ", "จึงประกาศมาเพื่อทราบและถือปฏิบัติโดยทั่วกัน")
    save(b, "conflict-of-interest.docx")


def delegation() -> None:
    b = new_builder()
    heading(b, "คำสั่ง", "{{ subject }}", numbered=True)
    b.add(body("เพื่อให้การบริหารราชการของ{{ org.full_name }}เป็นไปด้วยความรวดเร็ว มีประสิทธิภาพ ลดขั้นตอน"
               "การปฏิบัติราชการ และอำนวยความสะดวกแก่ประชาชนผู้มาติดต่อราชการ ตามหลักการบริหารกิจการบ้านเมืองที่ดี"))
    b.add(body("อาศัยอำนาจตามความใน{{ legal_basis }} จึงมอบหมายหน้าที่และมอบอำนาจให้ผู้ดำรงตำแหน่งดังต่อไปนี้ "
               "ปฏิบัติราชการแทน{{ delegator }} ดังนี้"))
    b.add(tag("{%p for d in delegates %}"))
    b.add(body("{{ d.number }}. {{ d.name }} ตำแหน่ง {{ d.position }} ให้มีอำนาจหน้าที่ ดังนี้"))
    b.add(tag("{%p for it in d.powers %}"), tag("{%p if it.level == 1 %}"),
          para("{{ it.label }} {{ it.text }}", style="Clause2"), tag("{%p elif it.level == 2 %}"),
          para("{{ it.label }} {{ it.text }}", style="Clause3"), tag("{%p else %}"),
          para("{{ it.label }} {{ it.text }}", style="Clause4"), tag("{%p endif %}"), tag("{%p endfor %}"))
    b.add(tag("{%p endfor %}"))
    b.add(body("ในการปฏิบัติราชการแทนตามคำสั่งนี้ ให้ผู้รับมอบอำนาจปฏิบัติตามกฎหมาย ระเบียบ ข้อบังคับ และหนังสือสั่งการ"
               "ที่เกี่ยวข้องโดยเคร่งครัด เรื่องที่เป็นนโยบายหรือมีปัญหาข้อขัดข้อง ให้เสนอ{{ delegator }}พิจารณาสั่งการ "
               "และให้รายงานผลการปฏิบัติราชการแทนให้{{ delegator }}ทราบทุกเดือน"))
    b.add(body("บรรดาคำสั่งอื่นใดที่ขัดหรือแย้งกับคำสั่งนี้ ให้ใช้คำสั่งนี้แทน"))
    closing(b, "สั่ง", "ทั้งนี้ ตั้งแต่{{ effective }}")
    save(b, "delegation.docx")


def complaints() -> None:
    b = new_builder()
    heading(b, "ประกาศ", "มาตรการจัดการเรื่องร้องเรียนและการแจ้งเบาะแสการทุจริตและประพฤติมิชอบ", numbered=False)
    b.add(body("เพื่อให้การรับและจัดการเรื่องร้องเรียน ร้องทุกข์ และการแจ้งเบาะแสเกี่ยวกับการทุจริตและประพฤติมิชอบ"
               "ของ{{ org.full_name }} เป็นไปด้วยความรวดเร็ว โปร่งใส เป็นธรรม และคุ้มครองผู้ร้องเรียน "
               "สอดคล้องกับ{{ legal_basis }} {{ org.full_name }}จึงกำหนดมาตรการจัดการเรื่องร้องเรียน ดังนี้"))
    b.add(clause("1.", "ให้{{ unit }} {{ org.full_name }} เป็นศูนย์รับเรื่องร้องเรียนร้องทุกข์ มีหน้าที่รับเรื่อง "
                       "ลงทะเบียน คัดกรอง ส่งต่อ ติดตาม และรายงานผลการดำเนินการเรื่องร้องเรียน"))
    b.add(clause("2.", "ผู้ร้องเรียนยื่นเรื่องร้องเรียนหรือแจ้งเบาะแสได้ทางช่องทาง ดังนี้"))
    b.add(tag("{%p for c in channels %}"), para("2.{{ c.number }} {{ c.name }} {{ c.detail }}", style="Clause2"),
          tag("{%p endfor %}"))
    b.add(clause("3.", "เรื่องร้องเรียนควรระบุชื่อและที่อยู่ที่ติดต่อได้ของผู้ร้องเรียน และข้อเท็จจริงหรือพฤติการณ์"
                       "ของเรื่องที่ร้องเรียนอย่างชัดเจนเพียงพอที่จะดำเนินการตรวจสอบได้ เรื่องร้องเรียนที่ไม่ระบุชื่อ"
                       "จะรับพิจารณาเมื่อมีข้อเท็จจริงหรือหลักฐานชัดเจน"))
    b.add(clause("4.", "เมื่อได้รับเรื่อง ให้ศูนย์รับเรื่องร้องเรียนร้องทุกข์ลงทะเบียนรับ คัดแยกเรื่องร้องเรียนทั่วไป"
                       "ออกจากเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่ และเสนอ{{ org.titles.head }}"
                       "สั่งการให้ส่วนราชการที่เกี่ยวข้องดำเนินการ"))
    b.add(clause("5.", "ให้แจ้งผลการดำเนินการหรือความก้าวหน้าให้ผู้ร้องเรียนทราบภายใน {{ response_days }} วัน "
                       "นับแต่วันที่ได้รับเรื่อง หากดำเนินการไม่แล้วเสร็จภายในกำหนด ให้แจ้งเหตุผลและความก้าวหน้า"
                       "ให้ผู้ร้องเรียนทราบ"))
    b.add(clause("6.", "เมื่อได้ทราบ รับแจ้ง หรือตรวจสอบพบการทุจริตของเจ้าหน้าที่ ให้{{ org.titles.head }}แต่งตั้ง"
                       "คณะกรรมการตรวจสอบข้อเท็จจริง และดำเนินการทางวินัยหรือทางอาญาตามกฎหมายและระเบียบที่เกี่ยวข้อง "
                       "เรื่องที่อยู่นอกอำนาจให้ส่งต่อหน่วยงานที่มีอำนาจหน้าที่ และแจ้งผู้ร้องเรียนทราบ"))
    b.add(clause("7.", "ผู้ร้องเรียนและพยานที่ให้ข้อมูลโดยสุจริตจะได้รับความคุ้มครอง ข้อมูลของผู้ร้องเรียน"
                       "จะถูกเก็บรักษาเป็นความลับ และผู้ร้องเรียนจะไม่ถูกกลั่นแกล้งหรือได้รับผลกระทบจากการร้องเรียน"))
    b.add(clause("8.", "ให้ศูนย์รับเรื่องร้องเรียนร้องทุกข์จัดทำข้อมูลสถิติเรื่องร้องเรียน และรายงานผลการดำเนินการ "
                       "พร้อมปัญหาอุปสรรคและแนวทางแก้ไข ต่อ{{ org.titles.head }} รอบ 6 เดือน และรอบ 12 เดือน "
                       "และเผยแพร่ทางเว็บไซต์ของ{{ org.full_name }}"))
    closing(b, "ประกาศ", "จึงประกาศมาให้ทราบโดยทั่วกัน")
    save(b, "complaints.docx")


if __name__ == "__main__":
    for make in (ethics, integrity, working_group, no_gift, conflict_of_interest, delegation, complaints):
        make()
