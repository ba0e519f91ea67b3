"""``prongsai sign``: sign an empty signature field of a PDF with a PKCS#12 (.p12/.pfx) certificate.

pyHanko writes the signature as an incremental update (PAdES, SHA-256), so the issued bytes stay untouched
in front of it and ``edition verify`` can still recognise the issued file inside the signed one.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.errors import EXIT_DATA, ProngsaiError
from generator.signing.fields import empty_fields


class SigningError(ProngsaiError):
    exit_code = EXIT_DATA


@dataclass(frozen=True)
class Signed:
    output: Path
    field: str
    signer: str


def signed_name(pdf: Path) -> Path:
    """``… (ลงนามแล้ว).pdf`` beside the original."""
    return pdf.with_name(f"{pdf.stem} (ลงนามแล้ว).pdf")


def load_signer(p12: Path, password: bytes | None):
    from pyhanko.sign import signers

    if not p12.is_file():
        raise SigningError(f"ไม่พบไฟล์ใบรับรอง {p12}", f"certificate file not found: {p12}")
    try:
        return signers.SimpleSigner.load_pkcs12_data(p12.read_bytes(), other_certs=[], passphrase=password or None)
    except ValueError as exc:
        raise SigningError(
            f"เปิดใบรับรอง {p12.name} ไม่ได้: รหัสผ่านไม่ถูกต้อง หรือไฟล์ไม่ใช่ใบรับรองแบบ PKCS#12 (.p12/.pfx)",
            f"cannot open the certificate {p12.name}: wrong password, or not a PKCS#12 (.p12/.pfx) file",
        ) from exc


def choose_field(pdf: Path, wanted: str | None) -> str:
    empty = empty_fields(pdf)
    listing = ", ".join(empty) or "-"
    if wanted is not None:
        if wanted not in empty:
            raise SigningError(f"ไม่มีช่องลงนามว่างชื่อ {wanted} ใน {pdf.name} (ช่องที่ว่าง: {listing})",
                               f"no empty signature field named {wanted} in {pdf.name} (empty fields: {listing})")
        return wanted
    if not empty:
        raise SigningError(f"{pdf.name} ไม่มีช่องลงนามที่ว่าง (ลงนามครบแล้ว หรือไม่ใช่ไฟล์ที่ Prongsai สร้าง)",
                           f"{pdf.name} has no empty signature field (all signed, or not made by Prongsai)")
    if len(empty) > 1:
        raise SigningError(f"{pdf.name} มีช่องลงนามว่างหลายช่อง ระบุด้วย --field (ช่องที่ว่าง: {listing})",
                           f"{pdf.name} has several empty signature fields; choose one with --field ({listing})")
    return empty[0]


def font_file(name: str) -> Path | None:
    """The TrueType/OpenType file fontconfig uses for a font name (the organisation's), if any."""
    binary = shutil.which("fc-match")
    if binary is None:
        return None
    found = subprocess.run([binary, "-f", "%{file}", name], capture_output=True, text=True, timeout=30).stdout.strip()
    path = Path(found) if found else None
    return path if path is not None and path.suffix.lower() in (".ttf", ".otf") and path.is_file() else None


def stamp_style(font_name: str | None):
    """What a viewer shows in the signed field: "ลงนามดิจิทัลโดย <name> เมื่อ <วัน/เดือน/ปี พ.ศ.>" in a Thai font
    (shaped by HarfBuzz); without a usable font or HarfBuzz, pyHanko's plain Latin stamp."""
    from pyhanko.stamp import TextStampStyle

    font = font_file(font_name) if font_name else None
    if font is None:
        return TextStampStyle(stamp_text="Digitally signed\n%(ts)s", border_width=1)
    try:
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
        from pyhanko.pdf_utils.text import TextBoxStyle
    except ImportError:
        return TextStampStyle(stamp_text="Digitally signed\n%(ts)s", border_width=1)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    now = datetime.now().astimezone()
    when = f"{now.day}/{now.month}/{now.year + 543} {now:%H:%M} น."
    return TextStampStyle(
        stamp_text=f"ลงนามดิจิทัลโดย %(signer)s\nเมื่อ {when}",
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(font)), font_size=11),
        border_width=1, background=None,
    )


def sign(pdf: Path, p12: Path, password: bytes | None, *, field: str | None = None, output: Path | None = None,
         reason: str | None = None, location: str | None = None, font_name: str | None = "TH SarabunIT๙") -> Signed:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    if not pdf.is_file():
        raise SigningError(f"ไม่พบไฟล์ {pdf}", f"file not found: {pdf}")
    signer = load_signer(p12, password)
    name = choose_field(pdf, field)
    target = output or signed_name(pdf)
    meta = signers.PdfSignatureMetadata(field_name=name, reason=reason, location=location, md_algorithm="sha256")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes()))
    out = signers.PdfSigner(meta, signer=signer, stamp_style=stamp_style(font_name)).sign_pdf(writer)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(out.getvalue())
    tmp.replace(target)
    from generator.signing.status import common_name

    return Signed(target, name, common_name(signer.signing_cert))
