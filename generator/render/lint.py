"""Checks a DOCX template must pass: whole Jinja tags, Thai run properties, table grids.

Word splits typed text into runs at will; a tag cut across runs still renders with docxtpl but is fragile
and unreadable to the checker, so templates must keep every tag inside one text node. Thai text is only
set in the right font, size and weight when the complex-script twins are present.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OPEN = re.compile(r"\{[{%#]")
_CLOSE = re.compile(r"[}%#]\}")
XML_PARTS = re.compile(r"word/(document|styles|header\d*|footer\d*)\.xml$")


@dataclass(frozen=True)
class TemplateIssue:
    template: Path
    part: str
    message: str

    def __str__(self) -> str:
        return f"{self.template.name} [{self.part}]: {self.message}"


def _parts(template: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(template) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist() if XML_PARTS.match(n)}


def splits_a_tag(text: str) -> bool:
    """A text node that opens a Jinja tag it does not close, or closes one it did not open."""
    return len(_OPEN.findall(text)) != len(_CLOSE.findall(text))


def rpr_problems(rpr: etree._Element) -> list[str]:
    """What a run's properties set without its complex-script twin: rFonts-cs, sz-szCs, b-bCs."""
    problems = []
    fonts = rpr.find(f"{W}rFonts")
    if fonts is not None and (fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")) and not fonts.get(f"{W}cs"):
        problems.append("rFonts-cs")
    if rpr.find(f"{W}sz") is not None and rpr.find(f"{W}szCs") is None:
        problems.append("sz-szCs")
    bold = rpr.find(f"{W}b")
    if bold is not None and bold.get(f"{W}val") not in ("0", "false") and rpr.find(f"{W}bCs") is None:
        problems.append("b-bCs")
    return problems


PROBLEM_TEXT = {"rFonts-cs": "rFonts without w:cs", "sz-szCs": "w:sz without w:szCs", "b-bCs": "w:b without w:bCs"}


def split_tags(template: Path) -> list[TemplateIssue]:
    """Jinja tags whose opening and closing marks are not in the same text node."""
    issues = []
    for name, root in _parts(template).items():
        for t in root.iter(f"{W}t"):
            text = t.text or ""
            if splits_a_tag(text):
                issues.append(TemplateIssue(template, name, f"Jinja tag split across runs near: {text[:60]!r}"))
    return issues


def missing_complex_script(template: Path) -> list[TemplateIssue]:
    """Run properties that set a font, size or bold without their complex-script (Thai) twin."""
    issues = []
    for name, root in _parts(template).items():
        for rpr in root.iter(f"{W}rPr"):
            issues += [TemplateIssue(template, name, PROBLEM_TEXT[p]) for p in rpr_problems(rpr)]
        for attr in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
            if any(el.get(f"{W}{attr}") for el in root.iter(f"{W}rFonts")):
                issues.append(TemplateIssue(template, name, f"theme font ({attr}) overrides the explicit Thai font"))
    styles = _parts(template).get("word/styles.xml")
    lang = styles.find(f".//{W}docDefaults//{W}lang") if styles is not None else None
    if lang is None or lang.get(f"{W}bidi") != "th-TH":
        issues.append(TemplateIssue(template, "word/styles.xml", 'docDefaults lack w:lang w:bidi="th-TH"'))
    return issues


def table_grids(template: Path) -> list[TemplateIssue]:
    """Every table needs gridCol widths: LibreOffice lays tables out from the grid, not from cell widths."""
    issues = []
    for name, root in _parts(template).items():
        for n, tbl in enumerate(root.iter(f"{W}tbl"), start=1):
            cols = tbl.findall(f"{W}tblGrid/{W}gridCol")
            if not cols or any(not c.get(f"{W}w") for c in cols):
                issues.append(TemplateIssue(template, name, f"table {n} has no gridCol widths"))
    return issues


def lint(template: Path) -> list[TemplateIssue]:
    return split_tags(template) + missing_complex_script(template) + table_grids(template)
