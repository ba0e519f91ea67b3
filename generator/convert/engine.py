"""DOCX → PDF for a batch of documents: cache, typography copy, engine, atomic publication.

1. A document whose content and conversion settings were converted before is copied from the cache.
2. The others are rewritten for LibreOffice (``typography``) into a private folder.
3. They go to the shared workers when ``prongsai serve-converters`` runs; else to the build's own workers when
   the build opened a ``session()``; else to one-shot ``soffice`` calls. Every engine retries a document once
   after a crash or hang.
4. Each finished PDF is checked for completeness, stored in the cache and moved into place atomically; a
   document that failed twice leaves no PDF and is named in the error.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator import fonts
from generator.convert import cache, soffice, supervisor, typography, workers
from generator.convert.jobs import JOB_TIMEOUT_S, ConversionError, ConversionJob, Task

Progress = Callable[[str], None]
ENGINES = ("auto", "oneshot", "workers")
_session: supervisor.PrivatePool | None = None


@contextlib.contextmanager
def session() -> Iterator[None]:
    """Conversions inside run on workers of their own, started now (they get ready while the caller renders)
    and stopped at the end; unless shared workers run, the worker venv is missing, or PRONGSAI_CONVERTER says
    otherwise. A build converts at least twice, which costs less this way than with one-shot batch calls."""
    global _session
    wanted = os.environ.get("PRONGSAI_CONVERTER", "auto") == "auto"
    if _session is not None or not wanted or workers.live_workers() or not supervisor.PrivatePool.available():
        yield
        return
    pool = supervisor.PrivatePool()
    try:
        _session = pool.launch()
    except Exception:  # no worker: the one-shot engine does the work
        pool.close()
        yield
        return
    try:
        yield
    finally:
        _session = None
        pool.close()


@dataclass
class ConversionReport:
    engine: str = "none"
    converted: int = 0
    from_cache: int = 0
    retried: int = 0  # documents converted again after their LibreOffice crashed, hung or vanished
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)


def convert(jobs: list[ConversionJob], *, progress: Progress | None = None, engine: str | None = None,
            job_timeout: float = JOB_TIMEOUT_S, use_cache: bool | None = None) -> ConversionReport:
    """Write every job's PDF, or raise ConversionError naming the documents that could not be converted.

    ``use_cache`` defaults to on; PRONGSAI_CONVERT_CACHE=0 turns it off (benchmarks of cold builds)."""
    if use_cache is None:
        use_cache = os.environ.get("PRONGSAI_CONVERT_CACHE", "1") != "0"
    started = time.monotonic()
    report = ConversionReport()
    if not jobs:
        return report
    fonts.install()
    engine = engine or os.environ.get("PRONGSAI_CONVERTER", "auto")
    pending: list[tuple[ConversionJob, bytes, str]] = []
    environment = cache.environment()
    for job in jobs:
        docx = job.docx.read_bytes()
        key = cache.key(docx, thai_numerals=job.thai_numerals, pdfa=job.pdfa, environment_=environment)
        hit = cache.fetch(key) if use_cache else None
        if hit is not None:
            cache.publish(hit, job.pdf)
            report.from_cache += 1
        else:
            pending.append((job, docx, key))
    if pending:
        work = Path(tempfile.mkdtemp(prefix="prongsai-convert-"))
        try:
            tasks = _prepare(pending, work)
            report.engine = _run(tasks, engine, job_timeout, progress)
            failed = [t for t in tasks if not t.done]
            report.retried = sum(t.attempts > 1 for t in tasks)
            for (job, _, key), task in zip(pending, tasks):
                if task.done:
                    cache.store(key, task.output)
                    cache.publish(task.output, job.pdf)
                    report.converted += 1
            if failed:
                report.failed = [t.name for t in failed]
                raise ConversionError(failed)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        cache.prune()
    report.seconds = time.monotonic() - started
    return report


def _prepare(pending: list[tuple[ConversionJob, bytes, str]], work: Path) -> list[Task]:
    (work / "in").mkdir()
    (work / "out").mkdir()
    tasks = []
    for i, (job, docx, _) in enumerate(pending):
        source = work / "in" / f"{i:04d}.docx"
        source.write_bytes(typography.for_libreoffice(docx, job.thai_numerals))
        tasks.append(Task(source, work / "out" / f"{i:04d}.pdf", job.thai_numerals, job.pdfa, job.docx.name))
    return tasks


def _run(tasks: list[Task], engine: str, job_timeout: float, progress: Progress | None) -> str:
    if engine not in ENGINES:
        raise ValueError(f"unknown converter {engine!r}; one of {ENGINES}")
    live, candidates, name = [], workers.live_workers, "workers"
    if engine in ("auto", "workers"):
        live = workers.live_workers()
        if not live and engine == "auto" and _session is not None:
            live, candidates, name = _session.infos(), _session.infos, "session"
    if live:
        if progress:
            progress(f"แปลงด้วยตัวแปลง {len(live)} ตัว / converting on {len(live)} worker(s)")
        workers.convert(tasks, live, job_timeout=job_timeout, candidates=candidates)
        leftovers = [t for t in tasks if not t.done and t.error == workers.NO_WORKER]
        if leftovers:  # every worker went away during the build: finish without them
            for task in leftovers:
                task.error = ""
            soffice.convert(leftovers, job_timeout=job_timeout)
        return name
    if engine == "workers":
        raise ConversionError([Task(t.source, t.output, t.thai_numerals, t.pdfa, t.name,
                                    "no converter is running (start one with `prongsai serve-converters`)")
                               for t in tasks])
    soffice.convert(tasks, job_timeout=job_timeout)
    return "oneshot"
