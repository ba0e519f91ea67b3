"""What the conversion stage is asked to do, and what its engines are handed."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ProngsaiError

# One document never needs this long (a 50-page plan takes about 3 s); a process that does is hung.
JOB_TIMEOUT_S = float(os.environ.get("PRONGSAI_CONVERT_TIMEOUT", "120"))
PDF_VERSION_A2B = 2  # SelectPdfVersion of LibreOffice's PDF export: 2 = PDF/A-2b


@dataclass(frozen=True)
class ConversionJob:
    """Convert ``docx`` to ``pdf``. ``thai_numerals``: page-number fields drawn in Thai digits."""

    docx: Path
    pdf: Path
    thai_numerals: bool = False
    pdfa: bool = False  # PDF/A-2b instead of plain PDF
    pages: str = ""  # only these pages (LibreOffice's PageRange, e.g. "8-18,31-41"); "" for all


@dataclass
class Task:
    """One conversion as an engine sees it: a prepared private DOCX copy and where its PDF goes."""

    source: Path  # the prepared copy, in a private folder
    output: Path  # where the engine writes the PDF (private folder; published later)
    thai_numerals: bool
    pdfa: bool
    name: str  # the user's file name, for messages
    pages: str = ""  # ConversionJob.pages
    error: str = ""
    attempts: int = 0  # conversions started for it (2 after a retry)
    failed_on: set[int] = field(default_factory=set)  # worker pids that failed it: its retry goes elsewhere

    @property
    def flavour(self) -> tuple[bool, bool, str]:
        return self.thai_numerals, self.pdfa, self.pages

    @property
    def done(self) -> bool:
        return is_complete_pdf(self.output)


def is_complete_pdf(path: Path) -> bool:
    """A PDF that was written to the end (a killed LibreOffice may leave the start of one)."""
    try:
        size = path.stat().st_size
        if size < 64:
            return False
        with open(path, "rb") as f:
            if f.read(5) != b"%PDF-":
                return False
            f.seek(max(0, size - 1024))
            return b"%%EOF" in f.read()
    except OSError:
        return False


class ConversionError(ProngsaiError):
    """Some documents could not be converted, even after one retry."""

    def __init__(self, failed: list[Task]):
        names = ", ".join(t.name for t in failed)
        reasons = "; ".join(f"{t.name}: {t.error or 'no PDF'}" for t in failed)
        super().__init__(f"แปลงเป็น PDF ไม่สำเร็จ (ลองแล้ว 2 ครั้ง): {names}", f"PDF conversion failed for {reasons}")
        self.failed = failed
