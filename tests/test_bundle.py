"""The assembled plan (one PDF, cover to ภาคผนวก), opened as a reader would: its order, bookmarks, page labels,
สารบัญ numbers, metadata, fonts, and PDF/A. Built by the real pipeline with the real LibreOffice."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import assemble, catalog, fonts, pages, pipeline, thai, validate
from generator.convert import check
from generator.render.context import project_titles

ARABIC_PLAN = "bueng-prue"  # plan in Arabic digits, appendix in Thai digits
THAI_PLAN = "nong-bua-municipality"  # everything in Thai digits
TOC_LINE = re.compile(r"^(\s*)(.+?)\.{3,}\s*(\S+)\s*$")


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def official_number(pdf: Path, index: int) -> str:
    """The "- n -" an announcement, order or report prints at the top of its pages 2, 3 … ('' if none)."""
    band = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(index + 1), "-l", str(index + 1), "-x", "0", "-y",
                           "0", "-W", "10000", "-H", "60", str(pdf), "-"], capture_output=True, text=True).stdout
    match = re.search(r"-\s*([0-9๐-๙]+)\s*-", band)
    return match.group(1) if match else ""


def page_text(pdf: Path, index: int, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), "-f", str(index + 1), "-l", str(index + 1)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


class Bundle:
    """One example's build: the bundle, its parts and the data they came from."""

    def __init__(self, result, name: str):
        self.result = result
        self.data = validate.load_valid(pipeline.paths.EXAMPLES_DIR / name)
        self.path = result.bundle
        self.reader = PdfReader(self.path)
        self.parts = [result.out_dir / d.pdf_path for d in result.documents]
        self.documents = result.documents
        self.starts, start = [], 0
        for part in self.parts:
            self.starts.append(start)
            start += len(PdfReader(part).pages)
        self.labels = self.reader.page_labels
        # The text layer holds Arabic digits where LibreOffice draws a page number in Thai ones (the glyphs are
        # checked in test_convert): each document's digit style says what is printed.
        styles = [("thai" if d.thai_numerals else "arabic", len(PdfReader(p).pages))
                  for d, p in zip(self.documents, self.parts)]
        numbers = pages.printed_numbers(self.path, self.reader)
        offset = 0
        self.printed = []
        for style, count in styles:
            self.printed += [thai.digits(n, style) for n in numbers[offset:offset + count]]
            offset += count


@pytest.fixture(scope="module")
def bundles(example_builds) -> dict[str, Bundle]:
    return {name: Bundle(example_builds[name], name) for name in (ARABIC_PLAN, THAI_PLAN)}


@pytest.fixture(params=[ARABIC_PLAN, THAI_PLAN])
def bundle(request, bundles) -> Bundle:
    return bundles[request.param]


def test_the_bundle_has_a_clerk_readable_windows_safe_name(bundles):
    b = bundles[ARABIC_PLAN]
    assert b.path.name == "แผนปฏิบัติการป้องกันการทุจริต 2566-2570 องค์การบริหารส่วนตำบลบึงปรือ.pdf"
    assert b.path.parent == b.result.out_dir and b.path in b.result.files
    assert not re.search(r'[\\/:*?"<>|]', bundles[THAI_PLAN].path.name)


def test_windows_safe_names():
    assert assemble.windows_safe('แผน: "ก/ข" <ค>|ง?* . ') == "แผน- -ก-ข- -ค--ง--"
    assert assemble.windows_safe("ก" * 300) == "ก" * assemble.MAX_NAME_CHARS


def test_the_bundle_has_every_parts_signature_fields_on_its_pages(bundle):
    """The parts' empty signature fields, each on the same page of its part in the bundle, at the same place."""
    from generator.signing.fields import all_fields

    expected = sorted((page + start, tuple(rect)) for part, start in zip(bundle.parts, bundle.starts)
                      for _, _, page, rect in all_fields(part))
    found = all_fields(bundle.path)
    assert len(expected) >= 10
    assert sorted((page, tuple(rect)) for _, _, page, rect in found) == expected
    assert not any(signed for _, signed, _, _ in found)


def test_parts_follow_in_filing_order(bundle):
    """Plan first, then every announcement, order and internal-control report, each page for page."""
    assert [d.group for d in bundle.documents][:1] == ["plan"]
    groups = [d.group for d in bundle.documents[1:]]
    assert groups == sorted(groups, key=["appendix", "internal-control"].index) and "internal-control" in groups
    total = sum(len(PdfReader(p).pages) for p in bundle.parts)
    assert len(bundle.reader.pages) == total
    for part, start in zip(bundle.parts, bundle.starts):
        last = len(PdfReader(part).pages) - 1
        assert page_text(bundle.path, start) == page_text(part, 0), part.name
        assert page_text(bundle.path, start + last) == page_text(part, last), part.name


