"""Rule 6 — arithmetic and consistency.

* ส่วนที่ ๒: each "รวม จำนวน N โครงการ" row against the projects above it (count and yearly sums), the
  "รวมทั้งสิ้น" row against all projects;
* counts written in the text (มิติที่ 1 … จำนวน 4 โครงการ, รวมทั้งสิ้นจำนวน 18 โครงการ, แยกตาม 4 มิติ,
  ใน 5 ปี) against the table and the detail sheets;
* each project's budget in the table against its detail sheet (งบประมาณ), amounts against their words;
* years outside the plan period (table headings, ระยะเวลาดำเนินการ, งบประมาณ of a sheet);
* a number written with both Thai and Arabic digits.
"""

from __future__ import annotations

import re

from generator import thai
from generator.check import plan_table
from generator.check.context import CheckContext
from generator.check.document import Block
from generator.check.findings import Finding
from generator.check.outline import Sheet, compact, similar
from generator.check.plan_table import PlanTable

RULE = 6
MIXED = re.compile(r"[0-9๐-๙][0-9๐-๙,.]*[0-9๐-๙]")
MONEY_WORDS = re.compile(r"([\d,]+(?:\.\d{1,2})?)\s*บาท\s*\(([^)]*บาท[^)]*|[^)]*สตางค์[^)]*)\)")
DIM_COUNT = re.compile(r"มิติที่\s*(\d)\s.{0,200}?จำนวน\s*(\d+)\s*โครงการ", re.S)
TOTAL_COUNT = re.compile(r"รวม(?:ทั้งสิ้น)?\s*จำนวน\s*(\d+)\s*โครงการ")
DIMENSIONS = re.compile(r"แยกตาม\s*(\d+)\s*มิติ")
YEARS_SPAN = re.compile(r"ใน\s*(\d+)\s*ปี\s*\(?\s*พ\.\s?ศ\.\s*(\d{4})\s*[-–—]\s*(\d{4})")
MONEY = re.compile(r"([\d,]+)\s*บาท")
YEAR = re.compile(r"(?<!\d)(25\d\d)(?!\d)")


def check(ctx: CheckContext) -> list[Finding]:
    found = _mixed_digits(ctx) + _money_words(ctx)
    if not ctx.outline.is_plan:
        return found
    table = plan_table.parse(ctx.doc, f"{ctx.terms.plan.part_label} 2")
    if table is not None:
        found += _table_sums(ctx, table)
        found += _table_years(ctx, table)
    found += _target_years(ctx)
    found += _stated_counts(ctx, table)
    found += _sheets(ctx, table)
    return found


def _mixed_digits(ctx: CheckContext) -> list[Finding]:
    found = []
    for block in ctx.doc.blocks:
        for m in MIXED.finditer(block.text):
            s = m.group()
            if re.search(r"[0-9]", s) and re.search(r"[๐-๙]", s):
                found.append(ctx.finding(
                    RULE, "digits.mixed", "error", block, f"ตัวเลข \"{s}\" ใช้เลขไทยปนเลขอารบิก",
                    f"the number \"{s}\" mixes Thai and Arabic digits", start=m.start(), end=m.end(),
                    fix_th=f"ใช้เลขแบบเดียวกันทั้งจำนวน เช่น \"{thai.thai_digits(thai.arabic_digits(s))}\"",
                    fix_en=f"use one kind of digit, e.g. \"{thai.arabic_digits(s)}\"",
                ))
    return found


def _money_words(ctx: CheckContext) -> list[Finding]:
    found = []
    for block in ctx.doc.blocks:
        for m in MONEY_WORDS.finditer(block.digits):
            value = float(m.group(1).replace(",", ""))
            written = compact(m.group(2))
            expected = thai.baht_words(value)
            if written != compact(expected):
                found.append(ctx.finding(
                    RULE, "money.words", "error", block,
                    f"จำนวนเงินตัวอักษร \"{m.group(2)}\" ไม่ตรงกับตัวเลข {m.group(1)} บาท",
                    f"the amount in words \"{m.group(2)}\" does not match {m.group(1)} baht",
                    start=m.start(), end=m.end(), fix_th=f"แก้เป็น ({expected})", fix_en=f"write ({expected})",
                ))
    return found


