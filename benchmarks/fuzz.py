"""Mutation fuzzing of whole builds: content diagnostics, never a traceback or a hang.

Usage: python benchmarks/fuzz.py [INPUTS] [--seed N] [--jobs J] [--keep DIR] [--from DIR]

Each input is one of the project's own small sources (a pdf-text essay with its
sidecar, Markdown essays using every construct, a web-text page, a `.bib`), mutated
the ways real files break and hostile ones are made: lines dropped, duplicated or
shuffled, digits changed, bytes flipped, the file truncated, Markdown and BibTeX syntax
and odd characters inserted, two files spliced. With `--from content` the input is
the whole content folder (the seed essays, their sidecars, site.yaml, the `.bib`), one
or more of its files mutated: the experiment of issue 14. Every input is read, linked, formatted
and rendered in memory (`plan` + `render_plan`) in a worker with a time limit (10 s of CPU)
and a memory limit (1 GB). A result is a failure when anything raises, the time or the
memory runs out, or a page does not encode as UTF-8. Failures are written to `--keep`
(default `fuzz-failures/`, not committed) as content folders, so each can be replayed
with `glossator check --content DIR` and kept as a regression case.

The counts of each run are recorded in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

from glossator.pipeline import plan, render_plan

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
TIME_LIMIT = 10  # CPU seconds per input (CPU, not wall time: a loaded machine is no hang)
MEMORY_LIMIT = 1 << 30  # bytes per worker

INSERTS = [
    "[^1]",
    "[^",
    "^[",
    "]",
    "[@",
    "@key",
    "[-@x, p. 5]",
    "**",
    "*",
    "`",
    "```",
    "$",
    "$$",
    "\n> ",
    "\n- ",
    "\n1. ",
    "\n| a | b |\n|---|---|\n",
    "\n---\n",
    ":::",
    "\n:   ",
    "\n~ ",
    "@fig-a",
    "[-@tbl:b]",
    "{#fig-a}",
    "{#tbl:b}",
    "\n- [ ] ",
    "\n- \\[ ] ",
    "\n(@) ",
    "\n(@ex) ",
    "(@ex)",
    "\n::: {#refs}\n:::\n",
    "\ue000",
    "\ue0000\ue001",
    "\ue0009\ue001 [@k]",
    "{{< video x >}}",
    "{.smallcaps}",
    "<div>",
    "<!--",
    "&#0;",
    "\\",
    "\n\n",
    "  ",
    "Ibid.",
    "Ibid., 5.",
    "S/RES/1199 (1998)",
    '"',
    "“",
    "’",
    "\x00",
    "\x1b[2J",
    "\ud800",
    "\ue0ff",
    "\u202e",
    "\ufeff",
    "٣",
    "@string{a = b # a}",
    "{",
    "}",
    "#",
    "title: *a",
    "&a ",
    "1.10",
    "No",
    "https://",
    "//host/x.gif",
    "![x](",
]


def content_folder(folder: Path) -> list[dict[str, str]]:
    """A whole content folder (`--from content`: the seeds as the site builds them) as
    one input, every text file of it open to mutation."""
    files = {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in (".md", ".txt", ".yaml", ".yml", ".bib")
    }
    return [files]


def sources() -> list[dict[str, str]]:
    """The inputs to mutate: each a small content folder, as {relative path: text}."""
    good = FIXTURES / "good" / "essays"
    markdown = FIXTURES / "markdown"
    out = [
        {
            "essays/ledgers.txt": (good / "ledgers.txt").read_text(encoding="utf-8"),
            "essays/ledgers.yaml": (good / "ledgers.yaml").read_text(encoding="utf-8"),
        }
    ]
    for path in sorted(markdown.glob("*.md")) + sorted((markdown / "conformance").glob("*.md")):
        out.append({f"essays/{path.name}": path.read_text(encoding="utf-8")})
    bib = next(iter(sorted(FIXTURES.rglob("*.bib"))), None)
    if bib is not None:
        out.append(
            {
                "essays/cites.md": "---\ntitle: T\n---\n\nText [@a; @b, 5].[^1]\n\n[^1]: See @c.\n",
                "references.bib": bib.read_text(encoding="utf-8"),
            }
        )
    return out


def mutate(text: str, rng: random.Random, other: str) -> str:
    """One to four mutations of `text`, `other` being a second source for splices."""
    for _ in range(rng.randint(1, 4)):
        lines = text.split("\n")
        kind = rng.randrange(9)
        if kind == 0 and len(lines) > 1:
            del lines[rng.randrange(len(lines))]
        elif kind == 1:
            i = rng.randrange(len(lines))
            lines[i:i] = [lines[i]] * rng.randint(1, 3)
        elif kind == 2 and len(lines) > 2:
            i = rng.randrange(len(lines) - 1)
            window = lines[i : i + rng.randint(2, 8)]
            rng.shuffle(window)
            lines[i : i + len(window)] = window
        elif kind == 3:
            digits = [i for i, c in enumerate(text) if c.isdigit()]
            if digits:
                i = rng.choice(digits)
                text = text[:i] + str(rng.randrange(10)) + text[i + 1 :]
            continue
        elif kind == 4 and text:
            data = bytearray(text.encode("utf-8", "surrogatepass"))
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            text = data.decode("utf-8", "replace")
            continue
        elif kind == 5 and text:
            text = text[: rng.randrange(len(text))]
            continue
        elif kind in (6, 7):
            i = rng.randrange(len(text) + 1)
            text = text[:i] + rng.choice(INSERTS) * rng.choice((1, 1, 1, 3, 50)) + text[i:]
            continue
        elif kind == 8 and other:
            i, j = rng.randrange(len(text) + 1), rng.randrange(len(other) + 1)
            text = text[:i] + other[j : j + rng.randint(1, 400)] + text[i:]
            continue
        text = "\n".join(lines)
    return text


_POOL: list[dict[str, str]] = []  # the inputs of this run, read once before the workers fork


def make_input(seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    pool = _POOL or sources()
    files = dict(rng.choice(pool))
    other = next(iter(rng.choice(pool).values()))
    for name in rng.sample(sorted(files), rng.randint(1, len(files))):
        files[name] = mutate(files[name], rng, other)
    return files


def _alarm(signum, frame):  # noqa: ANN001, ANN202 (signal handler)
    raise TimeoutError("time limit")


def run_one(seed: int) -> tuple[int, str | None, float]:
    """(seed, failure or None, seconds) of one input, in a worker process."""
    files = make_input(seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        for name, text in files.items():
            path = content / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
        signal.setitimer(signal.ITIMER_PROF, TIME_LIMIT)
        try:
            result = plan(content)
            if result.formatted is not None:
                for name, data in render_plan(result, search_available=False).items():
                    if not isinstance(data, bytes | bytearray):  # the data files: a bytearray
                        raise TypeError(f"{name} is not bytes")
        except MemoryError:
            return seed, "memory limit", time.perf_counter() - started
        except TimeoutError:
            return seed, "time limit", time.perf_counter() - started
        except Exception:  # noqa: BLE001 (any exception is what the fuzzer looks for)
            return seed, traceback.format_exc(limit=-4), time.perf_counter() - started
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    return seed, None, time.perf_counter() - started


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", type=int, nargs="?", default=2000)
    parser.add_argument("--seed", type=int, default=0, help="the first input's seed")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"))
    parser.add_argument("--from", dest="folder", type=Path, help="a content folder to mutate")
    args = parser.parse_args(argv)
    _POOL[:] = content_folder(args.folder.resolve()) if args.folder else sources()
    signal.signal(signal.SIGPROF, _alarm)
    failures: dict[str, list[int]] = {}
    slowest = (0.0, -1)
    started = time.perf_counter()
    seeds = range(args.seed, args.seed + args.inputs)
    with multiprocessing.Pool(args.jobs, initializer=_limit_memory, maxtasksperchild=500) as pool:
        for done, (seed, failure, seconds) in enumerate(
            pool.imap_unordered(run_one, seeds, chunksize=8), 1
        ):
            slowest = max(slowest, (seconds, seed))
            if failure is not None:
                kind = failure.strip().splitlines()[-1][:120]
                failures.setdefault(kind, []).append(seed)
                keep = args.keep / f"seed-{seed}" / "content"
                for name, text in make_input(seed).items():
                    (keep / name).parent.mkdir(parents=True, exist_ok=True)
                    (keep / name).write_bytes(text.encode("utf-8", "surrogatepass"))
                (keep.parent / "failure.txt").write_text(failure, encoding="utf-8")
            if done % 1000 == 0:
                print(f"{done} inputs, {sum(map(len, failures.values()))} failures", flush=True)
    elapsed = time.perf_counter() - started
    count = sum(map(len, failures.values()))
    print(f"{args.inputs} inputs in {elapsed:.0f} s: {count} failures, {len(failures)} kinds")
    print(f"slowest input: seed {slowest[1]}, {slowest[0]:.2f} s")
    for kind, found in sorted(failures.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(found):6d}  {kind}  (e.g. seed {found[0]})")
    if not count and args.keep.exists() and not any(args.keep.iterdir()):
        shutil.rmtree(args.keep)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
