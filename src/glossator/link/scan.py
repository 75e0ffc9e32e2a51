"""What linking reads from one document alone: where its markers stand, the citations
standing in its text, and its mention-shaped phrases.

Each is a pure function of the document, so the build works them out once, when the
document is read (`incremental.reading.prepare`), and the link stage, which crosses
documents, only puts them together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from sys import intern
from typing import Any

from glossator.link.mentions import Spans, document_spans
from glossator.model import Document, marker_anchors
from glossator.model.document import citations_in
from glossator.model.inline import CiteItem

Places = dict[int, list[tuple[str, str]]]  # note -> (paragraph id, marker anchor) of each
# (paragraph id, line, items) of each body citation, but those of names in the text
InText = list[tuple[str, int, tuple[CiteItem, ...]]]


@dataclass(slots=True)
class Scan:
    places: Places = field(default_factory=dict)
    in_text: InText = field(default_factory=list)
    spans: Spans = field(default_factory=list)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_scan, (self.places, self.in_text, self.spans))


def _scan(places: Places, in_text: InText, spans: Spans) -> Scan:
    """A scan unpickled, its places' ids interned: the works' citing places keep them
    for the whole build, and every essay has its `p1` and `fnref1`."""
    shared = {
        note: [(intern(paragraph), intern(anchor)) for paragraph, anchor in found]
        for note, found in places.items()
    }
    return Scan(shared, in_text, spans)


def scan_document(doc: Document) -> Scan:
    """One walk's worth of the document for the link stage."""
    places: Places = {}
    paragraphs = doc.paragraphs()
    for paragraph, note, anchor in marker_anchors(doc, paragraphs):
        places.setdefault(note, []).append((paragraph.id, anchor))
    in_text: InText = [
        (paragraph.id, paragraph.line, citation.items)
        for paragraph in paragraphs
        for citation in citations_in(paragraph)
        if citation.items[0].mode != "author-in-text"  # its works: the citation after
    ]
    return Scan(places, in_text, document_spans(doc, paragraphs))
