"""The assembled plan: one PDF in the order a signed plan is filed, with bookmarks, page labels and metadata.

Cover, คำนำ, สารบัญ, ส่วนที่ 1–3 and the ภาคผนวก page come from the plan's own PDF; the announcements, orders and
internal-control reports follow, each with the pages LibreOffice made for it (its own headers, orientation and
page numbers "- ๒ -"). Nothing is guessed from the layout: bookmarks come from the headings LibreOffice exported
(``pages.headings``), page labels from the numbers printed in each page's header band (``pages.printed_numbers``),
so a viewer's "go to page 12" lands on the page that prints 12.

Page labels: the plan's pages carry what they print (ก, ข … then 1, 2 … or ๑, ๒ …), the cover the word of
``cover`` in data/catalog/bundle.yaml; page p of the n-th appendix document is ``ผ.n-p`` (n as numbered on the
ภาคผนวก page, p what that page prints from page 2 on), both in that document's digit style.

With ``pdfa`` the parts are PDF/A-2b and so is the bundle: the plan's output intent (sRGB) is kept, the XMP
packet is rewritten to match the new document information, and nothing is encrypted, compressed with LZW or
made transparent by the merge (pypdf copies page content as it is).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

from generator import __version__, catalog, pages, thai
from generator.load import OrganisationData
from generator.publish import write_pdf
from generator.render.context import period_text, project_titles
from generator.render.document import RenderedDocument

WINDOWS_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
MAX_NAME_CHARS = 180  # well under Windows' 255 per name, leaving room for the folders in front of it
_PROJECT_HEADING = re.compile(r"^ลำดับที่\s*([0-9๐-๙]+)$")
_LABEL_NUMBER = re.compile(r"^(.*?)([0-9]+)$")


@dataclass(frozen=True)
class Part:
    """One converted document of the bundle."""

    document: RenderedDocument
    pdf: Path


@dataclass(frozen=True)
class Facts:
    """What the bundle says about itself: its file name, metadata and the words of its bookmarks and labels."""

    file_name: str
    title: str
    author: str
    subject: str
    keywords: str
    plan_digits: str  # "thai" or "arabic": the plan's digit style, for numbers the bundle adds to the plan
    projects: dict[int, str]  # ลำดับที่ → project title, in the plan's digit style
    words: catalog.BundleCatalog


def windows_safe(name: str) -> str:
    """A file name every system accepts: NFC, no characters Windows forbids, no trailing dot or space."""
    name = WINDOWS_FORBIDDEN.sub("-", unicodedata.normalize("NFC", name))
    name = " ".join(name.split())[:MAX_NAME_CHARS]
    return name.rstrip(". ") or "plan"


def facts(data: OrganisationData) -> Facts:
    org, plan = data.organisation, data.plan
    words = catalog.bundle()
    style = org.digits.plan
    values = {"org": org.full_name, "district": org.district, "province": org.province,
              "title": catalog.framework(plan.framework).title,
              "period": period_text(plan.period.start, plan.period.end)}
    file_values = {**values, "period": f"{plan.period.start}-{plan.period.end}"}
    return Facts(
        file_name=windows_safe(words.file_name.format(**file_values)) + ".pdf",
        title=thai.digits(words.title.format(**values), style),
        author=org.full_name,
        subject=thai.digits(words.subject.format(**values), style),
        keywords=", ".join(thai.digits(k.format(**values), style) for k in words.keywords),
        plan_digits=style,
        projects={n: thai.digits(t, style) for n, t in project_titles(data).items()},
        words=words,
    )


# --- page labels ---------------------------------------------------------------------------------------------

def plan_labels(printed: list[str], cover: str, digit_style: str) -> list[str]:
    """The plan's labels: what each page prints; the unnumbered pages before the first number (the cover) get
    ``cover``; an unnumbered page further on its physical page number.

    ``printed`` is the text layer, in which LibreOffice writes a page number it draws in Thai digits
    (CTLTextNumerals) with Arabic ones: the digit style says what the reader sees."""
    labels, numbered = [], False
    for index, number in enumerate(printed):
        numbered = numbered or bool(number)
        labels.append(thai.digits(number or (cover if not numbered else str(index + 1)), digit_style))
    return labels


def appendix_labels(words: catalog.BundleCatalog, number: int, page_count: int, thai_digits: bool) -> list[str]:
    style = "thai" if thai_digits else "arabic"
    return [thai.digits(words.appendix_label.format(document=number, page=p), style)
            for p in range(1, page_count + 1)]


def label_ranges(labels: list[str]) -> list[tuple[int, int, str, int | None]]:
    """(first page, last page, prefix, start) ranges: runs of prefix + consecutive Arabic numbers become one
    decimal range (``ผ.1-`` 1, 2, 3); anything else (ก, ๑, ผ.๑-๒) is a prefix-only label of its own."""
    ranges: list[tuple[int, int, str, int | None]] = []
    for index, label in enumerate(labels):
        match = _LABEL_NUMBER.match(label)
        prefix, start = (match.group(1), int(match.group(2))) if match else (label, None)
        if ranges and start is not None:
            first, last, run_prefix, run_start = ranges[-1]
            if run_start is not None and run_prefix == prefix and run_start + (last - first) + 1 == start:
                ranges[-1] = (first, index, prefix, run_start)
                continue
        ranges.append((index, index, prefix, start))
    return ranges


def _set_labels(writer: PdfWriter, labels: list[str]) -> None:
    for first, last, prefix, start in label_ranges(labels):
        if start is None:
            writer.set_page_label(first, last, prefix=prefix)
        else:
            writer.set_page_label(first, last, style=PageLabelStyle.DECIMAL, prefix=prefix or None, start=start)


# --- bookmarks -----------------------------------------------------------------------------------------------

def _add_plan_outline(writer: PdfWriter, headings: list[pages.Heading], facts_: Facts):
    """Cover, every level-1 heading (คำนำ … ภาคผนวก), level 2 under it (sections, มิติ), and each project
    (ลำดับที่ n and its title) under its มิติ. Returns the bookmark of the ภาคผนวก heading, if the plan has one."""
    writer.add_outline_item(title=facts_.words.cover, page_number=0)
    top = second = appendix = None
    for heading in headings:
        if heading.level == 1:
            top = writer.add_outline_item(title=heading.title, page_number=heading.page)
            second = None
            if heading.title == facts_.words.appendix:
                appendix = top
        elif heading.level == 2:
            second = writer.add_outline_item(title=heading.title, page_number=heading.page, parent=top)
        elif (match := _PROJECT_HEADING.match(heading.title)) and (second or top) is not None:
            number = int(thai.arabic_digits(match.group(1)))
            title = f"{heading.title} {facts_.projects.get(number, '')}".strip()
            writer.add_outline_item(title=title, page_number=heading.page, parent=second or top)
    return appendix


# --- metadata ------------------------------------------------------------------------------------------------

def _pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def xmp_packet(facts_: Facts, moment: datetime, producer: str, creator: str) -> bytes:
    """XMP metadata saying what the document information says (PDF/A requires both to agree) and that the
    file is PDF/A-2b."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    e = escape
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(facts_.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(facts_.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(facts_.subject)}</rdf:li></rdf:Alt></dc:description>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Keywords>{e(facts_.keywords)}</pdf:Keywords>
   <pdf:Producer>{e(producer)}</pdf:Producer>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreatorTool>{e(creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")


def _set_metadata(writer: PdfWriter, facts_: Facts, plan: PdfReader, pdfa: bool) -> None:
    moment = datetime.now(timezone.utc).replace(microsecond=0)
    producer = f"Prongsai {__version__} (pypdf); parts: {(plan.metadata or {}).get('/Producer', 'LibreOffice')}"
    creator = f"Prongsai {__version__}"
    writer.add_metadata({"/Title": facts_.title, "/Author": facts_.author, "/Subject": facts_.subject,
                         "/Keywords": facts_.keywords, "/Creator": creator, "/Producer": producer,
                         "/CreationDate": _pdf_date(moment), "/ModDate": _pdf_date(moment)})
    writer.generate_file_identifiers()  # the trailer's /ID (PDF/A requires it)
    language = plan.trailer["/Root"].get("/Lang")
    if language is not None:
        writer.root_object[NameObject("/Lang")] = language.clone(writer)
    if not pdfa:
        return
    intents = plan.trailer["/Root"].get("/OutputIntents")
    if intents is not None:
        writer.root_object[NameObject("/OutputIntents")] = ArrayObject(
            [i.get_object().clone(writer).indirect_reference for i in intents])
    stream = DecodedStreamObject()
    stream.set_data(xmp_packet(facts_, moment, producer, creator))
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)


# --- the bundle ----------------------------------------------------------------------------------------------

def write_bundle(plan: Part, appendix: list[Part], target: Path, facts_: Facts, *, pdfa: bool = False,
                 finish: Callable[[PdfWriter, list[int]], None] | None = None) -> list[int]:
    """Write the bundle to ``target`` (atomically: a temporary file renamed into place); returns the page
    (0-based) where each part starts in it, the plan's first. ``finish(writer, starts)`` adds what belongs to
    the parts' pages (their signature fields) before it is written."""
    plan_reader = PdfReader(plan.pdf)
    writer = PdfWriter()
    writer.append(plan_reader, import_outline=False)
    labels = plan_labels(pages.printed_numbers(plan.pdf, plan_reader), facts_.words.cover, facts_.plan_digits)
    appendix_node = _add_plan_outline(writer, pages.headings(plan.pdf), facts_)
    starts = []
    for number, part in enumerate(appendix, start=1):
        reader = PdfReader(part.pdf)
        starts.append(len(writer.pages))
        writer.append(reader, import_outline=False)
        labels += appendix_labels(facts_.words, number, len(reader.pages), part.document.thai_numerals)
    if appendix:
        if appendix_node is None:
            appendix_node = writer.add_outline_item(title=facts_.words.appendix, page_number=starts[0])
        for number, (part, start) in enumerate(zip(appendix, starts), start=1):
            style = "thai" if part.document.thai_numerals else "arabic"
            title = facts_.words.appendix_document.format(number=thai.digits(str(number), style),
                                                          title=part.document.title)
            writer.add_outline_item(title=thai.digits(title, style), page_number=start, parent=appendix_node)
    _set_labels(writer, labels)
    writer.page_mode = "/UseOutlines"
    _set_metadata(writer, facts_, plan_reader, pdfa)
    if finish is not None:
        finish(writer, [0, *starts])
    target.parent.mkdir(parents=True, exist_ok=True)
    write_pdf(writer, target)
    return [0, *starts]
