"""The warm build process (generator.build_service): ``prongsai build`` runs in a fork of it and behaves exactly as
its own process would — output, messages, exit code, Ctrl-C — and the service steps aside when it cannot."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import edit

ROOT = Path(__file__).resolve().parent.parent


def start_service(socket: Path, log: Path) -> subprocess.Popen:
    with open(log, "w") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "generator.build_service"], cwd=ROOT,
                                   env={**os.environ, "PYTHONPATH": str(ROOT), "PRONGSAI_BUILD_SOCKET": str(socket)},
                                   stdout=subprocess.PIPE, stderr=stderr, start_new_session=True)
    ready, _, _ = select.select([process.stdout], [], [], 60)
    assert ready and json.loads(process.stdout.readline())["ready"], log.read_text()
    return process


def stop_service(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)
    process.stdout.close()


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("service")
    socket, log = folder / "build.sock", folder / "service.log"
    process = start_service(socket, log)
    yield socket, log
    stop_service(process)
    assert not socket.exists(), "a stopped service removes its socket"


def test_a_killed_service_is_not_running_and_builds_go_on_without_it(tmp_path, minimal_org, monkeypatch):
    from generator import build_service

    socket, log = tmp_path / "build.sock", tmp_path / "service.log"
    process = start_service(socket, log)
    monkeypatch.setenv("PRONGSAI_BUILD_SOCKET", str(socket))
    assert build_service.running()
    process.kill()
    process.wait()
    process.stdout.close()
    assert socket.exists() and not build_service.running()
    edit(minimal_org / "plan.yaml", "budget: {2566: 5000,", "budget: {2566: -5000,")
    code, _, err = run(socket, "build", str(minimal_org), "--output", str(tmp_path / "out"))
    assert code == 2 and "ห้ามติดลบ" in err


def prongsai(socket: Path, *args: str, umask: int = -1, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=ROOT, text=True, umask=umask,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "PRONGSAI_BUILD_SOCKET": str(socket), **env})


def run(socket: Path, *args: str, umask: int = -1, **env: str) -> tuple[int, str, str]:
    process = prongsai(socket, *args, umask=umask, **env)
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


def forks(log: Path) -> list[str]:
    return [line for line in log.read_text().splitlines() if ": prongsai build" in line]


def exit_code_in_service(log: Path, fork_line: str) -> int:
    """The exit code the service logged for the child of ``fork_line`` (it reaps within half a second)."""
    pid = fork_line.split("pid ", 1)[1].split(":", 1)[0]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for line in log.read_text().splitlines():
            if f"pid {pid} exited: " in line:
                return int(line.rsplit(": ", 1)[1])
        time.sleep(0.1)
    raise AssertionError(f"pid {pid} was not reaped")


def without_times(result: tuple[int, str, str]) -> tuple[int, str, str]:
    """The progress lines' "[  0.1s]" stamps differ from run to run."""
    code, out, err = result
    return code, out, re.sub(r"^\[\s*[\d.]+s\] ", "", err, flags=re.MULTILINE)


def bundle(out: Path) -> Path:
    return next(out.rglob("แผนปฏิบัติการ*.pdf"))


def modes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): oct(stat.S_IMODE(p.stat().st_mode)) for p in folder.rglob("*")}


