"""A rebuilt plan made from the pages of the pieces a change touched (convert.pieces): it must print every page as
the whole plan converted at once would: the same lines at the same places, the same outline and the same links
of its สารบัญ."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from generator import pages, paths, pipeline, toc, validate
from generator.convert import ConversionJob, cache, convert, groups, pieces
from generator.signing import fields
from tests.test_group_conversion import page_lines

BUDGET = re.compile(r"(budget: \{\d{4}: )(\d+)")


def set_budget(plan: Path, amount: int, *, last: bool = False) -> None:
    """The first (or last) project's budget in its first year."""
    text = plan.read_text(encoding="utf-8")
    found = list(BUDGET.finditer(text))[-1 if last else 0]
    plan.write_text(text[:found.start(2)] + str(amount) + text[found.end(2):], encoding="utf-8")


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch) -> None:
    """Caches of this test's own, so that no PDF of an earlier run is found."""
    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path / "cache" / "pdf")
    monkeypatch.setattr(pieces.LAYOUTS, "folder", tmp_path / "cache" / "pieces")
    monkeypatch.setattr(toc.MEMOS, "folder", tmp_path / "cache" / "toc")


@pytest.fixture
def stitched(monkeypatch) -> list[bool]:
    """Whether each build's plan was put together from pieces (what ``pieces.stitch`` answered)."""
    answers: list[bool] = []
    stitch = pieces.stitch

    def watched(*args, **kwargs):
        result = stitch(*args, **kwargs)
        answers.append(result)
        return result
    monkeypatch.setattr(pieces, "stitch", watched)
    return answers


def whole(plan_docx: Path, thai: bool, tmp_path: Path) -> Path:
    """The plan's DOCX converted at once, as a build without a remembered layout converts it."""
    job = ConversionJob(Path(shutil.copyfile(plan_docx, tmp_path / "whole.docx")), tmp_path / "whole.pdf", thai)
    convert([job], use_cache=False)
    return job.pdf


@pytest.mark.parametrize("example, last", [("bueng-prue", False), ("bueng-prue", True),
                                           ("nong-bua-municipality", False), ("nong-bua-municipality", True)])
def test_a_rebuild_converts_the_changed_pieces_and_prints_the_whole_plan(example, last, tmp_path, stitched):
    """The first project's budget is in ส่วนที่ ๒'s table and the first มิติ, which follow each other; the last
    project's in ส่วนที่ ๒ and the last มิติ. บึงปรือ prints Arabic digits, หนองบัว Thai digits. In หนองบัว's
    first มิติ, "๘. ผู้รับผิดชอบโครงการ" is kept with the next paragraph: converted without what comes before it,
    LibreOffice left it alone at the foot of page ๕."""
    org = Path(shutil.copytree(paths.EXAMPLES_DIR / example, tmp_path / example))
    set_budget(org / "plan.yaml", 123_457, last=last)
    pipeline.build(org, tmp_path / "out")
    assert stitched == []  # nothing remembered: the whole plan
    set_budget(org / "plan.yaml", 987_653, last=last)
    result = pipeline.build(org, tmp_path / "out")
    assert stitched == [True]

    plan = result.out_dir / "plan.pdf"
    reference = whole(result.out_dir / "plan.docx", example == "nong-bua-municipality", tmp_path)
    assert page_lines(plan) == page_lines(reference)
    assert pages.headings(plan) == pages.headings(reference)
    links = [len(page.get("/Annots", [])) for page in PdfReader(reference).pages]
    assert [len([a for a in page.get("/Annots", []) if a.get_object()["/Subtype"] == "/Link"])
            for page in PdfReader(plan).pages] == links
    printed = "".join(line for page in page_lines(plan) for line, _, _ in page)
    assert ("๙๘๗,๖๕๓" if example == "nong-bua-municipality" else "987,653") in printed


