"""Filed documents of one family converted as one LibreOffice document and split again (convert.groups): every
page must come out as it does when the document is converted alone — the same lines at the same places."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from generator import paths, pipeline, validate
from generator.convert import ConversionJob, convert, groups

XHTML = "{http://www.w3.org/1999/xhtml}"


def page_lines(pdf: Path) -> list[list[tuple[str, float, float]]]:
    """Each page's text lines and where they start (x, y to 0.1 pt), as poppler reads them."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=True))
    return [[("".join(w.text or "" for w in line.iter(f"{XHTML}word")),
              round(float(line.get("xMin")), 1), round(float(line.get("yMin")), 1)) for line in page.iter(f"{XHTML}line")]
            for page in root.iter(f"{XHTML}page")]


@pytest.mark.parametrize("example", ["bueng-prue", "nong-bua-municipality"])
def test_documents_converted_together_print_every_page_as_alone(example, tmp_path):
    filed = list(pipeline.render_filed(validate.load_valid(paths.EXAMPLES_DIR / example)))
    families: dict[str, list] = {}
    for document in filed:
        families.setdefault(groups.family(document.content, document.thai_numerals), []).append(document)
    together = [family for family in families.values() if len(family) > 1]
    # the announcements and orders but the working group's order (its template has a style of its own); the reports
    assert [[d.group for d in family] for family in together] == [["appendix"] * 9, ["internal-control"] * 5]

    alone, merged = [], []
    for number, document in enumerate(filed):
        (tmp_path / f"{number}.docx").write_bytes(document.content)
        alone.append(ConversionJob(tmp_path / f"{number}.docx", tmp_path / f"{number}.pdf", document.thai_numerals))
    for number, family in enumerate(together):
        (tmp_path / f"family-{number}.docx").write_bytes(groups.merged([d.content for d in family]))
        merged.append(ConversionJob(tmp_path / f"family-{number}.docx", tmp_path / f"family-{number}.pdf",
                                    family[0].thai_numerals))
    convert(alone + merged, use_cache=False)

    for job, family in zip(merged, together):
        parts = [(tmp_path / f"split-{filed.index(d)}.pdf", groups.title(d.content), groups.opening(d.content))
                 for d in family]
        assert groups.split(job.pdf, parts)
        for document, (split, title, _) in zip(family, parts):
            assert page_lines(split) == page_lines(tmp_path / f"{filed.index(document)}.pdf"), document.path
            assert PdfReader(split).metadata["/Title"] == title == PdfReader(
                tmp_path / f"{filed.index(document)}.pdf").metadata["/Title"]


def test_a_pdf_that_cannot_be_split_by_its_page_numbers_is_left_alone(example_builds, tmp_path):
    """The plan numbers its pages ก, ข, 1, 2 …: read as documents, its pages would be more than two, so it cannot
    be split into two, and nothing is written."""
    plan = example_builds["bueng-prue"].out_dir / "plan.pdf"
    parts = [(tmp_path / "a.pdf", "a", ""), (tmp_path / "b.pdf", "b", "")]
    assert not groups.split(plan, parts)
    assert list(tmp_path.iterdir()) == []


def test_a_document_whose_body_ends_with_a_table_is_converted_alone():
    """Its section would have to end inside the table, or with a paragraph it does not have."""
    announcement = next(iter(pipeline.render_filed(validate.load_valid(paths.DEFAULT_EXAMPLE))))
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(announcement.content)).read(groups.DOCUMENT))
    body = root.find(f"{{{groups.W}}}body")
    body.insert(len(body) - 1, etree.Element(f"{{{groups.W}}}tbl"))  # before the section properties
    assert groups.family(announcement.content, True) is not None
    assert groups.family(groups.with_document(announcement.content, root), True) is None


def test_a_family_split_once_comes_from_the_cache_the_next_time(tmp_path, monkeypatch):
    """A rebuild finds the family's PDF in the cache, and its parts with it: they are not split again."""
    family = [d for d in pipeline.render_filed(validate.load_valid(paths.DEFAULT_EXAMPLE))
              if d.group == "internal-control"]
    (tmp_path / "family.docx").write_bytes(groups.merged([d.content for d in family]))
    convert([ConversionJob(tmp_path / "family.docx", tmp_path / "family.pdf", family[0].thai_numerals)],
            use_cache=False)
    parts = [(tmp_path / f"{number}.pdf", groups.title(d.content), groups.opening(d.content))
             for number, d in enumerate(family)]
    assert groups.split(tmp_path / "family.pdf", parts, cached=True)
    first = [target.read_bytes() for target, _, _ in parts]
    for target, _, _ in parts:
        target.unlink()
    monkeypatch.setattr(groups, "_split", lambda *_: pytest.fail("the family was split again"))
    assert groups.split(tmp_path / "family.pdf", parts, cached=True)
    assert [target.read_bytes() for target, _, _ in parts] == first
