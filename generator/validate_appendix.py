"""Checks of appendix.yaml against the profile, the plan and the catalog, each a located Problem.

People are named by id, so every id must exist; a signer who does not hold the issuing post must say in which
capacity they sign; order numbers are unique within a calendar year; the working group is appointed before the plan
it prepares is issued; the emblem file is an image; a placeholder such as ${phone} needs its value in the profile.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

from generator import appendix as ax
from generator import thai
from generator.errors import Problem
from generator.load import OrganisationData, YamlSource
from generator.model.base import CONTACT_PLACEHOLDERS
from generator.render.text import Filler

_PLACEHOLDER = re.compile(r"\$\{([a-z_]+)\}")


def check_appendix(data: OrganisationData) -> list[Problem]:
    src: YamlSource = data.sources["appendix"]
    org, plan, appendix = data.organisation, data.plan, data.appendix
    people = {p.id: p for p in org.people}
    known = ", ".join(people) or "-"
    out: list[Problem] = []

    def person(loc: tuple, pid: str) -> bool:
        if pid in people:
            return True
        out.append(src.problem(loc, f"ไม่มีบุคคลรหัส '{pid}' ใน organisation.yaml people (มี: {known})",
                               f"no person with id '{pid}' in organisation.yaml people (known: {known})"))
        return False

    out += _check_emblem(src, data.folder, appendix.emblem)
    documents = ax.planned_documents(appendix)
    numbers: dict[tuple[int, int], list[tuple]] = {}
    for doc in documents:
        issuer_title = org.titles[doc.issuer]
        signer = doc.data.signer
        pid = ax.signer_id(doc, org)
        if pid is None:
            out.append(src.problem(
                doc.loc, f"ไม่มีผู้ลงนาม: ไม่ได้ระบุ signer และ organisation.yaml ไม่มีผู้ดำรงตำแหน่ง {doc.issuer} ({issuer_title})",
                f"no signer: give a signer, or a person with role {doc.issuer} in organisation.yaml",
            ))
        elif person(_signer_loc(src, doc.loc) if signer else doc.loc, pid):
            if signer and signer.mode is None and people[pid].role.value != doc.issuer:
                out.append(src.problem(
                    (*doc.loc, "signer"),
                    f"ผู้ลงนาม '{pid}' ไม่ใช่ผู้ดำรงตำแหน่ง {issuer_title}: ระบุ mode: delegated (ปฏิบัติราชการแทน) "
                    "หรือ acting (รักษาราชการแทน)",
                    f"signer '{pid}' does not hold the post {doc.issuer}: give mode: delegated or acting",
                ))
        if ax.needs_legal_basis(doc) and not ax.legal_basis(doc, org):
            out.append(src.problem(
                doc.loc, f"ต้องระบุ legal_basis (ไม่มีค่าเริ่มต้นสำหรับ{org.kind.label})",
                f"legal_basis is required: the catalog has no default for {org.kind.key}",
            ))
        issued = ax.issue_date(doc, appendix, plan)
        if doc.kind == "order":
            numbers.setdefault((thai.be_year(issued.year), doc.data.number), []).append(doc.loc)
        out += _check_parties(doc, src, org, person)
        if doc.key == "working_group":
            out += _check_before_plan(src, doc, issued, plan)
        if doc.key == "complaints" and doc.data.unit and doc.data.unit not in {u.id for u in org.units}:
            units = ", ".join(u.id for u in org.units)
            out.append(src.problem((*doc.loc, "unit"), f"ไม่มีหน่วยงาน '{doc.data.unit}' ใน units (มี: {units})",
                                   f"unknown unit '{doc.data.unit}' (units: {units})"))
    for (year, number), locs in numbers.items():
        for loc in locs[1:]:
            out.append(src.problem((*loc, "number"), f"คำสั่งที่ {number}/{year} ซ้ำกับคำสั่งอื่นในปีเดียวกัน",
                                   f"order number {number}/{year} is used twice in the same calendar year"))
    out += _check_contact_placeholders(src, Filler(org))
    return out


def _signer_loc(src: YamlSource, loc: tuple) -> tuple:
    """Where the signer's person id is written: ``signer: head`` or ``signer: {person: head, …}``."""
    node = src.data
    for part in loc:
        node = node[part]
    return (*loc, "signer", "person") if isinstance(node.get("signer"), dict) else (*loc, "signer")


def _check_parties(doc: ax.PlannedDocument, src: YamlSource, org, person) -> list[Problem]:
    """Working-group members and delegates exist, appear once, and a delegator does not delegate to themselves."""
    out: list[Problem] = []
    if doc.key == "working_group":
        field, ids = "members", [m.person for m in doc.data.members]
    elif doc.key == "delegations":
        field, ids = "delegates", [d.person for d in doc.data.delegates]
    else:
        return out
    delegator = ax.holder(org, doc.issuer) if doc.key == "delegations" else None
    for i, pid in enumerate(ids):
        loc = (*doc.loc, field, i, "person")
        if not person(loc, pid):
            continue
        if pid in ids[:i]:
            out.append(src.problem(loc, f"'{pid}' อยู่ในรายชื่อมากกว่าหนึ่งครั้ง", f"'{pid}' is listed more than once"))
        if delegator and pid == delegator.id:
            out.append(src.problem(loc, f"'{pid}' เป็นผู้มอบอำนาจเอง มอบอำนาจให้ตนเองไม่ได้",
                                   f"'{pid}' is the delegator and cannot delegate to themselves"))
    return out


def _check_before_plan(src: YamlSource, doc: ax.PlannedDocument, issued: date, plan) -> list[Problem]:
    """The working group prepares the plan, so it is appointed no later than the plan's issue month."""
    year, month = thai.ce_year(plan.issued.year), plan.issued.month
    last = date(year, month, calendar.monthrange(year, month)[1])
    if issued <= last:
        return []
    when = f"{thai.month_name(month)} {plan.issued.year}"
    return [src.problem((*doc.loc, "date"), f"คำสั่งแต่งตั้งคณะทำงานจัดทำแผนลงวันที่หลังวันประกาศใช้แผน ({when})",
                        f"the working group is appointed after the plan it prepares was issued ({when})")]


def _check_emblem(src: YamlSource, folder: Path, emblem: str | None) -> list[Problem]:
    if emblem is None:
        return []
    path = folder / emblem
    if not path.is_file():
        return [src.problem(("emblem",), f"ไม่พบไฟล์ภาพตราครุฑ {path}", f"emblem image not found: {path}")]
    from docx.image.image import Image

    try:
        image = Image.from_file(str(path))
    except Exception:  # python-docx raises several kinds for unreadable images
        image = None
    if image is None or image.content_type not in ("image/png", "image/jpeg"):
        return [src.problem(("emblem",), "ไฟล์ตราครุฑต้องเป็นภาพ PNG หรือ JPEG", "the emblem must be a PNG or JPEG image")]
    return []


def _check_contact_placeholders(src: YamlSource, fill: Filler) -> list[Problem]:
    """${phone}, ${website} … used in the appendix while organisation.yaml leaves them empty."""
    out: list[Problem] = []

    def walk(node, loc: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*loc, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*loc, i))
        elif isinstance(node, str):
            for name in _PLACEHOLDER.findall(node):
                if name in CONTACT_PLACEHOLDERS and not fill.values.get(name):
                    out.append(src.problem(loc, f"ใช้ ${{{name}}} แต่ organisation.yaml ไม่ได้กรอกค่านี้",
                                           f"${{{name}}} is used but organisation.yaml leaves it empty"))

    walk(src.data, ())
    return out
