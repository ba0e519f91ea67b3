"""Converted PDFs kept by content, so a rebuild converts only the documents that changed.

The key is the DOCX *content* (each part's name and bytes; the ZIP's timestamps change at every render and are
left out) plus everything else that decides the PDF: digit style, PDF/A, the typography rewrite, the fonts
LibreOffice sees and the LibreOffice build. Entries are written atomically, so a crash never leaves half a PDF
that a later build would copy out.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from generator import fonts, paths
from generator.convert import typography
from generator.convert.soffice import libreoffice_fingerprint
from generator.publish import ordinary

CACHE_DIR = paths.ROOT / ".cache" / "pdf"
MAX_ENTRIES = 2000


def docx_digest(docx: bytes) -> str:
    """Hash of what a DOCX says, not of how its ZIP was written."""
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            for info in sorted(z.infolist(), key=lambda i: i.filename):
                digest.update(info.filename.encode() + b"\0")
                digest.update(hashlib.sha256(z.read(info)).digest())
    except zipfile.BadZipFile:
        digest.update(docx)
    return digest.hexdigest()


def environment() -> str:
    """Everything outside the document that decides its PDF: fonts, LibreOffice build, typography rewrite."""
    return "\n".join([typography.RECIPE, fonts.fingerprint(), libreoffice_fingerprint()])


def key(docx: bytes, *, thai_numerals: bool, pdfa: bool, pages: str = "", environment_: str | None = None) -> str:
    parts = [docx_digest(docx), f"numerals={thai_numerals}", f"pdfa={pdfa}", environment_ or environment()]
    if pages:
        parts.append(f"pages={pages}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _entry(cache_key: str) -> Path:
    return CACHE_DIR / cache_key[:2] / f"{cache_key}.pdf"


def fetch(cache_key: str) -> Path | None:
    entry = _entry(cache_key)
    if entry.is_file():
        os.utime(entry)  # recently used entries survive pruning
        return entry
    return None


def store(cache_key: str, pdf: Path) -> None:
    entry = _entry(cache_key)
    entry.parent.mkdir(parents=True, exist_ok=True)
    publish(pdf, entry)


def fetch_with_facts(cache_key: str) -> tuple[Path, object] | None:
    """A PDF kept with what was read from it (``store_with_facts``), or None."""
    entry = fetch(cache_key)
    if entry is None:
        return None
    try:
        return entry, json.loads(entry.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store_with_facts(cache_key: str, pdf: Path, facts: object) -> None:
    """Keep ``pdf`` and ``facts`` (JSON) under ``cache_key``; the facts are written first, so an entry found
    by ``fetch`` always has them."""
    entry = _entry(cache_key)
    entry.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{entry.stem}.", suffix=".json.tmp", dir=entry.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(facts, out, ensure_ascii=False)
    os.replace(tmp, entry.with_suffix(".json"))
    publish(pdf, entry)


def publish(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` so that ``target`` is never seen half-written (temp file + rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        ordinary(Path(tmp))
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def prune(max_entries: int = MAX_ENTRIES) -> None:
    """Drop the least recently used entries beyond ``max_entries``."""
    if not CACHE_DIR.is_dir():
        return
    entries = [p for p in CACHE_DIR.glob("*/*.pdf")]
    if len(entries) <= max_entries:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) - max_entries]:
        old.unlink(missing_ok=True)
        old.with_suffix(".json").unlink(missing_ok=True)
