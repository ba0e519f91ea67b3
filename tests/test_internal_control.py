"""Internal-control reports (ปค.๑, ปค.๔, ปค.๕, แบบติดตาม ปค.๕, ปค.๖), read back from the generated DOCX and PDF."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from generator import paths, validate
from generator.cli import main
from generator.render.internal_control import render_internal_control
from internal_control_fixture import PRINCIPLES, edit, write_org

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
FILE = "internal-control-2566.yaml"


def th(text: str) -> str:
    return text.translate(THAI)


def by_form(folder: Path) -> dict[str, Document]:
    """Form key (pk1, pk4, pk5, follow, pk6) → rendered DOCX."""
    rendered = render_internal_control(validate.load_valid(folder))
    keys = {"ปค1": "pk1", "ปค4": "pk4", "ปค5-ติดตาม": "follow", "ปค5": "pk5", "ปค6": "pk6"}
    out = {}
    for d in rendered:
        name = Path(d.path).name
        key = next(v for k, v in keys.items() if name.startswith(k + "-"))
        out[key] = Document(io.BytesIO(d.content))
    return out


def text_of(doc: Document) -> str:
    """Every paragraph of the body, tables included, one per line."""
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p")))


def paragraphs(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


@pytest.fixture
def org(tmp_path: Path) -> Path:
    return write_org(tmp_path / "tambon-test")


# --- ปค.๔ ---------------------------------------------------------------------------------------------------

def test_pk4_lists_the_five_components_and_all_17_principles_in_order(org):
    doc = by_form(org)["pk4"]
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    first_cells = [r[0] for r in rows[1:]]
    codes = [re.match(r"^([๐-๙]\.[๐-๙])\s", c).group(1) for c in first_cells if re.match(r"^[๐-๙]\.[๐-๙]\s", c)]
    assert codes == [th(c) for c in PRINCIPLES]
    components = [c for c in first_cells if re.match(r"^[๐-๙]\. ", c)]
    assert components == ["๑. สภาพแวดล้อมการควบคุม", "๒. การประเมินความเสี่ยง", "๓. กิจกรรมการควบคุม",
                          "๔. สารสนเทศและการสื่อสาร", "๕. กิจกรรมการติดตามผล"]
    for code in PRINCIPLES:  # each principle's own assessment sits beside it
        row = next(r for r in rows if r[0].startswith(th(code) + "\t") or r[0].startswith(th(code) + " "))
        assert row[1] == th(f"ผลการประเมินหลักการข้อ {code}")
    assert rows[0] == ["องค์ประกอบของการควบคุมภายใน", "ผลการประเมิน/ข้อสรุป"]
    body = paragraphs(doc)
    assert "ณ วันที่ ๓๐ เดือน กันยายน พ.ศ. ๒๕๖๖" in body
    assert body.index("ผลการประเมินโดยรวม") < body.index("ผลการประเมินโดยรวมขององค์การบริหารส่วนตำบลทดสอบ")
    assert "(นายหัวหน้า ทดสอบ)" in body and "ตำแหน่ง นายกองค์การบริหารส่วนตำบลทดสอบ" in body


# --- ปค.๑: addressee, conclusion, อนึ่ง -----------------------------------------------------------------------

@pytest.mark.parametrize(("org_type", "addressee", "head"), [
    ("อบต.", "นายอำเภอเมืองทดสอบ", "นายกองค์การบริหารส่วนตำบลทดสอบ"),
    ("เทศบาลตำบล", "นายอำเภอเมืองทดสอบ", "นายกเทศมนตรีตำบลทดสอบ"),
    ("เทศบาลเมือง", "ผู้ว่าราชการจังหวัดนครราชสีมา", "นายกเทศมนตรีเมืองทดสอบ"),
    ("เทศบาลนคร", "ผู้ว่าราชการจังหวัดนครราชสีมา", "นายกเทศมนตรีนครทดสอบ"),
])
def test_pk1_is_addressed_by_organisation_type_and_signed_by_the_head(tmp_path, org_type, addressee, head):
    doc = by_form(write_org(tmp_path / "org", org_type=org_type))["pk1"]
    body = paragraphs(doc)
    assert body[0] == "แบบ ปค. ๑"
    assert f"เรียน  {addressee}" in body
    assert "(นายหัวหน้า ทดสอบ)" in body and f"ตำแหน่ง {head}" in body
    assert "วันที่ ๑๕ เดือน ธันวาคม พ.ศ. ๒๕๖๖" in body
    first = next(p for p in body if "ได้ประเมินผลการควบคุมภายใน" in p)
    assert "สำหรับปีสิ้นสุดวันที่ ๓๐ เดือน กันยายน พ.ศ. ๒๕๖๖" in first
    for objective in ("ด้านการดำเนินงาน", "ด้านการรายงาน", "ด้านการปฏิบัติตามกฎหมาย"):
        assert objective in first


def test_pk1_adequate_with_remaining_risks_lists_them_from_pk5(org):
    body = paragraphs(by_form(org)["pk1"])
    assert any("มีความเพียงพอ ปฏิบัติตามอย่างต่อเนื่อง" in p for p in body)
    start = next(i for i, p in enumerate(body) if p.startswith("อนึ่ง"))
    lists = body[start + 1:start + 7]
    assert lists == [
        "๑. ความเสี่ยงที่มีอยู่ที่ต้องกำหนดปรับปรุงการควบคุมภายใน",
        "๑.๑\tภารกิจที่ ๑ – ความเสี่ยงที่ยังมีอยู่ของภารกิจที่ ๑",
        "๑.๒\tภารกิจที่ ๒ – ความเสี่ยงที่ยังมีอยู่ของภารกิจที่ ๒",
        "๒. การปรับปรุงการควบคุมภายใน",
        "๒.๑\tภารกิจที่ ๑ – การปรับปรุงของภารกิจที่ ๑",
        "๒.๒\tภารกิจที่ ๒ – การปรับปรุงของภารกิจที่ ๒",
    ]


def test_pk1_without_remaining_risks_has_no_anueng_paragraph(org):
    path = org / FILE
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"          remaining_risk: .*\n          improvement: .*\n", "", text)
    path.write_text(text, encoding="utf-8")
    body = paragraphs(by_form(org)["pk1"])
    assert not any(p.startswith("อนึ่ง") for p in body)
    assert not any("ความเสี่ยงที่มีอยู่ที่ต้องกำหนดปรับปรุง" in p for p in body)


def test_not_adequate_conclusion_prints_its_reasons_and_the_anueng_lists(org):
    edit(org / FILE, "conclusion: adequate", "conclusion: not_adequate\n"
                                             "conclusion_reasons: การควบคุมการรับเงินยังไม่เพียงพอ")
    edit(org / FILE, "review:\n", "review:\n  conclusion: adequate\n")
    forms = by_form(org)
    body = paragraphs(forms["pk1"])
    conclusion = next(p for p in body if p.startswith("จากผลการประเมินดังกล่าว"))
    assert "ยังไม่มีความเพียงพอ" in conclusion and "เนื่องจากการควบคุมการรับเงินยังไม่เพียงพอ" in conclusion
    assert "ปฏิบัติตามอย่างต่อเนื่อง" not in conclusion
    anueng = next(i for i, p in enumerate(body) if p.startswith("อนึ่ง"))
    assert body[anueng + 1] == "๑. ความเสี่ยงที่มีอยู่ที่ต้องกำหนดปรับปรุงการควบคุมภายใน"
    assert "๒. การปรับปรุงการควบคุมภายใน" in body[anueng:]
    # the auditor may still find the control adequate: ปค.๖ follows its own conclusion
    assert any("มีความเพียงพอ" in p and "ยังไม่" not in p for p in paragraphs(forms["pk6"]))


def test_given_lists_replace_the_ones_derived_from_pk5(org):
    edit(org / FILE, "conclusion: adequate\n", "conclusion: adequate\ncertification:\n"
                                               "  addressee: นายอำเภอผู้รับแทน\n"
                                               "  risks: [ความเสี่ยงที่เขียนเอง]\n"
                                               "  improvements: [การปรับปรุงที่เขียนเอง, ข้อสอง]\n")
    body = paragraphs(by_form(org)["pk1"])
    assert "เรียน  นายอำเภอผู้รับแทน" in body
    assert "๑.๑\tความเสี่ยงที่เขียนเอง" in body and "๒.๒\tข้อสอง" in body
    assert not any("ภารกิจที่ ๑ –" in p for p in body)


# --- ปค.๕, follow-up, ปค.๖ ----------------------------------------------------------------------------------

def test_pk5_is_landscape_with_a_repeating_header_row_and_rows_grouped_by_mission(org):
    doc = by_form(org)["pk5"]
    section = doc.sections[-1]
    assert section.orientation == 1 and section.page_width > section.page_height  # WD_ORIENT.LANDSCAPE
    table = doc.tables[0]
    first = table.rows[0]._tr
    assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert [c.text for c in table.rows[0].cells][:2] == [
        "ภารกิจตามกฎหมายที่จัดตั้งหน่วยงานของรัฐหรือภารกิจตามแผนการดำเนินการหรือภารกิจอื่น ๆ ที่สำคัญของหน่วยงานของรัฐ/วัตถุประสงค์",
        "ความเสี่ยง"]
    assert len(table.rows[0].cells) == 8
    body_rows = table.rows[1:]
    assert len(body_rows) == 4
    merges = [r._tr.findall(f"{qn('w:tc')}")[0].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}").get(qn("w:val"))
              for r in body_rows]
    assert merges == ["restart", "continue", "restart", "continue"]
    row = [c.text for c in body_rows[0].cells]
    assert row[0] == "๑. ภารกิจที่ ๑\nวัตถุประสงค์ : วัตถุประสงค์ของภารกิจที่ ๑"
    assert row[2] == "๑.\tการควบคุมที่มีอยู่ข้อแรก\n๒.\tการควบคุมที่มีอยู่ข้อสอง"
    assert row[6] == "กองคลัง\nกำหนดเสร็จ ๓๐ ก.ย. ๒๕๖๗"
    second = [c.text for c in body_rows[1].cells]
    assert second[4] == "-" and second[5] == "-" and second[6] == "กองช่าง และกองคลัง"
    assert "สำหรับระยะเวลาดำเนินงานสิ้นสุด ณ วันที่ ๓๐ เดือน กันยายน พ.ศ. ๒๕๖๖" in paragraphs(doc)


def test_follow_up_columns_follow_the_chosen_set(org):
    doc = by_form(org)["follow"]
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header == ["ที่", "ภารกิจ/วัตถุประสงค์", "การควบคุมภายในที่มีอยู่", "ความเสี่ยงที่ยังมีอยู่",
                      "การปรับปรุงการควบคุมภายใน", "หน่วยงานที่รับผิดชอบ/กำหนดเสร็จ", "สถานะการดำเนินการ",
                      "วิธีการติดตามและสรุปผลการประเมิน/ข้อคิดเห็น"]
    assert doc.tables[0].rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    row = [c.text for c in doc.tables[0].rows[1].cells]
    assert row[0] == "๑" and row[6] == "อยู่ระหว่างดำเนินการ (ร้อยละ ๖๐)"
    assert "(แผนการปรับปรุงการควบคุมภายใน ปีงบประมาณ พ.ศ. ๒๕๖๕)" in paragraphs(doc)

    edit(org / FILE, "follow_up:\n", "follow_up:\n  columns: b\n")
    edit(org / FILE, "      monitoring: ติดตามแล้ว\n", "      problems: ไม่มี\n")
    header = [c.text for c in by_form(org)["follow"].tables[0].rows[0].cells]
    assert header == ["ที่", "ภารกิจ/วัตถุประสงค์", "ความเสี่ยงที่ยังมีอยู่", "การปรับปรุงการควบคุมภายใน",
                      "หน่วยงานที่รับผิดชอบ/กำหนดเสร็จ", "สถานะการดำเนินการ", "ปัญหาอุปสรรคและแนวทางแก้ไข"]


def test_no_follow_up_form_without_follow_up_data(org):
    path = org / FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"follow_up:\n(  .*\n)+", "", text), encoding="utf-8")
    assert set(by_form(org)) == {"pk1", "pk4", "pk5", "pk6"}


def test_pk6_is_the_auditors_review_addressed_to_the_head(org):
    body = paragraphs(by_form(org)["pk6"])
    assert body[0] == "แบบ ปค. ๖"
    assert "รายงานการสอบทานการประเมินผลการควบคุมภายในของผู้ตรวจสอบภายใน" in body
    assert "เรียน  นายกองค์การบริหารส่วนตำบลทดสอบ" in body
    assert "(นางสาวผู้ตรวจ สอบทาน)" in body and "ตำแหน่ง นักวิชาการตรวจสอบภายในชำนาญการ" in body
    assert "วันที่ ๘ เดือน ธันวาคม พ.ศ. ๒๕๖๖" in body
    assert "๑. ข้อตรวจพบและข้อสังเกต" in body and "๑.๑\tข้อสังเกตของผู้ตรวจสอบภายใน" in body
    assert "๒. ข้อเสนอแนะ" in body and "๒.๑\tข้อเสนอแนะของผู้ตรวจสอบภายใน" in body


def test_pk6_numbers_the_lists_it_has(org):
    edit(org / FILE, "  observations: [ข้อสังเกตของผู้ตรวจสอบภายใน]\n", "")
    body = paragraphs(by_form(org)["pk6"])
    assert "๑. ข้อเสนอแนะ" in body and "๑.๑\tข้อเสนอแนะของผู้ตรวจสอบภายใน" in body


def test_arabic_digits_when_the_organisation_says_so(tmp_path):
    forms = by_form(write_org(tmp_path / "org", digits="arabic"))
    assert "ณ วันที่ 30 เดือน กันยายน พ.ศ. 2566" in paragraphs(forms["pk4"])
    assert not re.search("[๐-๙]", text_of(forms["pk5"]))


def test_unsigned_date_leaves_a_line_to_fill_by_hand(org):
    edit(org / FILE, "date: 2566-12-15\n", "")
    body = paragraphs(by_form(org)["pk1"])
    assert "วันที่ .......... เดือน ........................ พ.ศ. .........." in body


def test_templates_carry_no_word_of_an_organisation_type():
    words = ["องค์การบริหารส่วน", "เทศบาล", "นายก", "นายอำเภอ", "ผู้ว่าราชการ", "ปลัด", "อบต", "พนักงานส่วน"]
    for template in sorted((paths.TEMPLATES_DIR / "internal-control").glob("*.docx")):
        text = text_of(Document(template))
        assert not [w for w in words if w in text], template.name


# --- the build: files, PDF layout, the deadline ------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One real build (LibreOffice) of an organisation whose ปค.๕ runs over several pages."""
    root = tmp_path_factory.mktemp("ic-build")
    folder = write_org(root / "tambon-long", missions=5, long_rows=True)
    out = root / "out"
    code = main(["build", str(folder), "--output", str(out)])
    assert code == 0
    return out / "tambon-long" / "2566" / "internal-control" / "2566"


