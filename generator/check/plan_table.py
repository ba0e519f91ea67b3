"""The project table of ส่วนที่ ๒ as found in a document: projects by มิติ with their yearly amounts, the
"รวม จำนวน N โครงการ" subtotal rows and the "รวมทั้งสิ้น" row.

Read from table rows of any source (Word tables, tab-separated lines of extracted text). A cell may hold
several projects (merged cells in a PDF extraction); their amounts then belong to the row, not to one project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.check.document import Block, Document

YEAR = re.compile(r"^(?:ปี\s*(?:งบประมาณ\s*)?(?:พ\.\s?ศ\.\s*)?)?(\d{4})$")
COUNT = re.compile(r"จำนวน\s*(\d+)\s*โครงการ")
LABEL = re.compile(r"(?:^|(?<=\s))(\d{1,3})\)\s*")
DIMENSION = re.compile(r"^(\d)\.\s*\S")
AMOUNT = re.compile(r"^(?:-|–|—|[\d,]+(?:\.\d+)?)$")


def amount(text: str) -> int | None:
    text = text.strip()
    if text in ("-", "–", "—", "0"):
        return 0
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return round(float(text.replace(",", "")))
    return None


@dataclass
class TableProject:
    number: int
    title: str
    dimension: int | None
    block: Block
    amounts: list[int | None]
    shared: bool = False  # the row holds several projects: amounts are the row's


@dataclass
class TotalRow:
    block: Block
    count: int | None
    amounts: list[int | None]
    dimension: int | None = None
    projects: list[TableProject] = field(default_factory=list)


@dataclass
class PlanTable:
    years: list[int] = field(default_factory=list)
    year_cells: list[Block] = field(default_factory=list)
    projects: list[TableProject] = field(default_factory=list)
    subtotals: list[TotalRow] = field(default_factory=list)
    total: TotalRow | None = None
    rows: dict[int, list[TableProject]] = field(default_factory=dict)  # id of first project → row's projects

    def by_number(self) -> dict[int, TableProject]:
        return {p.number: p for p in self.projects}


def _amounts(cells: list[Block], after: int, n: int) -> list[int | None]:
    values = [amount(c.norm) for c in cells[after + 1 :] if AMOUNT.match(c.norm) or not c.norm]
    values = values[:n] if n else values
    return values + [None] * (n - len(values)) if n else values


def parse(doc: Document, part: str) -> PlanTable | None:
    rows = [r for r in doc.rows() if r and r[0].part == part]
    table = PlanTable()
    dimension: int | None = None
    since_subtotal: list[TableProject] = []
    for cells in rows:
        texts = [c.norm for c in cells]
        years = [int(m.group(1)) for t in texts if (m := YEAR.match(t))]
        if len(years) >= 1 and not any(LABEL.search(t) for t in texts):
            if not table.years:
                table.years = years
                table.year_cells = [c for c in cells if YEAR.match(c.norm)]
            continue
        n = len(table.years)
        for t in texts:
            if (m := DIMENSION.match(t)) and not LABEL.match(t):
                dimension = int(m.group(1))
                break
        total_at = next((i for i, t in enumerate(texts) if t.replace(" ", "").startswith("รวมทั้งสิ้น")), None)
        count_at = next((i for i, t in enumerate(texts) if COUNT.search(t)), None)
        if total_at is not None:
            at = count_at if count_at is not None else total_at
            count = int(COUNT.search(texts[count_at]).group(1)) if count_at is not None else None
            table.total = TotalRow(cells[at], count, _amounts(cells, at, n), projects=list(table.projects))
            continue
        if count_at is not None and any(t.replace(" ", "") == "รวม" for t in texts):
            count = int(COUNT.search(texts[count_at]).group(1))
            table.subtotals.append(TotalRow(cells[count_at], count, _amounts(cells, count_at, n), dimension, since_subtotal))
            since_subtotal = []
            continue
        label_at = next((i for i, t in enumerate(texts) if LABEL.match(t)), None)
        if label_at is None:
            _continue_title(table, cells, texts)
            continue
        text = texts[label_at]
        marks = list(LABEL.finditer(text))
        found = []
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
            found.append(TableProject(int(m.group(1)), text[m.end() : end].strip(), dimension, cells[label_at],
                                      _amounts(cells, label_at, n), shared=len(marks) > 1))
        table.projects += found
        since_subtotal += found
        table.rows[id(found[0])] = found
    if not table.projects and not table.subtotals:
        return None
    return table


def _continue_title(table: PlanTable, cells: list[Block], texts: list[str]) -> None:
    """A row with no number and no amounts continues the previous project's title (a page break in a cell)."""
    if not table.projects:
        return
    if any(amount(t) is not None for t in texts):
        return
    last = table.projects[-1]
    pieces = [t for c, t in zip(cells, texts) if t and c.col is not None and c.col >= (last.block.col or 0)]
    if pieces:
        last.title = f"{last.title} {pieces[0]}".strip() if not last.title.endswith(pieces[0]) else last.title
