"""Persistent conversion workers: ``prongsai serve-converters`` runs them, builds find and use them.

A worker (``uno_worker.py``) is one LibreOffice with its own profile slot, fontconfig snapshot, named pipe and
XML-RPC port. Starting one costs about 1.5 s, converting a document on it a fraction of the one-shot cost, so
they pay off for repeated builds, many organisations, or a service.

- The supervisor (``serve``, foreground, Ctrl-C stops it) starts N workers, registers each ready worker as a
  JSON file in ``.cache/converters/``, restarts any that exits (crash, timeout, recycling after
  ``recycle_after`` documents), and removes the files when it stops.
- A build (``convert``) reads the registry; each worker takes one document at a time (an flock per worker keeps
  concurrent builds from queueing on the same one). A document whose worker failed is tried once more on
  another worker; a worker that vanished before starting a document costs no retry. If no worker is left, the
  engine finishes with one-shot conversions.
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import select
import shutil
import signal
import subprocess
import threading
import time
import tomllib
import uuid
import xmlrpc.client
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from generator import fonts, paths
from generator.convert import profile
from generator.convert.jobs import JOB_TIMEOUT_S, PDF_VERSION_A2B, Task
from generator.convert.soffice import soffice_binary
from generator.errors import ProngsaiError

REGISTRY_DIR = paths.ROOT / ".cache" / "converters"
UNO_VENV = paths.ROOT / ".cache" / "uno-venv"
SYSTEM_PYTHON = "/usr/bin/python3"
WORKER_SCRIPT = Path(__file__).with_name("uno_worker.py")
READY_TIMEOUT_S = 120
RECYCLE_AFTER = 200
NO_WORKER = "no converter worker answered"


# --- the worker's Python: system Python + python3-uno + unoserver --------------------------------------------

def unoserver_requirement() -> str:
    """The unoserver pin, kept in pyproject.toml's ``workers`` extra."""
    pyproject = paths.ROOT / "pyproject.toml"
    if pyproject.is_file():
        extras = tomllib.loads(pyproject.read_text())["project"].get("optional-dependencies", {})
        for requirement in extras.get("workers", []):
            if requirement.startswith("unoserver"):
                return requirement
    return "unoserver>=3.7,<4"


def worker_python() -> Path:
    return UNO_VENV / "bin" / "python"


def ensure_uno_venv() -> Path:
    """Create (once) the venv on the system Python in which the workers run; returns its python."""
    stamp = UNO_VENV / ".installed"
    requirement = unoserver_requirement()
    if stamp.is_file() and stamp.read_text() == requirement and worker_python().exists():
        return worker_python()
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
    if check.returncode:
        raise ProngsaiError(
            "Python ของระบบไม่มี uno (ติดตั้งแพ็กเกจ python3-uno ด้วย make install)",
            f"{SYSTEM_PYTHON} cannot import uno; install Debian's python3-uno (`make install`)",
        )
    steps = [
        [SYSTEM_PYTHON, "-m", "venv", "--system-site-packages", str(UNO_VENV)],
        [str(worker_python()), "-m", "pip", "install", "-q", requirement],
    ]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True)
        if result.returncode:
            raise ProngsaiError("สร้างสภาพแวดล้อมของตัวแปลงไม่สำเร็จ",
                                f"could not set up the worker venv ({' '.join(step)}): {result.stderr[-500:]}")
    stamp.write_text(requirement)
    return worker_python()


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


# --- the supervisor --------------------------------------------------------------------------------------------

