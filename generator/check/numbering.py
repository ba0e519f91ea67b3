"""Rule 5 — numbering and required headings.

* the parts, the sections of ส่วนที่ ๑, the มิติ with their ภารกิจ codes, in order and spelt as the national
  structure has them (checker-terms.yaml ``plan``; plan-framework-*.yaml for codes and titles);
* every detail sheet: its ลำดับที่ (1, 2, 3 … without gaps), its nine numbered headings present, in order and
  not empty (ผู้รับผิดชอบ with nothing under it);
* lists: 1) 2) 3), (1) (2), 2.1) 2.2) — gaps, repeats and numbers out of order, in paragraphs and inside cells;
* the project numbers of ส่วนที่ ๒.
"""

from __future__ import annotations

import re

from generator.check import plan_table
from generator.check.context import CheckContext
from generator.check.document import Block
from generator.check.findings import Finding
from generator.check.outline import Heading, Sheet, similar

RULE = 5
LIST_LABEL = re.compile(r"^[-–•]?\s*(\()?(\d{1,2}(?:\.\d{1,2}){0,3})([.)])(?!\d)")
INLINE_LABEL = re.compile(r"(?:^|(?<=\s))(\d{1,2})([.)])\s")


def check(ctx: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    found += _lists(ctx)
    found += _inline_lists(ctx)
    if not ctx.outline.is_plan:
        return found
    found += _parts(ctx)
    found += _part1(ctx)
    found += _part3_headings(ctx)
    found += _sheets(ctx)
    found += _table_numbers(ctx)
    return found


# --- lists ---------------------------------------------------------------------------------------------

def _lists(ctx: CheckContext) -> list[Finding]:
    found = []
    for scope in ctx.outline.scopes:
        last: dict[tuple, int] = {}
        order: list[tuple] = []
        for block in scope:
            m = LIST_LABEL.match(block.norm)
            if not m or (m.group(3) == "." and "." in m.group(2)):
                continue
            paren, number, close = m.groups()
            parts = [int(p) for p in number.split(".")]
            style = ("(" if paren else "") + close
            key = (style, len(parts), tuple(parts[:-1]))
            n = parts[-1]
            if key not in last:
                # a sub-list starts; its parent must be the current item of the level above
                parent_key = (style, len(parts) - 1, tuple(parts[:-2]))
                if len(parts) > 1 and parent_key in last and last[parent_key] != parts[-2]:
                    found.append(_list_finding(ctx, block, m, f"{number}{close}",
                                               f"อยู่ใต้ข้อ {last[parent_key]}", f"sits under item {last[parent_key]}"))
                if n != 1:
                    found.append(_gap(ctx, block, m, number, close, expected=1))
                last[key] = n
                order.append(key)
                continue
            previous = last[key]
            if n == 1 and previous >= 1:
                _reset_children(last, order, key)
                last[key] = 1
                continue
            if n == previous:
                found.append(_repeat(ctx, block, m, number, close))
            elif n != previous + 1:
                found.append(_gap(ctx, block, m, number, close, expected=previous + 1))
            last[key] = n
            _reset_children(last, order, key)
    return found


def _reset_children(last: dict, order: list, key: tuple) -> None:
    """A new item of a list ends the sub-lists opened after it."""
    position = order.index(key)
    for child in order[position + 1 :]:
        last.pop(child, None)
    del order[position + 1 :]


def _gap(ctx, block, m, number, close, expected: int) -> Finding:
    got = int(number.split(".")[-1])
    prefix = ".".join(number.split(".")[:-1])
    label = lambda n: f"{prefix + '.' if prefix else ''}{n}{close}"  # noqa: E731
    if got > expected:
        missing = ", ".join(label(k) for k in range(expected, got))
        th, en = f"เลขข้อข้าม: ไม่มีข้อ {missing} ก่อนข้อ {label(got)}", f"numbering skips {missing} before {label(got)}"
    else:
        th, en = f"เลขข้อไม่เรียงลำดับ: ข้อ {label(got)} มาหลังข้อ {label(expected - 1)}", \
                 f"numbering out of order: {label(got)} after {label(expected - 1)}"
    return ctx.finding(RULE, "numbering.list-gap", "error", block, th, en, start=0, end=min(len(block.text), m.end() + 20),
                       fix_th=f"เรียงเลขข้อใหม่ (ข้อนี้ควรเป็น {label(expected)})",
                       fix_en=f"renumber the list (this item should be {label(expected)})")


def _repeat(ctx, block, m, number, close) -> Finding:
    return ctx.finding(RULE, "numbering.list-repeat", "error", block,
                       f"เลขข้อ {number}{close} ซ้ำกับข้อก่อนหน้า", f"item number {number}{close} repeats the previous one",
                       start=0, end=min(len(block.text), m.end() + 20),
                       fix_th="เรียงเลขข้อใหม่", fix_en="renumber the list")


def _list_finding(ctx, block, m, label, th, en) -> Finding:
    return ctx.finding(RULE, "numbering.list-parent", "warning", block,
                       f"ข้อย่อย {label} {th}", f"sub-item {label} {en}", start=0, end=min(len(block.text), m.end() + 20),
                       fix_th="ตรวจเลขข้อย่อยให้ตรงกับข้อหลัก", fix_en="make the sub-item number match its item")


def _inline_lists(ctx: CheckContext) -> list[Finding]:
    """Numbered items run together inside one table cell (1. … 2. … 4.): the risk table, measures."""
    found = []
    table_part = _part_label(ctx, 2)
    toc = {id(b) for b in ctx.outline.toc}
    for block in ctx.doc.blocks:
        if block.kind != "cell" or block.part == table_part or id(block) in toc:
            continue
        marks = list(INLINE_LABEL.finditer(block.digits))
        by_style: dict[str, list[re.Match]] = {}
        for m in marks:
            by_style.setdefault(m.group(2), []).append(m)
        for close, ms in by_style.items():
            if len(ms) < 2 or int(ms[0].group(1)) != 1:
                continue
            previous = 1
            for m in ms[1:]:
                n = int(m.group(1))
                if n == previous + 1:
                    previous = n
                    continue
                if n == previous:
                    th, en = f"เลขข้อ {n}{close} ซ้ำในช่องตาราง", f"item {n}{close} repeated in the cell"
                elif n > previous + 1:
                    missing = ", ".join(f"{k}{close}" for k in range(previous + 1, n))
                    th, en = f"เลขข้อข้าม: ไม่มีข้อ {missing} ก่อนข้อ {n}{close}", f"numbering skips {missing} before {n}{close}"
                else:
                    th, en = f"เลขข้อ {n}{close} ไม่เรียงลำดับ", f"item {n}{close} out of order"
                found.append(ctx.finding(RULE, "numbering.list-gap", "error", block, th, en,
                                         start=m.start(1), end=min(len(block.text), m.end() + 25),
                                         fix_th="เรียงเลขข้อใหม่", fix_en="renumber the items"))
                previous = max(previous, n)
    return found


# --- the plan's structure ---------------------------------------------------------------------------------

def _part_label(ctx: CheckContext, number: int) -> str:
    return f"{ctx.terms.plan.part_label} {number}"


def _first_block(ctx: CheckContext) -> Block:
    return next(b for b in ctx.doc.blocks if b.text.strip())


def _parts(ctx: CheckContext) -> list[Finding]:
    found = []
    plan = ctx.terms.plan
    parts = ctx.outline.of_kind("part")
    seen = [h.number for h in parts]
    for spec in plan.parts:
        if spec.number not in seen:
            anchor = next((h.block for h in parts if h.number > spec.number), _first_block(ctx))
            found.append(ctx.finding(
                RULE, "structure.missing-part", "error", anchor,
                f"ไม่มีหัวข้อ \"{plan.part_label} {spec.number} {spec.title}\" ตามโครงสร้างแผน",
                f"the required heading \"{plan.part_label} {spec.number}\" ({spec.title}) is missing",
                fix_th=f"เพิ่ม {plan.part_label} {spec.number}", fix_en=f"add {plan.part_label} {spec.number}",
            ))
    for previous, h in zip(parts, parts[1:]):
        if h.number <= previous.number:
            found.append(ctx.finding(
                RULE, "structure.part-order", "error", h.block,
                f"{plan.part_label} {h.number} มาหลัง {plan.part_label} {previous.number}",
                f"part {h.number} comes after part {previous.number}",
                fix_th="เรียงส่วนของแผนใหม่", fix_en="put the parts in order",
            ))
    fronts = {h.title for h in ctx.outline.of_kind("front")}
    for name in plan.front:
        if name not in fronts:
            found.append(ctx.finding(
                RULE, "structure.missing-front", "warning", _first_block(ctx),
                f"ไม่มีหัวข้อ \"{name}\"", f"the heading \"{name}\" is missing",
                fix_th=f"เพิ่ม {name}", fix_en=f"add {name}",
            ))
    return found


def _empty(ctx: CheckContext, heading: Heading) -> bool:
    """No text between this heading and the next heading (tables count as content)."""
    after = False
    for block in ctx.doc.blocks:
        if block is heading.block:
            after = True
            continue
        if not after or not block.text.strip():
            continue
        if any(h.block is block for h in ctx.outline.headings):
            return True
        return False
    return True


def _part1(ctx: CheckContext) -> list[Finding]:
    found = []
    specs = ctx.terms.plan.part1_sections
    sections = ctx.outline.of_kind("section")
    part1 = ctx.outline.part(1)
    if part1 is None:
        return found
    have = {int(h.code) for h in sections}
    for spec in specs:
        if spec.number not in have:
            found.append(ctx.finding(
                RULE, "structure.missing-section", "error", part1.block,
                f"ส่วนที่ 1 ไม่มีหัวข้อ \"{spec.number}. {spec.name}\"", f"part 1 lacks the section \"{spec.number}. {spec.name}\"",
                fix_th=f"เพิ่มหัวข้อ {spec.number}. {spec.name}", fix_en=f"add section {spec.number}. {spec.name}",
            ))
    for h in sections:
        if h.number != int(h.code):
            found.append(ctx.finding(
                RULE, "structure.section-number", "error", h.block,
                f"หัวข้อ \"{h.title}\" ใส่เลข {h.number} แต่ต้องเป็นข้อ {h.code}",
                f"section \"{h.title}\" is numbered {h.number} but is section {h.code}",
                start=0, end=min(len(h.block.text), 40), fix_th=f"แก้เลขเป็น {h.code}.", fix_en=f"number it {h.code}.",
            ))
        if _empty(ctx, h):
            found.append(_empty_finding(ctx, h.block, f"{h.number}. {h.title}"))
    for previous, h in zip(sections, sections[1:]):
        if int(h.code) <= int(previous.code):
            found.append(ctx.finding(
                RULE, "structure.section-order", "error", h.block,
                f"หัวข้อ {h.code} มาหลังหัวข้อ {previous.code}", f"section {h.code} comes after section {previous.code}",
                fix_th="เรียงหัวข้อใหม่", fix_en="put the sections in order",
            ))
    return found


def _empty_finding(ctx: CheckContext, block: Block, heading: str) -> Finding:
    return ctx.finding(
        RULE, "structure.empty", "error", block,
        f"หัวข้อ \"{heading}\" ไม่มีเนื้อหา", f"the heading \"{heading}\" has nothing under it",
        start=0, end=len(block.text), fix_th="กรอกเนื้อหาของหัวข้อนี้", fix_en="fill in this heading",
    )


def _part3_headings(ctx: CheckContext) -> list[Finding]:
    found = []
    plan = ctx.terms.plan
    fw = ctx.framework
    dim_titles = {int(d.code): d.title for d in fw.dimensions} if fw else {}
    codes = {}
    if fw:
        for d in fw.dimensions:
            for mission in d.missions:
                codes[mission.code] = mission.title
                for item in mission.items:
                    codes[item.code] = item.title
    dimension, previous_dim, mission = None, 0, ""
    last_code: tuple[int, ...] = ()
    for h in ctx.outline.headings:
        if h.kind == "dimension":
            if h.label != plan.dimension_label:
                found.append(ctx.finding(
                    RULE, "structure.label-spelling", "error", h.block,
                    f"หัวข้อสะกดผิด: \"{h.label}\" ต้องเป็น \"{plan.dimension_label}\"",
                    f"misspelt heading label \"{h.label}\": it must be \"{plan.dimension_label}\"",
                    start=0, end=len(h.label), fix_th=f"แก้เป็น \"{plan.dimension_label}\"",
                    fix_en=f"write \"{plan.dimension_label}\"",
                ))
            if h.number <= previous_dim:  # a skipped มิติ is fine: a plan need not have projects in every one
                found.append(ctx.finding(
                    RULE, "structure.dimension-order", "error", h.block,
                    f"{plan.dimension_label} {h.number} อยู่หลัง {plan.dimension_label} {previous_dim} (ซ้ำหรือสลับลำดับ)",
                    f"dimension {h.number} comes after dimension {previous_dim} (repeated or out of order)",
                    fix_th="เรียงมิติใหม่", fix_en="put the dimensions in order",
                ))
            expected = dim_titles.get(h.number)
            if expected and h.title and similar(h.title, expected) < 0.85:
                found.append(_title_differs(ctx, h, expected))
            dimension, previous_dim, mission = h.number, h.number, ""
        elif h.kind in ("mission", "item"):
            parts = tuple(int(p) for p in h.code.split("."))
            wrong_parent = (dimension is not None and parts[0] != dimension) or (
                h.kind == "item" and mission and h.code.rsplit(".", 1)[0] != mission)
            if wrong_parent or (last_code and parts < last_code[: len(parts)]):
                found.append(ctx.finding(
                    RULE, "structure.code-order", "error", h.block,
                    f"รหัสหัวข้อ {h.code} ไม่ตรงกับมิติ/ภารกิจที่อยู่ หรือไม่เรียงลำดับ",
                    f"heading code {h.code} does not belong where it is, or is out of order",
                    start=0, end=len(h.code), fix_th="ตรวจรหัสหัวข้อ", fix_en="check the heading code",
                ))
            if codes and h.code not in codes:
                found.append(ctx.finding(
                    RULE, "structure.unknown-code", "warning", h.block,
                    f"ไม่มีรหัส {h.code} ในกรอบแผน {fw.id}", f"code {h.code} is not in plan framework {fw.id}",
                    start=0, end=len(h.code), fix_th="ตรวจรหัสหัวข้อ", fix_en="check the heading code",
                ))
            elif codes and similar(h.title, codes[h.code]) < 0.85:
                found.append(_title_differs(ctx, h, codes[h.code]))
            if h.kind == "mission":
                mission = h.code
            last_code = parts
    return found


def _title_differs(ctx: CheckContext, h: Heading, expected: str) -> Finding:
    return ctx.finding(
        RULE, "structure.title-differs", "warning", h.block,
        f"ถ้อยคำหัวข้อต่างจากกรอบแผน: ควรเป็น \"{expected}\"", f"heading wording differs from the framework: \"{expected}\"",
        text=h.title, fix_th=f"ใช้ถ้อยคำ \"{expected}\"", fix_en=f"use \"{expected}\"",
    )


def _sheets(ctx: CheckContext) -> list[Finding]:
    found = []
    plan = ctx.terms.plan
    expected = 1
    for sheet in ctx.outline.sheets:
        if sheet.number is None:
            found.append(ctx.finding(
                RULE, "structure.missing-sheet-number", "error", sheet.start,
                f"รายละเอียดโครงการไม่มี \"{plan.sheet_label}\" (ควรเป็น {plan.sheet_label} {expected})",
                f"a detail sheet has no \"{plan.sheet_label}\" (it should be {plan.sheet_label} {expected})",
                start=0, end=min(len(sheet.start.text), 60),
                fix_th=f"เพิ่ม \"{plan.sheet_label} {expected}\" ก่อนชื่อโครงการ",
                fix_en=f"add \"{plan.sheet_label} {expected}\" before the project name",
            ))
        elif sheet.number != expected:
            what = ("ซ้ำ", "repeats") if sheet.number < expected else ("ข้าม", "skips")
            found.append(ctx.finding(
                RULE, "structure.sheet-number", "error", sheet.start,
                f"{plan.sheet_label} {sheet.number} {what[0]}ลำดับ: ควรเป็น {plan.sheet_label} {expected}",
                f"{plan.sheet_label} {sheet.number} {what[1]} the sequence: expected {expected}",
                start=0, end=len(sheet.start.text), fix_th=f"แก้เป็น {plan.sheet_label} {expected}",
                fix_en=f"write {plan.sheet_label} {expected}",
            ))
        expected = (sheet.number if sheet.number is not None and sheet.number >= expected else expected) + 1
        found += _sheet_headings(ctx, sheet)
    return found


def _sheet_headings(ctx: CheckContext, sheet: Sheet) -> list[Finding]:
    found = []
    label = f"{ctx.terms.plan.sheet_label} {sheet.number if sheet.number is not None else '?'}"
    have = [s.spec.number for s in sheet.sections]
    for spec in ctx.terms.plan.sheet_headings:
        if spec.number not in have:
            found.append(ctx.finding(
                RULE, "structure.missing-heading", "error", sheet.start,
                f"{label} ไม่มีหัวข้อ \"{spec.number}. {spec.name}\"", f"{label} lacks the heading \"{spec.number}. {spec.name}\"",
                fix_th=f"เพิ่มหัวข้อ {spec.number}. {spec.name}", fix_en=f"add the heading {spec.number}. {spec.name}",
            ))
    previous = 0
    for section in sheet.sections:
        spec = section.spec
        heading = f"{section.number}. {spec.name}"
        if section.number != spec.number:
            found.append(ctx.finding(
                RULE, "structure.heading-number", "error", section.heading,
                f"หัวข้อ \"{spec.name}\" ใส่เลข {section.number} แต่ต้องเป็นข้อ {spec.number}",
                f"the heading \"{spec.name}\" is numbered {section.number} but is heading {spec.number}",
                start=0, end=min(len(section.heading.text), 40), fix_th=f"แก้เป็น {spec.number}. {spec.name}",
                fix_en=f"write {spec.number}. {spec.name}",
            ))
        elif spec.number <= previous:
            found.append(ctx.finding(
                RULE, "structure.heading-order", "error", section.heading,
                f"หัวข้อ {heading} ไม่เรียงลำดับ", f"the heading {heading} is out of order",
                fix_th="เรียงหัวข้อใหม่", fix_en="put the headings in order",
            ))
        previous = max(previous, spec.number)
        content = [b for b in section.content if b.text.strip()]
        if spec.inline:
            if not section.inline.strip():
                found.append(_empty_finding(ctx, section.heading, heading))
        elif not content and not section.inline.strip():
            found.append(_empty_finding(ctx, section.heading, heading))
        for name, blocks in section.outcome_labels.items():
            if not any(b.text.strip() for b in blocks):
                found.append(_empty_finding(ctx, section.outcome_heads[name], name))
    return found


def _table_numbers(ctx: CheckContext) -> list[Finding]:
    table = plan_table.parse(ctx.doc, _part_label(ctx, 2))
    if table is None:
        return []
    found, expected = [], 1
    for p in table.projects:
        if p.number != expected:
            what = ("ซ้ำ", "repeats") if p.number < expected else ("ข้าม", "skips")
            found.append(ctx.finding(
                RULE, "numbering.project-number", "error", p.block,
                f"ลำดับโครงการในตาราง {what[0]}: ข้อ {p.number}) ควรเป็น {expected})",
                f"project numbering in the table {what[1]}: {p.number}) should be {expected})",
                text=f"{p.number}) {p.title[:40]}", fix_th="เรียงเลขโครงการใหม่", fix_en="renumber the projects",
            ))
        expected = max(expected, p.number) + 1
    return found
