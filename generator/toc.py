"""The สารบัญ's second pass, made cheap: the page numbers are known after the plan's first conversion, and only
the front matter (cover, คำนำ, สารบัญ) has to be laid out again to print them.

- ``front_matter`` cuts the plan DOCX after the section that holds the สารบัญ (the body restarts its numbering
  at 1 in the next section, so nothing after it depends on the front matter); LibreOffice converts those few
  pages, and ``splice`` puts them in front of the first pass's body pages. The caller checks the result: the
  สารบัญ read back from the spliced PDF must be the one printed in it, else it converts the whole plan again.
- ``remembered``/``remember`` keep the last สารบัญ of an organisation's edition: a rebuild renders the plan
  with it at once and, when the layout did not move (a budget changed, a sentence was fixed), needs no second
  pass at all.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from generator import pages, paths
from generator.render.context import TocEntry

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENTS_TITLE = "สารบัญ"
MEMO_DIR = paths.ROOT / ".cache" / "toc"
MAX_MEMOS = 500


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def front_matter(docx: bytes) -> bytes | None:
    """The DOCX up to the end of the section holding the สารบัญ heading; None when it has no such heading or
    no section ends after it (then the whole plan is converted again)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        root = etree.fromstring(source.read("word/document.xml"))
        body = root.find(_w("body"))
        children = list(body)
        heading = next((i for i, el in enumerate(children) if el.tag == _w("p") and _is_contents_heading(el)), None)
        if heading is None:
            return None
        end = next((i for i in range(heading, len(children))
                    if children[i].tag == _w("p") and children[i].find(f"{_w('pPr')}/{_w('sectPr')}") is not None),
                   None)
        if end is None:
            return None
        section = children[end].find(f"{_w('pPr')}/{_w('sectPr')}")
        section.getparent().remove(section)
        for el in children[end + 1:]:
            body.remove(el)
        body.append(section)
        return with_document(source, root)


def with_document(source: zipfile.ZipFile, root: etree._Element) -> bytes:
    """The DOCX ``source`` with ``root`` as its ``word/document.xml``, every other part as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info, data)
    return out.getvalue()


def _is_contents_heading(paragraph) -> bool:
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    text = "".join(t.text or "" for t in paragraph.iter(_w("t")))
    return style is not None and style.get(_w("val")) == "Heading1" and text.strip() == CONTENTS_TITLE


def splice(first_pass: Path, front: Path, target: Path) -> bool:
    """``target`` = the pages of ``front`` + the first pass's pages after its front matter, with the outline of
    both (LibreOffice's headings) and the first pass's document information, PDF/A metadata and output intent.
    False (nothing written) when the front matter's headings do not match the first pass's."""
    full, head = PdfReader(first_pass), PdfReader(front)
    full_headings, head_headings = pages.headings(first_pass), pages.headings(front)
    count = len(head_headings)
    if not count or len(full_headings) <= count or \
            [h.title for h in full_headings[:count]] != [h.title for h in head_headings]:
        return False
    body_start = full_headings[count].page
    writer = PdfWriter()
    writer.append(head, import_outline=False)
    writer.append(full, pages=(body_start, len(full.pages)), import_outline=False)
    shift = len(head.pages) - body_start
    headings = head_headings + [pages.Heading(h.level, h.title, h.page + shift) for h in full_headings[count:]]
    parents: list = []
    for heading in headings:
        del parents[heading.level - 1:]
        parent = parents[-1] if parents else None
        item = writer.add_outline_item(title=heading.title, page_number=heading.page, parent=parent)
        parents += [item] * (heading.level - len(parents))
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({k: v for k, v in (full.metadata or {}).items()})
    root = full.trailer["/Root"]
    for key in ("/Lang", "/OutputIntents", "/Metadata"):
        if key in root:
            writer.root_object[NameObject(key)] = root.raw_get(key).clone(writer)
    writer.generate_file_identifiers()
    fd, tmp = tempfile.mkstemp(prefix=".plan-", suffix=".pdf.tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            writer.write(out)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    pages.pages_taken(target, [*pages.printed_numbers(front), *pages.printed_numbers(first_pass)[body_start:]],
                      headings)
    return True


# --- the last สารบัญ of an edition ------------------------------------------------------------------------

def _memo(key: str) -> Path:
    return MEMO_DIR / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"


def remembered(key: str) -> list[TocEntry] | None:
    """The สารบัญ the last build of ``key`` (organisation folder and edition) printed, if it is known and caching
    is on (PRONGSAI_CONVERT_CACHE=0 turns every cache off)."""
    if os.environ.get("PRONGSAI_CONVERT_CACHE", "1") == "0":
        return None
    try:
        return [TocEntry(**entry) for entry in json.loads(_memo(key).read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        return None


def remember(key: str, toc: list[TocEntry]) -> None:
    if os.environ.get("PRONGSAI_CONVERT_CACHE", "1") == "0":
        return
    path = _memo(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".toc-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump([e.__dict__ for e in toc], out, ensure_ascii=False)
    os.replace(tmp, path)
    memos = sorted(MEMO_DIR.glob("*.json"), key=lambda p: p.stat().st_mtime)
    for old in memos[: max(0, len(memos) - MAX_MEMOS)]:
        old.unlink(missing_ok=True)
