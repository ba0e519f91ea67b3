"""Internal-control reports: one set of DOCX (ปค.๑, ปค.๔, ปค.๕, แบบติดตาม ปค.๕, ปค.๖) per internal-control file.

The contexts compute what a clerk would otherwise type or count: the "ณ วันที่ ๓๐ เดือน กันยายน พ.ศ. …" line
from the fiscal year, the addressee from the organisation type, the mission and item numbering, the ปค.๑
"อนึ่ง" lists from the ปค.๕ rows, and every signer's name and position from the organisation profile.
Digits stay Arabic here; the organisation's digit style for internal control is applied to the whole document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from generator import catalog, thai
from generator.load import OrganisationData
from generator.model import Organisation, Role
from generator.model.internal_control import InternalControl, Signer
from generator.render import docx
from generator.render.context import organisation_context
from generator.render.document import RenderedDocument
from generator.render.text import Filler, thai_join

GROUP = "internal-control"
TEMPLATES = {
    "certification": "internal-control/pk1-certification.docx",
    "components": "internal-control/pk4-components.docx",
    "evaluation": "internal-control/pk5-evaluation.docx",
    "follow_up": "internal-control/pk5-follow-up.docx",
    "review": "internal-control/pk6-review.docx",
}
NONE = "-"


@dataclass(frozen=True)
class Line:
    """A line of a table cell or list: its label (``1.``, ``1.1``; empty for a lone line) and text.

    ``keep`` marks the last line before a signature: it stays on the signature's page, so a page never holds
    a signature alone.
    """

    label: str
    text: str
    keep: bool = False


def keep_last(entries: list[Line]) -> list[Line]:
    return entries[:-1] + [Line(entries[-1].label, entries[-1].text, keep=True)] if entries else entries


def spelled_date(day: date) -> str:
    """``30 เดือน กันยายน พ.ศ. 2566``: the way the forms write a date."""
    return f"{day.day} เดือน {thai.month_name(day.month)} พ.ศ. {thai.be_year(day.year)}"


def short_date(day: date) -> str:
    """``30 ก.ย. 2567``: for narrow table cells."""
    return f"{day.day} {catalog.months()[day.month - 1].abbreviation} {thai.be_year(day.year)}"


def lines(texts: list[str] | None, fill: Filler) -> list[Line]:
    """Cell lines: one text stands alone, several are numbered 1. 2. …; nothing prints a dash."""
    if not texts:
        return [Line("", NONE)]
    if len(texts) == 1:
        return [Line("", fill(texts[0]))]
    return [Line(f"{n}.", fill(t)) for n, t in enumerate(texts, start=1)]


def signer_block(org: Organisation, signer: Signer | None, default_role: Role, day: date | None) -> dict:
    """Name and position printed under the signature, and the date line (blank to fill by hand when not given)."""
    if signer is not None and signer.name:
        name, position = signer.name, signer.position
    else:
        person = org.person(signer.person) if signer is not None else org.people_with(default_role)[0]
        name, position = person.name, org.position_of(person)
    return {"name": name, "position": position, "date": spelled_date(day) if day else ""}


class ReportContexts:
    """The template contexts of one fiscal year's internal-control reports."""

    def __init__(self, data: OrganisationData, report: InternalControl):
        self.org, self.report = data.organisation, report
        self.fill = Filler(self.org, data.plan)
        self.catalog = catalog.control_principles()

    # --- shared -------------------------------------------------------------------------------------------

    def _common(self, form: str) -> dict:
        spec = getattr(self.catalog.forms, form)
        return {
            "org": organisation_context(self.org),
            "form": {"label": spec.label, "title": spec.title, "subtitle": spec.subtitle},
            "as_of": spelled_date(thai.fiscal_year_end(self.report.year)),
        }

    def _signer(self, form: str, default_role: Role = Role.HEAD) -> dict:
        block = getattr(self.report, form)
        signer = block.signer or (self.report.signer if default_role == Role.HEAD else None)
        return signer_block(self.org, signer, default_role, block.date or self.report.date)

    def _units(self, unit_ids: list[str] | None) -> str:
        return thai_join([self.org.unit(u).name for u in unit_ids or []])

    def _responsible(self, unit_ids: list[str] | None, due: date | None) -> list[Line]:
        due_text = self.catalog.wording.due.format(date=short_date(due)) if due else ""
        texts = [t for t in (self._units(unit_ids), due_text) if t]
        return [Line("", t) for t in texts] or [Line("", NONE)]

    # --- ปค.๑ ---------------------------------------------------------------------------------------------

    def weaknesses(self) -> tuple[list[str], list[str]]:
        """The two lists of the อนึ่ง paragraph: given in the file, else every remaining risk of ปค.๕ and its improvement."""
        cert = self.report.certification
        if cert.risks is not None and cert.improvements is not None:
            return self.fill.all(cert.risks), self.fill.all(cert.improvements)
        risks, improvements, pattern = [], [], self.catalog.wording.weakness
        for mission in self.report.evaluation.missions:
            name = self.fill(mission.name)
            for row in mission.risks:
                if row.remaining_risk:
                    risks += [pattern.format(mission=name, text=self.fill(t)) for t in row.remaining_risk]
                    improvements += [pattern.format(mission=name, text=self.fill(t)) for t in row.improvement or []]
        return risks, improvements

    def certification(self) -> dict:
        cert, report = self.report.certification, self.report
        risks, improvements = self.weaknesses()
        return {
            **self._common("certification"),
            "criteria": self.catalog.criteria,
            "addressee": self.fill(cert.addressee) if cert.addressee else self.org.titles["supervisor"],
            "adequate": report.conclusion == "adequate",
            "conclusion_reasons": self.fill(report.conclusion_reasons),
            "oversight": self.fill(cert.oversight),
            "weaknesses": {
                "risks": [Line(f"1.{n}", t) for n, t in enumerate(risks, start=1)],
                "improvements": keep_last([Line(f"2.{n}", t) for n, t in enumerate(improvements, start=1)]),
            },
            "signer": self._signer("certification"),
        }

    # --- ปค.๔ ---------------------------------------------------------------------------------------------

    def components(self) -> dict:
        given = self.report.components
        components = [
            {
                "code": c.code,
                "title": c.title,
                "summary": self.fill(given.summaries.get(c.code)),
                "principles": [
                    {"code": p.code, "text": p.text, "assessment": self.fill(given.principles[p.code])}
                    for p in c.principles
                ],
            }
            for c in self.catalog.components
        ]
        return {
            **self._common("components"),
            "columns": self.catalog.component_columns,
            "components": components,
            "overall": self.fill(given.overall),
            "signer": self._signer("components"),
        }

    # --- ปค.๕ ---------------------------------------------------------------------------------------------

    def evaluation(self) -> dict:
        missions = []
        for number, mission in enumerate(self.report.evaluation.missions, start=1):
            rows = [
                {
                    "first": i == 0,
                    "risk": lines(row.risk, self.fill),
                    "existing_control": lines(row.existing_control, self.fill),
                    "assessment": lines(row.assessment, self.fill),
                    "remaining_risk": lines(row.remaining_risk, self.fill),
                    "improvement": lines(row.improvement, self.fill),
                    "responsible": self._responsible(row.responsible, row.due),
                    "remark": lines(row.remark, self.fill) if row.remark else [Line("", "")],
                }
                for i, row in enumerate(mission.risks)
            ]
            missions.append({
                "label": f"{number}. {self.fill(mission.name)}",
                "objective": self.fill(mission.objective),
                "rows": rows,
            })
        return {
            **self._common("evaluation"),
            "columns": self.catalog.evaluation_columns,
            "missions": missions,
            "signer": self._signer("evaluation"),
        }

    # --- แบบติดตาม ปค.๕ ------------------------------------------------------------------------------------

    def follow_up_cells(self, column: str, item) -> list[Line]:
        statuses = self.catalog.follow_up.statuses
        if column == "status":
            status = statuses[item.status]
            if item.progress is not None:
                status = self.catalog.wording.progress.format(status=status, progress=item.progress)
            return [Line("", status)]
        if column == "responsible":
            return self._responsible(item.responsible, item.due)
        return lines(getattr(item, column), self.fill)

    def follow_up(self) -> dict:
        follow = self.report.follow_up
        keys = follow.column_keys()
        headings = self.catalog.follow_up.columns
        return {
            **self._common("follow_up"),
            "plan_year": follow.year or self.report.year - 1,
            "headings": [headings[k] for k in keys],
            "items": [
                {"number": n, "cells": [self.follow_up_cells(k, item) for k in keys]}
                for n, item in enumerate(follow.items, start=1)
            ],
            "signer": self._signer("follow_up"),
        }

    # --- ปค.๖ ---------------------------------------------------------------------------------------------

    def review(self) -> dict:
        review = self.report.review
        conclusion = review.conclusion or self.report.conclusion
        return {
            **self._common("review"),
            "criteria": self.catalog.criteria,
            "addressee": self.org.titles["head"],
            "adequate": conclusion == "adequate",
            "lists": self._review_lists(),
            "signer": signer_block(self.org, review.signer, Role.INTERNAL_AUDITOR, review.date or self.report.date),
        }

    def _review_lists(self) -> list[dict]:
        """ปค.๖'s numbered lists (observations, recommendations), numbered among those that have items."""
        headings, review, out = self.catalog.wording.review_lists, self.report.review, []
        for key in ("observations", "recommendations"):
            items = getattr(review, key)
            if items:
                n = len(out) + 1
                out.append({
                    "label": f"{n}.", "heading": headings[key],
                    "entries": [Line(f"{n}.{k}", self.fill(t)) for k, t in enumerate(items, start=1)],
                })
        if out:
            out[-1]["entries"] = keep_last(out[-1]["entries"])
        return out

    def all(self) -> dict[str, dict]:
        """Form key → context, for the forms this file has data for, in the order they are filed."""
        return {form: getattr(self, form)() for form in filed_forms(self.report)}


