"""One fiscal year's internal-control assessment (``internal-control-<ปี>.yaml``): what ปค.๑, ปค.๔, ปค.๕, its
follow-up form and ปค.๖ say.

Only what a clerk decides is here: assessments, risks, improvements, people and dates. The principles, form
titles and column headings come from ``data/catalog/control-principles.yaml``; the period, the addressee and
the numbering are computed. Cross-field checks (known units and people, all 17 principles, dates after the year
assessed) are in ``validate.py``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from generator import catalog, thai
from generator.model.base import FiscalYear, Prose, Record, Slug, Text, _one_or_many

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_THAI_STYLE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_DATE_HINT = "เช่น 2566-12-15 (ปี พ.ศ.) หรือ 2023-12-15 (ปี ค.ศ.) หรือ 15/12/2566"
_DATE_HINT_EN = "e.g. 2566-12-15 (Buddhist Era), 2023-12-15 (CE) or 15/12/2566"


def _date(value):
    """A date as a clerk types it: ISO with a BE or CE year, or day/month/year; BE years (≥ 2400) are converted."""
    if isinstance(value, date):
        y, m, d = value.year, value.month, value.day
    elif isinstance(value, str) and (found := _ISO.match(thai.arabic_digits(value))):
        y, m, d = (int(x) for x in found.groups())
    elif isinstance(value, str) and (found := _THAI_STYLE.match(thai.arabic_digits(value))):
        d, m, y = (int(x) for x in found.groups())
    else:
        raise PydanticCustomError(
            "prongsai_date", f"ต้องเป็นวันที่ {_DATE_HINT} / must be a date, {_DATE_HINT_EN}", {}
        )
    if y >= 2400:
        y -= thai.BE_OFFSET
    try:
        return date(y, m, d)
    except ValueError:
        raise PydanticCustomError(
            "prongsai_date", f"ไม่มีวันที่นี้ในปฏิทิน ({value}) / no such day in the calendar ({value})", {}
        ) from None


ThaiDate = Annotated[date, BeforeValidator(_date, json_schema_input_type=str)]
"""A calendar date; ``2566-12-15`` (BE) and ``2023-12-15`` (CE) are the same day."""

_CONCLUSIONS = {"เพียงพอ": "adequate", "มีความเพียงพอ": "adequate", "ไม่เพียงพอ": "not_adequate",
                "ยังไม่เพียงพอ": "not_adequate"}
Conclusion = Annotated[Literal["adequate", "not_adequate"], BeforeValidator(lambda v: _CONCLUSIONS.get(v, v))]
"""The overall conclusion: ``adequate`` (มีความเพียงพอ) or ``not_adequate`` (ยังไม่เพียงพอ)."""


def _code(value):
    """Principle and component codes as text: YAML reads ``1.1`` as a number and clerks may type ``๑.๑``."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return thai.arabic_digits(value).strip() if isinstance(value, str) else value


Code = Annotated[str, BeforeValidator(_code), Field(pattern=r"^\d+(\.\d+)?$")]


def _person_or_signer(value):
    return {"person": value} if isinstance(value, str) else value


class Signer(Record):
    """Who signs a form: a person of organisation.yaml by id, or a name with a position."""

    person: Slug | None = None
    name: Text | None = None
    position: Text | None = None

    @model_validator(mode="after")
    def _person_or_name(self):
        if bool(self.person) == bool(self.name):
            raise PydanticCustomError(
                "prongsai_signer",
                "ระบุ person (รหัสบุคคลใน organisation.yaml) หรือ name กับ position อย่างใดอย่างหนึ่ง / "
                "give either person (an id from organisation.yaml) or name with position",
                {},
            )
        if self.name and not self.position:
            raise PydanticCustomError(
                "prongsai_signer", "ต้องระบุ position (ตำแหน่ง) คู่กับ name / position is required with name", {}
            )
        return self


SignerRef = Annotated[Signer, BeforeValidator(_person_or_signer, json_schema_input_type=Slug | Signer)]
"""A signer as a person id (``signer: head``) or as ``{name: …, position: …}``."""
Units = Annotated[list[Slug], BeforeValidator(_one_or_many, json_schema_input_type=Slug | list[Slug]), Field(min_length=1)]
Texts = Annotated[list[Prose], BeforeValidator(_one_or_many, json_schema_input_type=str | list[str])]
Cell = Annotated[list[Prose], BeforeValidator(_one_or_many, json_schema_input_type=str | list[str]), Field(min_length=1)]
"""A table cell: one text, or a list of texts printed as numbered lines."""


class Signed(Record):
    """A form's own signer and date; either falls back to the file's defaults."""

    signer: SignerRef | None = None
    date: ThaiDate | None = None


