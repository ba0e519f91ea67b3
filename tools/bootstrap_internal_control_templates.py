"""Create the first version of the internal-control report templates (templates/internal-control/*.docx).

Run once; afterwards the DOCX files are the source of truth and are edited in Word. Variables: templates/README.md.
Usage: python tools/bootstrap_internal_control_templates.py [--force]
"""

from __future__ import annotations

import sys
from pathlib import Path

import template_kit
from template_kit import CM, TemplateBuilder, cell, field, margins, para, row, run, sect_pr, tab, table, tag, tag_row

OUT = Path(__file__).resolve().parent.parent / "templates" / "internal-control"
SHADE = "D9D9D9"
TABLE_SIZE = 14  # the landscape tables have up to eight columns: 14 pt, as the printed forms use
PORTRAIT_WIDTH = int(16 * CM)
LANDSCAPE_WIDTH = int(24.7 * CM)

template_kit.STYLES.update({
    "FormTableText": ("Form Table Text", "Normal", TABLE_SIZE, False, '<w:spacing w:before="0" w:after="0"/><w:jc w:val="left"/>'),
    "FormTableHeading": ("Form Table Heading", "Normal", TABLE_SIZE, True,
                         '<w:keepNext/><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'),
    "FormTableItem": ("Form Table Item", "Normal", TABLE_SIZE, False,
                      f'<w:spacing w:before="0" w:after="0"/><w:ind w:left="{int(0.5 * CM)}" w:hanging="{int(0.5 * CM)}"/>'
                      '<w:jc w:val="left"/>'),
    "FormTableCentered": ("Form Table Centered", "Normal", TABLE_SIZE, False,
                          '<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'),
    "FormLabel": ("Form Label", "Normal", None, True, '<w:spacing w:before="0" w:after="0"/><w:jc w:val="right"/>'),
    "FormTitle": ("Form Title", "Normal", None, True, '<w:keepNext/><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'),
    "Salutation": ("Salutation", "Normal", None, False, '<w:spacing w:before="240" w:after="0"/>'),
    "ListHeading": ("List Heading", "Normal", None, False,
                    f'<w:keepNext/><w:spacing w:before="60" w:after="0"/><w:ind w:left="{int(2.5 * CM)}"/><w:jc w:val="thaiDistribute"/>'),
    "ListEntry": ("List Entry", "Normal", None, False,
                  f'<w:spacing w:before="0" w:after="0"/><w:ind w:left="{int(3.5 * CM)}" w:hanging="{int(1.0 * CM)}"/>'
                  '<w:jc w:val="thaiDistribute"/>'),
})

DATE_LINE = ("{% if signer.date %}วันที่ {{ signer.date }}{% else %}"
             "วันที่ .......... เดือน ........................ พ.ศ. ..........{% endif %}")


def page_headers(b: TemplateBuilder) -> tuple[str, str]:
    """No number on page 1; "- 2 -" top centre from page 2 (thai-doc-formats.md §1.13)."""
    numbered = b.header(para(run("- "), field("PAGE", "2"), run(" -"), style="PageHeader", ppr='<w:jc w:val="center"/>'))
    first = b.header(para("", style="PageHeader"))
    return numbered, first


def section(b: TemplateBuilder, *, landscape: bool = False) -> str:
    numbered, first = page_headers(b)
    return sect_pr(header_rid=numbered, first_header_rid=first, title_page=True, landscape=landscape,
                   page_format="decimal", margin_xml=margins(top=2.0, right=2.0, bottom=2.0, left=3.0, header=1.0))


def heading_block(b: TemplateBuilder, *lines: str, org: bool = True) -> None:
    """The form label top right, then the centred title lines."""
    b.add(para("{{ form.label }}", style="FormLabel"))
    if org:
        b.add(para("{{ org.full_name }}", style="FormTitle", ppr='<w:spacing w:before="120" w:after="0"/>'))
    for line in lines:
        b.add(para(line, style="FormTitle"))


def signature(b: TemplateBuilder, caption: str, *, indent_cm: float = 7.5, space_before: int = 600) -> None:
    """Signature line, (name), position, date: the block a signer signs (thai-doc-formats.md §1.10)."""
    ind = f'<w:ind w:left="{int(indent_cm * CM)}"/>'
    keep = "<w:keepNext/><w:keepLines/>"
    b.add(para(caption, style="Signature", ppr=f'{keep}<w:spacing w:before="{space_before}" w:after="0"/>{ind}'))
    b.add(para("({{ signer.name }})", style="Signature", ppr=f"{keep}{ind}"))
    b.add(para("ตำแหน่ง {{ signer.position }}", style="Signature", ppr=f"{keep}{ind}"))
    b.add(para(DATE_LINE, style="Signature", ppr=ind))


