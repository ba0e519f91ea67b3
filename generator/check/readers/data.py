"""Organisation data: every text a clerk typed in organisation.yaml and plan.yaml, with its file, line and field.

Placeholders (${org}, ${head} …) are filled the way the build fills them, so the rules see the sentence that
will be printed, and a finding points at the YAML line to fix.
"""

from __future__ import annotations

from typing import Any, Iterator

from generator.check.document import Block, Document
from generator.load import OrganisationData, YamlSource
from generator.render.text import Filler

# Fields that are identifiers, settings or addresses, not text of the documents.
SKIP_KEYS = {"id", "code", "type", "framework", "unit", "responsible", "role", "digits", "font", "contacts",
             "postcode", "level", "kind"}


def _strings(node: Any, loc: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in SKIP_KEYS:
                continue
            yield from _strings(value, (*loc, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*loc, i))


def _is_person_name(loc: tuple) -> bool:
    return len(loc) >= 3 and loc[0] == "people" and loc[-1] == "name"


def data_documents(data: OrganisationData) -> list[Document]:
    fill = Filler(data.organisation, data.plan)
    docs = []
    for attr in ("organisation", "plan"):
        source: YamlSource | None = data.sources.get(attr)
        if source is None:
            continue
        doc = Document(name=source.path.name, kind="data", path=source.path)
        index = 0
        for loc, text in _strings(source.data, ()):
            if attr == "organisation" and (loc == ("name",) or _is_person_name(loc)):
                continue
            if not text.strip():
                continue
            index += 1
            doc.blocks.append(Block(fill(text), index, line=source.line(loc), field=source.field_path(loc)))
        docs.append(doc)
    return docs
