"""The appendix announcements and orders, read back from the generated DOCX and PDF, for two organisation types.

Fixtures: an invented อบต. (tests/fixtures/appendix/sao, with an emblem image made here: a grey rectangle) and an
invented เทศบาลตำบล (…/tambon, no emblem, so the marked frame and the warning). The อบต. is built with the
pipeline, the เทศบาล with the CLI and --undated; both run the real LibreOffice once.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from appendix_support import (
    copy_fixture, grey_png, grey_rows, paragraphs, pdf_images, pdf_page_texts, signature_block, text,
)
from generator import appendix as ax
from generator import catalog, pages, paths, pipeline, validate
from generator.cli import main
from generator.model.appendix import Announcements, Orders
from generator.render.appendix import render_appendix

SAO_FILES = [
    "01-ประกาศมาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม",
    "02-ประกาศเจตจำนงสุจริตในการบริหารงาน",
    "03-คำสั่งแต่งตั้งคณะทำงานจัดทำแผนปฏิบัติการป้องกันการทุจริต ที่ 87-2565",
    "04-ประกาศนโยบายงดรับงดให้ของขวัญ (No Gift Policy)",
    "05-ประกาศมาตรการป้องกันผลประโยชน์ทับซ้อน",
    "06-คำสั่งมอบหมายหน้าที่และมอบอำนาจ ที่ 201-2565",
    "07-คำสั่งมอบหมายหน้าที่และมอบอำนาจ ที่ 202-2565",
    "08-คำสั่งมอบหมายหน้าที่และมอบอำนาจ ที่ 203-2565",
    "09-คำสั่งมอบหมายหน้าที่และมอบอำนาจ ที่ 204-2565",
    "10-ประกาศมาตรการจัดการเรื่องร้องเรียนและแจ้งเบาะแสการทุจริต",
]
SAO = {"org": "องค์การบริหารส่วนตำบลหนองทดลอง", "head": "นายกองค์การบริหารส่วนตำบลหนองทดลอง",
       "secretary": "ปลัดองค์การบริหารส่วนตำบลหนองทดลอง", "head_name": "นายสมมติ ตั้งใจดี"}
TAMBON = {"org": "เทศบาลตำบลท่าทดสอบ", "head": "นายกเทศมนตรีตำบลท่าทดสอบ",
          "secretary": "ปลัดเทศบาลตำบลท่าทดสอบ", "head_name": "นายทดสอบ บริหารดี"}
BLANK_DATE = "ณ วันที่ ...... เดือน .................. พ.ศ. ........"
EMU_PER_CM = 360_000
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}wsp"


@pytest.fixture(scope="module")
def sao_build(tmp_path_factory):
    """The อบต. with its own (stand-in) emblem image, built by the pipeline: DOCX and PDF."""
    root = tmp_path_factory.mktemp("sao")
    folder = copy_fixture("sao", root)
    grey_png(folder / "assets" / "emblem.png")
    with (folder / "appendix.yaml").open("a", encoding="utf-8") as f:
        f.write("emblem: assets/emblem.png\n")
    result = pipeline.build(folder, root / "output")
    return result


@pytest.fixture(scope="module")
def tambon_cli(tmp_path_factory):
    """The เทศบาลตำบล without an emblem, built with the CLI and --undated; (exit code, printed text, edition dir)."""
    root = tmp_path_factory.mktemp("tambon")
    folder = copy_fixture("tambon", root)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["build", str(folder), "--output", str(root / "output"), "--undated"])
    return code, out.getvalue() + err.getvalue(), root / "output" / "tambon" / "2567"


@pytest.fixture(scope="module")
def tambon_dated(tmp_path_factory) -> dict[str, Document]:
    """The เทศบาลตำบล's appendix rendered in memory, dated: file name → python-docx Document."""
    folder = copy_fixture("tambon", tmp_path_factory.mktemp("tambon-dated"))
    docs = render_appendix(validate.load_valid(folder))
    return {Path(d.path).stem: Document(io.BytesIO(d.content)) for d in docs}


def sao_docx(build, stem: str) -> Path:
    return build.out_dir / "appendix" / f"{stem}.docx"


