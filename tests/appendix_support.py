"""Helpers for the appendix tests: read the text of a generated DOCX, make a neutral stand-in image, read PDFs."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

FIXTURES = Path(__file__).parent / "fixtures" / "appendix"
W_P, W_T = qn("w:p"), qn("w:t")


def copy_fixture(name: str, target: Path) -> Path:
    folder = target / name
    shutil.copytree(FIXTURES / name, folder)
    return folder


def grey_png(path: Path, width: int = 186, height: int = 200, level: int = 128) -> Path:
    """A uniform grey rectangle: a neutral stand-in for an organisation's emblem image (never the real one)."""
    row = b"\x00" + bytes([level]) * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b""))
    return path


def paragraphs(source) -> list[str]:
    """Text of every body paragraph (tables and text boxes included), in document order."""
    doc = source if hasattr(source, "element") else Document(str(source))
    texts = []
    for p in doc.element.body.iter(W_P):
        if p.find(f".//{W_P}") is not None:  # a paragraph holding a text box: its inner paragraphs count instead
            continue
        texts.append("".join(t.text or "" for t in p.iter(W_T)))
    return texts


def text(source) -> str:
    return "\n".join(paragraphs(source))


def signature_block(source) -> list[str]:
    """The lines from the name in parentheses to the end of the block."""
    lines = [t for t in paragraphs(source) if t]
    start = max(i for i, t in enumerate(lines) if t.startswith("(") and t.endswith(")"))
    return lines[start:]


def pdf_page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def pdf_images(pdf: Path) -> list[dict]:
    """``pdfimages -list``: one dict per image with page, pixel size and resolution."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        rows.append({"page": int(cols[0]), "type": cols[2], "width": int(cols[3]), "height": int(cols[4]),
                     "x_ppi": float(cols[12]), "y_ppi": float(cols[13])})
    return rows


def grey_rows(pdf: Path, page: int, dpi: int = 50, low: int = 112, high: int = 144, least: int = 40) -> list[int]:
    """The first band of pixel rows of a rendered page crossed by a long run of mid-grey: the stand-in emblem."""
    prefix = pdf.parent / f".render-{pdf.stem[:20]}-{page}"
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf), str(prefix)],
                   check=True)
    image = next(pdf.parent.glob(f"{prefix.name}*.pgm"))
    data = image.read_bytes()
    image.unlink()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    width, height = int(match.group(1)), int(match.group(2))
    pixels = data[match.end():]
    def longest_grey_run(y: int) -> int:
        best = run = 0
        for v in pixels[y * width:(y + 1) * width]:
            run = run + 1 if low <= v <= high else 0
            best = max(best, run)
        return best

    rows = [y for y in range(height) if longest_grey_run(y) >= least]
    band = rows[:1]
    for y in rows[1:]:
        if y != band[-1] + 1:
            break
        band.append(y)
    return band
