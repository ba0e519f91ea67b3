"""Checks across fields and files that a single model cannot make: references, duplicates, years, catalog codes.

Every check adds a located Problem and carries on, so ``prongsai validate`` lists everything at once.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from generator import catalog
from generator.errors import DataError, Problem
from generator.load import OrganisationData, load_organisation
from generator.model import Role


def load_valid(folder: Path) -> OrganisationData:
    """Load an organisation folder and raise one DataError listing every problem, if there is any."""
    data, problems = load_organisation(folder)
    problems += check(data)
    if problems:
        raise DataError(problems)
    return data


def check(data: OrganisationData) -> list[Problem]:
    problems: list[Problem] = []
    if data.organisation is not None:
        problems += _check_organisation(data)
    if data.plan is not None:
        problems += _check_plan(data)
    if data.appendix is not None and data.organisation is not None and data.plan is not None:
        from generator.validate_appendix import check_appendix

        problems += check_appendix(data)
    return problems


def _duplicates(ids: list[str]) -> set[str]:
    return {i for i, n in Counter(ids).items() if n > 1}


def _check_organisation(data: OrganisationData) -> list[Problem]:
    org, src, out = data.organisation, data.sources["organisation"], []
    for name, items in (("units", org.units), ("people", org.people)):
        dup = _duplicates([x.id for x in items])
        for i, item in enumerate(items):
            if item.id in dup:
                out.append(src.problem((name, i, "id"), f"รหัส '{item.id}' ซ้ำ", f"duplicate id '{item.id}'"))
    unit_ids = {u.id for u in org.units}
    for i, person in enumerate(org.people):
        if person.unit and person.unit not in unit_ids:
            out.append(src.problem(
                ("people", i, "unit"),
                f"ไม่มีหน่วยงาน '{person.unit}' ใน units (มี: {', '.join(sorted(unit_ids))})",
                f"unknown unit '{person.unit}' (units: {', '.join(sorted(unit_ids))})",
            ))
    for role in (Role.HEAD, Role.PERMANENT_SECRETARY):
        holders = [i for i, p in enumerate(org.people) if p.role == role]
        for i in holders[1:]:
            out.append(src.problem(
                ("people", i, "role"), f"บทบาท {role.value} มีได้เพียงคนเดียว", f"only one person may have role {role.value}"
            ))
    return out


def _check_plan(data: OrganisationData) -> list[Problem]:
    plan, src, out = data.plan, data.sources["plan"], []
    framework = catalog.framework(plan.framework)
    if framework is None:
        known = ", ".join(catalog.framework_ids())
        return [src.problem(("framework",), f"ไม่มีกรอบแผน '{plan.framework}' (มี: {known})",
                            f"unknown plan framework '{plan.framework}' (known: {known})")]
    period = plan.period
    unit_ids = {u.id for u in data.organisation.units} if data.organisation else None
    dup = _duplicates([p.id for p in plan.projects])
    for i, area in enumerate(plan.risks):
        for j, risk in enumerate(area.risks):
            if risk.level not in framework.risk_levels:
                out.append(src.problem(("risks", i, "risks", j, "level"),
                                       f"ระดับความเสี่ยงต้องเป็นหนึ่งใน {', '.join(framework.risk_levels)}",
                                       f"risk level must be one of {', '.join(framework.risk_levels)}"))
    for i, target in enumerate(plan.targets):
        for year in target.values:
            if year not in period:
                out.append(_outside(src, ("targets", i, "values", year), year, period))
    for i, project in enumerate(plan.projects):
        at = ("projects", i)
        if project.id in dup:
            out.append(src.problem((*at, "id"), f"รหัสโครงการ '{project.id}' ซ้ำ", f"duplicate project id '{project.id}'"))
        if project.kind not in framework.project_kinds:
            out.append(src.problem((*at, "kind"), f"ประเภทต้องเป็นหนึ่งใน {', '.join(framework.project_kinds)}",
                                   f"kind must be one of {', '.join(framework.project_kinds)}"))
        if framework.locate(project.code) is None:
            out.append(src.problem((*at, "code"),
                                   f"ไม่มีรหัส '{project.code}' ในกรอบแผน {framework.id} (มี: {', '.join(framework.item_codes())})",
                                   f"code '{project.code}' is not in plan framework {framework.id}"))
        years = project.years or period
        if project.years and not (project.years.start in period and project.years.end in period):
            out.append(src.problem((*at, "years"), f"ระยะเวลาโครงการต้องอยู่ในช่วงแผน {period.start}–{period.end}",
                                   f"project years must lie within the plan period {period.start}–{period.end}"))
        for year in project.budget:
            if year not in years:
                out.append(_outside(src, (*at, "budget", year), year, years))
        if unit_ids is not None:
            for k, unit in enumerate(project.responsible):
                if unit not in unit_ids:
                    out.append(src.problem((*at, "responsible", k),
                                           f"ไม่มีหน่วยงาน '{unit}' ใน organisation.yaml (มี: {', '.join(sorted(unit_ids))})",
                                           f"unknown unit '{unit}' (units in organisation.yaml: {', '.join(sorted(unit_ids))})"))
    return out


def _outside(src, loc, year, period) -> Problem:
    return src.problem(loc, f"ปี {year} อยู่นอกช่วง {period.start}–{period.end}",
                       f"year {year} is outside {period.start}–{period.end}")
