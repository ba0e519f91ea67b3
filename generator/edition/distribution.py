"""The distribution zip of an edition: the bundle PDF (when the build made one), every DOCX and PDF, the
manifest and a Thai list of the files, under names a clerk can tell apart.

Names are Thai and must survive zip and Windows: entries carry the UTF-8 flag (``zipfile`` sets it for every
non-ASCII name), characters Windows forbids (``< > : " / \\ | ? *``, control characters) are replaced, no name
ends in a dot or a space or is a reserved device name (CON, NUL, COM1 …), and a whole path stays well under
Windows' 260-character limit once extracted into a folder such as ``C:\\Users\\…\\Downloads``. The zip is
reproducible: entries in a fixed order, each stamped with the edition's date.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.edition import reproducible
from generator.edition.layout import MANIFEST
from generator.edition.manifest import Manifest
from generator.load import OrganisationData

MAX_COMPONENT = 90  # characters of one file or folder name
MAX_PATH = 160  # characters of a path inside the zip; leaves ~100 for the folder it is extracted into
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?$", re.IGNORECASE)
FOLDERS = {"appendix": "ภาคผนวก ประกาศและคำสั่ง", "internal-control": "รายงานการควบคุมภายใน",
           "changes": "รายงานการเปลี่ยนแปลง"}
LISTING = "รายการไฟล์.txt"
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_LEADING_VOWELS = "เแโใไ"  # written before their consonant: never the last character of a cut name


def short_name(data: OrganisationData) -> str:
    """``อบต.บึงปรือ``: the type's abbreviation and the organisation's own name."""
    kind = data.organisation.kind
    return f"{kind.abbreviation}{data.organisation.name}" if kind.has_own_name else kind.abbreviation


def safe_name(name: str, limit: int = MAX_COMPONENT) -> str:
    """One path component a Windows machine can create, at most ``limit`` characters, not cut inside a Thai
    syllable's marks (a vowel or tone mark is never separated from its consonant)."""
    name = unicodedata.normalize("NFC", _FORBIDDEN.sub("-", name)).strip()
    found = _SUFFIX.search(name)
    stem, suffix = (name[:found.start()], found.group()) if found else (name, "")
    room = limit - len(suffix)
    if len(stem) > room:
        cut = room
        while cut > 0 and unicodedata.category(stem[cut]) == "Mn":  # its marks stay with their consonant
            cut -= 1
        stem = stem[:cut].rstrip(_LEADING_VOWELS)
    result = (stem.rstrip(" .") or "_") + suffix
    return f"_{result}" if _RESERVED.match(result) else result


@dataclass(frozen=True)
class Entry:
    source: Path
    name: str  # inside the zip


def archive_name(data: OrganisationData) -> str:
    return safe_name(f"{short_name(data)} ปีงบประมาณ {data.year}")


def entries(data: OrganisationData, folder: Path, documents: dict[str, str]) -> list[Entry]:
    """Every file of the output folder under its distributed name: the bundle first, then the plan, the
    appendix, the internal-control reports, the change report. ``documents`` maps output paths to titles."""
    top = archive_name(data)
    plan = data.plan
    found: list[tuple[int, str, Entry]] = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in (".docx", ".pdf") or path.name.startswith("."):
            continue
        relative = path.relative_to(folder).as_posix()
        parts = relative.split("/")
        if len(parts) == 1 and path.stem == "plan":
            order, name = 1, f"แผนปฏิบัติการป้องกันการทุจริต {plan.period.start}-{plan.period.end}{path.suffix}"
        elif len(parts) == 1:
            order, name = 0, path.name  # the bundle (issue 5) and any other whole-edition PDF
        else:
            order = 2 + list(FOLDERS).index(parts[0]) if parts[0] in FOLDERS else 9
            name = "/".join([FOLDERS.get(parts[0], parts[0]), *parts[1:]])
        zipped = "/".join(safe_name(p) for p in [top, *name.split("/")])
        found.append((order, zipped, Entry(path, _within_limit(zipped))))
    return [entry for *_, entry in sorted(found, key=lambda t: (t[0], t[1]))]


def _within_limit(path: str) -> str:
    if len(path) <= MAX_PATH:
        return path
    head, _, last = path.rpartition("/")
    return f"{head}/{safe_name(last, max(20, MAX_PATH - len(head) - 1))}"


def listing(manifest: Manifest, names: dict[str, str]) -> str:
    """The Thai list of files a clerk can read without opening the JSON."""
    lines = [
        f"{manifest.organisation['name']} ฉบับปีงบประมาณ {manifest.edition}",
        f"ออกเมื่อ {manifest.issued_at} ด้วย Prongsai {manifest.tool.get('prongsai', '')}",
        "ตรวจว่าไฟล์ใดไม่ถูกแก้ไข: prongsai edition verify <ไฟล์>",
        "",
        "ไฟล์ | หน้า | SHA-256",
    ]
    for f in manifest.files:
        lines.append(f"{names.get(f.file, f.file)} | {f.pages or '-'} | {f.sha256}")
    return "\r\n".join(lines) + "\r\n"


def write_zip(data: OrganisationData, folder: Path, manifest: Manifest, day: date, target: Path) -> Path:
    """The edition's distribution zip at ``target`` (written beside it first, then moved into place)."""
    when = reproducible.stamp(day)
    chosen = entries(data, folder, {})
    names = {e.source.relative_to(folder).as_posix(): e.name.split("/", 1)[1] for e in chosen}
    top = archive_name(data)
    tmp = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for entry in chosen:
            archive.writestr(reproducible.zip_entry(entry.name, when), entry.source.read_bytes(), compresslevel=6)
        archive.writestr(reproducible.zip_entry(f"{top}/{MANIFEST}", when), manifest.to_json().encode("utf-8"))
        archive.writestr(reproducible.zip_entry(f"{top}/{LISTING}", when), listing(manifest, names).encode("utf-8"))
    tmp.replace(target)
    return target
