"""PDF: the lines of each page (poppler's pdftotext), the number printed on each page, and the outline.

The PDF text layer is imperfect for Thai (rendering-experiment.md §PDF text layer): marks detached from their
letters, words cut at line ends. Lines are joined back into paragraphs and detached marks re-attached, but
spelling is not judged on PDF text; the page facts (printed numbers, headings) are what a PDF is checked for.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from generator import pages
from generator.check.document import Block, Document, PdfPage

_DETACHED = re.compile(r"\s+(?=[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E])")
_LEADER = re.compile(r"^(.*?\S)\s*(?:\.\s*){3,}\s*(\S+)\s*$")
_THAI = re.compile(r"[\u0E00-\u0E7F]")


def page_texts(path: Path, reader: PdfReader) -> list[str]:
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False)
        if out.returncode == 0:
            texts = out.stdout.decode("utf-8", "replace").split("\f")
            return (texts + [""] * len(reader.pages))[: len(reader.pages)]
    return [page.extract_text() or "" for page in reader.pages]


def lines(text: str) -> list[str]:
    """The page's lines with detached marks put back, dotted leaders turned into a tab before the page number.

    Lines, not paragraphs: pdftotext does not mark paragraph ends reliably, and a heading is its own line."""
    text = _DETACHED.sub("", text)
    return [_leader(ln.strip()) for ln in text.splitlines() if ln.strip()]


def _leader(line: str) -> str:
    m = _LEADER.match(line)
    return f"{m.group(1)}\t{m.group(2)}" if m else line


def read_pdf(path: Path, *, text: bool = True) -> Document:
    """``text=False``: the pages' numbers and the outline only (what the สารบัญ's page numbers are checked
    against), without reading the pages' text unless the PDF has no outline to find its headings in."""
    from generator.check.readers import UnusableInput

    try:
        reader = PdfReader(path)
        labels = pages.printed_numbers(path, reader)
        headings = pages.headings(path)
    except (PdfReadError, OSError, ValueError) as exc:
        raise UnusableInput(f"เปิดไฟล์ PDF {path.name} ไม่ได้", f"cannot open {path.name} as a PDF: {exc}") from exc
    doc = Document(name=path.name, kind="pdf", path=path, headings=headings, skip_rules={5, 6})
    doc.notes.append((
        "PDF ตรวจได้เฉพาะข้อความ คำ ชื่อ อักษร และเลขหน้าในสารบัญ; การสะกด ลำดับเลข และตัวเลขให้ตรวจจากไฟล์ Word "
        "(ชั้นข้อความภาษาไทยใน PDF ไม่สมบูรณ์ ตารางถูกอ่านเป็นคอลัมน์)",
        "a PDF is checked for leftovers, words, names, scripts and the contents' page numbers; spelling, numbering "
        "and arithmetic are judged on the Word file (a PDF's Thai text layer is unreliable and reads tables by column)",
    ))
    index = 0
    texts = page_texts(path, reader) if text or not headings else [""] * len(reader.pages)
    for number, page_text in enumerate(texts, start=1):
        label = labels[number - 1] if number - 1 < len(labels) else ""
        doc.pages.append(PdfPage(number, label, page_text))
        for k, line in enumerate(lines(page_text)):
            index += 1
            style = "header" if k == 0 and label and line == label else ""
            doc.blocks.append(Block(line, index, page=number, style=style))
    return doc
