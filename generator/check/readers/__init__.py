"""Document readers: plain text, DOCX, PDF and organisation data all become a ``Document`` of blocks."""

from __future__ import annotations

from pathlib import Path

from generator.check.document import Document
from generator.errors import ProngsaiError

SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".docx": "docx", ".pdf": "pdf"}


class UnusableInput(ProngsaiError):
    """The target cannot be read at all (missing, unsupported, corrupt): exit code 2, not a finding."""

    exit_code = 2


def read(path: Path, *, is_template: bool = False) -> Document:
    kind = SUFFIXES.get(path.suffix.lower())
    if not path.is_file():
        raise UnusableInput(f"ไม่พบไฟล์ {path}", f"file not found: {path}")
    if kind is None:
        raise UnusableInput(
            f"ตรวจไฟล์ชนิด {path.suffix or '(ไม่มีนามสกุล)'} ไม่ได้ (ใช้ได้: .docx .pdf .txt)",
            f"cannot check a {path.suffix or 'suffix-less'} file (supported: .docx .pdf .txt)",
        )
    if kind == "text":
        from generator.check.readers.text import read_text

        doc = read_text(path)
    elif kind == "docx":
        from generator.check.readers.docx import read_docx

        doc = read_docx(path, is_template=is_template)
    else:
        from generator.check.readers.pdf import read_pdf

        doc = read_pdf(path)
    if not any(b.text.strip() for b in doc.blocks):
        # "no errors" would be a lie: a scanned PDF has pages but no text to check
        raise UnusableInput(f"ไม่มีข้อความให้ตรวจใน {path.name} (ไฟล์ว่าง หรือ PDF ที่สแกนเป็นภาพ)",
                            f"{path.name} holds no text to check (empty, or a scanned PDF)")
    return doc
