"""``prongsai edition new``: the next fiscal year's edition, started from the latest one.

What the tool can carry over, it does: every date of the announcements, orders and reports moves by the number
of years; order numbers restart at 1 in each calendar year (the clerk replaces them with the numbers of the
organisation's order register); last year's ปค.๕ improvements become this year's follow-up form (แบบติดตาม
ปค.๕); people and budgets stay as they are. What only the clerk knows is listed in ``to_review`` of the new
edition.yaml and printed; `edition issue` refuses while that list is not empty.

The working-group order is left alone: it appoints the group that prepared the plan, so it belongs to the plan
and keeps its date and number.

The YAML files are edited with ruamel.yaml's round trip, so the clerk's comments and layout survive.
"""

from __future__ import annotations

import copy
import io
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator import appendix as ax
from generator import thai, validate
from generator.edition import layout
from generator.errors import DataError, Problem
from generator.load import OrganisationData

SCHEMA_COMMENT = re.compile(r"(\$schema=)(?:\.\./)+schema/")
NOT_FOLLOWED_UP = "ยังไม่ได้ติดตามผล"
CARRIED_COLUMNS = ("mission", "existing_control", "remaining_risk", "improvement", "responsible", "due")


@dataclass
class Change:
    th: str
    en: str


@dataclass
class NewEdition:
    year: int
    based_on: int
    folder: Path
    written: list[Path] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    review: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the new edition's data problems, if any


class DateText(str):
    """A date exactly as the clerk wrote it. ruamel would read ``2567-02-29`` as a Python date of the year 2567
    (not a leap year, so an error); like the loader (DatesAsText), the edition files keep dates as text."""


def _yaml():
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.representer import RoundTripRepresenter

    class Constructor(RoundTripConstructor):
        pass

    class Representer(RoundTripRepresenter):
        pass

    timestamp = "tag:yaml.org,2002:timestamp"
    Constructor.add_constructor(timestamp, lambda _, node: DateText(node.value))
    Representer.add_representer(DateText, lambda r, value: r.represent_scalar(timestamp, str(value)))
    yaml = YAML()
    yaml.Constructor, yaml.Representer = Constructor, Representer
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def shifted(value, years: int):
    """A date as the clerk wrote it, ``years`` later: a date stays a date, text keeps its form (๒๕๖๕ too)."""
    if isinstance(value, date):
        try:
            return value.replace(year=value.year + years)
        except ValueError:  # 29 February
            return value.replace(year=value.year + years, day=28)
    if isinstance(value, str):
        arabic = thai.arabic_digits(value)
        found = list(re.finditer(r"\d{4}", arabic))
        if found:
            last = found[-1]
            moved = _no_29_february(arabic[:last.start()] + str(int(last.group()) + years) + arabic[last.end():])
            moved = thai.thai_digits(moved) if arabic != value else moved
            return DateText(moved) if isinstance(value, DateText) else moved
    return value


def _no_29_february(text: str) -> str:
    """``2568-02-29`` (not a leap year) becomes ``2568-02-28``; BE years (from 2400) are checked as CE."""
    iso, slashed = re.fullmatch(r"(\d{4})-0?2-29", text), re.fullmatch(r"29/0?2/(\d{4})", text)
    found = iso or slashed
    if found:
        year = int(found.group(1))
        ce = year - thai.BE_OFFSET if year >= 2400 else year
        if not (ce % 4 == 0 and (ce % 100 != 0 or ce % 400 == 0)):
            return text.replace("29", "28", 1) if slashed else text[:-2] + "28"
    return text


def migrate(org: Path) -> tuple[int, list[Path]]:
    """Turn a flat folder into the editions layout: its appendix and internal-control files move into
    ``editions/<plan's first year>/`` with a new edition.yaml."""
    year = layout.editions(org)[0].year
    if year is None:
        raise DataError([Problem("อ่านปีเริ่มต้นของแผน (period.start) ใน plan.yaml ไม่ได้", "cannot read period.start of plan.yaml",
                                 file=org / "plan.yaml")])
    target = org / layout.EDITIONS / str(year)
    target.mkdir(parents=True)
    moved = []
    for path in [org / layout.APPENDIX_FILE, *sorted(org.glob(layout.INTERNAL_CONTROL_FILES))]:
        if path.is_file():
            text = SCHEMA_COMMENT.sub(lambda m: m.group(1) + "../../../../schema/", path.read_text(encoding="utf-8"))
            (target / path.name).write_text(text, encoding="utf-8")
            path.unlink()
            moved.append(target / path.name)
    (target / layout.EDITION_FILE).write_text(edition_yaml(year, None, []), encoding="utf-8")
    return year, [*moved, target / layout.EDITION_FILE]


