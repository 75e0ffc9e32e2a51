"""Note-parsing benchmark: precision and recall on the hand-written corpus, the seed
essay's notes, and 10,000 generated notes.

Usage: python benchmarks/bench_notes.py [COUNT] [--failures]   (default 10000)
The corpus (tests/fixtures/notes/corpus, 300+ notes of history, law, IR and literature
essays with hand-written expected links) gives precision (share of links that reach
the work meant; goal: no wrong link) and recall (share of citing notes linked to
exactly their works; goal >= 98 %). Generated notes recombine authors, titles,
containers and dates across the kinds of work the parser knows, for timing.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from glossator.ingest.pdf_text import read_pdf_text
from glossator.ingest.source import Source
from glossator.notes.parse_note import parse_note

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "notes"))
from corpus_eval import CORPUS, score_corpus  # noqa: E402  (the scorer the tests use)

SEED = ROOT / "content" / "essays" / "us-russia-un-syria.txt"

FAMILIES = ["Smith", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "García", "Ibrahim"]
GIVEN = ["Anna", "James R.", "T. K.", "Marie-Claire", "Oleg", "Sun", "Patricia", "Ahmed"]
WORDS = [
    "power",
    "order",
    "rivalry",
    "veto",
    "council",
    "balance",
    "memory",
    "archive",
    "treaty",
    "reform",
    "crisis",
]
JOURNALS = ["International Security", "Foreign Affairs", "Global Governance", "World Politics"]
PAPERS = ["The New York Times", "The Guardian", "Le Monde", "The Washington Post"]
MONTHS = ["January", "March", "June", "September", "December"]


def title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(3, 7)))


def author(rng: random.Random) -> str:
    return f"{rng.choice(FAMILIES)}, {rng.choice(GIVEN)}"


def generated_note(rng: random.Random) -> str:
    year = rng.randint(1950, 2024)
    date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}"
    kind = rng.randrange(6)
    if kind == 0:
        first = rng.randint(1, 400)
        return (
            f'{author(rng)}. "{title(rng)}." {rng.choice(JOURNALS)} {rng.randint(1, 80)}, '
            f"no. {rng.randint(1, 4)} ({year}): {first}-{first + rng.randint(5, 40)}."
        )
    if kind == 1:
        return f"{author(rng)}. {title(rng)}. (London: Verso, {year}) p. {rng.randint(1, 500)}."
    if kind == 2:
        return f"{author(rng)}. “{title(rng)}.” {rng.choice(PAPERS)}. {date}."
    if kind == 3:
        return f"United Nations Security Council. Resolution {rng.randint(100, 2700)}. {date}."
    if kind == 4:
        return f"United Nations Security Council. Draft Resolution {year}/{rng.randint(1, 999)}."
    return (
        f"{author(rng)}. “{title(rng)}.” Reuters. {date}; see also "
        f"{author(rng)}. {title(rng)}. (Paris: Seuil, {year})."
    )


def timed(notes: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    works = sum(len(parse_note(n)) for n in notes)
    return time.perf_counter() - started, works


def corpus(show_failures: bool) -> None:
    for label, folder in (("corpus", CORPUS), ("held-out", CORPUS.parent / "heldout")):
        scored(label, folder, show_failures)


def scored(label: str, folder: Path, show_failures: bool) -> None:
    started = time.perf_counter()
    score = score_corpus(folder)
    seconds = time.perf_counter() - started
    print(
        f"{label + ':':<10} {score.notes:>6} notes {score.citing} citing; "
        f"precision {score.precision:.2%} ({score.wrong_links} wrong of {score.links} links); "
        f"recall {score.recall:.2%} ({score.citing_linked}/{score.citing}); "
        f"fields {score.fields_right}/{score.fields}; "
        f"warnings {score.warnings_right}/{score.warnings}; {seconds * 1000:.0f} ms"
    )
    if show_failures:
        for failure in score.failures:
            print("  ", failure)


def main(argv: list[str]) -> None:
    show = "--failures" in argv
    argv = [a for a in argv if a != "--failures"]
    corpus(show)
    count = int(argv[0]) if argv else 10_000
    document, _ = read_pdf_text(Source("seed", str(SEED), SEED.read_text("utf-8")))
    seed_notes = [n.text for n in document.notes]
    seconds, works = timed(seed_notes)
    print(f"seed:      {len(seed_notes):>6} notes {works:>6} works {seconds * 1000:8.1f} ms")
    rng = random.Random(20261122)
    generated = [generated_note(rng) for _ in range(count)]
    seconds, works = timed(generated)
    per_note = seconds / count * 1e6
    print(f"generated: {count:>6} notes {works:>6} works {seconds:8.2f} s ({per_note:.0f} µs/note)")


if __name__ == "__main__":
    main(sys.argv[1:])
