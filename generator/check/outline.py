"""The plan's outline as found in a document: parts, sections, มิติ and their codes, detail sheets and their
nine headings, the สารบัญ, and the runs of paragraphs in which list numbers are counted.

Recognising is tolerant (a heading number alone on its line, a misspelt label, spaces anywhere), because the
documents checked are hand-made; judging what was found is the rules' job. Every block gets its part,
section and item, so every finding can say where it is.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from generator.catalog import Framework
from generator.check.document import Block, Document
from generator.check.terms import NumberedName, Terms

SEPARATOR = re.compile(r"^[#*=_~\-–—\s]+$")
MISSION = re.compile(r"^(\d+)\.(\d+)\s+(\S.*)$", re.S)
ITEM = re.compile(r"^(\d+)\.(\d+)\.(\d+)\s+(\S.*)$", re.S)
NUMBER_ONLY = re.compile(r"^(\d{1,2})\s*\.$")
NUMBERED = re.compile(r"^(\d{1,2})\s*\.\s*(.*)$", re.S)


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, compact(a), compact(b), autojunk=False).ratio()


@lru_cache(maxsize=1 << 16)  # the same candidate and word meet at every occurrence of a frequent word
def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance; with ``limit``, anything above it is returned as limit + 1 (and found fast)."""
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if limit is not None and min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@dataclass
class Heading:
    kind: str  # front, part, section, dimension, mission, item, sheet, sheet_heading, outcome
    block: Block
    number: int | None = None
    code: str = ""
    title: str = ""
    label: str = ""  # the label as written (มิติที่ / มติที่ …)
    title_block: Block | None = None


@dataclass
class SheetSection:
    spec: NumberedName
    number: int | None  # as printed (None when the number is missing)
    heading: Block
    inline: str  # text on the heading line after the name (ชื่อโครงการ : …)
    content: list[Block] = field(default_factory=list)
    outcome_labels: dict[str, list[Block]] = field(default_factory=dict)
    outcome_heads: dict[str, Block] = field(default_factory=dict)


@dataclass
class Sheet:
    number: int | None  # ลำดับที่ as printed
    label_block: Block | None
    dimension: int | None
    item_code: str
    sections: list[SheetSection] = field(default_factory=list)

    @property
    def start(self) -> Block:
        return self.label_block or self.sections[0].heading

    def section(self, number: int) -> SheetSection | None:
        return next((s for s in self.sections if s.spec.number == number), None)

    @property
    def title(self) -> str:
        first = self.section(1)
        return first.inline if first else ""


@dataclass
class Outline:
    is_plan: bool = False
    headings: list[Heading] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)
    toc: list[Block] = field(default_factory=list)
    scopes: list[list[Block]] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Heading]:
        return [h for h in self.headings if h.kind == kind]

    def part(self, number: int) -> Heading | None:
        return next((h for h in self.headings if h.kind == "part" and h.number == number), None)


def is_plan(doc: Document, terms: Terms) -> bool:
    if doc.plan is not None:
        return doc.plan
    head = " ".join(b.text for b in doc.blocks[:40])
    if any(w in compact(head) for w in terms.plan.title_words):
        return True
    return sum(1 for b in doc.blocks if b.norm.startswith(terms.plan.sheet_label)) >= 2


