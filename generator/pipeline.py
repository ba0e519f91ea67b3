"""The stages in order, and the only place that knows the whole flow:
load → validate → render DOCX → convert to PDF (while the checker reads the documents) → table of contents
(read back what the first conversion printed, else convert the plan's front matter again) → signature fields →
bundle → publish. Data flows one way; each stage is its own module. What a rebuild finds unchanged comes from
the caches: rendered documents, PDFs, a family's split parts, signature fields, and the plan's pages that did
not change (``ConvertedPlan``).
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Callable

from pypdf.errors import PdfReadError

from generator import assemble, fonts, pages, paths, thai, toc, validate
from generator.convert import ConversionJob, Conversions, cache, groups, pieces, session
from generator.convert.jobs import ConversionError
from generator.load import OrganisationData
from generator.publish import Staging, writing_to
from generator.render import appendix, docx, internal_control
from generator.render.context import AppendixEntry, TocEntry, plan_context
from generator.render.document import RenderedDocument
from generator.render.internal_control import deadline_notes, late_signatures
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
                appendix: list[AppendixEntry] | None = None, *, last: Callable | None = None) -> RenderedDocument:
    org = data.organisation
    content = docx.render(
        docx.find_template("plan/plan.docx", data.folder),
        plan_context(data, toc, appendix),
        digit_style=org.digits.plan,
        font_name=org.font.name,
        font_size=org.font.size,
        properties={"title": f"แผนปฏิบัติการป้องกันการทุจริตฯ {org.full_name}", "author": org.full_name},
        last=last,
    )
    return RenderedDocument(PLAN_DOCX, content, "แผนปฏิบัติการป้องกันการทุจริต", "plan", org.digits.plan == "thai")


def render_first_pass(data: OrganisationData, guess: list[TocEntry] | None,
                      appendix: list[AppendixEntry]) -> tuple[RenderedDocument, list[TocEntry] | None]:
    """The plan as first converted, and the สารบัญ lines it links to their headings (``toc.link``): a plan in
    Arabic digits has LibreOffice print its สารบัญ's page numbers; any other starts from ``guess`` (the last
    build's สารบัญ, or none) and returns no lines."""
    if data.organisation.digits.plan != "thai":
        linked: list = []
        plan = render_plan(data, toc.PROTOTYPE, appendix, last=lambda document: linked.append(
            toc.link(document.element.body)))
        if linked[0] is not None:
            return plan, linked[0]
    return render_plan(data, guess, appendix), None


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


def render_filed(data: OrganisationData, *, undated: bool = False) -> Iterator[RenderedDocument]:
    """The documents filed after the plan, one at a time: announcements and orders, then internal-control
    reports."""
    yield from appendix.each_document(data, undated=undated)
    yield from internal_control.each_report(data)


def appendix_entries(data: OrganisationData) -> list[AppendixEntry]:
    """The documents filed after the plan, for its ภาคผนวก page (known before they are rendered, so the plan
    can be rendered and converted first)."""
    return [*(AppendixEntry(appendix.GROUP, thai.arabic_digits(t)) for t in appendix.titles(data)),
            *(AppendixEntry(internal_control.GROUP, thai.arabic_digits(t)) for t in internal_control.titles(data))]


