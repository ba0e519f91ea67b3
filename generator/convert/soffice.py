"""One ``soffice --convert-to pdf`` call per batch, with a private profile (never shared between processes)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ProngsaiError

TIMEOUT_S = 300


@dataclass(frozen=True)
class ConversionJob:
    docx: Path
    pdf: Path
    thai_numerals: bool = False


def soffice_binary() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ProngsaiError(
            "ไม่พบ LibreOffice (soffice) ติดตั้งด้วยคำสั่ง make demo",
            "LibreOffice (soffice) is not installed; run `make demo` to install it",
        )
    return found


def convert(jobs: list[ConversionJob]) -> None:
    """Convert every job's DOCX to its PDF path."""
    if not jobs:
        return
    with tempfile.TemporaryDirectory(prefix="prongsai-lo-") as tmp:
        tmp_path = Path(tmp)
        inputs = []
        for i, job in enumerate(jobs):
            src = tmp_path / "in" / f"{i:04d}.docx"
            src.parent.mkdir(exist_ok=True)
            shutil.copyfile(job.docx, src)
            inputs.append(src)
        out_dir = tmp_path / "out"
        cmd = [
            soffice_binary(), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, inputs),
        ]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=TIMEOUT_S)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ProngsaiError("แปลงเอกสารเป็น PDF ไม่สำเร็จ", f"LibreOffice conversion failed: {exc}") from exc
        for src, job in zip(inputs, jobs):
            produced = out_dir / f"{src.stem}.pdf"
            if not produced.is_file():
                raise ProngsaiError(f"LibreOffice ไม่ได้สร้าง PDF ของ {job.docx.name}",
                                    f"LibreOffice produced no PDF for {job.docx.name}")
            job.pdf.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(produced, job.pdf)