def test_bookmarks_mirror_the_plan_and_its_appendix(bundle):
    marks = outline(bundle.reader)
    top = [title for depth, title, _ in marks if depth == 0]
    digits = bundle.data.organisation.digits.plan
    words = catalog.bundle()
    assert top[0] == words.cover and top[1:3] == ["คำนำ", "สารบัญ"]
    assert [t.split()[:2] for t in top[3:6]] == [["ส่วนที่", thai.digits(str(n), digits)] for n in (1, 2, 3)]
    assert top[6:] == ["ภาคผนวก"]
    # every project, under its มิติ, with its title, on the page LibreOffice put its heading on
    heads = {h.title: h.page for h in pages.headings(bundle.parts[0])}
    titles = project_titles(bundle.data)
    projects = [(d, t, p) for d, t, p in marks if t.startswith("ลำดับที่")]
    assert len(projects) == len(titles) == len(bundle.data.plan.projects)
    for n, (depth, title, page) in enumerate(projects, start=1):
        label = f"ลำดับที่ {thai.digits(str(n), digits)}"
        assert depth == 2 and title == f"{label} {thai.digits(titles[n], digits)}"
        assert page == heads[label]
    dimensions = [t for d, t, _ in marks if d == 1 and t.startswith("มิติที่")]
    assert len(dimensions) == len({p.code.split(".")[0] for p in bundle.data.plan.projects})
    # the ภาคผนวก: its own page in the plan, then each document on its first page
    appendix_index = next(i for i, (d, t, _) in enumerate(marks) if d == 0 and t == "ภาคผนวก")
    assert marks[appendix_index][2] == len(PdfReader(bundle.parts[0]).pages) - 1
    children = marks[appendix_index + 1:]
    assert [p for _, _, p in children] == bundle.starts[1:]
    for n, ((depth, title, _), document) in enumerate(zip(children, bundle.documents[1:]), start=1):
        style = "thai" if document.thai_numerals else "arabic"
        assert depth == 1 and title == thai.digits(f"{n}. {document.title}", style)


def test_page_labels_are_the_printed_numbers(bundle):
    plan_pages = len(PdfReader(bundle.parts[0]).pages)
    labels, printed = bundle.labels, bundle.printed
    assert labels[0] == catalog.bundle().cover and printed[0] == ""
    assert labels[1:plan_pages] == printed[1:plan_pages]
    digits = bundle.data.organisation.digits.plan
    assert labels[1:4] == ["ก", "ข", thai.digits("1", digits)]
    # "go to page 12" lands on the page that prints 12
    twelve = thai.digits("12", digits)
    assert printed[labels.index(twelve)] == twelve


def test_appendix_pages_keep_their_own_numbers_and_are_labelled_by_document(bundle):
    for n, (document, start, part) in enumerate(zip(bundle.documents[1:], bundle.starts[1:], bundle.parts[1:]),
                                                 start=1):
        count = len(PdfReader(part).pages)
        style = "thai" if document.thai_numerals else "arabic"
        assert official_number(bundle.path, start) == "", f"{document.path}: page 1 prints no number"
        for p in range(count):
            assert bundle.labels[start + p] == thai.digits(f"ผ.{n}-{p + 1}", style)
            if p:  # drawn in the document's digit style; the text layer says Arabic (see Bundle)
                assert official_number(bundle.path, start + p) == str(p + 1), document.path


def test_table_of_contents_numbers_are_the_pages_of_the_bundle(bundle):
    """Every สารบัญ line, the ภาคผนวก included, names the label of the page its bookmark opens."""
    contents = bundle.labels.index("ข")
    lines = [m for m in map(TOC_LINE.match, page_text(bundle.path, contents, layout=True).splitlines()) if m]
    marks = [(d, t, p) for d, t, p in outline(bundle.reader)
             if d <= 1 and t not in (catalog.bundle().cover, "สารบัญ") and not t.startswith("ลำดับที่")
             and p < bundle.starts[1]]
    assert len(lines) == len(marks) and lines
    for match, (depth, title, page) in zip(lines, marks):
        assert match.group(3) == bundle.labels[page] == bundle.printed[page], title
        assert bool(match.group(1)) == (depth == 1), title
    appendix_page = next(p for d, t, p in marks if t == "ภาคผนวก")
    assert lines[-1].group(3) == bundle.printed[appendix_page]