def by_prefix(folder: Path, prefix: str, suffix: str = ".docx") -> Path:
    return next(p for p in (folder / "appendix").iterdir() if p.name.startswith(prefix) and p.suffix == suffix)


# --- every document, in filing order --------------------------------------------------------------------------

def test_every_document_exists_in_filing_order(sao_build, tambon_cli):
    folder = sao_build.out_dir / "appendix"
    assert sorted(p.stem for p in folder.glob("*.docx")) == SAO_FILES
    assert sorted(p.stem for p in folder.glob("*.pdf")) == SAO_FILES
    code, printed, tambon = tambon_cli
    assert code == 0, printed
    assert len(list((tambon / "appendix").glob("*.docx"))) == 9
    assert len(list((tambon / "appendix").glob("*.pdf"))) == 9


def test_build_summary_lists_each_document(sao_build, tambon_cli):
    titles = [d.title for d in sao_build.documents if d.group == "appendix"]
    assert len(titles) == 10
    assert "คำสั่งแต่งตั้งคณะทำงานจัดทำแผนปฏิบัติการป้องกันการทุจริต ที่ ๘๗/๒๕๖๕" in titles
    _, printed, _ = tambon_cli
    for line in ("ประกาศเจตจำนงสุจริตในการบริหารงาน  →  appendix/02-ประกาศเจตจำนงสุจริตในการบริหารงาน.docx",
                 "คำสั่งมอบหมายหน้าที่และมอบอำนาจ ที่ ๓๐๒/๒๕๖๖  →  appendix/07-คำสั่งมอบหมายหน้าที่และมอบอำนาจ ที่ 302-2566.docx"):
        assert line in printed


def test_catalog_documents_match_the_model_and_templates():
    documents = catalog.appendix().documents
    assert set(documents) == set(Announcements.model_fields) | set(Orders.model_fields)
    assert set(ax.ANNOUNCEMENT_KEYS) == set(Announcements.model_fields)
    for entry in documents.values():
        assert (paths.TEMPLATES_DIR / entry.template).is_file()


# --- headings by organisation type ----------------------------------------------------------------------------

def heading(source) -> list[str]:
    lines = [t for t in paragraphs(source) if t]
    return lines[1:4]  # lines[0] is the emblem frame's word (or nothing when an image is used)


def test_headings_name_the_organisation_with_its_own_type(sao_build, tambon_dated):
    integrity = sao_docx(sao_build, SAO_FILES[1])
    assert [t for t in paragraphs(integrity) if t][:2] == [f"ประกาศ{SAO['org']}", "เรื่อง เจตจำนงสุจริตในการบริหารงาน"]
    order = sao_docx(sao_build, SAO_FILES[5])
    assert [t for t in paragraphs(order) if t][:2] == [f"คำสั่ง{SAO['org']}", "ที่ ๒๐๑/๒๕๖๕"]
    assert [t for t in paragraphs(tambon_dated["02-ประกาศเจตจำนงสุจริตในการบริหารงาน"]) if t][1] == f"ประกาศ{TAMBON['org']}"
    subject = [t for t in paragraphs(tambon_dated["07-คำสั่งมอบหมายหน้าที่และมอบอำนาจ ที่ 302-2566"]) if t][3]
    assert subject == (f"เรื่อง มอบหมายหน้าที่และมอบอำนาจให้{TAMBON['secretary']} และหัวหน้าส่วนราชการ "
                       f"ปฏิบัติราชการแทน{TAMBON['head']}")


def test_no_word_of_another_organisation_type(sao_build, tambon_dated):
    for path in (sao_build.out_dir / "appendix").glob("*.docx"):
        body = text(path)
        for word in ("เทศบาล", "นายกเทศมนตรี", "เทศบัญญัติ"):
            assert word not in body, (path.name, word)
    for name, doc in tambon_dated.items():
        body = text(doc).replace("ถนนเทศบาล", "")
        for word in ("องค์การบริหารส่วนตำบล", "พนักงานส่วนตำบล", "สภาตำบล", "นายก อบต."):
            assert word not in body, (name, word)
        assert "เทศบาลตำบลท่าทดสอบ" in body


