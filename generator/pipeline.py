"""The stages in order, and the only place that knows the whole flow:
load → validate → render DOCX → convert to PDF → table of contents (render and convert the plan again)
→ publish. Data flows one way; each stage is its own module.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator import assemble, fonts, pages, paths, thai, toc, validate
from generator.convert import ConversionJob, convert, session
from generator.load import OrganisationData
from generator.publish import Staging
from generator.render import appendix, docx
from generator.render.context import AppendixEntry, TocEntry, plan_context
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
    bundle: Path | None = None  # the assembled plan (cover to ภาคผนวก), one PDF


def edition_of(data: OrganisationData) -> str:
    """The edition folder name: the edition's fiscal year (a flat data folder's is the plan's first year)."""
    return str(data.year)


def render_plan(data: OrganisationData, toc: list[TocEntry] | None = None,
                appendix: list[AppendixEntry] | None = None) -> RenderedDocument:
    org = data.organisation
    content = docx.render(
        docx.find_template("plan/plan.docx", data.folder),
        plan_context(data, toc, appendix),
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


def render_all(data: OrganisationData, *, undated: bool = False, toc: list[TocEntry] | None = None) -> list[RenderedDocument]:
    """Every document of the set, the plan first (its table of contents empty, or ``toc``: a guess).

    ``undated``: announcements and orders carry the blank date form, to be dated by hand when signed.
    """
    filed_after = [*appendix.render_appendix(data, undated=undated), *render_internal_control(data)]
    return [render_plan(data, toc, appendix=appendix_entries(filed_after)), *filed_after]


def appendix_entries(documents: list[RenderedDocument]) -> list[AppendixEntry]:
    """The documents filed after the plan, for its ภาคผนวก page."""
    return [AppendixEntry(d.group, thai.arabic_digits(d.title)) for d in documents if d.in_appendix]


def convert_all(documents: list[RenderedDocument], staging: Staging, pdfa: bool = False) -> None:
    convert([ConversionJob(staging.path / d.path, staging.file(d.pdf_path), d.thai_numerals, pdfa) for d in documents])


def contents_key(data: OrganisationData, out_dir: Path) -> str:
    """Whose สารบัญ a build may remember: one organisation folder's edition in one output folder."""
    return f"{data.folder.resolve()}\n{out_dir.resolve()}"


def fill_contents(data: OrganisationData, documents: list[RenderedDocument], guess: list[TocEntry] | None,
                  staging: Staging, pdfa: bool, finish: Callable[[RenderedDocument], RenderedDocument] | None
                  ) -> RenderedDocument:
    """The plan with the page numbers of its own first conversion in the สารบัญ.

    Nothing more is converted when the first pass already printed them (``guess``, the last build's สารบัญ, was
    right); else only the front matter is converted again and spliced onto the body, or, if that does not give
    a PDF whose สารบัญ is right, the whole plan."""
    plan, pdf = documents[0], staging.path / documents[0].pdf_path
    contents = table_of_contents(pdf)
    if contents != guess:
        plan = render_plan(data, contents, appendix_entries(documents))
        plan = finish(plan) if finish else plan
        staging.write(plan.path, plan.content)
        if not (_convert_front_matter(plan, pdf, pdfa) and table_of_contents(pdf) == contents):
            convert_all([plan], staging, pdfa)
    toc.remember(contents_key(data, staging.final_dir), contents)
    return plan


def _convert_front_matter(plan: RenderedDocument, pdf: Path, pdfa: bool) -> bool:
    front = toc.front_matter(plan.content)
    if front is None:
        return False
    with tempfile.TemporaryDirectory(prefix="prongsai-front-") as tmp:
        source, target = Path(tmp) / "front.docx", Path(tmp) / "front.pdf"
        source.write_bytes(front)
        convert([ConversionJob(source, target, plan.thai_numerals, pdfa)])
        return toc.splice(pdf, target, pdf)


def write_bundle(data: OrganisationData, documents: list[RenderedDocument], staging: Staging, pdfa: bool) -> Path:
    """The assembled plan in the staging folder; returns its path relative to the edition folder."""
    facts = assemble.facts(data)
    plan, *filed = [assemble.Part(d, staging.path / d.pdf_path) for d in documents if d.group == "plan" or d.in_appendix]
    assemble.write_bundle(plan, filed, staging.path / facts.file_name, facts, pdfa=pdfa)
    return Path(facts.file_name)


def build(folder: Path, output_root: Path = paths.OUTPUT_DIR, progress: Progress = lambda _: None, *,
          undated: bool = False, draft: bool = False, pdfa: bool = False,
          edition: int | None = None, reuse_contents: bool = True) -> BuildResult:
    """Build one edition of an organisation (default: the latest) into ``output_root/<org>/<year>/``.

    ``reuse_contents``: start from the last build's สารบัญ to save a conversion pass. Issuing an edition and
    rebuilding an issued one never do, so both take the same path and produce the same PDFs."""
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
        guess = toc.remembered(contents_key(data, out_dir)) if reuse_contents and issued is None else None
        documents = render_all(data, undated=undated, toc=guess)
        result.warnings += appendix.warnings(data, documents) + publication.warnings(data)
        progress("ตรวจก่อนลงนาม / preflight check (while converting)")
        with ThreadPoolExecutor(1) as background:  # LibreOffice converts while Python checks
            checking = background.submit(preflight.check_rendered, data, documents, undated=undated)
            if draft:
                documents = [mark_draft(d, font) for d in documents]
            documents = reproducible.fixed([*documents, *changes.for_build(data, progress)], stamp, data.year)
            for document in documents:
                staging.write(document.path, document.content)
            progress(f"แปลงเป็น PDF {len(documents)} ฉบับ / converting {len(documents)} document(s) to PDF")
            convert_all(documents, staging, pdfa)
            result.report = checking.result()
        preflight.enforce(result.report, draft)
        progress("ใส่เลขหน้าในสารบัญ / filling the table of contents")

        def finish(plan: RenderedDocument) -> RenderedDocument:
            plan = mark_draft(plan, font) if draft else plan
            return reproducible.fixed([plan], stamp, data.year)[0]

        plan = fill_contents(data, documents, guess, staging, pdfa, finish)
        preflight.check_contents(result.report, data, plan, staging.path / plan.pdf_path)
        preflight.enforce(result.report, draft)
        result.documents = [plan, *documents[1:]]
        progress("รวมเล่ม / assembling the plan and its appendix into one PDF")
        result.bundle = write_bundle(data, result.documents, staging, pdfa)
        publication.finish(data, staging.path, issued, progress)
        result.files = staging.commit()
        result.bundle = out_dir / result.bundle
    return result
