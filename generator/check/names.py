"""Rule 3 — damaged organisation names.

* The own type's prefix (องค์การบริหารส่วนตำบล) glued to something that is not the organisation's name: a
  find-and-replace that put another word where the name was (…ตำบลปีงบประมาณ), or a neighbour's name left
  from the plan that was copied.
* องค์กร/องค์การ confusion in any type name or neutral term (องค์กรบริหารส่วนตำบล, องค์การปกครองส่วนท้องถิ่น):
  the variants are made from the catalogs, not listed.
"""

from __future__ import annotations

import re
from functools import cache

from generator import catalog
from generator.check.context import CheckContext
from generator.check.findings import Finding
from generator.check.words import dictionary, frequencies, tokenize
from generator.check.terms import full_name_prefix, terms

RULE = 3
_GLUED = re.compile(r"[\u0E01-\u0E4E]+")


@cache
def confusions() -> tuple[re.Pattern | None, dict[str, str]]:
    """Every องค์กร/องค์การ swap of a known term that is not itself a known term → the correct term."""
    t = terms()
    known = set(t.type_neutral)
    for kind in catalog.org_types():
        known.update({kind.label, full_name_prefix(kind.key)})
    a, b = t.confusable_words[:2]
    wrong: dict[str, str] = {}
    for term in known:
        for x, y in ((a, b), (b, a)):
            if x in term:
                variant = term.replace(x, y)
                if variant not in known:
                    wrong[variant] = term
    if not wrong:
        return None, {}
    return re.compile("|".join(re.escape(w) for w in sorted(wrong, key=len, reverse=True))), wrong


def check(ctx: CheckContext) -> list[Finding]:
    found = _confusions(ctx)
    if ctx.org.kind is not None and ctx.org.kind.has_own_name and ctx.org.name:
        found += _names(ctx)
    return found


def _confusions(ctx: CheckContext) -> list[Finding]:
    regex, wrong = confusions()
    found = []
    if regex is None:
        return found
    for block in ctx.doc.blocks:
        for m in regex.finditer(block.text):
            if ctx.claimed(block, *m.span()):
                continue
            right = wrong[m.group()]
            end = m.end()
            if ctx.org.name and block.text.startswith(ctx.org.name, end) and right == ctx.org.prefix:
                end += len(ctx.org.name)
                right = ctx.org.full_name
            a, b = ctx.terms.confusable_words[:2]
            found.append(ctx.finding(
                RULE, "name.organ-confusion", "error", block,
                f"\"{m.group()}\" สะกดผิด: สับสนระหว่าง {a} กับ {b}",
                f"\"{m.group()}\" is misspelt: {a} and {b} confused",
                start=m.start(), end=end, claim=True,
                fix_th=f"แก้เป็น \"{right}\"", fix_en=f"write \"{right}\"",
            ))
    return found


def _names(ctx: CheckContext) -> list[Finding]:
    prefix, name, full = ctx.org.prefix, ctx.org.name, ctx.org.full_name
    generic = ctx.terms.generic_continuations
    found = []
    for block in ctx.doc.blocks:
        text = block.text
        if text.lstrip().startswith(tuple(ctx.terms.addressee_heads)):
            continue  # a letter's addressee is another organisation by definition
        start = text.find(prefix)
        while start != -1:
            after = start + len(prefix)
            nxt = text.find(prefix, after)
            rest = text[after:]
            if (not rest.lstrip(" \n").startswith(name) or len(rest) - len(rest.lstrip(" \n")) > 1) and not ctx.claimed(block, start, after):
                m = _GLUED.match(text, after)
                cut = m is not None and m.end() == len(text.rstrip()) and name.startswith(m.group())
                if m and not cut and not any(m.group().startswith(g) for g in generic):
                    found.append(_damaged(ctx, block, start, after, m.group(), prefix, name, full))
            start = nxt
    return found


def _damaged(ctx, block, start, after, glued, prefix, name, full) -> Finding:
    words = [w for w in tokenize(glued) if w.strip()]
    shown = words[0] if words else glued
    for w in words[1:3]:
        if len(shown) >= 8:
            break
        shown += w
    end = after + len(shown)
    # a long, common word (ปีงบประมาณ) is not a place name; names are mostly short words joined (หนอง+บัว)
    ordinary = bool(words) and words[0] in dictionary() and len(words[0]) >= 5 and frequencies().get(words[0], 0) >= 1000
    if ordinary:
        th = (f"ชื่อองค์กรถูกแทนที่ด้วยคำอื่น: \"{prefix}{shown}\" (น่าจะเกิดจากการค้นหาและแทนที่)"
              f" ควรเป็น \"{full}\"")
        en = (f"the organisation's name was replaced by another word: \"{prefix}{shown}\" (likely a find-and-replace);"
              f" it should be \"{full}\"")
        code = "name.replaced"
    else:
        th = f"ชื่อองค์กร \"{prefix}{shown}\" ไม่ตรงกับชื่อในข้อมูลองค์กร \"{full}\""
        en = f"the organisation name \"{prefix}{shown}\" differs from the profile's \"{full}\""
        code = "name.differs"
    if ctx.org.source != "profile":
        th += " (ชื่ออนุมานจากข้อความ)"
        en += " (name inferred from the text)"
    return ctx.finding(
        RULE, code, "error", block, th, en, start=start, end=end, claim=True,
        fix_th=f"แก้เป็น \"{full}\" (หรือใช้ ${{org}} ในข้อมูล)", fix_en=f"write \"{full}\" (or ${{org}} in the data)",
    )