def test_legal_basis_follows_the_organisation_type(sao_build, tambon_dated):
    sao_order = text(sao_docx(sao_build, SAO_FILES[5]))
    assert "อาศัยอำนาจตามความในมาตรา ๖๐ แห่งพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล" in sao_order
    tambon_order = text(tambon_dated["06-คำสั่งมอบหมายหน้าที่และมอบอำนาจ ที่ 301-2566"])
    assert "อาศัยอำนาจตามความในมาตรา ๔๘ วีสติ แห่งพระราชบัญญัติเทศบาล พ.ศ. ๒๔๙๖" in tambon_order
    clerk_order = text(tambon_dated["08-คำสั่งมอบหมายหน้าที่และมอบอำนาจ ที่ 303-2566"])
    assert "ประกาศคณะกรรมการพนักงานเทศบาลจังหวัดขอนแก่น" in clerk_order


# --- numbers and dates ----------------------------------------------------------------------------------------

def test_order_numbers_and_dates_as_given_in_thai_digits(sao_build, tambon_dated):
    working_group = text(sao_docx(sao_build, SAO_FILES[2]))
    assert "ที่ ๘๗/๒๕๖๕" in working_group
    assert "สั่ง ณ วันที่ ๑๕ มีนาคม พ.ศ. ๒๕๖๕" in working_group  # its own date
    assert "ประกาศ ณ วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๕" in text(sao_docx(sao_build, SAO_FILES[1]))  # 1 Oct before FY 2566
    assert "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป" in text(sao_docx(sao_build, SAO_FILES[8]))
    ethics = text(tambon_dated["01-ประกาศมาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม"])
    assert "ประกาศ ณ วันที่ ๕ ตุลาคม พ.ศ. ๒๕๖๖" in ethics  # the document's own date
    assert "ประกาศ ณ วันที่ ๒ ตุลาคม พ.ศ. ๒๕๖๖" in text(tambon_dated["05-ประกาศมาตรการป้องกันผลประโยชน์ทับซ้อน"])
    tambon_group = text(tambon_dated["03-คำสั่งแต่งตั้งคณะทำงานจัดทำแผนปฏิบัติการป้องกันการทุจริต ที่ 15-2566"])
    assert "ที่ ๑๕/๒๕๖๖" in tambon_group and "สั่ง ณ วันที่ ๑ สิงหาคม พ.ศ. ๒๕๖๖" in tambon_group  # plan issued 8/2566
    assert "(พ.ศ. ๒๕๖๗ – ๒๕๖๙)" in tambon_group
    effective = text(tambon_dated["06-คำสั่งมอบหมายหน้าที่และมอบอำนาจ ที่ 301-2566"])
    assert "ทั้งนี้ ตั้งแต่วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๖ เป็นต้นไป" in effective


def test_thresholds_and_channels_come_from_data_and_defaults(sao_build, tambon_dated):
    sao_gift = text(sao_docx(sao_build, SAO_FILES[3]))
    assert "ไม่เกิน ๓,๐๐๐ บาท (สามพันบาทถ้วน)" in sao_gift and "ภายใน ๓๐ วัน" in sao_gift
    tambon_gift = text(tambon_dated["04-ประกาศนโยบายงดรับงดให้ของขวัญ (No Gift Policy)"])
    assert "ไม่เกิน ๒,๕๐๐ บาท (สองพันห้าร้อยบาทถ้วน)" in tambon_gift and "ภายใน ๒๐ วัน" in tambon_gift
    complaints = paragraphs(sao_docx(sao_build, SAO_FILES[9]))
    assert "๒.๓ ทางโทรศัพท์ หมายเลข ๐ ๔๔๐๐ ๐๐๐๐ ในวันและเวลาราชการ" in complaints
    assert any("https://www.nongtodlong.go.th" in t for t in complaints)  # web addresses keep their digits/letters
    assert any("ภายใน ๑๕ วัน" in t for t in complaints)
    assert any("ภายใน ๑๐ วัน" in t for t in paragraphs(tambon_dated["09-ประกาศมาตรการจัดการเรื่องร้องเรียนและแจ้งเบาะแสการทุจริต"]))


