"""Bad input is normal: every mistake gives a located message (Thai first), exit code 2 and no output."""

from __future__ import annotations


import pytest

from conftest import edit, run


def assert_thai_then_english(message: str, thai: str, english: str) -> None:
    assert thai in message and english in message
    assert message.index(thai) < message.index(english)


def test_valid_minimal_data_passes(minimal_org, capsys):
    code, out = run(capsys, "validate", str(minimal_org))
    assert code == 0, out


CASES = [
    ("malformed YAML", "plan.yaml", "period: {start: 2566, end: 2568}", "period: {start: 2566, end: 2568\n  x",
     "plan.yaml", "รูปแบบ YAML ไม่ถูกต้อง", "malformed YAML"),
    ("missing required field", "plan.yaml", "issued: {year: 2565, month: 5}\n", "",
     "issued", "ต้องกรอกข้อมูลช่องนี้", "this field is required"),
    ("budget typed as text", "plan.yaml", "budget: {2566: 5000,", "budget: {2566: ห้าพันบาท,",
     "projects[training].budget.2566", "ต้องเป็นตัวเลขจำนวนเต็ม", "must be a whole number"),
    ("budget with a comma", "plan.yaml", "budget: {2566: 5000,", 'budget: {2566: "5,000",',
     "projects[training].budget.2566", "ต้องเป็นตัวเลขจำนวนเต็ม", "no commas"),
    ("negative budget", "plan.yaml", "budget: {2566: 5000,", "budget: {2566: -5000,",
     "projects[training].budget.2566", "ห้ามติดลบ", "no negative values"),
    ("unknown framework code", "plan.yaml", 'code: "2.1.1"', 'code: "2.9.9"',
     "projects[disclosure].code", "ไม่มีรหัส '2.9.9'", "is not in plan framework"),
    ("unknown organisation type", "organisation.yaml", "type: อบต.", "type: อบต",
     "type", "ไม่รู้จักประเภทองค์กร 'อบต'", "unknown organisation type"),
    ("duplicate project id", "plan.yaml", "id: disclosure", "id: training",
     "projects[training].id", "รหัสโครงการ 'training' ซ้ำ", "duplicate project id"),
    ("unknown responsible unit", "plan.yaml", "responsible: office", "responsible: treasury",
     "projects[training].responsible", "ไม่มีหน่วยงาน 'treasury'", "unknown unit"),
    ("budget year outside the plan", "plan.yaml", "2568: 5000}", "2569: 5000}",
     "projects[training].budget.2569", "อยู่นอกช่วง", "is outside"),
    ("misspelt field", "plan.yaml", "    outcomes: [บุคลากรมีคุณธรรม]", "    outcome: [บุคลากรมีคุณธรรม]",
     "projects[training].outcome", "หมายถึง 'outcomes' หรือไม่", "did you mean 'outcomes'"),
    ("unknown placeholder", "plan.yaml", "${org}ให้ความสำคัญ", "${องค์กร}ให้ความสำคัญ",
     "rationale[1]", "ไม่รู้จักคำแทน ${องค์กร}", "unknown placeholder"),
    ("placeholder without $", "plan.yaml", "- ${org}ให้ความสำคัญ", "- ให้{org}ความสำคัญ",
     "rationale[1]", "ใช้วงเล็บปีกกาได้เฉพาะคำแทน", "braces are only allowed"),
    ("empty text", "plan.yaml", "target_group: [บุคลากร]", 'target_group: [""]',
     "projects[training].target_group[1]", "ต้องไม่เว้นว่าง", "must not be empty"),
]


@pytest.mark.parametrize(("case", "file", "old", "new", "field", "thai", "english"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_with_file_field_and_exit_2(minimal_org, tmp_path, capsys,
                                                          case, file, old, new, field, thai, english):
    edit(minimal_org / file, old, new)
    code, out = run(capsys, "validate", str(minimal_org))
    assert code == 2, out
    assert file in out and field in out, out
    assert_thai_then_english(out, thai, english)

    output = tmp_path / "out"
    code, out = run(capsys, "build", str(minimal_org), "--output", str(output))
    assert code == 2
    assert not output.exists() or not any(output.rglob("*.docx")), "no partial output after a data error"


def test_every_problem_is_listed_not_only_the_first(minimal_org, capsys):
    edit(minimal_org / "plan.yaml", "budget: {2566: 5000,", "budget: {2566: ห้าพัน,")
    edit(minimal_org / "plan.yaml", 'code: "2.1.1"', 'code: "7.7.7"')
    edit(minimal_org / "organisation.yaml", "province: นครราชสีมา\n", "")
    code, out = run(capsys, "validate", str(minimal_org))
    assert code == 2
    assert "projects[training].budget.2566" in out
    assert "province" in out
    assert "พบข้อผิดพลาดในข้อมูล" in out


def test_line_numbers_point_at_the_offending_line(minimal_org, capsys):
    edit(minimal_org / "plan.yaml", "budget: {2566: 5000,", "budget: {2566: ห้าพัน,")
    lines = (minimal_org / "plan.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "ห้าพัน" in text)
    _, out = run(capsys, "validate", str(minimal_org))
    assert f"บรรทัด/line {line}" in out


def test_missing_folder_is_a_data_error(tmp_path, capsys):
    code, out = run(capsys, "validate", str(tmp_path / "nowhere"))
    assert code == 2 and "ไม่พบโฟลเดอร์ข้อมูลองค์กร" in out


def test_failed_build_keeps_the_previous_output(minimal_org, tmp_path, capsys):
    output = tmp_path / "out"
    edition = output / minimal_org.name / "2566"
    edition.mkdir(parents=True)
    (edition / "plan.docx").write_bytes(b"previous good build")
    edit(minimal_org / "plan.yaml", "budget: {2566: 5000,", "budget: {2566: -1,")
    code, _ = run(capsys, "build", str(minimal_org), "--output", str(output))
    assert code == 2
    assert (edition / "plan.docx").read_bytes() == b"previous good build"
    assert [p.name for p in output.iterdir()] == [minimal_org.name]
    assert [p.name for p in (output / minimal_org.name).iterdir()] == ["2566"]


def test_an_output_folder_that_cannot_be_written_is_reported_without_a_traceback(minimal_org, tmp_path, capsys):
    """A clerk's --output names a file (or a read-only folder, a full disk): one message, Thai then English,
    naming where it failed and what to do; exit 1; nothing written or replaced."""
    blocked = tmp_path / "out"
    blocked.write_text("a file where the output folder should be")
    code, out = run(capsys, "build", str(minimal_org), "--output", str(blocked))
    assert code == 1
    th, en = out.splitlines()[-2:]
    assert th.startswith(f"ข้อผิดพลาด: เขียนผลลัพธ์ลงโฟลเดอร์ {blocked} ไม่ได้: มีไฟล์ (ไม่ใช่โฟลเดอร์)")
    assert en.startswith(f"error: cannot write the output to {blocked}: a file, not a folder, is in the way "
                         f"({blocked / minimal_org.name})")
    assert "--output" in en and "Traceback" not in out
    assert blocked.read_text() == "a file where the output folder should be"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", minimal_org.name])
