"""PDF: the text of each page (poppler's pdftotext), the number printed on each page, and the outline.

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
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False)
        if out.returncode == 0:
            texts = out.stdout.decode("utf-8", "replace").split("\f")
            return (texts + [""] * len(reader.pages))[: len(reader.pages)]
    return [page.extract_text() or "" for page in reader.pages]


def paragraphs(text: str) -> list[str]:
    """Lines joined back into paragraphs: no space between two Thai letters, one space otherwise."""
    text = _DETACHED.sub("", text)
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in chunk.splitlines() if ln.strip()]
        if not lines:
            continue
        joined = lines[0]
        for line in lines[1:]:
            leader = _LEADER.match(line)
            if leader or _LEADER.match(joined):
                out.append(_leader(joined))
                joined = line
                continue
            glue = "" if _THAI.match(joined[-1]) and _THAI.match(line[0]) else " "
            joined += glue + line
        out.append(_leader(joined))
    return out


def _leader(line: str) -> str:
    m = _LEADER.match(line)
    return f"{m.group(1)}\t{m.group(2)}" if m else line


def read_pdf(path: Path) -> Document:
    from generator.check.readers import UnusableInput

    try:
        reader = PdfReader(path)
        labels = pages.printed_numbers(reader)
        headings = pages.headings(reader)
    except (PdfReadError, OSError, ValueError) as exc:
        raise UnusableInput(f"เปิดไฟล์ PDF {path.name} ไม่ได้", f"cannot open {path.name} as a PDF: {exc}") from exc
    doc = Document(name=path.name, kind="pdf", path=path, headings=headings)
    doc.notes.append((
        "ไม่ตรวจการสะกดในข้อความของ PDF (ชั้นข้อความภาษาไทยใน PDF ไม่สมบูรณ์) ให้ตรวจไฟล์ Word แทน",
        "spelling is not judged on PDF text (the Thai text layer of a PDF is unreliable); check the Word file",
    ))
    index = 0
    for number, text in enumerate(page_texts(path, reader), start=1):
        label = labels[number - 1] if number - 1 < len(labels) else ""
        doc.pages.append(PdfPage(number, label, text))
        for para in paragraphs(text):
            index += 1
            style = "header" if label and para.strip() == label else ""
            doc.blocks.append(Block(para, index, page=number, style=style))
    return doc
