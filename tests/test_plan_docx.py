"""The plan as DOCX, read back: computed numbers, order, Thai digits, titles by organisation type."""

from __future__ import annotations

import re
import shutil

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import docx_paragraphs
from generator import catalog, paths, pipeline, validate

BUENG_PRUE, NONG_BUA = "bueng-prue", "nong-bua-municipality"


@pytest.fixture(scope="module")
def plan(example_builds):
    return {name: docx_paragraphs(result.out_dir / "plan.docx") for name, result in example_builds.items()}


def texts(paragraphs, style=None) -> list[str]:
    return [t for s, t in paragraphs if style is None or s == style]


def test_all_eighteen_detail_sheets_in_order(plan):
    assert texts(plan[BUENG_PRUE], "Heading5") == [f"ลำดับที่ {n}" for n in range(1, 19)]


def test_project_counts_per_dimension_are_computed(plan):
    body = texts(plan[BUENG_PRUE])
    for n, title, count in ((1, "การสร้างวัฒนธรรมสุจริต", 4), (2, "การบริหารราชการด้วยความโปร่งใส", 8),
                            (3, "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน", 2)):
        assert f"มิติที่ {n} {title} จำนวน {count} โครงการ" in body
    subtotals = [t for t in body if re.fullmatch(r"จำนวน \d+ โครงการ", t)]
    assert subtotals == ["จำนวน 4 โครงการ", "จำนวน 8 โครงการ", "จำนวน 2 โครงการ", "จำนวน 4 โครงการ", "จำนวน 18 โครงการ"]
    assert any("รวมทั้งสิ้นจำนวน 18 โครงการ" in t for t in body)


def budget_rows(path) -> list[list[str]]:
    """The ส่วนที่ ๒ table, one list of cell texts per row."""
    table = next(t for t in Document(str(path)).tables if "งบประมาณ (บาท)" in t.rows[0].cells[3].text)
    return [[c.text for c in row.cells] for row in table.rows]


def test_yearly_totals_and_subtotals(example_builds):
    rows = budget_rows(example_builds[BUENG_PRUE].out_dir / "plan.docx")
    subtotal = [r[3:8] for r in rows if r[1] == "รวม"]
    assert subtotal == [["10,000"] * 5, ["-"] * 5, ["5,000"] * 5, ["10,000"] * 5]
    total = next(r for r in rows if r[0] == "รวมทั้งสิ้น")
    assert total[2:8] == ["จำนวน 18 โครงการ"] + ["25,000"] * 5
    assert [r[3] for r in rows if r[2].startswith(("3)", "4)", "13)", "16)"))] == ["5,000", "5,000", "5,000", "10,000"]


def test_budget_in_words_on_the_detail_sheet(plan):
    assert "ปีงบประมาณ พ.ศ. 2566 – 2570 ปีละ 5,000 บาท (ห้าพันบาทถ้วน)" in texts(plan[BUENG_PRUE])
    assert "รวมทั้งสิ้น 25,000 บาท (สองหมื่นห้าพันบาทถ้วน)" in texts(plan[BUENG_PRUE])


def test_second_example_has_its_own_period_and_budgets(example_builds):
    data = validate.load_valid(paths.EXAMPLES_DIR / NONG_BUA)
    rows = budget_rows(example_builds[NONG_BUA].out_dir / "plan.docx")
    years = data.plan.period.years
    total = next(r for r in rows if r[0] == "รวมทั้งสิ้น")
    thai = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
    expected = [sum(p.amount(y) for p in data.plan.projects) for y in years]
    assert [int(c.translate(thai).replace(",", "") or 0) for c in total[3:3 + len(years)]] == expected
    assert len(rows[1]) == 3 + len(years) + 1


def test_plan_in_thai_digits_has_no_arabic_digit(example_copy, tmp_path):
    folder = tmp_path / "thai-digits"
    shutil.copytree(example_copy, folder)
    profile = folder / "organisation.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("plan: arabic", "plan: thai"), encoding="utf-8")
    document = pipeline.render_plan(validate.load_valid(folder))
    body = texts(docx_paragraphs(document.content))
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๖ – ๒๕๗๐ ปีละ ๕,๐๐๐ บาท (ห้าพันบาทถ้วน)" in body
    assert [t for t in body if re.search(r"[0-9]", t)] == []
    sections = Document(io_bytes(document.content)).element.body.iter(qn("w:pgNumType"))
    assert {s.get(qn("w:fmt")) for s in sections} == {"thaiLetters", "thaiNumbers"}


def io_bytes(content: bytes):
    import io

    return io.BytesIO(content)


def test_no_placeholder_and_no_word_of_another_type(plan):
    for name, paragraphs in plan.items():
        text = "\n".join(texts(paragraphs))
        for leftover in ("${", "{{", "{%", "ระบุชื่อ", "XXX"):
            assert leftover not in text, (name, leftover)
    own = catalog.org_type("อบต.")
    others = {t.staff for t in catalog.org_types() if t.staff != own.staff} | {"นายกเทศมนตรี", "เทศบัญญัติ", "เทศบาล"}
    text = "\n".join(texts(plan[BUENG_PRUE]))
    assert [w for w in others if w in text] == []


def test_the_full_name_is_exactly_the_profiles(plan):
    text = "\n".join(texts(plan[BUENG_PRUE]))
    assert "องค์กรบริหารส่วนตำบล" not in text
    names = re.findall(r"องค์การบริหารส่วนตำบล(\S{0,7})", text)
    assert len(names) > 50 and {n[:7] for n in names} == {"บึงปรือ"}


def test_second_example_uses_its_own_types_titles(plan):
    text = "\n".join(texts(plan[NONG_BUA]))
    assert "เทศบาลตำบลหนองบัว" in text
    assert "องค์การบริหารส่วนตำบล" not in text and "พนักงานส่วนตำบล" not in text
    assert "สมาชิกสภาเทศบาล" in text or "พนักงานเทศบาล" in text


def test_headings_are_word_headings_and_fill_the_contents(plan):
    paragraphs = plan[BUENG_PRUE]
    h1 = texts(paragraphs, "Heading1")
    assert h1[:2] == ["คำนำ", "สารบัญ"] and h1[2].startswith("ส่วนที่ 1")
    toc = texts(paragraphs, "TOC1") + texts(paragraphs, "TOC2")
    assert any(t.startswith("มิติที่ 4 ") for t in toc)
    assert all(re.search(r"\t(\d+|[ก-ฮ])$", t) for t in toc), "every contents line has its page number"


def test_page_numbering_sections(example_builds):
    doc = Document(str(example_builds[BUENG_PRUE].out_dir / "plan.docx"))
    formats = [(s.get(qn("w:fmt")), s.get(qn("w:start"))) for s in doc.element.body.iter(qn("w:pgNumType"))]
    assert formats == [("thaiLetters", "1"), ("decimal", "1")]
    orientations = [s.orientation for s in doc.sections]
    assert orientations.count(1) == 1, "ส่วนที่ ๒ is the one landscape section"


@pytest.mark.parametrize("name", [BUENG_PRUE, NONG_BUA])
def test_the_appendix_page_lists_the_documents_as_they_are_rendered(name):
    """The plan is rendered (and converted) before the documents filed after it: it names them from the data."""
    from generator import thai
    from generator.render.context import AppendixEntry

    data = validate.load_valid(paths.EXAMPLES_DIR / name)
    filed = list(pipeline.render_filed(data))
    assert filed and pipeline.appendix_entries(data) == [AppendixEntry(d.group, thai.arabic_digits(d.title))
                                                         for d in filed if d.in_appendix]