def test_a_piece_that_does_not_print_as_before_makes_the_whole_plan_converted(tmp_path, stitched):
    """A project given a page more of rationale moves every later page: the pieces cannot be put in place of
    the old pages, and the plan is converted whole, as a first build converts it."""
    org = Path(shutil.copytree(paths.DEFAULT_EXAMPLE, tmp_path / "bueng-prue"))
    pipeline.build(org, tmp_path / "out")
    plan_yaml = org / "plan.yaml"
    text = plan_yaml.read_text(encoding="utf-8")
    longer = "    rationale:\n" + "".join(f"      - ย่อหน้าที่เพิ่มเข้ามาเพื่อให้โครงการยาวขึ้นอีกหนึ่งหน้า ลำดับ {n} "
                                         "ซึ่งทำให้หน้าต่อจากนี้เลื่อนออกไปทั้งหมด\n" for n in range(30))
    plan_yaml.write_text(text.replace("    rationale:\n", longer, 1), encoding="utf-8")
    result = pipeline.build(org, tmp_path / "out")
    assert stitched == [False]
    plan = result.out_dir / "plan.pdf"
    assert page_lines(plan) == page_lines(whole(result.out_dir / "plan.docx", False, tmp_path))


def test_a_plan_made_in_pieces_before_is_taken_from_the_cache(tmp_path, stitched):
    """A budget set back to an amount built before finds the plan put together then: nothing is converted."""
    org = Path(shutil.copytree(paths.DEFAULT_EXAMPLE, tmp_path / "bueng-prue"))
    for amount in (123_459, 987_655, 555_555):
        set_budget(org / "plan.yaml", amount)
        result = pipeline.build(org, tmp_path / "out")
        if amount == 987_655:
            made = (result.out_dir / "plan.pdf").read_bytes()
    assert stitched == [True, True]
    set_budget(org / "plan.yaml", 987_655)
    result = pipeline.build(org, tmp_path / "out")
    assert stitched == [True, True]
    assert (result.out_dir / "plan.pdf").read_bytes() == made


def test_a_plan_whose_body_numbers_on_from_piece_to_piece_is_not_cut():
    """List numbering (or a field, a footnote) could be renumbered by a change in pages it did not touch."""
    plan = pipeline.render_plan(validate.load_valid(paths.DEFAULT_EXAMPLE))
    assert pieces.cut(plan.content, "") is not None
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(plan.content)).read(pieces.DOCUMENT))
    last = [p for p in root.iter(f"{{{pieces.W}}}p")][-2]
    properties = last.find(f"{{{pieces.W}}}pPr")
    if properties is None:
        properties = etree.SubElement(last, f"{{{pieces.W}}}pPr")
    properties.append(etree.Element(f"{{{pieces.W}}}numPr"))
    assert pieces.cut(groups.with_document(plan.content, root), "") is None


def test_runs_of_changed_pieces():
    assert pieces.runs([2, 3, 6]) == [range(2, 4), range(6, 7)]
    assert pieces.runs([]) == []


def test_a_rebuild_takes_the_signature_fields_of_unchanged_pdfs_from_the_cache(tmp_path, monkeypatch):
    """Reading a PDF's lines to place its fields is done once per PDF: a rebuild after a budget change reads only
    the plan's, and every document keeps the fields it had."""
    org = Path(shutil.copytree(paths.DEFAULT_EXAMPLE, tmp_path / "bueng-prue"))
    set_budget(org / "plan.yaml", 123_458)
    first = pipeline.build(org, tmp_path / "out")
    before = {d.pdf_path: fields.all_fields(first.out_dir / d.pdf_path) for d in first.documents}
    read: list[Path] = []
    find_blocks = fields.find_blocks
    monkeypatch.setattr(fields, "find_blocks", lambda pdf, names: read.append(pdf) or find_blocks(pdf, names))
    set_budget(org / "plan.yaml", 987_654)
    second = pipeline.build(org, tmp_path / "out")
    assert [pdf.name for pdf in read] == ["plan.pdf"] or read == []  # the plan names no signer in some types
    assert {d.pdf_path: fields.all_fields(second.out_dir / d.pdf_path) for d in second.documents} == before
    assert any(before.values())