def _fmt(values: list[int | None]) -> str:
    return ", ".join("?" if v is None else f"{v:,}" for v in values)


def _table_sums(ctx: CheckContext, table: PlanTable) -> list[Finding]:
    found = []
    for sub in table.subtotals:
        found += _compare_total(ctx, sub.block, sub.count, sub.amounts, sub.projects, "รวม", "subtotal")
    if table.total is not None:
        found += _compare_total(ctx, table.total.block, table.total.count, table.total.amounts, table.projects,
                                "รวมทั้งสิ้น", "grand total")
        sub_sum = sum(s.count or 0 for s in table.subtotals)
        if table.subtotals and table.total.count is not None and sub_sum != table.total.count:
            found.append(ctx.finding(
                RULE, "table.total-count", "error", table.total.block,
                f"\"รวมทั้งสิ้น\" {table.total.count} โครงการ ไม่เท่ากับผลรวมของแต่ละมิติ ({sub_sum})",
                f"the grand total says {table.total.count} projects, the subtotals add up to {sub_sum}",
                text=table.total.block.text, fix_th=f"แก้เป็น จำนวน {sub_sum} โครงการ", fix_en=f"write {sub_sum}",
            ))
    return found


def _row_amounts(projects) -> list[list[int | None]]:
    """Yearly amounts per table row (a row with several projects counts once)."""
    rows, seen = [], set()
    for p in projects:
        key = (id(p.block), tuple(p.amounts))
        if p.shared and key in seen:
            continue
        seen.add(key)
        rows.append(p.amounts)
    return rows


def _compare_total(ctx, block: Block, count, amounts, projects, th_label, en_label) -> list[Finding]:
    found = []
    if count is not None and count != len(projects):
        found.append(ctx.finding(
            RULE, "table.count", "error", block,
            f"แถว \"{th_label}\" ระบุ {count} โครงการ แต่ในตารางมี {len(projects)} โครงการ",
            f"the {en_label} row says {count} projects; the table lists {len(projects)}",
            text=block.text, fix_th=f"แก้เป็น จำนวน {len(projects)} โครงการ", fix_en=f"write {len(projects)}",
        ))
    rows = _row_amounts(projects)
    sums: list[int | None] = []
    for k in range(len(amounts)):
        column = [r[k] if k < len(r) else None for r in rows]
        sums.append(None if any(v is None for v in column) else sum(column))
    wrong = [k for k, (a, s) in enumerate(zip(amounts, sums)) if a is not None and s is not None and a != s]
    if wrong:
        found.append(ctx.finding(
            RULE, "table.sum", "error", block,
            f"ยอดรวมในแถว \"{th_label}\" ({_fmt(amounts)}) ไม่เท่ากับผลบวกของโครงการ ({_fmt(sums)})",
            f"the {en_label} row ({_fmt(amounts)}) does not equal the sum of its projects ({_fmt(sums)})",
            text=block.text, fix_th=f"แก้ยอดรวมเป็น {_fmt(sums)}", fix_en=f"write {_fmt(sums)}",
        ))
    return found


def _period(ctx: CheckContext) -> tuple[int, int] | None:
    return ctx.org.period


def _table_years(ctx: CheckContext, table: PlanTable) -> list[Finding]:
    period = _period(ctx)
    if period is None or not table.years:
        return []
    found = []
    for year, cell in zip(table.years, table.year_cells):
        if not period[0] <= year <= period[1]:
            found.append(_outside(ctx, cell, year, period))
    expected = list(range(period[0], period[1] + 1))
    if sorted(set(table.years)) != expected and all(period[0] <= y <= period[1] for y in table.years):
        found.append(ctx.finding(
            RULE, "years.table-columns", "error", table.year_cells[0],
            f"คอลัมน์ปีในตาราง ({', '.join(map(str, table.years))}) ไม่ครบช่วงแผน {period[0]}–{period[1]}",
            f"the table's year columns ({', '.join(map(str, table.years))}) do not cover the plan period {period[0]}–{period[1]}",
            fix_th="เพิ่มคอลัมน์ปีที่ขาด", fix_en="add the missing year columns",
        ))
    return found


