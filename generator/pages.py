"""What a converted PDF says about its own layout: headings with their pages, and the numbers printed on pages.

The table of contents is built from these facts, never from Word/LibreOffice field updates: LibreOffice
exports every heading as a bookmark, and each page's header band holds the number actually printed there.
A build asks for the facts of its plan several times (สารบัญ, check, bundle): they are read once per content.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pypdf import PdfReader

HEADER_BAND_PT = 75  # the top 2.6 cm of a page: where the page-number header sits


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = top level (Heading 1)
    title: str
    page: int  # 0-based index in the PDF


def headings(pdf: Path | PdfReader) -> list[Heading]:
    """Every bookmark LibreOffice exported, in document order."""
    if isinstance(pdf, PdfReader):
        return _headings(pdf)
    return _once("headings", pdf, lambda: _headings(PdfReader(pdf)))


def _headings(reader: PdfReader) -> list[Heading]:
    found: list[Heading] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append(Heading(depth + 1, " ".join(item.title.split()), reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def printed_numbers(pdf: Path, reader: PdfReader | None = None) -> list[str]:
    """The page number printed in each page's header band ('' where none), e.g. ['', 'ก', 'ข', '1', '2'].

    poppler's pdftotext crops the band in one call (~50 ms for a 45-page plan); pypdf is the slower fallback.
    """
    return _once("numbers", pdf, lambda: _printed_numbers(pdf, reader or PdfReader(pdf)))


def pages_taken(pdf: Path, numbers: list[str], known_headings: list[Heading] | None = None) -> None:
    """Note the printed numbers (and the headings) of a PDF put together from pages whose facts were read
    already (the สารบัญ's splice): the same pages print the same numbers, so the PDF needs no reading."""
    _once("numbers", pdf, lambda: numbers)
    if known_headings is not None:
        _once("headings", pdf, lambda: known_headings)


_read: dict[tuple[str, bytes], tuple] = {}
_read_lock = threading.Lock()


def _once(fact: str, pdf: Path, read: Callable[[], list]) -> list:
    """``read()``, or what it returned for a file with the same content."""
    key = (fact, hashlib.sha256(pdf.read_bytes()).digest())
    with _read_lock:
        known = _read.get(key)
    if known is None:
        known = tuple(read())
        with _read_lock:
            while len(_read) >= 32:
                del _read[next(iter(_read))]
            _read[key] = known
    return list(known)


def _printed_numbers(pdf: Path, reader: PdfReader) -> list[str]:
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-x", "0", "-y", "0", "-W", "10000",
                              "-H", str(HEADER_BAND_PT), str(pdf), "-"], capture_output=True, check=False)
        texts = out.stdout.decode("utf-8", "replace").split("\f")[: len(reader.pages)]
        if out.returncode == 0 and len(texts) == len(reader.pages):
            return [" ".join(t.replace("-", "").split()) for t in texts]
    return _printed_numbers_pypdf(reader)


def _printed_numbers_pypdf(reader: PdfReader) -> list[str]:
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
