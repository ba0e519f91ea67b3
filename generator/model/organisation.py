"""The organisation profile: who the local government is, its units and people, and its house style."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator import catalog
from generator.model.base import Record, Slug, Text

DigitStyle = Literal["thai", "arabic"]


class Role(str, Enum):
    HEAD = "head"
    DEPUTY_HEAD = "deputy_head"
    PERMANENT_SECRETARY = "permanent_secretary"
    DEPUTY_PERMANENT_SECRETARY = "deputy_permanent_secretary"
    UNIT_HEAD = "unit_head"
    COUNCIL_PRESIDENT = "council_president"
    INTERNAL_AUDITOR = "internal_auditor"
    STAFF = "staff"


# Roles whose position comes from the type catalog rather than from the person's record.
CATALOG_POSITIONS = {
    Role.HEAD: "head",
    Role.DEPUTY_HEAD: "deputy_head",
    Role.PERMANENT_SECRETARY: "permanent_secretary",
    Role.DEPUTY_PERMANENT_SECRETARY: "deputy_permanent_secretary",
    Role.COUNCIL_PRESIDENT: "council_president",
}


class Digits(Record):
    """Digit style per kind of document: real Thai digits (๑๒๓) or Arabic digits (123)."""

    plan: DigitStyle = "arabic"
    announcements: DigitStyle = "thai"
    orders: DigitStyle = "thai"
    internal_control: DigitStyle = "thai"


class Font(Record):
    name: Text = "TH SarabunIT๙"
    size: Annotated[float, Field(ge=8, le=28)] = 16


class Contacts(Record):
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    website: str | None = None


class Unit(Record):
    """A สำนัก or กอง; its head's title defaults to หัวหน้าสำนัก… / ผู้อำนวยการกอง…"""

    id: Slug
    name: Text
    head_title: str | None = None

    @property
    def head_position(self) -> str:
        if self.head_title:
            return self.head_title
        return f"หัวหน้า{self.name}" if self.name.startswith("สำนัก") else f"ผู้อำนวยการ{self.name}"


class Person(Record):
    id: Slug
    name: Text
    role: Role
    unit: Slug | None = None
    position: str | None = None

    @model_validator(mode="after")
    def _needs_position(self):
        if self.role in (Role.INTERNAL_AUDITOR, Role.STAFF) and not self.position:
            raise PydanticCustomError(
                "prongsai_position",
                "ต้องระบุ position (ตำแหน่ง) สำหรับบทบาท {role} / position is required for role {role}",
                {"role": self.role.value},
            )
        if self.role == Role.UNIT_HEAD and not self.unit:
            raise PydanticCustomError(
                "prongsai_unit", "หัวหน้าส่วนราชการต้องระบุ unit / a unit_head needs its unit", {}
            )
        return self


class Organisation(Record):
    name: str = Field(description="The organisation's own name without the type prefix, e.g. บึงปรือ")
    type: Text = Field(description="อบต., เทศบาลตำบล, เทศบาลเมือง, เทศบาลนคร, อบจ., กรุงเทพมหานคร or เมืองพัทยา")
    district: Text
    province: Text
    address: Text
    postcode: Annotated[str, Field(pattern=r"^\d{5}$")] | None = None
    contacts: Contacts = Contacts()
    units: Annotated[list[Unit], Field(min_length=1)]
    people: list[Person] = []
    digits: Digits = Digits()
    font: Font = Font()

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        found = catalog.org_type(value)
        if found is None:
            allowed = ", ".join(t.abbreviation if t.abbreviation != t.label else t.label for t in catalog.org_types())
            raise PydanticCustomError(
                "prongsai_org_type",
                "ไม่รู้จักประเภทองค์กร '{value}' ใช้ได้: {allowed} / unknown organisation type '{value}'; one of: {allowed}",
                {"value": value, "allowed": allowed},
            )
        return found.key

    @model_validator(mode="after")
    def _name_and_people(self):
        kind = self.kind
        if kind.has_own_name and not self.name.strip():
            raise PydanticCustomError("prongsai_name", "ต้องระบุชื่อองค์กร (name) / name is required", {})
        return self

    @property
    def kind(self) -> catalog.OrgType:
        return catalog.org_type(self.type)

    @property
    def titles(self) -> dict[str, str]:
        """Every title of this organisation (full_name, head, council, staff …) from the type catalog."""
        return self.kind.titles(name=self.name, district=self.district, province=self.province)

    @property
    def full_name(self) -> str:
        return self.titles["full_name"]

    def unit(self, unit_id: str) -> Unit:
        return next(u for u in self.units if u.id == unit_id)

    def person(self, person_id: str) -> Person:
        return next(p for p in self.people if p.id == person_id)

    def people_with(self, role: Role) -> list[Person]:
        return [p for p in self.people if p.role == role]

    def position_of(self, person: Person) -> str:
        """The position line printed under a person's name: catalog title, unit head title, or as given."""
        if person.position:
            return person.position
        if person.role in CATALOG_POSITIONS:
            return self.titles[CATALOG_POSITIONS[person.role]]
        if person.role == Role.UNIT_HEAD and person.unit:
            return self.unit(person.unit).head_position
        return ""