def filed_forms(report: InternalControl) -> list[str]:
    """The forms an internal-control file has data for, in the order they are filed."""
    follow_up = ["follow_up"] if report.follow_up is not None else []
    return ["certification", "components", "evaluation", *follow_up, "review"]


def titles(data: OrganisationData) -> list[str]:
    """The titles of the reports ``render_internal_control`` makes, in the same order, without rendering them
    (the plan lists them on its ภาคผนวก page)."""
    forms = catalog.control_principles().forms
    return [_title(getattr(forms, form), report)
            for report in sorted(data.internal_control.values(), key=lambda r: r.year) for form in filed_forms(report)]


def _title(spec, report: InternalControl) -> str:
    return f"{spec.label} {spec.title} ({report.year})"


def render_internal_control(data: OrganisationData) -> list[RenderedDocument]:
    """Every internal-control report of every internal-control file, oldest year first."""
    return list(each_report(data))


def each_report(data: OrganisationData) -> Iterator[RenderedDocument]:
    """``render_internal_control`` one report at a time (a build converts each while it renders the next)."""
    org = data.organisation
    for report in sorted(data.internal_control.values(), key=lambda r: r.year):
        forms = catalog.control_principles().forms
        for form, context in ReportContexts(data, report).all().items():
            spec = getattr(forms, form)
            content = docx.render(
                docx.find_template(TEMPLATES[form], data.folder),
                context,
                digit_style=org.digits.internal_control,
                font_name=org.font.name,
                font_size=org.font.size,
                properties={"title": f"{spec.title} {org.full_name} ปีงบประมาณ {report.year}", "author": org.full_name},
            )
            folder = f"{GROUP}/{report.year}" if len(data.internal_control) > 1 else GROUP  # one year: no sub-folder
            yield RenderedDocument(
                f"{folder}/{spec.file}.docx", content, _title(spec, report),
                GROUP, org.digits.internal_control == "thai",
            )


