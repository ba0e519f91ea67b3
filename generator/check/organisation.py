"""Whose document is it? The organisation the checked text must speak for: its type, name, place and plan period.

From a profile (organisation.yaml, plan.yaml) when there is one; otherwise inferred from the document itself
(the cover and คำนำ name the organisation, the cover gives the period), and the report says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator import catalog
from generator.catalog import OrgType
from generator.check.document import Block, Document
from generator.check.terms import full_name_prefix
from generator.load import OrganisationData

PERIOD = re.compile(r"พ\.\s?ศ\.\s*(\d{4})\s*[-–—]\s*(\d{4})")
PLACE = re.compile(r"อำเภอ\s*(\S+)\s+จังหวัด\s*(\S+)")
FRONT_BLOCKS = 60


@dataclass
class OrgContext:
    kind: OrgType | None = None
    name: str = ""
    district: str = ""
    province: str = ""
    period: tuple[int, int] | None = None
    source: str = "unknown"  # "profile", "inferred" or "unknown"
    evidence_th: str = ""
    evidence_en: str = ""
    names: set[str] = field(default_factory=set)  # proper names the spelling rule must not judge
    framework_id: str = ""  # the plan framework of the organisation's plan, when known

    @property
    def full_name(self) -> str:
        return self.kind.full_name.format(name=self.name) if self.kind else ""

    @property
    def prefix(self) -> str:
        return full_name_prefix(self.kind.key) if self.kind else ""

    def describe(self) -> tuple[str, str]:
        if not self.kind:
            return ("ไม่ทราบองค์กรเจ้าของเอกสาร: ข้ามกฎที่ต้องรู้ประเภทและชื่อองค์กร",
                    "the document's organisation is unknown: rules that need its type and name were skipped")
        period = f" แผน {self.period[0]}–{self.period[1]}" if self.period else ""
        period_en = f", plan {self.period[0]}–{self.period[1]}" if self.period else ""
        if self.source == "profile":
            return (f"องค์กรตามข้อมูลองค์กร: {self.full_name} ({self.kind.abbreviation}){period}",
                    f"organisation from its profile: {self.full_name} ({self.kind.key}){period_en}")
        return (f"อนุมานองค์กรจากข้อความ: {self.full_name} ({self.kind.abbreviation}){period} — {self.evidence_th}",
                f"organisation inferred from the text: {self.full_name} ({self.kind.key}){period_en} — {self.evidence_en}")


def from_data(data: OrganisationData) -> OrgContext:
    org = data.organisation
    ctx = OrgContext(org.kind, org.name, org.district, org.province, source="profile")
    if data.plan is not None:
        ctx.period = (data.plan.period.start, data.plan.period.end)
        ctx.framework_id = data.plan.framework
    ctx.names = {org.name, org.district, org.province, *(u.name for u in org.units)}
    for person in org.people:
        ctx.names.update(person.name.split())
    return ctx


def _prefixes() -> list[tuple[str, OrgType]]:
    found = [(full_name_prefix(t.key), t) for t in catalog.org_types() if t.has_own_name]
    return sorted(found, key=lambda p: len(p[0]), reverse=True)


def _split_name(text: str) -> tuple[OrgType, str] | None:
    """'ขององค์การบริหารส่วนตำบลบึงปรือ' → (อบต., 'บึงปรือ') when the whole line is one organisation's name."""
    line = text.strip()
    for lead in ("ของ", "ประกาศ", "คำสั่ง"):
        if line.startswith(lead):
            line = line[len(lead):].strip()
    for prefix, kind in _prefixes():
        if line.startswith(prefix):
            name = line[len(prefix):].strip()
            if name and len(name) <= 30 and " " not in name and re.fullmatch(r"[\u0E00-\u0E4F]+", name):
                return kind, name
    return None


def infer(doc: Document) -> OrgContext:
    """Type and name from the lines that are an organisation's full name (cover, signature of the คำนำ)."""
    ctx = OrgContext(source="inferred")
    candidates: Counter = Counter()
    first: dict[tuple[str, str], Block] = {}
    if doc.author and (hit := _split_name(doc.author)):
        candidates[(hit[0].key, hit[1])] += 3
    front = [b for b in doc.blocks if b.kind == "para"][:FRONT_BLOCKS]
    for block in front:
        if hit := _split_name(block.text):
            key = (hit[0].key, hit[1])
            candidates[key] += 1
            first.setdefault(key, block)
    if not candidates:
        for block in doc.blocks:
            if hit := _split_name(block.text):
                key = (hit[0].key, hit[1])
                candidates[key] += 1
                first.setdefault(key, block)
    if candidates:
        (key, name), _ = candidates.most_common(1)[0]
        ctx.kind = next(t for t in catalog.org_types() if t.key == key)
        ctx.name = name
        where = first.get((key, name))
        if where is not None:
            if where.line:
                at, at_en = f"บรรทัด {where.line}", f"line {where.line}"
            elif where.page:
                at, at_en = f"หน้า {where.page}", f"page {where.page}"
            else:
                at, at_en = f"ย่อหน้า {where.index}", f"paragraph {where.index}"
            ctx.evidence_th = f"จาก \"{where.text.strip()}\" ({at})"
            ctx.evidence_en = f"from \"{where.text.strip()}\" ({at_en})"
        else:
            ctx.evidence_th = ctx.evidence_en = f"author: {doc.author}"
    for block in front[:30]:
        text = block.digits
        if ctx.period is None and (m := PERIOD.search(text)):
            ctx.period = (int(m.group(1)), int(m.group(2)))
        if not ctx.district and (m := PLACE.search(block.text)):
            ctx.district, ctx.province = m.group(1), m.group(2)
    ctx.names = {n for n in (ctx.name, ctx.district, ctx.province) if n}
    if ctx.kind is None:
        ctx.source = "unknown"
    return ctx
