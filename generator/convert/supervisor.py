"""Starting and watching conversion workers: ``prongsai serve-converters`` (shared) and a build's own pool.

- ``serve`` (foreground, Ctrl-C stops it) starts N workers, registers each ready one in ``.cache/converters/``,
  restarts any that exits (crash, timeout, recycling after ``recycle_after`` documents), and unregisters them
  when it stops.
- ``serve`` also runs the warm build process (``BuildServiceProcess``, generator.build_service) in which
  ``prongsai build`` then runs, and starts it again when it exits (its code changed, or it crashed).
- ``PrivatePool`` starts workers for one build process; nobody else sees them, and they stop with the build.

Workers run on the system Python, which has Debian's python3-uno, in a venv (``.cache/uno-venv``) that also holds
unoserver; ``make install`` creates it.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
import tomllib
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator import build_service, fonts, paths
from generator.convert import profile
from generator.convert.jobs import JOB_TIMEOUT_S
from generator.convert.soffice import soffice_binary
from generator.convert.workers import REGISTRY_DIR, WorkerInfo, _alive, _kill_group, _register, _unregister
from generator.errors import ProngsaiError

UNO_VENV = paths.ROOT / ".cache" / "uno-venv"
SYSTEM_PYTHON = "/usr/bin/python3"
WORKER_SCRIPT = Path(__file__).with_name("uno_worker.py")
READY_TIMEOUT_S = 120
RECYCLE_AFTER = 200


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


# --- worker processes --------------------------------------------------------------------------------------------

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
        self._lock = threading.Lock()  # the conversion threads of a batch ask at the same time

    @staticmethod
    def available() -> bool:
        return worker_python().exists() and shutil.which("soffice") is not None

    def launch(self) -> "PrivatePool":
        fonts.install()  # each worker takes a snapshot of the fontconfig file
        for worker in self.workers:
            worker.launch()
        return self

    def infos(self) -> list[WorkerInfo]:
        """The workers that answer (waiting for their start the first time); an empty list if none started."""
        with self._lock:
            if self._ready is None:
                ready = []
                for worker in self.workers:
                    try:
                        ready.append(worker.ready())
                    except ProngsaiError:
                        continue
                self._ready = ready
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


def default_worker_count() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


class BuildServiceProcess:
    """The warm build process (generator.build_service) as ``serve`` runs it: started after the converters,
    started again when it exits (out of date, or crashed), stopped with them. Builds it forked finish their work
    (only the service is stopped, not its process group)."""

    def __init__(self):
        self.log_file = REGISTRY_DIR / "build-service.log"
        self.process: subprocess.Popen | None = None

    MAX_LOG_BYTES = 1_000_000  # two short lines per build: started afresh once it is this long

    def start(self) -> bool:
        REGISTRY_DIR.mkdir(parents=True, exist_ok=True)
        too_long = self.log_file.exists() and self.log_file.stat().st_size > self.MAX_LOG_BYTES
        with open(self.log_file, "wb" if too_long else "ab") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "generator.build_service"], cwd=paths.ROOT,
                                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log,
                                            start_new_session=True)
        ready = _read_line(self.process.stdout, READY_TIMEOUT_S)
        if not (ready.startswith("{") and json.loads(ready).get("ready")):
            self.stop()
            return False
        return True

    def exited(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        self.process = None


def _start_build_service(log, again: bool = False) -> BuildServiceProcess | None:
    service = BuildServiceProcess()
    if service.start():
        log(("เริ่มกระบวนการสร้างเอกสารใหม่ / build service restarted" if again else
             "กระบวนการสร้างเอกสารพร้อม: prongsai build จะเริ่มเร็วขึ้น / build service ready: prongsai build starts warm"))
        return service
    log(f"เริ่มกระบวนการสร้างเอกสารไม่สำเร็จ (ดู {service.log_file}) / the build service did not start (see its log); "
        "builds run in their own processes")
    return None


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
    service = None
    try:
        with ThreadPoolExecutor(count) as starter:
            for info in starter.map(WorkerProcess.start, pool):
                log(f"ตัวแปลง {info.name} พร้อม / {info.name} ready: port {info.port}, LibreOffice pid {info.soffice_pid}")
        log(f"ตัวแปลง {count} ตัวทำงานอยู่ กด Ctrl-C เพื่อหยุด / {count} converter(s) running; Ctrl-C stops them")
        service = _start_build_service(log) if build_service.wanted() else None
        failures: dict[int, list[float]] = {}
        while not stop.wait(0.5):
            if service is not None and service.exited():  # out of date (code changed) or crashed
                service = _start_build_service(log, again=True)
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
        if service is not None:
            service.stop()
        for worker in pool:
            worker.release()
        supervisor_file.unlink(missing_ok=True)
        log("หยุดตัวแปลงแล้ว / converters stopped")


