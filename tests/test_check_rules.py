"""Each rule family of the preflight checker on small documents made to be wrong (and right) in one way.

The documents are text (tab-separated rows are table rows) or Word files built with python-docx; the
organisation is given as it would come from a profile, for several types of local government.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import catalog
from generator.check.organisation import OrgContext
from generator.check.readers.docx import read_docx
from generator.check.readers.text import text_document
from generator.check.run import check_document


def org(kind: str = "อบต.", name: str = "บึงปรือ", period=(2566, 2570)) -> OrgContext:
    ctx = OrgContext(catalog.org_type(kind), name, "เทพารักษ์", "นครราชสีมา", period, source="profile")
    ctx.names = {name, "เทพารักษ์", "นครราชสีมา"}
    return ctx


def findings(text: str, *, kind: str = "อบต.", name: str = "บึงปรือ", only=None, period=(2566, 2570)):
    doc = text_document(text, "test.txt")
    return check_document(doc, org(kind, name, period), only=only).findings


def codes(found, severity: str | None = None) -> list[str]:
    return [f.code for f in found if severity is None or f.severity == severity]


# --- rule 1: template leftovers ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, code", [
    ("มาตรการจัดการกรณีพบการทุจริตของระบุชื่อองค์กรปกครองส่วนท้องถิ่น", "leftover.instruction-name"),
    ("ตามประมวลจริยธรรมของระบุงชื่อ องค์กรปกครองส่วนท้องถิ่น", "leftover.instruction-name"),
    ("ผู้รับผิดชอบ [ชื่อหน่วยงาน]", "leftover.bracket-placeholder"),
    ("ผู้รับผิดชอบ (ชื่อหน่วยงาน)", "leftover.paren-placeholder"),
    ("งบประมาณ XXX บาท", "leftover.xxx"),
    ("ผู้รับผิดชอบ ......................", "leftover.dots"),
    ("เรียน {{ org.titles.head }}", "leftover.jinja"),
    ("ดังนั้น ${org} จึงให้ความสำคัญ", "leftover.placeholder"),
])
def test_leftovers_are_errors(text, code):
    found = findings(text, only={1})
    assert code in codes(found, "error")
    assert found[0].location.line == 1


@pytest.mark.parametrize("text", [
    "รายงานสรุปผลการดำเนินการ พร้อมระบุปัญหาอุปสรรคและแนวทางแก้ไข",
    "ไม่น้อยกว่าร้อยละ 80 (สำรวจโดยใช้แบบประเมิน)",
    "ลงชื่อ.................................ผู้รับรอง",
    "ปีงบประมาณ พ.ศ. 2566 – 2570",
])
def test_ordinary_text_is_no_leftover(text):
    assert findings(text, only={1}) == []


# --- rule 2: words of another organisation type ---------------------------------------------------------------

def test_tambon_municipality_calling_its_staff_sao_staff_is_an_error():
    found = findings("บุคลากร ได้แก่ พนักงานส่วนตำบล ลูกจ้างประจำ และพนักงานจ้าง", kind="เทศบาลตำบล", name="หนองบัว", only={2})
    assert codes(found, "error") == ["orgtype.staff"]
    assert "พนักงานเทศบาล" in found[0].fix_th


def test_letter_to_a_mayor_from_a_sao_is_fine():
    assert findings("เรียน นายกเทศมนตรีตำบลหนองบัว", only={2}) == []


def test_sao_plan_with_municipal_titles_is_an_error():
    found = findings("คำสั่งมอบหมายงานของนายกเทศมนตรี ปลัดเทศบาล และหัวหน้าส่วนราชการ", only={2})
    assert set(codes(found, "error")) == {"orgtype.title"}
    assert {f.text for f in found} == {"นายกเทศมนตรี", "ปลัดเทศบาล"}


@pytest.mark.parametrize("text", [
    "นักเรียนโรงเรียนเทศบาล 1 เข้าร่วมกิจกรรม",
    "ถนนเทศบาล ๒ ตัดผ่านตำบล",
    "ตามพระราชบัญญัติเทศบาล พ.ศ. 2496 และที่แก้ไขเพิ่มเติม",
    "ผู้บริหารท้องถิ่น สมาชิกสภาท้องถิ่น พนักงานส่วนตำบล และพนักงานจ้าง",
])
def test_proper_names_laws_and_own_words_are_fine_for_a_sao(text):
    assert findings(text, only={2}) == []


def test_shared_municipal_words_are_the_municipalitys_own():
    assert findings("พนักงานเทศบาลและสมาชิกสภาเทศบาล", kind="เทศบาลตำบล", name="หนองบัว", only={2}) == []


def test_a_tambon_municipality_using_a_town_mayor_title_is_an_error():
    found = findings("ลงนามโดยนายกเทศมนตรีเมืองหนองบัว", kind="เทศบาลตำบล", name="หนองบัว", only={2})
    assert codes(found, "error") == ["orgtype.head"]


def test_pao_misnomer_is_a_warning():
    found = findings("ข้าราชการและพนักงานส่วนจังหวัดทุกคน", kind="อบจ.", name="นครราชสีมา", only={2})
    assert codes(found) == ["orgtype.misnomer"] and found[0].severity == "warning"


def test_naming_another_organisation_is_a_warning_but_our_name_with_their_type_an_error():
    other = findings("ร่วมกับเทศบาลตำบลหนองบัวจัดอบรม", only={2})
    assert codes(other, "warning") == ["orgtype.other-organisation"]
    ours = findings("เทศบาลตำบลบึงปรือได้จัดทำแผน", only={2})
    assert codes(ours, "error") == ["orgtype.other-organisation"]


# --- rule 3: damaged organisation names -----------------------------------------------------------------------

def test_find_and_replace_in_the_name_is_an_error():
    found = findings("มีแผนขององค์การบริหารส่วนตำบลปีงบประมาณ พ.ศ. 2566 - 2570", only={3})
    assert codes(found, "error") == ["name.replaced"]
    assert "องค์การบริหารส่วนตำบลบึงปรือ" in found[0].fix_th


def test_a_neighbours_name_is_an_error():
    found = findings("องค์การบริหารส่วนตำบลหนองบัวได้จัดทำแผน", only={3})
    assert codes(found, "error") == ["name.differs"]


@pytest.mark.parametrize("text", [
    "องค์การบริหารส่วนตำบลบึงปรือได้จัดทำแผน",
    "ของ องค์การบริหารส่วนตำบล บึงปรือ",
    "องค์การบริหารส่วนตำบลทุกแห่งต้องจัดทำแผน",
    "องค์กรปกครองส่วนท้องถิ่นเป็นหน่วยงานของรัฐ",
    "เรียน นายกองค์การบริหารส่วนตำบลหนองบัว",
])
def test_correct_names_are_fine(text):
    assert findings(text, only={3}) == []


@pytest.mark.parametrize("text, right", [
    ("ศูนย์ข้อมูลข่าวสารองค์กรบริหารส่วนตำบลบึงปรือ", "องค์การบริหารส่วนตำบลบึงปรือ"),
    ("บุคลากรขององค์การปกครองส่วนท้องถิ่น", "องค์กรปกครองส่วนท้องถิ่น"),
    ("สภาองค์กรบริหารส่วนจังหวัด", "องค์การบริหารส่วนจังหวัด"),
])
def test_organ_confusion_is_an_error(text, right):
    found = findings(text, only={3})
    assert codes(found, "error") == ["name.organ-confusion"]
    assert right in found[0].fix_th


def test_names_are_checked_for_a_municipality_too():
    found = findings("เทศบาลตำบลปีงบประมาณมีนโยบาย", kind="เทศบาลตำบล", name="หนองบัว", only={3})
    assert codes(found, "error") == ["name.replaced"]


# --- rule 4: script and spelling ----------------------------------------------------------------------------

def test_letter_of_another_script_inside_a_thai_word_is_an_error():
    found = findings("อันอาจเป็นสาเหตุหนึ่งของการทุจริตประพฤตินิষอบในการปฏิบัติราชการ", only={4})
    assert codes(found, "error") == ["spelling.foreign-script"]
    assert "Bengali" in found[0].en


def test_latin_letter_inside_a_thai_word_is_a_warning():
    found = findings("การทุจริตและประพฤติมิชoบของเจ้าหน้าที่", only={4})
    assert "spelling.latin-inside" in codes(found, "warning")


@pytest.mark.parametrize("text, code, fixed", [
    ("นอกจากนี้จะทำให้้องค์กรปกครองส่วนท้องถิ่นมีประสิทธิภาพ", "spelling.doubled", "ทำให้"),
    ("มาตรการแสดงเจตนาารมณ์ในการนำหลักคุณธรรมมาใช้", "spelling.doubled-vowel", "เจตนารมณ์"),
    ("ประชาชน ้และบุคลากร", "spelling.stray", ""),
])
def test_doubled_and_stray_marks_are_errors(text, code, fixed):
    found = findings(text, only={4})
    assert code in codes(found, "error")
    assert fixed in found[0].fix_th


def test_a_mark_opening_a_paragraph_and_a_tripled_vowel_are_reported():
    found = findings("้ประชาชน และบุคลากรเเเละผู้นำ", only={4})
    assert codes(found) == ["spelling.stray", "spelling.double-e"]


def test_corpus_frequencies_are_pythainlps():
    from pythainlp.corpus import tnc

    from generator.check.words import frequencies

    assert frequencies() == dict(tnc.word_freqs())


def test_two_sara_e_for_sara_ae_is_a_warning():
    found = findings("ประชาชนเเละบุคลากร", only={4})
    assert codes(found, "warning") == ["spelling.double-e"]
    assert "และ" in found[0].fix_th


def test_unknown_word_gets_a_suggestion():
    found = findings("มาตรการแสดงเจตนาภรณ์ในการนำหลักคุณธรรมมาใช้ในการบริหารงาน", only={4})
    unknown = [f for f in found if f.code == "spelling.unknown-word"]
    assert unknown and unknown[0].severity == "warning"
    assert "เจตนารมณ์" in unknown[0].fix_th


def test_names_abbreviations_and_clean_text_are_not_flagged():
    text = ("นายประเสริฐ ศรีสุข นายกองค์การบริหารส่วนตำบลบึงปรือ อำเภอเทพารักษ์ จังหวัดนครราชสีมา "
            "ตามหนังสือสำนักงาน ก.พ. ที่ นร 1013.7/ว 11 และ ป.ป.ช. ได้กำหนดแนวทาง")
    assert findings(text, only={4}) == []


def test_a_rare_variant_of_the_documents_own_word_is_flagged():
    text = "\n".join([
        "การต่อต้านการทุจริตและประพฤติมิชอบ",
        "ประเทศไทยปลอดการทุจริตและประพฤติมิชอบ",
        "เรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่",
        "ปลอดการทุจริตและประพฤตินิคมอบโดยกำหนดตัวชี้วัด",
        "เพื่อให้การบริหารงานเป็นไปตามหลักธรรมาภิบาล เพื่อใช้เป็นแนวทาง",
    ])
    found = findings(text, only={4})
    variants = [f for f in found if f.code == "spelling.variant"]
    assert [(f.text, f.location.line) for f in variants] == [("ประพฤตินิคมอบ", 4)]
    assert "ประพฤติมิชอบ" in variants[0].fix_th


# --- rule 5: numbering and required headings --------------------------------------------------------------------

SHEET = """ลำดับที่ {n}
1. ชื่อโครงการ : โครงการที่ {n}
2. หลักการและเหตุผล
เหตุผลของโครงการ
3. วัตถุประสงค์
1) เพื่อส่งเสริมคุณธรรม
4. กลุ่มเป้าหมาย
บุคลากร
5. วิธีดำเนินการ
{methods}
6. ระยะเวลาดำเนินการ
ปีงบประมาณ พ.ศ. {period}
7. งบประมาณดำเนินการ
{budget}
8. ผู้รับผิดชอบ
{responsible}
9. ผลผลิต/ผลลัพธ์
ผลผลิต
มีการดำเนินการ
ผลลัพธ์
บุคลากรมีคุณธรรม
"""
MISSION = ("การเสริมสร้างจิตสำนึกและความตระหนักแก่บุคลากรทั้งข้าราชการการเมืองฝ่ายบริหาร "
           "ข้าราชการการเมืองฝ่ายสภาท้องถิ่นและฝ่ายประจำขององค์กรปกครองส่วนท้องถิ่น")
METHODS = "1) จัดทำโครงการ\n2) ดำเนินการ\n3) รายงานผล"
PART1 = """ส่วนที่ 1
บทนำ
1. การประเมินความเสี่ยงการทุจริตในองค์กร
ลำดับที่\tขั้นตอน\n1\tการบริหารงาน
2. หลักการและเหตุผล
เหตุผล
3. วัตถุประสงค์ของการจัดทำแผน
(1) เพื่อแสดงเจตจำนง
4. เป้าหมาย
(1) คะแนนผ่านเกณฑ์
5. ประโยชน์ของการจัดทำแผน
(1) ประชาชนมีส่วนร่วม
"""


def plan(sheets: list[str], *, label: str = "มิติที่", table: str = "", intro: str = "") -> str:
    head = ("แผนปฏิบัติการป้องกันการทุจริต\nคำนำ\n" + intro + "\nสารบัญ\n" + PART1
            + "\nส่วนที่ 2\nแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส\n"
            + table + "\nส่วนที่ 3\nรายละเอียดโครงการ/กิจกรรม/มาตรการ\n"
            + f"{label} 1 การสร้างวัฒนธรรมสุจริต\n1.1 {MISSION}\n"
            + "1.1.1 เสริมสร้างจิตสำนึกและความตระหนักในการปฏิบัติราชการตามอำนาจหน้าที่ และการประพฤติตนตามประมวลจริยธรรม\n")
    return head + "\n".join(sheets)


def sheet(n, methods=METHODS, budget="ไม่ใช้งบประมาณ", responsible="สำนักปลัด องค์การบริหารส่วนตำบลบึงปรือ", label=True,
          period="2566 - 2570"):
    text = SHEET.format(n=n, methods=methods, budget=budget, responsible=responsible, period=period)
    return text if label else text.split("\n", 1)[1]


def test_clean_sheets_have_no_numbering_findings():
    assert findings(plan([sheet(1), sheet(2)]), only={5}) == []


def test_list_gap_and_repeat():
    gap = findings(plan([sheet(1, methods="1) จัดทำ\n2) ดำเนินการ\n4) รายงาน")]), only={5})
    assert codes(gap, "error") == ["numbering.list-gap"] and gap[0].text.startswith("4)")
    repeat = findings(plan([sheet(1, methods="1) จัดทำ\n2) ดำเนินการ\n2) รายงาน")]), only={5})
    assert codes(repeat, "error") == ["numbering.list-repeat"]


def test_sub_items_and_other_label_styles_keep_counting():
    methods = "1) จัดทำ\n1.1) ประชุม\n1.2) ร่าง\n2) ดำเนินการ\n(1) ข้อหนึ่ง\n(2) ข้อสอง\n3) รายงาน"
    assert findings(plan([sheet(1, methods=methods)]), only={5}) == []


def test_missing_item_number_and_gap_in_sheets():
    found = findings(plan([sheet(1), sheet(2, label=False), sheet(3), sheet(5)]), only={5})
    assert codes(found, "error") == ["structure.missing-sheet-number", "structure.sheet-number"]
    assert "ลำดับที่ 2" in found[0].th and "ลำดับที่ 4" in found[1].th


def test_empty_responsible_heading_is_an_error():
    found = findings(plan([sheet(1, responsible="")]), only={5})
    assert codes(found, "error") == ["structure.empty"]
    assert found[0].location.item.startswith("ลำดับที่ 1 › 8.")


def test_missing_and_misnumbered_headings():
    text = plan([sheet(1).replace("6. ระยะเวลาดำเนินการ\nปีงบประมาณ พ.ศ. 2566 - 2570\n", "")
                 .replace("9. ผลผลิต/ผลลัพธ์", "8. ผลผลิต/ผลลัพธ์")])
    assert set(codes(findings(text, only={5}), "error")) == {"structure.missing-heading", "structure.heading-number"}


def test_misspelt_dimension_label():
    found = findings(plan([sheet(1)], label="มติที่"), only={5})
    assert codes(found, "error") == ["structure.label-spelling"]
    assert "มิติที่" in found[0].fix_th


def test_numbers_run_together_in_a_table_cell():
    text = "ลำดับที่\tมาตรการ\n1\t1. มาตรการแรก 2. มาตรการสอง 4. มาตรการสี่"
    assert codes(findings(text, only={5}), "error") == ["numbering.list-gap"]
    assert findings("ลำดับที่\tมาตรการ\n1\t1. มาตรการแรก 2. มาตรการสอง 3. มาตรการสาม", only={5}) == []


# --- rule 6: arithmetic and consistency ----------------------------------------------------------------------

def table(rows: list[str]) -> str:
    header = "มิติ\tภารกิจตามมิติ\tโครงการ/กิจกรรม/มาตรการ\tปี 2566\tปี 2567\tหมายเหตุ"
    return "\n".join([header, *rows])


GOOD_TABLE = table([
    "1. การสร้างวัฒนธรรมสุจริต\t1.1 การเสริมสร้าง\t1) โครงการที่ 1\t5,000\t5,000\t",
    "\t\t2) โครงการที่ 2\t-\t-\t",
    "\tรวม\tจำนวน 2 โครงการ\t5,000\t5,000\t",
    "\tรวมทั้งสิ้น\tจำนวน 2 โครงการ\t5,000\t5,000\t",
])


def test_consistent_plan_has_no_arithmetic_findings():
    text = plan([sheet(1, budget="ปีละ 5,000 บาท (ห้าพันบาทถ้วน)", period="2566 - 2567"), sheet(2, period="2566 - 2567")],
                table=GOOD_TABLE,
                intro="มิติที่ 1 การสร้างวัฒนธรรมสุจริต จำนวน 2 โครงการ")
    assert findings(text, only={6}, period=(2566, 2567)) == []


def test_subtotal_and_count_must_match_their_projects():
    bad = GOOD_TABLE.replace("\tรวม\tจำนวน 2 โครงการ\t5,000\t5,000", "\tรวม\tจำนวน 3 โครงการ\t5,000\t6,000")
    found = findings(plan([sheet(1, budget="5,000 บาท", period="2566 - 2567"), sheet(2, period="2566 - 2567")], table=bad),
                     only={6}, period=(2566, 2567))
    assert {"table.count", "table.sum", "table.total-count"} <= set(codes(found, "error"))


def test_stated_counts_must_match_the_table():
    found = findings(plan([sheet(1, budget="5,000 บาท", period="2566 - 2567"), sheet(2, period="2566 - 2567")], table=GOOD_TABLE,
                          intro="มิติที่ 1 การสร้างวัฒนธรรมสุจริต จำนวน 4 โครงการ\nรวมทั้งสิ้นจำนวน 18 โครงการ"),
                     only={6}, period=(2566, 2567))
    assert {"count.dimension", "count.total"} <= set(codes(found, "error"))


def test_sheet_budget_must_match_the_table():
    found = findings(plan([sheet(1, budget="7,000 บาท", period="2566 - 2567"),
                           sheet(2, budget="3,000 บาท", period="2566 - 2567")], table=GOOD_TABLE),
                     only={6}, period=(2566, 2567))
    assert codes(found, "error") == ["consistency.budget", "consistency.budget"]


def test_amount_in_words_must_match_the_figure():
    found = findings("งบประมาณ 5,000 บาท (ห้าร้อยบาทถ้วน)", only={6})
    assert codes(found, "error") == ["money.words"]
    assert "ห้าพันบาทถ้วน" in found[0].fix_th


def test_mixed_digit_styles_in_one_number():
    assert codes(findings("งบประมาณ 25,๐00 บาท", only={6}), "error") == ["digits.mixed"]
    assert findings("งบประมาณ ๒๕,๐๐๐ บาท และ 25,000 บาท", only={6}) == []


def test_years_outside_the_plan_period():
    text = plan([sheet(1, period="2566 - 2572")])
    found = findings(text, only={6})
    assert codes(found, "error") == ["years.outside"] and found[0].text == "2572"


# --- rule 7: table of contents -------------------------------------------------------------------------------

TOC = "สารบัญ\nหน้า\t\nคำนำ\tก\nส่วนที่ 1 บทนำ\t1\nส่วนที่ 2 แผนปฏิบัติการ\t{p2}\nส่วนที่ 3 รายละเอียดโครงการ\t{p3}\n"


def test_broken_page_numbers_and_entries_without_headings():
    text = plan([sheet(1)]).replace("คำนำ\n", "คำนำ\nคำนำของแผน\n" + TOC.format(p2="5 7", p3="- 388") + "ภาคผนวก ก\t40\n", 1)
    found = findings(text, only={7})
    assert codes(found, "error").count("toc.bad-page") == 2
    assert "toc.no-heading" in codes(found, "error")
    assert {f.text for f in found if f.code == "toc.bad-page"} == {"5 7", "- 388"}


def test_a_good_contents_page_passes():
    text = plan([sheet(1)]).replace("คำนำ\n", "คำนำ\nคำนำของแผน\n" + TOC.format(p2="2 - 7", p3="8 - 38"), 1)
    assert findings(text, only={7}) == []


def test_page_numbers_running_backwards():
    text = plan([sheet(1)]).replace("คำนำ\n", "คำนำ\nคำนำของแผน\n" + TOC.format(p2="12", p3="8"), 1)
    assert "toc.order" in codes(findings(text, only={7}), "error")


# --- rule 8: templates and run properties ------------------------------------------------------------------

def test_split_tags_and_missing_thai_run_properties(tmp_path: Path):
    from docx import Document

    doc = Document()
    p = doc.add_paragraph()
    p.add_run("{{ org.")
    p.add_run("full_name }}")
    run = doc.add_paragraph().add_run("ข้อความภาษาไทย")
    run.font.name = "TH SarabunIT๙"
    run.font.size = 203200
    run.bold = True
    templates = tmp_path / "templates"
    templates.mkdir()
    doc.save(templates / "bad.docx")
    result = check_document(read_docx(templates / "bad.docx", is_template=True), org())
    assert {"template.split-tag", "template.rFonts-cs", "template.sz-szCs", "template.b-bCs"} <= set(codes(result.findings, "error"))
    doc.save(tmp_path / "letter.docx")
    plain = check_document(read_docx(tmp_path / "letter.docx"), org(), only={8})
    assert set(codes(plain.findings, "warning")) == {"template.rFonts-cs", "template.sz-szCs", "template.b-bCs"}


def test_type_words_in_a_template_are_errors(tmp_path: Path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("ประกาศองค์การบริหารส่วนตำบล{{ org.name }}")
    doc.save(tmp_path / "t.docx")
    result = check_document(read_docx(tmp_path / "t.docx", is_template=True), org(), only={2})
    assert codes(result.findings, "error") == ["orgtype.in-template"]


def test_the_shared_templates_are_clean():
    from generator import paths

    for template in paths.TEMPLATES_DIR.rglob("*.docx"):
        result = check_document(read_docx(template, is_template=True), org())
        assert result.findings == [], template


def test_sheet_budget_year_by_year():
    rows = GOOD_TABLE.replace("\t\t2) โครงการที่ 2\t-\t-\t", "\t\t2) โครงการที่ 2\t3,000\t-\t").replace(
        "\tรวม\tจำนวน 2 โครงการ\t5,000\t5,000", "\tรวม\tจำนวน 2 โครงการ\t8,000\t5,000").replace(
        "\tรวมทั้งสิ้น\tจำนวน 2 โครงการ\t5,000\t5,000", "\tรวมทั้งสิ้น\tจำนวน 2 โครงการ\t8,000\t5,000")
    yearly = "ปีงบประมาณ พ.ศ. 2566 จำนวน 3,000 บาท (สามพันบาทถ้วน)\nปีงบประมาณ พ.ศ. 2567 ไม่ใช้งบประมาณ"
    good = plan([sheet(1, budget="ปีละ 5,000 บาท", period="2566 - 2567"), sheet(2, budget=yearly, period="2566 - 2567")],
                table=rows)
    assert findings(good, only={6}, period=(2566, 2567)) == []
    bad = good.replace("2567 ไม่ใช้งบประมาณ", "2567 จำนวน 1,000 บาท (หนึ่งพันบาทถ้วน)")
    assert codes(findings(bad, only={6}, period=(2566, 2567)), "error") == ["consistency.budget"]


def test_target_table_years_lie_in_the_plan_period():
    part1 = PART1.replace("(1) คะแนนผ่านเกณฑ์\n", "(1) คะแนนผ่านเกณฑ์\nค่าเป้าหมาย\tปี 2566\tปี 2571\nคะแนน ITA\t80 คะแนน\t85 คะแนน\n")
    text = plan([sheet(1)]).replace(PART1, part1)
    found = findings(text, only={6})
    assert codes(found, "error") == ["years.outside"] and found[0].text == "2571"


def test_template_alternative_left_in_is_a_warning():
    found = findings("ผ่านเกณฑ์ ITA (85 คะแนนขึ้นไป) ในปี พ.ศ. 2570 (กรณีที่ยังไม่ผ่านเกณฑ์ ITA)", only={1})
    assert codes(found, "warning") == ["leftover.alternative"]


def test_doubled_word_and_unpaired_bracket_are_warnings():
    found = findings("มีการวิเคราะห์และกำหนดกำหนดแนวทางในการป้องกัน", only={4})
    assert codes(found, "warning") == ["spelling.doubled-word"]
    assert codes(findings("ภาคประชาชนมีบทบาท (พิจารณาจากจำนวนข้อร้องเรียน", only={4}), "warning") == ["spelling.bracket"]
    for fine in ("1) เพื่อให้บุคลากรมีความรู้", "พระราชบัญญัติระเบียบบริหารราชการแผ่นดิน (ฉบับที่ 5) พ.ศ. 2545",
                 "2.1) กำหนดแนวทาง (ตามประกาศ)"):
        assert findings(fine, only={4}) == [], fine


def test_kind_differs_between_table_and_sheet():
    text = plan([sheet(1, budget="5,000 บาท", period="2566 - 2567").replace(": โครงการที่ 1", ": มาตรการที่ 1"),
                 sheet(2, period="2566 - 2567")], table=GOOD_TABLE)
    found = findings(text, only={6}, period=(2566, 2567))
    assert "consistency.kind" in codes(found, "warning")


def test_organisation_of_a_plain_text_is_inferred_for_any_type():
    from generator.check.run import check_document as run

    text = ("แผนปฏิบัติการป้องกันการทุจริต\n(พ.ศ. 2567 – 2570)\nของเทศบาลตำบลหนองบัว\nอำเภอเมือง จังหวัดขอนแก่น\n"
            "คำนำ\nเทศบาลตำบลหนองบัวได้จัดทำแผน โดยพนักงานส่วนตำบลทุกคนมีส่วนร่วม\n")
    result = run(text_document(text, "plan.txt"), only={2, 3})
    assert (result.org.kind.key, result.org.name, result.org.period) == ("tambon_municipality", "หนองบัว", (2567, 2570))
    assert (result.org.district, result.org.province) == ("เมือง", "ขอนแก่น")
    assert codes(result.findings, "error") == ["orgtype.staff"]


def test_thai_run_into_english_is_a_warning():
    found = findings("เผยแพร่ประกาศใช้NO Gift Policyให้แก่บุคคลภายใน", only={4})
    assert codes(found, "warning") == ["spelling.thai-latin-space", "spelling.thai-latin-space"]
    assert findings("มาตรการ NO Gift Policy ให้แก่บุคคลภายใน (E-Service)", only={4}) == []


def test_tokens_are_kept_for_the_next_check(tmp_path, monkeypatch):
    """A rebuild's check tokenizes only the text that changed: what a check tokenized is read back by the next
    process (words.load_tokenized), and newmm is not asked again."""
    import pythainlp.tokenize

    from generator.check import words

    monkeypatch.setattr(words, "_tokenized_file", lambda: tmp_path / "tokens.pickle")
    monkeypatch.delenv("PRONGSAI_CONVERT_CACHE", raising=False)
    monkeypatch.setattr(words, "_tokenized", {})
    monkeypatch.setattr(words, "_used", set())
    text = "องค์การบริหารส่วนตำบลบึงปรือประกาศเจตจำนงสุจริตในการบริหารงาน"
    tokens = words.tokenize(text)
    assert len(tokens) > 3
    words.keep_tokenized()
    monkeypatch.setattr(words, "_tokenized", {})
    monkeypatch.setattr(pythainlp.tokenize, "word_tokenize", lambda *a, **k: pytest.fail("tokenized again"))
    words.load_tokenized()
    assert words.tokenize(text) == tokens
    monkeypatch.setattr(words, "_tokenized", {})
    monkeypatch.setenv("PRONGSAI_CONVERT_CACHE", "0")  # every cache off: nothing is read
    words.load_tokenized()
    assert words._tokenized == {}
