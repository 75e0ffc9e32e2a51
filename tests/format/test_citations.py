"""Pandoc citations formatted in reading order, positions applied.

The expected notes are Chicago's (CMOS 18) note forms, written by hand and checked
against what Pandoc 3.9 with the same CSL style makes of the same citations.
"""

from __future__ import annotations

from glossator.format.citations import fill_citations
from glossator.format.csl_json import to_csl_json
from glossator.format.engine import CitationStyle
from glossator.model import Document, Metadata, Note, Paragraph, Section
from glossator.model.inline import Citation, CiteItem, Emph, NoteRef, Text

GRAFTON = to_csl_json(
    "grafton1997",
    "book",
    "book",
    {
        "author": "Grafton, Anthony",
        "title": "The Footnote: A Curious History",
        "publisher": "Harvard University Press",
        "address": "Cambridge, MA",
        "year": "1997",
    },
)
KAGAN = to_csl_json(
    "kagan2002",
    "article",
    "journal-article",
    {
        "author": "Kagan, Robert",
        "title": "Power and Weakness",
        "journal": "Policy Review",
        "number": "113",
        "year": "2002",
        "pages": "3--28",
    },
)
ITEMS = {"grafton1997": GRAFTON, "kagan2002": KAGAN}
STYLE = CitationStyle("chicago-notes-bibliography")


def cite(*items: CiteItem, source: str = "[@x]") -> Citation:
    return Citation(tuple(items), source)


def note_of(number: int, *content) -> Note:
    return Note(number, f"fn{number}", blocks=[Paragraph("", content=content)])


def formatted(notes: list[Note], body=()) -> Document:
    doc = Document(
        "d",
        "markdown",
        Metadata(title="T"),
        sections=[Section("start", None, [Paragraph("p1", content=body or (Text("x"),))])],
        notes=notes,
    )
    return fill_citations(doc, ITEMS, STYLE)


def texts(doc: Document) -> list[str]:
    return [n.text for n in doc.notes]


def test_first_citation_is_full_later_ones_short():
    doc = formatted(
        [
            note_of(1, cite(CiteItem("grafton1997", locator="45"))),
            note_of(2, cite(CiteItem("grafton1997", locator="52"))),
        ]
    )
    assert texts(doc) == [
        "Anthony Grafton, The Footnote: A Curious History (Harvard University Press, 1997), 45.",
        "Grafton, The Footnote, 52.",
    ]
    html = doc.notes[0].blocks[0].content[0].html
    assert html == (
        "Anthony Grafton, <i>The Footnote: A Curious History</i> "
        "(Harvard University Press, 1997), 45."
    )


def test_a_group_with_prefix_suffix_and_a_suppressed_author():
    doc = formatted(
        [
            note_of(
                1,
                cite(
                    CiteItem("kagan2002", prefix="see", locator="5"),
                    CiteItem("grafton1997", locator="60", suffix="and passim"),
                ),
            ),
            note_of(2, cite(CiteItem("kagan2002", mode="suppress-author"))),
        ]
    )
    assert texts(doc) == [
        "See Robert Kagan, “Power and Weakness,” Policy Review, no. 113 (2002): 5; "
        "Anthony Grafton, The Footnote: A Curious History (Harvard University Press, "
        "1997), 60 and passim.",
        "“Power and Weakness.”",
    ]


def test_a_citation_inside_an_authors_note_keeps_the_notes_sentence():
    doc = formatted(
        [
            note_of(
                1,
                Text("As "),
                Emph((Text("argued"),)),
                Text(" in "),
                cite(CiteItem("kagan2002", locator="7")),
                Text(", the point stands."),
            )
        ]
    )
    assert texts(doc) == [
        "As argued in Robert Kagan, “Power and Weakness,” Policy Review, no. 113 "
        "(2002): 7, the point stands."
    ]


def test_author_in_text_shows_the_name_in_the_body():
    """The style's names at the work's first citation, its full note form's: "Anthony
    Grafton" (CMOS 18 names an author in full at first mention; Pandoc does so too)."""
    in_text = cite(CiteItem("grafton1997", mode="author-in-text"), source="@grafton1997")
    doc = formatted(
        [note_of(1, cite(CiteItem("grafton1997", locator="50", mode="suppress-author")))],
        body=(in_text, NoteRef(1), Text(" says so.")),
    )
    assert doc.paragraphs()[0].text == "Anthony Grafton says so."
    assert texts(doc) == ["The Footnote: A Curious History (Harvard University Press, 1997), 50."]


def test_an_unknown_key_stays_as_written():
    doc = formatted([note_of(1, cite(CiteItem("nobody"), source="[@nobody]"))])
    assert texts(doc) == ["[@nobody]"]


def test_a_citation_followed_by_punctuation_in_an_authors_note_takes_no_second_period():
    """`[^1]: @kagan2002 [7]. See also …` (as real notes write it): one period."""
    in_text = cite(CiteItem("kagan2002", locator="7", mode="author-in-text"), source="@k")
    doc = formatted([note_of(1, in_text, Text(". See also the reply."))])
    assert texts(doc) == [
        "Robert Kagan, “Power and Weakness,” Policy Review, no. 113 (2002): 7. See also the reply."
    ]
