"""``prongsai edition issue``: build an edition one last time and freeze it.

Issuing refuses while the clerk's review list (``to_review`` in edition.yaml) is not empty, and an edition is
issued once. It then builds the edition, gives the edition its own copy of every shared file it reads (so the
shared profile and plan can be edited for later years), and writes the manifest to the edition's data folder
and output folder, and the distribution zip to the output folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator import paths, pipeline, validate
from generator.edition import distribution, layout, start
from generator.edition.manifest import Manifest, copy_into, create
from generator.errors import DataError, Problem


@dataclass
class Issued:
    manifest: Manifest
    manifest_path: Path
    output: Path
    archive: Path
    build: pipeline.BuildResult
    notes: list[str] = field(default_factory=list)


def issue(org: Path, year: int, output_root: Path = paths.OUTPUT_DIR, progress: Callable[[str], None] = lambda _: None,
          *, undated: bool = False, pdfa: bool = False) -> Issued:
    notes = []
    if not layout.years(org):
        migrated_year, moved = start.migrate(org)
        notes.append(f"จัดโฟลเดอร์เป็นฉบับรายปีแล้ว (editions/{migrated_year}/): " + ", ".join(p.name for p in moved)
                     + f" / moved into editions/{migrated_year}/")
    data = validate.load_valid(org, year)
    edition = data.edition
    if edition.issued:
        issued_at = Manifest.read(edition.manifest).issued_at[:10]
        raise DataError([Problem(
            f"ฉบับปีงบประมาณ {year} ออกแล้วเมื่อ {issued_at} ออกซ้ำไม่ได้ (สร้างไฟล์ใหม่ได้ด้วย prongsai build --edition {year})",
            f"edition {year} was already issued on {issued_at}; it cannot be issued again "
            f"(rebuild its files with prongsai build --edition {year})", file=edition.manifest)])
    if data.info is not None and data.info.to_review:
        src = data.sources["edition"]
        raise DataError([
            src.problem(("to_review", i), f"ยังไม่ได้ตรวจทาน: {item} (ลบรายการนี้ออกจาก to_review เมื่อตรวจแล้ว)",
                        f"not reviewed yet: {item} (delete it from to_review once checked)")
            for i, item in enumerate(data.info.to_review)
        ])
    result = pipeline.build(org, output_root, progress, undated=undated, pdfa=pdfa, edition=year,
                            reuse_contents=False)
    progress("บันทึกฉบับ / writing the manifest")
    for name in edition.inherited():
        (edition.folder / name).write_bytes((org / name).read_bytes())
        notes.append(f"{name}: เก็บสำเนาไว้ในฉบับ {year} แล้ว / the edition keeps its own copy")
    manifest = create(data, result.out_dir, {"undated": undated, "draft": False, "pdfa": pdfa})
    manifest.write(edition.manifest)
    copy_into(manifest, result.out_dir)
    progress("ไฟล์ zip สำหรับแจกจ่าย / distribution zip")
    archive = distribution.write_zip(data, result.out_dir, manifest, data.default_date,
                                     result.out_dir / f"{distribution.archive_name(data)}.zip")
    return Issued(manifest, edition.manifest, result.out_dir, archive, result, notes)
