"""A document as the checker reads it: ordered blocks of text (paragraphs and table cells) with their place.

Every reader (text, DOCX, PDF, organisation data) produces this one shape, so every rule works on every kind
of input. The outline (outline.py) later fills in each block's part, section and item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.check.findings import Location
from generator.thai import arabic_digits

_SPACES = re.compile(r"[ \u00a0\u200b]+")


@dataclass(eq=False)
class Block:
    text: str
    index: int
    kind: str = "para"  # "para" or "cell"
    style: str = ""
    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    field: str = ""
    # Filled in by the outline:
    part: str = ""
    section: str = ""
    item: str = ""
    _norm: str | None = None

    @property
    def digits(self) -> str:
        """The text with Arabic digits: same length as ``text``, so match positions carry over."""
        return arabic_digits(self.text)

    @property
    def norm(self) -> str:
        """The text with Arabic digits and single spaces, for parsing (same length as ``text`` is not promised)."""
        if self._norm is None:
            self._norm = _SPACES.sub(" ", arabic_digits(self.text)).strip()
        return self._norm


@dataclass
class PdfPage:
    number: int  # 1-based
    label: str  # the page number printed on it ('' when none)
    text: str


@dataclass
class Document:
    name: str
    kind: str  # "text", "docx", "pdf", "data"
    blocks: list[Block] = field(default_factory=list)
    path: Path | None = None
    is_template: bool = False
    author: str = ""
    pages: list[PdfPage] = field(default_factory=list)
    headings: list[Any] = field(default_factory=list)  # PDF outline: generator.pages.Heading
    xml_parts: dict[str, Any] = field(default_factory=dict)  # DOCX: part name → lxml root
    skip_rules: set[int] = field(default_factory=set)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (th, en) said in the report
    toc_pending: bool = False  # a first-pass render whose สารบัญ is not filled in yet
    plan: bool | None = None  # known to be (or not to be) a plan; None: judge from the text
    blank_forms: tuple[str, ...] = ()  # dotted blanks left on purpose (an --undated build's date line)
    words_in_data: bool = False  # rendered from data whose words were checked already (at their YAML lines)
    line_offsets: list[int] = field(default_factory=list)

    def locate(self, block: Block, **extra) -> Location:
        cell = ""
        if block.kind == "cell" and block.table is not None:
            cell = f"ตาราง/table {block.table} แถว/row {block.row} ช่อง/cell {block.col}"
        page_label = ""
        if block.page is not None and 0 < block.page <= len(self.pages):
            page_label = self.pages[block.page - 1].label
        values = dict(
            document=self.name, part=block.part, section=block.section, item=block.item,
            paragraph=block.index, line=block.line, page=block.page, page_label=page_label, cell=cell,
            field=block.field,
        )
        values.update(extra)
        return Location(**values)

    def rows(self) -> list[list[Block]]:
        """Table cells grouped into rows, in document order."""
        grouped: dict[tuple[int, int], list[Block]] = {}
        for b in self.blocks:
            if b.kind == "cell":
                grouped.setdefault((b.table, b.row), []).append(b)
        return list(grouped.values())


def snippet(text: str, start: int, end: int, width: int = 30) -> str:
    """The offending span with some text either side, on one line: «…before[span]after…»."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    lead = "…" if start > width else ""
    tail = "…" if end + width < len(text) else ""
    flat = f"{lead}{left}[{text[start:end]}]{right}{tail}"
    return " ".join(flat.split())
