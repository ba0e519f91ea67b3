"""Shared fixtures: a small valid organisation to break in many ways, and builds shared across tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import paths

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

MINIMAL_ORGANISATION = """\
name: ทดสอบ
type: อบต.
district: เมือง
province: นครราชสีมา
address: เลขที่ 1 หมู่ที่ 1
units:
  - {id: office, name: สำนักปลัด}
  - {id: finance, name: กองคลัง}
people:
  - {id: head, name: นายทดสอบ ใจดี, role: head}
"""

MINIMAL_PLAN = """\
period: {start: 2566, end: 2568}
issued: {year: 2565, month: 5}
risks:
  - process: การบริหารงาน
    risks:
      - {text: ความเสี่ยงหนึ่ง, level: สูง}
    measures: [มาตรการหนึ่ง]
rationale:
  - ${org}ให้ความสำคัญกับการบริหารงานตามหลักธรรมาภิบาล
objectives: [เพื่อแสดงเจตจำนงสุจริต]
goals: [คะแนน ITA ผ่านเกณฑ์]
targets:
  - indicator: คะแนน ITA
    values: {2566: 80 คะแนน, 2567: 85 คะแนน, 2568: 90 คะแนน}
benefits: [ประชาชนมีส่วนร่วม]
projects:
  - id: training
    kind: โครงการ
    name: ฝึกอบรมคุณธรรมจริยธรรม
    code: "1.1.2"
    rationale: [เหตุผลของโครงการ]
    objectives: [เพื่อส่งเสริมคุณธรรม]
    target_group: [บุคลากร]
    methods: [จัดทำโครงการ, ดำเนินการ]
    budget: {2566: 5000, 2567: 5000, 2568: 5000}
    responsible: office
    outputs: [จัดอบรม 1 ครั้ง]
    outcomes: [บุคลากรมีคุณธรรม]
  - id: disclosure
    kind: มาตรการ
    name: เปิดเผยข้อมูลสาธารณะ
    code: "2.1.1"
    rationale: [เหตุผล]
    objectives: [เพื่อเปิดเผยข้อมูล]
    target_group: [ประชาชน]
    methods: [เผยแพร่ข้อมูล]
    responsible: [office, finance]
    outputs: [เผยแพร่ข้อมูลครบถ้วน]
    outcomes: [ประชาชนเข้าถึงข้อมูล]
"""


@pytest.fixture
def minimal_org(tmp_path: Path) -> Path:
    """A small valid อบต. folder; tests edit its files to make them invalid."""
    folder = tmp_path / "tambon-test"
    folder.mkdir()
    (folder / "organisation.yaml").write_text(MINIMAL_ORGANISATION, encoding="utf-8")
    (folder / "plan.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def example_copy(tmp_path_factory) -> Path:
    """A private copy of the built-in example (tests must never write into data/)."""
    target = tmp_path_factory.mktemp("examples") / "bueng-prue"
    shutil.copytree(paths.DEFAULT_EXAMPLE, target)
    return target


def example_folders() -> list[Path]:
    return sorted(p for p in paths.EXAMPLES_DIR.glob("*") if (p / "plan.yaml").is_file())


@pytest.fixture(scope="session")
def example_builds(tmp_path_factory):
    """Every built-in example built once per test session, exactly as `prongsai build` does."""
    from generator import pipeline

    root = tmp_path_factory.mktemp("example-builds")
    return {folder.name: pipeline.build(folder, root) for folder in example_folders()}


def docx_paragraphs(path_or_bytes) -> list[tuple[str, str]]:
    """(style id, text) of every paragraph of a DOCX body, table cells included, in reading order."""
    import io

    from docx import Document
    from docx.oxml.ns import qn

    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    body = Document(source).element.body
    out = []
    for p in body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        text = "".join("\t" if el.tag == qn("w:tab") else el.text or ""
                       for el in p.iter(qn("w:t"), qn("w:tab")) if el.getparent().tag == qn("w:r"))
        out.append((style.get(qn("w:val")) if style is not None else "", text))
    return out


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence of ``old`` in a data file; the fixture text must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(capsys, *args: str) -> tuple[int, str]:
    """The prongsai command in-process: its exit code and everything it printed."""
    from generator.cli import main

    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err
