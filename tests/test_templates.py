"""Every template: whole Jinja tags, Thai run properties, table grids, and variables matching the context."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import paths, validate
from generator.diff import document as changes_document
from generator.diff.compare import compare
from generator.render.appendix import contexts_by_template
from generator.render.context import plan_context
from generator.render.docx import DocumentTemplate, environment
from generator.render.internal_control import TEMPLATES as CONTROL_TEMPLATES
from generator.render.internal_control import ReportContexts
from generator.render.lint import lint
from internal_control_fixture import write_org

TEMPLATES = sorted(paths.TEMPLATES_DIR.rglob("*.docx"))
NAMES = [str(t.relative_to(paths.TEMPLATES_DIR)) for t in TEMPLATES]
# An organisation whose appendix.yaml asks for every announcement and order.
APPENDIX_ORG = Path(__file__).parent / "fixtures" / "appendix" / "sao"


@pytest.mark.parametrize("template", TEMPLATES, ids=[str(t.relative_to(paths.TEMPLATES_DIR)) for t in TEMPLATES])
def test_template_is_clean(template: Path):
    assert lint(template) == []


def context_builders(folder: Path) -> dict[str, dict]:
    """The context each template is rendered with, for one organisation."""
    data = validate.load_valid(folder)
    contexts = {"plan/plan.docx": plan_context(data), **contexts_by_template(validate.load_valid(APPENDIX_ORG))}
    for report in data.internal_control.values():
        contexts.update({CONTROL_TEMPLATES[form]: c for form, c in ReportContexts(data, report).all().items()})
    contexts[changes_document.TEMPLATE] = changes_document.context(data, compare(data, data))
    return contexts


@pytest.fixture
def control_org(tmp_path: Path) -> Path:
    """An organisation with a plan and an internal-control file (every form, follow-up included)."""
    return write_org(tmp_path / "with-internal-control")


def test_every_template_has_a_context_builder(control_org):
    covered = set(context_builders(control_org))
    assert {str(t.relative_to(paths.TEMPLATES_DIR)) for t in TEMPLATES} <= covered


@pytest.mark.parametrize("name", NAMES)
def test_template_variables_match_the_context(control_org, name):
    used = DocumentTemplate(str(paths.TEMPLATES_DIR / name)).get_undeclared_template_variables(environment())
    provided = set(context_builders(control_org)[name])
    assert used - provided == set(), "undeclared variables"
    assert provided - used == set(), "variables provided but never used"


def test_lint_catches_split_tags_and_missing_thai_properties(tmp_path):
    from docx import Document

    doc = Document()
    p = doc.add_paragraph()
    p.add_run("{{ org.")
    p.add_run("full_name }}")
    run = doc.add_paragraph().add_run("ไทย")
    run.font.name = "TH SarabunIT๙"
    run.font.size = 200000
    run.bold = True
    path = tmp_path / "bad.docx"
    doc.save(path)
    messages = [i.message for i in lint(path)]
    assert any("split across runs" in m for m in messages)
    assert any("without w:cs" in m for m in messages)
    assert any("w:sz without w:szCs" in m for m in messages)
    assert any("w:b without w:bCs" in m for m in messages)


def test_exported_json_schemas_are_up_to_date():
    import json

    from generator import schema

    for filename, expected in schema.schemas().items():
        path = paths.ROOT / "data" / "schema" / filename
        assert json.loads(path.read_text(encoding="utf-8")) == expected, f"run `prongsai schema` to refresh {filename}"


def _render_plan_xml(folder: Path) -> bytes:
    import io
    import zipfile

    from generator import pipeline

    document = pipeline.render_plan(validate.load_valid(folder))
    return zipfile.ZipFile(io.BytesIO(document.content)).read("word/document.xml")


def test_compiled_templates_are_kept_for_the_next_process(tmp_path, monkeypatch, control_org):
    """A new process loads the plan template's compiled code instead of compiling it, with the same result; where
    the cache folder cannot be made, templates are compiled as before."""
    import jinja2

    from generator.render import docx as docx_module

    monkeypatch.setattr(docx_module, "JINJA_CACHE_DIR", tmp_path / "jinja")
    monkeypatch.setattr(docx_module, "_ENVIRONMENT", None)
    first = _render_plan_xml(control_org)
    assert list((tmp_path / "jinja").glob("__jinja2_*.cache"))

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(docx_module, "_ENVIRONMENT", None)  # as in a new process
    with monkeypatch.context() as patched:
        patched.setattr(jinja2.Environment, "compile", no_compiling)
        assert _render_plan_xml(control_org) == first

    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setattr(docx_module, "JINJA_CACHE_DIR", tmp_path / "not-a-folder" / "jinja")
    monkeypatch.setattr(docx_module, "_ENVIRONMENT", None)
    assert _render_plan_xml(control_org) == first


def test_rendered_documents_leave_out_the_blank_templates_leftover_parts(control_org):
    """No Word 2010 style copy and no thumbnail of a blank page (Explorer would show every document as empty)."""
    import io
    import zipfile

    from generator import pipeline

    documents = pipeline.render_all(validate.load_valid(control_org))
    assert len(documents) > 5
    for document in documents:
        names = zipfile.ZipFile(io.BytesIO(document.content)).namelist()
        assert "word/document.xml" in names
        assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n], document.path
