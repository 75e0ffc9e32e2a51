"""An author-in-text citation inside the author's own note (`[^1]: As @key [75]
argues.`) reads as Pandoc sets it: the author's names as the style gives them at
that position, then the rest of the citation with the author left out, after a space
in an author-date style ("Ortega et al. (2018, 205)", never "(Ortega et al. 2018,
205)") and after a comma in a note style ("Lucía Ortega et al., “Songbirds…,” 205").
Pandoc's manual: in a note, "in-text citations … will be rendered without
parentheses". In the body the names are the style's too, the rest cited beside them.

The expected notes are written by hand from CMOS 18 (author-date: three or more
authors are "et al." in a citation; notes: the full form first, then author and
short title) and Pandoc's rule above; the works are invented. The essays go through
the Markdown reader, as a site's do.
"""

from __future__ import annotations

import textwrap
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.format.citations import fill_citations
from glossator.format.csl_json import to_csl_json
from glossator.format.engine import CitationStyle
from glossator.ingest.markdown import read_markdown
from glossator.ingest.source import Source
from glossator.model import Document
from glossator.notes.in_text import citations_in_text

ITEMS = {
    "ortega2018": to_csl_json(
        "ortega2018",
        "article",
        "journal-article",
        {
            "author": "Ortega, Lucía and Haas, Jonas and Mbeki, Thandi",
            "title": "Songbirds of the upper steppe",
            "journaltitle": "Journal of Field Ornithology",
            "volume": "41",
            "pages": "201--230",
            "date": "2018",
        },
    ),
    "arnaud2015": to_csl_json(
        "arnaud2015",
        "book",
        "book",
        {"author": "Arnaud, Claire", "title": "A history of feeling", "publisher": "Seuil"}
        | {"date": "2015"},
    ),
    "anon1990": to_csl_json(
        "anon1990",
        "book",
        "book",
        {"title": "Anonymous chronicle", "publisher": "Seuil", "date": "1990"},
    ),
}
NOTES = """\
    A.[^1] B.[^2] C.[^3] D.[^4] E.[^5]

    [^1]: As @ortega2018 [205] argues.
    [^2]: @arnaud2015 [12]. See also the reply.
    [^3]: As @anon1990 [4] says.
    [^4]: Only @arnaud2015 says so.
    [^5]: As @ortega2018 [210, emphasis added] argues.
"""


@cache
def style(name: str) -> CitationStyle:
    return CitationStyle(name)


def essay(markdown: str, style_name: str, items: dict = ITEMS) -> Document:
    text = "---\ntitle: Essay\n---\n" + textwrap.dedent(markdown)
    doc, diagnostics = read_markdown(Source("essay", "essay.md", text))
    assert diagnostics == []
    one = style(style_name)
    if not one.is_note_style:
        doc = citations_in_text(doc)
    return fill_citations(doc, items, one)


def note_texts(doc: Document) -> list[str]:
    return [note.text for note in doc.notes]


def test_author_date_names_the_authors_then_the_year_in_parentheses():
    assert note_texts(essay(NOTES, "chicago-author-date")) == [
        "As Ortega et al. (2018, 205) argues.",
        "Arnaud (2015, 12). See also the reply.",
        "As Anonymous Chronicle (1990, 4) says.",
        "Only Arnaud (2015) says so.",
        "As Ortega et al. (2018, 210, emphasis added) argues.",
    ]


def test_a_title_standing_for_the_author_keeps_its_italics():
    doc = essay(NOTES, "chicago-author-date")
    citation = doc.notes[2].blocks[0].content[1]
    assert citation.html == "<i>Anonymous Chronicle</i> (1990, 4)"


def test_a_note_style_names_the_authors_then_the_note_form_after_a_comma():
    assert note_texts(essay(NOTES, "chicago-notes-bibliography")) == [
        "As Lucía Ortega et al., “Songbirds of the Upper Steppe,” Journal of Field "
        "Ornithology 41 (2018): 205 argues.",
        "Claire Arnaud, A History of Feeling (Seuil, 2015), 12. See also the reply.",
        "As Anonymous Chronicle (Seuil, 1990), 4 says.",
        "Only Arnaud, A History of Feeling says so.",
        "As Ortega et al., “Songbirds of the Upper Steppe,” 210, emphasis added argues.",
    ]


def test_the_author_in_text_citation_counts_as_the_first_one():
    """Positions run on: a later bracketed citation of the work is the short form."""
    markdown = """\
        A.[^1] B.[^2]

        [^1]: As @arnaud2015 [12] shows.
        [^2]: See [@arnaud2015, 14].
    """
    assert note_texts(essay(markdown, "chicago-notes-bibliography")) == [
        "As Claire Arnaud, A History of Feeling (Seuil, 2015), 12 shows.",
        "See Arnaud, A History of Feeling, 14.",
    ]


