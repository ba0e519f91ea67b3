"""What a file is, as the manifest records it: SHA-256, size, pages, and for a PDF a content hash that ignores
its metadata dates.

LibreOffice stamps each PDF with the time of conversion (/CreationDate, the XMP dates) and a fresh /ID, so a
rebuilt PDF never has the same bytes as the issued one. The content hash walks every object reachable from the
document catalog and the info dictionary, leaving out exactly those: the dates, the ID, the XMP timestamps and
identifiers. Two PDFs with the same content hash show the same pages, fonts, outline and fields.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

DATE_KEYS = {"/CreationDate", "/ModDate"}
_XMP_VOLATILE = re.compile(
    rb"(<(xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate|xmpMM:DocumentID|xmpMM:InstanceID)>)[^<]*(</\2>)"
    rb"|((?:xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate|xmpMM:DocumentID|xmpMM:InstanceID)=\")[^\"]*(\")"
)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pdf_pages(path: Path) -> int:
    return len(PdfReader(path).pages)


def pdf_content_hash(path: Path) -> str:
    """SHA-256 over the PDF's objects with the metadata dates and identifiers left out."""
    reader = PdfReader(path)
    digest = hashlib.sha256()
    queue: list[IndirectObject] = []
    seen: set[tuple[int, int]] = set()

    def ref(obj: IndirectObject) -> bytes:
        key = (obj.idnum, obj.generation)
        if key not in seen:
            seen.add(key)
            queue.append(obj)
        return f"R{obj.idnum}.{obj.generation}".encode()

    def canon(obj, drop: set[str] = frozenset()) -> bytes:
        if isinstance(obj, IndirectObject):
            return ref(obj)
        if isinstance(obj, StreamObject):
            data = obj._data if isinstance(obj._data, bytes) else obj.get_data()
            if obj.get("/Type") == "/Metadata":
                data = _XMP_VOLATILE.sub(lambda m: (m.group(1) or m.group(4)) + (m.group(3) or m.group(5)),
                                         obj.get_data())
            head = canon(DictionaryObject({k: v for k, v in obj.items() if k not in ("/Length", "/Filter")}))
            return b"S" + head + hashlib.sha256(data).digest()
        if isinstance(obj, DictionaryObject):
            items = sorted((str(k), v) for k, v in obj.items() if str(k) not in drop)
            return b"{" + b"".join(k.encode() + b"=" + canon(v) + b";" for k, v in items) + b"}"
        if isinstance(obj, ArrayObject):
            return b"[" + b",".join(canon(v) for v in obj) + b"]"
        if isinstance(obj, NameObject):
            return b"/" + str(obj).encode()
        if isinstance(obj, bytes):
            return b"b" + bytes(obj).hex().encode()
        return repr(obj).encode()

    digest.update(b"root" + canon(reader.trailer.raw_get("/Root")))
    info = reader.trailer.get("/Info")
    if info is not None:
        digest.update(b"info" + canon(info.get_object(), drop=DATE_KEYS))
    while queue:
        obj = queue.pop(0)
        target = obj.get_object()
        digest.update(ref(obj) + b":" + canon(target))
    return digest.hexdigest()