def normalised(text: str) -> str:
    """PDF text without line breaks, with sara am as one character (text extraction splits it)."""
    return re.sub(r"\s+", "", text).replace("ำา", "ำ").replace("ํา", "ำ")


def test_build_writes_every_form_as_docx_and_pdf(built):
    names = sorted(p.name for p in built.iterdir())
    stems = ["ปค1-หนังสือรับรองการประเมินผลการควบคุมภายใน", "ปค4-รายงานการประเมินองค์ประกอบของการควบคุมภายใน",
             "ปค5-ติดตาม-รายงานการติดตามการปฏิบัติตามแผนการปรับปรุงการควบคุมภายใน",
             "ปค5-รายงานการประเมินผลการควบคุมภายใน",
             "ปค6-รายงานการสอบทานการประเมินผลการควบคุมภายในของผู้ตรวจสอบภายใน"]
    assert names == sorted([f"{s}.docx" for s in stems] + [f"{s}.pdf" for s in stems])


def test_pk5_pdf_is_landscape_and_repeats_its_header_on_every_page(built):
    reader = PdfReader(built / "ปค5-รายงานการประเมินผลการควบคุมภายใน.pdf")
    assert len(reader.pages) >= 2, "the fixture must make ปค.๕ run over several pages"
    for n, page in enumerate(reader.pages, start=1):
        assert page.mediabox.width > page.mediabox.height, f"page {n} is not landscape"
        text = normalised(page.extract_text())
        if n < len(reader.pages) or "ภารกิจที่" in text:
            for heading in ("การปรับปรุงการควบคุมภายใน", "หน่วยงานที่รับผิดชอบ/กำหนดเสร็จ", "หมายเหตุ"):
                assert heading in text, f"header '{heading}' missing on page {n}"
    assert "(นายหัวหน้าทดสอบ)" in normalised(reader.pages[-1].extract_text())  # the signature ends the form


