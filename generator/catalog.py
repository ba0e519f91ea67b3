"""The shared domain tables in ``data/catalog/``: organisation types, plan frameworks, month names.

They are data, not code: a wording fix or a new framework version is an edit to a YAML file. Each file is
loaded once, validated, and cached.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import ClassVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from generator import paths
from generator.errors import DataError, Problem


class CatalogEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Month(CatalogEntry):
    number: int
    full: str
    abbreviation: str


class OrgType(CatalogEntry):
    """Every word a document uses for one type of local government; patterns take {name}, {district}, {province}."""

    key: str
    label: str
    abbreviation: str
    aliases: tuple[str, ...]
    has_own_name: bool = True
    full_name: str
    head: str
    deputy_head: str
    permanent_secretary: str
    deputy_permanent_secretary: str
    council: str
    council_president: str
    council_member: str
    staff: str
    teacher_staff: str
    personnel_commission: str
    main_office: str
    local_legislation: str
    budget_act: str
    founding_law: str
    supervisor: str

    TITLE_FIELDS: ClassVar[tuple[str, ...]] = (
        "full_name", "head", "deputy_head", "permanent_secretary", "deputy_permanent_secretary", "council",
        "council_president", "council_member", "staff", "teacher_staff", "personnel_commission", "main_office",
        "local_legislation", "budget_act", "founding_law", "supervisor",
    )

    def titles(self, *, name: str, district: str, province: str) -> dict[str, str]:
        """All titles of this type, filled in for one organisation."""
        values = {"name": name, "district": district, "province": province}
        return {f: getattr(self, f).format(**values) for f in self.TITLE_FIELDS}


class FrameworkItem(CatalogEntry):
    code: str
    title: str


class Mission(CatalogEntry):
    code: str
    title: str
    items: tuple[FrameworkItem, ...]


class Dimension(CatalogEntry):
    code: str
    title: str
    missions: tuple[Mission, ...]


class Framework(CatalogEntry):
    """A versioned มิติ → ภารกิจ → sub-item tree of the national plan template."""

    id: str
    title: str
    title_lines: tuple[str, ...]
    project_kinds: tuple[str, ...]
    risk_levels: tuple[str, ...]
    dimensions: tuple[Dimension, ...]

    def locate(self, code: str) -> tuple[Dimension, Mission, FrameworkItem] | None:
        """The มิติ and ภารกิจ a sub-item code belongs to, or None when the code is not in the framework."""
        for dim in self.dimensions:
            for mission in dim.missions:
                for item in mission.items:
                    if item.code == code:
                        return dim, mission, item
        return None

    def item_codes(self) -> list[str]:
        return [i.code for d in self.dimensions for m in d.missions for i in m.items]


class ControlPrinciple(CatalogEntry):
    code: str
    text: str


class ControlComponent(CatalogEntry):
    code: str
    title: str
    principles: tuple[ControlPrinciple, ...]


class ControlForm(CatalogEntry):
    """One report form: the label printed top right (แบบ ปค. 1), its title, and the output file's name."""

    label: str
    title: str
    subtitle: str = ""
    file: str


class ControlForms(CatalogEntry):
    certification: ControlForm
    components: ControlForm
    evaluation: ControlForm
    follow_up: ControlForm
    review: ControlForm


class FollowUpCatalog(CatalogEntry):
    """The columns the follow-up form (แบบติดตาม ปค.๕) may show, the named column sets, and the statuses."""

    columns: dict[str, str]
    layouts: dict[str, tuple[str, ...]]
    default_layout: str
    statuses: dict[str, str]

    @model_validator(mode="after")
    def _layouts_use_known_columns(self):
        for name, keys in self.layouts.items():
            unknown = [k for k in keys if k not in self.columns]
            if unknown:
                raise ValueError(f"layout {name} uses unknown columns {unknown}")
        if self.default_layout not in self.layouts:
            raise ValueError(f"default_layout {self.default_layout!r} is not one of the layouts")
        return self


class ControlWording(CatalogEntry):
    """Words the reports put around data: patterns with {mission}, {text}, {date}, {status}, {progress}."""

    weakness: str
    due: str
    progress: str
    review_lists: dict[str, str]