def _target_years(ctx: CheckContext) -> list[Finding]:
    """The yearly targets of ส่วนที่ ๑ (เป้าหมาย): their year columns lie within the plan period."""
    period = _period(ctx)
    section = next((h for h in ctx.outline.of_kind("section") if h.code == "4"), None)
    if period is None or section is None:
        return []
    found = []
    for block in ctx.doc.blocks:
        if block.kind == "cell" and block.section == section.block.section and (m := plan_table.YEAR.match(block.norm)):
            year = int(m.group(1))
            if block.norm != m.group(1) and not period[0] <= year <= period[1]:
                found.append(_outside(ctx, block, year, period))
    return found


def _outside(ctx: CheckContext, block: Block, year: int, period, start: int | None = None) -> Finding:
    pos = block.digits.find(str(year)) if start is None else start
    return ctx.finding(
        RULE, "years.outside", "error", block,
        f"ปี {year} อยู่นอกช่วงของแผน {period[0]}–{period[1]}", f"year {year} is outside the plan period {period[0]}–{period[1]}",
        start=max(pos, 0), end=max(pos, 0) + 4, fix_th=f"ใช้ปีในช่วง {period[0]}–{period[1]}",
        fix_en=f"use a year within {period[0]}–{period[1]}",
    )


def _front_text(ctx: CheckContext) -> list[Block]:
    """คำนำ and the introduction of ส่วนที่ ๒: where the plan states its counts."""
    part2 = f"{ctx.terms.plan.part_label} 2"
    return [b for b in ctx.doc.blocks if b.kind == "para" and b.part in ("คำนำ", part2) and b.style not in ("header", "footer")]


def _stated_counts(ctx: CheckContext, table: PlanTable | None) -> list[Finding]:
    found = []
    sheets = len(ctx.outline.sheets)
    total = len(table.projects) if table and table.projects else sheets
    per_dim: dict[int, int] = {}
    if table and table.projects:
        for p in table.projects:
            if p.dimension is not None:
                per_dim[p.dimension] = per_dim.get(p.dimension, 0) + 1
    else:
        for s in ctx.outline.sheets:
            if s.dimension is not None:
                per_dim[s.dimension] = per_dim.get(s.dimension, 0) + 1
    blocks = _front_text(ctx)
    joined, offsets, pos = [], [], 0
    for b in blocks:
        offsets.append(pos)
        joined.append(b.digits)
        pos += len(b.digits) + 1
    text = "\n".join(joined)

    def at(position: int) -> tuple[Block, int]:
        i = max(k for k, o in enumerate(offsets) if o <= position)
        return blocks[i], position - offsets[i]

    if total:
        for m in TOTAL_COUNT.finditer(text):
            n = int(m.group(1))
            if n != total:
                block, local = at(m.start())
                found.append(ctx.finding(
                    RULE, "count.total", "error", block,
                    f"ข้อความระบุ {n} โครงการ แต่แผนมี {total} โครงการ", f"the text says {n} projects; the plan has {total}",
                    start=local, end=local + len(m.group()), fix_th=f"แก้เป็น {total} โครงการ", fix_en=f"write {total}",
                ))
    for m in DIM_COUNT.finditer(text):
        dim, n = int(m.group(1)), int(m.group(2))
        if dim in per_dim and per_dim[dim] != n:
            block, local = at(m.start())
            found.append(ctx.finding(
                RULE, "count.dimension", "error", block,
                f"มิติที่ {dim} ระบุ {n} โครงการ แต่ในตาราง/รายละเอียดมี {per_dim[dim]} โครงการ",
                f"dimension {dim} is said to have {n} projects; the plan has {per_dim[dim]}",
                start=local, end=local + min(len(m.group()), 80), fix_th=f"แก้เป็น {per_dim[dim]} โครงการ",
                fix_en=f"write {per_dim[dim]}",
            ))
    if per_dim:
        for m in DIMENSIONS.finditer(text):
            if int(m.group(1)) != len(per_dim):
                block, local = at(m.start())
                found.append(ctx.finding(
                    RULE, "count.dimensions", "error", block,
                    f"ข้อความระบุ {m.group(1)} มิติ แต่แผนมีโครงการใน {len(per_dim)} มิติ",
                    f"the text says {m.group(1)} dimensions; the plan has projects in {len(per_dim)}",
                    start=local, end=local + len(m.group()), fix_th=f"แก้เป็น {len(per_dim)} มิติ", fix_en=f"write {len(per_dim)}",
                ))
    for m in YEARS_SPAN.finditer(text):
        n, a, b = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if n != b - a + 1:
            block, local = at(m.start())
            found.append(ctx.finding(
                RULE, "count.years", "error", block, f"ระบุ {n} ปี แต่ช่วง พ.ศ. {a}–{b} มี {b - a + 1} ปี",
                f"says {n} years, but {a}–{b} is {b - a + 1} years", start=local, end=local + len(m.group()),
                fix_th=f"แก้เป็น {b - a + 1} ปี", fix_en=f"write {b - a + 1}",
            ))
    if table and table.projects and sheets and sheets != len(table.projects):
        anchor = ctx.outline.part(3).block if ctx.outline.part(3) else table.projects[0].block
        found.append(ctx.finding(
            RULE, "count.sheets", "error", anchor,
            f"ตารางในส่วนที่ 2 มี {len(table.projects)} โครงการ แต่มีรายละเอียดโครงการ {sheets} รายการ",
            f"the table in part 2 lists {len(table.projects)} projects; part 3 has {sheets} detail sheets",
            fix_th="ทำให้ตารางและรายละเอียดโครงการตรงกัน", fix_en="make the table and the detail sheets match",
        ))
    return found


