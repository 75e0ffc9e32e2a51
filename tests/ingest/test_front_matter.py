"""Front matter as Pandoc and Quarto write it, and Pandoc's `%` title block."""

from __future__ import annotations

import textwrap

import pytest

from glossator.ingest.markdown import read_markdown
from glossator.ingest.source import Source
from glossator.model import Author, Paragraph
from glossator.model.inline import Emph, Text


def read(text: str):
    doc, diags = read_markdown(Source("essay", "essay.md", textwrap.dedent(text).lstrip("\n")))
    return doc.meta, [(d.line, d.severity, d.code) for d in diags]


def front(fields: str):
    return read("---\n" + textwrap.dedent(fields).strip("\n") + "\n---\n\nText.\n")


def test_author_as_a_string():
    meta, diags = front("title: T\nauthor: Ada Lovelace")
    assert diags == []
    assert meta.authors == ["Ada Lovelace"]
    assert meta.author_details == []  # names alone: no details (the schema's rule)


def test_authors_as_a_list_of_strings():
    meta, diags = front("title: T\nauthor: [Ada Lovelace, Charles Babbage]")
    assert diags == []
    assert meta.authors == ["Ada Lovelace", "Charles Babbage"]


def test_authors_as_objects_pandoc_and_quarto():
    meta, diags = front(
        """
        title: T
        author:
          - name: Ada Lovelace
            affiliation: Analytical Society
            orcid: 0000-0002-1825-0097
            email: ada@example.org
            url: https://example.org/ada
          - name:
              given: Charles
              family: Babbage
            affiliations:
              - name: Trinity College
              - Royal Society
          - Mary Somerville
        """
    )
    assert diags == []
    assert meta.authors == ["Ada Lovelace", "Charles Babbage", "Mary Somerville"]
    assert meta.author_details == [
        Author(
            "Ada Lovelace",
            affiliation="Analytical Society",
            orcid="0000-0002-1825-0097",
            email="ada@example.org",
            url="https://example.org/ada",
        ),
        Author("Charles Babbage", affiliation="Trinity College; Royal Society"),
        Author("Mary Somerville"),
    ]


def test_an_author_without_a_name_is_an_error():
    meta, diags = front("title: T\nauthor:\n  - affiliation: Nowhere")
    assert diags == [(3, "error", "meta.invalid")]
    assert meta.authors == []


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2021-03-21", "2021-03-21"),
        ("2021-03", "2021-03"),
        ("2021", "2021"),
        ("March 21, 2021", "2021-03-21"),
        ("Mar. 21, 2021", "2021-03-21"),
        ("21 March 2021", "2021-03-21"),
        ("March 2021", "2021-03"),
        ("2021-03-21T09:30:00", "2021-03-21"),
    ],
)
def test_dates_in_every_form_are_kept_as_written_and_read_as_iso(written, iso):
    meta, diags = front(f"title: T\ndate: {written}")
    assert diags == []
    # The date as written is kept when it says more than the ISO date.
    assert (meta.date, meta.date_text) == (iso, None if written == iso else written)


def test_an_unreadable_date_is_a_warning_and_shown_as_written():
    meta, diags = front("title: T\ndate: the spring of 1990")
    assert diags == [(3, "warning", "meta.date-unparsed")]
    assert (meta.date, meta.date_text) == (None, "the spring of 1990")


@pytest.mark.parametrize("written", ["2021-02-30", "2021-13", "February 30, 2021"])
def test_an_impossible_date(written):
    meta, diags = front(f"title: T\ndate: {written}")
    # An impossible ISO date is an error, as before; a written-out one cannot be read.
    severity, code = (
        ("warning", "meta.date-unparsed") if " " in written else ("error", "meta.invalid")
    )
    assert diags == [(3, severity, code)]
    assert meta.date is None


def test_subtitle_lang_csl_and_reference_section_title():
    meta, diags = front(
        """
        title: On Notes
        subtitle: A History
        lang: en-GB
        csl: chicago.csl
        reference-section-title: Works Cited
        """
    )
    assert diags == []
    assert (meta.subtitle, meta.lang, meta.csl, meta.reference_section_title) == (
        "A History",
        "en-GB",
        "chicago.csl",
        "Works Cited",
    )


@pytest.mark.parametrize(
    ("value", "keywords"),
    [
        ("history, footnotes", ["history", "footnotes"]),
        ("[history, footnotes]", ["history", "footnotes"]),
    ],
)
def test_keywords_as_a_string_or_a_list(value, keywords):
    meta, diags = front(f"title: T\nkeywords: {value}")
    assert (meta.keywords, diags) == (keywords, [])


@pytest.mark.parametrize(
    ("value", "files"),
    [("refs.bib", ["refs.bib"]), ("[refs.bib, more/extra.json]", ["refs.bib", "more/extra.json"])],
)
def test_bibliography_files_are_recorded(value, files):
    meta, diags = front(f"title: T\nbibliography: {value}")
    assert (meta.bibliography, diags) == (files, [])


