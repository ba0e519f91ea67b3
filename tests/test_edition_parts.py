"""Edition parts that need no LibreOffice: file names, Thai word diff, moved dates, the flat layout and its
migration, reproducible DOCX, the PDF content hash."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date

import pytest
from pypdf import PdfWriter

from edition_support import run
from generator import paths, validate
from generator.diff.compare import appendix_changes, compare
from generator.diff.report import terminal
from generator.diff.words import diff
from generator.edition import layout, reproducible
from generator.edition.distribution import safe_name
from generator.edition.fingerprint import pdf_content_hash
from generator.edition.start import shifted
from generator.pipeline import render_plan

NONG_BUA = paths.EXAMPLES_DIR / "nong-bua-municipality"


@pytest.mark.parametrize(("given", "limit", "expected"), [
    ('ประกาศ: "ก" <ข>/ค|ง?*.pdf', 90, "ประกาศ- -ก- -ข--ค-ง--.pdf"),
    ("CON.pdf", 90, "_CON.pdf"),
    ("รายงาน. ", 90, "รายงาน"),
    ("อบต.บึงปรือ ปีงบประมาณ 2566", 90, "อบต.บึงปรือ ปีงบประมาณ 2566"),
])
def test_safe_name_keeps_windows_happy(given, limit, expected):
    assert safe_name(given, limit) == expected


def test_a_cut_name_never_splits_a_thai_syllable():
    name = "ปค6-รายงานการสอบทานการประเมินผลการควบคุมภายในของผู้ตรวจสอบภายใน.docx"
    for limit in range(12, 40):
        cut = safe_name(name, limit)
        stem = cut.removesuffix(".docx")
        assert len(cut) <= limit and cut.endswith(".docx") and name.startswith(stem)
        following = name[len(stem)]
        assert following not in "ัิีึืุู่้๊๋็์ำ", cut  # the next character is not a mark left behind
        assert not stem.endswith(tuple("เแโใไ"))


def test_word_diff_works_on_thai_words_not_characters():
    segments = diff("นำมาประยุกต์ใช้ในการดำเนินชีวิตประจำวัน", "นำมาประยุกต์ใช้ในการทำงานประจำวัน")
    changed = [(s.op, s.text) for s in segments if s.op != "="]
    assert changed == [("-", "การดำเนินชีวิต"), ("+", "การทำงาน")]
    assert "".join(s.text for s in segments if s.op != "-") == "นำมาประยุกต์ใช้ในการทำงานประจำวัน"


def test_diff_of_the_appendix_names_documents_added_removed_and_changed_paragraphs(tmp_path):
    org = shutil.copytree(paths.DEFAULT_EXAMPLE, tmp_path / "bueng-prue")
    appendix = org / "editions" / "2566" / "appendix.yaml"
    text = appendix.read_text(encoding="utf-8")
    for old, new in (("  no_gift:  ", "  # no_gift:"), ("date: 2565-03-01", "date: 2565-04-01"),
                     ("ตู้รับเรื่องร้องเรียน\n", "ตู้รับความคิดเห็น\n")):
        assert text.count(old) == 1
        text = text.replace(old, new)
    appendix.write_text(text, encoding="utf-8")
    changes = {(c.where, tuple((s.op, s.text) for s in c.segments if s.op != "="))
               for c in appendix_changes(validate.load_valid(paths.DEFAULT_EXAMPLE, 2566), validate.load_valid(org, 2566))}
    assert ("ภาคผนวก", (("-", "ประกาศนโยบายงดรับงดให้ของขวัญ (No Gift Policy)"),)) in changes
    [channel] = [c for c in changes if "ประกาศมาตรการจัดการเรื่องร้องเรียน" in c[0]]
    assert channel[0].startswith("ภาคผนวก · ประกาศมาตรการจัดการเรื่องร้องเรียนและแจ้งเบาะแสการทุจริต ย่อหน้าที่ ")
    assert channel[1] == (("-", "เรื่องร้องเรียน"), ("+", "ความคิดเห็น"))
    assert len(changes) == 2  # a moved date is not a change of the document: both editions are compared blank-dated


def test_an_earlier_appendix_that_cannot_be_rendered_is_named_in_the_report_not_fatal(monkeypatch):
    from generator.diff import appendix
    from generator.errors import ProngsaiError

    old, new = validate.load_valid(paths.DEFAULT_EXAMPLE, 2566), validate.load_valid(paths.DEFAULT_EXAMPLE, 2566)
    rendered = appendix.printed

    def printed(data):
        if data is old:
            raise ProngsaiError("แม่แบบ integrity.docx ใช้ตัวแปรที่ไม่มีในข้อมูล", "template uses a missing variable")
        return rendered(data)

    monkeypatch.setattr(appendix, "printed", printed)
    [change] = appendix_changes(old, new)
    assert change.where == "ภาคผนวก"
    assert "ไม่ได้เทียบ" in change.segments[0].text and "แม่แบบ integrity.docx" in change.segments[0].text
    report = compare(old, new)
    assert "แม่แบบ integrity.docx ใช้ตัวแปรที่ไม่มีในข้อมูล" in terminal(report)  # printed whole, not shortened


@pytest.mark.parametrize(("value", "expected"), [
    (date(2023, 12, 15), date(2024, 12, 15)),
    (date(2024, 2, 29), date(2025, 2, 28)),
    ("2567-02-29", "2568-02-28"),
    ("29/02/2567", "28/02/2568"),
    ("2566-12-15", "2567-12-15"),
    ("1 ตุลาคม 2565", "1 ตุลาคม 2566"),
    ("๑๕/๑๒/๒๕๖๖", "๑๕/๑๒/๒๕๖๗"),
    ("2023-12-15", "2024-12-15"),
])
def test_dates_move_by_a_year_in_the_form_they_were_written(value, expected):
    assert shifted(value, 1) == expected


def test_a_flat_folder_is_one_edition_and_can_be_migrated(tmp_path):
    data = validate.load_valid(NONG_BUA)
    assert data.edition.flat and data.year == 2567 and data.info is None
    org = tmp_path / "nong-bua"
    shutil.copytree(NONG_BUA, org)
    code, printed, err = run("edition", "migrate", org)
    assert code == 0, err
    assert sorted(p.name for p in (org / "editions" / "2567").iterdir()) == [
        "appendix.yaml", "edition.yaml", "internal-control-2567.yaml"]
    assert not (org / "appendix.yaml").exists()
    migrated = validate.load_valid(org)
    assert migrated.year == 2567 and not migrated.edition.flat and migrated.edition.inherited() == [
        "organisation.yaml", "plan.yaml"]
    assert migrated.appendix == data.appendix and list(migrated.internal_control.values()) == list(
        data.internal_control.values())


def test_the_latest_edition_is_the_default(tmp_path):
    org = tmp_path / "bueng-prue"
    shutil.copytree(paths.DEFAULT_EXAMPLE, org)
    code, _, err = run("edition", "new", org, "--year", 2568)
    assert code == 0, err
    assert layout.years(org) == [2566, 2568]
    assert validate.load_valid(org).year == 2568
    assert validate.load_valid(org, 2566).year == 2566
    # announcements of 2568 are dated 1 October 2567 (the start of fiscal year 2568)
    appendix = (org / "editions" / "2568" / "appendix.yaml").read_text(encoding="utf-8")
    assert "number: 1\n" in appendix


def test_fixed_docx_has_the_editions_timestamps_and_same_bytes_every_time():
    data = validate.load_valid(paths.DEFAULT_EXAMPLE)
    first = reproducible.fixed([render_plan(data)], date(2022, 10, 1), 2566)[0].content
    second = reproducible.fixed([render_plan(data)], date(2022, 10, 1), 2566)[0].content
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2022, 10, 1, 12, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2022-10-01T12:00:00Z</dcterms:created>" in core
    assert "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2022-10-01T12:00:00Z</dcterms:modified>" in core


def test_pdf_content_hash_ignores_dates_but_not_content(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": "ก", "/CreationDate": "D:20240101000000Z"})
    writer.write(tmp_path / "a.pdf")
    writer.add_metadata({"/CreationDate": "D:20250101000000Z", "/ModDate": "D:20250101000000Z"})
    writer.write(tmp_path / "b.pdf")
    writer.add_metadata({"/Title": "ข"})
    writer.write(tmp_path / "c.pdf")
    assert pdf_content_hash(tmp_path / "a.pdf") == pdf_content_hash(tmp_path / "b.pdf")
    assert pdf_content_hash(tmp_path / "a.pdf") != pdf_content_hash(tmp_path / "c.pdf")
