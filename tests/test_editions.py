"""Annual editions with the built-in example: 2567 started from 2566 and revised, both built, the change report,
2566 issued and rebuilt byte for byte, verification, signature fields, signing. Real LibreOffice and pyHanko."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader, PdfWriter

from edition_support import NEW_DEPUTY, OLD_DEPUTY, revise_for_2567, run, self_signed_p12
from generator import paths
from generator.edition.fingerprint import pdf_content_hash, sha256
from generator.signing.fields import all_fields, lines, normal

PROJECT = "โครงการอบรมการป้องกันผลประโยชน์ทับซ้อนสำหรับผู้บริหารและพนักงาน"
P03 = "โครงการฝึกอบรมการส่งเสริมคุณธรรมจริยธรรมบุคลากรองค์กรปกครองส่วนท้องถิ่นเพื่อเสริมสร้างวัฒนธรรมองค์กรสุจริต"
HEAD, PERMANENT_SECRETARY, AUDITOR = "นายประเสริฐ ศรีสุข", "นายวีระพงษ์ มั่นคง", "นางสาวกมลวรรณ รักษ์ธรรม"


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    """The example copied; 2567 started and revised; both built; diffed; 2566 issued, kept aside, rebuilt.

    The builds share a conversion cache of their own (entries another converter made elsewhere could differ, see
    the README), and the rebuild runs without it, so LibreOffice really converts again."""
    from generator.convert import cache

    root = tmp_path_factory.mktemp("editions")
    org, out = root / "bueng-prue", root / "output"
    shutil.copytree(paths.DEFAULT_EXAMPLE, org)
    s = SimpleNamespace(root=root, org=org, out=out)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache, "CACHE_DIR", root / "pdf-cache")
        s.started = run("edition", "new", org, "--year", 2567)
        revise_for_2567(org)
        s.built66 = run("build", org, "--edition", 2566, "--output", out)
        s.built67 = run("build", org, "--output", out)  # the latest edition by default
        s.diffed = run("diff", org, 2566, 2567, "--output", out)
        s.issued = run("edition", "issue", org, "--year", 2566, "--output", out)
        s.issued_dir = root / "issued-2566"
        shutil.copytree(out / "bueng-prue" / "2566", s.issued_dir)
        patch.setenv("PRONGSAI_CONVERT_CACHE", "0")
        s.rebuilt = run("build", org, "--edition", 2566, "--output", out)
    s.e66, s.e67 = out / "bueng-prue" / "2566", out / "bueng-prue" / "2567"
    return s


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p")))


# --- edition new ---------------------------------------------------------------------------------------------

def test_new_edition_moves_dates_restarts_order_numbers_and_carries_improvements(series):
    code, printed, err = series.started
    assert code == 0, err
    folder = series.org / "editions" / "2567"
    assert sorted(p.name for p in folder.iterdir()) == ["appendix.yaml", "edition.yaml", "internal-control-2567.yaml"]
    appendix = (folder / "appendix.yaml").read_text(encoding="utf-8")
    assert re.findall(r"number: (\d+)", appendix) == ["45", "1", "2", "3", "4"]  # working group kept, orders restart
    assert "# ประกาศและคำสั่งในภาคผนวก" in appendix  # the clerk's comments survive
    control = (folder / "internal-control-2567.yaml").read_text(encoding="utf-8")
    assert "year: 2567" in control and "date: 2567-12-15" in control and "date: 2567-12-08" in control
    assert control.count("status: not_started") == 4  # the four improvements of 2566's ปค.๕
    assert "จัดทำแบบตรวจสอบเอกสารการกำหนดราคากลาง (checklist)" in control.split("follow_up:")[1]
    edition = (folder / "edition.yaml").read_text(encoding="utf-8")
    assert "based_on: 2566" in edition and "to_review:" in edition
    # 2566 keeps its own copy of the shared files, so revising them for 2567 did not change it
    for name in ("plan.yaml", "organisation.yaml"):
        assert (series.org / "editions" / "2566" / name).read_bytes() == (paths.DEFAULT_EXAMPLE / name).read_bytes()
    assert "ที่ 150/2565 → ที่ 1/2566" in printed
    assert "ต้องตรวจทานก่อนออกฉบับ" in printed and "ตรวจงบประมาณปี 2567" in printed


def test_both_editions_build(series):
    for code, _, err in (series.built66, series.built67):
        assert code == 0, err
    assert "ยังมีรายการที่ต้องตรวจทาน" in series.built67[2]
    orders = sorted((series.e67 / "appendix").glob("*คำสั่งมอบหมาย*.docx"))
    assert [re.search(r"ที่ (\S+)", docx_text(p)).group(1) for p in orders] == ["๑/๒๕๖๖", "๒/๒๕๖๖", "๓/๒๕๖๖", "๔/๒๕๖๖"]
    integrity = docx_text(next((series.e67 / "appendix").glob("02-*.docx")))
    assert "ประกาศ ณ วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๖" in integrity
    follow = docx_text(next((series.e67 / "internal-control").glob("ปค5-ติดตาม*.docx")))
    assert "ยังไม่ได้ดำเนินการ" in follow and "๒๕๖๖" in follow
    plan67 = docx_text(series.e67 / "plan.docx")
    assert PROJECT in plan67 and PROJECT not in docx_text(series.e66 / "plan.docx")
    assert not (series.e66 / "changes").exists()  # no earlier edition to compare with


# --- diff ----------------------------------------------------------------------------------------------------

def test_diff_lists_the_inserted_project_and_the_changed_budget_with_totals(series):
    code, printed, err = series.diffed
    assert code == 0, err
    assert f"+ {PROJECT} [1.1.2] งบประมาณรวม 24,000 บาท (p19)" in printed
    assert "projects removed (0)" in printed
    assert f"{P03} ปี 2567: 5,000 → 8,000 (+3,000)" in printed
    for line in ("2566: 25,000 → 25,000 (0)", "2567: 25,000 → 40,000 (+15,000)", "2568: 25,000 → 37,000 (+12,000)",
                 "รวม / total: 125,000 → 152,000 (+27,000)"):
        assert f"  {line}" in printed
    assert f"deputy-2: {OLD_DEPUTY}, รองนายก" in printed and f"→ {NEW_DEPUTY}, รองนายก" in printed
    # word by word: the changed words are whole Thai words, not characters
    assert "ประยุกต์ใช้ใน[-การดำเนินชีวิต-]{+การทำงาน+}ประจำวัน" in printed


def test_diff_names_changed_paragraphs_of_the_appendix_but_not_its_moved_dates(series):
    _, printed, _ = series.diffed
    assert "ภาคผนวก · คำสั่งมอบหมายหน้าที่และมอบอำนาจ ที่ 1/2566 ย่อหน้าที่ 2:\n    ที่ [-150/2565-]{+1/2566+}" in printed
    first, last = OLD_DEPUTY.split(), NEW_DEPUTY.split()
    assert f"[-{first[0]}-]{{+{last[0]}+}} [-{first[1]}-]{{+{last[1]}+}} ตำแหน่ง รองนายก" in printed  # the delegate
    assert "ภาคผนวก · ประกาศ" not in printed  # the announcements only moved to the new year's date


def test_diff_report_document(series):
    _, printed, _ = series.diffed
    report = series.e67 / "changes" / "รายงานการเปลี่ยนแปลง 2566-2567.docx"
    assert f"→ {report}" in printed and report.with_suffix(".pdf").is_file()
    doc = Document(str(report))
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    assert ["1", PROJECT, "1.1.2", "24,000"] in rows
    assert ["1", P03, "2567", "5,000", "8,000", "+3,000"] in rows
    assert ["2567", "25,000", "40,000", "+15,000"] in rows and ["รวม", "125,000", "152,000", "+27,000"] in rows
    runs = list(doc.element.body.iter(qn("w:r")))
    struck = ["".join(t.text for t in r.iter(qn("w:t"))) for r in runs if r.find(f"{qn('w:rPr')}/{qn('w:strike')}") is not None]
    underlined = ["".join(t.text for t in r.iter(qn("w:t"))) for r in runs if r.find(f"{qn('w:rPr')}/{qn('w:u')}") is not None]
    assert "การดำเนินชีวิต" in struck and "การทำงาน" in underlined
    assert "150/2565" in struck and "1/2566" in underlined  # the first delegation order's number
    assert len(PdfReader(report.with_suffix(".pdf")).pages) >= 1
    # the build of 2567 includes the same report, so it is part of the edition's files
    assert (series.e67 / "changes" / report.name).is_file()


# --- issue, manifest, distribution ---------------------------------------------------------------------------

def test_issue_writes_the_manifest_to_the_data_and_the_output(series):
    code, printed, err = series.issued
    assert code == 0, err
    data_manifest = series.org / "editions" / "2566" / "manifest.json"
    manifest = json.loads(data_manifest.read_text(encoding="utf-8"))
    assert (series.issued_dir / "manifest.json").read_bytes() == data_manifest.read_bytes()
    assert manifest["edition"] == 2566 and manifest["tool"]["prongsai"] and manifest["issued_at"]
    assert {f["name"] for f in manifest["data"]["files"]} >= {"plan.yaml", "organisation.yaml", "appendix.yaml",
                                                             "internal-control-2566.yaml", "edition.yaml"}
    files = {f["file"]: f for f in manifest["files"]}
    documents = sorted(p.relative_to(series.issued_dir).as_posix() for p in series.issued_dir.rglob("*")
                       if p.suffix in (".docx", ".pdf"))
    assert sorted(files) == documents
    for name, entry in files.items():
        path = series.issued_dir / name
        assert entry["sha256"] == sha256(path) and entry["size"] == path.stat().st_size
        assert entry["pages"] == len(PdfReader(path.with_suffix(".pdf")).pages)
        if name.endswith(".pdf"):
            assert entry["content_sha256"] == pdf_content_hash(path)


def test_distribution_zip_names_survive_zip_and_windows(series):
    archive = series.issued_dir / "อบต.บึงปรือ ปีงบประมาณ 2566.zip"
    with zipfile.ZipFile(archive) as z:
        entries = z.infolist()
        names = [e.filename for e in entries]
        assert all(e.flag_bits & 0x800 for e in entries if not e.filename.isascii())  # UTF-8 names
        assert all(e.date_time == (2022, 10, 1, 12, 0, 0) for e in entries)  # the edition's date, not "now"
        assert json.loads(z.read(next(n for n in names if n.endswith("manifest.json")))) == json.loads(
            (series.issued_dir / "manifest.json").read_text(encoding="utf-8"))
        plan = z.read("อบต.บึงปรือ ปีงบประมาณ 2566/แผนปฏิบัติการป้องกันการทุจริต 2566-2570.pdf")
    assert plan == (series.issued_dir / "plan.pdf").read_bytes()
    documents = [p for p in series.issued_dir.rglob("*") if p.suffix in (".docx", ".pdf")]
    assert len([n for n in names if n.endswith((".docx", ".pdf"))]) == len(documents)
    for name in names:
        assert len(name) <= 160
        for part in name.split("/"):
            assert not re.search(r'[<>:"\\|?*\x00-\x1f]', part) and not part.endswith((".", " "))
    assert any("/ภาคผนวก ประกาศและคำสั่ง/" in n for n in names) and any("/รายงานการควบคุมภายใน/" in n for n in names)


def test_rebuilding_an_issued_edition_reproduces_every_docx_byte_for_byte(series):
    code, _, err = series.rebuilt
    assert code == 0, err
    assert "เทียบกับฉบับที่ออกแล้ว" in err
    docx = sorted(series.issued_dir.rglob("*.docx"))
    assert len(docx) == 16
    for issued in docx:
        assert (series.e66 / issued.relative_to(series.issued_dir)).read_bytes() == issued.read_bytes(), issued.name
    for issued in series.issued_dir.rglob("*.pdf"):
        rebuilt = series.e66 / issued.relative_to(series.issued_dir)
        assert pdf_content_hash(rebuilt) == pdf_content_hash(issued), issued.name
        assert rebuilt.read_bytes() != issued.read_bytes()  # converted again: other dates, other ID
    assert (series.e66 / "manifest.json").is_file() and (series.e66 / "อบต.บึงปรือ ปีงบประมาณ 2566.zip").is_file()


# --- verify --------------------------------------------------------------------------------------------------

def issued_pdf(series) -> Path:
    return next((series.issued_dir / "appendix").glob("02-*.pdf"))


def test_verify_recognises_issued_and_rebuilt_files_and_detects_a_modified_pdf(series, tmp_path):
    code, printed, _ = run("edition", "verify", issued_pdf(series), "--org", series.org)
    assert code == 0 and "ตรงกับไฟล์ที่ออก" in printed and "ไม่ถูกแก้ไข" in printed
    rebuilt = series.e66 / issued_pdf(series).relative_to(series.issued_dir)
    code, printed, _ = run("edition", "verify", rebuilt, "--org", series.org)
    assert code == 0 and "ต่างเพียงวันที่ในข้อมูลกำกับ" in printed
    code, printed, _ = run("edition", "verify", series.issued_dir / "plan.docx", "--org", series.org)
    assert code == 0 and "(plan.docx)" in printed

    modified = tmp_path / issued_pdf(series).name
    writer = PdfWriter(clone_from=str(issued_pdf(series)))
    page = writer.pages[0]
    contents = page.get_contents()
    contents.set_data(contents.get_data().replace(b"Tj", b"Tj ", 1))
    page.replace_contents(contents)
    writer.write(modified)
    code, printed, _ = run("edition", "verify", modified, "--org", series.org)
    assert code == 1 and "ถูกแก้ไขหลังออก" in printed

    other = tmp_path / "อื่น.pdf"
    shutil.copyfile(series.e67 / "plan.pdf", other)  # 2567 is not issued
    code, printed, _ = run("edition", "verify", other, "--org", series.org)
    assert code == 1 and "ไม่พบไฟล์นี้ในฉบับที่ออกแล้ว" in printed
    code, _, err = run("edition", "verify", tmp_path / "ไม่มี.pdf")
    assert code == 2 and "ไม่พบไฟล์" in err


# --- signature fields and signing ------------------------------------------------------------------------------

EXPECTED_FIELDS = {"01": "sig-head", "02": "sig-head", "03": "sig-head", "04": "sig-head", "05": "sig-head",
                   "06": "sig-head", "07": "sig-head", "08": "sig-permanent-secretary",
                   "09": "sig-permanent-secretary", "10": "sig-head", "ปค1": "sig-head", "ปค4": "sig-head",
                   "ปค5": "sig-head", "ปค6": "sig-internal-auditor"}


def test_every_signature_block_has_a_signature_field_over_it(series):
    people = {"sig-head": HEAD, "sig-permanent-secretary": PERMANENT_SECRETARY, "sig-internal-auditor": AUDITOR}
    pdfs = sorted([*(series.issued_dir / "appendix").glob("*.pdf"), *(series.issued_dir / "internal-control").glob("*.pdf")])
    assert len(pdfs) == 15
    for pdf in pdfs:
        found = all_fields(pdf)
        assert len(found) == 1, pdf.name
        name, signed, page, rect = found[0]
        assert name == EXPECTED_FIELDS[pdf.name.split("-")[0]] and not signed, pdf.name
        text_lines, heights = lines(pdf)
        block = next(t for t in text_lines if normal(t.text) == normal(f"({people[name]})"))
        top_of_name = heights[block.page] - block.y0
        assert page == block.page
        assert abs(rect[1] - top_of_name) <= 5 and 18 <= rect[3] - rect[1] <= 50  # just above the name
        assert rect[0] <= (block.x0 + block.x1) / 2 <= rect[2]
    assert all_fields(series.issued_dir / "plan.pdf") == []


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> Path:
    return self_signed_p12(tmp_path_factory.mktemp("cert") / "head.p12", b"correct horse", HEAD)


def test_a_signed_pdf_verifies_as_signed_and_unmodified(series, certificate, tmp_path, monkeypatch):
    pdf = tmp_path / issued_pdf(series).name
    shutil.copyfile(issued_pdf(series), pdf)
    monkeypatch.setenv("PRONGSAI_P12_PASSWORD", "correct horse")
    code, printed, err = run("sign", pdf, "--p12", certificate)
    assert code == 0, err
    signed = pdf.with_name(f"{pdf.stem} (ลงนามแล้ว).pdf")
    assert f"ลงนามช่อง sig-head โดย {HEAD}" in printed and signed.is_file()
    assert signed.read_bytes().startswith(pdf.read_bytes())  # the issued bytes stay in front
    code, printed, _ = run("edition", "verify", signed, "--org", series.org)
    assert code == 0, printed
    assert "ที่มีการลงนามเพิ่มเท่านั้น" in printed and f"ลายมือชื่อ sig-head ถูกต้อง ลงนามโดย {HEAD}" in printed
    assert "ใบรับรองไม่อยู่ในรายการที่เชื่อถือ" in printed  # self-signed
    code, printed, _ = run("edition", "verify", signed, "--org", series.org, "--trust", certificate.with_suffix(".pem"))
    assert code == 0 and "ใบรับรองเชื่อถือได้" in printed
    assert all_fields(signed)[0][1] is True

    # changed after signing (an incremental update that edits the page): detected
    tampered = tmp_path / "tampered.pdf"
    writer = PdfWriter(signed, incremental=True)
    contents = writer.pages[0].get_contents()
    contents.set_data(contents.get_data().replace(b"Tj", b"Tj ", 1))
    writer.pages[0].replace_contents(contents)
    writer.write(tampered)
    code, printed, _ = run("edition", "verify", tampered, "--org", series.org)
    assert code == 1 and "ไม่ตรงกับไฟล์ที่ออก" in printed


def test_signing_errors_are_clear(series, certificate, tmp_path, monkeypatch):
    pdf = tmp_path / "a.pdf"
    shutil.copyfile(issued_pdf(series), pdf)
    monkeypatch.setenv("PRONGSAI_P12_PASSWORD", "wrong")
    code, _, err = run("sign", pdf, "--p12", certificate)
    assert code == 2 and err.startswith("ข้อผิดพลาด: เปิดใบรับรอง head.p12 ไม่ได้: รหัสผ่านไม่ถูกต้อง")
    monkeypatch.setenv("PRONGSAI_P12_PASSWORD", "correct horse")
    code, _, err = run("sign", pdf, "--p12", certificate, "--field", "sig-council")
    assert code == 2 and "ไม่มีช่องลงนามว่างชื่อ sig-council" in err and "sig-head" in err
    code, _, err = run("sign", series.issued_dir / "plan.pdf", "--p12", certificate, "--output", tmp_path / "p.pdf")
    assert code == 2 and "ไม่มีช่องลงนามที่ว่าง" in err


# --- bad input -------------------------------------------------------------------------------------------------

def test_unknown_edition_year(series):
    code, _, err = run("build", series.org, "--edition", 2569, "--output", series.root / "x")
    assert code == 2 and "ไม่มีฉบับปีงบประมาณ 2569 (มี: 2566, 2567)" in err
    assert not (series.root / "x" / "bueng-prue" / "2569").exists()
    code, _, err = run("diff", series.org, 2565, 2567, "--no-document")
    assert code == 2 and "ไม่มีฉบับปีงบประมาณ 2565" in err


def test_edition_commands_refuse_what_they_cannot_do(series):
    code, _, err = run("edition", "new", series.org, "--year", 2567)
    assert code == 2 and "มีฉบับปีงบประมาณ 2567 อยู่แล้ว" in err
    code, _, err = run("edition", "issue", series.org, "--year", 2567, "--output", series.root / "x")
    assert code == 2 and "ยังไม่ได้ตรวจทาน: เลขที่คำสั่งเริ่มนับ 1 ใหม่" in err and "to_review" in err
    code, _, err = run("edition", "issue", series.org, "--year", 2566, "--output", series.root / "x")
    assert code == 2 and "ออกแล้วเมื่อ" in err and "ออกซ้ำไม่ได้" in err


def test_an_issued_edition_is_not_rebuilt_from_changed_data(series, tmp_path):
    org = tmp_path / "bueng-prue"
    shutil.copytree(series.org, org)
    appendix = org / "editions" / "2566" / "appendix.yaml"
    appendix.write_text(appendix.read_text(encoding="utf-8").replace("number: 150", "number: 160"), encoding="utf-8")
    code, _, err = run("build", org, "--edition", 2566, "--output", tmp_path / "out")
    assert code == 2
    assert "ฉบับปีงบประมาณ 2566 ออกแล้วเมื่อ" in err and "appendix.yaml ถูกแก้ไขหลังออกฉบับ" in err
    assert not (tmp_path / "out" / "bueng-prue" / "2566").exists()
    code, _, err = run("build", org, "--edition", 2566, "--undated", "--output", tmp_path / "out")
    assert code == 2


def test_an_edition_holds_only_its_own_year(series, tmp_path):
    org = tmp_path / "bueng-prue"
    shutil.copytree(series.org, org)
    edition = org / "editions" / "2567" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("year: 2567", "year: 2568"), encoding="utf-8")
    shutil.copyfile(org / "editions" / "2566" / "internal-control-2566.yaml", org / "editions" / "2567" / "internal-control-2566.yaml")
    code, _, err = run("validate", org, "--edition", 2567)
    assert code == 2
    assert "edition.yaml บรรทัด/line" in err and "ปี 2568 ไม่ตรงกับชื่อโฟลเดอร์ของฉบับ (2567)" in err
    assert "internal-control-2566.yaml" in err and "รายงานการควบคุมภายในปี 2566 อยู่ในฉบับปี 2567" in err
