"""The example organisation's plan against the printed seed: ส่วนที่ ๑ to the end of ส่วนที่ ๓ on 38 ± 5 pages.

The seed was printed from Word with the real TH SarabunIT๙; the example data reproduces its text. A large
difference means the font metrics, line spacing or template layout drifted away from what clerks print.
"""

from __future__ import annotations

import pytest

from generator import fonts, pages, paths, pipeline
from generator.convert import check
from conftest import docx_paragraphs

SEED_BODY_PAGES = 38
TOLERANCE = 5


@pytest.fixture(scope="module")
def example_build(tmp_path_factory):
    if not (paths.DEFAULT_EXAMPLE / "plan.yaml").is_file():
        pytest.skip("the example organisation is not on this branch yet")
    out = tmp_path_factory.mktemp("calibration")
    return pipeline.build(paths.DEFAULT_EXAMPLE, out)


@pytest.fixture(scope="module")
def example_plan(example_build):
    return next(p for p in example_build.files if p.name == "plan.pdf")


def body_page_numbers(pdf) -> list[str]:
    """Printed numbers of the pages numbered 1, 2, … up to the end of ส่วนที่ ๓ (front matter is numbered ก, ข …;
    the cover not at all; the ภาคผนวก page that follows ส่วนที่ ๓ is not part of the seed's count)."""
    end = next((h.page for h in pages.headings(pdf) if h.level == 1 and h.title == "ภาคผนวก"), None)
    return [n for n in pages.printed_numbers(pdf)[:end] if n.isdigit()]


def test_front_matter_is_cover_preface_and_contents_on_one_page_each(example_plan):
    """As in the seed: คำนำ on ก, สารบัญ on ข (with lines 1.30 em apart the คำนำ spilled onto ข)."""
    numbers = pages.printed_numbers(example_plan)
    assert numbers[:4] == ["", "ก", "ข", "1"]


def test_parts_one_to_three_are_as_long_as_the_printed_seed(example_plan):
    body = body_page_numbers(example_plan)
    assert abs(len(body) - SEED_BODY_PAGES) <= TOLERANCE, f"{len(body)} pages"


def test_example_pdfs_have_no_box_no_detached_mark_and_no_fallback_font(example_build):
    substitute = fonts.choose("TH SarabunIT๙").is_substitute
    pdfs = [p for p in example_build.files if p.suffix == ".pdf"]
    assert len(pdfs) > 1
    for pdf in pdfs:
        assert check.tofu(pdf) == [], pdf.name
        assert check.detached_marks(pdf) == [], pdf.name
        if substitute:
            assert {name.split("-")[0] for name in check.embedded_fonts(pdf)} == {fonts.SUBSTITUTE_POSTSCRIPT}, pdf.name


def test_example_pdfs_break_no_latin_word_or_number_across_lines(example_build):
    """With the templates' Western language th-TH, LibreOffice broke "Assessme|nt", "2566 – 2|570" and
    "นร 1|013.7" in the plan; the copy it converts lays Latin text and digits out in English."""
    pdfs = [p for p in example_build.files if p.suffix == ".pdf" and p.with_suffix(".docx").is_file()]
    assert any(p.name == "plan.pdf" for p in pdfs)
    for pdf in pdfs:
        paragraphs = [text for _, text in docx_paragraphs(pdf.with_suffix(".docx"))]
        assert check.split_words(pdf, paragraphs) == [], pdf.name
