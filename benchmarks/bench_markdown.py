"""Markdown essays, read and rendered: the cost per word of the Markdown path.

Usage: python benchmarks/bench_markdown.py [ESSAYS] [WORDS]   (default 40 essays of
about 6,000 words). Each generated essay (seeded, so every run reads the same text)
has sections at two levels, emphasis, code, links, lists, a block quotation, smart
quotes and dashes, and about one footnote per 110 words, some of several paragraphs.
Prints seconds for reading (ingest + notes + link + format) and for rendering, and
microseconds per word; numbers are recorded in docs/performance.md.

Times are the process's CPU time (`time.process_time`), best of three: on a shared
machine wall time varies by tens of percent between runs, CPU time by a few. The same
script runs on an older checkout, for a before/after comparison on the same essays:

    git archive 632ca40 src templates | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old/src python benchmarks/bench_markdown.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

try:
    from glossator.pipeline import plan, render_plan
except ImportError:  # a checkout from before the stages had folders (issue 8)
    from glossator.build import plan, render_plan

WORDS = (
    *[
        "the",
        "archive",
        "record",
        "ledger",
        "margin",
        "scholar",
        "claim",
        "source",
        "letter",
        "council",
        "treaty",
    ],
    *[
        "reading",
        "history",
        "evidence",
        "footnote",
        "argument",
        "witness",
        "page",
        "edition",
        "copy",
        "print",
    ],
    *[
        "of",
        "in",
        "and",
        "to",
        "a",
        "that",
        "with",
        "for",
        "as",
        "on",
        "by",
        "from",
        "which",
        "was",
        "were",
        "is",
        "had",
        "its",
        "their",
    ],
)


def sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    if rng.random() < 0.2:
        i = rng.randrange(length)
        words[i] = f"*{words[i]}*"
    if rng.random() < 0.1:
        i = rng.randrange(length)
        words[i] = f"“{words[i]}”" if rng.random() < 0.5 else f'"{words[i]}"'
    if rng.random() < 0.05:
        words.insert(rng.randrange(length), "--")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def essay(rng: random.Random, words: int) -> str:
    out = [
        "---",
        'title: "A Generated Essay"',
        "author: Test Author",
        "date: 2024-05-01",
        "---",
        "",
    ]
    notes: list[str] = []
    written = 0
    section = 0
    while written < words:
        if written % 700 < 60:
            section += 1
            out += [f"{'##' if section % 3 else '###'} Section {section}", ""]
        kind = rng.random()
        if kind < 0.08:
            out += [f"- {sentence(rng, 8)}", f"- {sentence(rng, 9)}", f"- {sentence(rng, 7)}", ""]
            written += 24
        elif kind < 0.12:
            out += [f"> {sentence(rng, 20)} {sentence(rng, 14)}", ""]
            written += 34
        else:
            parts = []
            for _ in range(rng.randint(3, 6)):
                length = rng.randint(10, 24)
                parts.append(sentence(rng, length))
                written += length
                if rng.random() < 0.25:
                    notes.append(sentence(rng, rng.randint(8, 30)))
                    parts[-1] += f"[^{len(notes)}]"
                    if rng.random() < 0.1:
                        notes[-1] += "\n\n    " + sentence(rng, 20)
            out += [" ".join(parts), ""]
    out += [f"[^{n}]: {text}" for n, text in enumerate(notes, 1)]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> None:
    count = int(argv[0]) if argv else 40
    words = int(argv[1]) if len(argv) > 1 else 6000
    rng = random.Random(20261201)
    with tempfile.TemporaryDirectory() as tmp:
        essays = Path(tmp) / "content" / "essays"
        essays.mkdir(parents=True)
        total_words = 0
        for n in range(count):
            text = essay(rng, words)
            total_words += len(text.split())
            (essays / f"essay-{n:03d}.md").write_text(text, encoding="utf-8")
        reads, renders = [], []
        for _ in range(3):  # the best of three runs: the least disturbed by the machine
            started = time.process_time()
            result = plan(Path(tmp) / "content")
            read = time.process_time()
            render_plan(result)
            rendered = time.process_time()
            reads.append(read - started)
            renders.append(rendered - read)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if errors:
        sys.exit(f"bench_markdown: the generated essays have errors: {errors[:3]}")
    print(f"{count} essays, {total_words} words")
    for name, times in (("read", reads), ("render", renders)):
        best = min(times)
        print(f"{name:<6} {best:6.2f} s  {1e6 * best / total_words:6.1f} µs/word (best of 3)")


if __name__ == "__main__":
    main(sys.argv[1:])
