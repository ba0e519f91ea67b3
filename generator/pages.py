"""What a converted PDF says about its own layout: headings with their pages, and the numbers printed on pages.

The table of contents is built from these facts, never from Word/LibreOffice field updates: LibreOffice
exports every heading as a bookmark, and each page's header band holds the number actually printed there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

HEADER_BAND_PT = 75  # the top 2.6 cm of a page: where the page-number header sits


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = top level (Heading 1)
    title: str
    page: int  # 0-based index in the PDF


def headings(pdf: Path | PdfReader) -> list[Heading]:
    """Every bookmark LibreOffice exported, in document order."""
    reader = pdf if isinstance(pdf, PdfReader) else PdfReader(pdf)
    found: list[Heading] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append(Heading(depth + 1, " ".join(item.title.split()), reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def printed_numbers(pdf: Path | PdfReader) -> list[str]:
    """The page number printed in each page's header band ('' where none), e.g. ['', 'ก', 'ข', '1', '2']."""
    reader = pdf if isinstance(pdf, PdfReader) else PdfReader(pdf)
    numbers = []
    for page in reader.pages:
        top = float(page.mediabox.top)
        texts: list[tuple[float, str]] = []

        def visit(text, cm, tm, font, size, texts=texts, top=top):
            y = tm[5] * cm[3] + cm[5] if cm else tm[5]
            if text.strip() and y > top - HEADER_BAND_PT:
                texts.append((tm[4], text))

        page.extract_text(visitor_text=visit)
        label = "".join(t for _, t in sorted(texts)).replace("-", "").strip()
        numbers.append(" ".join(label.split()))
    return numbers
