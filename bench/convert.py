"""Benchmark of the conversion stage (not a test): the example's documents, DOCX → PDF, measured in one run.

    python bench/convert.py [ORG_DIR] [--runs 5] [--workers 2]

Scenarios, each the median of --runs runs, against a baseline measured in the same run:
- baseline: one plain `soffice --headless --convert-to pdf` over the same DOCX files with a fresh private
  profile, in the user's normal environment (what a clerk could do by hand);
- oneshot: `convert()` with no worker running (typography copy, parallel soffice batches, no cache);
- session: `convert()` inside a build session (workers of its own, their start-up included, no cache);
- workers: `convert()` with `prongsai serve-converters` already running (started before timing, no cache);
- cached: `convert()` when every document is unchanged (all from the content-hash cache).
Printed: each figure and each ratio on its own line, plus peak LibreOffice memory and the most LibreOffice
processes running at once (with how many were started).

The full-build benchmark extends this by adding scenarios (see SCENARIOS) that call the pipeline instead.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import build_service, paths, pipeline, validate  # noqa: E402
from generator.convert import ConversionJob, convert, session, supervisor, workers  # noqa: E402


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class Sample:
    seconds: float
    peak_rss_mb: float
    processes: int  # LibreOffice processes started during the run
    at_once: int  # the most running at the same time


@dataclass
class Result:
    name: str
    samples: list[Sample] = field(default_factory=list)
    python_kb: int = 0  # peak resident memory of a build's own process (0: not measured)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)


def _build_service_pid() -> int | None:
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if b"generator.build_service" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return int(pid)
        except OSError:
            continue
    return None


class LibreOfficeWatcher:
    """Samples /proc every 50 ms (about 1 ms of CPU each time, so it barely slows a build that keeps every core
    busy): summed resident memory of the soffice.bin processes this benchmark started
    (descendants of this process; other LibreOffice on the machine is not counted), how many there were
    (ignoring the momentary forks LibreOffice makes of itself while exiting), and the most at once. The two
    counts differ when LibreOffice replaces a process: a plain soffice with a new profile restarts itself once
    after creating it, and a converter is restarted after its --recycle-after documents."""

    def __init__(self):
        self.peak_kb = 0
        self.build_kb = 0  # peak resident memory of a build forked by the build service (generator.build_service)
        self._service = _build_service_pid()
        self.lifetimes: dict[int, list[float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _processes() -> dict[int, tuple[int, str, int]]:
        """pid → (parent pid, name, resident kB), each from the one short line of /proc/<pid>/stat: the watcher
        runs beside builds that use every core, so it must cost them as little as possible."""
        found = {}
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            close = stat.rindex(b")")
            fields = stat[close + 2:].split()
            found[int(pid)] = (int(fields[1]), stat[stat.index(b"(") + 1:close].decode(errors="replace"),
                               int(fields[21]) * PAGE_KB)
        return found

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            processes = self._processes()
            total = 0
            for pid, (parent, name, rss_kb) in processes.items():
                if self._service and parent == self._service:
                    self.build_kb = max(self.build_kb, rss_kb)
                if name != "soffice.bin":
                    continue
                ancestor = pid
                while ancestor not in (0, 1, me) and ancestor in processes:
                    ancestor = processes[ancestor][0]
                if ancestor != me:
                    continue
                now = time.monotonic()
                self.lifetimes.setdefault(pid, [now, now])[1] = now
                total += rss_kb
            self.peak_kb = max(self.peak_kb, total)
            time.sleep(0.05)

    def __enter__(self) -> "LibreOfficeWatcher":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def processes(self) -> int:
        return len(self._lives())

    @property
    def at_once(self) -> int:
        lives = self._lives()
        return max((sum(1 for first, last in lives if first <= start <= last) for start, _ in lives), default=0)

    def _lives(self) -> list[tuple[float, float]]:
        return [(first, last) for first, last in self.lifetimes.values() if last - first >= 0.1]


def measure(run: Callable[[], None], runs: int, name: str) -> Result:
    result = Result(name)
    for _ in range(runs):
        with LibreOfficeWatcher() as watcher:
            started = time.perf_counter()
            run()
            seconds = time.perf_counter() - started
        result.samples.append(Sample(seconds, watcher.peak_kb / 1024, watcher.processes, watcher.at_once))
    return result


def render_documents(org_dir: Path, folder: Path) -> list[Path]:
    """Every DOCX the pipeline renders for the organisation (today the plan; later also its appendix)."""
    data = validate.load_valid(org_dir)
    written = []
    for document in pipeline.render_all(data):
        target = folder / document.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(document.content)
        written.append(target)
    return written


def baseline(docs: list[Path], work: Path) -> Callable[[], None]:
    def run() -> None:
        profile = Path(tempfile.mkdtemp(dir=work, prefix="baseline-profile-"))
        out = Path(tempfile.mkdtemp(dir=work, prefix="baseline-out-"))
        subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out), *map(str, docs)], check=True, capture_output=True)
        assert len(list(out.glob("*.pdf"))) == len(docs)
        shutil.rmtree(profile, ignore_errors=True)
    return run


def ours(docs: list[Path], work: Path, engine: str, use_cache: bool) -> Callable[[], None]:
    def run() -> None:
        out = Path(tempfile.mkdtemp(dir=work, prefix=f"{engine}-out-"))
        jobs = [ConversionJob(d, out / f"{d.stem}.pdf", thai_numerals=False) for d in docs]
        report = convert(jobs, engine=engine, use_cache=use_cache)
        assert report.converted + report.from_cache == len(docs) and not report.failed
    return run


def in_session(docs: list[Path], work: Path) -> Callable[[], None]:
    def run() -> None:
        with session():
            ours(docs, work, "auto", use_cache=False)()
    return run


class RunningWorkers:
    """`prongsai serve-converters` in the background for the duration of a scenario."""

    def __init__(self, count: int):
        self.count = count
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "RunningWorkers":
        if workers.live_workers():
            raise SystemExit("converters are already running; stop them first (prongsai converters stop)")
        self.process = subprocess.Popen([sys.executable, "-m", "generator", "serve-converters", "--workers",
                                         str(self.count)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
        started = time.perf_counter()
        while len(workers.live_workers()) < self.count or not self._service_ready():
            if self.process.poll() is not None or time.perf_counter() - started > 120:
                raise SystemExit("the converters did not start")
            time.sleep(0.05)
        self.startup_seconds = time.perf_counter() - started
        return self

    @staticmethod
    def _service_ready() -> bool:
        """serve-converters also starts the warm build process (generator.build_service) unless turned off."""
        return not build_service.wanted() or build_service.socket_path().exists()

    def __exit__(self, *exc) -> None:
        workers.stop_all()
        if self.process:
            self.process.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("org_dir", nargs="?", type=Path, default=paths.DEFAULT_EXAMPLE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=supervisor.default_worker_count())
    parser.add_argument("--copies", type=int, default=1, help="convert each document this many times (stress)")
    parser.add_argument("--docx", type=Path, default=None, help="benchmark the DOCX files in this folder instead")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="prongsai-bench-") as tmp:
        work = Path(tmp)
        if args.docx:
            (work / "docx").mkdir()
            docs = [Path(shutil.copy(d, work / "docx")) for d in sorted(args.docx.glob("*.docx"))]
        else:
            docs = render_documents(args.org_dir, work / "docx")
        docs += [shutil.copyfile(d, d.with_name(f"{d.stem}-{i}.docx")) for i in range(1, args.copies) for d in list(docs)]
        print(f"documents: {len(docs)} DOCX from {args.docx or args.org_dir}, {args.runs} runs each, {os.cpu_count()} cores")
        results = [measure(baseline(docs, work), args.runs, "baseline (plain soffice --convert-to, fresh profile)"),
                   measure(ours(docs, work, "oneshot", use_cache=False), args.runs, "one-shot convert()")]
        results.append(measure(in_session(docs, work), args.runs, "convert() in a build session (own workers)"))
        with RunningWorkers(args.workers) as running:
            measure(ours(docs, work, "workers", use_cache=False), 1, "warm-up")  # first document per worker
            results.append(measure(ours(docs, work, "workers", use_cache=False), args.runs,
                                   f"convert() with {args.workers} workers running"))
        ours(docs, work, "oneshot", use_cache=True)()  # fill the cache
        results.append(measure(ours(docs, work, "oneshot", use_cache=True), args.runs, "convert(), all cached"))

        print(f"workers start-up (not in the figures below): {running.startup_seconds:.2f} s")
        print_results(results)
    return 0


def print_results(results: list[Result], baseline_resources: bool = True) -> None:
    """Each figure and each ratio to the baseline (the first result) on its own line, then memory and processes
    (the baseline's only with ``baseline_resources``: LibreOffice processes already running would count as
    its own)."""
    base = results[0].median
    for result in results:
        print(f"{result.name}: median {result.median:.3f} s "
              f"(min {min(s.seconds for s in result.samples):.3f}, max {max(s.seconds for s in result.samples):.3f})")
    for result in results[1:]:
        print(f"ratio {result.name} / baseline: {result.median / base:.2f}")
    for result in results if baseline_resources else results[1:]:
        print(f"peak LibreOffice memory, {result.name}: {max(s.peak_rss_mb for s in result.samples):.0f} MB")
        if result.python_kb:
            print(f"peak build process memory, {result.name}: {result.python_kb / 1024:.0f} MB")
        print(f"LibreOffice processes at once, {result.name}: {max(s.at_once for s in result.samples)} "
              f"({max(s.processes for s in result.samples)} started in the run that started most)")


if __name__ == "__main__":
    raise SystemExit(main())
