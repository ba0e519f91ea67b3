"""The สารบัญ's second pass: only the front matter is converted again, or nothing when the last build's
สารบัญ was right; whatever the path, the numbers printed are the pages of the final PDF."""

from __future__ import annotations

import shutil

import pytest

from generator import pages, paths, pipeline, toc, validate
from generator.render.context import TocEntry
from conftest import docx_paragraphs as paragraphs_of


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    folder = tmp_path_factory.mktemp("toc") / "bueng-prue"
    shutil.copytree(paths.DEFAULT_EXAMPLE, folder)
    return folder


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


def test_a_wrong_guess_still_prints_the_true_pages(org, tmp_path, monkeypatch):
    wrong = [TocEntry(1, "คำนำ", "ก"), TocEntry(1, "ส่วนที่ 1 บทนำ", "99")]
    monkeypatch.setattr(toc, "remembered", lambda key: wrong)
    result = pipeline.build(org, tmp_path)
    plan = result.out_dir / "plan.pdf"
    truth = pipeline.table_of_contents(plan)
    assert [(e.title, e.page) for e in truth] == [(t, p) for t, p in printed_contents(result.out_dir / "plan.docx")]
    assert ("ส่วนที่ 1 บทนำ", "1") in [(e.title, e.page) for e in truth]


def test_the_spliced_plan_prints_the_numbers_the_build_derived_for_it(org, tmp_path, monkeypatch):
    """The splice notes its PDF's printed numbers from the pages it took; reading the PDF gives the same."""
    from pypdf import PdfReader

    monkeypatch.setattr(toc, "remembered", lambda key: None)
    pdf = pipeline.build(org, tmp_path).out_dir / "plan.pdf"
    assert pages.printed_numbers(pdf) == pages._printed_numbers(pdf, PdfReader(pdf))


def test_the_splice_notes_the_headings_and_numbers_its_pdf_has(org, tmp_path):
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
