"""Whole builds under trouble: a LibreOffice killed in the middle of the conversions and two organisations built at
the same time (`python -m generator build` processes, as a user runs them), and documents LibreOffice cannot read."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import paths
from generator.convert.jobs import is_complete_pdf

EXAMPLES = {"bueng-prue": "องค์การบริหารส่วนตำบลบึงปรือ", "nong-bua-municipality": "เทศบาลตำบลหนองบัว"}
COLD = {"PRONGSAI_CONVERT_CACHE": "0", "PYTHONPATH": str(paths.ROOT)}


def build_process(org: str, output: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", str(paths.EXAMPLES_DIR / org), "--output",
                             str(output)], cwd=paths.ROOT, env={**os.environ, **COLD, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def descendants(pid: int) -> dict[int, str]:
    """pid → command name of every process below ``pid``."""
    parents, names = {}, {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        names[int(entry)] = stat[stat.index("(") + 1 : stat.rindex(")")]
        parents[int(entry)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    found = {}
    for child in parents:
        ancestor = parents.get(child)
        while ancestor and ancestor != pid:
            ancestor = parents.get(ancestor)
        if ancestor == pid:
            found[child] = names[child]
    return found


def assert_every_pdf_is_whole(folder: Path) -> list[Path]:
    pdfs = sorted(folder.rglob("*.pdf"))
    for pdf in pdfs:
        assert is_complete_pdf(pdf), pdf
        assert len(PdfReader(pdf).pages) > 0, pdf
    assert not [p for p in folder.rglob("*") if ".staging-" in p.name or p.name.endswith(".tmp")]
    return pdfs


def test_a_libreoffice_killed_mid_build_is_survived_or_reported_and_leaves_nothing_broken(tmp_path):
    system_temp = tmp_path / "system-temp"  # the build's TMPDIR, where LibreOffice left a folder per process
    system_temp.mkdir()
    build = build_process("bueng-prue", tmp_path / "out", TMPDIR=str(system_temp))
    killed: list[int] = []
    stderr: list[str] = []

    def watch() -> None:
        for line in build.stderr:
            stderr.append(line)
            if "converting" in line and not killed:
                time.sleep(0.4)  # inside the batch: some documents done, others on the workers
                offices = [pid for pid, name in descendants(build.pid).items() if name == "soffice.bin"]
                if offices:
                    os.kill(offices[0], signal.SIGKILL)
                    killed.append(offices[0])

    watcher = threading.Thread(target=watch)
    watcher.start()
    build.wait(timeout=300)
    watcher.join()
    output = "".join(stderr)
    assert killed, f"no LibreOffice to kill was seen: {output[-2000:]}"
    if build.returncode == 0:
        pdfs = assert_every_pdf_is_whole(tmp_path / "out")
        assert len(pdfs) == 17 and any(p.name.startswith("แผนปฏิบัติการ") for p in pdfs)
    else:  # a clear message and no edition at all
        assert "แปลงเป็น PDF ไม่สำเร็จ" in output and "PDF conversion failed" in output, output[-2000:]
        assert not list(tmp_path.rglob("*.pdf"))
    assert not list(system_temp.iterdir())  # neither the killed LibreOffice nor the stopped ones left anything


def test_two_organisations_built_at_the_same_time_do_not_interfere(tmp_path):
    builds = {org: build_process(org, tmp_path) for org in EXAMPLES}
    for org, build in builds.items():
        out, err = build.communicate(timeout=300)
        assert build.returncode == 0, f"{org}: {err[-2000:]}"
    for org, name in EXAMPLES.items():
        other = next(n for o, n in EXAMPLES.items() if o != org)
        pdfs = assert_every_pdf_is_whole(tmp_path / org)
        bundle = next(p for p in pdfs if p.name.startswith("แผนปฏิบัติการ"))
        assert name in bundle.name and PdfReader(bundle).metadata["/Author"] == name
        text = subprocess.run(["pdftotext", "-l", "3", str(bundle), "-"], capture_output=True, text=True).stdout
        assert name.split("ตำบล")[-1] in text and other.split("ตำบล")[-1] not in text


@pytest.mark.parametrize("engine", ["auto", "oneshot"])
def test_documents_libreoffice_cannot_read_stop_the_build_and_are_all_named(engine, tmp_path, monkeypatch):
    """Two documents reach LibreOffice damaged while the others convert: the build fails naming both (not
    only the first that failed), and leaves no edition and no staging folder behind. Their family, converted
    together (convert.groups), is damaged too: the build converts its documents one by one, and names only the
    two that fail."""
    from generator import pipeline
    from generator.convert import ConversionError, typography

    real = typography.for_libreoffice

    def damaged_for_two(docx: bytes, thai_numerals: bool, **options) -> bytes:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            title = package.read("docProps/core.xml").decode()
            family = package.read("word/document.xml").count(b"<w:sectPr") > 1 and "แผนปฏิบัติการ" not in title
        return b"PK\x03\x04 damaged" if family or "No Gift" in title or "ผลประโยชน์ทับซ้อน" in title else \
            real(docx, thai_numerals, **options)

    monkeypatch.setenv("PRONGSAI_CONVERT_CACHE", "0")
    monkeypatch.setenv("PRONGSAI_CONVERTER", engine)
    monkeypatch.setattr(typography, "for_libreoffice", damaged_for_two)
    with pytest.raises(ConversionError) as failed:
        pipeline.build(paths.DEFAULT_EXAMPLE, tmp_path)
    assert "No Gift" in failed.value.en and "ผลประโยชน์ทับซ้อน" in failed.value.en
    assert sorted(task.name[:2] for task in failed.value.failed) == ["04", "05"]
    assert not [p for p in tmp_path.rglob("*") if p.is_file() or ".staging-" in p.name]
