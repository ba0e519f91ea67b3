"""Persistent conversion workers as a build sees them: the registry of running ones, and sending them work.

A worker (``uno_worker.py``, started by ``supervisor``) is one LibreOffice with its own profile slot, fontconfig
snapshot, named pipe and XML-RPC port. Shared workers (``prongsai serve-converters``) are registered as JSON files
in ``.cache/converters/``; a build's own workers (``supervisor.PrivatePool``) are not.

A build's ``Dispatcher`` gives each worker one document at a time, as the build submits them (an flock per
worker keeps concurrent builds from queueing on the same one). A document whose worker failed is tried once more
on another worker; a worker that vanished before starting a document costs no retry. If no worker is left, the
engine finishes with one-shot conversions.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import os
import queue
import signal
import threading
import time
import xmlrpc.client
from dataclasses import asdict, dataclass
from pathlib import Path

from generator import paths
from generator.convert import profile
from generator.convert.jobs import JOB_TIMEOUT_S, PDF_VERSION_A2B, Task

REGISTRY_DIR = paths.ROOT / ".cache" / "converters"
RECYCLING = 4001  # the fault a worker answers once it has served its last document (uno_worker.RECYCLING)


# --- the registry --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WorkerInfo:
    name: str
    pid: int  # the worker script; LibreOffice is its child, same process group
    port: int
    soffice_pid: int
    supervisor: int
    started: float

    @property
    def busy_lock(self) -> Path:
        return REGISTRY_DIR / f"{self.name}.busy"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def registered() -> list[WorkerInfo]:
    found = []
    for file in sorted(REGISTRY_DIR.glob("worker-*.json")) if REGISTRY_DIR.is_dir() else []:
        try:
            found.append(WorkerInfo(**json.loads(file.read_text())))
        except (OSError, ValueError, TypeError):
            continue
    return found


def live_workers() -> list[WorkerInfo]:
    """Registered workers whose process still runs (a killed supervisor may leave stale files)."""
    return [w for w in registered() if _alive(w.pid) and _alive(w.soffice_pid)]


def _register(info: WorkerInfo) -> None:
    REGISTRY_DIR.mkdir(parents=True, exist_ok=True)
    tmp = REGISTRY_DIR / f".{info.name}.json.tmp"
    tmp.write_text(json.dumps(asdict(info)))
    os.replace(tmp, REGISTRY_DIR / f"{info.name}.json")


def _unregister(name: str) -> None:
    (REGISTRY_DIR / f"{name}.json").unlink(missing_ok=True)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def status() -> list[dict]:
    """Every registered worker, with whether it answers."""
    rows = []
    for info in registered():
        answer = _ping(info)
        rows.append({**asdict(info), "alive": _alive(info.pid), "answers": answer is not None,
                     "served": (answer or {}).get("served")})
    return rows


def stop_all(timeout: float = 20) -> int:
    """Stop running supervisors (and any worker they left behind); returns how many processes were signalled."""
    signalled = 0
    for file in REGISTRY_DIR.glob("supervisor-*.pid") if REGISTRY_DIR.is_dir() else []:
        pid = int(file.read_text() or 0)
        if pid and _alive(pid):
            os.kill(pid, signal.SIGTERM)
            signalled += 1
            deadline = time.monotonic() + timeout
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.1)
        file.unlink(missing_ok=True)
    for info in registered():
        if _alive(info.pid):
            _kill_group(info.pid)
            signalled += 1
        _unregister(info.name)
    return signalled


# --- the client --------------------------------------------------------------------------------------------

class _Transport(xmlrpc.client.Transport):
    """One request, one try, with a timeout. The standard transport sends a request again after a reset
    connection; a worker that died on the document then refuses the second try, which would read as a worker
    gone before it started and hide the failed attempt."""

    def __init__(self, timeout: float):
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self._timeout
        return connection

    def request(self, host, handler, request_body, verbose=False):
        return self.single_request(host, handler, request_body, verbose)


def _proxy(info: WorkerInfo, timeout: float) -> xmlrpc.client.ServerProxy:
    return xmlrpc.client.ServerProxy(f"http://127.0.0.1:{info.port}", allow_none=True, transport=_Transport(timeout))


def _ping(info: WorkerInfo) -> dict | None:
    try:
        return _proxy(info, 2).ping()
    except (OSError, xmlrpc.client.Error):
        return None


class _Lease:
    """Exclusive use of one worker by this thread (flock, so other builds see it busy)."""

    def __init__(self, info: WorkerInfo, fd: int):
        self.info, self.fd = info, fd

    def release(self) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def _lease(candidates, dead: set[int], deadline: float, avoid: set[int] = frozenset()) -> _Lease | None:
    """A free live worker, waiting while all are busy; None when no live worker is left. Workers in ``avoid``
    (those that failed the document) only when no other is left.

    ``candidates()`` is asked each time: a supervisor may have restarted a worker under a new port."""
    REGISTRY_DIR.mkdir(parents=True, exist_ok=True)
    while time.monotonic() < deadline:
        live = [w for w in candidates() if w.pid not in dead]
        if not live:
            return None
        live = [w for w in live if w.pid not in avoid] or live
        for info in live:
            fd = os.open(info.busy_lock, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return _Lease(info, fd)
            except BlockingIOError:
                os.close(fd)
        time.sleep(0.02)
    return None


def _never_started(error: BaseException) -> bool:
    """A worker that refused the connection or is being recycled did not touch the document."""
    return isinstance(error, ConnectionRefusedError) or (isinstance(error, xmlrpc.client.Fault)
                                                         and error.faultCode == RECYCLING)


def filter_options(pdfa: bool, pages: str = "") -> list[str]:
    return [f"SelectPdfVersion={PDF_VERSION_A2B}"] * pdfa + [f"PageRange={pages}"] * bool(pages)


class Dispatcher:
    """Sends tasks to the workers as they arrive, urgent ones first: one thread per worker, each leasing a free
    worker for each task. A task whose worker failed is tried once more on another worker (a worker that vanished
    before starting it costs no retry). ``finished(task)`` is called once per task, done or given up
    (``task.error``); the tasks no worker is left for go to ``fallback(tasks)`` instead.

    ``candidates()`` lists the workers to use: the shared ones, or a build's own (PrivatePool.infos)."""

    _LAST = 2  # priority of the stop marks, behind every task

    def __init__(self, candidates, threads: int, *, finished, fallback, job_timeout: float = JOB_TIMEOUT_S):
        self._candidates, self._finished, self._fallback = candidates, finished, fallback
        self._job_timeout = job_timeout
        self._todo: queue.PriorityQueue = queue.PriorityQueue()
        self._order = itertools.count()
        self._dead: set[int] = set()  # worker pids that failed during this batch
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._drain, name=f"convert-{i}", daemon=True)
                         for i in range(max(1, threads))]
        for thread in self._threads:
            thread.start()

    def put(self, task: Task, urgent: bool = False) -> None:
        self._todo.put((0 if urgent else 1, next(self._order), task))

    def close(self, cancel: bool = False) -> None:
        """Wait until every task is finished (``cancel``: drop the ones not started yet)."""
        if cancel:
            self._take_queued()
        for _ in self._threads:
            self._todo.put((self._LAST, next(self._order), None))
        for thread in self._threads:
            thread.join()

    def _take_queued(self) -> list[Task]:
        taken, marks = [], []
        while True:
            try:
                item = self._todo.get_nowait()
            except queue.Empty:
                break
            (taken if item[2] is not None else marks).append(item)
        for mark in marks:
            self._todo.put(mark)
        return [task for _, _, task in taken]

    def _drain(self) -> None:
        while True:
            priority, _, task = self._todo.get()
            if task is None:
                return
            try:
                self._convert(task, priority)
            except Exception as exc:  # noqa: BLE001 - any surprise fails this task, not the whole build
                task.error = task.error or f"{type(exc).__name__}: {str(exc)[:300]}"
                self._finished(task)

    def _convert(self, task: Task, priority: int) -> None:
        lease = _lease(self._candidates, self._dead, time.monotonic() + self._job_timeout, task.failed_on)
        if lease is None:  # no worker left: these and whatever waits go to the one-shot engine
            self._fallback([task, *self._take_queued()])
            return
        task.attempts += 1
        try:
            _proxy(lease.info, self._job_timeout + 10).prongsai_convert(
                str(task.source), str(task.output), profile.numerals_setting(task.thai_numerals),
                filter_options(task.pdfa, task.pages))
        except (OSError, xmlrpc.client.Error) as exc:
            if _never_started(exc):  # gone, or going, before it started on this document: no retry used
                task.attempts -= 1
                with self._lock:
                    self._dead.add(lease.info.pid)
                self._todo.put((priority, next(self._order), task))
                return
            if not task.done:
                task.failed_on.add(lease.info.pid)
                if _ping(lease.info) is None or not _alive(lease.info.soffice_pid):
                    with self._lock:
                        self._dead.add(lease.info.pid)
                if task.attempts < 2:
                    self._todo.put((priority, next(self._order), task))
                    return
                task.error = f"{type(exc).__name__}: {str(exc)[:300]}"
        finally:
            lease.release()
        self._finished(task)
