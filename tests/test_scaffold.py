"""`prongsai new`: a folder a clerk can fill in; validate then says what is still missing."""

from __future__ import annotations

import re

import yaml

from conftest import docx_paragraphs
from generator import pipeline, validate
from generator.cli import main


def test_new_folder_lists_what_to_fill_in_then_builds_with_its_own_titles(tmp_path, capsys):
    folder = tmp_path / "ban-suan"
    code = main(["new", str(folder), "--type", "เทศบาลเมือง", "--name", "บ้านสวน", "--district", "เมืองชลบุรี",
                 "--province", "ชลบุรี", "--start", "2567", "--end", "2570"])
    assert code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["appendix.yaml", "organisation.yaml", "plan.yaml"]
    capsys.readouterr()

    assert main(["validate", str(folder)]) == 2
    report = capsys.readouterr().err
    assert "people[head].name" in report and "ต้องไม่เว้นว่าง" in report and "address" in report
    assert "orders.working_group.number" in report  # the example's order numbers are not the organisation's

    profile = folder / "organisation.yaml"
    text = profile.read_text(encoding="utf-8")
    text = re.sub(r'name: ""', lambda m, n=iter(range(100)): f"name: นายสมมติ ทดสอบ{next(n)}", text)
    text = text.replace('address: ""', "address: เลขที่ 1 ถนนสุขุมวิท").replace('postcode: ""', 'postcode: "20000"')
    text = text.replace('phone: ""', 'phone: "0 3800 0000"').replace('email: ""', "email: saraban@bansuan.go.th")
    text = text.replace('website: ""', "website: https://www.bansuan.go.th")
    profile.write_text(text, encoding="utf-8")
    appendix = folder / "appendix.yaml"
    numbers = iter(range(101, 200))
    appendix.write_text(re.sub(r"number: ''", lambda m: f"number: {next(numbers)}", appendix.read_text(encoding="utf-8")),
                        encoding="utf-8")
    assert main(["validate", str(folder)]) == 0, capsys.readouterr().err

    plan = yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))
    assert plan["period"] == {"start": 2567, "end": 2570}
    assert all(set(p.get("budget", {})) <= {2567, 2568, 2569, 2570} for p in plan["projects"])

    body = "\n".join(t for _, t in docx_paragraphs(pipeline.render_plan(validate.load_valid(folder)).content))
    assert "เทศบาลเมืองบ้านสวน" in body and "(พ.ศ. 2567 – 2570)" in body
    assert "องค์การบริหารส่วนตำบล" not in body and "บึงปรือ" not in body

    orders = [d for d in pipeline.render_filed(validate.load_valid(folder)) if d.title.startswith("คำสั่ง")]
    assert len(orders) == 5
    text = "\n".join(t for d in orders for _, t in docx_paragraphs(d.content))
    assert "คำสั่งเทศบาลเมืองบ้านสวน" in text and "ที่ ๑๐๑/๒๕๖๖" in text and "นายกเทศมนตรีเมืองบ้านสวน" in text
    assert "องค์การบริหารส่วนตำบล" not in text and "บึงปรือ" not in text


def test_new_refuses_an_unknown_type_and_a_non_empty_folder(tmp_path, capsys):
    assert main(["new", str(tmp_path / "x"), "--type", "อบตต", "--name", "ก"]) == 2
    assert "ไม่รู้จักประเภทองค์กร" in capsys.readouterr().err
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "organisation.yaml").write_text("name: x\n", encoding="utf-8")
    assert main(["new", str(tmp_path / "full"), "--type", "อบต.", "--name", "ก"]) == 2
    assert (tmp_path / "full" / "organisation.yaml").read_text(encoding="utf-8") == "name: x\n"
