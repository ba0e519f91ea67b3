"""A rebuilt plan made from the pages that changed since the edition's last build.

The plan is cut into pieces where a new page must start anyway: after the front matter (cover, คำนำ, สารบัญ), at
each later section and at each heading that starts a page (ส่วนที่ ๑, ๒, ๓, each มิติ, ภาคผนวก). A build remembers,
per organisation folder and output folder, which pages each piece printed (``Layout``). The next build of that
edition, when only body pieces changed (a budget: ส่วนที่ ๒'s table and the มิติ holding the project), converts
the plan up to its last changed piece and exports only the changed pieces' pages (``prefix_docx``,
``page_range``), and puts them in place of the old ones in a copy of the last PDF (``stitch``): every other
page, the outline, the สารบัญ's links and the document information stay as they were.

Everything before a piece is converted with it, because LibreOffice does not lay out a piece alone as it does
in the whole plan: without what came before, it left a heading kept with the next paragraph alone at the foot
of a page, or spaced justified lines otherwise. Laid out from the start, the pages are the whole plan's; what
comes after a piece cannot move them, since the next piece starts a page. ``stitch`` still checks: the pages
print the numbers and show the headings the old ones did, and each run of changed pieces ends where it did.
Else the whole plan is converted, as it is when the front matter changed, the plan cannot be cut (list
numbering, fields or footnotes in its body, which number on from one piece into the next), or nothing is
remembered. ``tests/test_plan_pieces.py`` compares every page of rebuilt plans with the whole plan converted at
once.
"""

from __future__ import annotations

import copy
import hashlib
import io
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject

from generator import pages, toc
from generator.convert.groups import with_document
from generator.memo import Memos
from generator.publish import write_pdf

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
RECIPE = "pieces-v2"  # part of every key: change it when pieces are cut or stitched otherwise
LAYOUTS = Memos("pieces")  # per edition: organisation folder and output folder
_PAGE_BREAK_BEFORE = f"{{{W}}}pPr/{{{W}}}pageBreakBefore"
_NUMBERING_ON = tuple(f"{{{W}}}{tag}" for tag in ("numPr", "fldChar", "instrText", "fldSimple", "footnoteReference",
                                                  "endnoteReference"))
_PAGE_KEYS = ("/Contents", "/Resources", "/MediaBox", "/CropBox", "/Rotate")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Piece:
    """Body elements [start, end) of the plan, and what decides their pages: ``key``."""

    start: int
    end: int
    title: str  # its first heading's text, as the PDF outline gives it ('' for the front matter)
    key: str


@dataclass
class Layout:
    """What the last whole or stitched conversion of an edition's plan printed, piece by piece."""

    pdf: str  # the PDF cache key it is kept under
    keys: list[str]  # each piece's key; the first is the front matter's
    firsts: list[int]  # the page (0-based) each piece starts on
    numbers: list[str]  # the number printed on every page
    headings: list[tuple[int, str, int]]  # (level, title, page) of every outline entry

    def pages_of(self, run: range) -> range:
        """The pages the pieces of ``run`` printed."""
        end = self.firsts[run.stop] if run.stop < len(self.firsts) else len(self.numbers)
        return range(self.firsts[run.start], end)


def cut(docx: bytes, environment: str) -> list[Piece] | None:
    """The plan's pieces, the front matter first; None when it cannot be converted in pieces: no สารบัญ ending
    a section, a piece not opening with a heading the outline shows, or anything in the body that numbers on
    from one piece into the next (list numbering, fields, footnotes), which a change could renumber in pieces
    it did not touch."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        shared = hashlib.sha256(f"{RECIPE}\n{environment}".encode())
        for name in sorted(package.namelist()):
            if name != DOCUMENT:  # docProps too: LibreOffice gives the PDF their title, author, subject
                shared.update(name.encode() + b"\0" + hashlib.sha256(package.read(name)).digest())
        body = etree.fromstring(package.read(DOCUMENT)).find(_w("body"))
        styles = package.read(STYLES) if STYLES in package.namelist() else b""
    if b"numPr" in styles:  # a style that numbers its paragraphs
        return None
    children = list(body)
    ends = [_section(element) is not None for element in children]
    contents = next((i for i, el in enumerate(children) if toc.is_contents_heading(el)), None)
    front_end = None if contents is None else toc.section_end(children, contents)
    if front_end is None or any(next(child.iter(*_NUMBERING_ON), None) is not None
                                for child in children[front_end + 1:]):
        return None
    starts = {front_end + 1, *(i + 1 for i in range(front_end + 1, len(children) - 1) if ends[i]),
              *(i for i in range(front_end + 1, len(children)) if children[i].find(_PAGE_BREAK_BEFORE) is not None)}
    bounds = [0, *sorted(starts), len(children) - 1]  # the body's own sectPr ends the last piece
    pieces = []
    for start, end in zip(bounds, bounds[1:]):
        title = toc.outline_text(children[start]) if start else ""
        if start and (toc.paragraph_style(children[start]) not in toc.HEADING_LEVELS or not title):
            return None
        digest = shared.copy()
        for element in [*children[start:end], _governing(children, end)]:
            digest.update(etree.tostring(element))
        pieces.append(Piece(start, end, title, digest.hexdigest()))
    return pieces


def prefix_docx(docx: bytes, pieces: list[Piece], last: int) -> bytes:
    """The plan up to the end of piece ``last``, in the section properties that govern it: LibreOffice lays out
    every page of it as in the whole plan, since all that comes before is there too. The สารบัญ's page
    references become the numbers they show (their headings may be cut off, and only the body's pages are
    used)."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read(DOCUMENT))
    body = root.find(_w("body"))
    children = list(body)
    end = pieces[last].end
    closing = copy.deepcopy(_governing(children, end))
    for element in children[end:]:
        body.remove(element)
    inner = _section(children[end - 1])
    if inner is not None:
        inner.getparent().remove(inner)
    body.append(closing)
    for run in [r for r in body.iter(_w("r")) if r.find(_w("fldChar")) is not None or r.find(_w("instrText"))
                is not None]:
        run.getparent().remove(run)
    return with_document(docx, root)


