"""The checker on whole targets: the seed plan, our own outputs, data folders, the CLI and the build.

The seed (tests/fixtures/seed, the real plan the example is transcribed from) must yield a finding for every defect class its README names,
at the right place; everything the project generates must have no errors.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import paths
from generator.check.run import check_path
from generator.cli import main

SEED_NAME = "000_d1f19dc540dd0745.txt"


def seed_path() -> Path | None:
    if os.environ.get("PRONGSAI_SEED"):
        return Path(os.environ["PRONGSAI_SEED"])
    candidate = Path(__file__).parent / "fixtures" / "seed" / SEED_NAME
    return candidate if candidate.is_file() else None


@pytest.fixture(scope="module")
def seed_report():
    path = seed_path()
    if path is None:
        pytest.skip("the seed plan is missing from tests/fixtures/seed")
    return check_path(path)


def at(report, code: str) -> list[int]:
    return sorted(f.location.line for f in report.findings if f.code == code)


def test_seed_organisation_is_inferred_from_its_cover(seed_report):
    org = seed_report.results[0].org
    assert (org.source, org.kind.key, org.name, org.period) == ("inferred", "sao", "บึงปรือ", (2566, 2570))
    assert "บรรทัด 9" in org.evidence_th


def test_seed_template_placeholders(seed_report):
    assert at(seed_report, "leftover.instruction-name") == [62, 136, 149]


def test_seed_words_of_another_type(seed_report):
    lines = at(seed_report, "orgtype.staff") + at(seed_report, "orgtype.title")
    assert set(lines) == {238, 267, 271, 870}


def test_seed_name_destroyed_by_find_and_replace(seed_report):
    assert at(seed_report, "name.replaced") == [611, 615, 629, 633, 634]
    assert at(seed_report, "name.organ-confusion") == [398, 405, 409, 417, 670, 802, 804]


def test_seed_transcription_errors(seed_report):
    assert at(seed_report, "spelling.foreign-script") == [851, 862]
    foreign = next(f for f in seed_report.findings if f.code == "spelling.foreign-script")
    assert "ประพฤติมิชอบ" in foreign.fix_th
    assert 75 in at(seed_report, "spelling.variant") and 1235 in at(seed_report, "spelling.variant")
    assert at(seed_report, "spelling.doubled") == [1150]
    assert at(seed_report, "spelling.doubled-vowel") == [137]


def test_seed_missing_item_number_and_empty_field(seed_report):
    missing = [f for f in seed_report.findings if f.code == "structure.missing-sheet-number"]
    assert [f.location.line for f in missing] == [1144] and "ลำดับที่ 16" in missing[0].th
    empty = [f for f in seed_report.findings if f.code == "structure.empty"]
    assert [f.location.line for f in empty] == [603] and "ผู้รับผิดชอบ" in empty[0].th


def test_seed_gaps_in_list_numbering(seed_report):
    assert at(seed_report, "numbering.list-gap") == [66]
    assert at(seed_report, "numbering.list-repeat") == [581]
    assert at(seed_report, "structure.label-spelling") == [382, 900]


def test_seed_broken_contents_page_numbers(seed_report):
    assert at(seed_report, "toc.bad-page") == [50, 53]


def test_seed_locations_name_part_section_and_item(seed_report):
    empty = next(f for f in seed_report.findings if f.code == "structure.empty")
    assert empty.location.part == "ส่วนที่ 3"
    assert empty.location.section == "มิติที่ 2 › 2.2.1"
    assert empty.location.item == "ลำดับที่ 7 › 8. ผู้รับผิดชอบ"


# --- the CLI --------------------------------------------------------------------------------------------------

def test_cli_exit_codes_and_json(tmp_path: Path, capsys):
    path = seed_path()
    if path is None:
        pytest.skip("no seed")
    assert main(["check", str(path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["exit_code"] == 1 and data["summary"]["errors"] > 0
    assert data["documents"][0]["organisation"]["source"] == "inferred"
    assert {"rule", "code", "severity", "location", "text", "context", "fix_th", "fix_en"} <= set(data["documents"][0]["findings"][0])
    assert main(["check", str(tmp_path / "missing.docx")]) == 2
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "empty.txt")]) == 2
    (tmp_path / "broken.docx").write_text("not a zip")
    assert main(["check", str(tmp_path / "broken.docx")]) == 2
    (tmp_path / "plan.odt").write_text("x")
    assert main(["check", str(tmp_path / "plan.odt")]) == 2
    clean = tmp_path / "clean.txt"
    clean.write_text("องค์การบริหารส่วนตำบลบึงปรือ\nประชาชนมีส่วนร่วมในการตรวจสอบ\n", encoding="utf-8")
    assert main(["check", str(clean)]) == 0
    out = capsys.readouterr().out
    assert "อนุมานองค์กรจากข้อความ" in out and "ผล: ไม่พบข้อผิดพลาด" in out


def test_cli_text_report_is_grouped_and_bilingual(capsys):
    path = seed_path()
    if path is None:
        pytest.skip("no seed")
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "ส่วนที่ 3 › มิติที่ 2 › 2.2.1 › ลำดับที่ 7 › 8. ผู้รับผิดชอบ" in out
    assert "หัวข้อ \"8. ผู้รับผิดชอบ\" ไม่มีเนื้อหา" in out and "has nothing under it" in out
    assert "บรรทัด/line 603" in out


def test_invalid_data_folder_is_unusable_input(minimal_org: Path):
    (minimal_org / "plan.yaml").write_text("period: {start: 2566}\n", encoding="utf-8")
    assert main(["check", str(minimal_org)]) == 2


def test_data_folder_findings_point_at_the_yaml(minimal_org: Path):
    plan = minimal_org / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("target_group: [บุคลากร]", "target_group: [พนักงานเทศบาล XXX]"),
                    encoding="utf-8")
    report = check_path(minimal_org)
    data = [f for r in report.results if r.document.name == "plan.yaml" for f in r.findings]
    assert {f.code for f in data} == {"orgtype.staff", "leftover.xxx"}
    assert all(f.location.field == "projects[training].target_group[1]" and f.location.line for f in data)
    rendered = [f for r in report.results if r.document.name == "plan.docx" for f in r.findings]
    assert rendered == []  # reported once, at the data


# --- our own outputs and the build -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory, example_builds) -> dict[str, Path]:
    """Every example (and the small test organisation) built once, as `prongsai build` would."""
    from conftest import MINIMAL_ORGANISATION, MINIMAL_PLAN

    from generator import pipeline

    root = tmp_path_factory.mktemp("built")
    small = root / "data" / "tambon-test"
    small.mkdir(parents=True)
    # Thai digits in the plan: the contents' page numbers must still be matched with the PDF's
    (small / "organisation.yaml").write_text(MINIMAL_ORGANISATION + "digits: {plan: thai}\n", encoding="utf-8")
    (small / "plan.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    result = pipeline.build(small, root / "output")
    assert result.report.errors == 0
    editions = {small.name: result.out_dir}
    for name, example in example_builds.items():
        assert example.report.errors == 0, name
        editions[name] = example.out_dir
    return editions


def test_every_generated_output_has_no_errors(built):
    for name, edition in built.items():
        report = check_path(edition)
        errors = [f for f in report.findings if f.severity == "error"]
        assert errors == [], (name, errors[:3])
        # none of the examples has a warning either; a new one must be fixed or explained (official_terms …)
        warnings = [(f.code, f.text, f.location.trail()) for f in report.findings if f.severity == "warning"]
        assert warnings == [], (name, warnings[:5])
        assert {r.document.name for r in report.results} >= {"plan.docx", "plan.pdf"}


def test_contents_page_numbers_are_compared_with_the_pdf(built):
    from generator.check.contents import page_findings
    from generator.check.readers.docx import read_docx
    from generator.check.readers.pdf import read_pdf
    from generator.check.run import context_for

    edition = built["tambon-test"]
    ctx = context_for(read_docx(edition / "plan.docx"))
    pdf = read_pdf(edition / "plan.pdf")
    assert page_findings(ctx, pdf) == [] and len(pdf.notes) == 1  # every entry found in the PDF
    entry = next(b for b in ctx.outline.toc if b.text.startswith("ส่วนที่ ๓"))
    entry.text = entry.text.rsplit("\t", 1)[0] + "\t๙๙"
    entry._norm = None
    wrong = page_findings(ctx, read_pdf(edition / "plan.pdf"))
    assert [f.code for f in wrong] == ["toc.page-mismatch"] and wrong[0].location.page
    without_text = read_pdf(edition / "plan.pdf", text=False)  # what a build's check reads: numbers and outline
    assert without_text.blocks == [] and [p.label for p in without_text.pages] == [p.label for p in pdf.pages]
    assert page_findings(ctx, without_text) == wrong


def test_build_refuses_errors_and_publishes_nothing(minimal_org: Path, tmp_path: Path, capsys):
    plan = minimal_org / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("target_group: [บุคลากร]", "target_group: [พนักงานเทศบาล]"),
                    encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(minimal_org), "--output", str(out)]) == 1
    assert list(out.iterdir()) == []  # no edition, no staging folder, not even an empty organisation folder
    err = capsys.readouterr().err
    assert "พนักงานเทศบาล" in err and "--draft" in err


def test_draft_build_marks_every_page(minimal_org: Path, tmp_path: Path):
    plan = minimal_org / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("target_group: [บุคลากร]", "target_group: [พนักงานเทศบาล]"),
                    encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(minimal_org), "--output", str(out), "--draft"]) == 0
    pdf = next(out.rglob("plan.pdf"))
    pages = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    texts = [p for p in pages.decode("utf-8").split("\f") if p.strip()]
    assert texts and all("ร่าง" in p and "DRAFT" in p for p in texts)
    from generator.render.draft import is_draft

    assert is_draft(next(out.rglob("plan.docx")).read_bytes())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_a_pdf_on_its_own_is_checked_for_words_and_contents(built):
    report = check_path(built["tambon-test"] / "plan.pdf")
    assert report.errors == 0
    assert report.results[0].org.name == "ทดสอบ"


def test_checker_runs_as_a_module(tmp_path: Path):
    doc = tmp_path / "x.txt"
    doc.write_text("ผู้รับผิดชอบ (ชื่อหน่วยงาน)\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "generator", "check", str(doc)], capture_output=True, cwd=paths.ROOT)
    assert out.returncode == 1 and "leftover.paren-placeholder" in out.stdout.decode()


def test_an_organisations_own_template_is_checked(minimal_org: Path):
    from docx import Document

    own = minimal_org / "templates" / "plan"
    own.mkdir(parents=True)
    doc = Document(paths.TEMPLATES_DIR / "plan" / "plan.docx")
    doc.add_paragraph("{{ mayor_name }} เทศบาลตำบล{{ org.name }}")
    doc.save(own / "plan.docx")
    report = check_path(minimal_org)
    found = {f.code for r in report.results for f in r.findings if r.document.name.endswith("plan.docx")}
    assert {"template.unknown-variable", "template.render", "orgtype.in-template"} <= found
    assert main(["check", str(minimal_org)]) == 1