class CommitteeMember(Record):
    """A member of the committee that assessed the internal control (คณะกรรมการติดตามประเมินผลการควบคุมภายใน)."""

    person: Slug | None = None
    name: Text | None = None
    position: Text | None = None
    role: Text = Field(description="บทบาทในคณะกรรมการ เช่น ประธานกรรมการ / กรรมการ / กรรมการและเลขานุการ")

    @model_validator(mode="after")
    def _person_or_name(self):
        Signer.model_validate({"person": self.person, "name": self.name, "position": self.position})
        return self


class Certification(Signed):
    """ปค.๑: who it is addressed to and, when they should not be derived from ปค.๕, the lists of its อนึ่ง paragraph."""

    addressee: Prose | None = Field(None, description="ผู้รับ (เรียน …); ไม่ระบุ = ผู้กำกับดูแลตามประเภทองค์กร")
    oversight: Prose | None = Field(None, description="ข้อความต่อจาก 'ภายใต้การกำกับดูแลของ' (ไม่ระบุ = ไม่พิมพ์วลีนี้)")
    risks: Texts | None = Field(None, description="รายการ ๑.x ความเสี่ยงที่มีอยู่ (ไม่ระบุ = จาก ปค.๕)")
    improvements: Texts | None = Field(None, description="รายการ ๒.x การปรับปรุง (ไม่ระบุ = จาก ปค.๕)")


class ComponentAssessment(Signed):
    """ปค.๔: the assessment of each of the 17 principles, optional summaries per component, the overall result."""

    principles: dict[Code, Prose]
    summaries: dict[Code, Prose] = {}
    overall: Prose


class ControlRisk(Record):
    """One row of ปค.๕."""

    risk: Cell
    existing_control: Cell
    assessment: Cell
    remaining_risk: Cell | None = None
    improvement: Cell | None = None
    responsible: Units
    due: ThaiDate | None = None
    remark: Cell | None = None


class Mission(Record):
    """A ภารกิจ of ปค.๕ with its objective; its rows are printed together."""

    name: Prose
    objective: Prose | None = None
    risks: Annotated[list[ControlRisk], Field(min_length=1)]


class Evaluation(Signed):
    """ปค.๕: the risk table, by mission."""

    missions: Annotated[list[Mission], Field(min_length=1)]


class FollowUpItem(Record):
    """One improvement of last year's ปค.๕ and how far it got; which fields are needed depends on the columns."""

    mission: Cell
    existing_control: Cell | None = None
    remaining_risk: Cell | None = None
    improvement: Cell | None = None
    responsible: Units | None = None
    due: ThaiDate | None = None
    status: Text
    progress: Annotated[int, Field(strict=True, ge=0, le=100)] | None = None
    monitoring: Cell | None = None
    problems: Cell | None = None


class FollowUp(Signed):
    """แบบติดตาม ปค.๕: last year's improvement plan and its status."""

    year: FiscalYear | None = Field(None, description="ปีงบประมาณของแผนปรับปรุงที่ติดตาม (ไม่ระบุ = ปีก่อนหน้า)")
    columns: str | list[str] | None = Field(None, description="ชุดคอลัมน์ a / b หรือรายการคอลัมน์ (ไม่ระบุ = a)")
    items: Annotated[list[FollowUpItem], Field(min_length=1)]

    def column_keys(self) -> list[str] | None:
        """The columns shown: a named set (a, b), a list of column keys, or the default set; None when unknown."""
        spec = catalog.control_principles().follow_up
        chosen = self.columns if self.columns is not None else spec.default_layout
        keys = list(spec.layouts[chosen]) if isinstance(chosen, str) and chosen in spec.layouts else chosen
        if isinstance(keys, str) or any(k not in spec.columns for k in keys):
            return None
        return keys


class Review(Signed):
    """ปค.๖: the internal auditor's review of the assessment, addressed to the head of the executive."""

    conclusion: Conclusion | None = None
    observations: Texts = []
    recommendations: Texts = []


class InternalControl(Record):
    """Everything one fiscal year's internal-control reports say."""

    year: FiscalYear = Field(description="ปีงบประมาณที่ประเมิน (พ.ศ.) สิ้นสุด 30 กันยายน")
    date: ThaiDate | None = Field(None, description="วันที่ลงนาม ใช้กับทุกแบบที่ไม่ระบุวันที่เอง")
    signer: SignerRef | None = Field(None, description="ผู้ลงนาม ปค.๑ ปค.๔ ปค.๕ (ไม่ระบุ = หัวหน้าฝ่ายบริหาร)")
    committee: list[CommitteeMember] = []
    conclusion: Conclusion
    conclusion_reasons: Prose | None = None
    certification: Certification = Certification()
    components: ComponentAssessment
    evaluation: Evaluation
    follow_up: FollowUp | None = None
    review: Review
