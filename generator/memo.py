"""Notes a build leaves for the next build of the same edition (its สารบัญ, its plan's layout): JSON kept in a
folder of the cache under a key, written atomically, the oldest forgotten beyond a number. Off with every other
cache (``paths.caches_on``)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from generator import paths


class Memos:
    def __init__(self, name: str, keep: int = 500):
        self.folder, self.keep = paths.CACHE_DIR / name, keep

    def read(self, key: str) -> object | None:
        """What was written under ``key``, or None (none, unreadable, or caches off)."""
        if not paths.caches_on():
            return None
        try:
            return json.loads(self._file(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write(self, key: str, value: object) -> None:
        if not paths.caches_on():
            return
        target = self._file(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".memo-", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(value, out, ensure_ascii=False)
        os.replace(tmp, target)
        kept = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in kept[: max(0, len(kept) - self.keep)]:
            old.unlink(missing_ok=True)

    def _file(self, key: str) -> Path:
        return self.folder / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"
