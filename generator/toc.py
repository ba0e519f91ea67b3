"""The สารบัญ's page numbers, printed by the plan's first conversion where LibreOffice can, else by a cheap second
pass.

- ``link`` makes the first pass print them: each body entry's number is a PAGEREF field to a bookmark on its
  heading, which LibreOffice fills in from its own layout while it exports. That is not trusted: ``prints``
  reads the numbers back from the PDF's สารบัญ page and the build compares them with the pages the headings are
  on; only when they agree is the second pass left out, and ``filled`` writes the numbers into the fields'
  results in the DOCX the user gets (what Word shows until its fields are updated). Entries in the front matter
  (คำนำ) keep a written number: LibreOffice prints a page reference in Arabic digits whatever the page prints
  (ก). It is used for plans in Arabic digits only: LibreOffice would write a field's digits as Arabic
  characters in Thai shapes, not as Thai digits.

- ``front_matter`` cuts the plan DOCX after the section that holds the สารบัญ (the body restarts its numbering
  at 1 in the next section, so nothing after it depends on the front matter); LibreOffice converts those few
  pages, and ``splice`` puts them in front of the first pass's body pages. The caller checks the result: the
  สารบัญ read back from the spliced PDF must be the one printed in it, else it converts the whole plan again.
- ``remembered``/``remember`` keep the last สารบัญ of an organisation's edition: a rebuild renders the plan
  with it at once and, when the layout did not move (a budget changed, a sentence was fixed), needs no second
  pass at all.
"""

from __future__ import annotations

import copy
import io
import re
import subprocess
import zipfile
from pathlib import Path

from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from generator import pages
from generator.memo import Memos
from generator.publish import write_pdf
from generator.render.context import TocEntry

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENTS_TITLE = "สารบัญ"
HEADING_LEVELS = {"Heading1": 1, "Heading2": 2}  # the headings the สารบัญ lists, as the PDF outline's levels
ENTRY_STYLES = {1: "TOC1", 2: "TOC2"}
UNFILLED = "0"  # a field's result before LibreOffice or ``filled`` sets it
PROTOTYPE = [TocEntry(1, "-", UNFILLED), TocEntry(2, "-", UNFILLED)]  # a line of each level, for ``link`` to copy
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
BOOKMARK = "_Toc_prongsai_{}"
# The number printed on the first page of a section, by its w:pgNumType w:fmt (a section starting at 1).
FIRST_PAGE_LABEL = {None: "1", "decimal": "1", "thaiLetters": "ก", "thaiNumbers": "๑", "lowerRoman": "i",
                    "upperRoman": "I", "lowerLetter": "a", "upperLetter": "A"}
_LEADER_NUMBER = re.compile(r"\.{3,}\s*(\S+)\s*$")
MEMOS = Memos("toc")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def front_matter(docx: bytes) -> bytes | None:
    """The DOCX up to the end of the section holding the สารบัญ heading; None when it has no such heading or
    no section ends after it (then the whole plan is converted again)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        root = etree.fromstring(source.read("word/document.xml"))
        body = root.find(_w("body"))
        children = list(body)
        heading = next((i for i, el in enumerate(children) if el.tag == _w("p") and is_contents_heading(el)), None)
        if heading is None:
            return None
        end = next((i for i in range(heading, len(children))
                    if children[i].tag == _w("p") and children[i].find(f"{_w('pPr')}/{_w('sectPr')}") is not None),
                   None)
        if end is None:
            return None
        section = children[end].find(f"{_w('pPr')}/{_w('sectPr')}")
        section.getparent().remove(section)
        for el in children[end + 1:]:
            body.remove(el)
        body.append(section)
        return with_document(source, root)


def with_document(source: zipfile.ZipFile, root: etree._Element) -> bytes:
    """The DOCX ``source`` with ``root`` as its ``word/document.xml``, every other part as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info, data)
    return out.getvalue()


def is_contents_heading(paragraph) -> bool:
    return paragraph_style(paragraph) == "Heading1" and outline_text(paragraph) == CONTENTS_TITLE


def paragraph_style(paragraph) -> str | None:
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    return None if style is None else style.get(_w("val"))


def outline_text(paragraph) -> str:
    """The paragraph's text as the PDF outline titles it: line breaks and tabs as spaces, spaces collapsed."""
    parts = [el.text or "" if el.tag == _w("t") else " " for el in paragraph.iter(_w("t"), _w("br"), _w("tab"))]
    return " ".join("".join(parts).split())