def test_metadata_is_thai_and_names_the_organisation(bundle):
    info = pdfinfo(bundle.path)
    org = bundle.data.organisation
    assert info["Author"] == org.full_name
    assert info["Title"].startswith("แผนปฏิบัติการป้องกันการทุจริต")
    assert org.full_name in info["Subject"] and org.province in info["Subject"]
    assert "แผนปฏิบัติการป้องกันการทุจริต" in info["Keywords"] and org.full_name in info["Keywords"]
    assert bundle.reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_fonts_are_embedded_and_nothing_is_drawn_as_a_box(bundle):
    assert check.tofu(bundle.path) == []
    out = subprocess.run(["pdffonts", str(bundle.path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows), "every font embedded"
    expected = {fonts.SUBSTITUTE_POSTSCRIPT} if fonts.choose("TH SarabunIT๙").is_substitute else None
    names = {row[0].split("+")[-1].split("-")[0] for row in rows}
    if expected:
        assert names == expected


def test_label_ranges_compress_decimal_runs():
    assert assemble.label_ranges(["ปก", "ก", "ข", "1", "2", "3", "ผ.1-1", "ผ.1-2", "ผ.๒-๑"]) == [
        (0, 0, "ปก", None), (1, 1, "ก", None), (2, 2, "ข", None), (3, 5, "", 1), (6, 7, "ผ.1-", 1),
        (8, 8, "ผ.๒-๑", None)]


@pytest.fixture(scope="module")
def pdfa_bundle(tmp_path_factory) -> Path:
    result = pipeline.build(pipeline.paths.EXAMPLES_DIR / THAI_PLAN, tmp_path_factory.mktemp("pdfa"), pdfa=True)
    return result.bundle


def test_pdfa_bundle_declares_pdfa_2b_consistently(pdfa_bundle):
    """What PDF/A-2b asks of the merged file that the merge could break (veraPDF is not available here)."""
    reader = PdfReader(pdfa_bundle)
    root = reader.trailer["/Root"]
    assert "/Encrypt" not in reader.trailer and len(reader.trailer["/ID"]) == 2
    assert pdfa_bundle.read_bytes()[9:14] == b"%\xe2\xe3\xcf\xd3"  # binary comment after the header
    intents = root["/OutputIntents"]
    assert len(intents) == 1 and intents[0].get_object()["/S"] == "/GTS_PDFA1"
    assert intents[0].get_object()["/DestOutputProfile"].get_object().get_data()[36:40] == b"acsp"  # an ICC profile
    metadata = root["/Metadata"].get_object()
    assert "/Filter" not in metadata
    xmp = reader.xmp_metadata
    packet = metadata.get_data().decode("utf-8")
    assert len(re.findall(r'pdfaid:part(?:>2</pdfaid:part>|="2")', packet)) == 1  # element or attribute form
    assert re.search(r'pdfaid:conformance(?:>B<|="B")', packet)
    info = reader.metadata
    assert xmp.dc_title["x-default"] == info["/Title"]
    assert xmp.dc_creator == [info["/Author"]]
    assert xmp.dc_description["x-default"] == info["/Subject"]
    assert xmp.pdf_keywords == info["/Keywords"] and xmp.pdf_producer == info["/Producer"]
    assert xmp.xmp_create_date.strftime("D:%Y%m%d%H%M%SZ") == info["/CreationDate"]
    assert xmp.xmp_creator_tool == info["/Creator"]
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            assert annotation.get_object()["/F"] & 4, "annotations must be printable"
    out = subprocess.run(["pdffonts", str(pdfa_bundle)], capture_output=True, text=True, check=True).stdout
    assert all(line.split()[-5] == "yes" for line in out.splitlines()[2:])
    for part in pdfa_bundle.parent.rglob("*.pdf"):
        assert "<pdfaid:part>2</pdfaid:part>" in PdfReader(part).trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def test_a_plan_without_appendix_documents_is_bundled_alone(minimal_org, tmp_path):
    result = pipeline.build(minimal_org, tmp_path)
    reader = PdfReader(result.bundle)
    assert len(reader.pages) == len(PdfReader(result.out_dir / "plan.pdf").pages)
    titles = [t for _, t, _ in outline(reader)]
    assert "ภาคผนวก" not in titles and titles[:3] == [catalog.bundle().cover, "คำนำ", "สารบัญ"]
    assert not any(label.startswith("ผ.") for label in reader.page_labels)
