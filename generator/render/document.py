"""A rendered document on its way to publication."""

from __future__ import annotations

from dataclasses import dataclass


APPENDIX_GROUPS = ("appendix", "internal-control")


@dataclass(frozen=True)
class RenderedDocument:
    """One DOCX of the set, with what later stages need: where it goes, its title, how to number its pages."""

    path: str  # relative to the edition folder, e.g. "appendix/01-ประกาศเจตจำนงสุจริต.docx"
    content: bytes
    title: str  # Thai title, for the build summary and the PDF bookmarks
    group: str  # "plan", "appendix" or "internal-control"
    thai_numerals: bool  # LibreOffice draws page-number fields in Thai digits

    @property
    def in_appendix(self) -> bool:
        """Filed in the plan's ภาคผนวก (announcements, orders, internal-control reports), unlike a change report."""
        return self.group in APPENDIX_GROUPS

    @property
    def pdf_path(self) -> str:
        return self.path.removesuffix(".docx") + ".pdf"
