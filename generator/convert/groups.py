"""Documents that differ only in their text, converted as one LibreOffice document and split again.

LibreOffice pays about 45 ms for every document whatever it holds (reading a DOCX's styles, numbering and
headers, setting up the export): three quarters of what converting the filed documents one by one costs
(``bench/per_document_cost.py``). The announcements and orders made from one family of templates, and the
internal-control reports, share every part but their text. Converted as one document, each in its own section
numbering its pages from 1, every page comes out with the same lines at the same places as when converted alone
(both examples, to 0.1 pt: ``tests/test_group_conversion.py``), in about a third of the time.

The family's PDF is split again before each page whose header band does not begin with the page number it would
have in the document before it (page 1 of an announcement, an order or a report prints none, or its form name;
its later pages "- ๒ -" …), and each document must open on its first page. A family whose PDF cannot be split
that way is converted one document at a time instead (``pipeline.ConvertedTogether``).
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import zipfile
from pathlib import Path

from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from generator import pages, thai
from generator.convert import cache
from generator.signing.fields import normal

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"
_CATALOG_KEYS = ("/Lang", "/ViewerPreferences")
SPLIT_RECIPE = "split-v1"  # part of the split PDFs' cache keys: change it when ``split`` writes them otherwise


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def family(docx: bytes, thai_numerals: bool) -> str | None:
    """What documents must share to be converted together: every part but the text and the properties, and the
    digit style LibreOffice draws their page numbers in. None for a document that must be converted alone: one
    whose body does not end with a paragraph, which is where its section would have to end."""
    digest = hashlib.sha256(b"thai" if thai_numerals else b"arabic")
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = etree.fromstring(package.read(DOCUMENT)).find(_w("body"))
        content = [child for child in body if child.tag != _w("sectPr")]
        if not content or content[-1].tag != _w("p") or body.find(_w("sectPr")) is None:
            return None
        for name in sorted(package.namelist()):
            if name != DOCUMENT and not name.startswith("docProps/"):
                digest.update(name.encode() + b"\0" + hashlib.sha256(package.read(name)).digest())
    return digest.hexdigest()


def merged(documents: list[bytes]) -> bytes:
    """The documents of one family as one: their bodies one after another, each ending its own section (its
    section properties moved into its last paragraph) and numbering its pages from 1, in the first one's package."""
    roots = [etree.fromstring(zipfile.ZipFile(io.BytesIO(d)).read(DOCUMENT)) for d in documents]
    for number, drawing in enumerate((p for root in roots for p in root.iter(f"{{{WP}}}docPr")), start=1):
        drawing.set("id", str(number))  # drawing ids stay unique in the one document
    bodies = [root.find(_w("body")) for root in roots]
    for body in bodies:
        section = body.find(_w("sectPr"))
        numbering = section.find(_w("pgNumType"))
        if numbering is None:
            numbering = etree.SubElement(section, _w("pgNumType"))
        numbering.set(_w("start"), "1")
    for body in bodies[:-1]:
        section = body.find(_w("sectPr"))
        body.remove(section)
        last = body[-1]  # a paragraph (``family``)
        properties = last.find(_w("pPr"))
        if properties is None:
            properties = etree.Element(_w("pPr"))
            last.insert(0, properties)
        properties.append(section)
    for body in bodies[1:]:
        bodies[0].extend(list(body))  # the last document's section properties end the whole body
    return with_document(documents[0], roots[0])


def with_document(docx: bytes, root) -> bytes:
    """``docx`` with ``root`` as its document.xml (stored, not compressed: it is converted, not delivered)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in package.infolist():
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if info.filename == DOCUMENT else package.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


def title(docx: bytes) -> str:
    """The title in a DOCX's properties, which LibreOffice gives its PDF."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        if CORE not in package.namelist():
            return ""
        found = etree.fromstring(package.read(CORE)).find(DC_TITLE)
    return (found.text or "") if found is not None else ""


def opening(docx: bytes, length: int = 20) -> str:
    """The first characters of a document's body text, as ``fields.normal`` compares text read from a PDF."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read(DOCUMENT))
    for paragraph in root.find(_w("body")).iter(_w("p")):
        text = normal("".join(t.text or "" for t in paragraph.iter(_w("t"))))
        if text:
            return text[:length]
    return ""


def first_pages(numbers: list[str]) -> list[int]:
    """The pages that begin a document: a page goes on with the document before it only if its header band
    begins with the number that page would have there (2, 3 …)."""
    starts: list[int] = []
    page = 0
    for index, band in enumerate(numbers):
        page += 1
        if not starts or not thai.arabic_digits(band).startswith(str(page)):
            starts.append(index)
            page = 1
    return starts


def split(pdf: Path, parts: list[tuple[Path, str, str]], *, cached: bool = False) -> bool:
    """Write each document's pages of the family's ``pdf`` to its own PDF; ``parts`` are (target, title, opening)
    in order. False, writing nothing, unless the pages that begin a document are one per part, each showing
    that part's opening. ``cached``: the parts are kept in the PDF cache, so that a family whose PDF comes from
    the cache is not split again."""
    keys = _part_keys(pdf, parts) if cached else []
    entries = [cache.fetch(key) for key in keys]
    if keys and all(entries):
        for entry, (target, _, _) in zip(entries, parts):
            cache.publish(entry, target)
        return True
    if not _split(pdf, parts):
        return False
    for key, (target, _, _) in zip(keys, parts):
        cache.store(key, target)
    return True


def _part_keys(pdf: Path, parts: list[tuple[Path, str, str]]) -> list[str]:
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    return [hashlib.sha256("\n".join([SPLIT_RECIPE, digest, str(number), name, opening_]).encode()).hexdigest()
            for number, (_, name, opening_) in enumerate(parts)]


def _split(pdf: Path, parts: list[tuple[Path, str, str]]) -> bool:
    numbers = pages.printed_numbers(pdf)
    starts = first_pages(numbers)
    if len(starts) != len(parts):
        return False
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    texts = [normal(page) for page in text.decode("utf-8", "replace").split("\f")]
    if not all(start < len(texts) and opening_ in texts[start] for start, (_, _, opening_) in zip(starts, parts)):
        return False
    reader = PdfReader(pdf)
    catalog = reader.trailer["/Root"]
    for (target, name, _), start, end in zip(parts, starts, [*starts[1:], len(numbers)]):
        writer = PdfWriter()
        for page in reader.pages[start:end]:
            writer.add_page(page)
        writer.add_metadata({**(reader.metadata or {}), "/Title": name})
        for key in _CATALOG_KEYS:
            if key in catalog:
                writer.root_object[NameObject(key)] = catalog.raw_get(key).clone(writer)
        writer.generate_file_identifiers()
        with open(target, "wb") as out:
            writer.write(out)
    return True
