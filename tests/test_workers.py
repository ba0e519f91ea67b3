"""Persistent workers (``prongsai serve-converters``) with the real LibreOffice: use, crash, hang, recycle, stop."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import build_service, fonts
from generator.convert import ConversionJob, check, convert, workers
from generator.convert.jobs import is_complete_pdf
from sample_docx import write_sample

ROOT = Path(__file__).resolve().parent.parent
WORKER_TIMEOUT_S = 8
RECYCLE_AFTER = 20  # more than the tests before the recycling test give one worker


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("env", {**os.environ, "PYTHONPATH": str(ROOT)})
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True,
                          **kwargs)


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def soffice_bin_of(info: workers.WorkerInfo) -> int:
    """The soffice.bin process under a worker's LibreOffice launcher."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == info.soffice_pid and cmd.split(b"\0")[0].endswith(b"soffice.bin"):
            return int(pid)
    raise AssertionError(f"no soffice.bin under {info}")


def busy(info: workers.WorkerInfo) -> bool:
    """Whether a build holds the worker (its busy lock), i.e. the worker has a document."""
    fd = os.open(info.busy_lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@pytest.fixture(scope="module")
def supervisor(tmp_path_factory):
    """``prongsai serve-converters --workers 2`` in the background, short timeout and recycling for the tests."""
    assert workers.live_workers() == [], "converters are already running; stop them with `prongsai converters stop`"
    log = open(tmp_path_factory.mktemp("supervisor") / "serve-converters.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve-converters", "--workers", "2", "--recycle-after", str(RECYCLE_AFTER)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "PRONGSAI_CONVERT_TIMEOUT": str(WORKER_TIMEOUT_S)},
        stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    pipes: set[str] = set()
    try:
        wait_for(lambda: len(workers.live_workers()) == 2, 120, "two workers")
        yield process
    finally:
        with contextlib.suppress(AssertionError):  # stop the converters whatever; the assertion below says it
            wait_for(lambda: len(worker_pipes()) == 2, 30, "two workers with their pipes")
        pipes = worker_pipes()
        if process.poll() is None:
            stopped = cli("converters", "stop", timeout=60)
            assert stopped.returncode == 0
        process.wait(timeout=60)
        log.close()
        print(Path(log.name).read_text())
    assert workers.live_workers() == []
    assert not list(workers.REGISTRY_DIR.glob("worker-*.json"))
    assert not build_service.socket_path().exists(), "the build service stops with the converters"
    assert len(pipes) == 2 and not [p for p in pipes if Path(f"/tmp/OSL_PIPE_{os.getuid()}_{p}").exists()], \
        "a stopped worker leaves no LibreOffice pipe in /tmp"


def pipe_of(info: workers.WorkerInfo) -> str | None:
    """The pipe name a worker gave its LibreOffice (its --pipe argument); None while it is exiting (a worker
    recycled after the last test's documents), when its command line is already gone."""
    try:
        arguments = Path(f"/proc/{info.pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return None
    return arguments[arguments.index("--pipe") + 1] if "--pipe" in arguments else None


def worker_pipes() -> set[str]:
    """The pipes of the workers running now, leaving out any that is exiting."""
    return {pipe for pipe in map(pipe_of, workers.live_workers()) if pipe is not None}


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("worker-docs")
    return [write_sample(folder / f"d{i}.docx", title=f"เอกสาร {i}", paragraphs=30) for i in range(16)]


def jobs_for(docs: list[Path], out: Path, **kwargs) -> list[ConversionJob]:
    out.mkdir(parents=True, exist_ok=True)
    return [ConversionJob(d, out / f"{d.stem}.pdf", thai_numerals=i % 2 == 0, **kwargs) for i, d in enumerate(docs)]


def test_builds_use_running_workers(supervisor, documents, tmp_path):
    report = convert(jobs_for(documents, tmp_path), use_cache=False)
    assert report.engine == "workers" and report.converted == len(documents) and report.retried == 0
    for pdf in tmp_path.glob("*.pdf"):
        assert check.tofu(pdf) == []
        if not fonts.choose("TH SarabunIT๙").is_real:
            assert all(name.startswith(fonts.SUBSTITUTE_POSTSCRIPT) for name in check.embedded_fonts(pdf))


def test_workers_and_one_shot_lay_out_the_same(supervisor, documents, tmp_path):
    """The same document through a worker and through soffice --convert-to: same pages, same line ends."""
    job = jobs_for(documents[:1], tmp_path / "w")[0]
    convert([job], engine="workers", use_cache=False)
    one = ConversionJob(job.docx, tmp_path / "o.pdf", job.thai_numerals)
    convert([one], engine="oneshot", use_cache=False)
    assert [b for b in check.text_blocks(job.pdf)] == [b for b in check.text_blocks(one.pdf)]


def test_status_shows_the_workers(supervisor):
    wait_for(build_service.socket_path().exists, 60, "the build service")
    out = cli("converters").stdout
    assert out.count("answers") == 2, out
    assert "warm build process: running" in out


def test_serve_converters_keeps_a_warm_build_process(supervisor, minimal_org, tmp_path):
    """`prongsai build` with the supervisor's settings runs in a fork of the build service it started."""
    log = workers.REGISTRY_DIR / "build-service.log"
    wait_for(build_service.socket_path().exists, 60, "the build service")
    before = log.read_text().count(": prongsai build")
    built = cli("build", str(minimal_org), "--output", str(tmp_path / "out"),
                env={**os.environ, "PYTHONPATH": str(ROOT), "PRONGSAI_CONVERT_TIMEOUT": str(WORKER_TIMEOUT_S)})
    assert built.returncode == 0, built.stderr
    assert log.read_text().count(": prongsai build") == before + 1
    assert list((tmp_path / "out").rglob("*.pdf"))


def test_a_worker_killed_mid_build_is_replaced_and_its_document_retried(supervisor, documents, tmp_path):
    """The first two documents are long, so the worker killed is surely in the middle of one."""
    long = [write_sample(tmp_path / f"long{i}.docx", title="เอกสารยาว", paragraphs=400) for i in range(2)]
    documents = [*long, *documents]
    office = {w.name: soffice_bin_of(w) for w in workers.live_workers()}
    result: dict = {}
    build = threading.Thread(target=lambda: result.update(
        report=convert(jobs_for(documents, tmp_path / "out"), use_cache=False)))
    build.start()
    victim = wait_for(lambda: next((w for w in workers.live_workers() if busy(w)), None) or not build.is_alive(), 30,
                      "a worker to start a document")
    assert build.is_alive(), "the build finished before the worker could be killed; use larger documents"
    os.kill(office[victim.name], signal.SIGKILL)
    build.join(timeout=120)
    report = result["report"]
    assert report.converted == len(documents) and report.failed == [] and report.retried >= 1
    assert all(is_complete_pdf(p) for p in (tmp_path / "out").glob("*.pdf"))
    wait_for(lambda: any(w.name == victim.name and w.pid != victim.pid for w in workers.live_workers()), 60,
             "the supervisor to restart the killed worker")


def test_a_hung_worker_times_out_and_the_document_moves_on(supervisor, documents, tmp_path):
    wait_for(lambda: len(workers.live_workers()) == 2, 60, "two workers")
    victim = workers.live_workers()[0]
    frozen = soffice_bin_of(victim)
    os.kill(frozen, signal.SIGSTOP)
    try:
        started = time.monotonic()
        report = convert(jobs_for(documents[:4], tmp_path), use_cache=False, job_timeout=WORKER_TIMEOUT_S)
        assert report.converted == 4 and report.failed == []
        assert time.monotonic() - started < 4 * WORKER_TIMEOUT_S
    finally:
        try:
            os.kill(frozen, signal.SIGKILL)
        except ProcessLookupError:
            pass
    wait_for(lambda: len(workers.live_workers()) == 2, 60, "the hung worker to be replaced")


def test_workers_are_recycled_after_many_documents(supervisor, documents, tmp_path):
    wait_for(lambda: len(workers.live_workers()) == 2, 60, "two workers")
    before = {w.pid for w in workers.live_workers()}
    for round_ in range(4):
        report = convert(jobs_for(documents, tmp_path / str(round_)), use_cache=False)
        assert report.failed == [] and report.retried == 0  # a worker being recycled takes no new document
    wait_for(lambda: len(workers.live_workers()) == 2, 60, "two workers after recycling")
    assert not before & {w.pid for w in workers.live_workers()}