def test_no_arabic_digits_outside_web_and_mail_addresses(sao_build):
    for path in (sao_build.out_dir / "appendix").glob("*.docx"):
        body = re.sub(r"https?://\S+|[\w.+-]+@[\w.-]+", "", text(path))
        assert not re.search(r"[0-9]", body), path.name


def test_delegated_powers_are_numbered_under_each_delegate(sao_build):
    lines = paragraphs(sao_docx(sao_build, SAO_FILES[5]))
    i = lines.index("๑. นายสมหมาย ใจซื่อ ตำแหน่ง รองนายกองค์การบริหารส่วนตำบลหนองทดลอง ให้มีอำนาจหน้าที่ ดังนี้")
    assert lines[i + 1:i + 5] == [
        "๑.๑ กำกับดูแลกองช่าง",
        "๑.๒ สั่ง อนุญาต อนุมัติ เกี่ยวกับราชการของกองช่าง ได้แก่",
        "๑.๒.๑ การขออนุญาตก่อสร้างอาคาร",
        "๑.๒.๒ การขุดดินและถมดิน",
    ]
    assert lines[i + 5] == "๒. นางสาวสมใจ รักงาน ตำแหน่ง รองนายกองค์การบริหารส่วนตำบลหนองทดลอง ให้มีอำนาจหน้าที่ ดังนี้"


def test_working_group_members_with_positions_and_roles(sao_build):
    doc = Document(str(sao_docx(sao_build, SAO_FILES[2])))
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["๑. นายสมมติ ตั้งใจดี", SAO["head"], "ประธานคณะทำงาน"]
    assert rows[4] == ["๕. นางสมพร ตรงเวลา", "หัวหน้าสำนักปลัด", "คณะทำงานและเลขานุการ"]
    assert rows[5] == ["๖. นางสาวสมฤดี วางแผน", "นักวิเคราะห์นโยบายและแผน", "ผู้ช่วยเลขานุการ"]


# --- signature block ------------------------------------------------------------------------------------------

def test_signature_block_has_name_and_position(sao_build, tambon_dated):
    assert signature_block(sao_docx(sao_build, SAO_FILES[1])) == [f"({SAO['head_name']})", SAO["head"]]
    assert signature_block(tambon_dated["02-ประกาศเจตจำนงสุจริตในการบริหารงาน"]) == [
        f"({TAMBON['head_name']})", TAMBON["head"]]
    assert signature_block(sao_docx(sao_build, SAO_FILES[7])) == ["(นางสมศรี มั่นคง)", SAO["secretary"]]


def test_acting_and_delegated_signing_lines(sao_build, tambon_dated):
    assert signature_block(sao_docx(sao_build, SAO_FILES[8])) == [
        "(นายสมศักดิ์ ขยันยิ่ง)", "รองปลัดองค์การบริหารส่วนตำบลหนองทดลอง รักษาราชการแทน", SAO["secretary"]]
    assert signature_block(tambon_dated["07-คำสั่งมอบหมายหน้าที่และมอบอำนาจ ที่ 302-2566"]) == [
        "(นายปลัด ทำงานดี)", f"{TAMBON['secretary']} ปฏิบัติราชการแทน", TAMBON["head"]]


def test_signature_block_sits_in_the_right_half(sao_build):
    doc = Document(str(sao_docx(sao_build, SAO_FILES[1])))
    name = next(p for p in doc.paragraphs if p.text == f"({SAO['head_name']})")
    fmt = name.style.paragraph_format
    assert fmt.left_indent.cm >= 5.0 and name.style.paragraph_format.alignment == 1  # centred in the right part


def test_integrity_statement_is_in_the_signers_own_words(sao_build):
    assert f"ข้าพเจ้า {SAO['head_name']} {SAO['head']} ขอแสดงเจตจำนง" in text(sao_docx(sao_build, SAO_FILES[1]))


# --- layout: body paragraphs, emblem, page numbers ---------------------------------------------------------------

