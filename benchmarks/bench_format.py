"""CPU time to format works with the site's CSL engine: bibliography entries of N
generated works, and the citations of 100 documents citing 20 works twice each.

    .venv/bin/python benchmarks/bench_format.py [N] [--style NAME ...]

The works are generated deterministically (six types, one to four authors, some
editor-only books, page ranges, volumes), so runs before and after a change format the
same input. CPU seconds (`time.process_time`), not wall time: the machine is shared.
The numbers go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import random
import time

from glossator.format.engine import CitationStyle, CiteRequest

FAMILIES = ["Lind", "Okafor", "Brandt", "Moreau", "Sato", "Quist", "Alvarez", "Nakamura"]
GIVEN = ["Tomas", "Ada", "Ines", "Karl", "Mira", "Jonas", "Leila", "Piet"]
TYPES = ["book", "article-journal", "chapter", "thesis", "report", "webpage"]


def works(count: int) -> list[dict]:
    """`count` CSL-JSON items, the same for the same count."""
    rng = random.Random(11)
    out = []
    for n in range(count):
        kind = TYPES[n % len(TYPES)]
        people = [
            {"family": rng.choice(FAMILIES), "given": rng.choice(GIVEN)}
            for _ in range(rng.randint(1, 4))
        ]
        item = {
            "id": f"w{n}",
            "type": kind,
            "title": f"On the {rng.choice(['Margins', 'Notes', 'Index', 'Sources'])} of {n}",
            "issued": {"date-parts": [[rng.randint(1900, 2020)]]},
            "publisher": "Harbor Press",
            "publisher-place": "Boston",
        }
        item["editor" if kind == "book" and n % 12 == 0 else "author"] = people
        if kind in ("article-journal", "chapter"):
            item["container-title"] = f"Journal of {rng.choice(['Margins', 'Notes'])}"
            first = rng.randint(1, 400)
            item["page"] = f"{first}-{first + rng.randint(1, 30)}"
            item["volume"] = str(rng.randint(1, 60))
        if kind == "webpage":
            item["URL"] = f"https://example.org/{n}"
        out.append(item)
    return out


def measure(style_name: str, items: list[dict]) -> tuple[float, float, float]:
    """CPU seconds for the entries of `items`, for 4,000 citations of them, and for
    both on one instance, as a build does (what is learnt of a work is kept)."""
    style = CitationStyle(style_name)
    started = time.process_time()
    style.entries(items)
    entries = time.process_time() - started
    citations = _citations(CitationStyle(style_name), items)
    style = CitationStyle(style_name)
    started = time.process_time()
    style.entries(items)
    _citations(style, items)
    return entries, citations, time.process_time() - started


def _citations(style: CitationStyle, items: list[dict]) -> float:
    rng = random.Random(3)
    started = time.process_time()
    for _ in range(100):
        cited = rng.sample(items, 20)
        groups = [[CiteRequest(item, str(rng.randint(1, 300)))] for item in cited * 2]
        style.citations(groups)
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--style", nargs="+", default=["chicago-notes-bibliography", "apa"])
    args = parser.parse_args(argv)
    items = works(args.count)
    for name in args.style:
        entries, citations, both = measure(name, items)
        print(f"{name:<28} {args.count} entries {entries:5.2f} s", end="")
        print(f"   4,000 citations {citations:5.2f} s   both {both:5.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
