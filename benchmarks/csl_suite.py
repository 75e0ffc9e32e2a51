"""Run the CSL test suite's bibliography and single-citation fixtures through the site's
engine and print pass counts by category (the fixture file-name prefix).

The suite is not part of the repository: fetch citation-style-language/test-suite at
the commit docs/formatting.md names and give its folder (or its
processor-tests/humans folder) on the command line:

    .venv/bin/python benchmarks/csl_suite.py /tmp/csl-suite [--failures] [--only PREFIX]

Each fixture goes through `glossator.commands.format.format_items`, what `glossator
format --format html` prints. Selected: every fixture of mode `bibliography` (the
works cited by its CITATION-ITEMS or CITATIONS, in first-cited order, else all its
input), and every fixture of mode `citation` with neither CITATION-ITEMS nor CITATIONS
(one citation of all its input). Outputs are compared after undoing HTML entities
(citeproc-js writes `&#38;`) and the layout wrappers (`csl-bib-body`, `csl-entry`,
`csl-left-margin`, `csl-right-inline`, `csl-block`, `csl-indent`), which say how a
page lays entries out, not what they read.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from glossator.commands.format import format_items
from glossator.format.engine import CitationStyle

SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n?(.*?)\n?<<=+ \1 =+<<", re.S)
LAYOUT = re.compile(r'<div class="csl-(?:left-margin|right-inline|block|indent)">(.*?)</div>')
ENTRY = re.compile(r'<div class="csl-entry"[^>]*>(.*?)</div>\s*(?=<div class="csl-entry"|$)', re.S)


@dataclass(frozen=True)
class Fixture:
    """One test of the suite, as its sections give it."""

    name: str
    mode: str
    result: str
    csl: str
    items: list[dict]
    cited: list[str] | None  # ids cited, in order, when the fixture says which


def fixtures(folder: Path) -> list[Fixture]:
    """The selected fixtures, sorted by name."""
    humans = folder / "processor-tests" / "humans"
    humans = humans if humans.is_dir() else folder
    out = []
    for path in sorted(humans.glob("*.txt")):
        sections = dict(SECTION.findall(path.read_text(encoding="utf-8")))
        mode = sections.get("MODE", "").strip()
        cited_by = sections.get("CITATION-ITEMS") or sections.get("CITATIONS")
        if mode not in ("bibliography", "citation") or (mode == "citation" and cited_by):
            continue
        out.append(
            Fixture(
                path.stem,
                mode,
                sections["RESULT"],
                sections["CSL"],
                json.loads(sections["INPUT"]),
                _cited(json.loads(cited_by)) if cited_by else None,
            )
        )
    return out


def _cited(data: list) -> list[str]:
    """Ids in first-cited order, from CITATION-ITEMS (lists of cites) or CITATIONS
    (citations as [{"citationItems": [...]}, pre, post] triples)."""
    ids: list[str] = []
    for entry in data:
        cites = entry[0].get("citationItems", entry)
        for cite in cites:
            if str(cite["id"]) not in ids:
                ids.append(str(cite["id"]))
    return ids


def normalise(text: str) -> str:
    """One string per result: entities undone, bibliography wrappers dropped, entries
    one per line, spacing collapsed, `;` at the end of inline styles ignored."""
    text = text.strip()
    if 'class="csl-bib-body"' in text:
        body = re.sub(r'^\s*<div class="csl-bib-body">|</div>\s*$', "", text)
        text = "\n".join(m.strip() for m in ENTRY.findall(body.strip() + "\n"))
    text = LAYOUT.sub(r"\1", text)
    text = html.unescape(text).replace(';">', '">')
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def run(fixture: Fixture, workdir: Path) -> str:
    """What the site's engine prints for the fixture (an error is its own text)."""
    style_file = workdir / f"{fixture.name}.csl"
    style_file.write_text(fixture.csl, encoding="utf-8")
    items = fixture.items
    if fixture.cited is not None:
        by_id = {str(item["id"]): item for item in items}
        items = [by_id[i] for i in fixture.cited if i in by_id]
    try:
        style = CitationStyle(str(style_file))
        return "\n".join(format_items(style, items, fixture.mode, "html"))
    except Exception as exc:  # a crash is a failure to count, not the end of the run
        return f"[{type(exc).__name__}: {exc}]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("suite", type=Path, help="the test-suite folder")
    parser.add_argument("--only", default="", help="run only fixtures whose name starts so")
    parser.add_argument("--failures", action="store_true", help="print each failure")
    args = parser.parse_args(argv)
    selected = [f for f in fixtures(args.suite) if f.name.startswith(args.only)]
    if not selected:
        print(f"no fixtures found in {args.suite}", file=sys.stderr)
        return 2
    passed, total = Counter(), Counter()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for fixture in selected:
            got, want = normalise(run(fixture, Path(tmp))), normalise(fixture.result)
            category = fixture.name.split("_")[0]
            total[category] += 1
            passed[category] += got == want
            if args.failures and got != want:
                print(f"--- {fixture.name}\n  want: {want!r}\n  got:  {got!r}")
    elapsed = time.perf_counter() - started
    for category in sorted(total):
        print(f"{category:<20} {passed[category]:>4} / {total[category]:<4}")
    by_mode = Counter(f.mode for f in selected)
    print(
        f"{'total':<20} {sum(passed.values()):>4} / {sum(total.values()):<4}"
        f"  ({by_mode['bibliography']} bibliography, {by_mode['citation']} citation;"
        f" {elapsed:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
