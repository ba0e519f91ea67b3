"""Rule 7 — the table of contents (สารบัญ).

Every entry must name a heading the document has, carry a page number that is a page number (ก, 12, 5 - 7),
and the numbers must run forward; every part must be listed. With the PDF, each number is compared with the
number printed on the page where the heading really is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.check.context import CheckContext
from generator.check.document import Block, Document
from generator.check.findings import Finding
from generator.check.outline import Heading, similar
from generator.check.outline import compact as _compact
from generator.thai import arabic_digits


def compact(text: str) -> str:
    """No spaces, Arabic digits: how a contents entry and a heading are compared (ส่วนที่ ๑ = ส่วนที่ 1)."""
    return _compact(arabic_digits(text))

RULE = 7
PAGE = re.compile(r"^(?:[ก-ฮ]{1,2}|\d{1,4}|\d{1,4}\s*[-–]\s*\d{1,4})$")
STARTS_ENTRY = re.compile(r"^(?:ส่วนที่|มิติที่|ภาคผนวก|คำนำ|สารบัญ|\d)")


@dataclass
class Entry:
    title: str
    page: str
    block: Block

    @property
    def first_page(self) -> int | None:
        m = re.match(r"^(\d+)", self.page)
        return int(m.group(1)) if m and PAGE.match(self.page) else None

    @property
    def last_page(self) -> int | None:
        m = re.search(r"(\d+)$", self.page)
        return int(m.group(1)) if m and PAGE.match(self.page) else None


def entries(doc: Document, toc: list[Block]) -> list[Entry]:
    """สารบัญ lines as (title, page): a row of cells, or a paragraph with a tab before the page."""
    found: list[Entry] = []
    rows: dict[tuple, list[Block]] = {}
    order: list[tuple] = []
    for block in toc:
        key = (block.table, block.row) if block.kind == "cell" else ("p", block.index)
        if key not in rows:
            rows[key] = []
            order.append(key)
        rows[key].append(block)
    for key in order:
        cells = rows[key]
        if cells[0].kind == "cell":
            texts = [c.digits.strip() for c in cells]
            title, page = texts[0], " ".join(t for t in texts[1:] if t)
        else:
            title, _, page = cells[0].digits.rpartition("\t")
            if not title:
                title, page = page, ""
        title, page = " ".join(title.split()), " ".join(page.split())
        if not title or compact(title) == "หน้า":
            continue
        if found and not STARTS_ENTRY.match(title) and (not page or not found[-1].page):
            found[-1].title += " " + title
            found[-1].page = found[-1].page or page
            continue
        found.append(Entry(title, page, cells[0]))
    return found


def _matches(entry: Entry, heading: Heading) -> bool:
    title = compact(entry.title).rstrip("-–")
    if heading.kind == "part":
        m = re.match(r"^ส่วนที่(\d+)", title)
        return bool(m) and int(m.group(1)) == heading.number
    text = compact(heading.block.norm)
    if heading.kind == "front":
        return title == text
    return title.startswith(text) or text.startswith(title) or similar(title, text) >= 0.85


def _bookmarked(entry: Entry, bookmark: str) -> bool:
    title = compact(entry.title).rstrip("-–")
    return bool(bookmark) and (title == bookmark or bookmark.startswith(title) or title.startswith(bookmark))


def _listable(ctx: CheckContext) -> list[Heading]:
    return [h for h in ctx.outline.headings
            if h.kind in ("front", "part", "section", "dimension") and h.title != ctx.terms.plan.front[-1]]


def check(ctx: CheckContext) -> list[Finding]:
    if ctx.doc.toc_pending or not ctx.outline.is_plan:
        return []
    toc_heading = next((h for h in ctx.outline.of_kind("front") if h.title == ctx.terms.plan.front[-1]), None)
    if toc_heading is None:
        return []
    found: list[Finding] = []
    items = entries(ctx.doc, ctx.outline.toc)
    if not items:
        if ctx.doc.kind == "pdf":  # a PDF's contents page without dotted leaders cannot be read reliably
            ctx.doc.notes.append(("อ่านรายการในสารบัญของ PDF ไม่ได้: ไม่ได้ตรวจสารบัญ",
                                  "the PDF's contents entries could not be read: the contents were not checked"))
            return []
        return [ctx.finding(RULE, "toc.empty", "error", toc_heading.block, "สารบัญว่าง", "the table of contents is empty",
                            fix_th="ใส่รายการหัวข้อและเลขหน้า", fix_en="list the headings and their pages")]
    headings = _listable(ctx)
    bookmarks = [compact(h.title) for h in ctx.doc.headings]
    for entry in items:
        known = any(_matches(entry, h) for h in headings) or any(_bookmarked(entry, b) for b in bookmarks)
        if not known:
            found.append(ctx.finding(
                RULE, "toc.no-heading", "error", entry.block,
                f"รายการในสารบัญ \"{entry.title}\" ไม่มีหัวข้อนี้ในเอกสาร", f"the contents entry \"{entry.title}\" has no heading in the document",
                text=entry.title, fix_th="แก้ชื่อรายการให้ตรงกับหัวข้อ หรือลบออก", fix_en="match the entry to a heading, or remove it",
            ))
        if entry.page and not PAGE.match(entry.page):
            found.append(ctx.finding(
                RULE, "toc.bad-page", "error", entry.block,
                f"เลขหน้าในสารบัญ \"{entry.page}\" ของ \"{entry.title}\" ไม่ใช่เลขหน้า",
                f"the page \"{entry.page}\" given for \"{entry.title}\" is not a page number",
                text=entry.page, fix_th="ใส่เลขหน้าที่ถูกต้อง เช่น 5 หรือ 5 - 7", fix_en="write a page number such as 5 or 5 - 7",
                context=f"{entry.title} … {entry.page}",
            ))
        elif entry.first_page is not None and entry.last_page is not None and entry.last_page < entry.first_page:
            found.append(ctx.finding(
                RULE, "toc.bad-range", "error", entry.block,
                f"ช่วงหน้า \"{entry.page}\" ของ \"{entry.title}\" กลับด้าน", f"the page range \"{entry.page}\" runs backwards",
                text=entry.page, fix_th="แก้ช่วงหน้า", fix_en="fix the page range",
            ))
    numbered = [e for e in items if e.first_page is not None]
    for previous, entry in zip(numbered, numbered[1:]):
        if entry.first_page < previous.first_page:
            found.append(ctx.finding(
                RULE, "toc.order", "error", entry.block,
                f"เลขหน้าในสารบัญย้อนกลับ: \"{entry.title}\" หน้า {entry.page} อยู่หลังหน้า {previous.page}",
                f"contents page numbers go backwards: \"{entry.title}\" p. {entry.page} after p. {previous.page}",
                text=entry.page, fix_th="ตรวจเลขหน้าในสารบัญ", fix_en="check the contents page numbers",
            ))
        elif previous.last_page != previous.first_page and entry.first_page <= previous.last_page:
            found.append(ctx.finding(
                RULE, "toc.overlap", "error", entry.block,
                f"ช่วงหน้าซ้อนกัน: \"{previous.title}\" ถึงหน้า {previous.last_page} แต่ \"{entry.title}\" เริ่มหน้า {entry.first_page}",
                f"page ranges overlap: \"{previous.title}\" ends on {previous.last_page}, \"{entry.title}\" starts on {entry.first_page}",
                text=entry.page, fix_th="ตรวจเลขหน้าในสารบัญ", fix_en="check the contents page numbers",
            ))
    for h in headings if ctx.doc.kind != "pdf" else ():
        if h.kind in ("part", "front") and not any(_matches(e, h) for e in items):
            label = h.block.norm.split("\n")[0]
            found.append(ctx.finding(
                RULE, "toc.missing-entry", "warning", toc_heading.block,
                f"สารบัญไม่มีรายการ \"{label}\"", f"the contents do not list \"{label}\"",
                text=label, fix_th=f"เพิ่ม \"{label}\" ในสารบัญ", fix_en=f"add \"{label}\" to the contents",
            ))
    if ctx.doc.kind == "pdf":
        found += page_findings(ctx, ctx.doc)
    return found


def check_pdf_pages(pdf: Document, docx_result):
    """The page numbers of the Word file's สารบัญ against the pages of its PDF."""
    from generator.check.run import DocumentResult, context_for

    ctx = context_for(docx_result.document, docx_result.org)
    result = DocumentResult(pdf, docx_result.org)
    result.findings = page_findings(ctx, pdf)
    return result