@dataclass
class Converting:
    """A build's conversions: LibreOffice's PDFs go to a private folder (the สารบัญ, the checker and the bundle
    read them there) while the build goes on; the PDF published in the staging folder is that PDF with its
    signature fields. Filed documents of one family (convert.groups) are converted together: each family once
    its last document has been rendered (``flush``)."""

    staging: Staging
    folder: Path
    batch: Conversions
    pdfa: bool
    sign_ready: Callable[[RenderedDocument, Path, Path], list[SignatureBlock]]  # (document, its PDF, target)
    publishing: ThreadPoolExecutor
    converting: dict[str, Callable[[], Path]] = field(default_factory=dict)  # path → its PDF, once made
    published: dict[str, Future] = field(default_factory=dict)
    pending: dict[str, list[RenderedDocument]] = field(default_factory=dict)  # family → rendered, not submitted
    layouts: str | None = None  # whose plan layout a rebuild may convert in pieces (None: the plan whole)
    plan: ConvertedPlan | None = None  # the plan last submitted

    def pdf(self, document: RenderedDocument) -> Path:
        return self.folder / document.pdf_path

    def submit(self, document: RenderedDocument) -> None:
        """Write the DOCX into the staging folder and have it converted: the plan at once, before anything
        waiting (``ConvertedPlan``); a filed document with the rest of its family (PDF/A parts one by one: each
        keeps the structure LibreOffice tags it with)."""
        self.staging.write(document.path, document.content)
        if document.group == "plan":
            self.plan = ConvertedPlan(document, self)
            self.converting[document.path] = self.plan.pdf
            return
        family = None if self.pdfa else groups.family(document.content, document.thai_numerals)
        if family is None:
            self.converting[document.path] = self.alone(document).result
            return
        if any(waiting[0].group != document.group for waiting in self.pending.values()):
            self.flush()  # the documents filed before this one are all rendered
        self.pending.setdefault(family, []).append(document)

    def flush(self) -> None:
        """Have every rendered document converted: each family of several as one document."""
        for family in self.pending.values():
            if len(family) == 1:
                self.converting[family[0].path] = self.alone(family[0]).result
            else:
                together = ConvertedTogether(family, self)
                for document in family:
                    self.converting[document.path] = partial(together.pdf, document)
        self.pending = {}

    def job(self, document: RenderedDocument) -> ConversionJob:
        return ConversionJob(self.staging.path / document.path, self.pdf(document), document.thai_numerals, self.pdfa)

    def alone(self, document: RenderedDocument, *, urgent: bool = False) -> Future:
        return self.batch.submit(self.job(document), urgent=urgent)

    def wait(self, document: RenderedDocument) -> Path:
        """The document's PDF, once LibreOffice has made it (ConversionError if it could not)."""
        return self.converting[document.path]()

    def publish(self, document: RenderedDocument) -> None:
        """Once LibreOffice has made it, in the background: the document's PDF in the staging folder, with its
        signature fields."""
        self.published[document.path] = self.publishing.submit(
            lambda: self.sign_ready(document, self.wait(document), self.staging.file(document.pdf_path)))

    def signature_blocks(self) -> dict[str, list[SignatureBlock]]:
        """Each published document's signature blocks (its path → blocks), once all are published."""
        return {path: done.result() for path, done in self.published.items()}


class ConvertedTogether:
    """A family of documents converted as one (convert.groups). Each one's PDF is split out of the family's the
    first time any of them is waited for; if the family's PDF cannot be split, or could not be made, they are
    converted one by one."""

    def __init__(self, documents: list[RenderedDocument], converting: Converting):
        self.documents, self.converting = documents, converting
        source = converting.folder / f"family-{hashlib.sha256(documents[0].path.encode()).hexdigest()[:12]}.docx"
        source.write_bytes(groups.merged([d.content for d in documents]))
        self.done = converting.batch.submit(ConversionJob(source, source.with_suffix(".pdf"),
                                                          documents[0].thai_numerals, converting.pdfa), fallback=True)
        self.one_by_one: dict[str, Future] | None = None
        self.split = False
        self.lock = threading.Lock()

    def pdf(self, document: RenderedDocument) -> Path:
        with self.lock:
            if not self.split and self.one_by_one is None:
                self.split = self._split()
                if not self.split:
                    self.one_by_one = {d.path: self.converting.alone(d) for d in self.documents}
                    self.converting.batch.start()
        if self.one_by_one is not None:
            return self.one_by_one[document.path].result()
        return self.converting.pdf(document)

    def _split(self) -> bool:
        try:
            pdf = self.done.result()
        except ConversionError:
            return False
        parts = [(self.converting.pdf(d), groups.title(d.content), groups.opening(d.content)) for d in self.documents]
        for target, _, _ in parts:
            target.parent.mkdir(parents=True, exist_ok=True)
        return groups.split(pdf, parts, cached=self.converting.batch.use_cache)


