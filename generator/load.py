"""YAML files → validated models, with every problem located by file, line and field path.

Parsing keeps the line of every mapping key and list item, so a pydantic error on
``('projects', 3, 'budget', 2566)`` becomes "plan.yaml line 212 · projects[p04].budget.2566".
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from generator.errors import DataError, Problem

Loc = tuple[Any, ...]


@dataclass
class YamlSource:
    """One parsed YAML file: its data and the line where each path starts."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int | None:
        """The line of the longest prefix of ``loc`` present in the file."""
        for end in range(len(loc), -1, -1):
            if (found := self.lines.get(tuple(loc[:end]))) is not None:
                return found
        return None

    def field_path(self, loc: Loc) -> str:
        """``projects[p04].budget.2566``: list items named by their id when they have one, else by 1-based number."""
        text, node = "", self.data
        for part in loc:
            if isinstance(node, list) and isinstance(part, int):
                item = node[part] if 0 <= part < len(node) else None
                label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else part + 1
                text += f"[{label}]"
                node = item
            elif isinstance(part, int) and not isinstance(node, dict):
                continue  # a single value the model took as a one-item list
            else:
                text += f".{part}" if text else str(part)
                node = node.get(part) if isinstance(node, dict) else None
        return text

    def problem(self, loc: Loc, th: str, en: str) -> Problem:
        return Problem(th, en, file=self.path, field=self.field_path(loc), line=self.line(loc))


