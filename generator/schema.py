"""JSON Schemas of the data files, so editors (VS Code's YAML extension and others) can autocomplete and warn.

The schemas are generated from the pydantic models; the organisation types come from the catalog.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator import catalog
from generator.model import Appendix, Organisation, Plan
from generator.model.internal_control import InternalControl

SCHEMAS = {
    "organisation.schema.json": Organisation,
    "plan.schema.json": Plan,
    "appendix.schema.json": Appendix,
    "internal-control.schema.json": InternalControl,
}


def schemas() -> dict[str, dict]:
    out = {}
    for filename, model in SCHEMAS.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[filename] = schema
    types = [alias for t in catalog.org_types() for alias in t.aliases]
    out["organisation.schema.json"]["properties"]["type"]["enum"] = types
    return out


def export(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, schema in schemas().items():
        path = folder / filename
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
