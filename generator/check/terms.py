"""The checker's tables (data/catalog/checker-terms.yaml) joined with the organisation-type catalog.

Everything a rule needs to know about words lives in data: the leftover patterns, each type's titles and short
forms, neutral words, official terms and the plan's required structure. Loaded once and cached.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pydantic import Field

from generator import catalog, paths
from generator.catalog import CatalogEntry, _parse, _read

Severity = Literal["error", "warning"]


class LeftoverPattern(CatalogEntry):
    code: str
    pattern: str
    severity: Severity
    th: str
    en: str
    fix_th: str = ""
    fix_en: str = ""


class TypeWords(CatalogEntry):
    titles: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


class Vocabulary(CatalogEntry):
    min_length: int
    min_count: int
    max_distance: dict[int, int]

    def allowed(self, length: int) -> int:
        """The edit distance tolerated for a word of this length (the entry for the largest length ≤ it)."""
        best = 0
        for at_least, distance in sorted(self.max_distance.items()):
            if length >= at_least:
                best = distance
        return best


class NumberedName(CatalogEntry):
    number: int
    name: str = ""
    title: str = ""
    variants: tuple[str, ...] = ()
    inline: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """The heading's wording and its variants, longest first (so a prefix never wins over the whole)."""
        return tuple(sorted({self.name or self.title, *self.variants}, key=len, reverse=True))


class PlanStructure(CatalogEntry):
    title_words: tuple[str, ...]
    front: tuple[str, ...]
    back: tuple[str, ...] = ()
    parts: tuple[NumberedName, ...]
    part_label: str
    dimension_label: str
    sheet_label: str
    part1_sections: tuple[NumberedName, ...]
    sheet_headings: tuple[NumberedName, ...]
    outcome_labels: tuple[str, ...]
    no_budget: tuple[str, ...]


class Terms(CatalogEntry):
    generic_nouns: tuple[str, ...]
    leftovers: tuple[LeftoverPattern, ...]
    dotted_line_heads: tuple[str, ...]
    type_words: dict[str, TypeWords]
    type_only_words: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    misnomers: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    type_neutral: tuple[str, ...]
    title_keywords: tuple[tuple[str, str], ...]
    addressee_heads: tuple[str, ...]
    proper_name_heads: tuple[str, ...]
    law_heads: tuple[str, ...]
    generic_continuations: tuple[str, ...]
    confusable_words: tuple[str, ...]
    official_terms: tuple[str, ...]
    name_heads: tuple[str, ...]
    person_titles: tuple[str, ...]
    vocabulary: Vocabulary
    plan: PlanStructure

    def person_name_regex(self) -> re.Pattern:
        """A personal title (นาย, นางสาว …) then a first name and a surname: a person's name, not words."""
        titles = "|".join(re.escape(t) for t in sorted(self.person_titles, key=len, reverse=True))
        return re.compile(rf"(?:{titles})\S+(?:\s+\S+)?")

    def leftover_regexes(self) -> list[tuple[LeftoverPattern, re.Pattern]]:
        generic = "|".join(re.escape(n) for n in sorted(self.generic_nouns, key=len, reverse=True))
        return [(p, re.compile(p.pattern.replace("{generic}", generic))) for p in self.leftovers]


@cache
def terms() -> Terms:
    path = paths.CATALOG_DIR / "checker-terms.yaml"
    return _parse(Terms, _read(path), path)


def fixed_part(pattern: str) -> str:
    """The literal text of a catalog pattern before its first {placeholder}: นายกองค์การบริหารส่วนตำบล{name} → นายกองค์การบริหารส่วนตำบล."""
    return pattern.split("{", 1)[0].strip()


# Title fields that name the organisation itself (not laws or supervisors, which another type may rightly cite).
SELF_FIELDS = (
    "full_name", "head", "deputy_head", "permanent_secretary", "deputy_permanent_secretary", "council",
    "council_president", "council_member", "staff", "teacher_staff", "personnel_commission", "main_office",
    "local_legislation",
)


@cache
def type_terms(key: str) -> dict[str, tuple[str, Severity]]:
    """Every word that belongs to one organisation type → (what it is, severity when used for another type)."""
    kind = next(t for t in catalog.org_types() if t.key == key)
    found: dict[str, tuple[str, Severity]] = {}
    for name in SELF_FIELDS:
        text = fixed_part(getattr(kind, name))
        if text:
            found[text] = (name, "error")
    found.setdefault(kind.label, ("label", "warning"))
    found.setdefault(kind.abbreviation, ("abbreviation", "warning"))
    extra = terms().type_words.get(key, TypeWords())
    for word in extra.titles:
        found.setdefault(word, ("title", "error"))
    for word in extra.words:
        found.setdefault(word, ("word", "warning"))
    for word in terms().type_only_words.get(key, ()):
        found.setdefault(word, ("abbreviation", "warning"))
    neutral = set(terms().type_neutral)
    return {w: v for w, v in found.items() if w not in neutral}


def full_name_prefix(key: str) -> str:
    kind = next(t for t in catalog.org_types() if t.key == key)
    return fixed_part(kind.full_name) if kind.has_own_name else kind.full_name
