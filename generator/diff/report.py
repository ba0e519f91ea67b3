"""The change report as terminal text: deleted words as ``[-…-]`` and inserted ones as ``{+…+}`` (red and green
when the terminal has colours)."""

from __future__ import annotations

from generator import thai
from generator.diff.compare import ChangeReport
from generator.diff.words import DELETED, INSERTED, Segment, trimmed

RED, GREEN, BOLD, RESET = "\033[31;9m", "\033[32;4m", "\033[1m", "\033[0m"


def signed(delta: int) -> str:
    return f"+{thai.number(delta)}" if delta > 0 else thai.number(delta) if delta else "0"


def marked(segments: list[Segment], color: bool) -> str:
    out = []
    for seg in trimmed(segments):
        if seg.op == DELETED:
            out.append(f"{RED}{seg.text}{RESET}" if color else f"[-{seg.text}-]")
        elif seg.op == INSERTED:
            out.append(f"{GREEN}{seg.text}{RESET}" if color else f"{{+{seg.text}+}}")
        else:
            out.append(seg.text)
    return "".join(out)


def terminal(report: ChangeReport, color: bool = False) -> str:
    b, r = (BOLD, RESET) if color else ("", "")
    lines = [f"{b}การเปลี่ยนแปลง {report.organisation} ฉบับปีงบประมาณ {report.old_year} → {report.new_year}{r}",
             f"changes in {report.organisation}, edition {report.old_year} → {report.new_year}", ""]
    if report.old_period != report.new_period:
        lines.append("ช่วงแผน / plan period: {}–{} → {}–{}".format(*report.old_period, *report.new_period))
    lines.append(f"{b}โครงการที่เพิ่ม / projects added ({len(report.added)}){r}")
    lines += [f"  + {p.title} [{p.code}] งบประมาณรวม {thai.number(p.total)} บาท ({p.id})" for p in report.added]
    lines.append(f"{b}โครงการที่ยกเลิก / projects removed ({len(report.removed)}){r}")
    lines += [f"  - {p.title} [{p.code}] งบประมาณรวม {thai.number(p.total)} บาท ({p.id})" for p in report.removed]
    lines.append(f"{b}งบประมาณที่เปลี่ยน / budgets changed ({len(report.budgets)}){r}")
    lines += [f"  {c.title} ปี {c.year}: {thai.number(c.old)} → {thai.number(c.new)} ({signed(c.new - c.old)})"
              for c in report.budgets]
    lines.append(f"{b}งบประมาณรวมรายปี / yearly totals (เดิม → ใหม่){r}")
    for t in report.totals:
        lines.append(f"  {t.year}: {thai.number(t.old)} → {thai.number(t.new)} ({signed(t.new - t.old)})")
    g = report.grand_total
    lines.append(f"  รวม / total: {thai.number(g.old)} → {thai.number(g.new)} ({signed(g.new - g.old)})")
    lines.append(f"{b}บุคลากร / people ({len(report.people)}){r}")
    for p in report.people:
        lines.append(f"  {p.id}: {p.old or '(ไม่มี / none)'} → {p.new or '(ไม่มี / none)'}")
    lines.append(f"{b}ข้อความที่แก้ไข / text changed ({len(report.texts)}){r}")
    for t in report.texts:
        lines.append(f"  {t.where}:")
        lines.append(f"    {marked(t.segments, color)}")
    if report.empty:
        lines.append("ไม่มีการเปลี่ยนแปลง / no changes")
    return "\n".join(lines)
