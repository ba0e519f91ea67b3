"""Where the project's own files live: catalogs, templates, built-in examples, the default output folder, the
caches."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("PRONGSAI_HOME", Path(__file__).resolve().parent.parent))
CATALOG_DIR = ROOT / "data" / "catalog"
EXAMPLES_DIR = ROOT / "data" / "examples"
TEMPLATES_DIR = ROOT / "templates"
OUTPUT_DIR = ROOT / "output"
DEFAULT_EXAMPLE = EXAMPLES_DIR / "bueng-prue"
CACHE_DIR = ROOT / ".cache"


def caches_on() -> bool:
    """PRONGSAI_CONVERT_CACHE=0 turns every cache off, neither read nor written (benchmarks of cold builds)."""
    return os.environ.get("PRONGSAI_CONVERT_CACHE", "1") != "0"
