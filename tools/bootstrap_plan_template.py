"""Create the first version of templates/plan/plan.docx (the whole plan: cover to ส่วนที่ ๓ and the ภาคผนวก page).

Run once; afterwards the DOCX is the source of truth and is edited in Word. Variables: templates/README.md.
Usage: python tools/bootstrap_plan_template.py [--force]
"""

from __future__ import annotations

import sys
from pathlib import Path

from template_kit import CM, TemplateBuilder, cell, field, margins, para, row, run, sect_pr, section_break, tab, table, tag, tag_row

OUT = Path(__file__).resolve().parent.parent / "templates" / "plan" / "plan.docx"
BR = "<w:r><w:br/></w:r>"
PAGE_BREAK_BEFORE = "<w:pageBreakBefore/>"


def item_list(expr: str) -> list[str]:
    """Paragraphs for a flattened nested list: level 0 unnumbered, 1–3 with a label and hanging indent."""
    out = [tag(f"{{%p for it in {expr} %}}"), tag("{%p if it.level == 0 %}"), para("{{ it.text }}", style="Indented")]
    for level in (1, 2, 3):
        out.append(tag(f"{{%p elif it.level == {level} %}}"))
        out.append(para("{{ it.label }}", tab(), "{{ it.text }}", style=f"Item{level}"))
    out += [tag("{%p endif %}"), tag("{%p endfor %}")]
    return out


def paragraphs(expr: str, style: str = "Body") -> list[str]:
    return [tag(f"{{%p for text in {expr} %}}"), para("{{ text }}", style=style), tag("{%p endfor %}")]


def part_heading(number: int, title: str, extra: str = "") -> str:
    return para(run(f"ส่วนที่ {number}"), BR, run(title), style="Heading1", ppr=extra)


def cover(b: TemplateBuilder) -> None:
    b.add(para("", style="CoverText", ppr='<w:spacing w:before="3600"/>'))
    b.add(tag("{%p for line in plan.title_lines %}"), para("{{ line }}", style="CoverTitle"), tag("{%p endfor %}"))
    b.add(para("(พ.ศ. {{ plan.period_text }})", style="CoverTitle"))
    b.add(para("", style="CoverText", ppr='<w:spacing w:before="4800"/>'))
    b.add(para("ของ{{ org.full_name }}", style="CoverText"))
    b.add(para("อำเภอ{{ org.district }} จังหวัด{{ org.province }}", style="CoverText"))


