"""Where an edition's data lives in the organisation folder.

    <org>/organisation.yaml, plan.yaml      shared: the current profile and plan, inherited by every edition
    <org>/templates/, assets/ …             shared: own templates, the emblem
    <org>/editions/<ปี>/edition.yaml        the edition: year, date, based_on, the clerk's review list
    <org>/editions/<ปี>/appendix.yaml       that year's announcements and orders (dates, numbers, signers)
    <org>/editions/<ปี>/internal-control-<ปี>.yaml   that year's internal-control reports
    <org>/editions/<ปี>/organisation.yaml, plan.yaml  optional own copies: they take precedence over the shared
                                            files (`edition new` and `edition issue` write them, so that editing the
                                            shared files for a later year never changes an earlier edition)
    <org>/editions/<ปี>/manifest.json       written by `edition issue`: the edition is frozen

A folder without ``editions/`` (the layout before editions existed) is one edition whose year is the plan's
first fiscal year, every file read from the folder itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import DataError, Problem

EDITIONS = "editions"
EDITION_FILE = "edition.yaml"
MANIFEST = "manifest.json"
SHARED_FILES = ("organisation.yaml", "plan.yaml")
APPENDIX_FILE = "appendix.yaml"
INTERNAL_CONTROL_FILES = "internal-control-*.yaml"
OWN_FOLDERS = ("templates", "assets")  # shared non-YAML data whose files belong to every edition's data hash
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Edition:
    """One edition of an organisation: its year and where each of its data files is read from."""

    org: Path
    year: int | None  # None only for a flat folder whose plan could not be read
    folder: Path | None  # editions/<ปี>; None for a flat folder

    @property
    def flat(self) -> bool:
        return self.folder is None

    @property
    def home(self) -> Path:
        """The folder holding the edition's own files."""
        return self.folder if self.folder is not None else self.org

    def path(self, name: str) -> Path:
        """The file a data name is read from: the edition's own copy, else the organisation's shared file."""
        own = self.home / name
        if own.is_file() or name not in SHARED_FILES:
            return own
        return self.org / name

    def owns(self, name: str) -> bool:
        return self.folder is not None and (self.folder / name).is_file()

    def inherited(self) -> list[str]:
        """The shared files this edition reads from the organisation folder."""
        return [name for name in SHARED_FILES if not self.owns(name) and (self.org / name).is_file()]

    def internal_control_files(self) -> list[Path]:
        return sorted(self.home.glob(INTERNAL_CONTROL_FILES))

    @property
    def edition_file(self) -> Path | None:
        return self.folder / EDITION_FILE if self.folder is not None else None

    @property
    def manifest(self) -> Path:
        return self.home / (MANIFEST if self.folder is not None else f"manifest-{self.year}.json")

    @property
    def issued(self) -> bool:
        return self.manifest.is_file()

    def data_files(self) -> dict[str, Path]:
        """Every file the edition is built from, by the name it has inside the edition (own copies and shared
        files alike), so the data hash does not change when a shared file is copied into the edition."""
        files = {name: self.path(name) for name in (*SHARED_FILES, APPENDIX_FILE)}
        if self.edition_file is not None:
            files[EDITION_FILE] = self.edition_file
        files.update({p.name: p for p in self.internal_control_files()})
        for folder in OWN_FOLDERS:
            for path in sorted((self.org / folder).rglob("*")):
                if path.is_file():
                    files[path.relative_to(self.org).as_posix()] = path
        return {name: path for name, path in sorted(files.items()) if path.is_file()}


def years(org: Path) -> list[int]:
    """The years of the organisation's editions, oldest first (empty for a flat folder)."""
    root = org / EDITIONS
    if not root.is_dir():
        return []
    return sorted(int(p.name) for p in root.iterdir() if p.is_dir() and _YEAR.match(p.name))


def editions(org: Path) -> list[Edition]:
    found = years(org)
    if not found:
        return [Edition(org, _flat_year(org), None)]
    return [Edition(org, year, org / EDITIONS / str(year)) for year in found]


def find(org: Path, year: int | None = None) -> Edition:
    """The edition of that year, or the latest; an unknown year is a located problem (exit 2)."""
    available = editions(org)
    if year is None:
        return available[-1]
    for edition in available:
        if edition.year == year:
            return edition
    known = ", ".join(str(e.year) for e in available if e.year) or "-"
    where = org / EDITIONS if years(org) else org
    raise DataError([Problem(
        f"ไม่มีฉบับปีงบประมาณ {year} (มี: {known}) เริ่มฉบับใหม่ด้วย prongsai edition new {org} --year {year}",
        f"there is no edition {year} (editions: {known}); start one with prongsai edition new {org} --year {year}",
        file=where,
    )])


def _flat_year(org: Path) -> int | None:
    """A flat folder's year: the plan's first fiscal year (what the output folder was named before editions)."""
    from generator.load import read_yaml

    try:
        start = read_yaml(org / "plan.yaml").data.get("period", {}).get("start")
    except (DataError, AttributeError):
        return None
    return start if isinstance(start, int) else None
