"""Models + catalog → the template context of each document.

Everything a clerk used to count or type is computed here: project numbers, per-มิติ counts, subtotals and
totals, list numbering, budget amounts in words, titles by organisation type. Templates only lay it out.
Digits stay Arabic here; the document's digit style is applied to the whole rendered document.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from generator import catalog, thai
from generator.load import OrganisationData
from generator.model import Organisation, Plan, Project
from generator.render.text import Filler, list_rows, plain_rows, thai_join

PERIOD_DASH = " – "


def period_text(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}{PERIOD_DASH}{end}"


def amount_cell(value: int) -> str:
    """Budget table cell: grouped digits, or a dash for ไม่ใช้งบประมาณ."""
    return thai.number(value) if value else "-"


def organisation_context(org: Organisation) -> dict:
    titles = org.titles
    return {
        "full_name": titles["full_name"],
        "name": org.name,
        "type": org.kind.label,
        "district": org.district,
        "province": org.province,
        "address": org.address,
        "postcode": org.postcode or "",
        "contacts": org.contacts.model_dump(),
        "titles": titles,
    }


@dataclass
class TocEntry:
    """A line of the สารบัญ: a heading of the rendered document and the page number printed on its page."""

    level: int
    title: str
    page: str = ""


def ordered_projects(plan: Plan) -> list[Project]:
    """Projects in framework order (stable within a sub-item): this order defines ลำดับที่ 1, 2, …"""
    order = {code: i for i, code in enumerate(catalog.framework(plan.framework).item_codes())}
    return sorted(plan.projects, key=lambda p: order[p.code])


def budget_lines(project: Project, plan: Plan) -> list[str]:
    """งบประมาณดำเนินการ as printed: per year (or ปีละ when all years are equal) with amounts in words."""
    years = (project.years or plan.period).years
    amounts = [project.amount(y) for y in years]
    if not any(amounts):
        return ["ไม่ใช้งบประมาณ"]
    if len(years) == 1:
        return [f"ปีงบประมาณ พ.ศ. {years[0]} จำนวน {thai.money(amounts[0])}"]
    if len(set(amounts)) == 1:
        lines = [f"ปีงบประมาณ พ.ศ. {period_text(years[0], years[-1])} ปีละ {thai.money(amounts[0])}"]
    else:
        lines = [
            f"ปีงบประมาณ พ.ศ. {y} " + (f"จำนวน {thai.money(a)}" if a else "ไม่ใช้งบประมาณ")
            for y, a in zip(years, amounts)
        ]
    lines.append(f"รวมทั้งสิ้น {thai.money(sum(amounts))}")
    return lines


@dataclass(frozen=True)
class AppendixEntry:
    """A document filed after the plan, as the ภาคผนวก page lists it: its group and its title (Arabic digits;
    the plan's digit style is applied with the rest of the plan)."""

    group: str  # "appendix" (announcements and orders) or "internal-control"
    title: str


def appendix_groups(entries: list[AppendixEntry]) -> list[dict]:
    """The ภาคผนวก page's lists: documents numbered 1, 2 … across groups, in filing order (the numbers of the
    bundle's page labels ผ.1-1 …)."""
    groups: list[dict] = []
    for number, entry in enumerate(entries, start=1):
        if not groups or groups[-1]["group"] != entry.group:
            groups.append({"group": entry.group, "documents": []})
        groups[-1]["documents"].append({"number": number, "title": entry.title})
    return groups


def project_titles(data: OrganisationData) -> dict[int, str]:
    """ลำดับที่ → the project's title as printed on its sheet (Arabic digits)."""
    fill = Filler(data.organisation, data.plan)
    return {n: fill(p.title) for n, p in enumerate(ordered_projects(data.plan), start=1)}


def plan_context(data: OrganisationData, toc: list[TocEntry] | None = None,
                 appendix: list[AppendixEntry] | None = None) -> dict:
    """The context of templates/plan/plan.docx; ``toc`` is the สารบัญ once the layout is known; ``appendix``
    the documents filed after the plan (the ภาคผนวก page lists them; none: no such page)."""
    org, plan = data.organisation, data.plan
    fill = Filler(org, plan)
    framework = catalog.framework(plan.framework)
    projects = ordered_projects(plan)
    years = plan.period.years
    numbers = {p.id: n for n, p in enumerate(projects, start=1)}

    dimensions = []
    for dim_code, group in groupby(projects, key=lambda p: framework.locate(p.code)[0].code):
        group = list(group)
        dim = framework.locate(group[0].code)[0]
        dimensions.append({
            "code": dim.code,
            "title": dim.title,
            "label": f"{dim.code}. {dim.title}",
            "count": len(group),
            "projects": group,
            "totals": [amount_cell(sum(p.amount(y) for p in group)) for y in years],
            "missions": [
                {
                    "label": f"{mission.code} {mission.title}",
                    "projects": [
                        {
                            "number": numbers[p.id],
                            "title": fill(p.title),
                            "amounts": [amount_cell(p.amount(y)) for y in years],
                            "remark": fill(p.remark),
                            "first_in_dimension": p is group[0],
                        }
                        for p in mission_projects
                    ],
                }
                for mission, mission_projects in (
                    (m, list(ps)) for m, ps in groupby(group, key=lambda p: framework.locate(p.code)[1])
                )
            ],
        })

    sheets, previous = [], (None, None, None)
    for project in projects:
        dim, mission, item = framework.locate(project.code)
        new_dimension = dim.code != previous[0]
        new_mission = new_dimension or mission.code != previous[1]
        new_item = new_mission or item.code != previous[2]
        previous = (dim.code, mission.code, item.code)
        span = project.years or plan.period
        sheets.append({
            "number": numbers[project.id],
            "id": project.id,
            "title": fill(project.title),
            "new_dimension": new_dimension,
            "new_mission": new_mission,
            "new_item": new_item,
            "dimension": dim,
            "mission": mission,
            "item": item,
            "rationale": fill.all(project.rationale),
            "objectives": list_rows(project.objectives, fill),
            "target_group": fill.all(project.target_group),
            "methods": list_rows(project.methods, fill),
            "period_text": f"ปีงบประมาณ พ.ศ. {period_text(span.start, span.end)}",
            "budget_lines": budget_lines(project, plan),
            "responsible": thai_join([org.unit(u).name for u in project.responsible]) + " " + org.full_name,
            "outputs": list_rows(project.outputs, fill, numbered="when-several"),
            "outcomes": list_rows(project.outcomes, fill, numbered="when-several"),
        })

    risks = []
    for n, area in enumerate(plan.risks, start=1):
        several = len(area.risks) > 1
        risks.append({
            "number": n,
            "process": fill(area.process),
            "risks": [
                {"text": (f"{k}. " if several else "") + fill(r.text), "level": r.level}
                for k, r in enumerate(area.risks, start=1)
            ],
            "measures": "\a".join(f"{k}. {fill(m)}" for k, m in enumerate(area.measures, start=1)),
        })

    return {
        "org": organisation_context(org),
        "plan": {
            "title": framework.title,
            "title_lines": list(framework.title_lines),
            "period_text": period_text(plan.period.start, plan.period.end),
            "years": years,
            "year_count": len(years),
            "issued_text": f"{thai.month_name(plan.issued.month)} {plan.issued.year}",
        },
        "dimensions": dimensions,
        "total_count": len(projects),
        "risks": risks,
        "rationale": fill.all(plan.rationale),
        "objectives": plain_rows(plan.objectives, fill),
        "goals": plain_rows(plan.goals, fill),
        "targets": {
            "years": years,
            "rows": [
                {"indicator": fill(t.indicator), "cells": [fill(t.values.get(y, "-")) for y in years]}
                for t in plan.targets
            ],
        },
        "benefits": plain_rows(plan.benefits, fill),
        "budget": {
            "years": years,
            "dimensions": dimensions,
            "count": len(projects),
            "totals": [amount_cell(sum(p.amount(y) for p in projects)) for y in years],
        },
        "projects": sheets,
        "toc": toc or [],
        "appendix": appendix_groups(appendix or []),
    }
