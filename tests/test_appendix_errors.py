"""Bad appendix data: every mistake gives a located message (file, field, Thai first), exit code 2, no output."""

from __future__ import annotations

from pathlib import Path

import pytest

from appendix_support import copy_fixture
from conftest import edit, run


@pytest.fixture
def org(tmp_path) -> Path:
    return copy_fixture("sao", tmp_path)


# (case, file, old, new, field path in the message, Thai, English)
CASES = [
    ("missing signer: nobody holds the issuing post", "organisation.yaml",
     "  - {id: permanent-secretary, name: นางสมศรี มั่นคง, role: permanent_secretary}\n", "",
     "orders.delegations[ps-to-deputy-ps]", "ไม่มีผู้ลงนาม", "no signer"),
    ("unknown person id as signer", "appendix.yaml", "  integrity:\n", "  integrity: {signer: nobody}\n",
     "announcements.integrity.signer", "ไม่มีบุคคลรหัส 'nobody'", "no person with id 'nobody'"),
    ("unknown person id in a signer mapping", "appendix.yaml", "person: deputy-permanent-secretary, mode: acting",
     "person: deputy-ps, mode: acting", "orders.delegations[ps-to-unit-heads].signer.person",
     "ไม่มีบุคคลรหัส 'deputy-ps'", "no person with id 'deputy-ps'"),
    ("order number not a number", "appendix.yaml", "number: 87", 'number: "๘๗/๒๕๖๕"',
     "orders.working_group.number", "ต้องเป็นตัวเลขจำนวนเต็ม", "must be a whole number"),
    ("order number written as text", "appendix.yaml", "number: 201", "number: สองร้อยหนึ่ง",
     "orders.delegations[head-to-deputies].number", "ต้องเป็นตัวเลขจำนวนเต็ม", "must be a whole number"),
    ("order number zero", "appendix.yaml", "number: 201", "number: 0",
     "orders.delegations[head-to-deputies].number", "ต้องไม่น้อยกว่า 1", "must be at least 1"),
    ("order number twice in a year", "appendix.yaml", "number: 202", "number: 201",
     "orders.delegations[head-to-staff].number", "คำสั่งที่ 201/2565 ซ้ำ", "used twice in the same calendar year"),
    ("no such day", "appendix.yaml", "date: 2565-03-15", "date: 2565-02-30",
     "orders.working_group.date", "ไม่มีวันที่นี้ในปฏิทิน", "no such day"),
    ("date in the wrong form", "appendix.yaml", "date: 2565-03-15", "date: 15/03/2565",
     "orders.working_group.date", "ต้องเป็นวันที่แบบ ปปปป-ดด-วว", "must be a date YYYY-MM-DD"),
    ("working group appointed after the plan", "appendix.yaml", "date: 2565-03-15", "date: 2565-06-01",
     "orders.working_group.date", "หลังวันประกาศใช้แผน", "after the plan it prepares"),
    ("unknown signing mode", "appendix.yaml", "mode: acting}", "mode: แทน}",
     "orders.delegations[ps-to-unit-heads].signer.mode", "mode ต้องเป็นหนึ่งใน", "mode must be one of"),
    ("signer not in the post, no mode", "appendix.yaml",
     "signer: {person: deputy-permanent-secretary, mode: acting}", "signer: deputy-permanent-secretary",
     "orders.delegations[ps-to-unit-heads].signer", "ไม่ใช่ผู้ดำรงตำแหน่ง", "does not hold the post"),
    ("unknown delegate", "appendix.yaml", "- person: deputy-2", "- person: deputy-3",
     "orders.delegations[head-to-deputies].delegates[2].person", "ไม่มีบุคคลรหัส 'deputy-3'", "no person"),
    ("delegator delegates to themselves", "appendix.yaml", "        - person: deputy-permanent-secretary\n"
     "          powers: [กำกับดูแลสำนักปลัดและกองคลัง]", "        - person: permanent-secretary\n"
     "          powers: [กำกับดูแลสำนักปลัดและกองคลัง]",
     "orders.delegations[ps-to-deputy-ps].delegates[1].person", "มอบอำนาจให้ตนเองไม่ได้", "cannot delegate to themselves"),
    ("unknown working-group member", "appendix.yaml", "{person: planner, role", "{person: plan-officer, role",
     "orders.working_group.members[6].person", "ไม่มีบุคคลรหัส 'plan-officer'", "no person"),
    ("member listed twice", "appendix.yaml", "{person: works-head, role: คณะทำงาน}", "{person: finance-head, role: คณะทำงาน}",
     "orders.working_group.members[4].person", "'finance-head' อยู่ในรายชื่อมากกว่าหนึ่งครั้ง", "more than once"),
    ("gift limit with a comma", "appendix.yaml", "  no_gift:\n", '  no_gift: {gift_limit: "3,000"}\n',
     "announcements.no_gift.gift_limit", "ต้องเป็นตัวเลขจำนวนเต็ม", "no commas"),
    ("misspelt field", "appendix.yaml", "  no_gift:\n", "  no_gift: {gift_limt: 3000}\n",
     "announcements.no_gift.gift_limt", "หมายถึง 'gift_limit' หรือไม่", "did you mean 'gift_limit'"),
    ("complaints without channels", "appendix.yaml", "    unit: office\n    channels:",
     "    unit: office\n    ways:", "announcements.complaints.channels", "ต้องกรอกข้อมูลช่องนี้", "this field is required"),
    ("unknown complaint unit", "appendix.yaml", "unit: office", "unit: centre",
     "announcements.complaints.unit", "ไม่มีหน่วยงาน 'centre'", "unknown unit"),
    ("contact placeholder without its value", "appendix.yaml", 'detail: "${email}"', 'detail: "${fax}"',
     "announcements.complaints.channels[5].detail", "ใช้ ${fax} แต่ organisation.yaml ไม่ได้กรอกค่านี้",
     "${fax} is used but organisation.yaml leaves it empty"),
    ("emblem file missing", "appendix.yaml", "announcements:\n", "emblem: assets/garuda.png\nannouncements:\n",
     "emblem", "ไม่พบไฟล์ภาพตราครุฑ", "emblem image not found"),
    ("no default legal basis for the type", "organisation.yaml", "type: อบต.", "type: อบจ.",
     "orders.delegations[head-to-deputies]", "ต้องระบุ legal_basis", "legal_basis is required"),
    ("delegator that is not a post", "appendix.yaml", "delegator: permanent_secretary\n      delegates:\n        - person: deputy-permanent-secretary",
     "delegator: ปลัด\n      delegates:\n        - person: deputy-permanent-secretary",
     "orders.delegations[ps-to-deputy-ps].delegator", "ต้องเป็นหนึ่งใน", "must be one of"),
]


