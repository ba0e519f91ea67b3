"""The one docxtpl/Jinja2 set-up: strict about missing variables, escaping everything, Thai-finished output.

A template is a DOCX edited in Word. Rendering it fills the Jinja tags from a context, then finishes the
XML (digits, font, grids) and returns the bytes; writing files is the publisher's job.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import Callable

import jinja2
from docx.document import Document
from docxtpl import DocxTemplate

from generator import paths
from generator.errors import ProngsaiError
from generator.render import cache, ooxml

JINJA_CACHE_DIR = paths.ROOT / ".cache" / "jinja"
MAX_COMPILED = 500
MAX_PATCHED = 200  # template parts kept patched in a process (a long-running service may see many templates)
_PATCHED: dict[str, str] = {}

# {% vmerge EXPR %} in a table cell: start a vertical merge when EXPR is true, continue it otherwise.
# docxtpl's own {% vm %} can only restart at the first pass of the innermost loop.
_VMERGE_CELL = re.compile(r"<w:tc[ >](?:(?!<w:tc[ >]).)*?\{%\s*vmerge\s+(.*?)\s*%\}.*?</w:tc>", re.DOTALL)
_TCW = re.compile(r"(<w:tcW[^>]*/>(?:<w:gridSpan[^>]*/>)?)")
_TEXT = re.compile(r"(<w:t(?: [^>]*)?>)(.*?)(</w:t>)", re.DOTALL)


def _vmerge(match: re.Match) -> str:
    condition = match.group(1)
    cell = re.sub(r"\{%\s*vmerge\s+.*?\s*%\}", "", match.group(0), count=1, flags=re.DOTALL)
    merge = f'<w:vMerge w:val="{{% if {condition} %}}restart{{% else %}}continue{{% endif %}}"/>'
    cell = _TCW.sub(lambda m: m.group(1) + merge, cell, count=1)
    return _TEXT.sub(lambda m: f"{m.group(1)}{{% if {condition} %}}{m.group(2)}{{% endif %}}{m.group(3)}", cell)


class DocumentTemplate(DocxTemplate):
    """docxtpl's template with one more cell tag, ``{% vmerge EXPR %}``.

    The patched XML (docxtpl's clean-up of the tags Word split across runs, then the vmerge tags) depends on the
    template's XML alone, so each distinct part is patched once per process: it was a fifth of rendering time, and
    a warm build inherits what the build service patched when it rehearsed."""

    def patch_xml(self, src_xml: str) -> str:
        patched = _PATCHED.get(src_xml)
        if patched is None:
            if len(_PATCHED) >= MAX_PATCHED:
                _PATCHED.clear()
            patched = _PATCHED[src_xml] = _VMERGE_CELL.sub(_vmerge, super().patch_xml(src_xml))
        return patched


class _Environment(jinja2.Environment):
    """Compiles each distinct template text once per process: a build renders the plan twice (its สารบัญ is
    filled in the second time) and the same header, footer or delegation order many times. Across processes,
    Jinja's bytecode cache keeps the compiled code (``.cache/jinja``, keyed by the template text, like Python's
    own ``__pycache__``): compiling the templates was a third of a build's rendering time."""

    def __init__(self, **options):
        super().__init__(**options)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = self._compiled[source] = self._template(source)
        return template

    def _template(self, source: str) -> jinja2.Template:
        if self.bytecode_cache is None:
            return super().from_string(source)
        bucket = self.bytecode_cache.get_bucket(self, hashlib.sha256(source.encode()).hexdigest(), None, source)
        if bucket.code is None:
            bucket.code = self.compile(source)
            try:
                self.bytecode_cache.set_bucket(bucket)
            except OSError:  # a read-only installation: compiled again next time
                pass
        return self.template_class.from_code(self, bucket.code, self.make_globals(None), None)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's file cache, trimmed to the MAX_COMPILED most recently written templates (organisations' own
    templates and their edits would otherwise add up); None where the folder cannot be written."""
    try:
        JINJA_CACHE_DIR.mkdir(parents=True, exist_ok=True)
        compiled = sorted(JINJA_CACHE_DIR.glob("__jinja2_*.cache"), key=lambda p: p.stat().st_mtime)
        for old in compiled[: max(0, len(compiled) - MAX_COMPILED)]:
            old.unlink(missing_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(JINJA_CACHE_DIR))


_ENVIRONMENT: _Environment | None = None


def environment() -> jinja2.Environment:
    """Missing variables are errors; values are XML-escaped, so & < > " in data cannot break a document."""
    global _ENVIRONMENT
    if _ENVIRONMENT is None:
        _ENVIRONMENT = _Environment(undefined=jinja2.StrictUndefined, autoescape=True, trim_blocks=False,
                                    bytecode_cache=_bytecode_cache())
    return _ENVIRONMENT


