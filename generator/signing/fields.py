"""Empty signature fields placed over each signature block of a PDF, so the signer can sign in a PDF reader.

A signature block is the line ``(<the signer's full name>)`` under the space for the signature. Its position is
read from the PDF itself (poppler's ``pdftotext -bbox-layout``, already needed by the checker), so the field
lands where LibreOffice actually put the block, whatever the page breaks. The field covers the blank (or dotted)
space above the name, up to the text above it.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from generator.errors import ProngsaiError

XHTML = "{http://www.w3.org/1999/xhtml}"
FIELD_HEIGHT = 48.0  # pt: about 1.7 cm, room for a handwritten or an image signature
MIN_HEIGHT = 20.0
MIN_WIDTH = 170.0  # pt: 6 cm
MIN_DOTTED_WIDTH = 140.0  # pt: 5 cm
LINE_OVERLAP = 5.0  # pt
_SIGNATURE_LINE = re.compile(r"^[\s.…_]*$|^\(?ลงชื่อ\)?[\s.…_]*$")
_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


@dataclass(frozen=True)
class Line:
    page: int
    text: str
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float
    words: tuple[tuple[str, float, float], ...] = ()  # (text, x0, x1)


@dataclass(frozen=True)
class SignatureBlock:
    page: int  # 0-based
    signer: str  # the name as printed
    key: str  # what the field is named after: a person id, or "signer"
    box: tuple[float, float, float, float]  # PDF coordinates: left, bottom, right, top

    @property
    def label(self) -> str:
        return f"ลงนาม {self.signer}"


def normal(text: str) -> str:
    """Text compared as poppler extracts it: NFKC (ำ = ํา), no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def names_a_signer(docx: bytes, signers: dict[str, str]) -> bool:
    """Whether a document's text holds ``(<name>)`` for one of ``signers``: only then can its PDF have a
    signature block (LibreOffice lays out the document's text and adds none), so the others need no reading."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        text = normal("".join(html.unescape(t) for part in package.namelist()
                              if part.startswith("word/") and part.endswith(".xml")
                              for t in _TEXT.findall(package.read(part).decode("utf-8", "replace"))))
    return any(normal(f"({name})") in text for name in signers)


def lines(pdf: Path) -> tuple[list[Line], list[float]]:
    """Every text line of the PDF with its box, and each page's height."""
    binary = shutil.which("pdftotext")
    if binary is None:
        raise ProngsaiError("ไม่พบ pdftotext (poppler-utils) ติดตั้งด้วย make install",
                            "pdftotext (poppler-utils) is not installed; run make install")
    done = subprocess.run([binary, "-bbox-layout", str(pdf), "-"], capture_output=True, check=True, timeout=120)
    root = etree.fromstring(done.stdout, etree.XMLParser(recover=True, huge_tree=True))
    found, heights = [], []
    for number, page in enumerate(root.iter(f"{XHTML}page")):
        heights.append(float(page.get("height")))
        for line in page.iter(f"{XHTML}line"):
            words = tuple((w.text or "", float(w.get("xMin")), float(w.get("xMax")))
                          for w in line.iter(f"{XHTML}word"))
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            found.append(Line(number, " ".join(w[0] for w in words), *box, words))
    return found, heights


def find_blocks(pdf: Path, signers: dict[str, str]) -> list[SignatureBlock]:
    """The signature blocks of a PDF: lines reading ``(name)`` for a name in ``signers`` (name → key)."""
    wanted = {normal(f"({name})"): (name, key) for name, key in signers.items()}
    all_lines, heights = lines(pdf)
    blocks = []
    for line in all_lines:
        match = wanted.get(normal(line.text))
        if match is None:
            continue
        name, key = match
        blocks.append(SignatureBlock(line.page, name, key, _field_box(line, all_lines, heights[line.page])))
    return blocks


def _field_box(name: Line, all_lines: list[Line], height: float) -> tuple[float, float, float, float]:
    """Over the dotted signing line right above the name when there is one (ชื่อผู้รายงาน ........), else over the
    blank space above the name; as wide as the dots or the name (6 cm at least), up to the nearest text above."""
    dotted = _dotted_line(name, all_lines)
    if dotted is not None:  # from where the dots start (the label before them stays uncovered)
        below, (left, right) = dotted
        right = max(right, left + MIN_DOTTED_WIDTH)
    else:
        below, centre, width = name, (name.x0 + name.x1) / 2, max(name.x1 - name.x0 + 20, MIN_WIDTH)
        left, right = centre - width / 2, centre + width / 2
    bottom = below.y1 if dotted is not None else name.y0 - 1
    top = bottom - FIELD_HEIGHT
    for other in all_lines:
        overlaps = other.x1 > left and other.x0 < right
        if (other.page == name.page and overlaps and _above(other, below) and other is not below
                and not _SIGNATURE_LINE.match(other.text)):
            top = max(top, other.y1 + 1)
    top = min(top, bottom - MIN_HEIGHT)
    return round(left, 1), round(height - bottom, 1), round(right, 1), round(height - top, 1)