class ConvertedPlan:
    """The plan's PDF: converted whole, or, in a rebuild, the pages of the pieces that changed since the
    edition's last build, put in place of theirs in a copy of its PDF (convert.pieces). Anything unexpected on
    the way (pages that do not print as before, a failed conversion) converts the whole plan instead."""

    def __init__(self, document: RenderedDocument, converting: Converting):
        self.document, self.converting = document, converting
        batch = converting.batch
        self.key = batch.key(document.content, converting.job(document))  # the cache key of its PDF
        self.environment = f"{batch.environment()}\n{document.thai_numerals}"
        self.pieces = pieces.cut(document.content, self.environment) if converting.layouts is not None else None
        self.lock = threading.Lock()
        self.runs: list[range] = []
        self.exported: Future | None = None  # the changed pieces' pages
        self.copy: Future | None = None  # the last PDF, read while LibreOffice converts (pieces.copy_of)
        in_pieces = self.pieces is not None and cache.fetch(self.key) is None  # else the engine copies it
        self.done = self._kept() if in_pieces else None
        self.layout = self._reusable() if in_pieces and self.done is None else None
        if self.layout is not None:
            if pieces.changed(self.layout, self.pieces):
                self._convert_changed()
        elif self.done is None:
            self.done = converting.alone(document, urgent=True)

    def _kept(self) -> Future | None:
        """This very DOCX's PDF, made before in pieces or with its front matter spliced, if the cache has it
        (a budget set back to an amount built before)."""
        for how in ("stitched", "spliced"):
            kept = cache.fetch(pieces.derived(self.key, how))
            if kept is not None:
                target = self.converting.pdf(self.document)
                cache.publish(kept, target)
                self.key = pieces.derived(self.key, how)
                return _done(target)
        return None

    def _reusable(self) -> pieces.Layout | None:
        """The edition's last layout, when this plan can be made from it."""
        layout = pieces.remembered(self.converting.layouts)
        if layout is None or pieces.changed(layout, self.pieces) is None or cache.fetch(layout.pdf) is None:
            return None
        return layout

    def _convert_changed(self) -> None:
        """The plan up to its last changed piece, only the changed pieces' pages exported, before anything
        waiting."""
        changed = pieces.changed(self.layout, self.pieces)
        self.runs = pieces.runs(changed)
        source = self.converting.folder / "plan-up-to-changes.docx"
        source.write_bytes(pieces.prefix_docx(self.document.content, self.pieces, changed[-1]))
        job = ConversionJob(source, source.with_suffix(".pdf"), self.document.thai_numerals,
                            pages=pieces.page_range(self.layout, self.runs))
        self.exported = self.converting.batch.submit(job, urgent=True, fallback=True)
        self.copy = self.converting.publishing.submit(pieces.copy_of, cache.fetch(self.layout.pdf))

    def pdf(self) -> Path:
        with self.lock:
            if self.done is None:
                self.done = self._put_together()
        return self.done.result()

    def _put_together(self) -> Future:
        """The last PDF with the changed pieces' pages in place of theirs; else the whole plan converted."""
        target = self.converting.pdf(self.document)
        old = cache.fetch(self.layout.pdf)
        try:
            exported = self.exported.result() if self.exported is not None else None
        except ConversionError:
            exported = old = None
        if old is not None and exported is None:  # nothing changed but what the PDF does not show
            cache.publish(old, target)
            pages.pages_taken(target, self.layout.numbers, [pages.Heading(*h) for h in self.layout.headings])
            self.key = self.layout.pdf
            return _done(target)
        try:
            copy = self.copy.result() if old is not None else None
        except (OSError, PdfReadError):  # the cache entry went away (pruned) or was damaged
            copy = None
        if copy is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            if pieces.stitch(copy, exported, self.runs, self.layout, target):
                self.key = pieces.derived(self.key, "stitched")
                cache.store(self.key, target)
                return _done(target)
        done = self.converting.alone(self.document, urgent=True)
        self.converting.batch.start()
        return done

    def spliced(self, document: RenderedDocument) -> None:
        """The PDF is now ``document``'s: its front matter converted again and spliced onto this conversion's
        body (the สารบัญ's second pass). It is kept in the cache under a key of its own."""
        if self.pieces is None:
            return
        self.document, self.pieces = document, pieces.cut(document.content, self.environment)
        self.key = pieces.derived(self.converting.batch.key(document.content, self.converting.job(document)), "spliced")
        cache.store(self.key, self.pdf())

    def remember(self) -> None:
        """Note which pages each piece printed, for the next build of the edition (once the PDF is final)."""
        if self.pieces is None:
            return
        layout = pieces.measured(self.key, self.pieces, self.pdf())
        if layout is not None:
            pieces.remember(self.converting.layouts, layout)


def _done(result: Path) -> Future:
    done: Future = Future()
    done.set_result(result)
    return done


def contents_key(data: OrganisationData, out_dir: Path) -> str:
    """Whose สารบัญ a build may remember: one organisation folder's edition in one output folder."""
    return f"{data.folder.resolve()}\n{out_dir.resolve()}"


def fill_contents(data: OrganisationData, documents: list[RenderedDocument], first_pass: RenderedDocument,
                  linked: list[TocEntry] | None, guess: list[TocEntry] | None, converting: Converting,
                  finish: Callable[[RenderedDocument], RenderedDocument] | None) -> RenderedDocument:
    """The plan with the page numbers of its own first conversion in the สารบัญ.

    Nothing more is converted when the first pass already printed them (LibreOffice filled in the ``linked``
    lines' page references, and its PDF prints the pages its headings are on; or ``guess``, the last build's
    สารบัญ, was right); else only the front matter is converted again and spliced onto the body, or, if that
    does not give a PDF whose สารบัญ is right, the whole plan. ``first_pass`` is ``documents[0]`` before
    ``finish``."""
    plan = documents[0]
    pdf = converting.wait(plan)
    contents = table_of_contents(pdf)
    converted = converting.plan  # the conversion the plan's PDF comes from
    if linked is not None and _titles(linked) == _titles(contents) and toc.prints(pdf, contents):
        plan = replace(first_pass, content=toc.filled(first_pass.content, contents))
        plan = finish(plan) if finish else plan
        converting.staging.write(plan.path, plan.content)
    elif linked is not None or contents != guess:  # a linked plan's guess is not what it printed
        plan = render_plan(data, contents, appendix_entries(data))
        plan = finish(plan) if finish else plan
        converting.staging.write(plan.path, plan.content)
        if _convert_front_matter(plan, pdf, converting) and table_of_contents(pdf) == contents:
            converted.spliced(plan)
        else:
            converting.submit(plan)
            converting.batch.start()
            converting.wait(plan)
            converted = converting.plan
    converted.remember()
    toc.remember(contents_key(data, converting.staging.final_dir), contents)
    return plan