def preface(b: TemplateBuilder) -> None:
    b.add(para("คำนำ", style="Heading1"))
    b.add(para("{{ org.full_name }}ได้จัดทำ{{ plan.title }} (พ.ศ. {{ plan.period_text }}) เพื่อเพิ่มประสิทธิภาพในการป้องกันการทุจริต "
               "ยกระดับมาตรฐานในการป้องกันการทุจริตของหน่วยงานให้มีความโปร่งใสความสุจริต บังเกิดประโยชน์สุขแก่ประชาชน"
               "ตลอดจนแสดงให้เห็นถึงเจตจำนงสุจริตของผู้บริหารองค์กรปกครองส่วนท้องถิ่นในการต่อต้านการทุจริตอย่างเป็นรูปธรรม "
               "อันจะส่งผลต่อการยกระดับผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น "
               "ซึ่งจะส่งผลให้ประชาชนเกิดความเชื่อมั่นและศรัทธาในการทำงานของหน่วยงานมากยิ่งขึ้น", style="Body"))
    b.add(para("{{ org.full_name }}ได้พัฒนา{{ plan.title }} (พ.ศ. {{ plan.period_text }}) ให้สอดคล้องกับแผน 3 ระดับ ได้แก่ "
               "ยุทธศาสตร์ชาติ 20 ปี (พ.ศ. 2561 – 2580) แผนแม่บทภายใต้ยุทธศาสตร์ชาติ (พ.ศ. 2561 – 2580) ประเด็นที่ (21) "
               "การต่อต้านการทุจริตและประพฤติมิชอบ แผนการปฏิรูปประเทศ แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ "
               "นโยบายและแผนระดับชาติว่าด้วยความมั่นคงแห่งชาติ และแผนปฏิบัติการด้านการต่อต้านการทุจริตและประพฤติมิชอบ "
               "โดยนำหลักธรรมาภิบาลสำหรับองค์กรปกครองส่วนท้องถิ่นมาเป็นกลไกในการพัฒนากรอบการจัดทำแผนปฏิบัติการป้องกันการทุจริต"
               "สำหรับองค์กรปกครองส่วนท้องถิ่น รวมถึงให้สอดคล้องกับกรอบการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
               "ของหน่วยงานภาครัฐ (Integrity and Transparency Assessment : ITA) ประกอบด้วย 3 ส่วน ดังนี้", style="Body"))
    b.add(para(run("ส่วนที่ 1", bold=True), run(" บทนำ ประกอบด้วย การประเมินความเสี่ยงการทุจริตในองค์กร หลักการและเหตุผล "
                                                 "วัตถุประสงค์ของการจัดทำแผน เป้าหมาย และประโยชน์ของการจัดทำแผน"), style="Body"))
    b.add(para(run("ส่วนที่ 2", bold=True), run(" ประกอบด้วย โครงการ/กิจกรรม/มาตรการ และจำนวนงบประมาณที่ดำเนินการใน "),
               "{{ plan.year_count }} ปี (พ.ศ. {{ plan.period_text }}) แยกตาม {{ dimensions|length }} มิติ "
               "รวมทั้งสิ้นจำนวน {{ total_count }} โครงการ ดังนี้", style="Body"))
    b.add(tag("{%p for d in dimensions %}"),
          para("มิติที่ {{ d.code }} {{ d.title }} จำนวน {{ d.count }} โครงการ", style="Item1",
               ppr=f'<w:ind w:left="{int(2.5 * CM)}" w:hanging="0"/>'),
          tag("{%p endfor %}"))
    b.add(para(run("ส่วนที่ 3", bold=True), run(" ประกอบด้วย รายละเอียดโครงการ/กิจกรรม/มาตรการ ตามแผนปฏิบัติการฯ"), style="Body"))
    b.add(para("{{ org.full_name }}หวังเป็นอย่างยิ่งว่า{{ plan.title }} (พ.ศ. {{ plan.period_text }}) ของ{{ org.full_name }} "
               "จะเป็นส่วนหนึ่งที่ช่วยขับเคลื่อนเพื่อยกระดับคุณธรรมและความโปร่งใสในภาพรวมของประเทศไทย "
               "อันจะนำไปสู่เป้าหมายของแผนแม่บทภายใต้ยุทธศาสตร์ชาติ (พ.ศ. 2561 – 2580) ประเด็นที่ (21) "
               "การต่อต้านการทุจริตและประพฤติมิชอบ ที่กำหนดไว้ว่า ", run("“ประเทศไทยปลอดการทุจริตและประพฤติมิชอบ”", bold=True),
               style="Body"))
    b.add(para("{{ org.full_name }}", style="Signature", ppr='<w:spacing w:before="480"/>'))
    b.add(para("{{ plan.issued_text }}", style="Signature"))


def contents(b: TemplateBuilder) -> None:
    b.add(para("สารบัญ", style="Heading1", ppr=PAGE_BREAK_BEFORE))
    b.add(para(run("หน้า", bold=True), style="RightAligned"))
    b.add(tag("{%p for e in toc %}"), tag("{%p if e.level == 1 %}"),
          para("{{ e.title }}", tab(), "{{ e.page }}", style="TOC1"),
          tag("{%p else %}"),
          para("{{ e.title }}", tab(), "{{ e.page }}", style="TOC2"),
          tag("{%p endif %}"), tag("{%p endfor %}"))


