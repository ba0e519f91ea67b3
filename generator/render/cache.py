"""Rendered documents kept by everything that decides them, so a rebuild renders only what changed.

A document is the template's bytes filled from a context, finished with a few options, by Prongsai's code and
its libraries. The key covers all of that: the template's bytes, the context written out (``repr``), the options,
what the caller says decides its last touch (the emblem), and a fingerprint of every Prongsai module, the
catalog and the rendering libraries' versions. Only contexts made of plain values (text, numbers, dates, lists, dicts, and
dataclass records of those) are kept: written out, they say all there is in them, the same in every process.
Anything else is rendered every time. PRONGSAI_CONVERT_CACHE=0 turns this cache off with the others.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import hashlib
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

from generator import paths

CACHE_DIR = paths.CACHE_DIR / "render"
MAX_ENTRIES = 2000
LIBRARIES = ("docxtpl", "python-docx", "jinja2", "lxml", "pythainlp")
_PLAIN = (str, int, float, bool, type(None), datetime.date, datetime.datetime, decimal.Decimal)
_pruned = False


class _NotPlain(Exception):
    pass


def key(template: Path, context: dict, options: tuple) -> str | None:
    """The key of the document ``template`` renders from ``context`` with ``options``; None when it is not kept."""
    if not paths.caches_on():
        return None
    try:
        written = repr(_plain((context, options)))
    except _NotPlain:
        return None
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(hashlib.sha256(template.read_bytes()).digest())
    digest.update(written.encode())
    return digest.hexdigest()


def fetch(cache_key: str) -> bytes | None:
    entry = _entry(cache_key)
    try:
        content = entry.read_bytes()
        os.utime(entry)  # recently used entries survive pruning
        return content
    except OSError:
        return None


def store(cache_key: str, content: bytes) -> None:
    """Keep ``content`` (written atomically; a folder that cannot be written only means no cache)."""
    entry = _entry(cache_key)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{entry.stem}.", suffix=".tmp", dir=entry.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(tmp, entry)
    except OSError:
        return
    _prune_once()


@cache
def code_fingerprint() -> str:
    """Every Prongsai module's source, the catalog and the rendering libraries' versions: any change renders
    everything anew."""
    digest = hashlib.sha256()
    sources = [*paths.ROOT.joinpath("generator").rglob("*.py"), *paths.CATALOG_DIR.rglob("*.yaml")]
    for source in sorted(sources):
        digest.update(source.relative_to(paths.ROOT).as_posix().encode() + b"\0" + source.read_bytes())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=?\n".encode())
    return digest.hexdigest()


def _plain(value: object) -> object:
    """``value`` as plain values whose ``repr`` says all there is in it: a dataclass record becomes its class
    name and every field (what a template can read of it); anything else but text, numbers, dates, lists and
    dicts raises _NotPlain."""
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise _NotPlain
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__qualname__, {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)})
    if isinstance(value, _PLAIN):
        return value
    raise _NotPlain


def _entry(cache_key: str) -> Path:
    return CACHE_DIR / cache_key[:2] / f"{cache_key}.docx"


def _prune_once() -> None:
    """Drop the least recently used entries beyond MAX_ENTRIES, once per process."""
    global _pruned
    if _pruned:
        return
    _pruned = True
    try:
        entries = sorted(CACHE_DIR.glob("*/*.docx"), key=lambda p: p.stat().st_mtime)
        for old in entries[: max(0, len(entries) - MAX_ENTRIES)]:
            old.unlink(missing_ok=True)
    except OSError:  # another build pruned it first
        pass