def test_where_the_style_says_ibid_the_names_still_come_first():
    """OSCOLA repeats a work cited just before as "ibid" with no names; in the text
    the author is still named, as a later cite would name them: "Arnaud, ibid 14"."""
    markdown = """\
        A.[^1] B.[^2] C.[^3]

        [^1]: As @arnaud2015 [12] shows.
        [^2]: As @arnaud2015 [14] shows.
        [^3]: See [@arnaud2015, 15].
    """
    assert note_texts(essay(markdown, "oscola")) == [
        "As Claire Arnaud, A History of Feeling (Seuil 2015) 12 shows.",
        "As Arnaud, ibid 14 shows.",
        "See ibid 15.",  # the rendering again left no trace on the positions
    ]


def test_a_normal_citation_in_a_note_stays_parenthetical_in_author_date():
    markdown = """\
        A.[^1]

        [^1]: See [@arnaud2015, 12] and @arnaud2015 [14].
    """
    assert note_texts(essay(markdown, "chicago-author-date")) == [
        "See (Arnaud 2015, 12) and Arnaud (2015, 14)."
    ]


BODY = """\
    As @ortega2018 [205] argue, birds sing. @arnaud2015 says so; @arnaud2015 [9] again.

    Then @ortega2018 agree.[^1]

    [^1]: As @ortega2018 [7] argue.
"""


def body_texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs()]


def test_in_the_body_of_an_author_date_essay_the_names_are_the_styles():
    """Three authors are "et al." as in any Chicago author-date citation (was the list of
    all three family names); the rest stands beside them."""
    doc = essay(BODY, "chicago-author-date")
    assert body_texts(doc) == [
        "As Ortega et al. (2018, 205) argue, birds sing. Arnaud (2015) says so; Arnaud "
        "(2015, 9) again.",
        "Then Ortega et al. (2018) agree.",
    ]
    assert note_texts(doc) == ["As Ortega et al. (2018, 7) argue."]


def test_in_the_body_of_a_note_style_essay_names_are_in_full_at_first_mention():
    """The names the work's citation gives at that position: full at its first, short
    later ("Claire Arnaud", then "Arnaud"); each note cites the rest."""
    doc = essay(BODY, "chicago-notes-bibliography")
    assert [p.text for p in doc.paragraphs()] == [
        "As Lucía Ortega et al. argue, birds sing. Claire Arnaud says so; Arnaud again.",
        "Then Ortega et al. agree.",
    ]
    assert note_texts(doc) == [
        "“Songbirds of the Upper Steppe,” Journal of Field Ornithology 41 (2018): 205.",
        "A History of Feeling (Seuil, 2015).",
        "A History of Feeling, 9.",
        "“Songbirds of the Upper Steppe.”",
        "As Ortega et al., “Songbirds of the Upper Steppe,” 7 argue.",
    ]


def test_in_the_body_names_where_the_style_says_ibid_are_a_later_cites():
    markdown = """\
        @arnaud2015 [12] shows it, and @arnaud2015 [14] again.
    """
    doc = essay(markdown, "oscola")
    assert body_texts(doc) == ["Claire Arnaud shows it, and Arnaud again."]
    assert note_texts(doc) == ["A History of Feeling (Seuil 2015) 12.", "Ibid 14."]


FAMILIES = st.sampled_from(["Arnaud", "Okafor", "Lindqvist", "Haas"])


@given(FAMILIES, st.integers(1800, 2030), st.integers(1, 999))
@settings(max_examples=30, deadline=None)
def test_one_author_in_author_date_reads_name_year_page(family, year, page):
    items = {
        "w": to_csl_json(
            "w", "book", "book", {"author": f"{family}, Ann", "title": "T", "date": str(year)}
        )
    }
    markdown = f"A.[^1]\n\n[^1]: As @w [{page}] argues.\n"
    doc = essay(markdown, "chicago-author-date", items)
    assert note_texts(doc) == [f"As {family} ({year}, {page}) argues."]


@given(FAMILIES, st.integers(1800, 2030), st.integers(1, 999))
@settings(max_examples=30, deadline=None)
def test_in_a_note_style_it_reads_as_the_note_form_when_that_begins_with_the_author(
    family, year, page
):
    """Chicago's note form begins with the author, so the author-in-text citation in a
    note reads as the bracketed one does (which the site, unlike Pandoc, does not put
    in parentheses)."""
    items = {
        "w": to_csl_json(
            "w", "book", "book", {"author": f"{family}, Ann", "title": "T", "date": str(year)}
        )
    }
    notes = "chicago-notes-bibliography"
    in_text = note_texts(essay(f"A.[^1]\n\n[^1]: As @w [{page}] argues.\n", notes, items))
    bracketed = note_texts(essay(f"A.[^1]\n\n[^1]: As [@w, {page}] argues.\n", notes, items))
    assert in_text == bracketed == [f"As Ann {family}, T ({year}), {page} argues."]