def deadline_notes(data: OrganisationData) -> list[str]:
    """The build summary's reminder of when each year's reports are due (90 days after the fiscal year)."""
    notes = []
    for report in sorted(data.internal_control.values(), key=lambda r: r.year):
        due = thai.internal_control_deadline(report.year)
        notes.append(
            f"รายงานการควบคุมภายในปีงบประมาณ {report.year} ต้องเสนอภายใน {thai.thai_date(due)} "
            f"(90 วันนับแต่สิ้นปีงบประมาณ) / internal-control reports for fiscal year {report.year} are due by "
            f"{due.isoformat()} (90 days after the fiscal year ends)"
        )
    return notes


def late_signatures(data: OrganisationData) -> list[str]:
    """Warnings for reports dated after their deadline: legal to print, but the clerk should know."""
    warnings = []
    for report in sorted(data.internal_control.values(), key=lambda r: r.year):
        due = thai.internal_control_deadline(report.year)
        dates = [report.date] + [getattr(report, f).date for f in TEMPLATES if getattr(report, f) is not None]
        late = sorted({d for d in dates if d and d > due})
        if late:
            warnings.append(
                f"รายงานการควบคุมภายในปีงบประมาณ {report.year} ลงวันที่ {thai.thai_date(late[-1])} "
                f"เกินกำหนด {thai.thai_date(due)} / internal-control reports for {report.year} are dated "
                f"{late[-1].isoformat()}, after the deadline {due.isoformat()}"
            )
    return warnings