KEEP = "<w:keepNext/>"


def entries(expr: str) -> list[str]:
    """List entries "1.1 text" with a hanging indent; the one marked ``keep`` stays with the signature."""
    return [
        tag(f"{{%p for it in {expr} %}}"),
        tag("{%p if it.keep %}"),
        para("{{ it.label }}", tab(), "{{ it.text }}", style="ListEntry", ppr=KEEP),
        tag("{%p else %}"),
        para("{{ it.label }}", tab(), "{{ it.text }}", style="ListEntry"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
    ]


def numbered_lists(lists_expr: str) -> list[str]:
    """Numbered lists with headings: "1. heading" then its entries."""
    return [
        tag(f"{{%p for l in {lists_expr} %}}"),
        para("{{ l.label }} {{ l.heading }}", style="ListHeading"),
        *entries("l.entries"),
        tag("{%p endfor %}"),
    ]


def cell_lines(expr: str) -> list[str]:
    """A table cell's lines: a lone line plain, several numbered with a hanging indent."""
    return [
        tag(f"{{%p for ln in {expr} %}}"),
        tag("{%p if ln.label %}"),
        para("{{ ln.label }}", tab(), "{{ ln.text }}", style="FormTableItem"),
        tag("{%p else %}"),
        para("{{ ln.text }}", style="FormTableText"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
    ]


OBJECTIVES = (
    "โดยมีวัตถุประสงค์เพื่อให้ความมั่นใจอย่างสมเหตุสมผลว่า ภารกิจของหน่วยงานจะบรรลุวัตถุประสงค์ของการควบคุมภายใน"
    "ด้านการดำเนินงานที่มีประสิทธิผล ประสิทธิภาพ ด้านการรายงานที่เกี่ยวกับการเงินและไม่ใช่การเงินที่เชื่อถือได้ ทันเวลา "
    "และโปร่งใส รวมทั้งด้านการปฏิบัติตามกฎหมาย ระเบียบ และข้อบังคับที่เกี่ยวข้องกับการดำเนินงาน"
)


def certification() -> None:
    """ปค.๑: the certification letter to the supervising official."""
    b = TemplateBuilder()
    b.add(para("{{ form.label }}", style="FormLabel"))
    b.add(para("{{ form.title }}", style="FormTitle", ppr='<w:spacing w:before="240" w:after="0"/>'))
    b.add(tag("{%p if form.subtitle %}"), para("{{ form.subtitle }}", style="FormTitle"), tag("{%p endif %}"))
    b.add(para(run("เรียน"), run("  {{ addressee }}"), style="Salutation", ppr='<w:spacing w:before="360" w:after="0"/>'))
    b.add(para("{{ org.full_name }} ได้ประเมินผลการควบคุมภายในของหน่วยงาน สำหรับปีสิ้นสุดวันที่ {{ as_of }} "
               "ด้วยวิธีการที่หน่วยงานกำหนด ซึ่งเป็นไปตาม{{ criteria }} " + OBJECTIVES, style="Body"))
    b.add(tag("{%p if adequate %}"))
    b.add(para("จากผลการประเมินดังกล่าว {{ org.full_name }} เห็นว่า การควบคุมภายในของหน่วยงานมีความเพียงพอ "
               "ปฏิบัติตามอย่างต่อเนื่อง และเป็นไปตาม{{ criteria }}"
               "{% if oversight %} ภายใต้การกำกับดูแลของ{{ oversight }}{% endif %}", style="Body", ppr=KEEP))
    b.add(tag("{%p else %}"))
    b.add(para("จากผลการประเมินดังกล่าว {{ org.full_name }} เห็นว่า การควบคุมภายในของหน่วยงานยังไม่มีความเพียงพอ "
               "และยังไม่เป็นไปตาม{{ criteria }} ในบางเรื่อง เนื่องจาก{{ conclusion_reasons }}"
               "{% if oversight %} ทั้งนี้ ภายใต้การกำกับดูแลของ{{ oversight }}{% endif %}", style="Body", ppr=KEEP))
    b.add(tag("{%p endif %}"))
    b.add(tag("{%p if weaknesses.risks %}"))
    b.add(para("อนึ่ง การควบคุมภายในยังคงมีความเสี่ยงซึ่งมีการกำหนดปรับปรุงการควบคุมภายในในปีงบประมาณหรือปีถัดไป "
               "สรุปได้ดังนี้", style="Body"))
    b.add(para("1. ความเสี่ยงที่มีอยู่ที่ต้องกำหนดปรับปรุงการควบคุมภายใน", style="ListHeading"))
    b.add(tag("{%p for it in weaknesses.risks %}"), para("{{ it.label }}", tab(), "{{ it.text }}", style="ListEntry"),
          tag("{%p endfor %}"))
    b.add(para("2. การปรับปรุงการควบคุมภายใน", style="ListHeading"))
    b.add(*entries("weaknesses.improvements"))
    b.add(tag("{%p endif %}"))
    signature(b, "ลายมือชื่อ ..................................................", space_before=720)
    b.save(OUT / "pk1-certification.docx", section(b), force="--force" in sys.argv)


def components() -> None:
    """ปค.๔: the five components and 17 principles with their assessment, then the overall result."""
    b = TemplateBuilder()
    heading_block(b, "{{ form.title }}", "ณ วันที่ {{ as_of }}")
    w = [int(7.5 * CM), PORTRAIT_WIDTH - int(7.5 * CM)]
    header = row(
        cell(para("{{ columns.component }}", style="TableHeading"), w[0], valign="center", shade=SHADE),
        cell(para("{{ columns.assessment }}", style="TableHeading"), w[1], valign="center", shade=SHADE),
        header=True, cant_split=True,
    )
    component = row(
        cell(para(run("{{ c.code }}. {{ c.title }}", bold=True), style="TableText", ppr="<w:keepNext/>"), w[0]),
        cell(para("{{ c.summary }}", style="TableText"), w[1]),
        cant_split=True,
    )
    principle = row(
        cell(para("{{ p.code }}", tab(), "{{ p.text }}", style="TableItem",
                  ppr=f'<w:ind w:left="{int(1.3 * CM)}" w:hanging="{int(0.9 * CM)}"/>'), w[0]),
        cell(para("{{ p.assessment }}", style="TableText"), w[1]),
        cant_split=True,
    )
    b.add(para("", style="TableText", ppr='<w:spacing w:before="120" w:after="0"/>'))
    b.add(table(w, [
        header,
        tag_row("{%tr for c in components %}", sum(w), 2),
        component,
        tag_row("{%tr for p in c.principles %}", sum(w), 2),
        principle,
        tag_row("{%tr endfor %}", sum(w), 2),
        tag_row("{%tr endfor %}", sum(w), 2),
    ]))
    # Below the table (thai-doc-formats.md §2.5), and kept with the signature so it never stands alone.
    b.add(para(run("{{ columns.overall }}", bold=True), style="Body", ppr='<w:keepNext/><w:spacing w:before="240" w:after="0"/><w:ind w:firstLine="0"/>'))
    b.add(para("{{ overall }}", style="Body", ppr=KEEP))
    signature(b, "ชื่อผู้รายงาน ..................................................")
    b.save(OUT / "pk4-components.docx", section(b), force="--force" in sys.argv)


def evaluation() -> None:
    """ปค.๕: the risk table by mission, landscape, its header row repeated on every page."""
    b = TemplateBuilder()
    heading_block(b, "{{ form.title }}", "สำหรับระยะเวลาดำเนินงานสิ้นสุด ณ วันที่ {{ as_of }}")
    keys = ["mission", "risk", "existing_control", "assessment", "remaining_risk", "improvement", "responsible", "remark"]
    cm = [4.0, 3.1, 3.4, 3.1, 2.9, 3.3, 2.8, 2.1]
    w = [int(x * CM) for x in cm]
    w[-1] += LANDSCAPE_WIDTH - sum(w)
    header = row(*(cell(para(f"{{{{ columns.{k} }}}}", style="FormTableHeading"), wi, valign="center", shade=SHADE)
                   for k, wi in zip(keys, w)), header=True, cant_split=True)
    mission = cell([
        para(run("{% vmerge r.first %}{{ m.label }}", bold=True), style="FormTableText"),
        tag("{%p if m.objective %}"),
        para("วัตถุประสงค์ : {{ m.objective }}", style="FormTableText", ppr='<w:spacing w:before="60" w:after="0"/>'),
        tag("{%p endif %}"),
    ], w[0])
    # No cantSplit: LibreOffice 7.4 drops the rest of the table when rows that cannot split share a merged cell.
    body = row(mission, *(cell(cell_lines(f"r.{k}"), wi) for k, wi in zip(keys[1:], w[1:])))
    span = len(w)
    b.add(para("", style="FormTableText", ppr='<w:spacing w:before="120" w:after="0"/>'))
    b.add(table(w, [
        header,
        tag_row("{%tr for m in missions %}", sum(w), span),
        tag_row("{%tr for r in m.rows %}", sum(w), span),
        body,
        tag_row("{%tr endfor %}", sum(w), span),
        tag_row("{%tr endfor %}", sum(w), span),
    ]))
    signature(b, "ชื่อผู้รายงาน ..................................................", indent_cm=14.7)
    b.save(OUT / "pk5-evaluation.docx", section(b, landscape=True), force="--force" in sys.argv)


def follow_up() -> None:
    """แบบติดตาม ปค.๕: last year's improvements and their status; the columns come from the data."""
    b = TemplateBuilder()
    heading_block(b, "{{ form.title }}", "ณ วันที่ {{ as_of }}",
                  "(แผนการปรับปรุงการควบคุมภายใน ปีงบประมาณ พ.ศ. {{ plan_year }})")
    number = int(1.0 * CM)
    rest = (LANDSCAPE_WIDTH - number) // 3
    w = [number, rest, rest, LANDSCAPE_WIDTH - number - 2 * rest]
    header = row(
        cell(para("ที่", style="FormTableHeading"), w[0], valign="center", shade=SHADE),
        cell(para("{%tc for h in headings %}", style="FormTableHeading"), w[1], valign="center", shade=SHADE),
        cell(para("{{ h }}", style="FormTableHeading"), w[1], valign="center", shade=SHADE),
        cell(para("{%tc endfor %}", style="FormTableHeading"), w[1], valign="center", shade=SHADE),
        header=True, cant_split=True,
    )
    body = row(
        cell(para("{{ it.number }}", style="FormTableCentered"), w[0]),
        cell(para("{%tc for c in it.cells %}", style="FormTableText"), w[1]),
        cell(cell_lines("c"), w[1]),
        cell(para("{%tc endfor %}", style="FormTableText"), w[1]),
        cant_split=True,
    )
    b.add(para("", style="FormTableText", ppr='<w:spacing w:before="120" w:after="0"/>'))
    b.add(table(w, [header, tag_row("{%tr for it in items %}", sum(w), 4), body, tag_row("{%tr endfor %}", sum(w), 4)]))
    signature(b, "ชื่อผู้รายงาน ..................................................", indent_cm=14.7)
    b.save(OUT / "pk5-follow-up.docx", section(b, landscape=True), force="--force" in sys.argv)


def review() -> None:
    """ปค.๖: the internal auditor's review report to the head of the executive."""
    b = TemplateBuilder()
    b.add(para("{{ form.label }}", style="FormLabel"))
    b.add(para("{{ form.title }}", style="FormTitle", ppr='<w:spacing w:before="240" w:after="0"/>'))
    b.add(para(run("เรียน"), run("  {{ addressee }}"), style="Salutation", ppr='<w:spacing w:before="360" w:after="0"/>'))
    b.add(para("ผู้ตรวจสอบภายในของ{{ org.full_name }} ได้สอบทานการประเมินผลการควบคุมภายในของหน่วยงาน "
               "สำหรับปีสิ้นสุดวันที่ {{ as_of }} ด้วยวิธีการสอบทานตาม{{ criteria }} " + OBJECTIVES, style="Body"))
    b.add(tag("{%p if adequate %}"))
    b.add(para("จากผลการสอบทานดังกล่าว ผู้ตรวจสอบภายในเห็นว่า การควบคุมภายในของ{{ org.full_name }} มีความเพียงพอ "
               "ปฏิบัติตามอย่างต่อเนื่อง และเป็นไปตาม{{ criteria }}", style="Body", ppr=KEEP))
    b.add(tag("{%p else %}"))
    b.add(para("จากผลการสอบทานดังกล่าว ผู้ตรวจสอบภายในเห็นว่า การควบคุมภายในของ{{ org.full_name }} "
               "ยังไม่มีความเพียงพอ และยังไม่เป็นไปตาม{{ criteria }} ในบางเรื่อง", style="Body", ppr=KEEP))
    b.add(tag("{%p endif %}"))
    b.add(tag("{%p if lists %}"))
    b.add(para("อย่างไรก็ดี มีข้อตรวจพบและข้อสังเกตเกี่ยวกับความเสี่ยงและการควบคุมภายใน รวมถึงข้อเสนอแนะ สรุปได้ดังนี้",
               style="Body"))
    b.add(*numbered_lists("lists"))
    b.add(tag("{%p endif %}"))
    signature(b, "ลายมือชื่อ ..................................................", space_before=720)
    b.save(OUT / "pk6-review.docx", section(b), force="--force" in sys.argv)


def main() -> None:
    for build in (certification, components, evaluation, follow_up, review):
        build()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