def _sheet_numbers(ctx: CheckContext) -> list[tuple[int, Sheet]]:
    numbered, expected = [], 1
    for sheet in ctx.outline.sheets:
        number = sheet.number if sheet.number is not None else expected
        numbered.append((number, sheet))
        expected = number + 1
    return numbered


def _sheets(ctx: CheckContext, table: PlanTable | None) -> list[Finding]:
    found = []
    period = _period(ctx)
    rows = table.by_number() if table else {}
    for number, sheet in _sheet_numbers(ctx):
        timing = sheet.section(6)
        if period and timing is not None:
            for block in [timing.heading, *timing.content]:
                for m in YEAR.finditer(block.digits):
                    year = int(m.group())
                    if not period[0] <= year <= period[1]:
                        found.append(_outside(ctx, block, year, period, m.start()))
        budget = sheet.section(7)
        project = rows.get(number)
        if budget is None:
            continue
        if period:
            for block in budget.content:
                for m in re.finditer(r"(?:พ\.\s?ศ\.|ปีงบประมาณ)\s*(25\d\d)", block.digits):
                    year = int(m.group(1))
                    if not period[0] <= year <= period[1]:
                        found.append(_outside(ctx, block, year, period, m.start(1)))
        if project is None or (project.shared and any(project.amounts)):
            continue
        found += _compare_budget(ctx, number, budget, project, table.years if table else [])
        first = sheet.section(1)
        if first is not None and first.inline and project.title:
            found += _kinds(ctx, number, first, project)
            if similar(first.inline, project.title) < 0.8:
                found.append(ctx.finding(
                    RULE, "consistency.title", "warning", first.heading,
                    f"ชื่อโครงการลำดับที่ {number} ไม่ตรงกับตารางในส่วนที่ 2 (\"{project.title[:60]}\")",
                    f"the name of project {number} differs from the table in part 2 (\"{project.title[:60]}\")",
                    text=first.inline[:80], fix_th="ใช้ชื่อเดียวกันทั้งสองที่", fix_en="use the same name in both places",
                ))
    return found


SINGLE_YEAR = re.compile(r"(?:พ\.\s?ศ\.|ปีงบประมาณ)\s*(25\d\d)(?!\s*[-–—]\s*25\d\d)")


def _yearly(ctx, texts: list[str]) -> dict[int, int]:
    """Budget lines that each name one year: "ปีงบประมาณ พ.ศ. 2567 จำนวน 5,000 บาท" / "… 2568 ไม่ใช้งบประมาณ"."""
    per_year: dict[int, int] = {}
    for text in texts:
        years = SINGLE_YEAR.findall(text)
        if len(years) != 1:
            continue
        year = int(years[0])
        rest = text[text.find(years[0]) + 4 :]
        if any(w in compact(rest) for w in ctx.terms.plan.no_budget):
            per_year[year] = 0
        elif m := MONEY.search(rest):
            per_year[year] = int(m.group(1).replace(",", ""))
    return per_year


