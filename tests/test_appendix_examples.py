"""The two built-in examples' appendix: every document, in its own type's words, signed by its own people.

The examples' profiles and plans are written by another line of work; these tests run once both examples are in
the checkout (their appendix.yaml is part of this one).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document

from appendix_support import paragraphs, signature_block, text
from generator import paths, validate
from generator.render.appendix import render_appendix

EXAMPLES = {
    "bueng-prue": ("องค์การบริหารส่วนตำบลบึงปรือ", "นายกองค์การบริหารส่วนตำบลบึงปรือ", "เทศบาล"),
    "nong-bua-municipality": ("เทศบาลตำบลหนองบัว", "นายกเทศมนตรีตำบลหนองบัว", "องค์การบริหารส่วนตำบล"),
}


def present(name: str) -> bool:
    return (paths.EXAMPLES_DIR / name / "organisation.yaml").is_file()


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_appendix(name):
    if not present(name):
        pytest.skip(f"example {name} is not in this checkout yet")
    full_name, head_title, foreign = EXAMPLES[name]
    data = validate.load_valid(paths.EXAMPLES_DIR / name)
    documents = render_appendix(data)
    assert len(documents) == 10
    assert [Path(d.path).name[:3] for d in documents] == [f"{n:02d}-" for n in range(1, 11)]
    head = next(p for p in data.organisation.people if p.role.value == "head")
    for document in documents:
        doc = Document(io.BytesIO(document.content))
        lines = [t for t in paragraphs(doc) if t]
        kind = "คำสั่ง" if "คำสั่ง" in document.title else "ประกาศ"
        assert lines[1] == f"{kind}{full_name}", document.path
        body = text(doc)
        assert foreign not in body.replace("ถนนเทศบาล", ""), document.path
        assert not re.search(r"ณ วันที่ [0-9]", body)
    integrity = Document(io.BytesIO(documents[1].content))
    assert signature_block(integrity) == [f"({head.name})", head_title]
