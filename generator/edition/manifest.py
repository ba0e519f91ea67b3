"""The record of an issued edition (``manifest.json``): the data it was built from and every file it produced.

    {
      "format": "prongsai-edition/1",
      "organisation": {"folder": "bueng-prue", "name": "องค์การบริหารส่วนตำบลบึงปรือ"},
      "edition": 2566, "title": null,
      "issued_at": "2026-11-25T22:13:26+07:00",
      "tool": {"prongsai": "0.1.0", "python-docx": "1.1.2", "docxtpl": "0.20.1", "pypdf": "…", "pyhanko": "…"},
      "options": {"undated": false},
      "data": {"sha256": "<over the files below>", "files": [{"name": "plan.yaml", "sha256": "…", "size": 184814}, …]},
      "files": [{"file": "plan.docx", "sha256": "…", "size": 251234, "pages": 45},
                {"file": "plan.pdf", "sha256": "…", "size": 1203344, "pages": 45, "content_sha256": "…",
                 "signature_fields": []}, …]
    }

``data.files[].name`` is the name inside the edition (``plan.yaml`` whether the edition has its own copy or
reads the shared one), so copying a shared file into the edition does not change the hash. ``pages`` of a DOCX
is the page count of its PDF. ``content_sha256`` of a PDF ignores its metadata dates and ID
(``fingerprint.pdf_content_hash``). The manifest is written to the edition's data folder (the durable record),
to the output folder and into the distribution zip.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

from generator import __version__
from generator.edition import fingerprint
from generator.edition.layout import MANIFEST
from generator.load import OrganisationData

FORMAT = "prongsai-edition/1"
DOCUMENT_SUFFIXES = (".docx", ".pdf")
TOOL_PACKAGES = ("python-docx", "docxtpl", "pypdf", "pyhanko")


@dataclass
class DataFile:
    name: str
    sha256: str
    size: int


@dataclass
class OutputFile:
    file: str  # relative to the edition's output folder, with forward slashes
    sha256: str
    size: int
    pages: int | None = None
    content_sha256: str | None = None  # PDFs only
    signature_fields: list[str] | None = None  # PDFs only


@dataclass
class Manifest:
    organisation: dict
    edition: int
    issued_at: str
    tool: dict
    options: dict
    data: dict
    files: list[OutputFile] = field(default_factory=list)
    title: str | None = None
    format: str = FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def read(cls, path: Path) -> "Manifest":
        raw = json.loads(path.read_text(encoding="utf-8"))
        raw["files"] = [OutputFile(**f) for f in raw.get("files", [])]
        return cls(**raw)

    def write(self, path: Path) -> None:
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        tmp.replace(path)

    def entry(self, relative: str) -> OutputFile | None:
        return next((f for f in self.files if f.file == relative), None)

    @property
    def data_files(self) -> dict[str, str]:
        return {f["name"]: f["sha256"] for f in self.data["files"]}


def tool_versions() -> dict[str, str]:
    versions = {"prongsai": __version__}
    for package in TOOL_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    return versions


def data_record(data: OrganisationData) -> dict:
    """Every data file of the edition with its hash, and one hash over all of them."""
    files = dict(data.edition.data_files())
    if data.appendix is not None and data.appendix.emblem:
        emblem = data.folder / data.appendix.emblem
        if emblem.is_file():
            files.setdefault(data.appendix.emblem, emblem)
    entries = [DataFile(name, fingerprint.sha256(path), path.stat().st_size) for name, path in sorted(files.items())]
    overall = hashlib.sha256("".join(f"{e.name}\0{e.sha256}\n" for e in entries).encode()).hexdigest()
    return {"sha256": overall, "files": [asdict(e) for e in entries]}


def output_files(folder: Path) -> list[Path]:
    """The documents of an edition's output folder (DOCX and PDF, the distribution zip and manifest excluded)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
                  and not p.name.startswith("."))


def describe(path: Path, folder: Path) -> OutputFile:
    from generator.signing.fields import all_fields

    entry = OutputFile(path.relative_to(folder).as_posix(), fingerprint.sha256(path), path.stat().st_size)
    if path.suffix.lower() == ".pdf":
        entry.pages = fingerprint.pdf_pages(path)
        entry.content_sha256 = fingerprint.pdf_content_hash(path)
        entry.signature_fields = [name for name, *_ in all_fields(path)]
    return entry


def create(data: OrganisationData, folder: Path, options: dict) -> Manifest:
    """The manifest of a freshly built edition output folder."""
    files = [describe(p, folder) for p in output_files(folder)]
    pages = {f.file.removesuffix(".pdf"): f.pages for f in files if f.file.endswith(".pdf")}
    for f in files:
        if f.file.endswith(".docx"):
            f.pages = pages.get(f.file.removesuffix(".docx"))
    return Manifest(
        organisation={"folder": data.slug, "name": data.organisation.full_name},
        edition=data.year,
        issued_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        tool=tool_versions(),
        options=options,
        data=data_record(data),
        files=files,
        title=data.info.title if data.info is not None else None,
    )


@dataclass(frozen=True)
class Difference:
    file: str
    th: str
    en: str


def compare(manifest: Manifest, folder: Path) -> list[Difference]:
    """How a rebuilt output folder differs from the issued one: a DOCX must be byte-identical, a PDF must
    have the same content (its metadata dates may differ); no file may be missing or extra."""
    out = []
    built = {p.relative_to(folder).as_posix(): p for p in output_files(folder)}
    for entry in manifest.files:
        path = built.pop(entry.file, None)
        if path is None:
            out.append(Difference(entry.file, "ไม่ได้สร้างไฟล์นี้อีก", "not produced again"))
        elif entry.file.endswith(".docx") and fingerprint.sha256(path) != entry.sha256:
            out.append(Difference(entry.file, "DOCX ไม่ตรงกับฉบับที่ออกแล้วทุกไบต์", "the DOCX is not byte-identical"))
        elif entry.file.endswith(".pdf") and fingerprint.pdf_content_hash(path) != entry.content_sha256:
            out.append(Difference(entry.file, "เนื้อหา PDF ไม่ตรงกับฉบับที่ออกแล้ว", "the PDF's content differs"))
    out += [Difference(name, "ไฟล์ใหม่ที่ไม่มีในฉบับที่ออกแล้ว", "a file the issued edition does not have")
            for name in built]
    return out


def copy_into(manifest: Manifest, folder: Path) -> Path:
    path = folder / MANIFEST
    manifest.write(path)
    return path
