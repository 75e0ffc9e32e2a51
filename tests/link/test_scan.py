"""What linking reads of one document's body, in one walk (link/scan.py)."""

from __future__ import annotations

from glossator.link.scan import scan_document
from glossator.model import Document, Metadata, Note, Section
from glossator.model.document import Paragraph
from glossator.model.inline import Citation, CiteItem, NoteRef, Text


def test_each_note_has_its_markers_in_reading_order_and_each_citation_its_paragraph():
    first = Paragraph("p1", content=(Text("One"), NoteRef(1), Text(" two"), NoteRef(2)))
    again = Paragraph("p2", content=(Text("Back to one"), NoteRef(1), Text(".")))
    grafton = CiteItem("grafton1997", locator="24")
    named = CiteItem("jackson2001", mode="author-in-text")
    cited = Paragraph(
        "p3",
        line=9,
        content=(
            Citation((named,), "@jackson2001"),  # the names: its works come after
            Text(" says so "),
            Citation((grafton, CiteItem("eisenstein1979")), "[@grafton1997, 24; @eisenstein1979]"),
            Text(", as Resolution 1199 (1998) did."),
        ),
    )
    doc = Document(
        "alpha",
        "markdown",
        Metadata(title="A"),
        [Section("s1", "Margins", [first, again, cited])],
        [Note(1, "fn1", "One."), Note(2, "fn2", "Two.")],
    )
    scan = scan_document(doc)
    assert scan.places == {1: [("p1", "fnref1"), ("p2", "fnref1-2")], 2: [("p1", "fnref2")]}
    assert scan.in_text == [("p3", 9, (grafton, CiteItem("eisenstein1979")))]
    text = cited.text
    [(paragraph, [(start, end, number, draft, year)])] = scan.spans
    assert (paragraph, text[start:end], number, draft, year) == (
        "p3",
        "Resolution 1199 (1998)",
        "1199",
        False,
        "1998",
    )