class DatesAsText(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when there: 10× faster
    """YAML without implicit dates: ``2566-12-15`` stays text, so a Buddhist-Era date is the model's to read
    (and an impossible date such as 2022-02-30 is a located problem, not a crash)."""


DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> YamlSource:
    """Parse a YAML file, remembering lines; a syntax error becomes a located Problem."""
    if not path.is_file():
        raise DataError([Problem("ไม่พบไฟล์", "file not found", file=path)])
    try:
        text = path.read_text(encoding="utf-8")
        loader = DatesAsText(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except UnicodeDecodeError as exc:
        raise DataError([Problem("ไฟล์ต้องบันทึกเป็น UTF-8", f"file must be saved as UTF-8 ({exc.reason})", file=path)])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError([
            Problem(
                "รูปแบบ YAML ไม่ถูกต้อง (ตรวจการเยื้องบรรทัด เครื่องหมาย : และเครื่องหมายคำพูด)",
                f"malformed YAML: {getattr(exc, 'problem', None) or exc}",
                file=path,
                line=mark.line + 1 if mark else None,
            )
        ]) from exc
    if not isinstance(data, dict):
        raise DataError([Problem("ไฟล์ว่างหรือไม่ใช่กลุ่มข้อมูล ชื่อ: ค่า", "file is empty or not a mapping", file=path)])
    source = YamlSource(path, data)
    _record_lines(node, (), source.lines)
    return source


def _record_lines(node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = _scalar_key(key_node)
            lines[(*loc, key)] = key_node.start_mark.line + 1
            _record_lines(value_node, (*loc, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, (*loc, i), lines)


def _scalar_key(node: yaml.Node) -> Any:
    """Keys the way pydantic reports them: 2566 stays an int."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.tag == "tag:yaml.org,2002:int":
        try:
            return int(node.value)
        except ValueError:
            return node.value
    return node.value


def parse(model: type[BaseModel], source: YamlSource, **context: Any) -> BaseModel:
    """Validate a source against a model, translating every error into a clerk-readable Problem."""
    try:
        return model.model_validate(source.data, context=context or None)
    except ValidationError as exc:
        raise DataError([_problem(model, source, err) for err in exc.errors()]) from exc


# pydantic error type → (Thai, English); {…} fields come from the error's context.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("ต้องกรอกข้อมูลช่องนี้", "this field is required"),
    "int_type": ("ต้องเป็นตัวเลขจำนวนเต็ม เช่น 5000 (ไม่ใส่จุลภาค ไม่ใส่หน่วย ไม่ใช่ข้อความ)",
                 "must be a whole number such as 5000 (no commas, no units, not text)"),
    "int_parsing": ("ต้องเป็นตัวเลขจำนวนเต็ม เช่น 5000 (ไม่ใส่จุลภาค ไม่ใส่หน่วย ไม่ใช่ข้อความ)",
                    "must be a whole number such as 5000 (no commas, no units, not text)"),
    "int_from_float": ("ต้องเป็นจำนวนเต็ม", "must be a whole number"),
    "float_type": ("ต้องเป็นตัวเลข", "must be a number"),
    "float_parsing": ("ต้องเป็นตัวเลข", "must be a number"),
    "greater_than_equal": ("ต้องไม่น้อยกว่า {ge} (ห้ามติดลบ)", "must be at least {ge} (no negative values)"),
    "less_than_equal": ("ต้องไม่มากกว่า {le}", "must be at most {le}"),
    "string_type": ("ต้องเป็นข้อความ", "must be text"),
    "string_too_short": ("ต้องไม่เว้นว่าง", "must not be empty"),
    "too_short": ("ต้องมีอย่างน้อย {min_length} รายการ", "needs at least {min_length} item(s)"),
    "string_pattern_mismatch": ("รูปแบบไม่ถูกต้อง", "wrong format (expected {pattern})"),
    "list_type": ("ต้องเป็นรายการ (แต่ละบรรทัดขึ้นต้นด้วย - )", "must be a list (one '- ' line per item)"),
    "dict_type": ("ต้องเป็นกลุ่มข้อมูลแบบ ชื่อ: ค่า", "must be a mapping of name: value"),
    "model_type": ("ต้องเป็นกลุ่มข้อมูลแบบ ชื่อ: ค่า", "must be a mapping of name: value"),
    "model_attributes_type": ("ต้องเป็นกลุ่มข้อมูลแบบ ชื่อ: ค่า", "must be a mapping of name: value"),
    "literal_error": ("ต้องเป็นหนึ่งใน {expected}", "must be one of {expected}"),
    "enum": ("ต้องเป็นหนึ่งใน {expected}", "must be one of {expected}"),
    "bool_type": ("ต้องเป็น true หรือ false", "must be true or false"),
    "bool_parsing": ("ต้องเป็น true หรือ false", "must be true or false"),
    "date_type": ("ต้องเป็นวันที่แบบ ปปปป-ดด-วว (ค.ศ.) เช่น 2022-10-01", "must be a date YYYY-MM-DD (CE), e.g. 2022-10-01"),
    "date_from_datetime_parsing": ("ต้องเป็นวันที่แบบ ปปปป-ดด-วว (ค.ศ.)", "must be a date YYYY-MM-DD (CE)"),
}


def _problem(model: type[BaseModel], source: YamlSource, err: dict) -> Problem:
    kind, ctx, loc = err["type"], err.get("ctx") or {}, tuple(err["loc"])
    if kind.startswith("prongsai_"):
        th, _, en = err["msg"].partition(" / ")
        return source.problem(loc, th, en or th)
    if kind == "extra_forbidden":
        return source.problem(loc, *_unknown_field(model, loc))
    given = err.get("input")
    if kind in ("too_short", "string_too_short") and isinstance(given, str):
        kind = "string_too_short"
    th, en = MESSAGES.get(kind, (err["msg"], err["msg"]))
    try:
        th, en = th.format(**ctx), en.format(**ctx)
    except (KeyError, IndexError):
        pass
    if kind not in ("missing",) and isinstance(given, (str, int, float)) and not isinstance(given, bool):
        en += f" (got {given!r})"
    return source.problem(loc, th, en)


def _unknown_field(model: type[BaseModel], loc: Loc) -> tuple[str, str]:
    allowed = _fields_at(model, loc[:-1])
    name = str(loc[-1])
    close = difflib.get_close_matches(name, allowed, n=1)
    hint_th = f" หมายถึง '{close[0]}' หรือไม่?" if close else ""
    hint_en = f" did you mean '{close[0]}'?" if close else ""
    listing = ", ".join(allowed)
    return (
        f"ไม่รู้จักช่อง '{name}'{hint_th} ช่องที่ใช้ได้: {listing}",
        f"unknown field '{name}';{hint_en} allowed: {listing}",
    )


def _fields_at(model: Any, loc: Loc) -> list[str]:
    """Field names of the model reached by following ``loc`` through nested models, lists and dicts."""
    current = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            current = info.annotation if info else None
        elif typing.get_origin(current) in (list, tuple):
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(tp: Any) -> Any:
    """Strip Annotated, Optional and single-model unions down to the type that holds fields."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = models[0] if models else args[0]
        else:
            return tp


@dataclass
class OrganisationData:
    """Everything in one organisation's data folder, parsed and validated field by field."""

    folder: Path
    organisation: Any = None
    plan: Any = None
    appendix: Any = None  # None when the folder has no appendix.yaml
    sources: dict[str, YamlSource] = field(default_factory=dict)
    # One internal-control assessment per file, keyed like ``sources`` by the file's stem (internal-control-2566).
    internal_control: dict[str, Any] = field(default_factory=dict)
    edition: Any = None  # generator.edition.layout.Edition: which year, and where each file was read from
    info: Any = None  # the edition's edition.yaml (EditionInfo), None in a flat folder

    @property
    def slug(self) -> str:
        return self.folder.resolve().name

    @property
    def year(self) -> int | None:
        """The edition's fiscal year; a flat folder's is the plan's first year."""
        if self.info is not None:
            return self.info.year
        if self.edition is not None and self.edition.year is not None:
            return self.edition.year
        return self.plan.period.start if self.plan is not None else None

    @property
    def default_date(self):
        """The date of a document that names none: the edition's date, else 1 October starting its fiscal year."""
        from generator import thai

        if self.info is not None and self.info.date is not None:
            return self.info.date
        return thai.fiscal_year_start(self.year) if self.year else None


def load_organisation(folder: Path, edition: int | None = None) -> tuple[OrganisationData, list[Problem]]:
    """Parse every file of one edition (default: the latest); return what parsed and every problem met."""
    from generator.edition import layout
    from generator.model import Organisation, Plan

    data, problems = OrganisationData(folder=folder), []
    if not folder.is_dir():
        return data, [Problem("ไม่พบโฟลเดอร์ข้อมูลองค์กร", "organisation data folder not found", file=folder)]
    try:
        data.edition = files = layout.find(folder, edition)
    except DataError as exc:
        return data, exc.problems
    problems += _load_edition_info(data)
    for filename, attr, model in (("organisation.yaml", "organisation", Organisation), ("plan.yaml", "plan", Plan)):
        try:
            source = read_yaml(files.path(filename))
            data.sources[attr] = source
            setattr(data, attr, parse(model, source))
        except DataError as exc:
            problems += exc.problems
    if files.path("appendix.yaml").is_file():
        from generator.model import Appendix

        try:
            data.sources["appendix"] = read_yaml(files.path("appendix.yaml"))
            data.appendix = parse(Appendix, data.sources["appendix"])
        except DataError as exc:
            problems += exc.problems
    problems += _load_internal_control(data)
    return data, problems


INTERNAL_CONTROL_FILES = "internal-control-*.yaml"


def _load_edition_info(data: OrganisationData) -> list[Problem]:
    """``edition.yaml`` of an edition folder (a flat folder has none)."""
    from generator.model.edition import EditionInfo

    path = data.edition.edition_file
    if path is None:
        return []
    try:
        data.sources["edition"] = read_yaml(path)
        data.info = parse(EditionInfo, data.sources["edition"])
    except DataError as exc:
        return exc.problems
    return []


def _load_internal_control(data: OrganisationData) -> list[Problem]:
    """Every ``internal-control-<year>.yaml`` of the folder; they are optional."""
    from generator.model.internal_control import InternalControl

    problems: list[Problem] = []
    for path in data.edition.internal_control_files():
        try:
            source = read_yaml(path)
            data.sources[path.stem] = source
            data.internal_control[path.stem] = parse(InternalControl, source)
        except DataError as exc:
            problems += exc.problems
    return problems
