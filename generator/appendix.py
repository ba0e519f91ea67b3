"""The appendix as documents to produce, in filing order, with every default resolved.

appendix.yaml says which announcements and orders an organisation issues and whatever differs from the defaults;
this module answers the questions validation and rendering both ask: the date of a document, who signs it and for
whom, its order number, its legal basis. A question without an answer (no signer, unknown person …) is a Problem
for validate.py; rendering runs only on data that passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from generator import catalog, thai
from generator.catalog import AppendixDocumentDefaults
from generator.model import Appendix, Organisation, Plan, Role
from generator.model.appendix import Document, Order
from generator.model.organisation import Person

Loc = tuple
ANNOUNCEMENT_KEYS = ("ethics", "integrity", "no_gift", "conflict_of_interest", "complaints")
ORDER_KEYS = ("working_group", "delegations")


@dataclass(frozen=True)
class PlannedDocument:
    """One announcement or order to produce: its catalog entry, its data, and where that data is in the file."""

    key: str  # catalog key: ethics, integrity, working_group, no_gift, conflict_of_interest, delegations, complaints
    data: Document
    loc: Loc  # ("announcements", "integrity") or ("orders", "delegations", 2)
    issuer: str  # the post that issues it: "head" or, for a delegation order, its delegator

    @property
    def kind(self) -> Literal["announcement", "order"]:
        return "order" if isinstance(self.data, Order) else "announcement"

    @property
    def defaults(self) -> AppendixDocumentDefaults:
        return catalog.appendix().documents[self.key]


def planned_documents(appendix: Appendix) -> list[PlannedDocument]:
    """The documents appendix.yaml asks for, in the catalog's filing order."""
    out: list[PlannedDocument] = []
    for key in catalog.appendix().documents:
        if key == "delegations":
            out += [PlannedDocument(key, order, ("orders", "delegations", i), order.delegator)
                    for i, order in enumerate(appendix.orders.delegations)]
        elif key in ANNOUNCEMENT_KEYS and (doc := getattr(appendix.announcements, key)) is not None:
            out.append(PlannedDocument(key, doc, ("announcements", key), "head"))
        elif key in ORDER_KEYS and (doc := getattr(appendix.orders, key)) is not None:
            out.append(PlannedDocument(key, doc, ("orders", key), "head"))
    return out


def issue_date(doc: PlannedDocument, appendix: Appendix, plan: Plan) -> date:
    """The document's own date; else the working group's plan-issue month, or the file-wide date, or 1 October
    before the plan's first fiscal year (when the new year's announcements are re-issued)."""
    if doc.data.date:
        return doc.data.date
    if doc.key == "working_group":
        return date(thai.ce_year(plan.issued.year), plan.issued.month, 1)
    return appendix.date or thai.fiscal_year_start(plan.period.start)


def order_number(doc: PlannedDocument, issued: date) -> str:
    """``45/2565``: the running number and the Buddhist-Era calendar year of the order's date."""
    return f"{doc.data.number}/{thai.be_year(issued.year)}"


def holder(org: Organisation, post: str) -> Person | None:
    """The person in the post (head, permanent_secretary …), if the profile names one."""
    found = org.people_with(Role(post))
    return found[0] if found else None


def signer_id(doc: PlannedDocument, org: Organisation) -> str | None:
    """Who signs: the data's signer, else the holder of the issuing post."""
    if doc.data.signer:
        return doc.data.signer.person
    person = holder(org, doc.issuer)
    return person.id if person else None


@dataclass(frozen=True)
class Signature:
    """The signature block: name, the signer's own position, and the position lines printed under the name."""

    name: str
    position: str
    lines: list[str]


def signature(doc: PlannedDocument, org: Organisation) -> Signature:
    person = org.person(signer_id(doc, org))
    position = org.position_of(person)
    signer = doc.data.signer
    if signer is None or signer.mode is None:
        return Signature(person.name, position, [position])
    mode = catalog.appendix().signing_modes[signer.mode]
    principal = org.titles[signer.principal or doc.issuer]
    return Signature(person.name, position, [f"{position} {mode}", principal])


def legal_basis(doc: PlannedDocument, org: Organisation) -> list[str] | None:
    """The legal basis cited: the data's, else the catalog's for this document or this organisation type."""
    own = getattr(doc.data, "legal_basis", None)
    if own:
        return list(own)
    if doc.key == "working_group":
        key = "head_orders"
    elif doc.key == "delegations":
        key = f"{doc.issuer}_delegation"
    else:
        return list(doc.defaults.legal_basis) or None
    return catalog.appendix().legal_basis(org.kind.key, key, province=org.province)


def needs_legal_basis(doc: PlannedDocument) -> bool:
    return doc.key in ("working_group", "delegations") or bool(doc.defaults.legal_basis)
