"""The stages in order, and the only place that knows the whole flow:
load → validate → render DOCX → convert to PDF → table of contents (render and convert the plan again)
→ publish. Data flows one way; each stage is its own module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator import fonts, pages, paths, validate
from generator.convert import ConversionJob, convert, session
from generator.load import OrganisationData
from generator.publish import Staging
from generator.render import appendix, docx
from generator.render.context import TocEntry, plan_context
from generator.render.document import RenderedDocument
from generator.render.internal_control import deadline_notes, late_signatures, render_internal_control

Progress = Callable[[str], None]
PLAN_DOCX = "plan.docx"


@dataclass
class BuildResult:
    out_dir: Path
    documents: list[RenderedDocument] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # reminders for the summary, e.g. when reports are due
    report: object = None  # the preflight check's Report (generator.check.run)
    draft: bool = False


def edition_of(data: OrganisationData) -> str:
    """The edition folder name: the edition's fiscal year (a flat data folder's is the plan's first year)."""
    return str(data.year)


def render_plan(data: OrganisationData, toc: list[TocEntry] | None = None) -> RenderedDocument:
    org = data.organisation
    content = docx.render(
        docx.find_template("plan/plan.docx", data.folder),
        plan_context(data, toc),
        digit_style=org.digits.plan,
        font_name=org.font.name,
        font_size=org.font.size,
        properties={"title": f"แผนปฏิบัติการป้องกันการทุจริตฯ {org.full_name}", "author": org.full_name},
    )
    return RenderedDocument(PLAN_DOCX, content, "แผนปฏิบัติการป้องกันการทุจริต", "plan", org.digits.plan == "thai")


def table_of_contents(pdf: Path) -> list[TocEntry]:
    """สารบัญ entries (headings of the first two levels) with the numbers printed on their pages."""
    printed = pages.printed_numbers(pdf)
    return [
        TocEntry(h.level, h.title, printed[h.page])
        for h in pages.headings(pdf)
        if h.level <= 2 and h.title != "สารบัญ"
    ]


def render_all(data: OrganisationData, *, undated: bool = False) -> list[RenderedDocument]:
    """Every document of the set, the plan first (its table of contents still empty).

    ``undated``: announcements and orders carry the blank date form, to be dated by hand when signed.
    """
    return [render_plan(data), *appendix.render_appendix(data, undated=undated), *render_internal_control(data)]


def convert_all(documents: list[RenderedDocument], staging: Staging, pdfa: bool = False) -> None:
    convert([ConversionJob(staging.path / d.path, staging.file(d.pdf_path), d.thai_numerals, pdfa) for d in documents])


def build(folder: Path, output_root: Path = paths.OUTPUT_DIR, progress: Progress = lambda _: None, *,
          undated: bool = False, draft: bool = False, pdfa: bool = False,
          edition: int | None = None) -> BuildResult:
    """Build one edition of an organisation (default: the latest) into ``output_root/<org>/<year>/``."""
    from generator.check import build as preflight
    from generator.edition import changes, publication, reproducible
    from generator.render.draft import mark_draft

    progress(f"ตรวจข้อมูล / validating {folder}")
    data = validate.load_valid(folder, edition)
    issued = publication.frozen(data, {"undated": undated, "draft": draft, "pdfa": pdfa})
    stamp = publication.edition_date(data)
    progress(f"แบบอักษร / font: {fonts.require(data.organisation.font.name).describe()}")
    out_dir = output_root / data.slug / edition_of(data)
    result = BuildResult(out_dir, notes=deadline_notes(data), warnings=late_signatures(data), draft=draft)
    font = data.organisation.font.name
    with Staging(out_dir) as staging, session():
        progress("จัดทำเอกสาร / rendering documents")
        documents = render_all(data, undated=undated)
        result.warnings += appendix.warnings(data, documents) + publication.warnings(data)
        progress("ตรวจก่อนลงนาม / preflight check")
        result.report = preflight.check_rendered(data, documents, undated=undated)
        preflight.enforce(result.report, draft)
        if draft:
            documents = [mark_draft(d, font) for d in documents]
        documents = reproducible.fixed([*documents, *changes.for_build(data, progress)], stamp, data.year)
        for document in documents:
            staging.write(document.path, document.content)
        progress(f"แปลงเป็น PDF {len(documents)} ฉบับ / converting {len(documents)} document(s) to PDF")
        convert_all(documents, staging, pdfa)
        progress("ใส่เลขหน้าในสารบัญ / filling the table of contents")
        plan = render_plan(data, table_of_contents(staging.path / documents[0].pdf_path))
        if draft:
            plan = mark_draft(plan, font)
        [plan] = reproducible.fixed([plan], stamp, data.year)
        staging.write(plan.path, plan.content)
        convert_all([plan], staging, pdfa)
        preflight.check_contents(result.report, data, plan, staging.path / plan.pdf_path)
        preflight.enforce(result.report, draft)
        result.documents = [plan, *documents[1:]]
        publication.finish(data, staging.path, issued, progress)
        result.files = staging.commit()
    return result