def _kind(ctx: CheckContext, title: str) -> str:
    kinds = ctx.framework.project_kinds if ctx.framework else ()
    bare = title.lstrip("“\"'‘ ")
    return next((k for k in kinds if bare.startswith(k)), "")


def _kinds(ctx: CheckContext, number: int, first, project) -> list[Finding]:
    """โครงการ, มาตรการ or กิจกรรม: named, and the same in the table and on the sheet."""
    sheet_kind, table_kind = _kind(ctx, first.inline), _kind(ctx, project.title)
    kinds = "/".join(ctx.framework.project_kinds) if ctx.framework else ""
    if sheet_kind and table_kind and sheet_kind != table_kind:
        return [ctx.finding(
            RULE, "consistency.kind", "warning", first.heading,
            f"ลำดับที่ {number} เป็น \"{table_kind}\" ในตารางส่วนที่ 2 แต่เป็น \"{sheet_kind}\" ในรายละเอียด",
            f"item {number} is a \"{table_kind}\" in the table of part 2 but a \"{sheet_kind}\" on its sheet",
            text=first.inline[:60], fix_th="ใช้ประเภทเดียวกันทั้งสองที่", fix_en="use the same kind in both places",
        )]
    if not sheet_kind and not table_kind and kinds:
        return [ctx.finding(
            RULE, "consistency.kind-missing", "warning", first.heading,
            f"ชื่อของลำดับที่ {number} ไม่ขึ้นต้นด้วยประเภท ({kinds})",
            f"the name of item {number} does not start with its kind ({kinds})",
            text=first.inline[:60], fix_th=f"ขึ้นต้นชื่อด้วย {kinds}", fix_en=f"start the name with {kinds}",
        )]
    return []


def _compare_budget(ctx, number: int, budget, project, years: list[int]) -> list[Finding]:
    texts = [b.digits for b in budget.content] + [budget.inline]
    text = " ".join(texts)
    table_values = [v for v in project.amounts if v is not None]
    if not table_values:
        return []
    anchor = budget.content[0] if budget.content else budget.heading
    per_year = _yearly(ctx, texts)
    if per_year and years:
        table = {y: a for y, a in zip(years, project.amounts) if a is not None}
        wrong = [y for y in sorted(set(table) | set(per_year)) if per_year.get(y, 0) != table.get(y, 0)]
        if wrong:
            shown = ", ".join(f"{y}: {per_year.get(y, 0):,}" for y in sorted(per_year))
            return [_budget_finding(ctx, anchor, number, shown, shown, project.amounts)]
        return []
    no_budget = any(w in compact(text) for w in ctx.terms.plan.no_budget)
    amounts = [int(m.group(1).replace(",", "")) for m in MONEY.finditer(text)]
    total = sum(table_values)
    if no_budget or not amounts:
        if total and no_budget and not amounts:
            return [_budget_finding(ctx, anchor, number, "ไม่ใช้งบประมาณ", "no budget", project.amounts)]
        return []
    stated_total = None
    m = re.search(r"รวม(?:ทั้งสิ้น)?\s*([\d,]+)\s*บาท", text)
    if m:
        stated_total = int(m.group(1).replace(",", ""))
    per_year_values = set(table_values)
    ok = (stated_total == total if stated_total is not None else False) or \
         (len(per_year_values) == 1 and amounts[0] in (next(iter(per_year_values)), total)) or \
         (amounts[: len(table_values)] == table_values)
    if not ok:
        shown = ", ".join(f"{a:,}" for a in amounts[:6])
        return [_budget_finding(ctx, anchor, number, f"{shown} บาท", f"{shown} baht", project.amounts)]
    return []


def _budget_finding(ctx, block, number, sheet_th, sheet_en, amounts) -> Finding:
    return ctx.finding(
        RULE, "consistency.budget", "error", block,
        f"งบประมาณของโครงการลำดับที่ {number} ในรายละเอียด ({sheet_th}) ไม่ตรงกับตารางในส่วนที่ 2 ({_fmt(amounts)})",
        f"the budget of project {number} in its detail sheet ({sheet_en}) differs from the table in part 2 ({_fmt(amounts)})",
        text=block.text[:80], fix_th="แก้ให้ตรงกัน", fix_en="make them agree",
    )
