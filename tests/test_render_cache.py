"""Rendered documents kept by everything that decides them (render.cache): a kept document is the one rendering
would give, and any change to what decides it renders it anew."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import paths, pipeline, validate
from generator.convert.cache import docx_digest
from generator.render import cache, docx


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "render-cache"
    monkeypatch.setattr(cache, "CACHE_DIR", folder)
    monkeypatch.delenv("PRONGSAI_CONVERT_CACHE", raising=False)
    return folder


def rendered(folder: Path) -> dict[str, str]:
    """Each filed document's content (not its ZIP's timestamps), by path."""
    return {d.path: docx_digest(d.content) for d in pipeline.render_filed(validate.load_valid(folder))}


@pytest.mark.parametrize("example", ["bueng-prue", "nong-bua-municipality"])
def test_every_filed_document_is_kept_and_comes_back_as_rendered(example, private_cache, monkeypatch):
    fresh = rendered(paths.EXAMPLES_DIR / example)
    assert len(list(private_cache.glob("*/*.docx"))) == len(fresh)  # announcements, orders and reports alike
    monkeypatch.setattr(docx, "_render", lambda *a, **k: pytest.fail("rendered again"))
    assert rendered(paths.EXAMPLES_DIR / example) == fresh
    monkeypatch.undo()
    monkeypatch.setenv("PRONGSAI_CONVERT_CACHE", "0")
    assert rendered(paths.EXAMPLES_DIR / example) == fresh


def test_a_change_in_the_data_renders_the_documents_it_reaches(tmp_path):
    """Every document that names the head shows the new name; the others (two orders signed by the ปลัด, a
    report) stay as they were."""
    org = Path(shutil.copytree(paths.DEFAULT_EXAMPLE, tmp_path / "bueng-prue"))
    data = validate.load_valid(org)
    head = next(p.name for p in data.organisation.people if p.role == "head")
    before = {d.path: d.content for d in pipeline.render_filed(data)}
    profile = org / "organisation.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(head, "นายใหม่ ทดสอบแคช"), encoding="utf-8")
    after = {d.path: d.content for d in pipeline.render_filed(validate.load_valid(org))}
    naming = {path for path, content in before.items() if head.encode() in _text(content)}
    assert 3 < len(naming) < len(before)
    assert {path for path in after if docx_digest(after[path]) != docx_digest(before[path])} == naming
    assert all("นายใหม่ ทดสอบแคช".encode() in _text(after[path]) for path in naming)


def test_a_template_edited_in_word_renders_anew(tmp_path):
    template = Path(shutil.copyfile(paths.TEMPLATES_DIR / "appendix" / "ethics.docx", tmp_path / "ethics.docx"))
    context, options = {"a": "b"}, ("thai", "TH SarabunIT๙", 16.0, None, None)
    first = cache.key(template, context, options)
    template.write_bytes(template.read_bytes() + b"\0")
    assert cache.key(template, context, options) not in (None, first)


@dataclass
class Record:
    label: str
    text: str


def test_only_plain_contexts_are_kept(tmp_path):
    template = paths.TEMPLATES_DIR / "appendix" / "ethics.docx"
    options = ("thai", "TH SarabunIT๙", 16.0, None, None)
    assert cache.key(template, {"rows": [Record("1.", "ก")]}, options) != cache.key(
        template, {"rows": [Record("1.", "ข")]}, options)
    assert cache.key(template, {"rows": {1, 2}}, options) is None  # a set's order is not the same in every process
    assert cache.key(template, {"thing": object()}, options) is None


def _text(content: bytes) -> bytes:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml")
