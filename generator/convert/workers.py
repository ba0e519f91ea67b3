"""Persistent conversion workers as a build sees them: the registry of running ones, and sending them work.

A worker (``uno_worker.py``, started by ``supervisor``) is one LibreOffice with its own profile slot, fontconfig
snapshot, named pipe and XML-RPC port. Shared workers (``prongsai serve-converters``) are registered as JSON files
in ``.cache/converters/``; a build's own workers (``supervisor.PrivatePool``) are not.

A build (``convert``) gives each worker one document at a time (an flock per worker keeps concurrent builds from
queueing on the same one). A document whose worker failed is tried once more on another worker; a worker that
vanished before starting a document costs no retry. If no worker is left, the engine finishes with one-shot
conversions.
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import signal
import threading
import time
import xmlrpc.client
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from generator import paths
from generator.convert import profile
from generator.convert.jobs import JOB_TIMEOUT_S, PDF_VERSION_A2B, Task

REGISTRY_DIR = paths.ROOT / ".cache" / "converters"
NO_WORKER = "no converter worker answered"


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
    def __init__(self, timeout: float):
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self._timeout
        return connection


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


def _lease(candidates, dead: set[int], deadline: float) -> _Lease | None:
    """A free live worker, waiting while all are busy; None when no live worker is left.

    ``candidates()`` is asked each time: a supervisor may have restarted a worker under a new port."""
    REGISTRY_DIR.mkdir(parents=True, exist_ok=True)
    while time.monotonic() < deadline:
        live = [w for w in candidates() if w.pid not in dead]
        if not live:
            return None
        for info in live:
            fd = os.open(info.busy_lock, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return _Lease(info, fd)
            except BlockingIOError:
                os.close(fd)
        time.sleep(0.02)
    return None


def filter_options(pdfa: bool) -> list[str]:
    return [f"SelectPdfVersion={PDF_VERSION_A2B}"] if pdfa else []


def convert(tasks: list[Task], live: list[WorkerInfo], *, job_timeout: float = JOB_TIMEOUT_S,
            candidates=live_workers) -> None:
    """Convert on the workers; each task gets one retry after a failure. Sets ``task.error`` when it gives up.

    ``candidates`` lists the workers to use: the shared ones by default, or a build's own (PrivatePool.infos)."""
    todo: queue.Queue[Task] = queue.Queue()
    for task in tasks:
        todo.put(task)
    dead: set[int] = set()  # worker pids that failed during this build
    lock = threading.Lock()

    def drain() -> None:
        while True:
            try:
                task = todo.get_nowait()
            except queue.Empty:
                return
            lease = _lease(candidates, dead, time.monotonic() + job_timeout)
            if lease is None:
                task.error = NO_WORKER
                continue
            task.attempts += 1
            try:
                _proxy(lease.info, job_timeout + 10).prongsai_convert(
                    str(task.source), str(task.output), profile.numerals_setting(task.thai_numerals),
                    filter_options(task.pdfa))
            except ConnectionRefusedError:  # gone before it started on this document: no retry used
                task.attempts -= 1
                with lock:
                    dead.add(lease.info.pid)
                todo.put(task)
            except (OSError, xmlrpc.client.Error) as exc:
                if not task.done:
                    if _ping(lease.info) is None:
                        with lock:
                            dead.add(lease.info.pid)
                    if task.attempts < 2:
                        todo.put(task)
                    else:
                        task.error = f"{type(exc).__name__}: {str(exc)[:300]}"
            finally:
                lease.release()

    threads = max(1, len(live))
    with ThreadPoolExecutor(threads) as pool:
        for _ in range(threads):
            pool.submit(drain)
    for task in tasks:
        if not task.done and not task.error:
            task.error = NO_WORKER