def section_end(children: list, start: int) -> int | None:
    """The index of the paragraph that ends the section holding ``children[start]`` (None: the body's last)."""
    return next((i for i in range(start, len(children))
                 if children[i].tag == _w("p") and children[i].find(f"{_w('pPr')}/{_w('sectPr')}") is not None), None)


# --- the first pass prints the page numbers ------------------------------------------------------------------

def link(body: etree._Element) -> list[TocEntry] | None:
    """Turn the plan's สารบัญ, rendered from ``PROTOTYPE``, into one line per heading whose number is a page
    reference to that heading (a written number in the front matter); returns the lines (the written numbers
    filled in, the others empty), or None, leaving ``body`` as it was, when the plan cannot be linked: no
    สารบัญ, no line of each level to copy, or a front-matter heading whose page number cannot be foretold."""
    children = list(body)
    lines = [p for p in body.iter(_w("p")) if paragraph_style(p) in ENTRY_STYLES.values()]
    contents = next((i for i, el in enumerate(children) if el.tag == _w("p") and is_contents_heading(el)), None)
    if contents is None or [paragraph_style(p) for p in lines] != [ENTRY_STYLES[e.level] for e in PROTOTYPE] \
            or any(len(_text_runs(p)) < 2 for p in lines):  # a title and a number
        return None
    front_end = section_end(children, contents)
    planned = []
    for index, paragraph in enumerate(children):
        level = HEADING_LEVELS.get(paragraph_style(paragraph)) if paragraph.tag == _w("p") else None
        if level is None or index == contents:
            continue
        written = _front_page_label(children, index) if front_end is None or index <= front_end else ""
        if written is None:
            return None
        planned.append((paragraph, TocEntry(level, outline_text(paragraph), written)))
    prototypes = dict(zip((e.level for e in PROTOTYPE), lines))
    first_id = 1 + max((int(b.get(_w("id"), "0")) for b in body.iter(_w("bookmarkStart"))), default=0)
    for n, (heading, entry) in enumerate(planned):
        line = copy.deepcopy(prototypes[entry.level])
        runs = _text_runs(line)
        runs[0].find(_w("t")).text = entry.title
        if entry.page:
            runs[-1].find(_w("t")).text = entry.page
        else:
            _bookmark(heading, BOOKMARK.format(n), first_id + n)
            _page_reference(runs[-1], BOOKMARK.format(n))
        lines[0].addprevious(line)
    for prototype in lines:
        prototype.getparent().remove(prototype)
    return [entry for _, entry in planned]


def _text_runs(paragraph: etree._Element) -> list[etree._Element]:
    return [r for r in paragraph.iter(_w("r")) if r.find(_w("t")) is not None]


def _front_page_label(children: list, index: int) -> str | None:
    """The number printed on the page of a front-matter heading, when it opens its section (which starts at
    page 1); else None."""
    before = children[index - 1] if index else None
    opens = before is None or (before.tag == _w("p") and before.find(f"{_w('pPr')}/{_w('sectPr')}") is not None)
    end = section_end(children, index)
    if not opens or end is None:
        return None
    numbering = children[end].find(f"{_w('pPr')}/{_w('sectPr')}/{_w('pgNumType')}")
    if numbering is not None and numbering.get(_w("start"), "1") != "1":
        return None
    return FIRST_PAGE_LABEL.get(None if numbering is None else numbering.get(_w("fmt")))


def _bookmark(heading: etree._Element, name: str, bookmark_id: int) -> None:
    start = etree.Element(_w("bookmarkStart"), {_w("id"): str(bookmark_id), _w("name"): name})
    properties = heading.find(_w("pPr"))
    heading.insert(0 if properties is None else heading.index(properties) + 1, start)
    heading.append(etree.Element(_w("bookmarkEnd"), {_w("id"): str(bookmark_id)}))


def _page_reference(run: etree._Element, bookmark: str) -> None:
    """Replace ``run`` (the line's number) with a PAGEREF field to ``bookmark``, in the same run properties."""
    properties = run.find(_w("rPr"))

    def field_run(tag: str, text: str | None = None, **attributes: str) -> etree._Element:
        new = etree.Element(_w("r"))
        if properties is not None:
            new.append(copy.deepcopy(properties))
        child = etree.SubElement(new, _w(tag), {_w(k): v for k, v in attributes.items()})
        if text is not None:
            child.text = text
            child.set(XML_SPACE, "preserve")
        return new

    for part in (field_run("fldChar", fldCharType="begin"), field_run("instrText", f" PAGEREF {bookmark} "),
                 field_run("fldChar", fldCharType="separate"), field_run("t", UNFILLED),
                 field_run("fldChar", fldCharType="end")):
        run.addprevious(part)
    run.getparent().remove(run)


