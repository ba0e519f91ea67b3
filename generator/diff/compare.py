"""What changed between two editions' data: projects added and removed, budgets per year with the old and new
totals, people and their positions, and every text that differs, word by word, the printed paragraphs of the
appendix's announcements and orders included.

Projects and people are matched by their ``id``; texts are compared as printed (placeholders filled in), item by
item for lists, so a changed objective shows as that objective with its words struck through or inserted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from generator.diff import appendix
from generator.diff.words import DELETED, INSERTED, SAME, Segment, diff
from generator.errors import ProngsaiError
from generator.load import OrganisationData
from generator.model import ListItem
from generator.render.text import Filler


@dataclass(frozen=True)
class ProjectEntry:
    id: str
    title: str
    code: str
    budget: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.budget.values())


@dataclass(frozen=True)
class BudgetChange:
    id: str
    title: str
    year: int
    old: int
    new: int


@dataclass(frozen=True)
class YearTotal:
    year: int
    old: int
    new: int


@dataclass(frozen=True)
class PersonChange:
    id: str
    old: str | None  # "name, position"; None when added
    new: str | None  # None when removed


@dataclass(frozen=True)
class TextChange:
    where: str
    segments: list[Segment]


@dataclass
class ChangeReport:
    organisation: str
    old_year: int
    new_year: int
    old_period: tuple[int, int]
    new_period: tuple[int, int]
    added: list[ProjectEntry] = field(default_factory=list)
    removed: list[ProjectEntry] = field(default_factory=list)
    budgets: list[BudgetChange] = field(default_factory=list)
    totals: list[YearTotal] = field(default_factory=list)
    people: list[PersonChange] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)

    @property
    def grand_total(self) -> YearTotal:
        return YearTotal(0, sum(t.old for t in self.totals), sum(t.new for t in self.totals))

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.budgets or self.people or self.texts
                    or self.old_period != self.new_period)


def flatten(items: list[ListItem], level: int = 0) -> list[str]:
    """A nested list as printed lines, sub-items marked by a dash."""
    out = []
    for item in items:
        out.append(("- " * min(level, 1)) + item.text)
        out += flatten(item.items, level + 1)
    return out


def project_texts(project, fill: Filler, unit_names: dict[str, str]) -> dict[str, list[str]]:
    texts = {
        "ชื่อ": [project.title],
        "รหัสในกรอบแผน": [project.code],
        "หลักการและเหตุผล": list(project.rationale),
        "วัตถุประสงค์": flatten(project.objectives),
        "เป้าหมาย": list(project.target_group),
        "วิธีดำเนินการ": flatten(project.methods),
        "ผู้รับผิดชอบ": [", ".join(unit_names.get(u, u) for u in project.responsible)],
        "ผลผลิต": flatten(project.outputs),
        "ผลลัพธ์": flatten(project.outcomes),
        "หมายเหตุ": [project.remark] if project.remark else [],
    }
    return {k: [fill(t) for t in v] for k, v in texts.items()}


def plan_texts(plan, fill: Filler) -> dict[str, list[str]]:
    texts = {
        "หลักการและเหตุผล": list(plan.rationale),
        "วัตถุประสงค์ของแผน": list(plan.objectives),
        "เป้าหมาย": list(plan.goals),
        "ประโยชน์": list(plan.benefits),
        "ตารางความเสี่ยง": [f"{a.process}: " + "; ".join(f"{r.text} ({r.level})" for r in a.risks)
                            + " — " + "; ".join(a.measures) for a in plan.risks],
        "ค่าเป้าหมาย": [f"{t.indicator}: " + ", ".join(f"{y} {v}" for y, v in sorted(t.values.items()))
                        for t in plan.targets],
    }
    return {k: [fill(t) for t in v] for k, v in texts.items()}


def text_changes(where: str, old: list[str], new: list[str], item: str = "ข้อ") -> list[TextChange]:
    """Changed items of one field: replaced items word by word, inserted or deleted items whole."""
    out = []
    numbered = len(old) > 1 or len(new) > 1
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(range(i1, i2), range(j1, j2)))
        for i, j in pairs:
            out.append(TextChange(f"{where} {item} {j + 1}" if numbered else where, diff(old[i], new[j])))
        for i in range(i1 + len(pairs), i2):
            out.append(TextChange(f"{where} {item} {i + 1} (เดิม)" if numbered else where, [Segment(DELETED, old[i])]))
        for j in range(j1 + len(pairs), j2):
            out.append(TextChange(f"{where} {item} {j + 1}" if numbered else where, [Segment(INSERTED, new[j])]))
    return out


def appendix_changes(old: OrganisationData, new: OrganisationData) -> list[TextChange]:
    """Announcements and orders added and removed, then each kept one's changed paragraphs. An earlier edition
    whose documents today's templates cannot render is said so in the report, not a reason to fail the build."""
    after = appendix.printed(new)
    try:
        before = appendix.printed(old)
    except ProngsaiError as exc:
        note = (f"ไม่ได้เทียบ: สร้างประกาศและคำสั่งของฉบับ {old.year} ด้วยแม่แบบปัจจุบันไม่ได้ ({exc.th}) / not "
                f"compared: edition {old.year}'s announcements and orders cannot be rendered with today's templates "
                f"({exc.en})")
        return [TextChange("ภาคผนวก", [Segment(SAME, note)])]
    out = [TextChange("ภาคผนวก", [Segment(INSERTED, title)]) for key, (title, _) in after.items() if key not in before]
    out += [TextChange("ภาคผนวก", [Segment(DELETED, title)]) for key, (title, _) in before.items() if key not in after]
    for key, (title, paragraphs) in after.items():
        if key in before:
            out += text_changes(f"ภาคผนวก · {title}", before[key][1], paragraphs, item="ย่อหน้าที่")
    return out


