"""The appendix documents' parameters (appendix.yaml): dates, order numbers, signers, powers, channels, members.

Only parameters live here; the wording is in the templates (templates/appendix/). Whatever is left out comes from
data/catalog/appendix.yaml or is computed: dates from the plan's fiscal year, signers from the people's roles,
legal bases from the organisation type.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, Union

from pydantic import BeforeValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator import catalog
from generator.model.base import Items, Paragraphs, Prose, Record, Slug, Text
from generator.thai import BE_OFFSET, arabic_digits

Position = Literal["head", "deputy_head", "permanent_secretary", "deputy_permanent_secretary", "council_president"]
Delegator = Literal["head", "permanent_secretary"]
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_THAI = re.compile(r"(?:วันที่\s*)?(\d{1,2})\s*(?:เดือน\s*)?(\S+?)\s*(?:พ\.ศ\.\s*)?(\d{4})")
_DATE_HINT = ("ต้องเป็นวันที่แบบ ปปปป-ดด-วว เช่น 2565-10-01 (พ.ศ.) หรือ 1 ตุลาคม 2565 / "
              "must be a date YYYY-MM-DD such as 2565-10-01 (Buddhist Era), 2022-10-01, or 1 ตุลาคม 2565")


def _parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) from ``2565-10-01`` or ``1 ตุลาคม 2565`` / ``1 ต.ค. 2565``."""
    if match := _ISO.fullmatch(text):
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    if match := _THAI.fullmatch(text):
        months = {name: m.number for m in catalog.months() for name in (m.full, m.abbreviation)}
        if match.group(2) in months:
            return int(match.group(3)), months[match.group(2)], int(match.group(1))
    return None


def _to_date(value):
    """``2565-10-01`` or ``1 ตุลาคม 2565`` (Buddhist Era, as clerks write), or ``2022-10-01``; a year from 2400 on is BE."""
    if isinstance(value, date):
        return value
    parts = _parts(arabic_digits(value).strip()) if isinstance(value, str) else None
    if parts is None:
        raise PydanticCustomError("prongsai_date", _DATE_HINT + " (got {value})", {"value": repr(value)})
    year, month, day = parts
    if year >= 2400:
        year -= BE_OFFSET
    try:
        result = date(year, month, day)
    except ValueError:
        raise PydanticCustomError("prongsai_date", "ไม่มีวันที่นี้ในปฏิทิน / no such day in the calendar: {value}",
                                  {"value": value}) from None
    if not 1941 <= result.year <= 2257:
        raise PydanticCustomError("prongsai_date", _DATE_HINT + " (got {value})", {"value": repr(value)})
    return result


DocDate = Annotated[date, BeforeValidator(_to_date)]
"""A calendar date, written ``2565-10-01`` (BE) or ``2022-10-01`` (CE)."""

OrderNumber = Annotated[int, Field(strict=True, ge=1, le=99999)]
Days = Annotated[int, Field(strict=True, ge=1, le=365)]
LegalBasis = Paragraphs


class Signer(Record):
    """Who signs, and for whom when someone signs in another's place (ปฏิบัติราชการแทน / รักษาราชการแทน)."""

    person: Slug = Field(description="id of a person in organisation.yaml people")
    mode: str | None = Field(None, description="delegated (ปฏิบัติราชการแทน) or acting (รักษาราชการแทน)")
    principal: Position | None = Field(None, description="the post signed for; default: the document's issuer")

    @field_validator("mode")
    @classmethod
    def _known_mode(cls, value: str | None) -> str | None:
        modes = catalog.appendix().signing_modes
        if value is not None and value not in modes:
            allowed = ", ".join(f"{k} ({v})" for k, v in modes.items())
            raise PydanticCustomError("prongsai_mode", "mode ต้องเป็นหนึ่งใน {allowed} / mode must be one of {allowed}",
                                      {"allowed": allowed})
        return value

    @model_validator(mode="after")
    def _principal_needs_mode(self):
        if self.principal and not self.mode:
            raise PydanticCustomError(
                "prongsai_mode", "ระบุ principal แล้วต้องระบุ mode ด้วย / principal needs a mode (delegated or acting)", {}
            )
        return self