def find_template(name: str, org_folder: Path | None = None) -> Path:
    """An organisation's own copy (``<org>/templates/<name>``) wins over the shared template."""
    if org_folder is not None:
        own = org_folder / "templates" / name
        if own.is_file():
            return own
    shared = paths.TEMPLATES_DIR / name
    if not shared.is_file():
        raise ProngsaiError(f"ไม่พบแม่แบบเอกสาร {name}", f"template not found: {shared}")
    return shared


STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _drop_unused_parts(document) -> None:
    """Leave out two parts python-docx's blank document (which the templates started from) carries:
    ``stylesWithEffects.xml``, a 430 kB copy of the styles for Word 2010 that Word 2013+ and LibreOffice ignore and
    that every later stage (check, typography copy, cache key, conversion) would read and write again; and the
    thumbnail, a picture of a blank page that Windows Explorer would show for every document, as if it were empty."""
    for rels, reltype in ((document.part.rels, STYLES_WITH_EFFECTS), (document.part.package.rels, THUMBNAIL)):
        for rid in [rid for rid, rel in rels.items() if rel.reltype == reltype]:
            del rels[rid]


def render(template: Path, context: dict, *, digit_style: str, font_name: str, font_size: float,
           properties: dict[str, str] | None = None, last: Callable[[Document], None] | None = None,
           last_key: str | None = None) -> bytes:
    """Render one template to DOCX bytes, finished for Thai; ``last`` adds what the finishing must leave as it
    is (the emblem's frame) before the document is saved. A document rendered before from the same template,
    context and options comes from ``render.cache``; with ``last``, only if ``last_key`` says what decides it."""
    options = (digit_style, font_name, font_size, properties, last_key)
    key = cache.key(template, context, options) if last is None or last_key is not None else None
    kept = cache.fetch(key) if key else None
    if kept is not None:
        return kept
    content = _render(template, context, digit_style=digit_style, font_name=font_name, font_size=font_size,
                      properties=properties, last=last)
    if key:
        cache.store(key, content)
    return content


def _render(template: Path, context: dict, *, digit_style: str, font_name: str, font_size: float,
            properties: dict[str, str] | None, last: Callable[[Document], None] | None) -> bytes:
    doc = DocumentTemplate(str(template))
    try:
        doc.render(context, jinja_env=environment(), autoescape=True)
    except jinja2.UndefinedError as exc:
        raise ProngsaiError(
            f"แม่แบบ {template.name} ใช้ตัวแปรที่ไม่มีในข้อมูล: {exc.message}",
            f"template {template.name} uses a variable the data does not provide: {exc.message}",
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise ProngsaiError(
            f"แม่แบบ {template.name} มีแท็ก Jinja ไม่ถูกต้อง (บรรทัด {exc.lineno}): {exc.message}",
            f"template {template.name} has a malformed Jinja tag (line {exc.lineno}): {exc.message}",
        ) from exc
    ooxml.finish(doc.docx, digit_style=digit_style, font_name=font_name, font_size=font_size)
    _drop_unused_parts(doc.docx)
    core = doc.docx.core_properties
    for key, value in (properties or {}).items():
        setattr(core, key, value)
    if last is not None:
        last(doc.docx)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
