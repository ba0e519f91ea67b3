"""Rule 2 — words of another organisation type used for the document's own organisation.

The words come from the type catalog (org-types.yaml: every title of every type) and the checker's
short forms (checker-terms.yaml ``type_words``). Only self-references count: a paragraph addressed to someone
(เรียน นายกเทศมนตรี…), a quoted law (พระราชบัญญัติเทศบาล) or a proper name (โรงเรียนเทศบาล ๑) is left
alone, and a word the document's own type shares (พนักงานเทศบาล in every เทศบาล) is its own. In a template,
every type-specific word is wrong: titles come from the context.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from generator import catalog
from generator.check.context import CheckContext
from generator.check.document import Block
from generator.check.findings import Finding
from generator.check.terms import Terms, terms, type_terms

RULE = 2
_NAME_CHARS = re.compile(r"[\u0E01-\u0E4E]+")


@cache
def _vocabulary(own: str | None) -> tuple[re.Pattern, dict[str, tuple[str, str, str]]]:
    """One regex over every type word (longest first) and, for the foreign ones, (type key, field, severity)."""
    t = terms()
    own_words = set(type_terms(own)) if own else set()
    foreign: dict[str, tuple[str, str, str]] = {}
    for kind in catalog.org_types():
        if kind.key == own:
            continue
        for word, (field, severity) in type_terms(kind.key).items():
            if word not in own_words:
                foreign.setdefault(word, (kind.key, field, severity))
    for word in t.misnomers.get(own or "", ()):
        foreign[word] = (own, "misnomer", "warning")
    everything = own_words | set(foreign) | set(t.type_neutral)
    regex = re.compile("|".join(re.escape(w) for w in sorted(everything, key=len, reverse=True)))
    return regex, foreign


def _exempt(block: Block, start: int, end: int, t: Terms) -> bool:
    text = block.text
    stripped = text.lstrip()
    if any(stripped.startswith(h) for h in t.addressee_heads):
        return True
    before = text[max(0, start - 60) : start]
    if any(before.rstrip().endswith(h) for h in t.proper_name_heads):
        return True
    if re.match(r"\s?[0-9๐-๙]", text[end : end + 2]):
        return True
    return any(h in before for h in t.law_heads)


def _own_equivalent(ctx: CheckContext, word: str, field: str) -> str:
    if ctx.org.kind is None:
        return ""
    fields = {f for _, f in ctx.terms.title_keywords}
    if field not in fields:
        field = next((f for key, f in ctx.terms.title_keywords if key in word), "")
    if not field or not hasattr(ctx.org.kind, field):
        return ctx.org.full_name if field == "full_name" else ""
    values = {"name": ctx.org.name or "…", "district": ctx.org.district or "…", "province": ctx.org.province or "…"}
    return getattr(ctx.org.kind, field).format(**values)


def _named_after(text: str, end: int, t: Terms) -> str:
    """The name glued after a full-name prefix (เทศบาลตำบลหนองบัว → หนองบัว), '' when none."""
    m = _NAME_CHARS.match(text, end)
    if not m:
        return ""
    name = m.group()
    if any(name.startswith(w) for w in t.generic_continuations):
        return ""
    return name


def check(ctx: CheckContext) -> list[Finding]:
    if ctx.doc.is_template:
        return _check_template(ctx)
    if ctx.org.kind is None:
        return []
    regex, foreign = _vocabulary(ctx.org.kind.key)
    t = ctx.terms
    found: list[Finding] = []
    for block in ctx.doc.blocks:
        hits: dict[str, list[tuple[int, int]]] = defaultdict(list)
        mentions: list[tuple[int, int, str, str]] = []
        for m in regex.finditer(block.text):
            word = m.group()
            if word not in foreign or ctx.claimed(block, *m.span()) or _exempt(block, *m.span(), t):
                continue
            key, field, severity = foreign[word]
            if field == "full_name":
                name = _named_after(block.text, m.end(), t)
                if name:
                    mentions.append((m.start(), m.end() + len(name), word, name))
                    continue
            hits[word].append(m.span())
        for word, spans in hits.items():
            key, field, severity = foreign[word]
            kind = next(k for k in catalog.org_types() if k.key == key)
            own = _own_equivalent(ctx, word, field)
            times = f" ({len(spans)} ครั้ง)" if len(spans) > 1 else ""
            times_en = f" ({len(spans)} times)" if len(spans) > 1 else ""
            if field == "misnomer":
                th = f"\"{word}\" ไม่ใช่คำเรียกที่ถูกต้องสำหรับ{ctx.org.kind.label}{times}"
                en = f"\"{word}\" is not the right term for a {ctx.org.kind.label} ({ctx.org.kind.key}){times_en}"
            else:
                th = f"\"{word}\" เป็นคำของ{kind.label} แต่เอกสารนี้เป็นของ{ctx.org.full_name or ctx.org.kind.label}{times}"
                en = (f"\"{word}\" belongs to a {kind.label} ({kind.key}), but this document is "
                      f"{ctx.org.full_name or 'a ' + ctx.org.kind.label}'s ({ctx.org.kind.key}){times_en}")
            start, end = spans[0]
            found.append(ctx.finding(
                RULE, f"orgtype.{field}", severity, block, th, en, start=start, end=end, claim=True,
                fix_th=f"ใช้ \"{own}\"" if own else f"ใช้คำของ{ctx.org.kind.label}",
                fix_en=f"write \"{own}\"" if own else f"use the {ctx.org.kind.label} term",
            ))
            for s, e in spans[1:]:
                ctx.claim(block, s, e)
        for start, end, word, name in mentions:
            kind = next(k for k in catalog.org_types() if word == k.full_name.split("{")[0])
            is_self = ctx.org.name and name.startswith(ctx.org.name)
            severity = "error" if is_self else "warning"
            th = (f"ชื่อ \"{word}{name}\" ใช้ประเภทองค์กรผิด ({kind.label}) ทั้งที่เป็นชื่อขององค์กรเอง"
                  if is_self else
                  f"กล่าวถึง \"{word}{name}\" ({kind.label}); ถ้าหมายถึงองค์กรเอง ต้องเป็น {ctx.org.full_name or ctx.org.kind.label}")
            en = (f"\"{word}{name}\" gives the organisation's own name the wrong type ({kind.key})"
                  if is_self else
                  f"mentions \"{word}{name}\" ({kind.key}); if this means the document's own organisation it must be "
                  f"{ctx.org.full_name or ctx.org.kind.label}")
            found.append(ctx.finding(
                RULE, "orgtype.other-organisation", severity, block, th, en, start=start, end=end, claim=True,
                fix_th=f"ใช้ \"{ctx.org.full_name}\"" if ctx.org.full_name else "",
                fix_en=f"write \"{ctx.org.full_name}\"" if ctx.org.full_name else "",
            ))
    return found


def _check_template(ctx: CheckContext) -> list[Finding]:
    """A template must not carry any type's words: they come from {{ org.titles.* }}."""
    regex, foreign = _vocabulary(None)
    found = []
    for block in ctx.doc.blocks:
        for m in regex.finditer(block.text):
            if m.group() not in foreign:
                continue
            found.append(ctx.finding(
                RULE, "orgtype.in-template", "error", block,
                f"แม่แบบมีคำเฉพาะประเภทองค์กร \"{m.group()}\"",
                f"the template contains the type-specific word \"{m.group()}\"",
                start=m.start(), end=m.end(), claim=True,
                fix_th="ใช้ตัวแปร {{ org.titles.… }} หรือ {{ org.full_name }} แทน",
                fix_en="use {{ org.titles.… }} or {{ org.full_name }} instead",
            ))
    return found