class ControlCatalog(CatalogEntry):
    """The MOF 2561 internal-control criteria as one local government reports on them (ปค.๑, ปค.๔–ปค.๖)."""

    id: str
    criteria: str
    components: tuple[ControlComponent, ...]
    forms: ControlForms
    component_columns: dict[str, str]
    evaluation_columns: dict[str, str]
    follow_up: FollowUpCatalog
    wording: ControlWording

    @model_validator(mode="after")
    def _numbering(self):
        codes = self.principle_codes()
        if len(set(codes)) != len(codes):
            raise ValueError("principle codes must be unique")
        for component in self.components:
            for principle in component.principles:
                if not principle.code.startswith(f"{component.code}."):
                    raise ValueError(f"principle {principle.code} is not numbered under component {component.code}")
        return self

    def principle_codes(self) -> list[str]:
        """Every principle code in the order of the report: 1.1 … 5.2."""
        return [p.code for c in self.components for p in c.principles]

    def component_codes(self) -> list[str]:
        return [c.code for c in self.components]


def _read(path: Path) -> dict:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError([Problem("อ่านไฟล์แคตตาล็อกไม่ได้", f"cannot read catalog file: {exc}", file=path)]) from exc


def _parse(model: type[CatalogEntry], raw, path: Path, field: str = ""):
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = [
            Problem("แคตตาล็อกไม่ถูกต้อง", e["msg"], file=path, field=".".join(map(str, (field, *e["loc"]))).strip("."))
            for e in exc.errors()
        ]
        raise DataError(problems) from exc


@cache
def months() -> tuple[Month, ...]:
    path = paths.CATALOG_DIR / "months.yaml"
    return tuple(_parse(Month, m, path, f"months[{i}]") for i, m in enumerate(_read(path)["months"]))


@cache
def org_types() -> tuple[OrgType, ...]:
    path = paths.CATALOG_DIR / "org-types.yaml"
    return tuple(_parse(OrgType, t, path, f"types[{i}]") for i, t in enumerate(_read(path)["types"]))


def org_type(name: str) -> OrgType | None:
    """Resolve a type as a clerk writes it (อบต., เทศบาลตำบล, pao …)."""
    wanted = name.strip()
    return next((t for t in org_types() if wanted in t.aliases or wanted == t.key), None)


def framework_ids() -> list[str]:
    return sorted(p.stem.removeprefix("plan-framework-") for p in paths.CATALOG_DIR.glob("plan-framework-*.yaml"))


@cache
def framework(framework_id: str) -> Framework | None:
    path = paths.CATALOG_DIR / f"plan-framework-{framework_id}.yaml"
    if not path.is_file():
        return None
    return _parse(Framework, _read(path), path)


class AppendixLayout(CatalogEntry):
    emblem_height_cm: float
    emblem_top_cm: float
    frame_width_cm: float
    frame_text: str


class AppendixDocumentDefaults(CatalogEntry):
    """One kind of appendix document: title (file name, summary), template, and the data defaults it offers."""

    title: str
    template: str
    legal_basis: tuple[str, ...] = ()
    gift_limit: int | None = None
    report_days: int | None = None
    penalty: str | None = None
    response_days: int | None = None


class AppendixCatalog(CatalogEntry):
    """Defaults of the announcements and orders (data/catalog/appendix.yaml); appendix.yaml overrides them."""

    layout: AppendixLayout
    blank_date: str
    effective_now: str
    effective_from: str
    signing_modes: dict[str, str]
    delegation_subject: str
    unit_heads: str
    documents: dict[str, AppendixDocumentDefaults]
    legal_bases: dict[str, dict[str, tuple[str, ...]]]

    def legal_basis(self, org_type: str, key: str, *, province: str) -> list[str] | None:
        """A type-dependent legal basis (head_orders, head_delegation …), None when the catalog has none."""
        found = self.legal_bases.get(org_type, {}).get(key)
        return [text.format(province=province) for text in found] if found else None


@cache
def appendix() -> AppendixCatalog:
    path = paths.CATALOG_DIR / "appendix.yaml"
    return _parse(AppendixCatalog, _read(path), path)


@cache
def control_principles() -> ControlCatalog:
    """The internal-control components, principles and report forms (data/catalog/control-principles.yaml)."""
    path = paths.CATALOG_DIR / "control-principles.yaml"
    return _parse(ControlCatalog, _read(path), path)


class BundleCatalog(CatalogEntry):
    """The words of the assembled plan PDF: file name, bookmarks, page labels, metadata (data/catalog/bundle.yaml)."""

    file_name: str
    cover: str
    appendix: str
    appendix_label: str
    appendix_document: str
    title: str
    subject: str
    keywords: tuple[str, ...]


@cache
def bundle() -> BundleCatalog:
    path = paths.CATALOG_DIR / "bundle.yaml"
    return _parse(BundleCatalog, _read(path), path)
