"""``prongsai edition verify FILE``: is this distributed file an unmodified output of an issued edition?

A file is looked up in the manifests of issued editions (the output folder it sits in, the organisation
folders given, and the project's data and output folders):

- its SHA-256 is an issued file's: unmodified;
- a PDF that starts with an issued PDF's exact bytes and adds nothing but signatures after them (pyHanko's
  difference analysis of every later revision): the issued file, signed; each signature is then checked;
- a PDF with an issued PDF's content hash (same objects, other metadata dates): a rebuild of the issued file;
- otherwise, if an issued file has the same name: modified; else unknown.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from generator import paths
from generator.edition import fingerprint
from generator.edition.layout import EDITIONS, MANIFEST
from generator.edition.manifest import Manifest, OutputFile
from generator.errors import EXIT_DATA, EXIT_FAILURE, ProngsaiError
from generator.signing.status import SignatureStatus, signatures

UNMODIFIED, SIGNED, REBUILT, MODIFIED, UNKNOWN = "unmodified", "signed", "rebuilt", "modified", "unknown"


@dataclass
class Verdict:
    file: Path
    outcome: str
    manifest: Manifest | None = None
    entry: OutputFile | None = None
    signatures: list[SignatureStatus] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome in (UNMODIFIED, SIGNED, REBUILT) and all(s.ok for s in self.signatures)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else EXIT_FAILURE

    def lines(self) -> list[str]:
        m, e = self.manifest, self.entry
        where = (f"{m.organisation['name']} ฉบับปีงบประมาณ {m.edition} ({e.file})" if m and e else "")
        where_en = f"{m.organisation['folder']} edition {m.edition} ({e.file})" if m and e else ""
        issued = m.issued_at[:10] if m else ""
        text = {
            UNMODIFIED: (f"ตรงกับไฟล์ที่ออก: {where} ออกเมื่อ {issued} ไม่ถูกแก้ไข",
                         f"an unmodified issued file: {where_en}, issued {issued}"),
            SIGNED: (f"เป็นไฟล์ที่ออก ({where} ออกเมื่อ {issued}) ที่มีการลงนามเพิ่มเท่านั้น",
                     f"the issued file ({where_en}, issued {issued}) with signatures added and nothing else"),
            REBUILT: (f"เนื้อหาตรงกับไฟล์ที่ออก ({where}) ต่างเพียงวันที่ในข้อมูลกำกับ (สร้างใหม่จากข้อมูลเดิม)",
                      f"same content as the issued file ({where_en}); only metadata dates differ (a rebuild)"),
            MODIFIED: (f"ไม่ตรงกับไฟล์ที่ออก: {where} ถูกแก้ไขหลังออก (หรือไม่ใช่ไฟล์ของฉบับนี้)",
                       f"does not match the issued file {where_en}: modified after issue (or not from it)"),
            UNKNOWN: ("ไม่พบไฟล์นี้ในฉบับที่ออกแล้วที่รู้จัก (ระบุโฟลเดอร์องค์กรด้วย --org หรือ manifest ด้วย --manifest)",
                      "not an output of any issued edition found (name the organisation with --org or a --manifest)"),
        }[self.outcome]
        out = [f"{self.file}: {text[0]} / {text[1]}"]
        out += [f"  {th} / {en}" for th, en in self.notes]
        out += ["  {} / {}".format(*s.describe()) for s in self.signatures]
        return out


def known_manifests(file: Path, orgs: list[Path], explicit: list[Path]) -> list[tuple[Path, Manifest]]:
    """Manifests to search: given ones, the organisations' editions, the folders around the file, the project's."""
    candidates = list(explicit)
    for org in orgs:
        candidates += sorted((org / EDITIONS).glob(f"*/{MANIFEST}"))
    candidates += [parent / MANIFEST for parent in list(file.resolve().parents)[:4]]
    candidates += sorted(paths.OUTPUT_DIR.glob(f"*/*/{MANIFEST}"))
    candidates += sorted((paths.ROOT / "data").glob(f"**/{EDITIONS}/*/{MANIFEST}"))
    found, seen = [], set()
    for path in candidates:
        key = path.resolve()
        if key in seen or not path.is_file():
            continue
        seen.add(key)
        try:
            found.append((path, Manifest.read(path)))
        except (ValueError, TypeError, KeyError):
            continue
    return found


def signing_policy():
    """pyHanko's default difference policy, which also accepts the signing revision's own change of /SigFlags
    (1 → 3): pyHanko normally never reviews a signing revision, here it is one of the revisions after the issue."""
    from pyhanko.sign import diff_analysis as da
    from pyhanko.sign.diff_analysis.constants import ACROFORM_EXEMPT_STRICT_COMPARISON

    lta = da.ModificationLevel.LTA_UPDATES
    return da.StandardDiffPolicy(
        global_rules=[da.CatalogModificationRule(), da.DocInfoRule().as_qualified(lta),
                      da.XrefStreamRule().as_qualified(lta), da.ObjectStreamRule().as_qualified(lta),
                      da.DSSCompareRule().as_qualified(lta), da.MetadataUpdateRule().as_qualified(lta)],
        form_rule=da.FormUpdatingRule(
            field_rules=[da.SigFieldCreationRule(), da.SigFieldModificationRule(), da.GenericFieldModificationRule()],
            ignored_acroform_keys=ACROFORM_EXEMPT_STRICT_COMPARISON | {"/SigFlags"},
        ),
    )


def only_signatures_after(content: bytes, issued_size: int) -> bool:
    """Whether every revision after the issued bytes only fills in signature fields (or adds validation data)."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel, SuspiciousModification

    issued = PdfFileReader(io.BytesIO(content[:issued_size]), strict=False)
    base = issued.xrefs.total_revisions - 1
    reader = PdfFileReader(io.BytesIO(content), strict=False)
    if reader.xrefs.total_revisions <= base + 1:
        return False
    result = signing_policy().review_file(reader, base)
    if isinstance(result, SuspiciousModification):
        return False
    return result.modification_level <= ModificationLevel.FORM_FILLING


