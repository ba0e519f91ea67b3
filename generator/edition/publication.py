"""What a build does for editions, before and after the documents are made.

Before: an issued edition may be built again only from the data it was issued with (else the clerk is told
which file changed, exit 2). After: each PDF gets an empty signature field over each signature block
(``sign_ready``, as soon as the PDF is made); a rebuilt issued edition must reproduce the issued files (DOCX
byte for byte, PDF content), and gets its manifest and distribution zip back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from generator import paths, thai
from generator.convert import cache
from generator.edition import distribution
from generator.edition.manifest import Manifest, compare, copy_into, data_record
from generator.errors import DataError, Problem, ProngsaiError
from generator.load import OrganisationData
from generator.render.document import RenderedDocument
from generator.signing import fields

Progress = Callable[[str], None]
SIGNING_RECIPE = "signature-fields-v1"  # part of the kept fields' keys: change it when they are placed otherwise


class NotReproduced(ProngsaiError):
    """A rebuilt issued edition that does not reproduce its issued files."""


def signers(data: OrganisationData) -> dict[str, str]:
    """Printed name → what its signature field is named after: every person of the profile (by id) and every
    internal-control signer given by name."""
    out = {p.name: p.id for p in data.organisation.people}
    for report in data.internal_control.values():
        for block in (report, report.certification, report.components, report.evaluation, report.follow_up,
                      report.review):
            signer = getattr(block, "signer", None) if block is not None else None
            if signer is not None and signer.name:
                out.setdefault(signer.name, "signer")
    return out


def changed_files(manifest: Manifest, data: OrganisationData) -> list[tuple[str, str, str]]:
    """(file, Thai, English) for each data file that differs from the issued edition's."""
    before, now = manifest.data_files, {f["name"]: f["sha256"] for f in data_record(data)["files"]}
    out = []
    for name in sorted(set(before) | set(now)):
        if name not in now:
            out.append((name, "ถูกลบหลังออกฉบับ", "was removed after issue"))
        elif name not in before:
            out.append((name, "ถูกเพิ่มหลังออกฉบับ", "was added after issue"))
        elif before[name] != now[name]:
            out.append((name, "ถูกแก้ไขหลังออกฉบับ", "was changed after issue"))
    return out


def frozen(data: OrganisationData, options: dict) -> Manifest | None:
    """The manifest of an issued edition whose data is unchanged; None for an edition not issued yet."""
    if not data.edition.issued:
        return None
    manifest = Manifest.read(data.edition.manifest)
    year, when = manifest.edition, manifest.issued_at[:10]
    changed = changed_files(manifest, data)
    if changed:
        hint_th = f"ฉบับที่ออกแล้วต้องไม่เปลี่ยน: คืนไฟล์เดิม หรือเริ่มฉบับใหม่ด้วย prongsai edition new {data.folder}"
        hint_en = "an issued edition must not change: restore the file, or start a new edition (prongsai edition new)"
        raise DataError([
            Problem(f"ฉบับปีงบประมาณ {year} ออกแล้วเมื่อ {when}: {name} {th} ({hint_th})",
                    f"edition {year} was issued on {when}: {name} {en} ({hint_en})",
                    file=data.edition.path(name) if "/" not in name else data.folder / name)
            for name, th, en in changed
        ])
    wanted = {k: manifest.options.get(k) for k in options}
    if wanted != options:
        raise DataError([Problem(
            f"ฉบับปีงบประมาณ {year} ออกโดยใช้ตัวเลือก {wanted} ต้องสร้างใหม่ด้วยตัวเลือกเดิม",
            f"edition {year} was issued with the options {wanted}; build it again with the same options",
            file=data.edition.manifest,
        )])
    return manifest


def sign_ready(data: OrganisationData, document: RenderedDocument, pdf: Path, target: Path
               ) -> list[fields.SignatureBlock]:
    """``target``: the document's PDF with an empty signature field over each of its signature blocks (found in
    the PDF itself); returns the blocks."""
    names = signers(data)
    named = fields.names_a_signer(document.content, names)
    key = _signed_key(pdf, names, named) if paths.caches_on() else None
    kept = cache.fetch_with_facts(key) if key else None
    if kept is not None:
        signed, facts = kept
        cache.publish(signed, target)
        return [fields.SignatureBlock(b["page"], b["signer"], b["key"], tuple(b["box"])) for b in facts]
    blocks = fields.find_blocks(pdf, names) if named else []
    fields.add_fields(pdf, blocks, target)
    if key:
        cache.store_with_facts(key, target, [asdict(block) for block in blocks])
    return blocks


def _signed_key(pdf: Path, names: dict[str, str], named: bool) -> str:
    """What decides a PDF's signature fields: the PDF, the signers' names and whether the document names one.
    A rebuild finds the fields of every PDF it did not convert again (reading a PDF's lines with poppler and
    writing it again took 25–35 ms a document)."""
    digest = hashlib.sha256(f"{SIGNING_RECIPE}\n{named}\n{json.dumps(names, sort_keys=True)}\n".encode())
    digest.update(pdf.read_bytes())
    return digest.hexdigest()


def finish(data: OrganisationData, folder: Path, manifest: Manifest | None, progress: Progress) -> None:
    """The edition's last steps inside the staging folder, before it is published."""
    if manifest is None:
        return
    progress("เทียบกับฉบับที่ออกแล้ว / comparing with the issued edition")
    differences = compare(manifest, folder)
    if differences:
        listing = "; ".join(f"{d.file}: {d.th}" for d in differences[:10])
        listing_en = "; ".join(f"{d.file}: {d.en}" for d in differences[:10])
        raise NotReproduced(
            f"สร้างฉบับปีงบประมาณ {manifest.edition} ใหม่ได้ไม่ตรงกับฉบับที่ออกแล้ว {len(differences)} ไฟล์ "
            f"(ไม่ได้เขียนทับผลลัพธ์เดิม; เครื่องมือรุ่นที่ออก {manifest.tool.get('prongsai')}): {listing}",
            f"rebuilding edition {manifest.edition} did not reproduce {len(differences)} issued file(s) (the previous "
            f"output was kept; issued with prongsai {manifest.tool.get('prongsai')}): {listing_en}",
        )
    copy_into(manifest, folder)
    distribution.write_zip(data, folder, manifest, data.default_date, folder / f"{distribution.archive_name(data)}.zip")


def warnings(data: OrganisationData) -> list[str]:
    """The clerk's review list, until it is empty: the edition is a draft of the year's set until then."""
    items = data.info.to_review if data.info is not None else []
    if not items:
        return []
    return [f"ฉบับปีงบประมาณ {data.year} ยังมีรายการที่ต้องตรวจทาน {len(items)} รายการ (to_review ใน edition.yaml) "
            f"ออกฉบับไม่ได้จนกว่าจะตรวจครบ / edition {data.year} still has {len(items)} item(s) to review "
            "(to_review in edition.yaml); it cannot be issued before they are done"]


def edition_date(data: OrganisationData):
    return data.default_date or thai.fiscal_year_start(data.plan.period.start)