def _person_or_signer(value):
    return {"person": value} if isinstance(value, str) else value


SignerField = Annotated[Signer, BeforeValidator(_person_or_signer, json_schema_input_type=Union[str, Signer])]


class Document(Record):
    """What every appendix document may set: its date and its signer (both have computed defaults)."""

    date: DocDate | None = None
    signer: SignerField | None = None


class Announcement(Document):
    legal_basis: LegalBasis | None = None


class NoGiftAnnouncement(Announcement):
    """No Gift Policy (measure 8): the ฿ limit for gifts from non-relatives and the days to report a larger one."""

    gift_limit: Annotated[int, Field(strict=True, ge=1)] | None = None
    report_days: Days | None = None
    penalty: Prose | None = None


class Channel(Record):
    """A way to file a complaint: ``name`` (โทรศัพท์, เว็บไซต์ …) and its ``detail`` (number, address, link)."""

    name: Text
    detail: Prose


class ComplaintAnnouncement(Announcement):
    """Complaint and corruption-report handling (measures 14, 17, 18): the unit, the channels, the response time."""

    unit: Slug | None = Field(None, description="id of the unit that runs the complaint centre; default: the first unit")
    channels: Annotated[list[Channel], Field(min_length=1)]
    response_days: Days | None = None


class Order(Document):
    number: OrderNumber = Field(description="ที่ n/ปี: the running number in the calendar year of the order's date")
    effective: DocDate | None = Field(None, description="ทั้งนี้ ตั้งแต่วันที่ …; default: บัดนี้")


class Member(Record):
    person: Slug
    role: Text = Field(description="ประธานคณะทำงาน, คณะทำงาน, คณะทำงานและเลขานุการ …")


class WorkingGroupOrder(Order):
    """The order appointing the working group that prepares the plan (measure 7)."""

    legal_basis: LegalBasis | None = None
    members: Annotated[list[Member], Field(min_length=1)]


class Delegate(Record):
    person: Slug
    powers: Annotated[Items, Field(min_length=1)]


class DelegationOrder(Order):
    """One delegation order of measure 12: who delegates (a post), to whom, which powers, on what legal basis."""

    id: Slug
    delegator: Delegator
    subject: Prose | None = None
    legal_basis: LegalBasis | None = None
    delegates: Annotated[list[Delegate], Field(min_length=1)]


def _present_means_wanted(value, lists: tuple[str, ...] = ()):
    """``integrity:`` with nothing after it asks for the document with every default, not for no document."""
    if isinstance(value, dict):
        return {k: (([] if k in lists else {}) if v is None else v) for k, v in value.items()}
    return value


class Announcements(Record):
    ethics: Announcement | None = None
    integrity: Announcement | None = None
    no_gift: NoGiftAnnouncement | None = None
    conflict_of_interest: Announcement | None = None
    complaints: ComplaintAnnouncement | None = None

    @model_validator(mode="before")
    @classmethod
    def _wanted(cls, value):
        return _present_means_wanted(value)


class Orders(Record):
    working_group: WorkingGroupOrder | None = None
    delegations: list[DelegationOrder] = []

    @model_validator(mode="before")
    @classmethod
    def _wanted(cls, value):
        return _present_means_wanted(value, lists=("delegations",))


class Appendix(Record):
    """appendix.yaml: which announcements and orders to produce, with their parameters."""

    emblem: Text | None = Field(None, description="the Garuda image (PNG or JPEG), relative to the organisation folder")
    date: DocDate | None = Field(None, description="date of every document that sets none; default 1 October before "
                                                   "the plan's first fiscal year")
    announcements: Announcements = Announcements()
    orders: Orders = Orders()