@pytest.mark.parametrize(("case", "file", "old", "new", "field", "thai", "english"), CASES, ids=[c[0] for c in CASES])
def test_bad_appendix_data_is_located_and_exits_2(org, tmp_path, capsys, case, file, old, new, field, thai, english):
    edit(org / file, old, new)
    code, out = run(capsys, "validate", str(org))
    assert code == 2, out
    line = next((l for l in out.splitlines() if thai in l and field in l), "")
    assert field in line and "appendix.yaml" in line, out
    assert english in line and line.index(thai) < line.index(english), line


def test_emblem_that_is_not_an_image(org, capsys):
    (org / "assets").mkdir()
    (org / "assets" / "garuda.png").write_text("not a picture", encoding="utf-8")
    edit(org / "appendix.yaml", "announcements:\n", "emblem: assets/garuda.png\nannouncements:\n")
    code, out = run(capsys, "validate", str(org))
    assert code == 2 and "emblem" in out and "ต้องเป็นภาพ PNG หรือ JPEG" in out


def test_a_bad_appendix_stops_the_build_without_output(org, tmp_path, capsys):
    edit(org / "appendix.yaml", "number: 87", 'number: "87/2565"')
    output = tmp_path / "out"
    code, out = run(capsys, "build", str(org), "--output", str(output))
    assert code == 2, out
    assert not output.exists() or not any(output.rglob("*.docx"))


def test_line_numbers_point_into_appendix_yaml(org, capsys):
    edit(org / "appendix.yaml", "number: 87", "number: abc")
    lines = (org / "appendix.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "number: abc" in text)
    _, out = run(capsys, "validate", str(org))
    assert f"appendix.yaml บรรทัด/line {line}" in out
