"""The change report as a DOCX (templates/changes/changes.docx): tables for projects, budgets, totals and people,
and each changed text with deleted words struck through and inserted words underlined."""

from __future__ import annotations

from docxtpl import RichText

from generator import thai
from generator.diff.compare import ChangeReport
from generator.diff.report import signed
from generator.diff.words import DELETED, INSERTED, Segment, trimmed
from generator.load import OrganisationData
from generator.render import docx
from generator.render.context import organisation_context
from generator.render.document import RenderedDocument

TEMPLATE = "changes/changes.docx"
GROUP = "changes"
DELETED_COLOR, INSERTED_COLOR = "C00000", "1F6F2B"


def rich(segments: list[Segment]) -> RichText:
    text = RichText()
    for seg in trimmed(segments, context=12):
        if seg.op == DELETED:
            text.add(seg.text, strike=True, color=DELETED_COLOR)
        elif seg.op == INSERTED:
            text.add(seg.text, underline=True, color=INSERTED_COLOR)
        else:
            text.add(seg.text)
    return text


def context(data: OrganisationData, report: ChangeReport) -> dict:
    def project(n, p) -> dict:
        return {"number": n, "title": p.title, "code": p.code, "total": thai.number(p.total)}

    def amounts(old: int, new: int) -> dict:
        return {"old": thai.number(old), "new": thai.number(new), "delta": signed(new - old)}

    start, end = report.new_period
    return {
        "org": organisation_context(data.organisation),
        "edition": {"old": report.old_year, "new": report.new_year,
                    "period": f"{start} – {end}" if report.old_period == report.new_period
                    else "{} – {} (เดิม {} – {})".format(start, end, *report.old_period)},
        "added": [project(n, p) for n, p in enumerate(report.added, start=1)],
        "removed": [project(n, p) for n, p in enumerate(report.removed, start=1)],
        "budgets": [{"number": n, "title": c.title, "year": c.year, **amounts(c.old, c.new)}
                    for n, c in enumerate(report.budgets, start=1)],
        "totals": [{"year": t.year, **amounts(t.old, t.new)} for t in report.totals],
        "grand": amounts(report.grand_total.old, report.grand_total.new),
        "people": [{"number": n, "old": p.old or "-", "new": p.new or "-"} for n, p in enumerate(report.people, start=1)],
        "texts": [{"number": n, "where": t.where, "text": rich(t.segments)} for n, t in enumerate(report.texts, start=1)],
    }


def file_name(report: ChangeReport) -> str:
    return f"{GROUP}/รายงานการเปลี่ยนแปลง {report.old_year}-{report.new_year}.docx"


def render(data: OrganisationData, report: ChangeReport) -> RenderedDocument:
    org = data.organisation
    title = f"รายงานการเปลี่ยนแปลง ฉบับ {report.old_year} – {report.new_year}"
    content = docx.render(
        docx.find_template(TEMPLATE, data.folder), context(data, report), digit_style=org.digits.plan,
        font_name=org.font.name, font_size=org.font.size, properties={"title": f"{title} {org.full_name}",
                                                                      "author": org.full_name},
    )
    return RenderedDocument(file_name(report), content, title, GROUP, org.digits.plan == "thai")