def part_one(b: TemplateBuilder) -> None:
    b.add(part_heading(1, "บทนำ"))
    b.add(para("1. การประเมินความเสี่ยงการทุจริตในองค์กร", style="Heading2"))
    w = [int(x * CM) for x in (1.2, 3.2, 4.6, 1.8, 5.2)]
    header = row(
        cell(para("ลำดับที่", style="TableHeading"), w[0], valign="center", shade="D9D9D9"),
        cell(para("ขั้นตอนการดำเนินงาน", style="TableHeading"), w[1], valign="center", shade="D9D9D9"),
        cell(para("ประเด็นความเสี่ยงการทุจริต", style="TableHeading"), w[2], valign="center", shade="D9D9D9"),
        cell(para("ระดับความเสี่ยง", style="TableHeading"), w[3], valign="center", shade="D9D9D9"),
        cell(para("มาตรการควบคุมความเสี่ยงการทุจริต", style="TableHeading"), w[4], valign="center", shade="D9D9D9"),
        header=True, cant_split=True,
    )
    body = row(
        cell(para("{% vm %}{{ area.number }}", style="TableCentered"), w[0]),
        cell(para("{% vm %}{{ area.process }}", style="TableText"), w[1]),
        cell(para("{{ r.text }}", style="TableText"), w[2]),
        cell(para("{{ r.level }}", style="TableCentered"), w[3]),
        cell(para("{% vm %}{{ area.measures }}", style="TableItem"), w[4]),
    )
    b.add(table(w, [header, tag_row("{%tr for area in risks %}", sum(w), 5), tag_row("{%tr for r in area.risks %}", sum(w), 5),
                    body, tag_row("{%tr endfor %}", sum(w), 5), tag_row("{%tr endfor %}", sum(w), 5)]))
    b.add(para("2. หลักการและเหตุผล", style="Heading2"), *paragraphs("rationale"))
    b.add(para("3. วัตถุประสงค์ของการจัดทำแผน", style="Heading2"), *item_list("objectives"))
    b.add(para("4. เป้าหมาย", style="Heading2"), *item_list("goals"))
    tw = [int(x * CM) for x in (6.0, 3.33, 3.33, 3.34)]
    b.add(tag("{%p if targets.rows %}"))
    b.add(table(tw, [
        row(cell(para("ค่าเป้าหมาย", style="TableHeading"), tw[0], valign="center", shade="D9D9D9"),
            cell(para("{%tc for y in targets.years %}", style="TableHeading"), tw[1]),
            cell(para("ปี {{ y }}", style="TableHeading"), tw[2], valign="center", shade="D9D9D9"),
            cell(para("{%tc endfor %}", style="TableHeading"), tw[3]), header=True, cant_split=True),
        tag_row("{%tr for t in targets.rows %}", sum(tw), 4),
        row(cell(para("{{ t.indicator }}", style="TableText"), tw[0]),
            cell(para("{%tc for v in t.cells %}", style="TableText"), tw[1]),
            cell(para("{{ v }}", style="TableCentered"), tw[2], valign="center"),
            cell(para("{%tc endfor %}", style="TableText"), tw[3]), cant_split=True),
        tag_row("{%tr endfor %}", sum(tw), 4),
    ]))
    b.add(tag("{%p endif %}"))
    b.add(para("5. ประโยชน์ของการจัดทำแผน", style="Heading2"), *item_list("benefits"))


