"""Rule 8 — templates and the Word XML under the text.

* Jinja tags split across runs (Word splits typed text at will; a split tag is fragile and unreadable);
* variables a template uses that the build does not provide (StrictUndefined would stop the build);
* Thai runs missing their complex-script properties: rFonts without w:cs, w:sz without w:szCs, w:b without
  w:bCs — Word and LibreOffice then set Thai text in the wrong font, size or weight.

In a template these are errors; in another Word file the run properties are warnings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from lxml import etree

from generator.check.context import CheckContext
from generator.check.findings import Finding
from generator.check.readers.docx import W, paragraph_text
from generator.render.lint import rpr_problems, splits_a_tag

RULE = 8
THAI = re.compile(r"[\u0E01-\u0E5B]")
# Which context builds which template (the same pairs tests/test_templates.py renders).
CONTEXTS = {"plan/plan.docx": "plan_context"}


def check(ctx: CheckContext) -> list[Finding]:
    if ctx.doc.kind != "docx" or not ctx.doc.xml_parts:
        return []
    found = _run_properties(ctx)
    if ctx.doc.is_template:
        found = _split_tags(ctx) + found
    return found


def _block_for(ctx: CheckContext, paragraph: etree._Element):
    text = paragraph_text(paragraph).strip()
    if text:
        for block in ctx.doc.blocks:
            if block.text.strip() == text or (block.kind == "cell" and text in block.text):
                return block
    return next(b for b in ctx.doc.blocks if b.text.strip())


def _split_tags(ctx: CheckContext) -> list[Finding]:
    found = []
    for name, root in ctx.doc.xml_parts.items():
        for t in root.iter(f"{W}t"):
            text = t.text or ""
            if splits_a_tag(text):
                paragraph = next(t.iterancestors(f"{W}p"), None)
                block = _block_for(ctx, paragraph) if paragraph is not None else ctx.doc.blocks[0]
                found.append(ctx.finding(
                    RULE, "template.split-tag", "error", block,
                    f"แท็ก Jinja ถูกแยกข้ามช่วงข้อความ (run) ใน {name}", f"a Jinja tag is split across runs in {name}",
                    text=text[:60], fix_th="พิมพ์แท็กใหม่ทั้งแท็กในครั้งเดียว (หรือวางเป็นข้อความธรรมดา)",
                    fix_en="retype the whole tag in one go (or paste it as plain text)",
                ))
    return found


MESSAGES = {
    "rFonts-cs": ("กำหนดแบบอักษรโดยไม่มีแบบอักษรภาษาไทย (w:cs)", "a font is set without its complex-script (Thai) font w:cs"),
    "sz-szCs": ("กำหนดขนาดอักษรโดยไม่มีขนาดสำหรับภาษาไทย (w:szCs)", "a size is set without its complex-script size w:szCs"),
    "b-bCs": ("กำหนดตัวหนาโดยไม่มีตัวหนาสำหรับภาษาไทย (w:bCs)", "bold is set without complex-script bold w:bCs"),
}


def _run_properties(ctx: CheckContext) -> list[Finding]:
    severity = "error" if ctx.doc.is_template else "warning"
    hits: dict[tuple[str, str], list] = defaultdict(list)
    for name, root in ctx.doc.xml_parts.items():
        if name.endswith("styles.xml"):
            for rpr in root.iter(f"{W}rPr"):
                for problem in rpr_problems(rpr):
                    style = next(rpr.iterancestors(f"{W}style"), None)
                    label = style.get(f"{W}styleId") if style is not None else "docDefaults"
                    hits[(name, problem)].append(label)
            continue
        for run in root.iter(f"{W}r"):
            rpr = run.find(f"{W}rPr")
            if rpr is None:
                continue
            text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            if not THAI.search(text):
                continue
            for problem in rpr_problems(rpr):
                hits[(name, problem)].append(run)
    found = []
    for (name, problem), where in hits.items():
        th, en = MESSAGES[problem]
        first = where[0]
        if isinstance(first, str):
            block = ctx.doc.blocks[0] if ctx.doc.blocks else None
            shown = ", ".join(sorted(set(where))[:6])
            th_where, en_where = f" ในสไตล์ {shown}", f" in style(s) {shown}"
        else:
            paragraph = next(first.iterancestors(f"{W}p"), None)
            block = _block_for(ctx, paragraph) if paragraph is not None else ctx.doc.blocks[0]
            th_where, en_where = f" ({len(where)} ช่วงข้อความใน {name})", f" ({len(where)} run(s) in {name})"
        if block is None:
            continue
        found.append(ctx.finding(
            RULE, f"template.{problem}", severity, block, th + th_where, en + en_where,
            fix_th="ใช้สไตล์ของแม่แบบแทนการจัดรูปแบบเอง หรือกำหนดค่าภาษาไทย (complex script) ให้ครบ",
            fix_en="use the template's styles rather than direct formatting, or set the complex-script twin",
        ))
    return found


def undeclared_variables(template: Path, provided: set[str]) -> set[str]:
    from generator.render.docx import DocumentTemplate, environment

    return set(DocumentTemplate(str(template)).get_undeclared_template_variables(environment())) - provided


def variable_findings(doc, name: str, data) -> list[Finding]:
    """Variables the template uses that the context built from ``data`` does not provide."""
    from generator.render import context as contexts

    builder = CONTEXTS.get(name)
    if builder is None:
        doc.notes.append((f"ไม่รู้ว่าแม่แบบ {name} ใช้ข้อมูลชุดใด: ไม่ได้ตรวจตัวแปร",
                          f"no context is known for {name}: its variables were not checked"))
        return []
    provided = set(getattr(contexts, builder)(data))
    found = []
    for variable in sorted(undeclared_variables(doc.path, provided)):
        block = next((b for b in doc.blocks if variable in b.text), doc.blocks[0])
        found.append(Finding(
            RULE, "template.unknown-variable", "error",
            f"แม่แบบใช้ตัวแปร \"{variable}\" ที่ข้อมูลไม่มี", f"the template uses \"{variable}\", which the build does not provide",
            doc.locate(block), variable, " ".join(block.text.split())[:120],
            "แก้ชื่อตัวแปรตาม templates/README.md", "use a variable listed in templates/README.md",
        ))
    return found


def render_failure(doc, exc) -> Finding:
    """The template could not be rendered with the organisation's data (a variable it lacks, a broken tag)."""
    block = doc.blocks[0]
    return Finding(RULE, "template.render", "error", f"สร้างเอกสารจากแม่แบบไม่ได้: {exc.th}",
                   f"the template cannot be rendered: {exc.en}", doc.locate(block), "", "",
                   "แก้แม่แบบตาม templates/README.md", "fix the template (see templates/README.md)")


def check_templates(data, org) -> list:
    """The templates a build of this organisation uses (its own copies first), as the checker sees them."""
    from generator import paths
    from generator.check.readers.docx import read_docx
    from generator.check.run import check_document
    from generator.render.docx import find_template

    results = []
    names = set(CONTEXTS)  # the plan first: render failures are reported on it
    own = data.folder / "templates"
    if own.is_dir():
        names |= {str(p.relative_to(own)) for p in own.rglob("*.docx")}
    for name in sorted(names, key=lambda n: (n not in CONTEXTS, n)):
        try:
            path = find_template(name, data.folder)
        except Exception:  # noqa: BLE001 - a template the build does not know is reported by the build itself
            continue
        shown = str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)
        doc = read_docx(path, is_template=True, name=shown)
        result = check_document(doc, org, only={2, 8})
        result.findings += variable_findings(doc, name, data)
        results.append(result)
    return results