@pytest.mark.parametrize(
    ("value", "keys"),
    [
        ("'@a, @b'", ["a", "b"]),
        ("['@a', '@{b c}']", ["a", "b c"]),
        ("'@*'", ["*"]),
    ],
)
def test_nocite(value, keys):
    meta, diags = front(f"title: T\nnocite: {value}")
    assert (meta.nocite, diags) == (keys, [])


def test_other_keys_are_kept_in_extra_without_a_warning():
    meta, diags = front(
        """
        title: T
        toc: true
        format:
          html:
            theme: cosmo
        tags: [a, b]
        """
    )
    assert diags == []
    assert meta.extra == {"toc": True, "format": {"html": {"theme": "cosmo"}}, "tags": ["a", "b"]}


def test_abstract_is_markdown_with_lines_in_the_front_matter():
    meta, diags = read(
        """
        ---
        title: T
        abstract: |
          First *point*.

          Second.
        ---

        Text.
        """
    )
    assert diags == []
    assert meta.abstract == [
        Paragraph("", line=4, content=(Text("First "), Emph((Text("point"),)), Text("."))),
        Paragraph("", line=6, content=(Text("Second."),)),
    ]


def test_abstract_on_one_line_and_its_html_warning_line():
    meta, diags = front("title: T\nabstract: Short <b>one</b>.")
    assert [p.text for p in meta.abstract] == ["Short <b>one</b>."]
    assert diags == [(3, "warning", "markdown.html")]


def test_pandoc_title_block():
    meta, diags = read(
        """
        % The Title
          Continued
        % Jane Roe; John Doe
        % March 21, 2021

        Text on line six.
        """
    )
    assert diags == []
    assert (meta.title, meta.authors, meta.date, meta.date_text) == (
        "The Title Continued",
        ["Jane Roe", "John Doe"],
        "2021-03-21",
        "March 21, 2021",
    )


def test_title_block_lines_still_count_from_the_top():
    doc, diags = read_markdown(Source("e", "e.md", "% Title\n%\n% 2020\n\nText.[^x]\n"))
    assert [(d.line, d.code) for d in diags] == [(5, "note.missing")]
    assert (doc.meta.title, doc.meta.authors, doc.meta.date) == ("Title", [], "2020")
    assert doc.paragraphs()[0].line == 5


def test_title_block_without_a_title_needs_one():
    _, diags = read("%\n% Jane Roe\n\nText.\n")
    assert diags == [(1, "error", "meta.missing")]


AUTHORS_IN_MARKDOWN = """\
author:
  - |
    [Mira Lindqvist](https://example.org/lindqvist)[^ml]

    [^ml]: Institute for the History of the Book, Uppsala
  - Tomas *van* Brandt
  - name: "[Ines Okafor](https://example.org/okafor)"
    affiliation: University of Lagos
  - Flann O'Brien
  - "1. Ann*"
"""


def test_authors_written_in_markdown_are_their_names_with_address_and_note():
    meta, diags = front("title: T\n" + AUTHORS_IN_MARKDOWN)
    assert meta.authors == [
        "Mira Lindqvist",
        "Tomas van Brandt",
        "Ines Okafor",
        "Flann O'Brien",  # no Markdown: kept as written
        "1. Ann*",  # reads as a list, not a name: kept as written
    ]
    lindqvist, brandt, okafor = meta.author_details[:3]
    assert lindqvist == Author(
        "Mira Lindqvist",
        affiliation="Institute for the History of the Book, Uppsala",
        url="https://example.org/lindqvist",
    )
    assert brandt == Author("Tomas van Brandt")
    assert okafor == Author(
        "Ines Okafor", affiliation="University of Lagos", url="https://example.org/okafor"
    )
    assert not [d for d in diags if d[1] == "error"]


def test_an_essays_citation_formats_name_its_authors_without_markdown(tmp_path):
    from glossator.cli import main

    essays = tmp_path / "content" / "essays"
    essays.mkdir(parents=True)
    authors = AUTHORS_IN_MARKDOWN.split("  - Tomas")[0]
    essay = f"---\ntitle: Marks in the Margin\n{authors}---\n\nA paragraph.\n"
    (essays / "marks.md").write_text(essay, encoding="utf-8")
    out = tmp_path / "_site"
    assert main(["build", "--content", str(tmp_path / "content"), "--out", str(out)]) == 0
    bib = (out / "essays" / "marks.bib").read_text(encoding="utf-8")
    ris = (out / "essays" / "marks.ris").read_text(encoding="utf-8")
    chicago = (out / "essays" / "marks.txt").read_text(encoding="utf-8")
    assert "author = {Lindqvist, Mira}" in bib
    assert "AU  - Lindqvist, Mira\n" in ris
    assert chicago.startswith("Lindqvist, Mira. “Marks in the Margin.”")
    assert "[^ml]" not in bib + ris + chicago and "](" not in bib + ris + chicago
