"""One case per construct, from `tests/fixtures/render/constructs.txt`: Markdown in,
the essay body's HTML out (and each note as the notes list shows it).

The file is in markdown-it's fixture style: a title line, `.`, the Markdown (after a
front matter with only a title), `.`, the expected HTML, `.`. The body comes first;
then, for each note, a `note N:` line and the note's blocks. The expected HTML was
written by hand, not copied from the renderer's output.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from conftest import fixture_cases
from glossator.ingest.markdown import read_markdown
from glossator.ingest.source import Source
from glossator.model import Document, marker_anchors
from glossator.render.blocks import BlockContext, body_html
from glossator.render.notes import note_html, sidenote_html

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render" / "constructs.txt"
FRONT_MATTER = "---\ntitle: T\n---\n\n"


def cases() -> list[tuple[str, str, str]]:
    return fixture_cases(FIXTURE)


def render(doc: Document) -> str:
    """The body as the essay page renders it, then each note for the notes list."""
    anchors: dict[str, list[str]] = defaultdict(list)
    for paragraph, _, anchor in marker_anchors(doc):
        anchors[paragraph.id].append(anchor)
    sidenotes = {note.number: sidenote_html(note) for note in doc.notes}
    out = [str(body_html(doc.sections, BlockContext(anchors, {}, sidenotes)))]
    for note in doc.notes:
        out.append(f"note {note.number}:\n{note_html(note)}")
    return "\n".join(out)


CASES = cases()


@pytest.mark.parametrize(
    ("markdown", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_construct(markdown: str, expected: str):
    doc, _ = read_markdown(Source("essay", "essay.md", FRONT_MATTER + markdown))
    assert render(doc) == expected
