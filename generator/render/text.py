"""Turning data text into document text: ${placeholders} filled from the profile, nested lists numbered."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from generator.model import ListItem, Organisation, Plan

_PLACEHOLDER = re.compile(r"\$\{([a-z_]+)\}")
LABELS = {1: "{n})", 2: "-", 3: "•"}


class Filler:
    """Fills ${org}, ${head}, ${staff} … in data text with this organisation's names and titles."""

    def __init__(self, org: Organisation, plan: Plan | None = None):
        titles = org.titles
        self.values = {
            **titles,
            "org": titles["full_name"],
            "org_name": org.name,
            "district": org.district,
            "province": org.province,
            "address": org.address,
            "postcode": org.postcode or "",
            **{k: v or "" for k, v in org.contacts.model_dump().items()},
        }
        if plan is not None:
            start, end = plan.period.start, plan.period.end
            self.values |= {
                "plan_start": str(start),
                "plan_end": str(end),
                "plan_period": str(start) if start == end else f"{start} – {end}",
                "plan_base_year": str(start - 1),
            }

    def __call__(self, text: str | None) -> str:
        if text is None:
            return ""
        return _PLACEHOLDER.sub(lambda m: self.values[m.group(1)], text)

    def all(self, texts: Iterable[str]) -> list[str]:
        return [self(t) for t in texts]


@dataclass(frozen=True)
class ListRow:
    """One line of a rendered list: its depth (0 = single unnumbered item), label and text."""

    level: int
    label: str
    text: str


def list_rows(items: list[ListItem], fill: Filler, *, numbered: str = "always", label: str = "{n})") -> list[ListRow]:
    """Flatten a nested list into rows; top-level items are numbered 1) 2) …, deeper ones get - and •.

    ``numbered="when-several"`` leaves a lone top-level item unnumbered, as the national template does for
    a single output or outcome.
    """
    if numbered == "when-several" and len(items) == 1 and not items[0].items:
        return [ListRow(0, "", fill(items[0].text))]
    rows: list[ListRow] = []

    def walk(entries: list[ListItem], level: int) -> None:
        for n, entry in enumerate(entries, start=1):
            mark = label.format(n=n) if level == 1 else LABELS[min(level, 3)]
            rows.append(ListRow(min(level, 3), mark, fill(entry.text)))
            walk(entry.items, level + 1)

    walk(items, 1)
    return rows


def plain_rows(texts: list[str], fill: Filler, label: str = "({n})") -> list[ListRow]:
    """Numbered rows for a flat list of texts: (1) (2) …"""
    return [ListRow(1, label.format(n=n), fill(t)) for n, t in enumerate(texts, start=1)]


def thai_join(parts: list[str]) -> str:
    """``ก ข และค``: the Thai way to list names."""
    if len(parts) <= 1:
        return "".join(parts)
    return " ".join(parts[:-1]) + " และ" + parts[-1]
