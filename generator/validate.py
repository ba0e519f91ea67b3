"""Checks across fields and files that a single model cannot make: references, duplicates, years, catalog codes.

Every check adds a located Problem and carries on, so ``prongsai validate`` lists everything at once.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from generator import catalog, thai
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
    for key, report in data.internal_control.items():
        problems += _check_internal_control(data, key, report)
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


# --- internal control (internal-control-<year>.yaml) -------------------------------------------------------

_CONTROL_FILE = re.compile(r"^internal-control-(\d{4})$")
_HEAD_SIGNED = ("certification", "components", "evaluation", "follow_up")


def _check_internal_control(data: OrganisationData, key: str, report) -> list[Problem]:
    src, org, out = data.sources[key], data.organisation, []
    named = _CONTROL_FILE.match(key)
    if not named:
        out.append(src.problem((), "ชื่อไฟล์ต้องเป็น internal-control-<ปีงบประมาณ>.yaml เช่น internal-control-2566.yaml",
                               "the file must be named internal-control-<fiscal year>.yaml, e.g. internal-control-2566.yaml"))
    elif int(named.group(1)) != report.year:
        out.append(src.problem(("year",), f"ปี {report.year} ไม่ตรงกับชื่อไฟล์ ({key}.yaml)",
                               f"year {report.year} does not match the file name ({key}.yaml)"))
    if org is not None:
        out += _control_people(src, org, report)
        out += _control_units(src, org, report)
    out += _control_principles(src, report)
    out += _control_dates(src, report)
    out += _control_conclusion(src, report)
    if report.follow_up is not None:
        out += _control_follow_up(src, report)
    return out


def _control_people(src, org, report) -> list[Problem]:
    out, ids = [], {p.id for p in org.people}

    def known(loc, person_id):
        if person_id and person_id not in ids:
            out.append(src.problem(loc, f"ไม่มีบุคคล '{person_id}' ใน organisation.yaml (มี: {', '.join(sorted(ids))})",
                                   f"unknown person '{person_id}' (people in organisation.yaml: {', '.join(sorted(ids))})"))

    if report.signer:
        known(("signer", "person"), report.signer.person)
    for form in (*_HEAD_SIGNED, "review"):
        block = getattr(report, form)
        if block is not None and block.signer:
            known((form, "signer", "person"), block.signer.person)
    for i, member in enumerate(report.committee):
        known(("committee", i, "person"), member.person)
    needs_head = report.signer is None and any(
        getattr(report, f) is not None and getattr(report, f).signer is None for f in _HEAD_SIGNED)
    if needs_head and not org.people_with(Role.HEAD):
        out.append(src.problem(("signer",), "ไม่มีผู้ลงนาม: organisation.yaml ไม่มีบุคคลที่มี role: head และไฟล์นี้ไม่ได้ระบุ signer",
                               "no signer: organisation.yaml has no person with role head and this file gives no signer"))
    if report.review.signer is None and not org.people_with(Role.INTERNAL_AUDITOR):
        out.append(src.problem(("review", "signer"),
                               "ไม่มีผู้ลงนาม ปค.๖: organisation.yaml ไม่มีบุคคลที่มี role: internal_auditor และไม่ได้ระบุ review.signer",
                               "no signer for ปค.๖: no person with role internal_auditor and no review.signer"))
    return out


def _unknown_units(src, loc, units, unit_ids) -> list[Problem]:
    return [
        src.problem((*loc, k), f"ไม่มีหน่วยงาน '{u}' ใน organisation.yaml (มี: {', '.join(sorted(unit_ids))})",
                    f"unknown unit '{u}' (units in organisation.yaml: {', '.join(sorted(unit_ids))})")
        for k, u in enumerate(units) if u not in unit_ids
    ]


def _control_units(src, org, report) -> list[Problem]:
    unit_ids, out = {u.id for u in org.units}, []
    for i, mission in enumerate(report.evaluation.missions):
        for j, row in enumerate(mission.risks):
            out += _unknown_units(src, ("evaluation", "missions", i, "risks", j, "responsible"), row.responsible, unit_ids)
    if report.follow_up is not None:
        for i, item in enumerate(report.follow_up.items):
            out += _unknown_units(src, ("follow_up", "items", i, "responsible"), item.responsible or [], unit_ids)
    return out


def _source_key(src, loc, code: str):
    """The key as written in the YAML (1.1 is a number there) for the code the model holds."""
    node = src.data
    for part in loc:
        node = node.get(part, {}) if isinstance(node, dict) else {}
    for raw in node if isinstance(node, dict) else ():
        if thai.arabic_digits(str(raw)).strip() == code:
            return raw
    return code


def _control_principles(src, report) -> list[Problem]:
    cat, out = catalog.control_principles(), []
    wanted, given = cat.principle_codes(), report.components.principles
    loc = ("components", "principles")
    missing = [c for c in wanted if c not in given]
    if missing:
        out.append(src.problem(loc, f"ขาดผลการประเมินหลักการข้อ {', '.join(missing)} (ต้องครบ 17 ข้อ {wanted[0]}–{wanted[-1]})",
                               f"missing the assessment of principle(s) {', '.join(missing)} (all 17 are required)"))
    for code in given:
        if code not in wanted:
            out.append(src.problem((*loc, _source_key(src, loc, code)),
                                   f"ไม่มีหลักการข้อ {code} (มี: {', '.join(wanted)})",
                                   f"there is no principle {code} (principles: {', '.join(wanted)})"))
    loc = ("components", "summaries")
    for code in report.components.summaries:
        if code not in cat.component_codes():
            out.append(src.problem((*loc, _source_key(src, loc, code)),
                                   f"ไม่มีองค์ประกอบที่ {code} (มี: {', '.join(cat.component_codes())})",
                                   f"there is no component {code} (components: {', '.join(cat.component_codes())})"))
    return out


def _control_dates(src, report) -> list[Problem]:
    """Signing dates fall in the year after the one assessed; improvements are due after it ends."""
    end, out = thai.fiscal_year_end(report.year), []
    last = thai.fiscal_year_end(report.year + 1)
    span_th = f"{thai.thai_date(thai.fiscal_year_start(report.year + 1))} – {thai.thai_date(last)}"
    span_en = f"{thai.fiscal_year_start(report.year + 1)} – {last}"
    dated = [(("date",), report.date)] + [
        ((form, "date"), getattr(report, form).date) for form in (*_HEAD_SIGNED, "review") if getattr(report, form)
    ]
    for loc, day in dated:
        if day is not None and not end < day <= last:
            out.append(src.problem(loc, f"วันที่ลงนาม {thai.thai_date(day)} ต้องอยู่ในปีถัดจากปีงบประมาณที่ประเมิน ({span_th})",
                                   f"the signing date {day} must fall in the year after the fiscal year assessed ({span_en})"))
    for i, mission in enumerate(report.evaluation.missions):
        for j, row in enumerate(mission.risks):
            at = ("evaluation", "missions", i, "risks", j)
            if row.due is not None and row.due <= end:
                out.append(src.problem((*at, "due"),
                                       f"กำหนดเสร็จ {thai.thai_date(row.due)} ต้องอยู่หลังสิ้นปีงบประมาณ {report.year} ({thai.thai_date(end)})",
                                       f"the due date {row.due} must come after the end of fiscal year {report.year} ({end})"))
            if row.remaining_risk and not row.improvement:
                out.append(src.problem((*at, "improvement"), "มีความเสี่ยงที่ยังมีอยู่ ต้องระบุการปรับปรุงการควบคุมภายใน (improvement)",
                                       "a remaining risk needs its improvement"))
            if row.improvement and row.due is None:
                out.append(src.problem((*at, "due"), "มีการปรับปรุงการควบคุมภายใน ต้องระบุกำหนดเสร็จ (due)",
                                       "an improvement needs its due date"))
    return out


def _control_conclusion(src, report) -> list[Problem]:
    out = []
    if report.conclusion == "not_adequate":
        if not report.conclusion_reasons:
            out.append(src.problem(("conclusion_reasons",), "ผลสรุปไม่เพียงพอ ต้องระบุเหตุผล (conclusion_reasons)",
                                   "a not-adequate conclusion needs its reasons (conclusion_reasons)"))
        remaining = any(r.remaining_risk for m in report.evaluation.missions for r in m.risks)
        if not remaining and not report.certification.risks:
            out.append(src.problem(("conclusion",),
                                   "ผลสรุปไม่เพียงพอ แต่ ปค.๕ ไม่มีความเสี่ยงที่ยังมีอยู่ (remaining_risk) และไม่ได้ระบุ certification.risks",
                                   "not adequate, but ปค.๕ has no remaining risk and certification.risks is not given"))
    cert = report.certification
    if bool(cert.risks) != bool(cert.improvements) and (cert.risks is not None or cert.improvements is not None):
        out.append(src.problem(("certification", "improvements" if cert.risks else "risks"),
                               "ระบุ certification.risks และ certification.improvements คู่กัน (หรือไม่ระบุทั้งคู่ให้ใช้จาก ปค.๕)",
                               "give certification.risks and certification.improvements together (or neither, to use ปค.๕)"))
    review_conclusion = report.review.conclusion or report.conclusion
    if review_conclusion == "not_adequate" and not report.review.observations:
        out.append(src.problem(("review", "observations"), "ผลสอบทานไม่เพียงพอ ต้องระบุข้อตรวจพบ/ข้อสังเกต (observations)",
                               "a not-adequate review needs its observations"))
    return out


def _control_follow_up(src, report) -> list[Problem]:
    spec, follow, out = catalog.control_principles().follow_up, report.follow_up, []
    if follow.year is not None and follow.year >= report.year:
        out.append(src.problem(("follow_up", "year"), f"ปีที่ติดตามต้องก่อนปี {report.year}",
                               f"the year followed up must be before {report.year}"))
    columns = follow.column_keys()
    if columns is None:
        listing = ", ".join([*spec.layouts, *spec.columns])
        return out + [src.problem(("follow_up", "columns"), f"ไม่รู้จักชุดคอลัมน์/คอลัมน์ ใช้ได้: {listing}",
                                  f"unknown column set or column; one of: {listing}")]
    for i, item in enumerate(follow.items):
        at = ("follow_up", "items", i)
        if item.status not in spec.statuses:
            allowed = ", ".join(f"{k} ({v})" for k, v in spec.statuses.items())
            out.append(src.problem((*at, "status"), f"สถานะต้องเป็นหนึ่งใน {allowed}", f"status must be one of {allowed}"))
        for column in columns:
            if column != "status" and getattr(item, column) is None:
                heading = spec.columns[column]
                out.append(src.problem((*at, column), f"ต้องกรอก {column} สำหรับคอลัมน์ \"{heading}\"",
                                       f"{column} is required by the column \"{heading}\""))
    return out