def test_a_build_runs_in_the_service_and_writes_what_its_own_process_would(service, example_copy, tmp_path):
    """Both builds run with the umask 027 (the service keeps the test's own) and publish folders 0750 and files
    0640: the caller's umask, not the service's, and not the private mode of the staging folder."""
    socket, log = service
    before = len(forks(log))
    code, out, err = run(socket, "build", str(example_copy), "--output", str(tmp_path / "warm"), umask=0o027)
    assert code == 0, err
    assert len(forks(log)) == before + 1, "the build ran in a fork of the service"
    assert exit_code_in_service(log, forks(log)[-1]) == 0
    assert "เขียนไฟล์แล้ว / written to" in out and "รวมเล่ม" in err  # the caller's own stdout and stderr

    code, _, err = run(socket, "build", str(example_copy), "--output", str(tmp_path / "own"), umask=0o027,
                       PRONGSAI_BUILD_SERVICE="0")
    assert code == 0, err
    assert len(forks(log)) == before + 1
    warm, own = tmp_path / "warm", tmp_path / "own"
    assert sorted(p.relative_to(warm) for p in warm.rglob("*")) == sorted(p.relative_to(own) for p in own.rglob("*"))
    assert modes(warm) == modes(own) == {name: "0o750" if (own / name).is_dir() else "0o640" for name in modes(own)}
    warm_pages, own_pages = PdfReader(bundle(warm)).pages, PdfReader(bundle(own)).pages
    assert len(warm_pages) == len(own_pages)
    assert [p.extract_text() for p in warm_pages[:12]] == [p.extract_text() for p in own_pages[:12]]


def test_bad_input_gives_the_same_message_and_exit_code_through_the_service(service, minimal_org, tmp_path):
    socket, log = service
    edit(minimal_org / "plan.yaml", "budget: {2566: 5000,", "budget: {2566: ห้าพันบาท,")
    before = len(forks(log))
    warm = run(socket, "build", str(minimal_org), "--output", str(tmp_path / "out"))
    own = run(socket, "build", str(minimal_org), "--output", str(tmp_path / "out"), PRONGSAI_BUILD_SERVICE="0")
    assert len(forks(log)) == before + 1
    assert exit_code_in_service(log, forks(log)[-1]) == 2
    assert without_times(warm) == without_times(own)
    code, _, err = warm
    assert code == 2 and "projects[training].budget.2566" in err and "ต้องเป็นตัวเลขจำนวนเต็ม" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.docx"))


def test_other_import_time_settings_build_in_their_own_process(service, minimal_org, tmp_path):
    socket, log = service
    edit(minimal_org / "plan.yaml", "budget: {2566: 5000,", "budget: {2566: -5000,")
    before = len(forks(log))
    code, _, err = run(socket, "build", str(minimal_org), "--output", str(tmp_path / "out"),
                       PRONGSAI_CONVERT_TIMEOUT="77")
    assert code == 2 and "ห้ามติดลบ" in err
    assert len(forks(log)) == before
    assert "declined: another Python or other settings" in log.read_text()


def test_ctrl_c_stops_the_build_in_the_service(service, example_copy, tmp_path):
    socket, log = service
    out = tmp_path / "out"
    process = prongsai(socket, "build", str(example_copy), "--output", str(out), PRONGSAI_CONVERT_CACHE="0")
    seen = ""
    while "จัดทำเอกสาร" not in seen:  # the child is rendering
        line = process.stderr.readline()
        assert line, f"the build ended early: {seen}"
        seen += line
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, seen + err
    assert "ยกเลิก / interrupted" in err
    assert not list(out.rglob("*.pdf")), "an interrupted build publishes nothing"
    assert exit_code_in_service(log, forks(log)[-1]) == 130


def test_a_service_whose_code_changed_declines_and_stops(tmp_path, minimal_org):
    socket, log = tmp_path / "build.sock", tmp_path / "service.log"
    process = start_service(socket, log)
    module = ROOT / "generator" / "thai.py"
    stat = module.stat()
    try:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        edit(minimal_org / "plan.yaml", "budget: {2566: 5000,", 'budget: {2566: "5,000",')
        code, _, err = run(socket, "build", str(minimal_org), "--output", str(tmp_path / "out"))
        assert code == 2 and "ต้องเป็นตัวเลขจำนวนเต็ม" in err  # built in its own process
        process.wait(timeout=10)
        assert "declined: Prongsai changed since the service started" in log.read_text()
        assert forks(log) == []
        assert not socket.exists()
    finally:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        stop_service(process)
