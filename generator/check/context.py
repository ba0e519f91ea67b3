"""What every rule is given: the document, its outline, its organisation and the term tables."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from generator.catalog import Framework
from generator.check.document import Block, Document, snippet
from generator.check.findings import Finding, Severity
from generator.check.organisation import OrgContext
from generator.check.outline import Outline
from generator.check.terms import Terms


@dataclass
class CheckContext:
    doc: Document
    org: OrgContext
    terms: Terms
    outline: Outline
    framework: Framework | None = None
    # Spans already reported by an earlier rule, so a later rule does not report the same text again.
    reported: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def claim(self, block: Block, start: int, end: int) -> None:
        self.reported.setdefault(block.index, []).append((start, end))

    def claimed(self, block: Block, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.reported.get(block.index, ()))

    def finding(
        self, rule: int, code: str, severity: Severity, block: Block, th: str, en: str, *,
        start: int | None = None, end: int | None = None, text: str | None = None,
        fix_th: str = "", fix_en: str = "", claim: bool = False, context: str | None = None, **extra,
    ) -> Finding:
        if start is not None and end is not None:
            shown = block.text[start:end] if text is None else text
            context = snippet(block.text, start, end) if context is None else context
            if claim:
                self.claim(block, start, end)
        else:
            shown = text if text is not None else ""
            context = " ".join(block.text.split())[:120] if context is None else context
        location = self.doc.locate(block)
        if self.doc.kind == "data":
            location = replace(location, paragraph=None)
        return Finding(rule, code, severity, th, en, location, shown, context, fix_th, fix_en, extra)