def verify(file: Path, *, orgs: list[Path] | None = None, manifests: list[Path] | None = None,
           trust: list[Path] | None = None) -> Verdict:
    if not file.is_file():
        raise _missing(file)
    found = known_manifests(file, orgs or [], manifests or [])
    content = file.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    is_pdf = content.startswith(b"%PDF")
    verdict = _match(file, content, digest, is_pdf, found)
    if is_pdf:
        try:
            verdict.signatures = signatures(file, trust)
        except Exception as exc:  # noqa: BLE001 - a damaged PDF is a verdict, not a crash
            verdict.notes.append(("อ่านลายมือชื่อดิจิทัลไม่ได้", f"cannot read the signatures: {exc}"))
            if verdict.outcome == SIGNED:
                verdict.outcome = MODIFIED
    return verdict


def _missing(file: Path) -> ProngsaiError:
    error = ProngsaiError(f"ไม่พบไฟล์ {file}", f"file not found: {file}")
    error.exit_code = EXIT_DATA
    return error


def _match(file: Path, content: bytes, digest: str, is_pdf: bool, found) -> Verdict:
    for _, manifest in found:
        for entry in manifest.files:
            if entry.sha256 == digest:
                return Verdict(file, UNMODIFIED, manifest, entry)
    if is_pdf:
        for _, manifest in found:
            for entry in manifest.files:
                if (entry.file.endswith(".pdf") and entry.size < len(content)
                        and hashlib.sha256(content[:entry.size]).hexdigest() == entry.sha256):
                    if only_signatures_after(content, entry.size):
                        return Verdict(file, SIGNED, manifest, entry)
                    return Verdict(file, MODIFIED, manifest, entry, notes=[(
                        "ต่อท้ายไฟล์ที่ออกด้วยการแก้ไขที่ไม่ใช่การลงนาม", "changes other than signatures were appended")])
        content_hash = fingerprint.pdf_content_hash(file)
        for _, manifest in found:
            for entry in manifest.files:
                if entry.content_sha256 == content_hash:
                    return Verdict(file, REBUILT, manifest, entry)
    for named in (lambda e: Path(e.file).name == file.name, lambda e: _distributed_as(e, file)):
        for _, manifest in found:
            for entry in manifest.files:
                if named(entry):
                    return Verdict(file, MODIFIED, manifest, entry)
    return Verdict(file, UNKNOWN)


def _distributed_as(entry: OutputFile, file: Path) -> bool:
    """A file renamed by the zip (the plan, the signed copy ``… (ลงนามแล้ว).pdf``) still names its issued file."""
    stem = file.stem.removesuffix(" (ลงนามแล้ว)")
    return Path(entry.file).stem == stem and Path(entry.file).suffix == file.suffix