def test_page_numbers_from_page_two(built):
    reader = PdfReader(built / "ปค5-รายงานการประเมินผลการควบคุมภายใน.pdf")
    first, second = (normalised(p.extract_text()) for p in reader.pages[:2])
    assert not re.match(r"^-[0-9๐-๙]+-", first)
    assert re.match(r"^-[2๒]-", second), second[:20]


def test_portrait_forms_are_portrait(built):
    for stem in ("ปค1-", "ปค4-", "ปค6-"):
        pdf = next(built.glob(f"{stem}*.pdf"))
        page = PdfReader(pdf).pages[0]
        assert page.mediabox.height > page.mediabox.width, pdf.name


def test_build_summary_prints_the_submission_deadline(tmp_path, capsys):
    folder = write_org(tmp_path / "org")
    code = main(["build", str(folder), "--output", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0
    assert "ต้องเสนอภายใน 29 ธันวาคม พ.ศ. 2566" in out and "due by 2023-12-29" in out


def test_a_report_dated_after_the_deadline_is_built_with_a_warning(tmp_path, capsys):
    folder = write_org(tmp_path / "org")
    edit(folder / FILE, "date: 2566-12-15", "date: 2567-01-10")
    code = main(["build", str(folder), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 0
    assert "คำเตือน / warning" in err and "เกินกำหนด 29 ธันวาคม พ.ศ. 2566" in err


@pytest.mark.parametrize("written", ["2566-12-15", "2023-12-15", "15/12/2566", "'๑๕/๑๒/๒๕๖๖'"])
def test_dates_in_either_era(org, written):
    edit(org / FILE, "date: 2566-12-15", f"date: {written}")
    assert "วันที่ ๑๕ เดือน ธันวาคม พ.ศ. ๒๕๖๖" in paragraphs(by_form(org)["pk1"])


def test_example_reports_for_fiscal_year_2566(tmp_path, capsys):
    example = paths.EXAMPLES_DIR / "bueng-prue"
    if not (example / "organisation.yaml").exists():
        pytest.skip("the built-in example is not on this branch yet")
    folder = tmp_path / "bueng-prue"
    shutil.copytree(example, folder)
    forms = by_form(folder)
    pk1 = paragraphs(forms["pk1"])
    assert "เรียน  นายอำเภอเทพารักษ์" in pk1
    assert any("สำหรับปีสิ้นสุดวันที่ ๓๐ เดือน กันยายน พ.ศ. ๒๕๖๖" in p for p in pk1)
    assert "ตำแหน่ง นายกองค์การบริหารส่วนตำบลบึงปรือ" in pk1
    assert any(p.startswith("อนึ่ง") for p in pk1)
    assert "องค์การบริหารส่วนตำบลบึงปรือ" in paragraphs(forms["pk4"])
    pk5 = forms["pk5"].tables[0]
    assert [c.text for c in pk5.rows[1].cells][0].startswith("๑. การจัดซื้อจัดจ้าง")
    assert "ปค6-" in " ".join(p.name for p in [Path(d.path) for d in render_internal_control(validate.load_valid(folder))])


# --- bad input ----------------------------------------------------------------------------------------------

def run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


BAD = [
    ("missing conclusion", "conclusion: adequate\n", "", "conclusion", "ต้องกรอกข้อมูลช่องนี้", "this field is required"),
    ("mistyped conclusion", "conclusion: adequate", "conclusion: good", "conclusion", "ต้องเป็นหนึ่งใน", "must be one of"),
    ("misspelt field", "conclusion: adequate", "conclusoin: adequate", "conclusoin", "หมายถึง 'conclusion' หรือไม่",
     "did you mean 'conclusion'"),
    ("year typed as text", "year: 2566", "year: ปี 2566", "year", "ต้องเป็นตัวเลขจำนวนเต็ม", "must be a whole number"),
    ("year not the file's", "year: 2566", "year: 2567", "year", "ไม่ตรงกับชื่อไฟล์", "does not match the file name"),
    ("missing principle", "    5.2: ผลการประเมินหลักการข้อ 5.2\n", "", "components.principles",
     "ขาดผลการประเมินหลักการข้อ 5.2", "missing the assessment of principle(s) 5.2"),
    ("unknown principle", "    5.2: ผลการประเมินหลักการข้อ 5.2\n", "    5.2: ผล\n    5.3: ผล\n", "components.principles.5.3",
     "ไม่มีหลักการข้อ 5.3", "there is no principle 5.3"),
    ("unknown unit", "          responsible: finance\n", "          responsible: treasury\n",
     "evaluation.missions[1].risks[1].responsible", "ไม่มีหน่วยงาน 'treasury'", "unknown unit 'treasury'"),
    ("unknown person", "  - {person: permanent-secretary, role: ประธานกรรมการ}",
     "  - {person: chairman, role: ประธานกรรมการ}", "committee[1].person", "ไม่มีบุคคล 'chairman'", "unknown person"),
    ("signing date inside the year assessed", "  date: 2566-12-08", "  date: 2566-09-01", "review.date",
     "ต้องอยู่ในปีถัดจากปีงบประมาณที่ประเมิน", "must fall in the year after the fiscal year assessed"),
    ("due date before the year ends", "          due: 2567-09-30", "          due: 2566-09-30",
     "evaluation.missions[1].risks[1].due", "ต้องอยู่หลังสิ้นปีงบประมาณ 2566", "must come after the end of fiscal year"),
    ("impossible date", "date: 2566-12-15", "date: 2566-13-45", "date", "ไม่มีวันที่นี้ในปฏิทิน", "no such day"),
    ("not a date", "date: 2566-12-15", "date: สิบห้า ธันวาคม", "date", "ต้องเป็นวันที่", "must be a date"),
    ("not adequate without reasons", "conclusion: adequate", "conclusion: not_adequate", "conclusion_reasons",
     "ต้องระบุเหตุผล", "needs its reasons"),
    ("improvement without due date", "          due: 2567-09-30\n", "",
     "evaluation.missions[1].risks[1].due", "ต้องระบุกำหนดเสร็จ", "needs its due date"),
    ("follow-up column without data", "      monitoring: ติดตามแล้ว\n", "", "follow_up.items[1].monitoring",
     "ต้องกรอก monitoring", "monitoring is required by the column"),
    ("unknown follow-up status", "      status: in_progress", "      status: ongoing", "follow_up.items[1].status",
     "สถานะต้องเป็นหนึ่งใน", "status must be one of"),
    ("anueng list without its pair", "conclusion: adequate\n",
     "conclusion: adequate\ncertification:\n  risks: [ความเสี่ยง]\n", "certification.improvements",
     "ระบุ certification.risks และ certification.improvements คู่กัน", "give certification.risks and"),
    ("signer neither person nor name", "review:\n", "review:\n  signer: {position: ผู้ตรวจสอบ}\n", "review.signer",
     "ระบุ person", "give either person"),
]


@pytest.mark.parametrize(("case", "old", "new", "field", "thai", "english"), BAD, ids=[c[0] for c in BAD])
def test_bad_internal_control_data_is_located_and_exits_2(org, tmp_path, capsys, case, old, new, field, thai, english):
    edit(org / FILE, old, new)
    code, out = run(capsys, "validate", str(org))
    assert code == 2, out
    line = next((ln for ln in out.splitlines() if thai in ln), "")
    assert FILE in line and f"· {field}:" in line, out
    assert line.index(thai) < line.index(english), line
    code, out = run(capsys, "build", str(org), "--output", str(tmp_path / "out"))
    assert code == 2
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.docx"))


def test_every_cross_check_problem_of_the_file_is_listed_at_once(org, capsys):
    edit(org / FILE, "    5.2: ผลการประเมินหลักการข้อ 5.2\n", "")
    edit(org / FILE, "          responsible: finance\n", "          responsible: treasury\n")
    edit(org / FILE, "  date: 2566-12-08", "  date: 2565-12-08")
    code, out = run(capsys, "validate", str(org))
    assert code == 2
    assert "ขาดผลการประเมินหลักการข้อ 5.2" in out and "'treasury'" in out and "review.date" in out
