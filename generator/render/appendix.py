"""The announcements and orders of the appendix: one DOCX each, from templates/appendix/ and appendix.yaml.

Each template gets the organisation, the date line, the signature block and, per document, its own parameters
(order number, legal basis, powers, channels, members …), all computed or filled in here so the templates only
lay them out. After rendering, the Garuda (or its marked frame) is placed on page 1.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from generator import appendix as ax
from generator import catalog, thai
from generator.load import OrganisationData
from generator.model.base import ListItem
from generator.model.organisation import CATALOG_POSITIONS, Role
from generator.render import docx, emblem
from generator.render.context import organisation_context, period_text
from generator.render.document import RenderedDocument
from generator.render.text import Filler, ListRow, thai_join

GROUP = "appendix"


def clause_rows(items: list[ListItem], fill: Filler, prefix: str) -> list[ListRow]:
    """Sub-clauses numbered under their clause: 1.1, 1.2, then 1.1.1 …; deeper levels get a dash."""
    rows: list[ListRow] = []

    def walk(entries: list[ListItem], level: int, number: str) -> None:
        for n, entry in enumerate(entries, start=1):
            label = f"{number}.{n}" if level <= 2 else "-"
            rows.append(ListRow(min(level, 3), label, fill(entry.text)))
            walk(entry.items, level + 1, label)

    walk(items, 1, prefix)
    return rows


def date_line(day: date, undated: bool) -> str:
    """``1 ตุลาคม พ.ศ. 2565``, or the blank form a clerk fills in by hand after signing."""
    return catalog.appendix().blank_date if undated else thai.thai_date(day)


class AppendixContext:
    """Template contexts for one organisation's appendix documents."""

    def __init__(self, data: OrganisationData, *, undated: bool):
        self.data, self.undated = data, undated
        self.org, self.plan, self.appendix = data.organisation, data.plan, data.appendix
        self.fill = Filler(self.org, self.plan)

    def common(self, doc: ax.PlannedDocument) -> dict:
        issued = ax.issue_date(doc, self.appendix, self.plan, self.data.default_date)
        sig = ax.signature(doc, self.org)
        context = {
            "org": organisation_context(self.org),
            "dated": date_line(issued, self.undated),
            "signature": {"name": sig.name, "position": sig.position, "lines": sig.lines},
        }
        if doc.kind == "order":
            cat = catalog.appendix()
            effective = doc.data.effective
            context["number"] = ax.order_number(doc, issued)
            context["effective"] = (cat.effective_from.format(date=thai.thai_date(effective)) if effective
                                    else cat.effective_now)
        return context

    def legal_basis(self, doc: ax.PlannedDocument) -> str:
        return thai_join(self.fill.all(ax.legal_basis(doc, self.org) or []))

    def person_row(self, number: int, person_id: str) -> dict:
        person = self.org.person(person_id)
        return {"number": number, "name": person.name, "position": self.org.position_of(person)}

    def build(self, doc: ax.PlannedDocument) -> dict:
        context = self.common(doc)
        data, defaults = doc.data, doc.defaults
        if doc.key in ("ethics", "conflict_of_interest"):
            context["legal_basis"] = self.legal_basis(doc)
        elif doc.key == "no_gift":
            context.update(
                legal_basis=self.legal_basis(doc),
                gift_limit=thai.money(data.gift_limit or defaults.gift_limit),
                report_days=str(data.report_days or defaults.report_days),
                penalty=self.fill(data.penalty or defaults.penalty),
            )
        elif doc.key == "complaints":
            unit = self.org.unit(data.unit) if data.unit else self.org.units[0]
            context.update(
                legal_basis=self.legal_basis(doc),
                unit=unit.name,
                channels=[{"number": n, "name": c.name, "detail": self.fill(c.detail)}
                          for n, c in enumerate(data.channels, start=1)],
                response_days=str(data.response_days or defaults.response_days),
            )
        elif doc.key == "working_group":
            framework = catalog.framework(self.plan.framework)
            context.update(
                legal_basis=self.legal_basis(doc),
                plan={"title": framework.title, "period_text": period_text(self.plan.period.start, self.plan.period.end)},
                members=[{**self.person_row(n, m.person), "role": m.role}
                         for n, m in enumerate(data.members, start=1)],
            )
        elif doc.key == "delegations":
            context.update(
                subject=self.delegation_subject(doc),
                delegator=self.org.titles[doc.issuer],
                legal_basis=self.legal_basis(doc),
                delegates=[{**self.person_row(n, d.person), "powers": clause_rows(d.powers, self.fill, str(n))}
                           for n, d in enumerate(data.delegates, start=1)],
            )
        return context

    def delegation_subject(self, doc: ax.PlannedDocument) -> str:
        """The data's subject, else the catalog's pattern naming the delegates' posts and the delegator's."""
        if doc.data.subject:
            return self.fill(doc.data.subject)
        cat, titles, posts = catalog.appendix(), self.org.titles, []
        for delegate in doc.data.delegates:
            person = self.org.person(delegate.person)
            if person.role in CATALOG_POSITIONS:
                post = titles[CATALOG_POSITIONS[person.role]]
            else:
                post = cat.unit_heads if person.role == Role.UNIT_HEAD else self.org.position_of(person)
            if post not in posts:
                posts.append(post)
        return cat.delegation_subject.format(delegates=thai_join(posts), delegator=titles[doc.issuer])

    def title(self, doc: ax.PlannedDocument) -> str:
        """The title in the build summary and the PDF bookmarks."""
        if doc.kind == "order":
            issued = ax.issue_date(doc, self.appendix, self.plan, self.data.default_date)
            return f"{doc.defaults.title} ที่ {ax.order_number(doc, issued)}"
        return doc.defaults.title