def part_two(b: TemplateBuilder) -> None:
    b.add(part_heading(2, "{{ plan.title }}"))
    b.add(para("(พ.ศ. {{ plan.period_text }})", style="Centered"), para("{{ org.full_name }}", style="Centered"))
    b.add(para("{{ org.full_name }}ได้ดำเนินการจัดทำ{{ plan.title }} (พ.ศ. {{ plan.period_text }}) ประกอบด้วย "
               "โครงการ/กิจกรรม/มาตรการ รวมจำนวน {{ total_count }} โครงการ ดังนี้", style="Body"))
    # Landscape text width: 29.7 − 3 − 2 = 24.7 cm.
    w = [int(x * CM) for x in (3.0, 4.0, 7.0, 2.9, 2.9, 2.9, 2.0)]
    span = len(w)
    h = "D9D9D9"
    header1 = row(
        cell(para("มิติ", style="TableHeading"), w[0], vmerge="restart", valign="center", shade=h),
        cell(para("ภารกิจตามมิติ", style="TableHeading"), w[1], vmerge="restart", valign="center", shade=h),
        cell(para("โครงการ/กิจกรรม/มาตรการ", style="TableHeading"), w[2], vmerge="restart", valign="center", shade=h),
        cell(para("{% colspan budget.years|length %}งบประมาณ (บาท)", style="TableHeading"), w[3] + w[4] + w[5],
             span=3, valign="center", shade=h),
        cell(para("หมายเหตุ", style="TableHeading"), w[6], vmerge="restart", valign="center", shade=h),
        header=True, cant_split=True,
    )
    header2 = row(
        cell(para("", style="TableHeading"), w[0], vmerge="continue", shade=h),
        cell(para("", style="TableHeading"), w[1], vmerge="continue", shade=h),
        cell(para("", style="TableHeading"), w[2], vmerge="continue", shade=h),
        cell(para("{%tc for y in budget.years %}", style="TableHeading"), w[3]),
        cell(para("ปี {{ y }}", style="TableHeading"), w[4], valign="center", shade=h),
        cell(para("{%tc endfor %}", style="TableHeading"), w[5]),
        cell(para("", style="TableHeading"), w[6], vmerge="continue", shade=h),
        header=True, cant_split=True,
    )
    project = row(
        cell(para("{% vmerge p.first_in_dimension %}{{ d.label }}", style="TableText"), w[0]),
        cell(para("{% vm %}{{ m.label }}", style="TableText"), w[1]),
        cell(para("{{ p.number }}) {{ p.title }}", style="TableText"), w[2]),
        cell(para("{%tc for a in p.amounts %}", style="TableNumber"), w[3]),
        cell(para("{{ a }}", style="TableNumber"), w[4]),
        cell(para("{%tc endfor %}", style="TableNumber"), w[5]),
        cell(para("{{ p.remark }}", style="TableText"), w[6]),
        cant_split=True,
    )
    subtotal = row(
        cell(para("{% vmerge False %}", style="TableText"), w[0]),
        cell(para(run("รวม", bold=True), style="TableCentered"), w[1]),
        cell(para(run("จำนวน {{ d.count }} โครงการ", bold=True), style="TableCentered"), w[2]),
        cell(para("{%tc for a in d.totals %}", style="TableNumber"), w[3]),
        cell(para(run("{{ a }}", bold=True), style="TableNumber"), w[4]),
        cell(para("{%tc endfor %}", style="TableNumber"), w[5]),
        cell(para("", style="TableText"), w[6]),
        cant_split=True,
    )
    total = row(
        cell(para(run("รวมทั้งสิ้น", bold=True), style="TableCentered"), w[0] + w[1], span=2),
        cell(para(run("จำนวน {{ budget.count }} โครงการ", bold=True), style="TableCentered"), w[2]),
        cell(para("{%tc for a in budget.totals %}", style="TableNumber"), w[3]),
        cell(para(run("{{ a }}", bold=True), style="TableNumber"), w[4]),
        cell(para("{%tc endfor %}", style="TableNumber"), w[5]),
        cell(para("", style="TableText"), w[6]),
        cant_split=True,
    )
    tw = sum(w)
    b.add(table(w, [
        header1, header2,
        tag_row("{%tr for d in budget.dimensions %}", tw, span),
        tag_row("{%tr for m in d.missions %}", tw, span),
        tag_row("{%tr for p in m.projects %}", tw, span),
        project,
        tag_row("{%tr endfor %}", tw, span),
        tag_row("{%tr endfor %}", tw, span),
        subtotal,
        tag_row("{%tr endfor %}", tw, span),
        total,
    ]))


