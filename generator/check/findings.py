"""What the checker reports: a finding with its severity, rule class, place in the document and a fix."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

# The eight rule classes of issue 6, in Thai and English.
RULES: dict[int, tuple[str, str]] = {
    1: ("สิ่งตกค้างจากแม่แบบ", "template leftovers"),
    2: ("คำของ อปท. ประเภทอื่น", "words of another organisation type"),
    3: ("ชื่อองค์กรผิดเพี้ยน", "damaged organisation names"),
    4: ("ตัวอักษรและการสะกด", "script and spelling"),
    5: ("เลขลำดับและหัวข้อ", "numbering and required headings"),
    6: ("ตัวเลขและความสอดคล้อง", "arithmetic and consistency"),
    7: ("สารบัญ", "table of contents"),
    8: ("แม่แบบ", "templates"),
}


@dataclass(frozen=True)
class Location:
    """Where a finding is: the document, its part/section/item, and the paragraph, line, page or data field."""

    document: str
    part: str = ""
    section: str = ""
    item: str = ""
    paragraph: int | None = None
    line: int | None = None
    page: int | None = None
    page_label: str = ""
    cell: str = ""
    field: str = ""

    def trail(self) -> str:
        """ส่วนที่ 3 › มิติที่ 2 › ลำดับที่ 7: the outline path, for grouping."""
        return " › ".join(p for p in (self.part, self.section, self.item) if p)

    def spot(self) -> str:
        """ย่อหน้า 412 · บรรทัด 603 · หน้า 12: the precise spot within the outline path."""
        bits = []
        if self.field:
            bits.append(self.field)
        if self.line is not None:
            bits.append(f"บรรทัด/line {self.line}")
        if self.paragraph is not None:
            bits.append(f"ย่อหน้า/paragraph {self.paragraph}")
        if self.cell:
            bits.append(self.cell)
        if self.page is not None:
            label = f" (เลขหน้าที่พิมพ์/printed {self.page_label})" if self.page_label else ""
            bits.append(f"หน้า/page {self.page}{label}")
        return " · ".join(bits)


@dataclass(frozen=True)
class Finding:
    rule: int
    code: str
    severity: Severity
    th: str
    en: str
    location: Location
    text: str = ""
    context: str = ""
    fix_th: str = ""
    fix_en: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> dict:
        data = asdict(self)
        data["rule_name_th"], data["rule_name_en"] = RULES[self.rule]
        data.pop("extra")
        return data


def count(findings: list[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity == severity)
