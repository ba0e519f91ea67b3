"""Running the checker: what the target is, which documents it holds, whose they are, and every rule on each.

Targets: an organisation data folder (its data, the plan rendered from it, its templates), an edition folder
of generated documents, or one DOCX, PDF or text file. Unusable input raises UnusableInput (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator import catalog, paths
from generator.check import organisation, outline
from generator.check.context import CheckContext
from generator.check.document import Document
from generator.check.findings import Finding, count
from generator.check.organisation import OrgContext
from generator.check.readers import SUFFIXES, UnusableInput, read
from generator.check.terms import terms

Rule = Callable[[CheckContext], list[Finding]]


def rules() -> list[tuple[int, Rule]]:
    from generator.check import (arithmetic, contents, leftovers, names, numbering, orgtype, spelling,
                                 templates)

    # Order matters: earlier rules claim the text they report, later ones do not report it again.
    return [
        (1, leftovers.check), (2, orgtype.check), (3, names.check), (4, spelling.check),
        (5, numbering.check), (6, arithmetic.check), (7, contents.check), (8, templates.check),
    ]


@dataclass
class DocumentResult:
    document: Document
    org: OrgContext
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Report:
    target: str
    results: list[DocumentResult] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @property
    def errors(self) -> int:
        return count(self.findings, "error")

    @property
    def warnings(self) -> int:
        return count(self.findings, "warning")

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


def check_document(doc: Document, org: OrgContext | None = None, *, framework_id: str | None = None,
                   only: set[int] | None = None) -> DocumentResult:
    """Every rule (or the ``only`` ones) on one document; the organisation is inferred when not given."""
    ctx = context_for(doc, org, framework_id)
    result = DocumentResult(doc, ctx.org)
    for number, rule in rules():
        if number in doc.skip_rules or (only is not None and number not in only):
            continue
        result.findings += rule(ctx)
    return result


def context_for(doc: Document, org: OrgContext | None = None, framework_id: str | None = None) -> CheckContext:
    """The document with its organisation (inferred when unknown) and plan framework (the organisation's, else
    the newest in the catalog)."""
    if org is None or org.kind is None:
        org = organisation.infer(doc)
    framework = catalog.framework(framework_id or org.framework_id or catalog.framework_ids()[-1])
    return CheckContext(doc, org, terms(), outline.build(doc, terms(), framework), framework)


def check_path(target: Path, org_dir: Path | None = None) -> Report:
    """Check whatever ``target`` is; ``org_dir`` names the organisation when the target itself cannot."""
    target = Path(target)
    org = _profile(org_dir) if org_dir else None
    if target.is_dir():
        if (target / "organisation.yaml").is_file() or (target / "plan.yaml").is_file():
            return check_data_folder(target)
        return check_edition(target, org)
    if not target.exists():
        raise UnusableInput(f"ไม่พบ {target}", f"{target} does not exist")
    doc = read(target, is_template=_is_template(target))
    report = Report(str(target))
    result = check_document(doc, org)
    report.results.append(result)
    if doc.is_template:
        result.findings += _template_variables(doc, target)
    return report


def _template_variables(doc: Document, path: Path) -> list[Finding]:
    """A template checked on its own: its variables against the context of the built-in example."""
    from generator import validate
    from generator.check import templates
    from generator.errors import DataError

    try:
        name = str(path.resolve().relative_to(paths.TEMPLATES_DIR.resolve()))
    except ValueError:
        name = "/".join(path.resolve().parts[path.resolve().parts.index("templates") + 1 :])
    try:
        data = validate.load_valid(paths.DEFAULT_EXAMPLE)
    except DataError:
        doc.notes.append(("โหลดตัวอย่างในตัวไม่ได้: ไม่ได้ตรวจตัวแปรของแม่แบบ",
                          "the built-in example could not be loaded: template variables were not checked"))
        return []
    doc.notes.append(("ตรวจตัวแปรของแม่แบบกับข้อมูลตัวอย่างในตัว", "template variables checked against the built-in example"))
    return templates.variable_findings(doc, name, data)


def _is_template(path: Path) -> bool:
    return path.suffix.lower() == ".docx" and "templates" in path.resolve().parts


def _profile(org_dir: Path) -> OrgContext:
    from generator import validate

    return organisation.from_data(validate.load_valid(org_dir))


def check_edition(folder: Path, org: OrgContext | None = None) -> Report:
    """A folder of generated documents: every DOCX in full; a PDF next to its DOCX only for what only the
    PDF can show (the pages of the สารบัญ), any other PDF or text file in full."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        raise UnusableInput(f"ไม่พบเอกสาร (.docx .pdf .txt) หรือข้อมูลองค์กรใน {folder}",
                            f"no documents (.docx .pdf .txt) or organisation data in {folder}")
    report = Report(str(folder))
    docx_results: dict[Path, DocumentResult] = {}
    for path in files:
        if path.suffix.lower() == ".pdf" and path.with_suffix(".docx") in files:
            continue
        doc = read(path, is_template=_is_template(path))
        if path.parent != folder:
            doc.plan = False  # appendix/ and internal-control/ hold announcements, orders and reports
        result = check_document(doc, org)
        report.results.append(result)
        if path.suffix.lower() == ".docx":
            docx_results[path] = result
    for path in files:
        twin = path.with_suffix(".docx")
        if path.suffix.lower() == ".pdf" and twin in docx_results:
            from generator.check import contents

            report.results.append(contents.check_pdf_pages(read(path), docx_results[twin]))
    return report


def check_data_folder(folder: Path) -> Report:
    """An organisation folder: its data must be valid (else exit 2), then its text, the plan rendered from
    it, and the templates it would be rendered with are checked."""
    from generator import validate
    from generator.check import templates
    from generator.check.readers.data import data_documents
    from generator.check.readers.docx import read_docx_bytes
    from generator.errors import ProngsaiError
    from generator.pipeline import render_plan

    data = validate.load_valid(folder)
    org = organisation.from_data(data)
    report = Report(str(folder))
    for doc in data_documents(data):
        report.results.append(check_document(doc, org, framework_id=data.plan.framework, only={1, 2, 3, 4}))
    template_results = templates.check_templates(data, org)
    try:
        rendered = render_plan(data)
    except ProngsaiError as exc:  # a template the data cannot fill: the build would stop here
        template_results[0].findings.append(templates.render_failure(template_results[0].document, exc))
    else:
        doc = read_docx_bytes(rendered.content, rendered.path)
        doc.toc_pending = True
        doc.words_in_data = True
        result = check_document(doc, org, framework_id=data.plan.framework)
        report.results.append(_without_data_duplicates(result, report))
    report.results += template_results
    return report


def _without_data_duplicates(result: DocumentResult, report: Report) -> DocumentResult:
    """A defect typed in the data shows in the rendered plan too; report it once, at the data."""
    seen = {(f.rule, f.code, f.text) for r in report.results for f in r.findings}
    result.findings = [f for f in result.findings if (f.rule, f.code, f.text) not in seen]
    return result