def part_three(b: TemplateBuilder) -> None:
    b.add(part_heading(3, "รายละเอียดโครงการ/กิจกรรม/มาตรการ"))
    b.add(tag("{%p for pj in projects %}"))
    b.add(tag("{%p if pj.new_dimension and not loop.first %}"),
          para("มิติที่ {{ pj.dimension.code }} {{ pj.dimension.title }}", style="Heading2", ppr=PAGE_BREAK_BEFORE),
          tag("{%p elif pj.new_dimension %}"),
          para("มิติที่ {{ pj.dimension.code }} {{ pj.dimension.title }}", style="Heading2"),
          tag("{%p endif %}"))
    b.add(tag("{%p if pj.new_mission %}"), para("{{ pj.mission.code }} {{ pj.mission.title }}", style="Heading3"),
          tag("{%p endif %}"))
    b.add(tag("{%p if pj.new_item %}"), para("{{ pj.item.code }} {{ pj.item.title }}", style="Heading4"),
          tag("{%p endif %}"))
    b.add(para("ลำดับที่ {{ pj.number }}", style="Heading5"))
    b.add(para(run("1. ชื่อโครงการ : ", bold=True), run("{{ pj.title }}", bold=True), style="SheetHeading"))
    b.add(para("2. หลักการและเหตุผล", style="SheetHeading"), *paragraphs("pj.rationale"))
    b.add(para("3. วัตถุประสงค์", style="SheetHeading"), *item_list("pj.objectives"))
    b.add(para("4. กลุ่มเป้าหมาย", style="SheetHeading"), *paragraphs("pj.target_group", "Indented"))
    b.add(para("5. วิธีดำเนินการ", style="SheetHeading"), *item_list("pj.methods"))
    b.add(para("6. ระยะเวลาดำเนินการ", style="SheetHeading"), para("{{ pj.period_text }}", style="Indented"))
    b.add(para("7. งบประมาณดำเนินการ", style="SheetHeading"), *paragraphs("pj.budget_lines", "Indented"))
    b.add(para("8. ผู้รับผิดชอบโครงการ", style="SheetHeading"), para("{{ pj.responsible }}", style="Indented"))
    b.add(para("9. ผลผลิต/ผลลัพธ์", style="SheetHeading"))
    b.add(para("ผลผลิต", style="SubLabel"), *item_list("pj.outputs"))
    b.add(para("ผลลัพธ์", style="SubLabel"), *item_list("pj.outcomes"))
    b.add(tag("{%p endfor %}"))


def appendix_divider(b: TemplateBuilder) -> None:
    """The ภาคผนวก page: a heading the สารบัญ lists with its page, and the documents that follow it in the
    assembled plan, numbered as their page labels (ผ.1-1 …). Absent when the organisation has no appendix."""
    b.add(tag("{%p if appendix %}"))
    b.add(para("ภาคผนวก", style="Heading1", ppr=PAGE_BREAK_BEFORE))
    b.add(tag("{%p for g in appendix %}"))
    b.add(tag('{%p if g.group == "internal-control" %}'),
          para("รายงานการควบคุมภายใน", style="SheetHeading"),
          tag("{%p else %}"),
          para("ประกาศและคำสั่ง", style="SheetHeading"),
          tag("{%p endif %}"))
    b.add(tag("{%p for d in g.documents %}"),
          para("{{ d.number }}.", tab(), "{{ d.title }}", style="Item1"),
          tag("{%p endfor %}"))
    b.add(tag("{%p endfor %}"))
    b.add(tag("{%p endif %}"))


def main() -> None:
    b = TemplateBuilder()
    page = b.header(para(field("PAGE"), style="PageHeader"))
    front_page = b.header(para(field("PAGE", "ก"), style="PageHeader"))
    cover(b)
    b.add(section_break(sect_pr()))
    preface(b)
    contents(b)
    b.add(section_break(sect_pr(header_rid=front_page, page_format="thaiLetters", page_start=1)))
    part_one(b)
    b.add(section_break(sect_pr(header_rid=page, page_format="decimal", page_start=1)))
    part_two(b)
    b.add(section_break(sect_pr(header_rid=page, landscape=True, margin_xml=margins(top=2.5, right=2.0, bottom=2.0, left=3.0))))
    part_three(b)
    appendix_divider(b)
    b.save(OUT, sect_pr(header_rid=page), force="--force" in sys.argv)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