def page_range(layout: Layout, runs: list[range]) -> str:
    """LibreOffice's PageRange (pages counted from 1) of each run's pages and the page after it, which shows
    whether the run still ends where it did."""
    return ",".join(f"{span.start + 1}-{span.stop + 1}" for span in (layout.pages_of(run) for run in runs))


def runs(indices: list[int]) -> list[range]:
    """Consecutive pieces, whose pages are one range."""
    found: list[range] = []
    for index in indices:
        if found and found[-1].stop == index:
            found[-1] = range(found[-1].start, index + 1)
        else:
            found.append(range(index, index + 1))
    return found


def changed(layout: Layout, pieces: list[Piece]) -> list[int] | None:
    """The pieces to convert again, or None when the plan must be converted whole: the pieces are not the same
    ones (or not in the same places), or its front matter changed."""
    if len(pieces) != len(layout.keys) or pieces[0].key != layout.keys[0]:
        return None
    return [k for k, piece in enumerate(pieces) if piece.key != layout.keys[k]]


def copy_of(old: Path) -> PdfWriter:
    """The last PDF, read to have pages put in it (a build reads it while LibreOffice converts)."""
    return PdfWriter(clone_from=old)


def stitch(old: PdfWriter, exported: Path, runs_: list[range], layout: Layout, target: Path) -> bool:
    """``target``: ``old`` (``copy_of`` the last PDF) with the pages of each run in place of its old ones, taken
    from ``exported`` (the plan up to the last run, ``page_range``'s pages). False (nothing written) unless the
    pages print the numbers and show the headings the old ones did, each run ends where it did (the page after it
    opens the next piece as before; after the last, the document ends), and they link to nothing but web
    addresses."""
    reader = PdfReader(exported)
    spans = [layout.pages_of(run) for run in runs_]
    shown = [*(page for span in spans[:-1] for page in range(span.start, span.stop + 1)), *spans[-1]]
    numbers = pages.printed_numbers(exported, reader)
    expected = [(title, shown.index(page)) for _, title, page in layout.headings if page in shown]
    if len(reader.pages) != len(shown) or numbers != [layout.numbers[page] for page in shown] \
            or [(h.title, h.page) for h in pages.headings(reader)] != expected \
            or not all(_web_links_only(page) for page in reader.pages):
        return False
    writer = old
    for page, index in zip(reader.pages, shown):
        if not any(index in span for span in spans):
            continue  # the page after a run, shown to check where the run ends
        into = writer.pages[index]
        for key in _PAGE_KEYS:
            if key in page:
                into[NameObject(key)] = page.raw_get(key).clone(writer)
            elif key in into:
                del into[key]
        if "/Annots" in page:
            into[NameObject("/Annots")] = ArrayObject(a.clone(writer) for a in page["/Annots"])
        elif "/Annots" in into:
            del into["/Annots"]
    write_pdf(writer, target)
    pages.pages_taken(target, layout.numbers, [pages.Heading(*heading) for heading in layout.headings])
    return True


def derived(key: str, how: str) -> str:
    """The cache key of a plan's PDF made otherwise than by converting its DOCX at once (``how``): never the key
    a whole conversion is kept under, so that issuing an edition, which converts it whole, never finds it."""
    return hashlib.sha256(f"{RECIPE}\n{how}\n{key}".encode()).hexdigest()


def measured(pdf_key: str, pieces: list[Piece], pdf: Path) -> Layout | None:
    """The layout of a plan converted whole: each piece's first page is its first heading's, found in the
    outline in order. None when one cannot be found."""
    headings = pages.headings(pdf)
    firsts, at = [0], 0
    for piece in pieces[1:]:
        at = next((i for i in range(at, len(headings)) if headings[i].title == piece.title), None)
        if at is None:
            return None
        firsts.append(headings[at].page)
        at += 1
    if firsts != sorted(set(firsts)):
        return None
    return Layout(pdf_key, [p.key for p in pieces], firsts, pages.printed_numbers(pdf),
                  [(h.level, h.title, h.page) for h in headings])


def remembered(edition: str) -> Layout | None:
    fields = LAYOUTS.read(edition)
    try:
        return Layout(**{**fields, "headings": [tuple(h) for h in fields["headings"]]})
    except (TypeError, KeyError):
        return None


def remember(edition: str, layout: Layout) -> None:
    LAYOUTS.write(edition, asdict(layout))


def _web_links_only(page) -> bool:
    return all(annotation.get_object().get("/A", {}).get("/S") == "/URI" for annotation in page.get("/Annots", []))


def _governing(children: list, end: int) -> etree._Element:
    """The section properties of the section holding ``children[end - 1]``."""
    last = toc.section_end(children, end - 1)
    return children[-1] if last is None else _section(children[last])


def _section(element: etree._Element) -> etree._Element | None:
    return element.find(f"{_w('pPr')}/{_w('sectPr')}") if element.tag == _w("p") else None
