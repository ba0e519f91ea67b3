"""The one-shot engine: ``soffice --convert-to pdf`` over a batch of documents, no daemon.

It is the fallback when no worker can run (the worker venv is missing, or PRONGSAI_CONVERTER=oneshot) and what
a lone ``convert()`` call outside a build session uses. One call costs about a second of start-up plus the
conversions; batches are split across cores (one process per core, each with its own profile slot), and
documents that need a different profile setting or export filter go to separate calls.

A batch process is watched: when no PDF has appeared for ``job_timeout`` seconds it is considered hung and its
whole process group is killed. The documents it did not finish are tried once more in a fresh process.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from generator.convert import profile
from generator.convert.jobs import JOB_TIMEOUT_S, PDF_VERSION_A2B, Task
from generator.errors import ProngsaiError

POLL_S = 0.05


def soffice_binary() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ProngsaiError(
            "ไม่พบ LibreOffice (soffice) ติดตั้งด้วยคำสั่ง make install",
            "LibreOffice (soffice) is not installed; run `make install` to install it",
        )
    return found


@cache
def libreoffice_fingerprint() -> str:
    """Identifies the LibreOffice build (its versionrc), so cached PDFs die with an upgrade."""
    program = Path(os.path.realpath(soffice_binary())).parent
    versionrc = program / "versionrc"
    data = versionrc.read_bytes() if versionrc.is_file() else str(program).encode()
    return hashlib.sha256(data).hexdigest()


def export_filter(pdfa: bool, pages: str = "") -> str:
    """The ``--convert-to`` argument: PDF, or PDF/A-2b and only some pages through the export filter's options."""
    options = {}
    if pdfa:
        options["SelectPdfVersion"] = {"type": "long", "value": str(PDF_VERSION_A2B)}
    if pages:
        options["PageRange"] = {"type": "string", "value": pages}
    return f"pdf:writer_pdf_Export:{json.dumps(options)}" if options else "pdf:writer_pdf_Export"


def parallelism() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def plan_batches(tasks: list[Task], processes: int) -> list[list[Task]]:
    """Group by flavour (one profile setting and filter per call), then split the largest groups until there is
    one batch per process. Batches are balanced by DOCX size, a fair proxy for conversion time."""
    groups: dict[tuple[bool, bool], list[Task]] = {}
    for task in tasks:
        groups.setdefault(task.flavour, []).append(task)
    batches = list(groups.values())
    while len(batches) < processes:
        largest = max(batches, key=len)
        if len(largest) < 2:
            break
        batches.remove(largest)
        batches += _split(largest)
    return batches


def _split(tasks: list[Task]) -> list[list[Task]]:
    halves: tuple[list[Task], list[Task]] = ([], [])
    weights = [0, 0]
    for task in sorted(tasks, key=lambda t: t.source.stat().st_size, reverse=True):
        side = 0 if weights[0] <= weights[1] else 1
        halves[side].append(task)
        weights[side] += task.source.stat().st_size
    return [h for h in halves if h]


def convert(tasks: list[Task], *, job_timeout: float = JOB_TIMEOUT_S, processes: int | None = None) -> None:
    """Convert every task; a task whose process crashed or hung is tried once more. Sets ``task.error``."""
    batches = plan_batches(tasks, processes or parallelism())
    with ThreadPoolExecutor(max_workers=len(batches) or 1) as pool:
        list(pool.map(lambda batch: _run_with_retry(batch, job_timeout), batches))


def _run_with_retry(batch: list[Task], job_timeout: float) -> None:
    error = _run(batch, job_timeout)
    remaining = [t for t in batch if not t.done]
    if remaining:
        error = _run(remaining, job_timeout, fresh_profile=True)
    for task in batch:
        if not task.done:
            task.error = error or "LibreOffice wrote no PDF, twice (is the file damaged?)"


def _run(batch: list[Task], job_timeout: float, fresh_profile: bool = False) -> str:
    """One soffice process over ``batch``; returns what went wrong ('' if nothing)."""
    thai_numerals, pdfa, pages = batch[0].flavour
    out_dir = batch[0].output.parent
    for task in batch:
        task.attempts += 1
    with profile.acquire("oneshot") as slot:
        if fresh_profile:
            slot.reset()
        slot.prepare(thai_numerals)
        cmd = [
            soffice_binary(), f"-env:UserInstallation={slot.url}", "--headless", "--invisible", "--nologo",
            "--nodefault", "--norestore", "--nolockcheck", "--convert-to", export_filter(pdfa, pages),
            "--outdir", str(out_dir), *(str(t.source) for t in batch),
        ]
        log = slot.folder / "soffice.log"
        with open(log, "wb") as log_file:
            process = subprocess.Popen(cmd, env=slot.env(), stdout=log_file, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
            error = _watch(process, batch, job_timeout)
        if error:
            slot.reset()
        elif process.returncode:
            error = f"soffice exit status {process.returncode}: {log.read_text(errors='replace')[-300:].strip()}"
        return error


def _watch(process: subprocess.Popen, batch: list[Task], job_timeout: float) -> str:
    """Wait for the process, killing it when it stops making progress; returns why it was killed ('' if not)."""
    finished = 0
    last_progress = time.monotonic()
    while process.poll() is None:
        try:
            process.wait(POLL_S)  # returns at once when the process ends
        except subprocess.TimeoutExpired:
            pass
        done = sum(1 for t in batch if t.done)
        if done > finished:
            finished, last_progress = done, time.monotonic()
        elif time.monotonic() - last_progress > job_timeout:  # the first document's time includes start-up
            _kill_group(process)
            return f"LibreOffice made no progress for {job_timeout:.0f} s and was stopped"
    return ""


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
