"""DOCX → PDF for a batch of documents: cache, typography copy, engine, atomic publication.

1. A document whose content and conversion settings were converted before is copied from the cache.
2. The others are rewritten for LibreOffice (``typography``) into a private folder.
3. They go to the shared workers when ``prongsai serve-converters`` runs; else to the build's own workers when
   the build opened a ``session()``; else to one-shot ``soffice`` calls. Every engine retries a document once
   after a crash or hang.
4. Each finished PDF is checked for completeness, stored in the cache and moved into place atomically; a
   document that failed twice leaves no PDF and is named in the error.

A build does not wait for all its documents before converting any (``Conversions``): workers start on each
document as soon as it is submitted, urgent ones first, while the build renders the next and checks them; the
one-shot engine, which pays LibreOffice's start-up for every call, gathers the documents into one call until
``start()``. ``convert(jobs)`` is the same for a list known in advance.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator import fonts, paths
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


@dataclass
class _Entry:
    job: ConversionJob
    key: str
    done: Future
    fallback: bool = False  # its caller converts otherwise when it fails: not the batch's failure


class Conversions:
    """One batch of conversions, fed while it runs (``with Conversions() as batch:``).

    ``submit(job)`` returns a Future that is done when the job's PDF is in place (or fails with the reason);
    leaving the block waits for the whole batch and raises ConversionError naming every document that failed
    (also when the block is left because of one of them).
    ``use_cache`` defaults to on; PRONGSAI_CONVERT_CACHE=0 turns it off (benchmarks of cold builds): nothing is
    taken from the cache or kept in it. (Kept, a PDF converted again would replace its entry with other bytes
    of the same content, and everything kept by a PDF's bytes, its split parts and its signature fields, would
    be lost for the next build.)"""

    def __init__(self, *, progress: Progress | None = None, engine: str | None = None,
                 job_timeout: float = JOB_TIMEOUT_S, use_cache: bool | None = None):
        self.report = ConversionReport()
        self._engine = engine or os.environ.get("PRONGSAI_CONVERTER", "auto")
        if self._engine not in ENGINES:
            raise ValueError(f"unknown converter {self._engine!r}; one of {ENGINES}")
        self.use_cache = paths.caches_on() if use_cache is None else use_cache
        self._progress, self._job_timeout = progress, job_timeout
        self._started = time.monotonic()
        self._environment: str | None = None
        self._work: Path | None = None
        self._runner: workers.Dispatcher | _OneShot | None = None
        self._entries: dict[Path, _Entry] = {}
        self._failed: list[Task] = []
        self._errors: list[BaseException] = []
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> "Conversions":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        # after a failed document, wait for the others to name every document that failed; after any other
        # error, stop: only what LibreOffice has started is finished
        self.close(cancel=exc_type is not None and not issubclass(exc_type, ConversionError))

    def submit(self, job: ConversionJob, *, urgent: bool = False, fallback: bool = False) -> Future:
        """Convert ``job`` (``urgent``: before the jobs waiting). The one-shot engine starts on ``start()``.
        ``fallback``: the caller has another way when it fails (its future says so); ``close`` does not report it."""
        done: Future = Future()
        if self._closed:  # the build is ending (a failure elsewhere): nothing would convert it
            done.set_exception(ConversionError([Task(job.docx, job.pdf, job.thai_numerals, job.pdfa, job.docx.name,
                                                     error="the conversions had already ended")]))
            return done
        docx = job.docx.read_bytes()
        key = self.key(docx, job)
        hit = cache.fetch(key) if self.use_cache else None
        if hit is not None:
            cache.publish(hit, job.pdf)
            self.report.from_cache += 1
            done.set_result(job.pdf)
            return done
        with self._lock:  # a family converted together may fall back to its documents from another thread
            if self._work is None:
                self._work = Path(tempfile.mkdtemp(prefix="prongsai-convert-"))
                (self._work / "in").mkdir()
                (self._work / "out").mkdir()
            source = self._work / "in" / f"{len(self._entries):04d}.docx"
            self._entries[source] = _Entry(job, key, done, fallback)
        source.write_bytes(typography.for_libreoffice(docx, job.thai_numerals))
        task = Task(source, source.parent.parent / "out" / f"{source.stem}.pdf", job.thai_numerals, job.pdfa,
                    job.docx.name, job.pages)
        runner = self._runner or self._choose_runner()
        if runner is None:
            task.error = "no converter is running (start one with `prongsai serve-converters`)"
            self._finished(task)
        else:
            runner.put(task, urgent)
        return done

    def environment(self) -> str:
        """What decides a PDF besides its DOCX (``cache.environment``), worked out once per batch."""
        if self._environment is None:
            fonts.install()
            self._environment = cache.environment()
        return self._environment

    def key(self, docx: bytes, job: ConversionJob) -> str:
        """The cache key of ``job``'s PDF, ``docx`` being its DOCX's content."""
        return cache.key(docx, thai_numerals=job.thai_numerals, pdfa=job.pdfa, pages=job.pages,
                         environment_=self.environment())

    def start(self) -> None:
        """Let the one-shot engine convert what was submitted so far (workers have started already)."""
        if isinstance(self._runner, _OneShot):
            self._runner.start()

    def close(self, cancel: bool = False) -> None:
        """Wait for every conversion (``cancel``: only for the ones started), clean up, report failures."""
        if self._closed:
            return
        self._closed = True
        try:
            if self._runner is not None:
                self._runner.close(cancel)
        finally:
            if self._work is not None:
                shutil.rmtree(self._work, ignore_errors=True)
                cache.prune()
            self._work = None
        self.report.seconds = time.monotonic() - self._started
        self.report.failed = [t.name for t in self._failed]
        if cancel:
            for entry in self._entries.values():
                entry.done.cancel()  # a job never started: whoever waits for it stops waiting
            return
        if self._errors:
            raise self._errors[0]
        if self._failed:
            raise ConversionError(self._failed)

    def _choose_runner(self) -> workers.Dispatcher | _OneShot | None:
        live = workers.live_workers() if self._engine in ("auto", "workers") else []
        if live:
            self.report.engine, candidates, count = "workers", workers.live_workers, len(live)
        elif self._engine == "auto" and _session is not None:
            self.report.engine, candidates, count = "session", _session.infos, len(_session.workers)
        elif self._engine == "workers":
            return None
        else:
            self.report.engine = "oneshot"
            self._runner = _OneShot(self._finished, self._job_timeout)
            return self._runner
        if self._progress:
            self._progress(f"แปลงด้วยตัวแปลง {count} ตัว / converting on {count} worker(s)")
        self._runner = workers.Dispatcher(candidates, count, finished=self._finished, fallback=self._one_shot,
                                          job_timeout=self._job_timeout)
        return self._runner

    def _one_shot(self, tasks: list[Task]) -> None:
        """Every worker went away during the batch: finish without them."""
        for task in tasks:
            task.error = ""
        _OneShot(self._finished, self._job_timeout).run(tasks)

    def _finished(self, task: Task, error: BaseException | None = None) -> None:
        """A task converted or given up: publish its PDF (and keep it in the cache), or record why not."""
        entry = self._entries[task.source]
        try:
            if error is None and task.done:
                if self.use_cache:  # else a cache entry could be replaced by other bytes of the same content
                    cache.store(entry.key, task.output)
                cache.publish(task.output, entry.job.pdf)
        except OSError as exc:
            error = exc
        with self._lock:
            self.report.retried += task.attempts > 1
            if task.done and error is None:
                self.report.converted += 1
            elif error is not None and not entry.fallback:
                self._errors.append(error)
            elif not entry.fallback:
                self._failed.append(task)
        if error is not None:
            entry.done.set_exception(error)
        elif task.done:
            entry.done.set_result(entry.job.pdf)
        else:
            entry.done.set_exception(ConversionError([task]))


class _OneShot:
    """``soffice --convert-to`` calls, one per ``start()``, for the documents gathered since the last one."""

    def __init__(self, finished: Callable[..., None], job_timeout: float):
        self._finished, self._job_timeout = finished, job_timeout
        self._waiting: list[Task] = []
        self._calls: list[threading.Thread] = []

    def put(self, task: Task, urgent: bool = False) -> None:
        self._waiting.append(task)

    def start(self) -> None:
        tasks, self._waiting = self._waiting, []
        if tasks:
            call = threading.Thread(target=self.run, args=(tasks,), name="soffice", daemon=True)
            call.start()
            self._calls.append(call)

    def run(self, tasks: list[Task]) -> None:
        try:
            soffice.convert(tasks, job_timeout=self._job_timeout)
        except Exception as exc:  # noqa: BLE001 - e.g. LibreOffice not installed: every waiting job learns it
            for task in tasks:
                self._finished(task, exc)
            return
        for task in tasks:
            if not task.done and not task.error:
                task.error = "LibreOffice wrote no PDF"
            self._finished(task)

    def close(self, cancel: bool = False) -> None:
        if cancel:
            self._waiting = []
        self.start()
        for call in self._calls:
            call.join()


def convert(jobs: list[ConversionJob], *, progress: Progress | None = None, engine: str | None = None,
            job_timeout: float = JOB_TIMEOUT_S, use_cache: bool | None = None) -> ConversionReport:
    """Write every job's PDF, or raise ConversionError naming the documents that could not be converted.

    ``use_cache`` defaults to on; PRONGSAI_CONVERT_CACHE=0 turns it off (benchmarks of cold builds)."""
    batch = Conversions(progress=progress, engine=engine, job_timeout=job_timeout, use_cache=use_cache)
    with batch:
        for job in jobs:
            batch.submit(job)
    return batch.report
