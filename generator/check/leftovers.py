"""Rule 1 — template leftovers: instructions and placeholders of the template a plan was copied from
(ระบุชื่อ…, [ชื่อ…], (ชื่อหน่วยงาน), XXX, dotted blanks) and tags our own templates failed to fill ({{ }}, ${…}).

The patterns are data (checker-terms.yaml ``leftovers``); the first pattern that matches a span wins.
"""

from __future__ import annotations

from generator.check.context import CheckContext
from generator.check.findings import Finding

RULE = 1


def check(ctx: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    regexes = ctx.terms.leftover_regexes()
    toc = {id(b) for b in ctx.outline.toc}
    for block in ctx.doc.blocks:
        text = block.text
        if not text.strip():
            continue
        taken: list[tuple[int, int]] = []
        dotted_ok = (id(block) in toc or any(h in text for h in ctx.terms.dotted_line_heads)
                     or any(form in text for form in ctx.doc.blank_forms))
        for pattern, regex in regexes:
            if pattern.code in ("dots", "blank-date") and dotted_ok:
                continue
            if pattern.code == "jinja" and ctx.doc.is_template:
                continue
            for m in regex.finditer(text):
                start, end = m.span()
                if start == end or any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                if pattern.code == "blank-date" and ctx.doc.is_template:
                    continue  # a template's fallback for when the data gives no date
                found.append(ctx.finding(
                    RULE, f"leftover.{pattern.code}", pattern.severity, block, pattern.th, pattern.en,
                    start=start, end=end, fix_th=pattern.fix_th, fix_en=pattern.fix_en, claim=True,
                ))
    return found