def prints(pdf: Path, contents: list[TocEntry]) -> bool:
    """Whether the สารบัญ page(s) of ``pdf`` print exactly the numbers of ``contents``, line by line (read with
    poppler's pdftotext: the number after each line's dot leader)."""
    headings = pages.headings(pdf)
    at = next((i for i, h in enumerate(headings) if h.title == CONTENTS_TITLE), None)
    if at is None or at + 1 >= len(headings):
        return False
    first, last = headings[at].page + 1, headings[at + 1].page  # 1-based: the สารบัญ's pages, the body's excluded
    try:
        text = subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(max(first, last)), str(pdf), "-"],
                              capture_output=True, check=True, timeout=60).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return False
    printed = [m.group(1) for line in text.splitlines() if (m := _LEADER_NUMBER.search(line))]
    return printed == [e.page for e in contents]


def filled(docx: bytes, contents: list[TocEntry]) -> bytes:
    """The linked DOCX with each page reference's result set to its line's number in ``contents`` (the lines of
    the สารบัญ in order, as ``link`` made them)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        root = etree.fromstring(source.read("word/document.xml"))
        lines = [p for p in root.iter(_w("p")) if paragraph_style(p) in ENTRY_STYLES.values()]
        if len(lines) != len(contents):
            raise ValueError(f"the สารบัญ has {len(lines)} lines, not {len(contents)}")
        for line, entry in zip(lines, contents):
            for result in [t for t in line.iter(_w("t")) if t.text == UNFILLED and _after_separator(t)]:
                result.text = entry.page
        return with_document(source, root)


def _after_separator(text: etree._Element) -> bool:
    """Whether the w:t is a field's result: the last field character before its run is a separator."""
    run = text.getparent()
    for sibling in run.itersiblings(preceding=True):
        char = sibling.find(_w("fldChar"))
        if char is not None:
            return char.get(_w("fldCharType")) == "separate"
    return False


def splice(first_pass: Path, front: Path, target: Path) -> bool:
    """``target`` = the pages of ``front`` + the first pass's pages after its front matter, with the outline of
    both (LibreOffice's headings) and the first pass's document information, PDF/A metadata and output intent.
    False (nothing written) when the front matter's headings do not match the first pass's."""
    full, head = PdfReader(first_pass), PdfReader(front)
    full_headings, head_headings = pages.headings(first_pass), pages.headings(front)
    count = len(head_headings)
    if not count or len(full_headings) <= count or \
            [h.title for h in full_headings[:count]] != [h.title for h in head_headings]:
        return False
    body_start = full_headings[count].page
    writer = PdfWriter()
    writer.append(head, import_outline=False)
    writer.append(full, pages=(body_start, len(full.pages)), import_outline=False)
    shift = len(head.pages) - body_start
    headings = head_headings + [pages.Heading(h.level, h.title, h.page + shift) for h in full_headings[count:]]
    parents: list = []
    for heading in headings:
        del parents[heading.level - 1:]
        parent = parents[-1] if parents else None
        item = writer.add_outline_item(title=heading.title, page_number=heading.page, parent=parent)
        parents += [item] * (heading.level - len(parents))
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({k: v for k, v in (full.metadata or {}).items()})
    root = full.trailer["/Root"]
    for key in ("/Lang", "/OutputIntents", "/Metadata"):
        if key in root:
            writer.root_object[NameObject(key)] = root.raw_get(key).clone(writer)
    writer.generate_file_identifiers()
    write_pdf(writer, target)
    pages.pages_taken(target, [*pages.printed_numbers(front), *pages.printed_numbers(first_pass)[body_start:]],
                      headings)
    return True


# --- the last สารบัญ of an edition ------------------------------------------------------------------------

def remembered(key: str) -> list[TocEntry] | None:
    """The สารบัญ the last build of ``key`` (organisation folder and edition) printed, if it is known and caching
    is on."""
    entries = MEMOS.read(key)
    try:
        return None if entries is None else [TocEntry(**entry) for entry in entries]
    except TypeError:
        return None


def remember(key: str, toc: list[TocEntry]) -> None:
    MEMOS.write(key, [e.__dict__ for e in toc])