def edition_yaml(year: int, based_on: int | None, review: list[Change], day=None) -> str:
    lines = [
        "# yaml-language-server: $schema=../../../../schema/edition.schema.json",
        f"# ฉบับปีงบประมาณ พ.ศ. {year}: ประกาศและคำสั่ง (appendix.yaml) และรายงานการควบคุมภายใน (internal-control-{year}.yaml)",
        "# ของปีนี้อยู่ในโฟลเดอร์นี้; organisation.yaml และ plan.yaml ที่โฟลเดอร์องค์กรใช้ร่วมกัน (สำเนาในโฟลเดอร์นี้มีผลก่อน)",
        f"year: {year}",
    ]
    if day is not None:
        lines.append(f"date: {day}")
    if based_on is not None:
        lines.append(f"based_on: {based_on}              # เริ่มจากฉบับปี {based_on}")
    if review:
        lines.append("# ตรวจทานแต่ละรายการแล้วลบออก; prongsai edition issue จะไม่ออกฉบับจนกว่ารายการนี้จะว่าง")
        lines.append("to_review:")
        lines += [f"  - {_quoted(item.th)}" for item in review]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _pin(editions: list[layout.Edition]) -> list[Path]:
    """Give every existing edition its own copy of the shared files it reads, so that editing them for the
    new year changes no earlier edition."""
    pinned = []
    for edition in editions:
        for name in edition.inherited():
            shutil.copyfile(edition.org / name, edition.folder / name)
            pinned.append(edition.folder / name)
    return pinned


def start(org: Path, year: int) -> NewEdition:
    """Create ``editions/<year>/`` from the latest edition; see the module docstring."""
    migrated: list[Path] = []
    if not layout.years(org):
        _, migrated = migrate(org)
    existing = layout.years(org)
    where = org / layout.EDITIONS
    if year in existing:
        raise DataError([Problem(f"มีฉบับปีงบประมาณ {year} อยู่แล้ว", f"edition {year} already exists", file=where / str(year))])
    if year < existing[-1]:
        raise DataError([Problem(f"ฉบับใหม่ต้องเป็นปีหลังฉบับล่าสุด ({existing[-1]})",
                                 f"a new edition must come after the latest one ({existing[-1]})", file=where)])
    source = validate.load_valid(org, existing[-1])
    years = year - source.year
    result = NewEdition(year, source.year, where / str(year), written=list(migrated))
    if migrated:
        result.changes.append(Change(f"ย้าย appendix.yaml และไฟล์การควบคุมภายในไปไว้ในฉบับ {source.year} ({where / str(source.year)})",
                                     f"moved appendix.yaml and the internal-control files into edition {source.year}"))
    target = result.folder
    target.mkdir(parents=True)
    for name in layout.SHARED_FILES:
        if source.edition.owns(name):
            shutil.copyfile(source.edition.path(name), target / name)
            result.written.append(target / name)
            result.changes.append(Change(f"{name}: ใช้สำเนาของฉบับ {source.year} (ฉบับนั้นมีสำเนาของตนเอง)",
                                         f"{name}: copied from edition {source.year}, which has its own copy"))
    pinned = _pin([e for e in layout.editions(org) if e.year != year])
    if pinned:
        names = ", ".join(sorted({p.name for p in pinned}))
        result.changes.append(Change(
            f"เก็บสำเนา {names} ไว้ในฉบับเดิมแล้ว: แก้ไขไฟล์ที่โฟลเดอร์องค์กรสำหรับปี {year} ได้โดยฉบับเดิมไม่เปลี่ยน",
            f"earlier editions keep their own copy of {names}: edit the shared files for {year} without changing them"))
    if source.appendix is not None:
        _new_appendix(source, result, years)
    for key in source.internal_control:
        _new_internal_control(source, key, result, years)
    _review_people_and_budgets(source, result)
    day = shifted(source.info.date, years) if source.info is not None and source.info.date else None
    day = f"{thai.be_year(day.year)}-{day.month:02d}-{day.day:02d}" if day else None
    (target / layout.EDITION_FILE).write_text(edition_yaml(year, source.year, result.review, day), encoding="utf-8")
    result.written.append(target / layout.EDITION_FILE)
    _, result.problems = _problems(org, year)
    return result


def _problems(org: Path, year: int) -> tuple[OrganisationData | None, list[Problem]]:
    try:
        return validate.load_valid(org, year), []
    except DataError as exc:
        return None, exc.problems


