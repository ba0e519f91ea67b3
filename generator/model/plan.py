"""The plan: its period, the fraud-risk table, the narrative of ส่วนที่ ๑, and the projects of ส่วนที่ ๒–๓."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from generator.model.base import Baht, Code, FiscalYear, Items, Paragraphs, Prose, Record, Slug, Text, _one_or_many


class Period(Record):
    """Fiscal years, BE, both included: 2566–2570 is five years."""

    start: FiscalYear
    end: FiscalYear

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise PydanticCustomError(
                "prongsai_period", "ปีสิ้นสุด ({end}) ต้องไม่น้อยกว่าปีเริ่มต้น ({start}) / end year before start year",
                {"start": self.start, "end": self.end},
            )
        return self

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))

    def __contains__(self, year: int) -> bool:
        return self.start <= year <= self.end


class IssueDate(Record):
    year: FiscalYear
    month: Annotated[int, Field(strict=True, ge=1, le=12)]


class Risk(Record):
    text: Prose
    level: Text


class RiskArea(Record):
    """One row of the fraud-risk table: a process, its risks with their levels, and the control measures."""

    process: Prose
    risks: Annotated[list[Risk], Field(min_length=1)]
    measures: Annotated[list[Prose], Field(min_length=1)]


class Target(Record):
    """A yearly target row, e.g. คะแนน ITA: one value per fiscal year of the plan."""

    indicator: Prose
    values: dict[FiscalYear, Prose]


class Project(Record):
    """A โครงการ/มาตรการ/กิจกรรม: where it sits in the framework, what it does, and its budget per year."""

    id: Slug
    kind: Text
    name: Prose
    code: Code
    rationale: Paragraphs
    objectives: Items
    target_group: Paragraphs
    methods: Items
    years: Period | None = None
    budget: dict[FiscalYear, Baht] = {}
    responsible: Annotated[list[Slug], BeforeValidator(_one_or_many), Field(min_length=1)]
    outputs: Items
    outcomes: Items
    remark: Prose | None = None

    @property
    def title(self) -> str:
        """The printed title: kind + name (โครงการ…, มาตรการ “…”)."""
        first = self.name[:1]
        joiner = " " if first in "“\"'‘(" or first.isascii() and first.isalnum() else ""
        return f"{self.kind}{joiner}{self.name}"

    def amount(self, year: int) -> int:
        return self.budget.get(year, 0)

    @property
    def total(self) -> int:
        return sum(self.budget.values())


class Plan(Record):
    framework: Code = "2566"
    period: Period
    issued: IssueDate
    risks: Annotated[list[RiskArea], Field(min_length=1)]
    rationale: Paragraphs
    objectives: Paragraphs
    goals: Paragraphs
    targets: list[Target] = []
    benefits: Paragraphs
    projects: Annotated[list[Project], Field(min_length=1)]
