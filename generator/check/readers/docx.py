"""DOCX: body paragraphs and table cells in document order, then headers and footers.

Text is read from the XML (w:t, with w:tab as a tab and w:br as a line break) so that what the checker sees
is what Word shows; deleted revisions (w:delText) are not text. The XML parts stay available for the
template rules (rule 8).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from generator.check.document import Block, Document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARTS = re.compile(r"word/(document|styles|header\d*|footer\d*)\.xml$")
CORE = "docProps/core.xml"
DC = "{http://purl.org/dc/elements/1.1/}"


def paragraph_text(p: etree._Element) -> str:
    out = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        tag = el.tag
        if tag == f"{W}t":
            out.append(el.text or "")
        elif tag == f"{W}tab":
            if el.getparent() is not None and el.getparent().tag == f"{W}r":
                out.append("\t")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        else:
            out.append("\n")
    return "".join(out)


def _style(p: etree._Element) -> str:
    el = p.find(f"{W}pPr/{W}pStyle")
    return el.get(f"{W}val", "") if el is not None else ""


class _Walker:
    def __init__(self, doc: Document):
        self.doc = doc
        self.index = 0
        self.table = 0

    def add(self, text: str, **kw) -> None:
        if not text.strip():
            return
        self.index += 1
        self.doc.blocks.append(Block(text, self.index, **kw))

    def walk(self, parent: etree._Element) -> None:
        for child in parent:
            if child.tag == f"{W}p":
                self.add(paragraph_text(child), style=_style(child))
            elif child.tag == f"{W}tbl":
                self.walk_table(child)
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.walk(content)

    def walk_table(self, tbl: etree._Element) -> None:
        self.table += 1
        number = self.table
        for r, tr in enumerate(tbl.findall(f"{W}tr"), start=1):
            for c, tc in enumerate(tr.findall(f"{W}tc"), start=1):
                paras = tc.findall(f".//{W}p")
                text = "\n".join(paragraph_text(p) for p in paras)
                style = _style(paras[0]) if paras else ""
                self.index += 1
                self.doc.blocks.append(Block(text, self.index, kind="cell", style=style, table=number, row=r, col=c))


def read_docx(path: Path, *, is_template: bool = False, name: str | None = None) -> Document:
    return _read(path, path, name or path.name, is_template)


def read_docx_bytes(content: bytes, name: str) -> Document:
    """A rendered document still in memory (the build checks before anything is written)."""
    return _read(io.BytesIO(content), None, name, False)


def _read(source, path: Path | None, name: str, is_template: bool) -> Document:
    from generator.check.readers import UnusableInput

    try:
        with zipfile.ZipFile(source) as z:
            parts = {n: etree.fromstring(z.read(n)) for n in z.namelist() if PARTS.match(n)}
            core = etree.fromstring(z.read(CORE)) if CORE in z.namelist() else None
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        raise UnusableInput(f"เปิดไฟล์ Word {name} ไม่ได้ (ไฟล์เสียหรือไม่ใช่ .docx)",
                            f"cannot open {name} as a Word document: {exc}") from exc
    if "word/document.xml" not in parts:
        raise UnusableInput(f"ไฟล์ {name} ไม่มีเนื้อหาเอกสาร Word", f"{name} has no word/document.xml")
    doc = Document(name=name, kind="docx", path=path, is_template=is_template, xml_parts=parts)
    if is_template:
        # a template holds tags, not a plan: only leftovers, type words and the template rules apply
        doc.skip_rules = {3, 4, 5, 6, 7}
    if core is not None:
        creator = core.find(f"{DC}creator")
        doc.author = (creator.text or "") if creator is not None else ""
    walker = _Walker(doc)
    body = parts["word/document.xml"].find(f"{W}body")
    walker.walk(body)
    for part in sorted(n for n in parts if re.search(r"(header|footer)\d*\.xml$", n)):
        for p in parts[part].iter(f"{W}p"):
            walker.add(paragraph_text(p), style="header" if "header" in part else "footer")
    return doc

