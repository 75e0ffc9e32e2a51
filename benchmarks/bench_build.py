"""Build-time benchmark: a corpus of N essays made from the seeds, built from scratch.

Usage: python benchmarks/bench_build.py [N ...]   (default 10 100 1000)
Prints seconds per stage; numbers are recorded in docs/performance.md.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from glossator.pipeline import plan, render_plan
from glossator.write import write_site

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "content" / "essays"


def make_corpus(target: Path, count: int) -> None:
    essays = target / "essays"
    essays.mkdir(parents=True)
    sources = sorted(SEEDS.glob("*.txt"))
    for index in range(count):
        source = sources[index % len(sources)]
        slug = f"{source.stem}-{index:04d}"
        shutil.copyfile(source, essays / f"{slug}.txt")
        shutil.copyfile(source.with_suffix(".yaml"), essays / f"{slug}.yaml")


def bench(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        content, out = Path(tmp) / "content", Path(tmp) / "_site"
        make_corpus(content, count)
        started = time.perf_counter()
        result = plan(content)
        read_done = time.perf_counter()
        files = render_plan(result)
        render_done = time.perf_counter()
        write_site(files, out)
        write_done = time.perf_counter()
    return {
        "read+link": read_done - started,
        "render": render_done - read_done,
        "write": write_done - render_done,
        "total": write_done - started,
    }


def main(argv: list[str]) -> None:
    counts = [int(a) for a in argv] or [10, 100, 1000]
    print(f"{'essays':>7} {'read+link':>8} {'render':>8} {'write':>8} {'total':>8}")
    for count in counts:
        t = bench(count)
        cells = " ".join(f"{t[k]:>8.2f}" for k in ("read+link", "render", "write", "total"))
        print(f"{count:>7} {cells}")


if __name__ == "__main__":
    main(sys.argv[1:])
