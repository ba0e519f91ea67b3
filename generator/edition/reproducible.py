"""Byte-identical DOCX on every build of the same edition: fixed timestamps, fixed zip entries.

A DOCX is a zip. python-docx stamps every entry with the current time and the core properties carry whatever
dates the template had, so two builds of the same data differ. Here every entry gets the edition's date,
the same attributes and the same compression, in the order python-docx wrote them ([Content_Types].xml first),
and the core properties (created, modified, last modified by, revision) are set from the edition. The same
is used for the distribution zip.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date, datetime, timezone

from lxml import etree

from generator import __version__
from generator.render.document import RenderedDocument

CORE = "docProps/core.xml"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NOON = 12  # a time of day that is the same calendar day in every time zone a clerk may open the file in


def stamp(day: date) -> datetime:
    """The edition's timestamp: noon (UTC) of its date."""
    return datetime(day.year, day.month, day.day, NOON, tzinfo=timezone.utc)


def zip_entry(name: str, when: datetime) -> zipfile.ZipInfo:
    """One entry with nothing that depends on the machine or the moment: DOS time from the edition, plain
    file attributes, deflate; the UTF-8 flag is set by ``zipfile`` for non-ASCII (Thai) names."""
    info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, when.hour, when.minute, when.second))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    return info


def core_properties(xml: bytes, when: datetime, description: str) -> bytes:
    root = etree.fromstring(xml)
    text = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    values = {
        f"{{{DCTERMS}}}created": text, f"{{{DCTERMS}}}modified": text, f"{{{CP}}}lastModifiedBy": "Prongsai",
        f"{{{CP}}}revision": "1", f"{{{DC}}}description": description,
    }
    for tag, value in values.items():
        element = root.find(tag)
        if element is None:
            element = etree.SubElement(root, tag)
        if tag.startswith(f"{{{DCTERMS}}}"):
            element.set(f"{{{XSI}}}type", "dcterms:W3CDTF")
        element.text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def fixed_docx(content: bytes, when: datetime, description: str) -> bytes:
    """The same document with fixed timestamps, core properties and zip metadata."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == CORE:
                data = core_properties(data, when, description)
            target.writestr(zip_entry(item.filename, when), data, compresslevel=6)
    return out.getvalue()


def fixed(documents: list[RenderedDocument], day: date, year: int | None) -> list[RenderedDocument]:
    """Every document of an edition with the edition's fixed timestamps."""
    when = stamp(day)
    description = f"Prongsai {__version__}" + (f" ฉบับปีงบประมาณ {year}" if year else "")
    return [replace(d, content=fixed_docx(d.content, when, description)) for d in documents]
