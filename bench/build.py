"""Benchmark of the whole build (not a test): the example organisation's full bundle, against a plain soffice.

    python bench/build.py [ORG_DIR] [--runs 5] [--workers 2] [--profile]

Every figure is the median of --runs runs, measured in one run of this script, against a baseline measured in
the same run: one plain `soffice --headless --convert-to pdf` call over the same DOCX files (every DOCX the
build writes, the plan with its table of contents) with a fresh private profile — what a clerk could do by hand,
with no rendering, checking, table of contents or assembly at all. The scenarios are measured in rounds, each
round running every scenario once, the baseline included: first the scenarios without converters, then those
with converters running, each group with a baseline of its own measured in its rounds (the converters sit idle
during it). The ratios then compare figures taken minutes apart at most, on a machine whose speed drifts.

Scenarios (all through a fresh `python -m generator build` process, as a user runs it; every DOCX, every PDF
and the assembled plan are written each time):
- cold: nothing running before, PRONGSAI_CONVERT_CACHE=0 (no cache of any kind), a fresh output folder;
- warm: `prongsai serve-converters` already running (started and warmed up before timing), cache off; the
  build runs in a fork of the warm build process serve-converters keeps (generator.build_service), and, for
  comparison, in its own process (PRONGSAI_BUILD_SERVICE=0);
- rebuild: one project's budget changed since the previous build of the same folder, cache on, converters
  running (and, for comparison, without them); and the same rebuild when the budget goes back to an amount
  built before, so that every PDF comes from the cache: the rebuild's work without any conversion;
and the same warm and rebuild scenarios in-process (`pipeline.build()` called in a Python that has already
imported Prongsai: what a long-running service or `prongsai watch` would pay).

Printed, each on its own line: every figure, every ratio to the baseline, peak memory (LibreOffice processes
summed; the build's own Python process) and the most LibreOffice processes running at once, with how many were
started (more when LibreOffice replaced one: see convert.LibreOfficeWatcher). --profile adds a cProfile of one
in-process warm build.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import paths, pipeline  # noqa: E402
from generator.convert import supervisor  # noqa: E402

_spec = importlib.util.spec_from_file_location("convert_bench", Path(__file__).with_name("convert.py"))
convert_bench = importlib.util.module_from_spec(_spec)
sys.modules["convert_bench"] = convert_bench
_spec.loader.exec_module(convert_bench)
LibreOfficeWatcher, RunningWorkers, Result, Sample = (convert_bench.LibreOfficeWatcher, convert_bench.RunningWorkers,
                                                      convert_bench.Result, convert_bench.Sample)

COLD = {"PRONGSAI_CONVERT_CACHE": "0"}
BUDGET_LINE = re.compile(r"^(\s*budget: \{2566: )(\d+)", re.MULTILINE)


@dataclass
class Scenario:
    name: str
    run: Callable[[], int]  # returns the peak RSS (kB) of the build's own process, 0 when in-process
    before: Callable[[], None] = lambda: None  # not timed (an edit of the data)


def measure_rounds(scenarios: list[Scenario], runs: int) -> list[Result]:
    """Every scenario once per round, for ``runs`` rounds. This machine's speed drifts by a tenth or more for
    minutes at a time; measured in rounds, a slow spell weighs on the baseline and on the builds alike, and the
    ratios hold."""
    results = [Result(scenario.name) for scenario in scenarios]
    for _ in range(runs):
        for scenario, result in zip(scenarios, results):
            scenario.before()
            with LibreOfficeWatcher() as watcher:
                started = time.perf_counter()
                python_kb = scenario.run()
                seconds = time.perf_counter() - started
            result.python_kb = max(result.python_kb, python_kb, watcher.build_kb)  # the fork, when the service built
            result.samples.append(Sample(seconds, watcher.peak_kb / 1024, watcher.processes, watcher.at_once))
    return results


def baseline(docs: list[Path], work: Path, when: str) -> Scenario:
    run = convert_bench.baseline(docs, work)
    return Scenario(f"baseline (plain soffice --convert-to, fresh profile; {when})", lambda: run() or 0)


def cli_build(org: Path, output: Callable[[], Path], env: dict[str, str]) -> Callable[[], int]:
    def run() -> int:
        process = subprocess.Popen([sys.executable, "-m", "generator", "build", str(org), "--output", str(output())],
                                   cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"build failed: {process.stderr.read().decode()[-2000:]}")
        return usage.ru_maxrss
    return run


def in_process_build(org: Path, output: Callable[[], Path], env: dict[str, str]) -> Callable[[], int]:
    def run() -> int:
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            pipeline.build(org, output())
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        return 0
    return run


class BudgetEditor:
    """Changes one project's first-year budget in the copied organisation folder before each rebuild, to an amount
    no earlier run used (the conversion cache outlives a benchmark: a repeated amount would find its PDFs)."""

    def __init__(self, org: Path):
        self.plan = org / "plan.yaml"
        if not BUDGET_LINE.search(self.plan.read_text(encoding="utf-8")):
            raise SystemExit(f"no 'budget: {{2566: …' line to change in {self.plan}")

    def __call__(self) -> None:
        self.set(10_000 + time.time_ns() // 1_000 % 990_000)  # microseconds: practically never the same twice

    def set(self, amount: int) -> None:
        text = self.plan.read_text(encoding="utf-8")
        self.plan.write_text(BUDGET_LINE.sub(lambda m: f"{m.group(1)}{amount}", text, count=1), encoding="utf-8")


class BudgetToggle(BudgetEditor):
    """Sets the budget to one of two amounts, each time the other: once both have been built, a rebuild finds
    every PDF in the cache and converts nothing. What is left is the rebuild's own work: the floor under the
    rebuild figure that no conversion speed-up can go below."""

    AMOUNTS = (123_456, 234_567)

    def __init__(self, org: Path):
        super().__init__(org)
        self.turn = 0

    def __call__(self) -> None:
        self.set(self.AMOUNTS[self.turn % 2])
        self.turn += 1


def built_docx(org: Path, work: Path) -> list[Path]:
    """Every DOCX a build writes (the plan with its table of contents), copied into one flat folder."""
    result = pipeline.build(org, work / "reference")
    folder = work / "docx"
    folder.mkdir()
    docs = []
    for i, document in enumerate(result.documents):
        docs.append(Path(shutil.copyfile(result.out_dir / document.path, folder / f"{i:02d}.docx")))
    return docs


def profile_build(org: Path, work: Path) -> str:
    counter = iter(range(10**6))
    run = in_process_build(org, lambda: work / f"profile-{next(counter)}", COLD)
    run()  # imports and first-use costs out of the way
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("org_dir", nargs="?", type=Path, default=paths.DEFAULT_EXAMPLE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=supervisor.default_worker_count())
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one in-process warm build")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="prongsai-bench-build-") as tmp:
        work = Path(tmp)
        org = Path(shutil.copytree(args.org_dir, work / args.org_dir.name))
        docs = built_docx(org, work)
        counter = iter(range(10**6))

        def fresh() -> Path:
            return work / f"out-{next(counter)}"

        def same() -> Path:
            return work / "rebuilt"

        edit, toggle = BudgetEditor(org), BudgetToggle(org)
        print(f"documents: {len(docs)} DOCX from {args.org_dir}, {args.runs} rounds, {os.cpu_count()} cores")
        in_process_build(org, same, {})()  # the edition a rebuild replaces; fills the cache
        alone = measure_rounds([
            baseline(docs, work, "in the rounds without converters"),
            Scenario("cold build (nothing running, no cache)", cli_build(org, fresh, COLD)),
            Scenario("rebuild after a budget change (no converters)", cli_build(org, same, {}), edit),
        ], args.runs)
        with RunningWorkers(args.workers) as running:
            cli_build(org, fresh, COLD)()  # warm-up: every worker's first document
            for _ in toggle.AMOUNTS:  # both amounts built once: their PDFs are in the cache
                toggle()
                cli_build(org, same, {})()
            in_process_build(org, fresh, COLD)()  # imports
            beside = measure_rounds([
                baseline(docs, work, "in the rounds with converters running, idle"),
                Scenario(f"warm build ({args.workers} converters running, no cache)", cli_build(org, fresh, COLD)),
                Scenario("warm build in its own process (converters running, no build service, no cache)",
                         cli_build(org, fresh, {**COLD, "PRONGSAI_BUILD_SERVICE": "0"})),
                Scenario("rebuild after a budget change (converters running)", cli_build(org, same, {}), edit),
                Scenario("rebuild that converts nothing (budget set back, every PDF cached; converters running)",
                         cli_build(org, same, {}), toggle),
                Scenario("in-process warm build (converters running, no cache)", in_process_build(org, fresh, COLD)),
                Scenario("in-process rebuild after a budget change (converters running)",
                         in_process_build(org, same, {}), edit),
            ], args.runs)
            profile = profile_build(org, work) if args.profile else ""

        print(f"converters start-up (not in the figures): {running.startup_seconds:.2f} s")
        convert_bench.print_results(alone)
        convert_bench.print_results(beside, baseline_resources=False)  # the idle converters are not its own
        if profile:
            print(profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
