"""The seeds' cold build, as a user runs it: `glossator build --no-cache` of `content/`
into a fresh folder, interpreter start included, one process per run.

Usage: python benchmarks/seeds.py [--runs 10] [--content DIR]

Each run is a new process, as the issue's target counts it (the two seeds cold in
≤ 1 s). Python's bytecode caches are written as on a user's machine (a
`PYTHONDONTWRITEBYTECODE` in the environment is dropped: without the caches every run
compiles glossator's modules again, some 0.25 s), after one run that is not counted.
Wall times vary by tens of percent on a shared machine, so it reports the minimum,
the median and each run, with CPU seconds and peak memory.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from run import GLOSSATOR, ROOT, measured


def once(content: Path, out: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in MiB of one build."""
    shutil.rmtree(out, ignore_errors=True)
    command = [str(GLOSSATOR), "build", "--no-cache", "--content", str(content), "--out", str(out)]
    took, usage = measured(command, env=env)
    return took, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "_site"
        once(args.content, out, env)  # writes the bytecode caches; not counted
        runs = [once(args.content, out, env) for _ in range(args.runs)]
    walls = [wall for wall, _, _ in runs]
    print(f"seeds cold, {args.runs} runs: wall min {min(walls):.3f} s, median", end=" ")
    print(f"{statistics.median(walls):.3f} s; CPU median", end=" ")
    print(f"{statistics.median(cpu for _, cpu, _ in runs):.3f} s; peak", end=" ")
    print(f"{max(peak for _, _, peak in runs)} MiB")
    print("each run (wall s):", " ".join(f"{wall:.2f}" for wall in walls))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