def _heading_pages(pdf: Document) -> list[tuple[str, int]]:
    """(compact title, 0-based page) of every heading the PDF knows, from its outline or else its text."""
    if pdf.headings:
        return [(compact(h.title), h.page) for h in pdf.headings]
    found = []
    for page in pdf.pages:
        for line in page.text.splitlines():
            if line.strip():
                found.append((compact(line), page.number - 1))
    return found


def page_findings(ctx: CheckContext, pdf: Document) -> list[Finding]:
    if not ctx.outline.is_plan or not pdf.pages:
        return []
    items = [e for e in entries(ctx.doc, ctx.outline.toc) if e.page and PAGE.match(e.page)]
    if not items:
        return []
    places = _heading_pages(pdf)
    labels = [p.label for p in pdf.pages]
    found: list[Finding] = []
    located: list[tuple[Entry, int]] = []
    missing: list[str] = []
    for entry in items:
        key = compact(entry.title).rstrip("-–")
        page = next((p for title, p in places if title == key), None)
        if page is None:
            page = next((p for title, p in places if title.startswith(key) or key.startswith(title) and len(title) > 3), None)
        if page is None:
            missing.append(entry.title)
            continue
        located.append((entry, page))
        printed = arabic_digits(labels[page]) if page < len(labels) else ""
        first = entry.page.split("-")[0].split("–")[0].strip()
        if printed and first != printed:
            found.append(_page_finding(ctx, entry, pdf, page, printed, first))
    for (entry, page), (nxt, next_page) in zip(located, located[1:]):
        if entry.last_page is not None and entry.last_page != entry.first_page and next_page > 0:
            printed_end = arabic_digits(labels[next_page - 1])
            if printed_end and str(entry.last_page) != printed_end:
                found.append(_page_finding(ctx, entry, pdf, next_page - 1, printed_end, str(entry.last_page), end=True))
    if missing:
        pdf.notes.append((f"ไม่พบหัวข้อใน PDF สำหรับรายการสารบัญ {len(missing)} รายการ (ไม่ได้ตรวจเลขหน้า): {', '.join(missing[:5])}",
                          f"{len(missing)} contents entries were not found among the PDF's headings (pages not checked): "
                          f"{', '.join(missing[:5])}"))
    return found


def _page_finding(ctx, entry: Entry, pdf: Document, page: int, printed: str, stated: str, end: bool = False) -> Finding:
    what_th = "หน้าสุดท้าย" if end else "หน้า"
    what_en = "last page" if end else "page"
    finding = ctx.finding(
        RULE, "toc.page-mismatch", "error", entry.block,
        f"สารบัญให้ \"{entry.title}\" {what_th} {stated} แต่ใน PDF อยู่หน้า {printed} (หน้าที่ {page + 1} ของไฟล์)",
        f"the contents give \"{entry.title}\" {what_en} {stated}, but in the PDF it is on page {printed} "
        f"(page {page + 1} of the file)",
        text=entry.page, fix_th=f"แก้เป็น {printed}", fix_en=f"write {printed}",
    )
    from dataclasses import replace

    return replace(finding, location=replace(finding.location, document=pdf.name, page=page + 1, page_label=printed))
