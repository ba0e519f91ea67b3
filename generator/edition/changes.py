"""The change report in a build and on the command line.

An edition that has an earlier one gets, in its build, the report of what changed since that edition
(``changes/รายงานการเปลี่ยนแปลง 2566-2567.docx`` and its PDF): the revision note travels with the edition, into
its manifest and zip. ``prongsai diff ORG A B`` prints the report for any two editions and writes it into
edition B's output folder.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Callable

from generator import validate
from generator.convert import ConversionJob, convert
from generator.diff import document
from generator.diff.compare import ChangeReport, compare
from generator.diff.report import terminal  # noqa: F401 - the CLI's entry point
from generator.edition import layout, reproducible
from generator.errors import DataError
from generator.load import OrganisationData
from generator.render.document import RenderedDocument


def previous_year(data: OrganisationData) -> int | None:
    earlier = [y for y in layout.years(data.folder) if data.year and y < data.year]
    return earlier[-1] if earlier else None


def for_build(data: OrganisationData, progress: Callable[[str], None]) -> list[RenderedDocument]:
    """The change report against the previous edition, when there is one and its data is valid."""
    year = previous_year(data)
    if year is None:
        return []
    try:
        old = validate.load_valid(data.folder, year)
    except DataError:
        progress(f"ข้อมูลฉบับ {year} มีปัญหา: ไม่ได้สร้างรายงานการเปลี่ยนแปลง / edition {year} is invalid: no change report")
        return []
    progress(f"รายงานการเปลี่ยนแปลง {year} → {data.year} / change report")
    return [document.render(data, compare(old, data))]


def compare_editions(org: Path, old_year: int, new_year: int) -> tuple[OrganisationData, ChangeReport]:
    old, new = validate.load_valid(org, old_year), validate.load_valid(org, new_year)
    return new, compare(old, new)


def write_report(data: OrganisationData, report: ChangeReport, output_root: Path,
                 progress: Callable[[str], None]) -> list[Path]:
    """The report's DOCX and PDF in edition B's output folder (each written whole, then moved into place)."""
    rendered = document.render(data, report)
    [rendered] = reproducible.fixed([rendered], data.default_date, data.year)
    target = output_root / data.slug / str(data.year)
    progress("แปลงรายงานการเปลี่ยนแปลงเป็น PDF / converting the change report")
    with tempfile.TemporaryDirectory(prefix="prongsai-diff-") as tmp:
        docx_path = Path(tmp) / "report.docx"
        docx_path.write_bytes(rendered.content)
        convert([ConversionJob(docx_path, Path(tmp) / "report.pdf", rendered.thai_numerals)])
        written = []
        for source, relative in ((docx_path, rendered.path), (Path(tmp) / "report.pdf", rendered.pdf_path)):
            final = target / relative
            final.parent.mkdir(parents=True, exist_ok=True)
            staged = final.with_name(f".{final.name}.tmp")
            shutil.copyfile(source, staged)
            staged.replace(final)
            written.append(final)
    return written
