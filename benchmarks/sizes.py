"""Huge inputs: time and peak memory of `glossator check` and `build` as they grow.

Usage: python benchmarks/sizes.py [--notes N ...] [--megabytes M ...] [--work DIR]

For each N, one Markdown essay of N footnotes (one marker a paragraph, notes in the
generated Chicago and `[@key]` forms of make_corpus.py, a 5,460-entry references.bib);
for each M, one Markdown essay of about M megabytes of paragraphs with a note every
tenth paragraph. Each is checked and built in a fresh process (`--no-cache`); the
script prints wall time, CPU time and peak resident memory, so growth can be read off
(issue 14: linear, bounded). Numbers go to docs/reliability.md.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import ENTRIES, bib_entries, bibtex, note_text, sentence, vocabulary  # noqa: E402


def essay(notes: int, megabytes: float, rng: random.Random, words: list[str], entries) -> str:
    out = ["---", "title: A very long essay", "date: 2024-01-01", "---", ""]
    size, n, paragraphs = 0, 0, 0
    target = int(megabytes * 1_000_000)
    while (notes and n < notes) or (not notes and size < target):
        paragraphs += 1
        text = " ".join(sentence(rng, words, rng.randint(8, 20)) for _ in range(4))
        if notes or paragraphs % 10 == 0:
            n += 1
            text += f"[^{n}]"
        if paragraphs % 200 == 1:
            out.append(f"## Part {paragraphs // 200 + 1}\n")
        out.append(text + "\n")
        size += len(text) + 1
    out += [f"[^{i}]: {note_text(rng, words, entries, i)}\n" for i in range(1, n + 1)]
    return "\n".join(out)


def measure(command: list[str], cwd: Path) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak MB, exit code) of one run in a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    code = subprocess.run(command, cwd=cwd, capture_output=True).returncode
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024, code


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--megabytes", type=float, nargs="*", default=[5, 50])
    parser.add_argument("--work", type=Path, default=Path("/tmp/glossator-sizes"))
    args = parser.parse_args(argv)
    rng = random.Random(14)
    words = vocabulary(rng)
    entries = bib_entries(rng, words, ENTRIES)
    cases = [(n, 0.0) for n in args.notes] + [(0, m) for m in args.megabytes]
    print("case | source | check: wall, CPU, peak | build: wall, CPU, peak")
    for notes, megabytes in cases:
        work = args.work / (f"notes-{notes}" if notes else f"mb-{megabytes:g}")
        shutil.rmtree(work, ignore_errors=True)
        (work / "content" / "essays").mkdir(parents=True)
        (work / "content" / "references.bib").write_text(bibtex(entries), encoding="utf-8")
        text = essay(notes, megabytes, rng, words, entries)
        (work / "content" / "essays" / "long.md").write_text(text, encoding="utf-8")
        glossator = [sys.executable, "-m", "glossator"]
        row = [f"{notes:,} notes" if notes else f"{megabytes:g} MB", f"{len(text) / 1e6:.1f} MB"]
        for command in (["check"], ["build", "--out", "site", "--no-cache"]):
            # a fresh maxrss per command: each runs in its own child of a new python
            probe = [sys.executable, __file__, "--probe", *glossator, *command]
            wall, cpu, peak, code = _probe(probe, work)
            row.append(f"{wall:.1f} s, {cpu:.1f} s, {peak:.0f} MB (exit {code})")
        print(" | ".join(row), flush=True)
    return 0


def _probe(command: list[str], cwd: Path) -> tuple[float, float, float, int]:
    out = subprocess.run(command, cwd=cwd, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), int(out[3])


if __name__ == "__main__":
    if sys.argv[1:2] == ["--probe"]:  # one measured command, its numbers on stdout
        result = measure(sys.argv[2:], Path.cwd())
        print(*result)
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
