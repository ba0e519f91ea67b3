"""Create the first version of the change-report template (templates/changes/changes.docx).

Run once; afterwards the DOCX is the source of truth and is edited in Word. Variables: templates/README.md.
Usage: python tools/bootstrap_changes_template.py [--force]
"""

from __future__ import annotations

import sys
from pathlib import Path

from template_kit import CM, TemplateBuilder, cell, field, para, row, run, sect_pr, table, tag, tag_row

OUT = Path(__file__).resolve().parent.parent / "templates" / "changes" / "changes.docx"
SHADE = "D9D9D9"
WIDTH = int(16 * CM)


def heading(text: str) -> str:
    return para(text, style="Heading2")


def none_line(expr: str) -> list[str]:
    return [tag(f"{{%p if not {expr} %}}"), para("- ไม่มี -", style="Centered"), tag("{%p endif %}")]


def projects_table(expr: str) -> list[str]:
    w = [int(1.0 * CM), int(9.5 * CM), int(2.0 * CM)]
    w.append(WIDTH - sum(w))
    header = row(*(cell(para(t, style="TableHeading"), wi, valign="center", shade=SHADE)
                   for t, wi in zip(("ที่", "โครงการ/มาตรการ/กิจกรรม", "รหัส", "งบประมาณรวม (บาท)"), w)),
                 header=True, cant_split=True)
    body = row(cell(para("{{ p.number }}", style="TableCentered"), w[0]), cell(para("{{ p.title }}", style="TableText"), w[1]),
               cell(para("{{ p.code }}", style="TableCentered"), w[2]),
               cell(para("{{ p.total }}", style="TableNumber"), w[3]), cant_split=True)
    return [tag(f"{{%p if {expr} %}}"), table(w, [header, tag_row(f"{{%tr for p in {expr} %}}", WIDTH, 4), body,
                                                tag_row("{%tr endfor %}", WIDTH, 4)]),
            tag("{%p endif %}"), *none_line(expr)]


def main() -> None:
    b = TemplateBuilder()
    b.add(para("รายงานการเปลี่ยนแปลง", style="Heading1", ppr='<w:spacing w:before="0" w:after="0"/>'))
    b.add(para("{{ org.full_name }}", style="CoverText"))
    b.add(para("ฉบับปีงบประมาณ {{ edition.new }} เทียบกับฉบับปีงบประมาณ {{ edition.old }}", style="Centered"))
    b.add(para("แผนปฏิบัติการป้องกันการทุจริต พ.ศ. {{ edition.period }}", style="Centered",
               ppr='<w:spacing w:before="0" w:after="240"/>'))

    b.add(heading("1. โครงการที่เพิ่มขึ้น"), *projects_table("added"))
    b.add(heading("2. โครงการที่ยกเลิก"), *projects_table("removed"))

    b.add(heading("3. งบประมาณที่เปลี่ยนแปลงรายโครงการ"))
    w = [int(1.0 * CM), int(5.4 * CM), int(1.6 * CM), int(2.4 * CM), int(2.4 * CM)]
    w.append(WIDTH - sum(w))
    header = row(*(cell(para(t, style="TableHeading"), wi, valign="center", shade=SHADE)
                   for t, wi in zip(("ที่", "โครงการ/มาตรการ/กิจกรรม", "ปี", "เดิม (บาท)", "ใหม่ (บาท)", "เปลี่ยนแปลง"), w)),
                 header=True, cant_split=True)
    body = row(cell(para("{{ c.number }}", style="TableCentered"), w[0]), cell(para("{{ c.title }}", style="TableText"), w[1]),
               cell(para("{{ c.year }}", style="TableCentered"), w[2]),
               *(cell(para(f"{{{{ c.{k} }}}}", style="TableNumber"), wi) for k, wi in zip(("old", "new", "delta"), w[3:])),
               cant_split=True)
    b.add(tag("{%p if budgets %}"), table(w, [header, tag_row("{%tr for c in budgets %}", WIDTH, 6), body,
                                              tag_row("{%tr endfor %}", WIDTH, 6)]), tag("{%p endif %}"),
          *none_line("budgets"))

    b.add(heading("4. งบประมาณรวมรายปี"))
    w = [int(3.4 * CM), int(4.2 * CM), int(4.2 * CM)]
    w.append(WIDTH - sum(w))
    header = row(*(cell(para(t, style="TableHeading"), wi, valign="center", shade=SHADE)
                   for t, wi in zip(("ปีงบประมาณ", "ฉบับเดิม (บาท)", "ฉบับใหม่ (บาท)", "เปลี่ยนแปลง (บาท)"), w)),
                 header=True, cant_split=True)
    body = row(cell(para("{{ t.year }}", style="TableCentered"), w[0]),
               *(cell(para(f"{{{{ t.{k} }}}}", style="TableNumber"), wi) for k, wi in zip(("old", "new", "delta"), w[1:])),
               cant_split=True)
    total = row(cell(para(run("รวม", bold=True), style="TableCentered"), w[0]),
                *(cell(para(run(f"{{{{ grand.{k} }}}}", bold=True), style="TableNumber"), wi)
                  for k, wi in zip(("old", "new", "delta"), w[1:])), cant_split=True)
    b.add(table(w, [header, tag_row("{%tr for t in totals %}", WIDTH, 4), body, tag_row("{%tr endfor %}", WIDTH, 4),
                    total]))

    b.add(heading("5. บุคลากรและตำแหน่ง"))
    w = [int(1.0 * CM), int(7.5 * CM)]
    w.append(WIDTH - sum(w))
    header = row(*(cell(para(t, style="TableHeading"), wi, valign="center", shade=SHADE)
                   for t, wi in zip(("ที่", "เดิม", "ใหม่"), w)), header=True, cant_split=True)
    body = row(cell(para("{{ p.number }}", style="TableCentered"), w[0]), cell(para("{{ p.old }}", style="TableText"), w[1]),
               cell(para("{{ p.new }}", style="TableText"), w[2]), cant_split=True)
    b.add(tag("{%p if people %}"), table(w, [header, tag_row("{%tr for p in people %}", WIDTH, 3), body,
                                             tag_row("{%tr endfor %}", WIDTH, 3)]), tag("{%p endif %}"),
          *none_line("people"))

    b.add(heading("6. ข้อความที่แก้ไข"))
    b.add(para("ข้อความที่ตัดออกแสดงด้วยเส้นขีดทับ ข้อความที่เพิ่มแสดงด้วยการขีดเส้นใต้ (เปรียบเทียบทีละคำ)", style="Indented",
               ppr="<w:keepNext/>"))
    b.add(tag("{%p for t in texts %}"))
    b.add(para(run("{{ t.number }}. {{ t.where }}", bold=True), ppr='<w:keepNext/><w:spacing w:before="120" w:after="0"/>'))
    b.add(para("{{r t.text }}", style="Indented"))
    b.add(tag("{%p endfor %}"), *none_line("texts"))

    number = b.header(para(run("- "), field("PAGE", "2"), run(" -"), style="PageHeader", ppr='<w:jc w:val="center"/>'))
    first = b.header(para("", style="PageHeader"))
    b.save(OUT, sect_pr(header_rid=number, first_header_rid=first, title_page=True, page_format="decimal"),
           force="--force" in sys.argv)
    print(OUT)


if __name__ == "__main__":
    main()
