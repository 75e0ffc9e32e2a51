"""The Markdown reader: expectations written from reading the fixtures, not the output."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from jsonschema import Draft202012Validator

from glossator.ingest.markdown import read_markdown
from glossator.ingest.markdown_export import export_markdown
from glossator.ingest.source import Source
from glossator.model import (
    BlockQuote,
    Figure,
    ListBlock,
    Marker,
    Paragraph,
    RawBlock,
    content_json,
    document_to_json,
)
from glossator.model.inline import Code, Emph, Image, NoteRef, RawInline, Span, Text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "markdown"
SCHEMA = json.loads((ROOT / "src" / "glossator" / "model" / "document.schema.json").read_text())


def read(text: str, path: str = "essay.md"):
    return read_markdown(Source("essay", path, textwrap.dedent(text).lstrip("\n")))


def messages(diags) -> list[str]:
    return [str(d) for d in diags]


def test_fixture_essay_metadata_and_structure():
    source = Source("essay", "essay.md", (FIXTURES / "essay.md").read_text(encoding="utf-8"))
    doc, diags = read_markdown(source)
    assert diags == []
    assert doc.format == "markdown"
    assert doc.slug == "essay"
    assert doc.meta.title == "Footnotes: A Short History"
    assert doc.meta.authors == ["Jane Roe"]
    assert doc.meta.date == "2024-05-01"
    assert doc.meta.publication == "The Review"

    # Headings keep their level: `# Origins` is 1, `## Later use` 2.
    assert [(s.id, s.heading, s.line, s.level) for s in doc.sections] == [
        ("start", None, 8, 2),
        ("origins", "Origins", 10, 1),
        ("later-use", "Later use", 19, 2),
    ]
    start, origins, later = doc.sections
    (first,) = start.blocks
    assert (first.id, first.text, first.markers, first.line) == (
        "p1",
        "Marginal notes are old. They were not always footnotes.",
        [Marker(note=1, offset=23)],
        8,
    )
    assert first.content == (
        Text("Marginal notes are old."),
        NoteRef(1),
        Text(" They were "),
        Emph((Text("not"),)),
        Text(" always "),
        Code("footnotes"),
        Text("."),
    )
    assert origins.blocks == [
        Paragraph(
            id="p2",
            text="Scholars cited sources and argued in the margins. A second line joins the first.",
            markers=[Marker(note=1, offset=22), Marker(note=2, offset=49)],
            line=12,
        ),
        Figure(
            id="fig1",
            caption="The first printed footnote",
            src=None,
            line=15,
        ),
        Figure(
            id="fig2",
            caption="A map of the libraries",
            src="images/map.png",
            line=17,
        ),
    ]
    # A tight bullet list of two items, then a quotation: paragraphs inside, numbered on.
    listed, quoted = later.blocks
    assert isinstance(listed, ListBlock) and isinstance(quoted, BlockQuote)
    assert (listed.ordered, listed.tight, listed.line, len(listed.items)) == (False, True, 21, 2)
    assert [[(b.id, b.text, b.markers, b.line) for b in item] for item in listed.items] == [
        [("p3", "Lists become paragraphs.", [Marker(note=3, offset=24)], 21)],
        [("p4", "So do their items.", [], 22)],
    ]
    assert [(b.id, b.text, b.line) for b in quoted.blocks] == [("p5", "A quoted passage.", 24)]
    # The first note has two paragraphs; its text joins them.
    assert [b.text for b in doc.notes[0].blocks] == [
        "Anthony Grafton, The Footnote (1997).",
        "He says more in a second paragraph.",
    ]
    assert [(n.number, n.id, n.text, n.sources, n.line) for n in doc.notes] == [
        (
            1,
            "fn1",
            "Anthony Grafton, The Footnote (1997). He says more in a second paragraph.",
            [],
            26,
        ),
        (2, "fn2", "A numbered label is still a label.", [], 30),
        (3, "fn3", "An inline note.", [], 21),
    ]


def test_author_as_string():
    doc, diags = read(
        """
        ---
        title: One
        author: Ada Lovelace
        ---

        Text.
        """
    )
    assert diags == []
    assert doc.meta.authors == ["Ada Lovelace"]


def test_authors_as_list_and_pandoc_names():
    doc, diags = read(
        """
        ---
        title: Two
        authors:
          - Ada Lovelace
          - name: Charles Babbage
        ---

        Text.
        """
    )
    assert diags == []
    assert doc.meta.authors == ["Ada Lovelace", "Charles Babbage"]
    assert doc.meta.title == "Two"


def test_headings_of_every_level_start_sections_and_no_empty_lead_section():
    doc, diags = read(
        """
        ---
        title: Headings
        ---

        # One

        First.

        ### Two *in* `code`

        Second.

        ## Empty
        """
    )
    assert diags == []
    assert [(s.heading, s.line, [b.text for b in s.blocks]) for s in doc.sections] == [
        ("One", 5, ["First."]),
        ("Two in code", 9, ["Second."]),
        ("Empty", 13, []),
    ]
    assert [s.id for s in doc.sections] == ["one", "two-in-code", "empty"]


def test_caption_only_figure_and_image_inside_text():
    doc, diags = read(
        """
        ---
        title: Figures
        ---

        ![A caption]()

        See ![an inline image](x.png) here.
        """
    )
    assert diags == []
    blocks = doc.sections[0].blocks
    assert blocks[0] == Figure(id="fig1", caption="A caption", src=None, line=5)
    # An image inside text is not a figure: its alt text stays in the paragraph.
    assert blocks[1] == Paragraph(
        id="p1",
        line=7,
        content=(Text("See "), Image("x.png", "an inline image"), Text(" here.")),
    )
    assert blocks[1].text == "See an inline image here."


def test_marker_offsets_after_inline_markup_and_whitespace():
    doc, diags = read(
        """
        ---
        title: Offsets
        ---

        *Em* and `code`[^a] then [a link](http://example.org)[^b] and
        a break.[^a]

        [^a]: A.
        [^b]: B.
        """
    )
    assert diags == []
    (paragraph,) = doc.paragraphs()
    assert paragraph.text == "Em and code then a link and a break."
    # "Em and code" is 11 code points, "Em and code then a link" 23, the whole text 36.
    assert paragraph.markers == [
        Marker(note=1, offset=11),
        Marker(note=2, offset=23),
        Marker(note=1, offset=36),
    ]


def test_note_referenced_twice_is_one_note():
    doc, diags = read(
        """
        ---
        title: Twice
        ---

        Once.[^same] Twice.[^same]

        [^same]: The shared note.
        """
    )
    assert diags == []
    assert doc.paragraphs()[0].markers == [Marker(note=1, offset=5), Marker(note=1, offset=12)]
    assert [(n.number, n.text, n.line) for n in doc.notes] == [(1, "The shared note.", 7)]


def test_notes_are_numbered_by_first_reference_not_by_label():
    doc, diags = read(
        """
        ---
        title: Order
        ---

        B first.[^9] A second.[^1]

        [^1]: Label one.
        [^9]: Label nine.
        """
    )
    assert diags == []
    assert doc.paragraphs()[0].markers == [Marker(note=1, offset=8), Marker(note=2, offset=18)]
    assert [(n.number, n.text) for n in doc.notes] == [(1, "Label nine."), (2, "Label one.")]


def test_escaped_reference_is_text_not_an_error():
    doc, diags = read(
        r"""
        ---
        title: Escaped
        ---

        Write \[^x] to make a note.
        """
    )
    assert diags == []
    assert doc.paragraphs()[0].text == "Write [^x] to make a note."


def test_undefined_reference():
    doc, diags = read(
        """
        ---
        title: Missing
        ---

        Defined.[^a] And the
        second line has a stray one.[^b]

        [^a]: Here.
        """
    )
    assert messages(diags) == [
        "essay.md:6: error: footnote `[^b]` is referenced but never defined; add a line "
        "`[^b]: ...` with the note, or remove the reference [note.missing]"
    ]
    assert [n.number for n in doc.notes] == [1]


def test_undefined_reference_when_no_note_is_defined():
    _, diags = read(
        """
        ---
        title: Missing
        ---

        Nothing defined.[^lonely]
        """
    )
    assert [(d.line, d.code) for d in diags] == [(5, "note.missing")]


def test_unreferenced_definition():
    doc, diags = read(
        """
        ---
        title: Unused
        ---

        Used.[^a]

        [^a]: Used note.
        [^orphan]: Nobody points here.
        """
    )
    assert messages(diags) == [
        "essay.md:8: warning: footnote `[^orphan]` is defined but never referenced, so it is "
        "not shown (as Pandoc drops it); add `[^orphan]` after the word it annotates, or "
        "delete the definition [note.unreferenced]"
    ]
    assert [n.text for n in doc.notes] == ["Used note."]


def test_duplicate_definition_keeps_the_first():
    doc, diags = read(
        """
        ---
        title: Twice defined
        ---

        Text.[^a]

        [^a]: First.

        [^a]: Second.
        """
    )
    assert messages(diags) == [
        "essay.md:9: error: footnote `[^a]` is already defined at line 7; delete one "
        "definition or give it another label [note.duplicate]"
    ]
    assert [n.text for n in doc.notes] == ["First."]


def test_missing_title():
    doc, diags = read(
        """
        ---
        author: Someone
        ---

        Text.
        """
    )
    assert messages(diags) == [
        "essay.md:1: error: required field `title` is missing; add `title: ...` to the "
        "front matter [meta.missing]"
    ]
    assert doc.meta.title == ""


def test_no_front_matter_at_all():
    _, diags = read("Just text.\n")
    assert [(d.line, d.code) for d in diags] == [(1, "meta.missing")]
    assert "front matter" in diags[0].message


def test_a_file_without_front_matter_takes_its_first_hash_heading_as_title():
    doc, diags = read(
        """
        # Footnotes and Their Histories

        The first paragraph.

        ## A part

        More.
        """
    )
    assert doc.meta.title == "Footnotes and Their Histories"
    assert messages(diags) == [
        "essay.md:1: warning: no `title` in the front matter, so the first heading, "
        "“Footnotes and Their Histories”, is the title; add `title: ...` to the front "
        "matter to set it [meta.title-from-heading]"
    ]
    assert [s.heading for s in doc.sections] == [None, "A part"]
    assert doc.sections[0].blocks  # the paragraph under the title is kept


def test_a_heading_after_text_or_below_level_one_is_no_title():
    for text in ("Intro.\n\n# Heading\n\nx\n", "## Heading\n\nx\n"):
        doc, diags = read(text)
        assert doc.meta.title == ""
        assert [(d.line, d.code) for d in diags] == [(1, "meta.missing")]


def test_invalid_front_matter_yaml_points_at_the_file_line():
    _, diags = read(
        """
        ---
        title: [unclosed
        ---

        Text.
        """
    )
    assert [(d.path, d.line, d.severity, d.code) for d in diags] == [
        ("essay.md", 2, "error", "yaml.invalid")
    ]
    assert diags[0].message.startswith("invalid YAML: ")


def test_bad_date_is_reported_at_its_line():
    _, diags = read(
        """
        ---
        title: Dated
        date: last spring
        ---

        Text.
        """
    )
    # Not a date anyone can read: kept as written, with a warning (not an error).
    assert [(d.line, d.severity, d.code) for d in diags] == [(3, "warning", "meta.date-unparsed")]


INLINE_HTML = "inline HTML is shown as text, not rendered; write it as Markdown [markdown.html]"
BLOCK_HTML = (
    "an HTML block is shown as text, not rendered; write the content as Markdown [markdown.html]"
)


def test_inline_html_is_kept_as_text_and_entities_decoded():
    doc, diags = read(
        """
        ---
        title: HTML
        ---

        Fish &amp; chips <b>bold</b>.
        """
    )
    assert messages(diags) == [f"essay.md:5: warning: {INLINE_HTML}"]
    assert doc.paragraphs()[0].text == "Fish & chips <b>bold</b>."


def test_inline_script_in_body_and_note_is_text_with_markers_after_it():
    doc, diags = read(
        """
        ---
        title: Scripts
        ---

        And <script>alert('body')</script> raw HTML.[^n]

        [^n]: A note that ends <script>alert('note')</script>
        """
    )
    assert messages(diags) == [
        f"essay.md:5: warning: {INLINE_HTML}",
        f"essay.md:7: warning: {INLINE_HTML}",
    ]
    # The tags are raw inline nodes; the text between them is Markdown text, so its
    # quotes are curled as Pandoc curls them.
    assert doc.paragraphs() == [
        Paragraph(
            id="p1",
            line=5,
            content=(
                Text("And "),
                RawInline("<script>"),
                Text("alert(\u2018body\u2019)"),
                RawInline("</script>"),
                Text(" raw HTML."),
                NoteRef(1),
            ),
        )
    ]
    assert doc.paragraphs()[0].markers == [Marker(note=1, offset=44)]
    assert [(n.number, n.text, n.line) for n in doc.notes] == [
        (1, "A note that ends <script>alert(\u2018note\u2019)</script>", 7)
    ]


def test_inline_html_in_heading_inline_note_and_caption_with_lines():
    doc, diags = read(
        """
        ---
        title: Everywhere
        ---

        # Head <script>alert('h')</script>

        One line,
        then <a
        href="x">a link</a>.^[Inline <i>note</i>.]

        ![A <em>caption</em>](fig.png)
        """
    )
    # One warning per line, at the line where the tag starts.
    assert messages(diags) == [
        f"essay.md:5: warning: {INLINE_HTML}",
        f"essay.md:8: warning: {INLINE_HTML}",
        f"essay.md:9: warning: {INLINE_HTML}",
        f"essay.md:11: warning: {INLINE_HTML}",
    ]
    (section,) = doc.sections
    assert section.heading == "Head <script>alert(\u2018h\u2019)</script>"
    paragraph, figure = section.blocks
    assert (paragraph.id, paragraph.text, paragraph.markers, paragraph.line) == (
        "p1",
        'One line, then <a href="x">a link</a>.',
        [Marker(note=1, offset=38)],
        7,
    )
    assert (figure.id, figure.caption, figure.src, figure.line) == (
        "fig1",
        "A <em>caption</em>",
        "fig.png",
        11,
    )
    assert [(n.text, n.line) for n in doc.notes] == [("Inline <i>note</i>.", 9)]


def test_html_block_is_kept_as_a_paragraph_of_text():
    doc, diags = read(
        """
        ---
        title: Block
        ---

        Before.

        <div class="x">
          <script>alert('block')</script>
        </div>

        After.[^a]

        [^a]: Note text.

            <p>more   note</p>
        """
    )
    assert messages(diags) == [
        f"essay.md:7: warning: {BLOCK_HTML}",
        f"essay.md:15: warning: {BLOCK_HTML}",
    ]
    # An HTML block is a raw block holding the text as written.
    assert [(p.text, p.line) for p in doc.paragraphs()] == [("Before.", 5), ("After.", 11)]
    assert doc.sections[0].blocks[1] == RawBlock(
        "<div class=\"x\">\n  <script>alert('block')</script>\n</div>", 7
    )
    assert [n.text for n in doc.notes] == ["Note text. <p>more note</p>"]


def test_html_kept_as_text_survives_the_markdown_export_round_trip():
    doc, diags = read(
        """
        ---
        title: Round trip
        ---

        # Head <b>x</b>

        And <script>alert('body')</script> raw HTML.[^n]

        <div>block</div>

        [^n]: Ends <script>alert('note')</script>
        """
    )
    assert {d.code for d in diags} == {"markdown.html"}
    text = export_markdown(doc)
    # Raw HTML is written as the author wrote it, so it reads back as the same raw HTML,
    # warned about again on the same lines (quotes were curled on the first reading).
    assert text == (
        "---\ntitle: Round trip\n---\n\n"
        "# Head <b>x</b>\n\n"
        "And <script>alert(\u2018body\u2019)</script> raw HTML.[^1]\n\n"
        "<div>block</div>\n\n"
        "[^1]: Ends <script>alert(\u2018note\u2019)</script>\n"
    )
    again, again_diags = read_markdown(Source("essay", "essay.md", text))
    assert messages(again_diags) == messages(diags)
    assert content_json(again) == content_json(doc)


def test_html_comments_are_left_out_silently():
    text = "---\ntitle: T\n---\n\nVisible <!-- private --> text.\n\n<!--\nA block comment.\n-->\n"
    document, diagnostics = read_markdown(Source("c", "c.md", text))
    assert [p.text for p in document.paragraphs()] == ["Visible text."]
    assert diagnostics == []


def test_a_code_block_inside_a_note_is_kept_in_its_text():
    text = (
        "---\ntitle: T\n---\n\nA claim.[^1]\n\n[^1]: See the query:\n\n"
        "    ```\n    SELECT  *\n    FROM notes\n    ```\n"
    )
    document, diagnostics = read_markdown(Source("c", "c.md", text))
    assert diagnostics == []
    assert document.notes[0].text == "See the query: SELECT * FROM notes"


def test_fixture_essay_export_follows_the_schema():
    source = Source("essay", "essay.md", (FIXTURES / "essay.md").read_text(encoding="utf-8"))
    doc, _ = read_markdown(source)
    Draft202012Validator(SCHEMA).validate(document_to_json(doc))


def test_a_span_in_another_language_keeps_its_language_to_the_page_and_back():
    from glossator.model.export import document_to_json
    from glossator.render.inline import inline_html

    doc, diags = read(
        """\
        ---
        title: T
        ---

        The word [la plume]{lang=fr}, [das *Ding*]{.term lang=de-CH}, [x]{lang="not a tag"}.
        """
    )
    content = doc.paragraphs()[0].content
    assert content[1] == Span((Text("la plume"),), (), "fr")
    assert content[3] == Span((Text("das "), Emph((Text("Ding"),))), ("term",), "de-CH")
    assert content[5] == Span((Text("x"),), (), "")
    assert [d.code for d in diags] == ["markdown.lang"]
    assert inline_html(content[:4]) == (
        'The word <span lang="fr">la plume</span>, '
        '<span class="term" lang="de-CH">das <em>Ding</em></span>'
    )
    data = document_to_json(doc)
    Draft202012Validator(SCHEMA).validate(data)
    spans = data["sections"][0]["blocks"][0]["content"]
    assert spans[1] == {
        "type": "span",
        "classes": [],
        "lang": "fr",
        "content": [{"type": "text", "text": "la plume"}],
    }
    again, _ = read(export_markdown(doc))
    assert again.paragraphs()[0].content[:4] == content[:4]