def _above(line: Line, other: Line) -> bool:
    """Whether a line is above another; poppler's line boxes of consecutive Thai lines overlap by a few points."""
    return line.y0 < other.y0 - LINE_OVERLAP


def _dotted_line(name: Line, all_lines: list[Line]) -> tuple[Line, tuple[float, float]] | None:
    """The line just above the name whose last word is a row of dots, and the dots' horizontal extent."""
    above = [o for o in all_lines if o.page == name.page and _above(o, name) and name.y0 - o.y1 < 30
             and o.x1 > name.x0 - 60 and o.x0 < name.x1 + 60]
    if not above:
        return None
    line = max(above, key=lambda o: o.y1)
    if not line.words or not re.fullmatch(r"[.…_]{5,}", line.words[-1][0]):
        return None
    return line, (line.words[-1][1], line.words[-1][2])


def field_names(blocks: list[SignatureBlock]) -> list[str]:
    """``sig-head``, ``sig-internal-auditor``; a second block of the same key gets ``-2``."""
    names, seen = [], {}
    for block in blocks:
        seen[block.key] = seen.get(block.key, 0) + 1
        names.append(f"sig-{block.key}" + (f"-{seen[block.key]}" if seen[block.key] > 1 else ""))
    return names


def shifted(blocks: list[SignatureBlock], pages: int) -> list[SignatureBlock]:
    """The same blocks in a PDF that has ``pages`` more pages in front of them (a part of the bundle)."""
    return [replace(block, page=block.page + pages) for block in blocks]


def add_fields(pdf: Path, blocks: list[SignatureBlock], target: Path | None = None) -> list[str]:
    """Add an empty, printable signature field over each block; returns the field names. The result replaces
    ``pdf``, or goes to ``target`` (a copy of ``pdf`` when there is no block).

    Written with pypdf, which leaves the document information and the XMP packet as they are, so a PDF/A build
    stays consistent (pyHanko's writer would rewrite the producer in one of the two)."""
    from pypdf import PdfReader, PdfWriter

    target = target or pdf
    if not blocks:
        if target != pdf:
            shutil.copyfile(pdf, target)
        return []
    writer = PdfWriter(clone_from=PdfReader(pdf))
    names = add_to(writer, blocks)
    with target.open("wb") as out:
        writer.write(out)
    return names


def add_to(writer, blocks: list[SignatureBlock]) -> list[str]:
    """``add_fields`` on a PDF being written (a pypdf PdfWriter): the bundle gets its fields before it is
    written once, instead of being read back and written again."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject
    from pypdf.generic import StreamObject, TextStringObject

    if not blocks:
        return []
    names = field_names(blocks)
    root = writer._root_object
    form = root.get("/AcroForm")
    if form is None:
        form = DictionaryObject({NameObject("/Fields"): ArrayObject()})
        root[NameObject("/AcroForm")] = writer._add_object(form)
    form = form.get_object()
    for name, block in zip(names, blocks):
        page = writer.pages[block.page]
        left, bottom, right, top = (round(v, 2) for v in block.box)
        appearance = StreamObject()
        appearance.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                           NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0),
                                                             FloatObject(right - left), FloatObject(top - bottom)])})
        widget = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Sig"), NameObject("/T"): TextStringObject(name),
            NameObject("/TU"): TextStringObject(block.label), NameObject("/F"): NumberObject(4),  # printable
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (left, bottom, right, top)]),
            NameObject("/P"): page.indirect_reference,
            NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(appearance)}),
        })
        ref = writer._add_object(widget)
        page[NameObject("/Annots")] = ArrayObject([*(page.get("/Annots") or []), ref])
        form["/Fields"].append(ref)
    return names


def empty_fields(pdf: Path) -> list[str]:
    """The names of the PDF's signature fields that are not signed yet."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    with pdf.open("rb") as f:
        return [name for name, value, _ in enumerate_sig_fields(PdfFileReader(f)) if value is None]


def all_fields(pdf: Path) -> list[tuple[str, bool, int, list[float]]]:
    """(name, signed, page, rect) of every signature field."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    out = []
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/FT") == "/Sig":
                out.append((str(annot.get("/T")), annot.get("/V") is not None, number,
                            [float(v) for v in annot.get("/Rect")]))
    return out
