"""The สารบัญ's page numbers: printed by the plan's first conversion (page references LibreOffice fills in, read
back and compared with the pages), else by a second pass where only the front matter is converted again, or
nothing when the last build's สารบัญ was right; whatever the path, the numbers printed are the pages of the
final PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from generator import pages, paths, pipeline, toc, validate
from generator.render.context import TocEntry
from conftest import docx_paragraphs as paragraphs_of


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    folder = tmp_path_factory.mktemp("toc") / "bueng-prue"
    shutil.copytree(paths.DEFAULT_EXAMPLE, folder)
    return folder


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEADER_LINE = re.compile(r"^(.*?\S)\.{3,}\s*(\S+)\s*$")


@pytest.fixture
def unlinked(monkeypatch):
    """Builds take the second pass: the plan's สารบัญ is not linked to its headings."""
    monkeypatch.setattr(toc, "link", lambda body: None)


def contents_page_lines(pdf) -> list[tuple[str, str]]:
    """(title, number) of each line of the PDF's สารบัญ page (its third page), as poppler reads them."""
    text = subprocess.run(["pdftotext", "-layout", "-f", "3", "-l", "3", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode()
    return [(" ".join(m.group(1).split()), m.group(2)) for m in map(LEADER_LINE.match, text.splitlines()) if m]


def squeezed(title: str) -> str:
    """Without spaces: poppler puts one after some tone marks (ป้ องกัน)."""
    return re.sub(r"\s", "", title)


def style_of(paragraph) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return "" if style is None else style.get(f"{W}val")


def printed_contents(plan_docx) -> list[tuple[str, str]]:
    return [(text.split("\t")[0], text.split("\t")[-1]) for style, text in paragraphs_of(plan_docx)
            if style in ("TOC1", "TOC2")]


def test_front_matter_is_cover_preface_and_contents_only():
    data = validate.load_valid(paths.DEFAULT_EXAMPLE)
    plan = pipeline.render_plan(data, [TocEntry(1, "ส่วนที่ 1 บทนำ", "1")])
    front = toc.front_matter(plan.content)
    styles = [s for s, _ in paragraphs_of(front)]
    texts = [t for _, t in paragraphs_of(front)]
    assert "สารบัญ" in texts and "คำนำ" in texts
    assert not any(t.startswith("ส่วนที่") for s, t in paragraphs_of(front) if s == "Heading1")
    assert "Heading2" not in styles


def test_a_plan_in_arabic_digits_prints_its_contents_in_its_first_conversion(org, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(pipeline, "_convert_front_matter", lambda *a: calls.append(a) or False)
    monkeypatch.setattr(toc, "remembered", lambda key: None)
    result = pipeline.build(org, tmp_path)
    pdf = result.out_dir / "plan.pdf"
    truth = [(e.title, e.page) for e in pipeline.table_of_contents(pdf)]
    assert calls == []
    assert [(squeezed(t), p) for t, p in contents_page_lines(pdf)] == [(squeezed(t), p) for t, p in truth]
    assert printed_contents(result.out_dir / "plan.docx") == truth
    assert truth[:2] == [("คำนำ", "ก"), ("ส่วนที่ 1 บทนำ", "1")] and int(truth[-1][1]) > 30


def test_the_word_file_refers_each_body_line_to_its_heading(org, tmp_path):
    """In the DOCX a user gets, a body line's number is a PAGEREF field (its result the printed number) to a
    bookmark on the heading of the same title; คำนำ, in the front matter, keeps a written ก."""
    result = pipeline.build(org, tmp_path)
    with zipfile.ZipFile(result.out_dir / "plan.docx") as docx:
        body = etree.fromstring(docx.read("word/document.xml"))
    headings = {b.get(f"{W}name"): "".join(p.itertext()) for p in body.iter(f"{W}p")
                if style_of(p).startswith("Heading") for b in p.iter(f"{W}bookmarkStart")}
    lines = [p for p in body.iter(f"{W}p") if style_of(p) in ("TOC1", "TOC2")]
    numbers = dict(printed_contents(result.out_dir / "plan.docx"))
    assert len(lines) == 14
    for line in lines:
        title = line.find(f"{W}r/{W}t").text
        instruction = "".join(t.text for t in line.iter(f"{W}instrText")).split()
        if title == "คำนำ":
            assert instruction == [] and numbers[title] == "ก"
            continue
        assert instruction[0] == "PAGEREF"
        assert squeezed(headings[instruction[1]]) == squeezed(title)
        assert numbers[title].isdigit()


def test_numbers_the_first_conversion_did_not_print_right_are_printed_by_a_second_pass(org, tmp_path, monkeypatch):
    calls = []
    real = pipeline._convert_front_matter
    monkeypatch.setattr(pipeline, "_convert_front_matter", lambda *a: calls.append(a) or real(*a))
    monkeypatch.setattr(toc, "prints", lambda pdf, contents: False)
    monkeypatch.setattr(toc, "remembered", lambda key: None)
    result = pipeline.build(org, tmp_path)
    truth = [(e.title, e.page) for e in pipeline.table_of_contents(result.out_dir / "plan.pdf")]
    assert len(calls) == 1
    assert printed_contents(result.out_dir / "plan.docx") == truth and ("ส่วนที่ 1 บทนำ", "1") in truth


def test_a_plan_in_thai_digits_is_not_linked():
    """LibreOffice would print a page reference's digits as Arabic characters drawn in Thai shapes."""
    data = validate.load_valid(paths.EXAMPLES_DIR / "nong-bua-municipality")
    plan, lines = pipeline.render_first_pass(data, None, pipeline.appendix_entries(data))
    assert lines is None and b"PAGEREF" not in zipfile.ZipFile(io.BytesIO(plan.content)).read(
        "word/document.xml")


def test_a_heading_whose_page_number_cannot_be_foretold_leaves_the_plan_unlinked():
    """A front-matter heading that does not open its section: its page's number is not known before layout."""
    data = validate.load_valid(paths.DEFAULT_EXAMPLE)
    plan = pipeline.render_plan(data, toc.PROTOTYPE, pipeline.appendix_entries(data))
    with zipfile.ZipFile(io.BytesIO(plan.content)) as docx:
        body = etree.fromstring(docx.read("word/document.xml")).find(f"{W}body")
    preface = next(p for p in body.iter(f"{W}p") if "".join(p.itertext()) == "คำนำ")
    preface.addprevious(etree.Element(f"{W}p"))
    before = etree.tostring(body)
    assert toc.link(body) is None and etree.tostring(body) == before


def test_a_wrong_guess_still_prints_the_true_pages(org, tmp_path, monkeypatch, unlinked):
    wrong = [TocEntry(1, "คำนำ", "ก"), TocEntry(1, "ส่วนที่ 1 บทนำ", "99")]
    monkeypatch.setattr(toc, "remembered", lambda key: wrong)
    result = pipeline.build(org, tmp_path)
    plan = result.out_dir / "plan.pdf"
    truth = pipeline.table_of_contents(plan)
    assert [(e.title, e.page) for e in truth] == [(t, p) for t, p in printed_contents(result.out_dir / "plan.docx")]
    assert ("ส่วนที่ 1 บทนำ", "1") in [(e.title, e.page) for e in truth]


def test_the_spliced_plan_prints_the_numbers_the_build_derived_for_it(org, tmp_path, monkeypatch, unlinked):
    """The splice notes its PDF's printed numbers from the pages it took; reading the PDF gives the same."""
    from pypdf import PdfReader

    monkeypatch.setattr(toc, "remembered", lambda key: None)
    pdf = pipeline.build(org, tmp_path).out_dir / "plan.pdf"
    assert pages.printed_numbers(pdf) == pages._printed_numbers(pdf, PdfReader(pdf))


def test_the_splice_notes_the_headings_and_numbers_its_pdf_has(org, tmp_path, unlinked):
    """The spliced plan's facts are noted from the two PDFs it was made of; reading it afresh gives the same."""
    from pypdf import PdfReader

    from generator.convert import ConversionJob, convert

    docx = pipeline.build(org, tmp_path / "out").out_dir / "plan.docx"
    (tmp_path / "front.docx").write_bytes(toc.front_matter(docx.read_bytes()))
    convert([ConversionJob(docx, tmp_path / "whole.pdf", False, False),
             ConversionJob(tmp_path / "front.docx", tmp_path / "front.pdf", False, False)])
    target = tmp_path / "spliced.pdf"
    assert toc.splice(tmp_path / "whole.pdf", tmp_path / "front.pdf", target)
    assert pages.headings(target) == pages._headings(PdfReader(target))
    assert pages.printed_numbers(target) == pages._printed_numbers(target, PdfReader(target))
    assert len(pages.headings(target)) > 20


def test_a_rebuild_remembers_the_contents_and_converts_the_plan_once(org, tmp_path, monkeypatch):
    monkeypatch.setenv("PRONGSAI_CONVERT_CACHE", "1")
    first = pipeline.build(org, tmp_path)
    calls = []
    real = pipeline._convert_front_matter
    monkeypatch.setattr(pipeline, "_convert_front_matter", lambda *a: calls.append(a) or real(*a))
    converted = []
    real_submit = pipeline.Converting.submit
    monkeypatch.setattr(pipeline.Converting, "submit", lambda self, d: converted.append(d.path) or real_submit(self, d))
    second = pipeline.build(org, tmp_path)
    assert calls == [] and converted == [d.path for d in second.documents]
    assert printed_contents(second.out_dir / "plan.docx") == printed_contents(first.out_dir / "plan.docx")
    assert pipeline.table_of_contents(second.out_dir / "plan.pdf") == toc.remembered(
        pipeline.contents_key(validate.load_valid(org), second.out_dir))


def test_a_document_without_a_contents_heading_has_no_front_matter():
    data = validate.load_valid(paths.DEFAULT_EXAMPLE)
    announcement = pipeline.render_all(data)[1]
    assert toc.front_matter(announcement.content) is None
