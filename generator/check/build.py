"""The checker inside ``prongsai build``: the data and the rendered documents are checked before anything is
published, and an output with errors is not called signed-ready.

Without ``--draft`` a build with errors fails (nothing is published, the findings are printed); with
``--draft`` it goes on and every page is marked ร่าง. Warnings never block.
"""

from __future__ import annotations

from pathlib import Path

from generator import catalog
from generator.check import contents, organisation
from generator.check.readers.data import data_documents
from generator.check.readers.docx import read_docx_bytes
from generator.check.readers.pdf import read_pdf
from generator.check.run import DocumentResult, Report, check_document, context_for
from generator.errors import ProngsaiError
from generator.load import OrganisationData


class ChecksFailed(ProngsaiError):
    """The preflight check found errors and the build was not asked for a draft."""

    def __init__(self, report: Report):
        super().__init__(
            f"พบข้อผิดพลาด {report.errors} รายการ: ไม่ได้เผยแพร่เอกสาร (แก้ไขแล้วสร้างใหม่ หรือใช้ --draft เพื่อสร้างฉบับร่าง)",
            f"{report.errors} error(s) found: nothing was published (fix them and build again, or use --draft for a draft)",
        )
        self.report = report


def check_rendered(data: OrganisationData, documents, *, undated: bool = False) -> Report:
    """The organisation's data and every rendered document (the สารบัญ is checked once it is filled in).

    ``undated``: the blank date form of announcements and orders is there on purpose."""
    report = check_data(data)
    check_documents(report, data, documents, undated=undated)
    return report


def check_data(data: OrganisationData) -> Report:
    """The organisation's data files, at their YAML lines (what can be judged before anything is rendered)."""
    org = organisation.from_data(data)
    report = Report(str(data.folder))
    for doc in data_documents(data):
        report.results.append(check_document(doc, org, framework_id=data.plan.framework, only={1, 2, 3, 4}))
    return report


def check_documents(report: Report, data: OrganisationData, documents, *, undated: bool = False) -> None:
    """Every rendered document, after ``check_data``: what the data's findings already say is not repeated."""
    blank_forms = (catalog.appendix().blank_date,) if undated else ()
    org = organisation.from_data(data)
    seen = {(f.rule, f.code, f.text) for r in report.results for f in r.findings}
    for rendered in documents:
        doc = read_docx_bytes(rendered.content, rendered.path)
        doc.toc_pending = True
        doc.plan = rendered.group == "plan"
        doc.blank_forms = blank_forms
        doc.words_in_data = True
        result = check_document(doc, org, framework_id=data.plan.framework)
        result.findings = [f for f in result.findings if (f.rule, f.code, f.text) not in seen]
        report.results.append(result)


def check_contents(report: Report, data: OrganisationData, rendered, pdf: Path) -> None:
    """The filled-in สารบัญ of the final document, and its page numbers against the converted PDF."""
    org = organisation.from_data(data)
    ctx = context_for(read_docx_bytes(rendered.content, rendered.path), org, data.plan.framework)
    result = next((r for r in report.results if r.document.name == rendered.path), None)
    if result is None:
        result = DocumentResult(ctx.doc, org)
        report.results.append(result)
    result.findings += contents.check(ctx)
    pdf_doc = read_pdf(pdf, text=False)
    pdf_doc.name = rendered.pdf_path
    pdf_doc.notes.clear()
    report.results.append(DocumentResult(pdf_doc, org, contents.page_findings(ctx, pdf_doc)))


def enforce(report: Report, draft: bool) -> None:
    if report.errors and not draft:
        raise ChecksFailed(report)
