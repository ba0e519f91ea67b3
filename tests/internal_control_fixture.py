"""A small organisation with one internal-control file, written out for tests to build, render or break.

The texts name their principle or row ("ผลการประเมินหลักการข้อ 1.1", "ความเสี่ยงของภารกิจที่ 2 แถว 1"), so a test can
find each of them in the generated documents and check the order.
"""

from __future__ import annotations

from pathlib import Path

ORGANISATION = """\
name: ทดสอบ
type: {org_type}
district: เมืองทดสอบ
province: นครราชสีมา
address: เลขที่ 1 หมู่ที่ 1
units:
  - {{id: office, name: สำนักปลัด}}
  - {{id: finance, name: กองคลัง}}
  - {{id: works, name: กองช่าง}}
  - {{id: audit, name: หน่วยตรวจสอบภายใน, head_title: หัวหน้าหน่วยตรวจสอบภายใน}}
people:
  - {{id: head, name: นายหัวหน้า ทดสอบ, role: head}}
  - {{id: permanent-secretary, name: นายปลัด ทดสอบ, role: permanent_secretary}}
  - {{id: finance-head, name: นางการเงิน ทดสอบ, role: unit_head, unit: finance}}
  - {{id: internal-auditor, name: นางสาวผู้ตรวจ สอบทาน, role: internal_auditor, unit: audit, position: นักวิชาการตรวจสอบภายในชำนาญการ}}
digits:
  internal_control: {digits}
"""

PLAN = """\
period: {start: 2566, end: 2567}
issued: {year: 2565, month: 9}
risks:
  - process: การจัดซื้อจัดจ้าง
    risks: [{text: ความเสี่ยง, level: สูง}]
    measures: [มาตรการ]
rationale: [เหตุผล]
objectives: [วัตถุประสงค์]
goals: [เป้าหมาย]
benefits: [ประโยชน์]
projects:
  - id: control
    kind: กิจกรรม
    name: ติดตามประเมินผลการควบคุมภายใน
    code: "4.1.1"
    rationale: [เหตุผล]
    objectives: [วัตถุประสงค์]
    target_group: [บุคลากร]
    methods: [จัดทำรายงาน]
    responsible: office
    outputs: [รายงาน]
    outcomes: [การควบคุมภายในดีขึ้น]
"""

PRINCIPLES = ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3",
              "5.1", "5.2"]

HEAD = """\
year: 2566
date: 2566-12-15
committee:
  - {person: permanent-secretary, role: ประธานกรรมการ}
  - {name: นายกรรมการ ภายนอก, position: ผู้ทรงคุณวุฒิ, role: กรรมการ}
conclusion: adequate
components:
  principles:
"""

LONG = ("ข้อความยาวเพื่อให้ตารางยาวหลายหน้า การควบคุมภายในของหน่วยงานต้องครอบคลุมภารกิจที่สำคัญ "
        "มีการแบ่งแยกหน้าที่ การอนุมัติตามลำดับชั้น และการสอบทานเอกสารก่อนเสนอผู้มีอำนาจ")


def internal_control(missions: int = 2, long_rows: bool = False) -> str:
    """The text of internal-control-2566.yaml: every principle, ``missions`` missions of two rows each."""
    text = HEAD + "".join(f"    {code}: ผลการประเมินหลักการข้อ {code}\n" for code in PRINCIPLES)
    text += "  overall: ผลการประเมินโดยรวมของ${org}\nevaluation:\n  missions:\n"
    extra = f" {LONG}" if long_rows else ""
    for m in range(1, missions + 1):
        text += (
            f"    - name: ภารกิจที่ {m}\n"
            f"      objective: วัตถุประสงค์ของภารกิจที่ {m}\n"
            f"      risks:\n"
            f"        - risk: ความเสี่ยงของภารกิจที่ {m} แถว 1{extra}\n"
            f"          existing_control: [การควบคุมที่มีอยู่ข้อแรก{extra}, การควบคุมที่มีอยู่ข้อสอง]\n"
            f"          assessment: การประเมินของภารกิจที่ {m}\n"
            f"          remaining_risk: ความเสี่ยงที่ยังมีอยู่ของภารกิจที่ {m}\n"
            f"          improvement: การปรับปรุงของภารกิจที่ {m}\n"
            f"          responsible: finance\n"
            f"          due: 2567-09-30\n"
            f"        - risk: ความเสี่ยงของภารกิจที่ {m} แถว 2{extra}\n"
            f"          existing_control: การควบคุมแถวสอง\n"
            f"          assessment: เพียงพอ\n"
            f"          responsible: [works, finance]\n"
        )
    text += """\
follow_up:
  items:
    - mission: ภารกิจปีก่อน
      existing_control: การควบคุมเดิม
      remaining_risk: ความเสี่ยงปีก่อน
      improvement: การปรับปรุงปีก่อน
      responsible: finance
      due: 2566-09-30
      status: in_progress
      progress: 60
      monitoring: ติดตามแล้ว
review:
  date: 2566-12-08
  observations: [ข้อสังเกตของผู้ตรวจสอบภายใน]
  recommendations: [ข้อเสนอแนะของผู้ตรวจสอบภายใน]
"""
    return text


def write_org(folder: Path, *, org_type: str = "อบต.", digits: str = "thai", missions: int = 2,
              long_rows: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisation.yaml").write_text(ORGANISATION.format(org_type=org_type, digits=digits), encoding="utf-8")
    (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (folder / "internal-control-2566.yaml").write_text(internal_control(missions, long_rows), encoding="utf-8")
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