def test_body_paragraphs_indented_spaced_and_justified(sao_build):
    doc = Document(str(sao_docx(sao_build, SAO_FILES[1])))
    body = doc.styles["Body Text Thai"].element.pPr
    assert body.find(qn("w:ind")).get(qn("w:firstLine")) == str(int(2.5 * 567))
    assert body.find(qn("w:spacing")).get(qn("w:before")) == "120"
    assert body.find(qn("w:jc")).get(qn("w:val")) == "thaiDistribute"
    styles = [p.style.style_id for p in doc.paragraphs if p.text.startswith("๑. ยึดมั่น")]
    assert styles == ["Body"]


def anchors(path: Path) -> list:
    doc = Document(str(path))
    return list(doc.element.body.iter(qn("wp:anchor")))


def test_emblem_picture_is_3cm_high_near_the_top_on_page_1_only(sao_build):
    for stem in SAO_FILES:
        path = sao_docx(sao_build, stem)
        found = anchors(path)
        assert len(found) == 1, stem
        anchor = found[0]
        assert anchor.find(qn("wp:extent")).get("cy") == str(3 * EMU_PER_CM)
        position = anchor.find(qn("wp:positionV"))
        assert position.get("relativeFrom") == "page"
        assert position.find(qn("wp:posOffset")).text == str(int(1.5 * EMU_PER_CM))
        assert anchor.find(f".//{qn('a:blip')}") is not None
        first = Document(str(path)).element.body[0]
        assert first.find(f".//{qn('wp:anchor')}") is not None, "anchored in the first paragraph"
        with zipfile.ZipFile(path) as z:
            headers = [z.read(n) for n in z.namelist() if re.match(r"word/header\d*\.xml", n)]
        assert headers and not any(b"<w:drawing" in h for h in headers)


def test_emblem_in_the_pdf_is_3cm_high_about_1_5cm_from_the_top_on_page_1_only(sao_build):
    for stem in (SAO_FILES[1], SAO_FILES[3], SAO_FILES[5]):
        pdf = sao_build.out_dir / "appendix" / f"{stem}.pdf"
        images = pdf_images(pdf)
        assert [i["page"] for i in images] == [1], stem
        height_cm = images[0]["height"] / images[0]["y_ppi"] * 2.54
        assert height_cm == pytest.approx(3.0, abs=0.05)
        rows = grey_rows(pdf, 1)
        top_cm, bottom_cm = rows[0] / 50 * 2.54, (rows[-1] + 1) / 50 * 2.54
        assert top_cm == pytest.approx(1.5, abs=0.1)
        assert bottom_cm - top_cm == pytest.approx(3.0, abs=0.1)
        if len(pages.printed_numbers(pdf)) > 1:  # at TH Sarabun's size some notices fit on one page
            assert grey_rows(pdf, 2) == []


def test_without_an_image_a_marked_frame_of_the_same_size_and_a_warning(tambon_cli):
    code, printed, edition = tambon_cli
    for path in (edition / "appendix").glob("*.docx"):
        found = anchors(path)
        assert len(found) == 1
        assert found[0].find(qn("wp:extent")).get("cy") == str(3 * EMU_PER_CM)
        assert found[0].find(f".//{WPS}") is not None and found[0].find(f".//{qn('a:blip')}") is None
        assert [t for t in paragraphs(path) if t][0] == "ตราครุฑ"
        pdf = path.with_suffix(".pdf")
        page_texts = pdf_page_texts(pdf)
        assert "ตราครุฑ" in page_texts[0] and all("ตราครุฑ" not in t for t in page_texts[1:])
        assert f"{path.relative_to(edition)}: ไม่มีภาพตราครุฑ" in printed
    assert printed.count("not ready for signature") == 9


def page_setup(path: Path):
    with zipfile.ZipFile(path) as z:
        document = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        parts = {n: z.read(n).decode() for n in z.namelist() if n.startswith("word/header")}
    return document, rels, parts