# --- appendix.yaml -------------------------------------------------------------------------------------------

def _at(node, loc):
    for part in loc:
        node = node[part]
    return node


def _new_appendix(source: OrganisationData, result: NewEdition, years: int) -> None:
    yaml = _yaml()
    path = source.edition.path(layout.APPENDIX_FILE)
    doc = yaml.load(path.read_text(encoding="utf-8"))
    appendix, plan = source.appendix, source.plan
    new_default = thai.fiscal_year_start(result.year)
    if source.info is not None and source.info.date:
        new_default = shifted(source.info.date, years)
    if doc.get("date") is not None:
        doc["date"] = shifted(doc["date"], years)
    planned = ax.planned_documents(appendix)
    moved: list[tuple[ax.PlannedDocument, date, date]] = []
    for doc_plan in planned:
        node = _at(doc, doc_plan.loc) if _at_exists(doc, doc_plan.loc) else None
        old = ax.issue_date(doc_plan, appendix, plan, source.default_date)
        if doc_plan.key == "working_group":
            result.changes.append(Change(f"{doc_plan.defaults.title}: คงวันที่และเลขที่เดิม (เป็นคำสั่งของแผน ไม่ใช่ของปีงบประมาณ)",
                                         f"{doc_plan.key}: date and number kept (it belongs to the plan, not to the year)"))
            continue
        for key in ("date", "effective"):
            if node is not None and hasattr(node, "get") and node.get(key) is not None:
                node[key] = shifted(node[key], years)
        new = shifted(doc_plan.data.date, years) if doc_plan.data.date else (
            shifted(appendix.date, years) if appendix.date else new_default)
        moved.append((doc_plan, old, new))
        if doc_plan.kind == "announcement":
            result.changes.append(Change(f"{doc_plan.defaults.title}: {thai.thai_date(old)} → {thai.thai_date(new)}",
                                         f"{doc_plan.key}: {old} → {new}"))
    _renumber_orders(doc, moved, result)
    target = result.folder / layout.APPENDIX_FILE
    out = io.StringIO()
    yaml.dump(doc, out)
    target.write_text(out.getvalue(), encoding="utf-8")
    result.written.append(target)
    result.review.append(Change(
        "ตรวจวันที่ของประกาศและคำสั่งใน appendix.yaml และผู้ลงนาม",
        "check the dates and signers of the announcements and orders in appendix.yaml"))


def _at_exists(doc, loc) -> bool:
    try:
        _at(doc, loc)
        return True
    except (KeyError, IndexError, TypeError):
        return False


def _renumber_orders(doc, moved, result: NewEdition) -> None:
    """Order numbers restart at 1 in each calendar year, in date order (then filing order)."""
    orders = [(new, i, d, old) for i, (d, old, new) in enumerate(moved) if d.kind == "order"]
    counters: dict[int, int] = {}
    for new, _, doc_plan, old in sorted(orders, key=lambda t: (t[0], t[1])):
        be = thai.be_year(new.year)
        counters[be] = counters.get(be, 0) + 1
        _at(doc, doc_plan.loc)["number"] = counters[be]
        before = ax.order_number(doc_plan, old)
        result.changes.append(Change(
            f"{doc_plan.defaults.title} ที่ {before} → ที่ {counters[be]}/{be} ลงวันที่ {thai.thai_date(new)}",
            f"{doc_plan.key} order {before} → {counters[be]}/{be} dated {new}"))
    if orders:
        result.review.append(Change(
            "เลขที่คำสั่งเริ่มนับ 1 ใหม่ตามปีปฏิทิน: แก้ number ใน appendix.yaml เป็นเลขในทะเบียนคำสั่งขององค์กร",
            "order numbers restart at 1 in each calendar year: replace them (number in appendix.yaml) with the "
            "numbers of the organisation's order register"))


# --- internal-control-<year>.yaml ----------------------------------------------------------------------------

