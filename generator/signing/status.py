"""Whether a PDF's signatures are valid: the signed bytes unchanged (intact), the signature mathematically
correct (valid), nothing but allowed additions after it, and whether the certificate is one the caller trusts.

Nothing is fetched from the network (no revocation or chain look-ups): a clerk's machine may be offline, and a
self-signed certificate, common for a first trial, can only be trusted by passing it with ``--trust``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

QUIET = ("pyhanko", "pyhanko_certvalidator")  # they log an untrusted certificate's path-building traceback


@dataclass(frozen=True)
class SignatureStatus:
    field: str
    signer: str
    signed_at: str | None
    intact: bool
    valid: bool
    trusted: bool
    unchanged_after: bool  # nothing but other signatures or form filling was added after this one

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.unchanged_after

    def describe(self) -> tuple[str, str]:
        if not self.intact:
            return (f"ลายมือชื่อ {self.field} ({self.signer}): เอกสารถูกแก้ไขหลังลงนาม ลายมือชื่อใช้ไม่ได้",
                    f"signature {self.field} ({self.signer}): the signed content was modified; the signature is broken")
        if not self.valid:
            return (f"ลายมือชื่อ {self.field} ({self.signer}): ลายมือชื่อไม่ถูกต้อง",
                    f"signature {self.field} ({self.signer}): the signature is not valid")
        if not self.unchanged_after:
            return (f"ลายมือชื่อ {self.field} ({self.signer}): มีการแก้ไขเนื้อหาหลังลงนาม",
                    f"signature {self.field} ({self.signer}): the document was changed after signing")
        trust_th = "ใบรับรองเชื่อถือได้" if self.trusted else "ใบรับรองไม่อยู่ในรายการที่เชื่อถือ (เช่น สร้างเอง; ระบุด้วย --trust)"
        trust_en = "trusted certificate" if self.trusted else "certificate not trusted here (e.g. self-signed; pass --trust)"
        when = f" เมื่อ {self.signed_at}" if self.signed_at else ""
        return (f"ลายมือชื่อ {self.field} ถูกต้อง ลงนามโดย {self.signer}{when} เอกสารไม่ถูกแก้ไขหลังลงนาม; {trust_th}",
                f"signature {self.field} valid, signed by {self.signer}{when and ' at ' + self.signed_at}, "
                f"document unchanged since; {trust_en}")


def load_certificates(paths: list[Path]):
    from pyhanko.keys import load_cert_from_pemder

    return [load_cert_from_pemder(str(p)) for p in paths]


def signatures(pdf: Path, trust: list[Path] | None = None) -> list[SignatureStatus]:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    for name in QUIET:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    roots = load_certificates(trust or [])
    out = []
    with pdf.open("rb") as f:
        reader = PdfFileReader(f, strict=False)
        for embedded in reader.embedded_signatures:
            context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
            status = validate_pdf_signature(embedded, context, key_usage_settings=KeyUsageConstraints())
            level = status.modification_level
            unchanged = level is None or level.name in ("NONE", "LTA_UPDATES", "FORM_FILLING")
            when = status.signer_reported_dt.isoformat(timespec="seconds") if status.signer_reported_dt else None
            out.append(SignatureStatus(
                embedded.field_name, common_name(status.signing_cert), when, bool(status.intact),
                bool(status.valid), bool(status.trusted), unchanged and bool(status.docmdp_ok is not False),
            ))
    return out


def common_name(certificate) -> str:
    return certificate.subject.native.get("common_name") or certificate.subject.human_friendly