class WorkerProcess:
    """One worker a supervisor or a build owns: its profile slot, its process, its registry entry if shared."""

    def __init__(self, job_timeout: float, recycle_after: int, shared: bool = True):
        self.job_timeout = job_timeout
        self.recycle_after = recycle_after
        self.shared = shared  # registered in .cache/converters/ for every build to use
        self.slot: profile.ProfileSlot | None = None
        self.process: subprocess.Popen | None = None
        self.info: WorkerInfo | None = None

    @property
    def name(self) -> str:
        return f"worker-{self.slot.folder.name.split('-', 1)[1]}" if self.slot else "worker-?"

    def launch(self) -> None:
        """Start the process; ``ready()`` waits for it. In between the caller can do other work."""
        self.slot = self.slot or profile.acquire("worker")
        self.slot.prepare(thai_numerals=False)
        log = open(self.slot.folder / "worker.log", "ab")
        self.process = subprocess.Popen(
            [str(worker_python()), str(WORKER_SCRIPT), "--soffice", soffice_binary(), "--profile-url", self.slot.url,
             "--pipe", f"prongsai-{uuid.uuid4().hex}", "--job-timeout", str(self.job_timeout),
             "--stop-after", str(self.recycle_after)],
            env=self.slot.env(), stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        log.close()

    def ready(self) -> WorkerInfo:
        ready = _read_line(self.process.stdout, READY_TIMEOUT_S)
        message = json.loads(ready) if ready.startswith("{") else {"ready": False, "error": ready or "no answer"}
        if not message.get("ready"):
            self.stop()
            raise ProngsaiError("เริ่มตัวแปลงไม่สำเร็จ", f"a converter worker did not start: {message.get('error')}")
        self.info = WorkerInfo(self.name, self.process.pid, message["port"], message["soffice_pid"], os.getpid(),
                               time.time())
        if self.shared:
            _register(self.info)
        return self.info

    def start(self) -> WorkerInfo:
        self.launch()
        return self.ready()

    def exited(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def stop(self) -> None:
        if self.info and self.shared:
            _unregister(self.info.name)
        self.info = None
        if self.process:
            if self.process.poll() is None:
                _terminate_group(self.process.pid)
                try:
                    self.process.wait(10)
                except subprocess.TimeoutExpired:
                    pass
            _kill_group(self.process.pid)  # LibreOffice may outlive the worker script; the group is ours
            self.process.wait()

    def release(self) -> None:
        self.stop()
        if self.slot:
            self.slot.release()
            self.slot = None


class PrivatePool:
    """Workers of one build process, started when the build starts and stopped when it ends.

    A worker answers about 0.4 s after its start, while a one-shot `soffice --convert-to` costs about a second
    of start-up for every batch; a build converts at least twice (the table of contents needs the first PDF),
    so workers of its own are cheaper than batch calls, and their start overlaps validation and rendering."""

    def __init__(self, count: int | None = None, job_timeout: float = JOB_TIMEOUT_S):
        self.workers = [WorkerProcess(job_timeout, RECYCLE_AFTER, shared=False)
                        for _ in range(count or default_worker_count())]
        self._ready: list[WorkerInfo] | None = None

    @staticmethod
    def available() -> bool:
        return worker_python().exists() and shutil.which("soffice") is not None

    def launch(self) -> "PrivatePool":
        for worker in self.workers:
            worker.launch()
        return self

    def infos(self) -> list[WorkerInfo]:
        """The workers that answer (waiting for their start the first time); an empty list if none started."""
        if self._ready is None:
            self._ready = []
            for worker in self.workers:
                try:
                    self._ready.append(worker.ready())
                except ProngsaiError:
                    continue
        return [w for w in self._ready if _alive(w.pid) and _alive(w.soffice_pid)]

    def close(self) -> None:
        for worker in self.workers:
            worker.release()


def _read_line(stream, timeout: float) -> str:
    ready, _, _ = select.select([stream], [], [], timeout)
    return stream.readline().decode(errors="replace").strip() if ready else ""


def _terminate_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def default_worker_count() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def serve(count: int | None = None, *, job_timeout: float = JOB_TIMEOUT_S, recycle_after: int = RECYCLE_AFTER,
          log=print, stop: threading.Event | None = None) -> None:
    """Run ``count`` workers in the foreground until Ctrl-C / SIGTERM (or ``stop`` is set)."""
    count = count or default_worker_count()
    ensure_uno_venv()
    fonts.install()
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, lambda *_: stop.set())
    REGISTRY_DIR.mkdir(parents=True, exist_ok=True)
    supervisor_file = REGISTRY_DIR / f"supervisor-{os.getpid()}.pid"
    supervisor_file.write_text(str(os.getpid()))
    pool = [WorkerProcess(job_timeout, recycle_after) for _ in range(count)]
    try:
        with ThreadPoolExecutor(count) as starter:
            for info in starter.map(WorkerProcess.start, pool):
                log(f"ตัวแปลง {info.name} พร้อม / {info.name} ready: port {info.port}, LibreOffice pid {info.soffice_pid}")
        log(f"ตัวแปลง {count} ตัวทำงานอยู่ กด Ctrl-C เพื่อหยุด / {count} converter(s) running; Ctrl-C stops them")
        failures: dict[int, list[float]] = {}
        while not stop.wait(0.5):
            for i, worker in enumerate(pool):
                if worker.exited():
                    code = worker.process.returncode
                    worker.stop()
                    recent = [t for t in failures.get(i, []) if time.monotonic() - t < 60] + [time.monotonic()]
                    failures[i] = recent
                    if len(recent) > 5:
                        raise ProngsaiError("ตัวแปลงล้มซ้ำหลายครั้ง", f"{worker.name} keeps failing (exit {code})")
                    info = worker.start()
                    log(f"เริ่ม {info.name} ใหม่ / restarted {info.name} (exit {code}), port {info.port}")
    finally:
        for worker in pool:
            worker.release()
        supervisor_file.unlink(missing_ok=True)
        log("หยุดตัวแปลงแล้ว / converters stopped")


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
