"""Reading Markdown essays, per word: the seed paper exported to Markdown (prose with
notes) and a synthetic essay dense with markup (a note every 40 words, a citation
every 200, emphasis and quotations).

Usage: python benchmarks/bench_reader.py
Prints the best of 20 runs; numbers are recorded in docs/performance.md.
"""

from __future__ import annotations

import gc
import random
import time
from pathlib import Path

from glossator.ingest.markdown import read_markdown
from glossator.ingest.markdown_export import export_markdown
from glossator.ingest.pdf_text import read_pdf_text
from glossator.ingest.source import Source

ROOT = Path(__file__).resolve().parents[1]
WORDS = [
    "the",
    "of",
    "and",
    "a",
    "to",
    "in",
    "is",
    "was",
    "that",
    "for",
    "it",
    "as",
    "with",
    "his",
    "on",
    "be",
    "at",
    "by",
    "this",
    "had",
    "not",
    "are",
    "but",
    "from",
    "or",
    "have",
    "an",
    "they",
    "which",
    "one",
    "you",
    "were",
    "her",
    "all",
    "she",
    "there",
    "would",
    "their",
    "we",
    "him",
    "been",
]


def seed_paper() -> str:
    path = ROOT / "content" / "essays" / "us-russia-un-syria.txt"
    doc, _ = read_pdf_text(Source("seed", str(path), path.read_text(encoding="utf-8")))
    doc.meta.title = "Seed"
    return export_markdown(doc)


def dense(paragraphs: int = 150) -> str:
    rng = random.Random(1)
    body, notes = [], []
    for i in range(paragraphs):
        if i % 10 == 0:
            body.append(f"## Section {i}")
        words = []
        for j in range(120):
            word, roll = rng.choice(WORDS), rng.random()
            if roll < 0.03:
                word = f"*{word}*"
            elif roll < 0.05:
                word = f'"{word}"'
            elif roll < 0.055:
                word = f"[@key{j}, {j}]"
            if j % 40 == 39:
                word += f".[^n{i}-{j}]"
                notes.append(f"[^n{i}-{j}]: Smith, John. *A Book*. Cambridge: Press, 1999, {j}.")
            words.append(word + ("\n" if j % 20 == 19 else ""))
        body.append(" ".join(words))
    return "---\ntitle: Dense\n---\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(notes) + "\n"


def best_time(text: str, runs: int = 20) -> float:
    source = Source("bench", "bench.md", text)
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        read_markdown(source)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    for name, text in (("seed paper", seed_paper()), ("dense markup", dense())):
        words = len(text.split())
        seconds = best_time(text)
        print(
            f"{name}: {words} words, {seconds * 1000:.1f} ms, {seconds / words * 1e6:.2f} us/word"
        )


if __name__ == "__main__":
    main()
