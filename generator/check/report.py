"""The checker's report: for people (grouped by document and section, Thai first, English after) or as JSON."""

from __future__ import annotations

import json
from collections import Counter
from itertools import groupby

from generator.check.findings import RULES, Finding
from generator.check.run import DocumentResult, Report

MARK = {"error": "✗ ข้อผิดพลาด/error", "warning": "! คำเตือน/warning"}


def _order(f: Finding) -> tuple:
    loc = f.location
    return (loc.line if loc.line is not None else 10**9, loc.paragraph or 0, loc.page or 0)


def _group(f: Finding) -> str:
    """The outline path in a document; in a data file, the record the field belongs to (projects[p07])."""
    return f.location.trail() or f.location.field.split(".")[0]


def _organisation(result: DocumentResult) -> tuple[str, str]:
    return result.org.describe()


def text(report: Report, *, show_warnings: bool = True) -> str:
    lines = [f"ตรวจ / checked: {report.target}"]
    for th, en in report.notes:
        lines.append(f"หมายเหตุ: {th}\nnote: {en}")
    for result in report.results:
        findings = [f for f in result.findings if show_warnings or f.severity == "error"]
        errors = sum(1 for f in result.findings if f.severity == "error")
        warnings = len(result.findings) - errors
        lines.append("")
        lines.append(f"== {result.document.name}: ข้อผิดพลาด {errors} คำเตือน {warnings} / {errors} error(s), {warnings} warning(s)")
        th, en = _organisation(result)
        lines.append(f"   {th}\n   {en}")
        for note_th, note_en in result.document.notes:
            lines.append(f"   หมายเหตุ: {note_th}\n   note: {note_en}")
        for trail, group in groupby(sorted(findings, key=_order), key=_group):
            lines.append(f"  {trail or '(ทั้งเอกสาร / whole document)'}")
            for f in group:
                lines += _finding_lines(f)
    lines.append("")
    lines += summary(report)
    return "\n".join(lines)


def _finding_lines(f: Finding) -> list[str]:
    spot = f.location.spot()
    out = [f"    {MARK[f.severity]}  [{f.rule} {RULES[f.rule][0]} / {RULES[f.rule][1]} · {f.code}]" + (f"  {spot}" if spot else "")]
    out.append(f"      {f.th}")
    out.append(f"      {f.en}")
    if f.context:
        out.append(f"      «{f.context}»")
    if f.fix_th or f.fix_en:
        out.append(f"      → แก้ไข: {f.fix_th}" + (f" / fix: {f.fix_en}" if f.fix_en else ""))
    return out


def summary(report: Report) -> list[str]:
    findings = report.findings
    by_rule = Counter((f.rule, f.severity) for f in findings)
    lines = [f"สรุป: ข้อผิดพลาด {report.errors} คำเตือน {report.warnings} / summary: {report.errors} error(s), {report.warnings} warning(s)"]
    for rule, (th, en) in RULES.items():
        e, w = by_rule.get((rule, "error"), 0), by_rule.get((rule, "warning"), 0)
        if e or w:
            lines.append(f"  {rule}. {th} / {en}: ข้อผิดพลาด {e} คำเตือน {w}")
    if report.errors:
        lines.append("ผล: มีข้อผิดพลาด ยังไม่พร้อมลงนาม / result: errors found, not ready to sign")
    else:
        lines.append("ผล: ไม่พบข้อผิดพลาด / result: no errors")
    return lines


def as_json(report: Report) -> str:
    documents = []
    for result in report.results:
        org = result.org
        documents.append({
            "name": result.document.name,
            "kind": result.document.kind,
            "organisation": {
                "type": org.kind.key if org.kind else None,
                "name": org.name or None,
                "full_name": org.full_name or None,
                "period": list(org.period) if org.period else None,
                "source": org.source,
                "evidence": {"th": org.evidence_th, "en": org.evidence_en} if org.source == "inferred" else None,
            },
            "notes": [{"th": th, "en": en} for th, en in result.document.notes],
            "findings": [f.to_json() for f in sorted(result.findings, key=_order)],
        })
    by_rule = Counter(f.rule for f in report.findings)
    data = {
        "target": report.target,
        "exit_code": report.exit_code,
        "summary": {
            "errors": report.errors,
            "warnings": report.warnings,
            "by_rule": {str(r): by_rule.get(r, 0) for r in RULES},
        },
        "notes": [{"th": th, "en": en} for th, en in report.notes],
        "documents": documents,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