def _titles(contents: list[TocEntry]) -> list[tuple[int, str]]:
    return [(entry.level, entry.title) for entry in contents]


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


def write_bundle(data: OrganisationData, documents: list[RenderedDocument], converting: Converting,
                 blocks: dict[str, list[SignatureBlock]]) -> Path:
    """The assembled plan in the staging folder, with its parts' signature fields (its pages are theirs, so
    their blocks are its blocks); returns its path relative to the edition folder."""
    facts = assemble.facts(data)
    parts = [d for d in documents if d.group == "plan" or d.in_appendix]
    plan, *filed = [assemble.Part(d, converting.pdf(d)) for d in parts]

    def add_fields(writer, starts: list[int]) -> None:
        fields.add_to(writer, [b for part, start in zip(parts, starts) for b in fields.shifted(blocks[part.path], start)])

    assemble.write_bundle(plan, filed, converting.staging.file(facts.file_name), facts, pdfa=converting.pdfa,
                          finish=add_fields)
    return Path(facts.file_name)


def build(folder: Path, output_root: Path = paths.OUTPUT_DIR, progress: Progress = lambda _: None, *,
          undated: bool = False, draft: bool = False, pdfa: bool = False,
          edition: int | None = None, reuse_contents: bool = True) -> BuildResult:
    """Build one edition of an organisation (default: the latest) into ``output_root/<org>/<year>/``.

    ``reuse_contents``: start from the last build's สารบัญ to save a conversion pass. Issuing an edition and
    rebuilding an issued one never do, so both take the same path and produce the same PDFs."""
    from generator.check.beside import Preflight
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
    with writing_to(output_root), Staging(out_dir) as staging, session(), \
            Preflight(data, undated=undated) as checking, \
            ThreadPoolExecutor(max_workers=2) as publishing, \
            tempfile.TemporaryDirectory(prefix="prongsai-pdf-") as folder, Conversions() as batch:
        layouts = contents_key(data, out_dir) if reuse_contents and issued is None and not pdfa and batch.use_cache \
            else None
        converting = Converting(staging, Path(folder), batch, pdfa, partial(publication.sign_ready, data), publishing,
                                layouts=layouts)

        def finish(document: RenderedDocument) -> RenderedDocument:
            document = mark_draft(document, font) if draft else document
            return reproducible.fixed([document], stamp, data.year)[0]

        progress("จัดทำเอกสาร / rendering documents")
        guess = toc.remembered(contents_key(data, out_dir)) if reuse_contents and issued is None else None
        rendered, documents = [], []
        first_pass, linked = render_first_pass(data, guess, appendix_entries(data))
        for document in chain([first_pass], render_filed(data, undated=undated)):
            rendered.append(document)
            documents.append(finish(document))
            converting.submit(documents[-1])  # LibreOffice lays it out while the next is rendered
        result.warnings += appendix.warnings(data, rendered) + publication.warnings(data)
        for document in reproducible.fixed(changes.for_build(data, progress), stamp, data.year):
            documents.append(document)
            converting.submit(document)
        converting.flush()
        progress(f"แปลงเป็น PDF {len(documents)} ฉบับ / converting {len(documents)} document(s) to PDF")
        converting.batch.start()
        for document in documents[1:]:  # the plan's PDF is final once its สารบัญ is filled in
            converting.publish(document)
        progress("ตรวจก่อนลงนาม / preflight check (while converting)")
        checking.check(rendered)
        progress("ใส่เลขหน้าในสารบัญ / filling the table of contents")
        plan = fill_contents(data, documents, rendered[0], linked, guess, converting, finish)
        checking.check_contents(plan, converting.pdf(plan))
        result.documents = [plan, *documents[1:]]
        progress("ช่องลงนามดิจิทัล / signature fields")
        converting.publish(plan)
        blocks = converting.signature_blocks()
        progress("รวมเล่ม / assembling the plan and its appendix into one PDF")
        result.bundle = write_bundle(data, result.documents, converting, blocks)
        result.report = checking.report(draft)
        publication.finish(data, staging.path, issued, progress)
        result.files = staging.commit()
        result.bundle = out_dir / result.bundle
    return result