class _Builder:
    def __init__(self, doc: Document, terms: Terms, framework: Framework | None):
        self.doc, self.terms, self.framework = doc, terms, framework
        self.plan = terms.plan
        self.out = Outline(is_plan=doc.kind != "data" and is_plan(doc, terms))
        self.part_label = "ปก" if self.out.is_plan else ""
        self.section = ""
        self.item = ""
        self.part: int | None = None
        self.dimension: int | None = None
        self.code = ""
        self.sheet: Sheet | None = None
        self.sheet_section: SheetSection | None = None
        self.outcome: str = ""
        self.in_toc = False
        self.scope: list[Block] = []
        self.pending_number: tuple[int, Block] | None = None
        self.sheet_patterns = [
            (spec, [re.compile(r"\s*".join(map(re.escape, compact(n)))) for n in spec.names])
            for spec in self.plan.sheet_headings
        ]
        self.part_label_re = re.compile(rf"^{re.escape(self.plan.part_label)}\s*(\d+)\s*(.*)$", re.S)
        self.sheet_label_re = re.compile(rf"^{re.escape(self.plan.sheet_label)}\s*(\d+)\s*$")
        dim = self.plan.dimension_label.removesuffix("ที่")
        self.dimension_word = dim
        self.dimension_re = re.compile(r"^(\S{2,8}?)ที่\s*(\d+)\s*(.*)$", re.S)

    # --- bookkeeping -------------------------------------------------------------------------------------
    def new_scope(self) -> None:
        if self.scope:
            self.out.scopes.append(self.scope)
        self.scope = []

    def annotate(self, block: Block) -> None:
        block.part, block.section, block.item = self.part_label, self.section, self.item

    def heading(self, kind: str, block: Block, **kw) -> Heading:
        h = Heading(kind, block, **kw)
        self.out.headings.append(h)
        self.new_scope()
        return h

    # --- recognisers ----------------------------------------------------------------------------------
    def part_heading(self, blocks: list[Block], i: int) -> bool:
        block = blocks[i]
        m = self.part_label_re.match(block.norm)
        if not m:
            return False
        number, rest = int(m.group(1)), m.group(2).strip()
        expected = next((p.title for p in self.plan.parts if p.number == number), "")
        styled = block.style.lower().startswith(("heading", "title"))
        if not styled:
            if "ประกอบด้วย" in rest or len(rest) > len(expected) + 30:
                return False
            if rest and expected and similar(rest[: len(expected)], expected) < 0.6:
                return False
        title_block = None
        if not rest:
            nxt = next((b for b in blocks[i + 1 : i + 3] if b.kind == "para"), None)
            if nxt is not None and len(nxt.norm) <= max(len(expected) + 30, 60):
                rest, title_block = nxt.norm, nxt
        self.new_scope()
        self.part, self.part_label = number, f"{self.plan.part_label} {number}"
        self.section = self.item = self.code = ""
        self.dimension, self.sheet, self.sheet_section, self.in_toc = None, None, None, False
        self.heading("part", block, number=number, title=rest, title_block=title_block)
        self.annotate(block)
        if title_block is not None:
            self.annotate(title_block)
            self.skip.add(id(title_block))
        return True

    def front_heading(self, block: Block) -> bool:
        text = compact(block.norm)
        if text not in (*self.plan.front, *self.plan.back) or "\t" in block.text:
            return False
        self.part, self.part_label, self.section, self.item = None, text, "", ""
        self.in_toc = text == self.plan.front[-1]
        self.heading("front", block, title=text)
        self.annotate(block)
        return True

    def part1_section(self, block: Block) -> bool:
        m = NUMBERED.match(block.norm)
        if not m:
            return False
        rest = m.group(2)
        for spec in self.plan.part1_sections:
            name = compact(spec.name)
            if compact(rest).startswith(name) or similar(rest[: len(spec.name) + 8], spec.name) >= 0.85:
                self.section = f"{m.group(1)}. {rest}"[:60]
                self.item = ""
                self.heading("section", block, number=int(m.group(1)), title=rest, code=str(spec.number))
                self.annotate(block)
                return True
        return False

    def dimension_heading(self, block: Block) -> bool:
        m = self.dimension_re.match(block.norm)
        if not m or compact(m.group(1)) == compact(self.plan.sheet_label.removesuffix("ที่")):
            return False
        label = m.group(1)
        if edit_distance(label, self.dimension_word) > 1:
            return False
        number, title = int(m.group(2)), m.group(3).strip()
        self.dimension, self.code = number, ""
        self.section, self.item = f"{self.plan.dimension_label} {number}", ""
        self.sheet, self.sheet_section = None, None
        self.heading("dimension", block, number=number, title=title, label=label + "ที่")
        self.annotate(block)
        return True

    def code_heading(self, block: Block) -> bool:
        text = block.norm
        for kind, regex in (("item", ITEM), ("mission", MISSION)):
            m = regex.match(text)
            if not m:
                continue
            code, title = ".".join(m.groups()[:-1]), m.groups()[-1].strip()
            if not self.accept_code(code, title):
                return False
            self.code = code
            self.section = f"{self.plan.dimension_label} {self.dimension} › {code}" if self.dimension else code
            self.item = ""
            self.sheet, self.sheet_section = None, None
            self.heading(kind, block, code=code, title=title)
            self.annotate(block)
            return True
        return False

    def accept_code(self, code: str, title: str) -> bool:
        """A line "2.1 …" is a ภารกิจ heading when the framework knows the code and its wording, or when it
        follows a มิติ heading directly; inside a detail sheet it is otherwise ordinary text."""
        if self.framework is not None:
            known = self.framework_titles.get(code)
            if known is not None and similar(title[: len(known) + 10], known) >= 0.5:
                return True
        return self.sheet_section is None and self.dimension is not None and code.split(".")[0] == str(self.dimension)

    @property
    def framework_titles(self) -> dict[str, str]:
        if not hasattr(self, "_framework_titles"):
            titles = {}
            for dim in self.framework.dimensions if self.framework else ():
                for mission in dim.missions:
                    titles[mission.code] = mission.title
                    for item in mission.items:
                        titles[item.code] = item.title
            self._framework_titles = titles
        return self._framework_titles

    def sheet_label(self, block: Block) -> bool:
        m = self.sheet_label_re.match(block.norm)
        if not m:
            return False
        self.open_sheet(int(m.group(1)), block)
        self.heading("sheet", block, number=int(m.group(1)))
        self.annotate(block)
        return True

    def open_sheet(self, number: int | None, label_block: Block | None) -> None:
        self.sheet = Sheet(number, label_block, self.dimension, self.code)
        self.out.sheets.append(self.sheet)
        self.sheet_section, self.outcome = None, ""
        self.item = f"{self.plan.sheet_label} {number}" if number is not None else f"{self.plan.sheet_label} ?"

    def match_sheet_name(self, text: str) -> tuple[NumberedName, str] | None:
        for spec, patterns in self.sheet_patterns:
            for pattern in patterns:
                m = pattern.match(text)
                if m:
                    return spec, text[m.end():].strip().lstrip(":：").strip()
        return None

    def sheet_heading(self, block: Block) -> bool:
        if self.pending_number is not None:
            number, rest = self.pending_number[0], block.norm
        else:
            m = NUMBERED.match(block.norm)
            if not m:
                return False
            number, rest = int(m.group(1)), m.group(2)
        found = self.match_sheet_name(rest)
        if found is None:
            return False
        spec, inline = found
        current = self.sheet_section.spec.number if self.sheet_section and self.sheet else 0
        if number != spec.number and spec.number <= current and spec.number != 1:
            return False
        if spec.number == 1 and (self.sheet is None or self.sheet.sections):
            self.open_sheet(None, None)
        if self.sheet is None:
            return False
        heading_block = self.pending_number[1] if self.pending_number else block
        self.pending_number = None
        self.sheet_section = SheetSection(spec, number, heading_block, inline)
        self.sheet.sections.append(self.sheet_section)
        self.outcome = ""
        base = self.item.split(" › ")[0]
        self.item = f"{base} › {number}. {spec.name}"
        self.heading("sheet_heading", heading_block, number=number, title=spec.name, code=str(spec.number))
        self.annotate(block)
        if heading_block is not block:
            self.annotate(heading_block)
        return True

    def outcome_label(self, block: Block) -> bool:
        if self.sheet_section is None or compact(block.norm) not in self.plan.outcome_labels:
            return False
        self.outcome = compact(block.norm)
        self.sheet_section.outcome_labels[self.outcome] = []
        self.sheet_section.outcome_heads[self.outcome] = block
        self.heading("outcome", block, title=self.outcome)
        self.annotate(block)
        return True

    def body(self, block: Block) -> None:
        self.annotate(block)
        self.scope.append(block)
        if self.sheet_section is not None:
            self.sheet_section.content.append(block)
            if self.outcome:
                self.sheet_section.outcome_labels[self.outcome].append(block)

    # --- the walk --------------------------------------------------------------------------------------
    def build(self) -> Outline:
        blocks = [b for b in self.doc.blocks if b.style not in ("header", "footer")]
        self.skip: set[int] = set()
        for i, block in enumerate(blocks):
            if id(block) in self.skip:
                continue
            if block.kind == "cell":
                self.annotate(block)
                if self.in_toc:
                    self.out.toc.append(block)
                continue
            if SEPARATOR.match(block.text):
                self.annotate(block)
                continue
            if self.front_heading(block):
                continue
            if self.in_toc:
                following = next((b for b in blocks[i + 1 : i + 2]), None)
                wrapped = following is not None and "\t" in following.text and not following.norm[:1].isdigit() \
                    and not following.norm.startswith((self.plan.part_label, self.plan.dimension_label))
                if ("\t" in block.text or block.style.upper().startswith("TOC") or compact(block.norm) == "หน้า"
                        or wrapped):
                    self.out.toc.append(block)
                    self.annotate(block)
                    continue
                self.in_toc = False
            if self.out.is_plan and self.part_heading(blocks, i):
                continue
            if self.part == 1 and self.part1_section(block):
                continue
            if self.part == 3:
                if self.pending_number is None and NUMBER_ONLY.match(block.norm):
                    self.pending_number = (int(NUMBER_ONLY.match(block.norm).group(1)), block)
                    continue
                if self.sheet_heading(block):
                    continue
                if self.pending_number is not None:
                    self.body(self.pending_number[1])
                    self.pending_number = None
                if (self.dimension_heading(block) or self.sheet_label(block) or self.code_heading(block)
                        or self.outcome_label(block)):
                    continue
            self.body(block)
        self.new_scope()
        return self.out


def build(doc: Document, terms: Terms, framework: Framework | None = None) -> Outline:
    return _Builder(doc, terms, framework).build()
