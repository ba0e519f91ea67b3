"""Plain text (for example text extracted from a PDF, or a clerk's .txt): one block per line.

A line with tabs is a table row, each tab-separated piece a cell, as PDF extraction writes tables. A blank
line ends a table.
"""

from __future__ import annotations

from pathlib import Path

from generator.check.document import Block, Document

ENCODINGS = ("utf-8-sig", "cp874", "utf-16")


def decode(raw: bytes, path: Path) -> str:
    from generator.check.readers import UnusableInput

    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnusableInput(f"อ่านข้อความในไฟล์ {path.name} ไม่ได้ (ไม่ใช่ UTF-8 หรือ TIS-620)",
                        f"cannot decode {path.name} (neither UTF-8 nor TIS-620)")


def text_document(text: str, name: str, path: Path | None = None) -> Document:
    doc = Document(name=name, kind="text", path=path)
    index, table, row, in_table = 0, 0, 0, False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            in_table = False
            continue
        if "\t" in line:
            if not in_table:
                table, row, in_table = table + 1, 0, True
            row += 1
            for col, cell in enumerate(line.split("\t"), start=1):
                index += 1
                doc.blocks.append(Block(cell, index, kind="cell", line=number, table=table, row=row, col=col))
            continue
        in_table = False
        index += 1
        doc.blocks.append(Block(line.strip(), index, line=number))
    return doc


def read_text(path: Path) -> Document:
    return text_document(decode(path.read_bytes(), path), path.name, path)
