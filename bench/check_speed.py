"""Benchmark: is the preflight checker fast enough to run on every build?

Times `prongsai check` (a fresh Python process each run, as a clerk or the build would pay it) on:
  * the example's generated edition (plan.docx in full, plan.pdf for the contents' page numbers),
  * the example's data folder (its YAML, the plan rendered from it in memory, its templates),
  * the seed plan as plain text (when shared/seeds is next to the checkout),
and reports the median of several runs. The budget is 3 s for the whole example plan.

    .venv/bin/python bench/check_speed.py [--runs 5] [--example data/examples/bueng-prue]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import paths  # noqa: E402

BUDGET_S = 3.0


def seed() -> Path | None:
    for parent in [ROOT, *ROOT.parents]:
        candidate = parent / "shared" / "seeds" / "000_d1f19dc540dd0745.txt"
        if candidate.is_file():
            return candidate
    return None


def time_check(target: Path, runs: int) -> tuple[float, list[float], int]:
    times, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "generator", "check", str(target)], cwd=ROOT,
                             capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        code = out.returncode
    return statistics.median(times), times, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--example", type=Path, default=paths.DEFAULT_EXAMPLE)
    args = parser.parse_args()

    from generator import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        print(f"building {args.example} once (LibreOffice) …", flush=True)
        edition = pipeline.build(args.example, Path(tmp)).out_dir
        targets = [("example edition (plan.docx + plan.pdf)", edition), ("example data folder", args.example)]
        if (s := seed()) is not None:
            targets.append(("seed plan, plain text", s))
        failed = False
        print(f"\nmedian of {args.runs} runs, each a fresh `python -m generator check` process:")
        for label, target in targets:
            median, times, code = time_check(target, args.runs)
            within = median < BUDGET_S
            failed |= label.startswith("example") and not within
            runs = ", ".join(f"{t:.2f}" for t in times)
            print(f"  {label:42} {median:5.2f} s  (runs: {runs}; exit {code})"
                  f"{'' if within else f'  OVER the {BUDGET_S:.0f} s budget'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