def header_text(xml: str) -> str:
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_docx_page_numbers_from_page_2_only_centred_between_dashes(sao_build, tambon_cli):
    _, _, edition = tambon_cli
    for path in [sao_docx(sao_build, SAO_FILES[1]), by_prefix(edition, "07")]:
        document, rels, parts = page_setup(path)
        sect = re.findall(r"<w:sectPr.*?</w:sectPr>", document, re.S)[-1]
        assert "<w:titlePg/>" in sect
        assert 'w:fmt="thaiNumbers"' in sect  # Word draws the page number in Thai digits
        first_id = re.search(r'<w:headerReference w:type="first" r:id="(\w+)"', sect).group(1)
        default_id = re.search(r'<w:headerReference w:type="default" r:id="(\w+)"', sect).group(1)
        target = dict(re.findall(r'Id="(\w+)"[^>]*Target="([^"]+)"', rels) +
                      [(i, t) for t, i in re.findall(r'Target="([^"]+)"[^>]*Id="(\w+)"', rels)])
        first, default = parts["word/" + target[first_id]], parts["word/" + target[default_id]]
        assert header_text(first) == "" and "PAGE" not in first
        assert "PAGE" in default and re.fullmatch(r"- \S+ -", header_text(default))
        assert '<w:jc w:val="center"/>' in default or "PageNumber" in default


def test_pdf_page_numbers_none_on_page_1_and_2_on_page_2(sao_build, tambon_cli):
    _, _, edition = tambon_cli
    pdfs = [sao_build.out_dir / "appendix" / f"{SAO_FILES[3]}.pdf", by_prefix(edition, "04", ".pdf")]
    for pdf in pdfs:
        printed = pages.printed_numbers(pdf)
        assert len(printed) >= 2, pdf.name
        assert printed[0] == ""
        # LibreOffice's text layer keeps the digit it was given; it is drawn as ๒ when the converter sets
        # CTLTextNumerals for Thai-digit documents (RenderedDocument.thai_numerals).
        assert printed[1] in ("2", "๒")
        top = pdf_page_texts(pdf)[1].strip().splitlines()[0].strip()
        assert re.fullmatch(r"-\s*[2๒]\s*-", top), top


def test_thai_digit_documents_ask_the_converter_for_thai_page_numbers(sao_build):
    """The text layer keeps the field's ASCII digit; that LibreOffice then draws ๒ is tested on pixels in
    test_convert.py::test_page_numbers_are_drawn_in_thai_digits_only_where_asked."""
    appendix = [d for d in sao_build.documents if d.group == "appendix"]
    assert appendix and all(d.thai_numerals for d in appendix)


def test_appendix_documents_ask_for_thai_numerals_in_the_pdf(sao_build):
    assert all(d.thai_numerals for d in sao_build.documents if d.group == "appendix")


# --- undated builds, escaping, template override -----------------------------------------------------------------

def test_undated_build_shows_the_blank_date_form(tambon_cli):
    _, _, edition = tambon_cli
    for path in (edition / "appendix").glob("*.docx"):
        body = text(path)
        assert ("ประกาศ " + BLANK_DATE) in body or ("สั่ง " + BLANK_DATE) in body, path.name
        assert not re.search(r"ณ วันที่ [๐-๙]", body), path.name
    gift = text(by_prefix(edition, "04"))
    assert "ลงวันที่ ...... เดือน .................. พ.ศ. ........" in gift
    assert "ที่ ๓๐๒/๒๕๖๖" in text(by_prefix(edition, "07"))  # the order number stays


def test_special_characters_in_data_survive(tmp_path):
    folder = copy_fixture("sao", tmp_path)
    tricky = 'A & B <ค> "ง" \'จ\''
    appendix = (folder / "appendix.yaml").read_text(encoding="utf-8")
    appendix = appendix.replace("powers: [กำกับดูแลกองการศึกษา ศาสนาและวัฒนธรรม]",
                                "powers: [\"A & B <ค> \\\"ง\\\" 'จ'\"]")
    appendix = appendix.replace('detail: "${email}"', 'detail: "${email} & <ไลน์> \\"@nong\\""')
    (folder / "appendix.yaml").write_text(appendix, encoding="utf-8")
    text_org = (folder / "organisation.yaml").read_text(encoding="utf-8").replace(
        "นางสาวสมใจ รักงาน", "นางสาวสมใจ <รัก> & \"งาน\"")
    (folder / "organisation.yaml").write_text(text_org, encoding="utf-8")
    docs = {Path(d.path).stem: d for d in render_appendix(validate.load_valid(folder))}
    order = paragraphs(Document(io.BytesIO(docs[SAO_FILES[5]].content)))
    assert "๒.๑ " + tricky in order
    assert any('นางสาวสมใจ <รัก> & "งาน"' in t for t in order)
    complaints = paragraphs(Document(io.BytesIO(docs[SAO_FILES[9]].content)))
    assert any('saraban@nongtodlong.go.th & <ไลน์> "@nong"' in t for t in complaints)


