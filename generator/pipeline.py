"""The stages in order, and the only place that knows the whole flow:
load → validate → render DOCX → convert to PDF (while the checker reads the documents) → table of contents
(render and convert the plan's front matter again) → signature fields → bundle → publish. Data flows one way;
each stage is its own module.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator import assemble, fonts, pages, paths, thai, toc, validate
from generator.convert import ConversionError, ConversionJob, Conversions, session
from generator.load import OrganisationData
from generator.publish import Staging
from generator.render import appendix, docx, internal_control
from generator.render.context import AppendixEntry, TocEntry, plan_context
from generator.render.document import RenderedDocument
from generator.render.internal_control import deadline_notes, late_signatures, render_internal_control
from generator.signing import fields
from generator.signing.fields import SignatureBlock

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
    return [render_plan(data, toc, appendix_entries(data)), *render_filed(data, undated=undated)]


def render_filed(data: OrganisationData, *, undated: bool = False) -> list[RenderedDocument]:
    """The documents filed after the plan: announcements and orders, then internal-control reports."""
    return [*appendix.render_appendix(data, undated=undated), *render_internal_control(data)]


def appendix_entries(data: OrganisationData) -> list[AppendixEntry]:
    """The documents filed after the plan, for its ภาคผนวก page (known before they are rendered, so the plan
    can be rendered and converted first)."""
    return [*(AppendixEntry(appendix.GROUP, thai.arabic_digits(t)) for t in appendix.titles(data)),
            *(AppendixEntry(internal_control.GROUP, thai.arabic_digits(t)) for t in internal_control.titles(data))]


@dataclass
class Converting:
    """A build's conversions: LibreOffice's PDFs go to a private folder (the สารบัญ, the checker and the bundle
    read them there) while the build goes on; the PDF published in the staging folder is that PDF with its
    signature fields."""

    staging: Staging
    folder: Path
    batch: Conversions
    pdfa: bool
    converting: dict[str, Future] = field(default_factory=dict)

    def pdf(self, document: RenderedDocument) -> Path:
        return self.folder / document.pdf_path

    def submit(self, document: RenderedDocument) -> None:
        """Write the DOCX into the staging folder and have it converted (the plan before anything waiting)."""
        self.staging.write(document.path, document.content)
        job = ConversionJob(self.staging.path / document.path, self.pdf(document), document.thai_numerals, self.pdfa)
        self.converting[document.path] = self.batch.submit(job, urgent=document.group == "plan")

    def wait(self, document: RenderedDocument) -> Path:
        """The document's PDF, once LibreOffice has made it."""
        try:
            return self.converting[document.path].result()
        except ConversionError:
            self.batch.close()  # waits for the others, and names every document that failed
            raise


def contents_key(data: OrganisationData, out_dir: Path) -> str:
    """Whose สารบัญ a build may remember: one organisation folder's edition in one output folder."""
    return f"{data.folder.resolve()}\n{out_dir.resolve()}"


def fill_contents(data: OrganisationData, documents: list[RenderedDocument], guess: list[TocEntry] | None,
                  converting: Converting, finish: Callable[[RenderedDocument], RenderedDocument] | None
                  ) -> RenderedDocument:
    """The plan with the page numbers of its own first conversion in the สารบัญ.

    Nothing more is converted when the first pass already printed them (``guess``, the last build's สารบัญ, was
    right); else only the front matter is converted again and spliced onto the body, or, if that does not give
    a PDF whose สารบัญ is right, the whole plan."""
    plan = documents[0]
    pdf = converting.wait(plan)
    contents = table_of_contents(pdf)
    if contents != guess:
        plan = render_plan(data, contents, appendix_entries(data))
        plan = finish(plan) if finish else plan
        converting.staging.write(plan.path, plan.content)
        if not (_convert_front_matter(plan, pdf, converting) and table_of_contents(pdf) == contents):
            converting.submit(plan)
            converting.batch.start()
            converting.wait(plan)
    toc.remember(contents_key(data, converting.staging.final_dir), contents)
    return plan


