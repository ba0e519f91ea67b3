"""Building blocks shared by the data models: strict records, non-empty text, years, money, nested lists."""

from __future__ import annotations

import re
from typing import Annotated, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

# Names a clerk may write as ${name} inside any prose field; they are filled from the organisation profile
# and the type catalog, so a name or a title is never typed by hand (and never damaged by find-and-replace).
# ${…} rather than {…}: YAML reads a value that starts with { as a mapping, and most sentences start with ${org}.
PLACEHOLDERS: dict[str, str] = {
    "org": "ชื่อเต็มขององค์กร เช่น องค์การบริหารส่วนตำบลบึงปรือ",
    "org_name": "ชื่อขององค์กร (ไม่มีคำนำหน้าประเภท) เช่น บึงปรือ",
    "head": "ตำแหน่งหัวหน้าฝ่ายบริหาร เช่น นายกองค์การบริหารส่วนตำบลบึงปรือ",
    "deputy_head": "ตำแหน่งรองหัวหน้าฝ่ายบริหาร",
    "permanent_secretary": "ตำแหน่งปลัด",
    "deputy_permanent_secretary": "ตำแหน่งรองปลัด",
    "council": "ชื่อสภาท้องถิ่นขององค์กร",
    "council_president": "ตำแหน่งประธานสภา",
    "council_member": "คำเรียกสมาชิกสภา",
    "staff": "คำเรียกพนักงาน เช่น พนักงานส่วนตำบล / พนักงานเทศบาล",
    "teacher_staff": "คำเรียกพนักงานครู",
    "main_office": "ชื่อสำนักปลัดขององค์กร",
    "local_legislation": "ชื่อกฎหมายท้องถิ่น เช่น ข้อบัญญัติองค์การบริหารส่วนตำบล / เทศบัญญัติ",
    "budget_act": "ชื่อข้อบัญญัติ/เทศบัญญัติงบประมาณรายจ่ายประจำปี",
    "founding_law": "กฎหมายจัดตั้งองค์กร",
    "supervisor": "ผู้กำกับดูแล เช่น นายอำเภอ…",
    "personnel_commission": "คณะกรรมการบริหารงานบุคคลระดับจังหวัด",
    "district": "ชื่ออำเภอ",
    "province": "ชื่อจังหวัด",
    "plan_start": "ปีงบประมาณแรกของแผน เช่น 2566",
    "plan_end": "ปีงบประมาณสุดท้ายของแผน เช่น 2570",
    "plan_period": "ช่วงปีของแผน เช่น 2566 – 2570",
    "plan_base_year": "ปีก่อนเริ่มแผน (ปีฐาน) เช่น 2565",
    "address": "ที่อยู่สำนักงาน (address ใน organisation.yaml)",
    "postcode": "รหัสไปรษณีย์",
    "phone": "หมายเลขโทรศัพท์ (contacts.phone)",
    "fax": "หมายเลขโทรสาร (contacts.fax)",
    "email": "ไปรษณีย์อิเล็กทรอนิกส์ (contacts.email)",
    "website": "เว็บไซต์ (contacts.website)",
}
# Placeholders filled from organisation.yaml fields a clerk may leave empty; validate.py reports their use then.
CONTACT_PLACEHOLDERS = ("postcode", "phone", "fax", "email", "website")
_PLACEHOLDER = re.compile(r"\$\{([^{}]*)\}")


class Record(BaseModel):
    """A data record: unknown (misspelt) fields are errors, whitespace around text is dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _known_placeholders(text: str) -> str:
    for name in _PLACEHOLDER.findall(text):
        if name not in PLACEHOLDERS:
            raise PydanticCustomError(
                "prongsai_placeholder",
                "ไม่รู้จักคำแทน {token} ใช้ได้: {allowed} / unknown placeholder {token}; allowed: {allowed}",
                {"token": "${" + name + "}", "allowed": ", ".join("${" + p + "}" for p in PLACEHOLDERS)},
            )
    return text


def _no_braces_inside(text: str) -> str:
    """Braces only as ${name}: a bare {org} is the usual slip, a lone brace a typing error."""
    bare = _PLACEHOLDER.sub("", text)
    if "{" in bare or "}" in bare:
        raise PydanticCustomError(
            "prongsai_braces",
            "ใช้วงเล็บปีกกาได้เฉพาะคำแทนแบบ {example} (มีเครื่องหมาย $ นำหน้า) / braces are only allowed in placeholders such as {example}",
            {"example": "${org}"},
        )
    return text


def _number_as_text(value):
    """YAML reads 1.1 or 85 as numbers; where text is expected, take them back as the text the clerk typed."""
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


Text = Annotated[str, BeforeValidator(_number_as_text), Field(min_length=1)]
"""Non-empty text without placeholders (names, labels)."""

Prose = Annotated[str, BeforeValidator(_number_as_text), Field(min_length=1), AfterValidator(_no_braces_inside), AfterValidator(_known_placeholders)]
"""Non-empty text that may use ${placeholders} from PLACEHOLDERS."""

Code = Annotated[str, BeforeValidator(_number_as_text), Field(pattern=r"^\d+(\.\d+)*$")]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
FiscalYear = Annotated[int, Field(strict=True, ge=2400, le=2800)]
Baht = Annotated[int, Field(strict=True, ge=0)]


def _one_or_many(value):
    return [value] if isinstance(value, str) else value


class ListItem(Record):
    """An item of a nested list (methods, outputs): its text and, optionally, sub-items."""

    text: Prose
    items: list["Item"] = []


def _item_from_text(value):
    return {"text": value} if isinstance(value, str) else value


Item = Annotated[Union[ListItem], BeforeValidator(_item_from_text)]
Items = Annotated[list[Item], BeforeValidator(_one_or_many)]
Paragraphs = Annotated[list[Prose], BeforeValidator(_one_or_many), Field(min_length=1)]
ListItem.model_rebuild()
