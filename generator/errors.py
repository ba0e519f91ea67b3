"""User-facing errors: a Thai message first, the English one after, the file and the field they are about.

Clerks read these, so every problem names the file, the line when known and the field path the way it is
written in the YAML (``projects[3].budget.2566``), and the whole list is reported at once.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path

EXIT_DATA = 2
EXIT_FAILURE = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, located precisely enough for a clerk to find and fix it."""

    th: str
    en: str
    file: Path | None = None
    field: str = ""
    line: int | None = None

    def where(self) -> str:
        place = str(self.file) if self.file else ""
        if self.line:
            place += f" บรรทัด/line {self.line}"
        if self.field:
            place += f" · {self.field}" if place else self.field
        return place

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.th} / {self.en}" if where else f"{self.th} / {self.en}"


class ProngsaiError(Exception):
    """A failure the user can act on; the CLI prints it without a traceback."""

    exit_code = EXIT_FAILURE

    def __init__(self, th: str, en: str):
        super().__init__(f"{th} / {en}")
        self.th = th
        self.en = en


@dataclass
class DataError(ProngsaiError):
    """The data cannot be used; carries every problem found, not only the first."""

    problems: list[Problem] = field(default_factory=list)
    exit_code = EXIT_DATA

    def __post_init__(self) -> None:
        n = len(self.problems)
        ProngsaiError.__init__(self, f"พบข้อผิดพลาดในข้อมูล {n} รายการ", f"{n} problem(s) found in the data")

    def __str__(self) -> str:
        lines = [f"{self.th} / {self.en}:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


class CannotWrite(ProngsaiError):
    """The output cannot be written for a reason the clerk can fix: a file where a folder should be, no
    permission, a read-only or full disk."""

    REASONS = {
        errno.ENOTDIR: ("มีไฟล์ (ไม่ใช่โฟลเดอร์) อยู่ในเส้นทางนี้", "a file, not a folder, is in the way"),
        errno.EEXIST: ("มีไฟล์ (ไม่ใช่โฟลเดอร์) อยู่ในเส้นทางนี้", "a file, not a folder, is in the way"),
        errno.EACCES: ("ไม่มีสิทธิ์เขียนที่นี่", "no permission to write there"),
        errno.EPERM: ("ไม่มีสิทธิ์เขียนที่นี่", "no permission to write there"),
        errno.EROFS: ("ดิสก์นี้เขียนไม่ได้ (อ่านได้อย่างเดียว)", "the disk is read-only"),
        errno.ENOSPC: ("พื้นที่ดิสก์เต็ม", "the disk is full"),
        errno.EDQUOT: ("ใช้พื้นที่ดิสก์เกินโควตา", "the disk quota is used up"),
    }

    def __init__(self, root: Path, exc: OSError):
        th, en = self.REASONS[exc.errno]
        where = f" ({exc.filename})" if exc.filename else ""
        super().__init__(
            f"เขียนผลลัพธ์ลงโฟลเดอร์ {root} ไม่ได้: {th}{where} ไม่มีไฟล์ใดถูกเขียนทับ "
            "แก้ไขแล้วสร้างใหม่ หรือเลือกโฟลเดอร์อื่นด้วย --output",
            f"cannot write the output to {root}: {en}{where}. Nothing was replaced; fix it and build again, "
            "or choose another folder with --output",
        )