def _new_internal_control(source: OrganisationData, key: str, result: NewEdition, years: int) -> None:
    yaml = _yaml()
    old_path = source.sources[key].path
    doc = yaml.load(old_path.read_text(encoding="utf-8"))
    report = source.internal_control[key]
    doc["year"] = report.year + years
    for block in (doc, *(doc.get(k) for k in ("certification", "components", "evaluation", "follow_up", "review"))):
        if hasattr(block, "get") and block.get("date") is not None:
            block["date"] = shifted(block["date"], years)
    items = _follow_up_items(doc, report)  # before the due dates move: the follow-up keeps last year's
    dues = 0
    for mission in doc["evaluation"]["missions"]:
        for row in mission["risks"]:
            if row.get("due") is not None:
                row["due"] = shifted(row["due"], years)
                dues += 1
    _set_follow_up(doc, report, items)
    name = f"internal-control-{report.year + years}.yaml"
    out = io.StringIO()
    yaml.dump(doc, out)
    (result.folder / name).write_text(out.getvalue(), encoding="utf-8")
    result.written.append(result.folder / name)
    result.changes.append(Change(
        f"{name}: จาก {old_path.name} วันที่ลงนามและกำหนดเสร็จ ({dues} รายการ) เลื่อน {years} ปี; "
        f"แบบติดตาม ปค.๕ มี {len(items)} รายการจากการปรับปรุงใน ปค.๕ ปี {report.year}",
        f"{name}: from {old_path.name}, signing dates and {dues} due date(s) moved by {years} year(s); the follow-up "
        f"form lists the {len(items)} improvement(s) of {report.year}'s ปค.๕"))
    result.review += [
        Change(f"เขียนผลการประเมิน ปค.๔ และ ปค.๕ ของปี {report.year + years} (ยังเป็นข้อความของปี {report.year})",
               f"write the ปค.๔ and ปค.๕ assessments of {report.year + years} (still {report.year}'s text)"),
        Change(f"กรอกสถานะและผลการติดตามในแบบติดตาม ปค.๕ ({len(items)} รายการ ขณะนี้เป็น ยังไม่ได้ดำเนินการ)",
               f"fill in status and monitoring of the follow-up form ({len(items)} item(s), now not started)"),
        Change("ตรวจผลการสอบทาน ข้อตรวจพบ และข้อเสนอแนะของ ปค.๖ และผลสรุป (conclusion)",
               "check ปค.๖'s review, observations and recommendations, and the conclusion"),
    ]


def _follow_up_items(doc, report) -> list[dict]:
    """Last year's improvements (rows of ปค.๕ with an improvement), as they were written, not yet followed up."""
    from generator.model.internal_control import FollowUp

    layout_keys = (report.follow_up.column_keys() if report.follow_up is not None
                   else FollowUp(items=[{"mission": "-", "status": "not_started"}]).column_keys())
    items = []
    for mission, raw_mission in zip(report.evaluation.missions, doc["evaluation"]["missions"]):
        for row, raw in zip(mission.risks, raw_mission["risks"]):
            if not row.improvement:
                continue
            item = {"mission": raw_mission["name"]}
            for column in CARRIED_COLUMNS[1:]:
                if raw.get(column) is not None:
                    item[column] = copy.deepcopy(raw[column])
            item["status"] = "not_started"
            for column in layout_keys:
                if column not in item and column not in ("status",):
                    item[column] = NOT_FOLLOWED_UP if column in ("monitoring", "problems") else "-"
            items.append(item)
    return items


def _set_follow_up(doc, report, items: list[dict]) -> None:
    if not items:
        doc.pop("follow_up", None)
        return
    follow = {"year": report.year}
    if report.follow_up is not None and report.follow_up.columns is not None:
        follow["columns"] = report.follow_up.columns
    follow["items"] = items
    doc["follow_up"] = follow


# --- people and budgets stay; the clerk is told what to look at -----------------------------------------------

def _review_people_and_budgets(source: OrganisationData, result: NewEdition) -> None:
    org, plan, year = source.organisation, source.plan, result.year
    heads = ", ".join(f"{p.name} ({org.position_of(p)})" for p in org.people[:3])
    result.review.append(Change(
        f"ตรวจรายชื่อและตำแหน่งบุคลากรใน organisation.yaml ({len(org.people)} คน เช่น {heads})",
        f"check the people and positions in organisation.yaml ({len(org.people)} people)"))
    if year in plan.period:
        total = sum(p.amount(year) for p in plan.projects)
        result.review.append(Change(
            f"ตรวจงบประมาณปี {year} ใน plan.yaml (รวม {thai.number(total)} บาท จาก {len(plan.projects)} โครงการ) "
            "และโครงการที่เพิ่มหรือยกเลิก (แผนฯ ฉบับปรับปรุง)",
            f"check the {year} budgets in plan.yaml (total {thai.number(total)} baht over {len(plan.projects)} "
            "projects) and projects added or cancelled (revised plan)"))
    else:
        result.review.append(Change(
            f"ปี {year} อยู่นอกช่วงแผน {plan.period.start}–{plan.period.end}: ต้องจัดทำแผนฉบับใหม่ (plan.yaml)",
            f"{year} lies outside the plan period {plan.period.start}–{plan.period.end}: a new plan is needed"))
