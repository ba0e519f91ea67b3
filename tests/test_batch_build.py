"""Several organisations in one ``prongsai build``: each built as alone, on converters started once; a folder
that fails is reported and the others are still built."""

from __future__ import annotations

import shutil

from conftest import edit, run


def test_a_batch_builds_every_folder_and_reports_the_one_that_fails(minimal_org, tmp_path, capsys):
    broken = shutil.copytree(minimal_org, tmp_path / "broken")
    edit(broken / "plan.yaml", "budget: {2566: 5000,", "budget: {2566: ห้าพันบาท,")
    again = minimal_org.parent / ".." / minimal_org.parent.name / minimal_org.name  # the first folder, spelt otherwise
    out = tmp_path / "out"

    code, text = run(capsys, "build", str(minimal_org), str(broken), str(again), "--output", str(out))

    assert code == 2, text
    built = out / minimal_org.name / "2566"
    assert (built / "plan.pdf").is_file() and (built / "plan.docx").is_file()
    assert [p.name for p in built.glob("แผนปฏิบัติการ*.pdf")], sorted(p.name for p in built.iterdir())
    assert not (out / "broken").exists()
    assert f"files written to {built}" in text and "เอกสาร / documents:" not in text  # no file lists in a batch
    assert "[1/2]" in text and "[2/2]" in text and "[3/" not in text  # the folder named twice is built once
    message = text[text.index("[2/2]"):]
    assert "plan.yaml" in message and "projects[training].budget.2566" in message, message
    assert "ต้องเป็นตัวเลขจำนวนเต็ม" in message and "must be a whole number" in message
    summary = text[text.index("สรุป / summary"):]
    assert "สร้างสำเร็จ 1 จาก 2 องค์กร / 1 of 2 organisations built" in summary
    assert f"{minimal_org}: สำเร็จ / built" in summary
    assert f"{broken}: ไม่สำเร็จ / failed (exit 2)" in summary


def test_data_folders_of_one_name_are_refused_before_anything_is_built(minimal_org, tmp_path, capsys):
    twin = shutil.copytree(minimal_org, tmp_path / "elsewhere" / minimal_org.name)
    out = tmp_path / "out"

    code, text = run(capsys, "build", str(minimal_org), str(twin), "--output", str(out))

    assert code == 2, text
    assert not out.exists()
    assert str(minimal_org) in text and str(twin) in text
    assert text.index("โฟลเดอร์ข้อมูลชื่อซ้ำกัน") < text.index("data folders with the same name")
