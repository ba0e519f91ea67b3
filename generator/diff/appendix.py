"""The announcements and orders of the ภาคผนวก as the change report compares them: each document's printed
paragraphs.

The documents are rendered from each edition's data as blank-dated forms, so that the date every edition moves
is not reported as a change of every document. They are matched by what they are (the announcement of a kind,
the n-th delegation order), not by title or position: a new order number or a document added before another
does not make two documents look unrelated. Digits are compared as Arabic, so a changed digit setting is not
a change of every number.
"""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from generator import appendix as ax
from generator import thai
from generator.load import OrganisationData
from generator.render import appendix as rendering


def paragraphs(content: bytes) -> list[str]:
    """A DOCX's body paragraphs as printed (table cells included, in reading order), the empty ones and those
    of text boxes (the emblem's frame) left out, so that a paragraph's number counts what a reader sees."""
    body = Document(io.BytesIO(content)).element.body
    texts = (_own_text(p) for p in body.iter(qn("w:p")) if next(p.iterancestors(qn("w:txbxContent")), None) is None)
    return [thai.arabic_digits(" ".join(text.split())) for text in texts if text.strip()]


def _own_text(paragraph) -> str:
    """The paragraph's text without that of a text box anchored in it."""
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")) if next(t.iterancestors(qn("w:p"))) is paragraph)


def printed(data: OrganisationData) -> dict[tuple, tuple[str, list[str]]]:
    """Each announcement and order of an edition: where it is in appendix.yaml → (title, paragraphs)."""
    if data.appendix is None:
        return {}
    planned = ax.planned_documents(data.appendix)
    documents = rendering.each_document(data, undated=True)
    return {doc.loc: (thai.arabic_digits(rendered.title), paragraphs(rendered.content))
            for doc, rendered in zip(planned, documents, strict=True)}
