"""``prongsai new``: a new organisation folder a clerk can fill in.

The profile is written with the given names and empty people to fill; the plan and the appendix's
announcements and orders start as copies of the built-in example's (their texts use ${org}-style placeholders,
so they already fit any organisation type), moved to the new plan period. The example's order numbers are left
empty: they are the organisation's own running numbers. ``prongsai validate`` then lists what is still missing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from generator import catalog, paths
from generator.errors import DataError, Problem

UNITS = [
    ("office", "สำนักปลัด", None),
    ("finance", "กองคลัง", None),
    ("works", "กองช่าง", None),
    ("education", "กองการศึกษา ศาสนาและวัฒนธรรม", None),
    ("audit", "หน่วยตรวจสอบภายใน", "หัวหน้าหน่วยตรวจสอบภายใน"),
]

ORGANISATION = """\
# yaml-language-server: $schema={schema}/organisation.schema.json
# ข้อมูลองค์กร / organisation profile. กรอกช่องที่ยังว่าง ("") แล้วตรวจด้วย: prongsai validate {folder}
name: {name}                 # ชื่อองค์กรไม่มีคำนำหน้าประเภท / own name without the type
type: {type}
district: {district}         # อำเภอ (ไม่ต้องพิมพ์คำว่า อำเภอ)
province: {province}         # จังหวัด (ไม่ต้องพิมพ์คำว่า จังหวัด)
address: ""                  # ที่อยู่สำนักงาน เช่น เลขที่ 99 หมู่ที่ 1 ตำบล…
postcode: ""                 # รหัสไปรษณีย์ 5 หลัก
contacts:
  phone: ""
  email: ""
  website: ""
units:                       # สำนัก/กอง: id ภาษาอังกฤษตัวเล็ก ใช้อ้างถึงในแผน (responsible)
{units}
people:                      # ผู้บริหาร ปลัด หัวหน้าส่วนราชการ: ตำแหน่งมาจากประเภทองค์กรโดยอัตโนมัติ
{people}
digits:                      # thai = เลขไทย, arabic = เลขอารบิก
  plan: arabic
  announcements: thai
  orders: thai
  internal_control: thai
font:
  name: TH SarabunIT๙
  size: 16
"""


def _people() -> list[str]:
    rows = [
        ("head", "head", None),
        ("deputy-1", "deputy_head", None),
        ("deputy-2", "deputy_head", None),
        ("permanent-secretary", "permanent_secretary", None),
        ("deputy-permanent-secretary", "deputy_permanent_secretary", None),
    ]
    rows += [(f"{unit}-head", "unit_head", unit) for unit, _, _ in UNITS if unit != "audit"]
    rows += [("council-president", "council_president", None)]
    lines = [f'  - {{id: {pid}, name: "", role: {role}' + (f", unit: {unit}" if unit else "") + "}"
             for pid, role, unit in rows]
    lines.append('  - {id: internal-auditor, name: "", role: internal_auditor, position: นักวิชาการตรวจสอบภายใน}')
    return lines


def _shift_years(mapping: dict, old: list[int], new: list[int]) -> dict:
    """Carry per-year values over by position in the period (first year → first year …)."""
    return {new[i]: mapping[y] for i, y in enumerate(old) if i < len(new) and y in mapping}


def starter_plan(start: int, end: int) -> dict:
    """The example plan moved to another period; the clerk edits projects and budgets."""
    plan = yaml.safe_load((paths.DEFAULT_EXAMPLE / "plan.yaml").read_text(encoding="utf-8"))
    old = list(range(plan["period"]["start"], plan["period"]["end"] + 1))
    new = list(range(start, end + 1))
    plan["period"] = {"start": start, "end": end}
    plan["issued"] = {"year": start - 1, "month": plan["issued"]["month"]}
    for target in plan.get("targets", []):
        target["values"] = _shift_years(target["values"], old, new)
    for project in plan["projects"]:
        project.pop("years", None)
        project["budget"] = _shift_years(project.get("budget") or {}, old, new)
    return plan


APPENDIX_HEADER = """\
# yaml-language-server: $schema={schema}/appendix.schema.json
# ประกาศและคำสั่งในภาคผนวก คัดลอกจากตัวอย่าง อบต.บึงปรือ: กรอกเลขที่คำสั่ง (number) ตรวจวันที่ อำนาจที่มอบ และคณะทำงาน
# the appendix's announcements and orders, copied from the example: fill in the order numbers, review the rest
# emblem: assets/garuda.png     # ภาพตราครุฑขององค์กร (PNG หรือ JPEG) / the organisation's own Garuda image
"""


def _example_file(name: str) -> Path:
    """A file of the built-in example: its own, or its latest edition's."""
    flat = paths.DEFAULT_EXAMPLE / name
    return flat if flat.exists() else sorted((paths.DEFAULT_EXAMPLE / "editions").glob(f"*/{name}"))[-1]