def test_an_organisation_changes_wording_with_its_own_template(tmp_path):
    folder = copy_fixture("sao", tmp_path)
    shared = paths.TEMPLATES_DIR / "appendix" / "integrity.docx"
    own = folder / "templates" / "appendix" / "integrity.docx"
    own.parent.mkdir(parents=True)
    with zipfile.ZipFile(shared) as src, zipfile.ZipFile(own, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode().replace("จึงประกาศมาให้ทราบโดยทั่วกัน", "จึงประกาศให้ทราบและถือปฏิบัติ").encode()
            dst.writestr(item, data)
    docs = {Path(d.path).stem: d for d in render_appendix(validate.load_valid(folder))}
    body = text(Document(io.BytesIO(docs[SAO_FILES[1]].content)))
    assert "จึงประกาศให้ทราบและถือปฏิบัติ" in body and "จึงประกาศมาให้ทราบโดยทั่วกัน" not in body
    other = text(Document(io.BytesIO(docs[SAO_FILES[3]].content)))
    assert "จึงประกาศมาให้ทราบโดยทั่วกัน" in other  # the other documents keep the shared wording


def test_no_appendix_file_means_no_appendix_and_a_warning(minimal_org, tmp_path):
    data = validate.load_valid(minimal_org)
    assert render_appendix(data) == []
    from generator.render.appendix import warnings

    assert any("appendix.yaml" in w for w in warnings(data, []))


# --- data details -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["2565-03-15", "2022-03-15", "15 มีนาคม 2565", "๑๕ มี.ค. ๒๕๖๕",
                                     "วันที่ 15 เดือน มีนาคม พ.ศ. 2565"])
def test_dates_are_written_the_way_clerks_write_them(tmp_path, written):
    folder = copy_fixture("sao", tmp_path)
    appendix = (folder / "appendix.yaml").read_text(encoding="utf-8").replace("date: 2565-03-15", f"date: {written}")
    (folder / "appendix.yaml").write_text(appendix, encoding="utf-8")
    docs = {Path(d.path).stem: d for d in render_appendix(validate.load_valid(folder))}
    assert "สั่ง ณ วันที่ ๑๕ มีนาคม พ.ศ. ๒๕๖๕" in text(Document(io.BytesIO(docs[SAO_FILES[2]].content)))


def test_signing_for_another_post_names_that_post(tmp_path):
    folder = copy_fixture("sao", tmp_path)
    appendix = (folder / "appendix.yaml").read_text(encoding="utf-8").replace(
        "  integrity:\n", "  integrity: {signer: {person: deputy-1, mode: acting, principal: head}}\n")
    (folder / "appendix.yaml").write_text(appendix, encoding="utf-8")
    data = validate.load_valid(folder)
    doc = next(d for d in ax.planned_documents(data.appendix) if d.key == "integrity")
    signature = ax.signature(doc, data.organisation)
    assert signature.lines == ["รองนายกองค์การบริหารส่วนตำบลหนองทดลอง รักษาราชการแทน", SAO["head"]]
    assert signature.name == "นายสมหมาย ใจซื่อ"


@pytest.mark.parametrize("template", sorted((paths.TEMPLATES_DIR / "appendix").glob("*.docx")), ids=lambda p: p.name)
def test_appendix_templates_hold_no_word_of_any_organisation_type(template):
    words = {value for kind in catalog.org_types()
             for field, value in kind.titles(name="", district="", province="").items() if field != "supervisor"}
    words |= {kind.label for kind in catalog.org_types()} | {kind.abbreviation for kind in catalog.org_types()}
    with zipfile.ZipFile(template) as z:
        body = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", z.read("word/document.xml").decode()))
    assert [w for w in words if w and w in body] == []
