"""Count how many generated layouts and page frames the readers read exactly.

Run from the repository: `.venv/bin/python tests/ingest/measure_readers.py [N]`.
The numbers go to docs/readers.md. The examples are derandomized, so a run is
repeatable; N is the number of examples per kind (default 1000).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from pdf_essays import canonical, composed_essays, relax, seed_essay  # noqa: E402
from pdf_layout import typeset  # noqa: E402
from test_pdf_layouts import NOT_COMPARED, styles  # noqa: E402
from web_frames import pages  # noqa: E402

from glossator.ingest.pdf_text import read_pdf_text  # noqa: E402
from glossator.ingest.source import Source  # noqa: E402
from glossator.ingest.web_text import read_web_text  # noqa: E402


def outcome(essay, style, carried: Counter[str]) -> str:
    layout = typeset(essay, style)
    document, diagnostics = read_pdf_text(Source("layout", "layout.txt", layout.text))
    carried["layouts with a note run onto the next page"] += layout.carried > 0
    carried["notes run onto the next page"] += layout.carried
    if any(kind in NOT_COMPARED for kind, _ in layout.ambiguous):
        return "ambiguous number or carry (not compared)"
    if any(d.severity == "error" for d in diagnostics):
        print("failed:", style, file=sys.stderr)
        return "failed"
    if canonical(document) == canonical(essay):
        return "exact"
    if relax(canonical(document), layout.ambiguous) == relax(canonical(essay), layout.ambiguous):
        return "exact but for listed ambiguous breaks"
    print("failed:", style, file=sys.stderr)  # to keep among the regression cases
    return "failed"


def main(count: int) -> None:
    options = settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    results: dict[str, Counter[str]] = {"seed": Counter(), "composed": Counter()}
    carried: dict[str, Counter[str]] = {"seed": Counter(), "composed": Counter()}

    @options
    @given(style=styles)
    def seed(style):
        results["seed"][outcome(seed_essay(), style, carried["seed"])] += 1

    @options
    @given(essay=composed_essays(), style=styles)
    def composed(essay, style):
        results["composed"][outcome(essay, style, carried["composed"])] += 1

    frames: Counter[str] = Counter()
    kinds: Counter[str] = Counter()

    @options
    @given(page=pages())
    def web(page):
        document, diagnostics = read_web_text(Source("page", "page.txt", page.text))
        body = [p.text for p in document.paragraphs()] == page.body
        meta = document.meta
        fields = (meta.title, meta.publication, meta.authors, meta.image_credit, meta.author_bio)
        expected = (page.title, page.publication, page.authors, page.credit, page.bio)
        frames["body exact" if body and not diagnostics else "body wrong"] += 1
        frames["frame exact" if fields == expected else "frame wrong"] += 1
        kinds[page.kind] += 1

    seed()
    composed()
    web()
    for name, counter in [*results.items(), ("web frames", frames)]:
        print(name, sum(counter.values()) if name != "web frames" else count, dict(counter))
    print("carried", {name: dict(counter) for name, counter in carried.items()})
    print("frames tried", dict(sorted(kinds.items())))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