def _convert_front_matter(plan: RenderedDocument, pdf: Path, converting: Converting) -> bool:
    front = toc.front_matter(plan.content)
    if front is None:
        return False
    with tempfile.TemporaryDirectory(prefix="prongsai-front-") as tmp:
        source, target = Path(tmp) / "front.docx", Path(tmp) / "front.pdf"
        source.write_bytes(front)
        done = converting.batch.submit(ConversionJob(source, target, plan.thai_numerals, converting.pdfa), urgent=True)
        converting.batch.start()
        return toc.splice(pdf, done.result(), pdf)


def sign_ready(data: OrganisationData, documents: list[RenderedDocument], converting: Converting
               ) -> dict[str, list[SignatureBlock]]:
    """Each document's PDF in the staging folder, with its signature fields, as soon as it is converted;
    returns the signature blocks of each document (its path → blocks)."""
    from generator.edition import publication

    def one(document: RenderedDocument) -> list[SignatureBlock]:
        return publication.sign_ready(data, converting.wait(document), converting.staging.file(document.pdf_path))

    with ThreadPoolExecutor(max_workers=4) as pool:  # the time goes into pdftotext processes
        return dict(zip((d.path for d in documents), pool.map(one, documents)))


def write_bundle(data: OrganisationData, documents: list[RenderedDocument], converting: Converting,
                 blocks: dict[str, list[SignatureBlock]]) -> Path:
    """The assembled plan in the staging folder, with its parts' signature fields (its pages are theirs, so
    their blocks are its blocks); returns its path relative to the edition folder."""
    facts = assemble.facts(data)
    parts = [d for d in documents if d.group == "plan" or d.in_appendix]
    plan, *filed = [assemble.Part(d, converting.pdf(d)) for d in parts]
    bundle = converting.folder / facts.file_name
    starts = assemble.write_bundle(plan, filed, bundle, facts, pdfa=converting.pdfa)
    fields.add_fields(bundle, [b for part, start in zip(parts, starts) for b in fields.shifted(blocks[part.path], start)],
                      converting.staging.file(facts.file_name))
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
    with Staging(out_dir) as staging, session(), tempfile.TemporaryDirectory(prefix="prongsai-pdf-") as folder, \
            Conversions() as batch:
        converting = Converting(staging, Path(folder), batch, pdfa)

        def finish(document: RenderedDocument) -> RenderedDocument:
            document = mark_draft(document, font) if draft else document
            return reproducible.fixed([document], stamp, data.year)[0]

        progress("จัดทำเอกสาร / rendering documents")
        guess = toc.remembered(contents_key(data, out_dir)) if reuse_contents and issued is None else None
        rendered = [render_plan(data, guess, appendix_entries(data))]
        documents = [finish(rendered[0])]
        converting.submit(documents[0])  # LibreOffice lays out the plan while the rest is rendered
        rendered += render_filed(data, undated=undated)
        result.warnings += appendix.warnings(data, rendered) + publication.warnings(data)
        documents += [finish(d) for d in rendered[1:]]
        documents += reproducible.fixed(changes.for_build(data, progress), stamp, data.year)
        progress(f"แปลงเป็น PDF {len(documents)} ฉบับ / converting {len(documents)} document(s) to PDF")
        for document in documents[1:]:
            converting.submit(document)
        converting.batch.start()
        progress("ตรวจก่อนลงนาม / preflight check (while converting)")
        result.report = preflight.check_rendered(data, rendered, undated=undated)
        preflight.enforce(result.report, draft)
        progress("ใส่เลขหน้าในสารบัญ / filling the table of contents")
        plan = fill_contents(data, documents, guess, converting, finish)
        preflight.check_contents(result.report, data, plan, converting.pdf(plan))
        preflight.enforce(result.report, draft)
        result.documents = [plan, *documents[1:]]
        progress("ช่องลงนามดิจิทัล / signature fields")
        blocks = sign_ready(data, result.documents, converting)
        progress("รวมเล่ม / assembling the plan and its appendix into one PDF")
        result.bundle = write_bundle(data, result.documents, converting, blocks)
        publication.finish(data, staging.path, issued, progress)
        result.files = staging.commit()
        result.bundle = out_dir / result.bundle
    return result