def file_name(position: int, title: str) -> str:
    """``appendix/03-คำสั่ง… ที่ 12-2565.docx``: filing position first, no slash."""
    return f"{GROUP}/{position:02d}-{title.replace('/', '-')}.docx"


def emblem_path(data: OrganisationData) -> Path | None:
    return data.folder / data.appendix.emblem if data.appendix and data.appendix.emblem else None


def titles(data: OrganisationData) -> list[str]:
    """The titles of the documents ``render_appendix`` makes, in the same order, without rendering them (the
    plan lists them on its ภาคผนวก page)."""
    if data.appendix is None:
        return []
    contexts = AppendixContext(data, undated=False)
    return [thai.digits(contexts.title(doc), _digit_style(data, doc)) for doc in ax.planned_documents(data.appendix)]


def _digit_style(data: OrganisationData, doc: ax.PlannedDocument) -> str:
    digits = data.organisation.digits
    return digits.orders if doc.kind == "order" else digits.announcements


def render_appendix(data: OrganisationData, *, undated: bool = False) -> list[RenderedDocument]:
    """Every announcement and order appendix.yaml asks for, in filing order (none without appendix.yaml)."""
    return list(each_document(data, undated=undated))


def each_document(data: OrganisationData, *, undated: bool = False) -> Iterator[RenderedDocument]:
    """``render_appendix`` one document at a time (a build converts each while it renders the next)."""
    if data.appendix is None:
        return
    org, contexts = data.organisation, AppendixContext(data, undated=undated)
    image, layout = emblem_path(data), catalog.appendix().layout
    emblem_key = repr((hashlib.sha256(image.read_bytes()).hexdigest() if image else None, layout))
    for position, doc in enumerate(ax.planned_documents(data.appendix), start=1):
        style = _digit_style(data, doc)
        title = contexts.title(doc)
        content = docx.render(
            docx.find_template(doc.defaults.template, data.folder),
            contexts.build(doc),
            digit_style=style,
            font_name=org.font.name,
            font_size=org.font.size,
            properties={"title": f"{title} {org.full_name}", "author": org.full_name},
            last=lambda document: emblem.place(document, image, layout, font=org.font.name, font_size=org.font.size),
            last_key=emblem_key,
        )
        yield RenderedDocument(file_name(position, title), content, thai.digits(title, style), GROUP, style == "thai")


def warnings(data: OrganisationData, documents: list[RenderedDocument]) -> list[str]:
    """What keeps the appendix from being signed as it is."""
    if data.appendix is None:
        return ["ไม่มีไฟล์ appendix.yaml จึงไม่ได้สร้างประกาศและคำสั่งในภาคผนวก / "
                "no appendix.yaml: the appendix announcements and orders were not produced"]
    if emblem_path(data) is not None:
        return []
    return [f"{d.path}: ไม่มีภาพตราครุฑ (ช่อง emblem ใน appendix.yaml) มีเพียงกรอบว่าง ยังไม่พร้อมลงนาม / "
            "no Garuda image (emblem in appendix.yaml), only an empty frame: not ready for signature"
            for d in documents if d.group == GROUP]


def contexts_by_template(data: OrganisationData) -> dict[str, dict]:
    """One context per template (the first document that uses it), for template checks and documentation."""
    contexts = AppendixContext(data, undated=False)
    out: dict[str, dict] = {}
    for doc in ax.planned_documents(data.appendix):
        out.setdefault(doc.defaults.template, contexts.build(doc))
    return out
