"""Word-by-word differences of Thai text: pythainlp's newmm segmentation (Thai has no spaces between words, so
a character diff would cut words apart and a whitespace diff would see a whole sentence as one word)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

SAME, DELETED, INSERTED = "=", "-", "+"


@dataclass(frozen=True)
class Segment:
    op: str  # "=", "-" or "+"
    text: str


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


def diff(old: str, new: str) -> list[Segment]:
    """The new text as runs of unchanged, deleted and inserted words."""
    a, b = words(old), words(new)
    out: list[Segment] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(Segment(SAME, "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(Segment(DELETED, "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(Segment(INSERTED, "".join(b[j1:j2])))
    return out


def trimmed(segments: list[Segment], context: int = 6) -> list[Segment]:
    """Long unchanged runs shortened to a few words either side of a change (… in between); a text without a
    change (a note) is kept whole."""
    if all(seg.op == SAME for seg in segments):
        return segments
    out = []
    for i, seg in enumerate(segments):
        if seg.op != SAME:
            out.append(seg)
            continue
        parts = list(words(seg.text))
        if len(parts) <= 2 * context:
            out.append(seg)
            continue
        head = "".join(parts[:context]) if i > 0 else ""
        tail = "".join(parts[-context:]) if i < len(segments) - 1 else ""
        out.append(Segment(SAME, f"{head}…{tail}" if head or tail else "…"))
    return out