def _entry(project) -> ProjectEntry:
    return ProjectEntry(project.id, project.title, project.code, dict(sorted(project.budget.items())))


def compare(old: OrganisationData, new: OrganisationData) -> ChangeReport:
    report = ChangeReport(new.organisation.full_name, old.year, new.year,
                          (old.plan.period.start, old.plan.period.end), (new.plan.period.start, new.plan.period.end))
    fill_old, fill_new = Filler(old.organisation, old.plan), Filler(new.organisation, new.plan)
    before = {p.id: p for p in old.plan.projects}
    after = {p.id: p for p in new.plan.projects}
    report.added = [_entry(p) for pid, p in after.items() if pid not in before]
    report.removed = [_entry(p) for pid, p in before.items() if pid not in after]
    years = sorted(set(old.plan.period.years) | set(new.plan.period.years))
    units_old = {u.id: u.name for u in old.organisation.units}
    units_new = {u.id: u.name for u in new.organisation.units}
    for pid, project in after.items():
        if pid not in before:
            continue
        previous = before[pid]
        for year in years:
            if previous.amount(year) != project.amount(year):
                report.budgets.append(BudgetChange(pid, fill_new(project.title), year, previous.amount(year),
                                                   project.amount(year)))
        texts_old = project_texts(previous, fill_old, units_old)
        texts_new = project_texts(project, fill_new, units_new)
        for name in texts_new:
            report.texts += text_changes(f"{fill_new(project.title)} · {name}", texts_old[name], texts_new[name])
    report.totals = [YearTotal(y, sum(p.amount(y) for p in old.plan.projects),
                               sum(p.amount(y) for p in new.plan.projects)) for y in years]
    plan_old, plan_new = plan_texts(old.plan, fill_old), plan_texts(new.plan, fill_new)
    for name in plan_new:
        report.texts += text_changes(f"แผน · {name}", plan_old[name], plan_new[name])
    report.texts += appendix_changes(old, new)
    report.people = people_changes(old, new)
    for name, getter in (("ที่อยู่", lambda o: o.address), ("หน่วยงาน", lambda o: ", ".join(u.name for u in o.units))):
        report.texts += text_changes(f"องค์กร · {name}", [getter(old.organisation)], [getter(new.organisation)])
    return report


def people_changes(old: OrganisationData, new: OrganisationData) -> list[PersonChange]:
    def described(data, person) -> str:
        return f"{person.name}, {data.organisation.position_of(person)}"

    before = {p.id: described(old, p) for p in old.organisation.people}
    after = {p.id: described(new, p) for p in new.organisation.people}
    out = []
    for pid in [*before, *(p for p in after if p not in before)]:
        if before.get(pid) != after.get(pid):
            out.append(PersonChange(pid, before.get(pid), after.get(pid)))
    return out