def _shift_dates(value, years: int):
    """Every date in a YAML structure moved by ``years`` (29 February becomes 28 February)."""
    if isinstance(value, dict):
        return {k: _shift_dates(v, years) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift_dates(v, years) for v in value]
    if isinstance(value, date):
        day = min(value.day, 28) if value.month == 2 else value.day
        return value.replace(year=value.year + years, day=day)
    return value


def starter_appendix(start: int) -> dict:
    """The example's announcements and orders, dated for a plan that starts in ``start``, order numbers empty."""
    example_start = yaml.safe_load((paths.DEFAULT_EXAMPLE / "plan.yaml").read_text(encoding="utf-8"))["period"]["start"]
    appendix = yaml.safe_load(_example_file("appendix.yaml").read_text(encoding="utf-8"))
    appendix = _shift_dates(appendix, start - example_start)
    orders = appendix.get("orders", {})
    for order in [orders.get("working_group"), *orders.get("delegations", [])]:
        if order:
            order["number"] = ""
    return appendix


def new_organisation(folder: Path, *, org_type: str, name: str, district: str, province: str,
                     start: int, end: int) -> list[Path]:
    kind = catalog.org_type(org_type)
    problems = []
    if kind is None:
        allowed = ", ".join(t.label for t in catalog.org_types())
        problems.append(Problem(f"ไม่รู้จักประเภทองค์กร '{org_type}' ใช้ได้: {allowed}",
                                f"unknown organisation type '{org_type}'; one of: {allowed}", field="--type"))
    if folder.exists() and any(folder.iterdir()):
        problems.append(Problem("โฟลเดอร์นี้มีไฟล์อยู่แล้ว จะไม่เขียนทับ", "the folder is not empty; nothing is overwritten",
                                file=folder))
    if end < start:
        problems.append(Problem("ปีสิ้นสุดต้องไม่น้อยกว่าปีเริ่มต้น", "--end is before --start", field="--end"))
    if problems:
        raise DataError(problems)
    folder.mkdir(parents=True, exist_ok=True)
    units = [f"  - {{id: {uid}, name: {uname}" + (f", head_title: {title}" if title else "") + "}"
             for uid, uname, title in UNITS]
    profile = ORGANISATION.format(
        schema=paths.ROOT / "data" / "schema", folder=folder, name=name or '""', type=kind.label, district=district or '""', province=province or '""',
        units="\n".join(units), people="\n".join(_people()),
    )
    plan_text = f"# yaml-language-server: $schema={paths.ROOT / 'data' / 'schema'}/plan.schema.json\n" \
                "# แผนเริ่มต้นคัดลอกจากตัวอย่าง อบต.บึงปรือ: แก้ไขโครงการ งบประมาณ และข้อความให้เป็นของท่าน\n" + \
                yaml.safe_dump(starter_plan(start, end), allow_unicode=True, sort_keys=False, width=100_000)
    appendix_text = APPENDIX_HEADER.format(schema=paths.ROOT / "data" / "schema") + \
        yaml.safe_dump(starter_appendix(start), allow_unicode=True, sort_keys=False, width=100_000).replace(": null\n", ":\n")
    written = [folder / "organisation.yaml", folder / "plan.yaml", folder / "appendix.yaml"]
    for path, text in zip(written, (profile, plan_text, appendix_text)):
        path.write_text(text, encoding="utf-8")
    return written
