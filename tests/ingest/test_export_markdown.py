"""Export to Markdown: exact output for a small document, and the round trip

    content_json(read_markdown(export_markdown(D))) == content_json(D)

for documents from every reader and for hand-built documents with hostile text.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.ingest.markdown import read_markdown
from glossator.ingest.markdown_export import export_markdown, paragraph_markdown
from glossator.ingest.pdf_text import read_pdf_text
from glossator.ingest.source import Source
from glossator.ingest.web_text import read_web_text
from glossator.model import (
    Author,
    BlockQuote,
    CodeBlock,
    Document,
    Figure,
    ListBlock,
    Marker,
    Metadata,
    Note,
    Paragraph,
    RawBlock,
    Rule,
    Section,
    Table,
    assign_ids,
    content_json,
)
from glossator.model.inline import (
    Citation,
    CiteItem,
    Code,
    Emph,
    Image,
    LineBreak,
    Link,
    Math,
    NoteRef,
    RawInline,
    SmallCaps,
    Span,
    Strikeout,
    Strong,
    Subscript,
    Superscript,
    Text,
)

ROOT = Path(__file__).resolve().parents[2]
ESSAYS = ROOT / "content" / "essays"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "markdown"


def round_trip(doc: Document):
    text = export_markdown(doc)
    again, diags = read_markdown(Source(doc.slug, f"{doc.slug}.md", text))
    return text, again, diags


def assert_round_trip(doc: Document) -> str:
    text, again, diags = round_trip(doc)
    assert [str(d) for d in diags] == []
    assert content_json(again) == content_json(doc)
    assert again.format == "markdown"
    return text


def test_exact_output_of_a_small_document():
    doc = Document(
        slug="small",
        format="pdf-text",
        meta=Metadata(title="On *Notes*", authors=["Ann Lee"], date="2021", editorial=["date"]),
        sections=[
            Section("", None, [Paragraph("", "First [a] line.", [Marker(1, 15)])]),
            Section("", "Part 1", [Figure("", "Fig. 1", None), Paragraph("", "2. Second")]),
        ],
        notes=[Note(1, "", "See _this_.")],
    )
    assert export_markdown(assign_ids(doc)) == textwrap.dedent(
        """\
        ---
        title: On \\*Notes\\*
        authors:
        - Ann Lee
        date: '2021'
        editorial:
        - date
        ---

        First \\[a\\] line.[^1]

        ## Part 1

        ![Fig. 1]()

        2\\. Second

        [^1]: See \\_this\\_.
        """
    )
    assert_round_trip(doc)


def test_blog_seed_round_trip():
    path = ESSAYS / "russia-stance-on-syria.txt"
    doc, diags = read_web_text(Source("russia-stance-on-syria", str(path), path.read_text()))
    assert diags == []
    text = assert_round_trip(doc)
    assert text.startswith("---\ntitle: Unlikely Change in Russia\u2019s Stance on Syria\n")
    assert "\n## " not in text  # the only section has no heading
    # One line per paragraph: front matter, then the five paragraphs.
    body = text.split("\n---\n", 1)[1]
    assert [line for line in body.splitlines() if line] == [p.text for p in doc.paragraphs()]


def test_markdown_fixture_round_trip():
    source = (FIXTURES / "essay.md").read_text(encoding="utf-8")
    doc, diags = read_markdown(Source("essay", "essay.md", source))
    assert diags == []
    assert_round_trip(doc)


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: T\nauthor: A B\n---\n\nOne.[^x] Two[^x].\n\n[^x]: Shared.\n",
        "---\ntitle: T\nauthors: [A, B]\ndate: 2020-02\n---\n\n# H\n\n![]()\n\nx^[inline]\n",
        "---\ntitle: T\n---\n\n### Deep\n\n> Quote[^1]\n\n1. Item\n\n[^1]: - not a list\n",
    ],
)
def test_small_markdown_round_trips(text):
    doc, diags = read_markdown(Source("small", "small.md", text))
    assert diags == []
    assert_round_trip(doc)


def tricky_document() -> Document:
    paragraphs = [
        # Markers at offset 0, in the middle and at the very end.
        Paragraph(
            "",
            "1995. The *year* was _good_ [ok] <script>alert(1)</script> &amp; \\ ` ! | ^ ~ # x",
            [Marker(1, 0), Marker(2, 5), Marker(1, 80)],
        ),
        Paragraph("", "# not a heading", [Marker(3, 15)]),
        Paragraph("", "- not a list: (x) + y", [Marker(3, 0), Marker(2, 13)]),
        Paragraph("", "---"),
        Paragraph("", "+ 1) 2. = == > quote"),
        Paragraph("", "1) Numbered too"),
        Paragraph("", ":colon after a marker", [Marker(1, 0)]),
        Paragraph("", "(paren after a marker", [Marker(2, 0)]),
        Paragraph("", "a^[b] c[^d] e![f](g) <http://x.org> h\\", [Marker(3, 38)]),
        Paragraph("", "[link]: /not-a-definition"),
        Paragraph("", "    not code, \u00e9t\u00e9 \u201cquoted\u201d \u2014 dash"),
    ]
    paragraphs[-1] = Paragraph("", paragraphs[-1].text.strip())
    doc = Document(
        slug="tricky",
        format="pdf-text",
        meta=Metadata(
            title="A *title*: [x] & <y> # z",
            authors=["A. B.", "\u00c9mile Zola"],
            date="2020-05-01",
            publication="Journal: of #things",
            image_credit="- dash",
            author_bio="Bio with 'quotes' and \"double\" ones: yes",
        ),
        sections=[
            Section("", None, paragraphs[:2]),
            Section(
                "",
                "# Weird [heading] ## *",
                [
                    *paragraphs[2:6],
                    Figure("", "Cap [1] *x* ![y](z)", None),
                    Figure("", "Cap2", "images/fig 1(a).png"),
                    Figure("", "", "img.png"),
                ],
            ),
            Section("", "Empty section", []),
            Section("", "1. Numbered heading", paragraphs[6:]),
        ],
        notes=[
            Note(1, "", "# note one *x* [^2]"),
            Note(2, "", "1. listy <b>&amp;</b>"),
            Note(3, "", "- dash `code` \\"),
        ],
    )
    return assign_ids(doc)


def test_tricky_text_round_trips():
    doc = tricky_document()
    assert_round_trip(doc)


def test_tricky_markers_land_where_they_were():
    _, again, _ = round_trip(tricky_document())
    first = again.paragraphs()[0]
    assert first.markers == [Marker(1, 0), Marker(2, 5), Marker(1, 80)]
    assert first.text[:5] == "1995."
    assert len(first.text) == 80


def test_pdf_essay_round_trip():
    path = ESSAYS / "us-russia-un-syria.txt"
    doc, _ = read_pdf_text(Source("us-russia-un-syria", str(path), path.read_text()))
    # The title comes from the sidecar in a real build; Markdown needs one in its front matter.
    doc.meta.title = doc.meta.title or "US-Russia Relations and the UN in Syria"
    assert doc.paragraphs() and doc.notes
    assert_round_trip(doc)


ALPHABET = "ab 1.)-+=#>*_`[]<>&!|^~\\:()\"'{}%$@/\u00e9\u2014"


def random_document(rng) -> Document:
    def text() -> str:
        while True:
            value = " ".join("".join(rng.choice(ALPHABET) for _ in range(8)).split())
            if value:
                return value

    paragraphs = []
    for _ in range(6):
        value = text() + " " + text()
        offsets = sorted(rng.randint(0, len(value)) for _ in range(rng.randint(0, 3)))
        paragraphs.append(Paragraph("", value, [Marker(1, o) for o in offsets]))
    paragraphs[0].markers.insert(0, Marker(1, 0))
    doc = Document(
        slug="random",
        format="pdf-text",
        meta=Metadata(title=text()),
        sections=[
            Section("", None, paragraphs[:3] + [Figure("", text(), None)]),
            Section("", text(), paragraphs[3:]),
        ],
        notes=[Note(1, "", text())],
    )
    return assign_ids(doc)


def test_random_hostile_text_round_trips():
    import random

    rng = random.Random(20241122)
    for _ in range(300):
        assert_round_trip(random_document(rng))


# --- every node of the model, written by hand ------------------------------------------


def t(text: str) -> Text:
    return Text(text)


@pytest.mark.parametrize(
    ("content", "markdown"),
    [
        ((t("an "), Emph((t("emphasis"),)), t(".")), "an *emphasis*."),
        ((Strong((t("strong "), Emph((t("and em"),)))),), "**strong *and em***"),
        ((t("a "), Emph((t(" spaced "),)), t("b")), "a  *spaced* b"),  # spaces stand outside
        ((Strikeout((t("gone"),)),), "~~gone~~"),
        ((t("x"), Superscript((t("2"),))), "x^2^"),
        ((t("H"), Subscript((t("2"),)), t("O")), "H~2~O"),
        ((Superscript((t("a b"),)),), "^a\\ b^"),
        ((SmallCaps((t("bce"),)),), "[bce]{.smallcaps}"),
        ((Span((t("x"),), ("a", "b-c")),), "[x]{.a .b-c}"),
        ((Code("x = 1"),), "`x = 1`"),
        ((Code("a`b"),), "``a`b``"),
        ((Code("`tick"),), "`` `tick ``"),
        ((Code(" both "),), "`  both  `"),
        ((Link("https://e.org/a", (t("a site"),)),), "[a site](https://e.org/a)"),
        ((Link("https://e.org/a", (t("a"),), 'say "hi"'),), '[a](https://e.org/a "say \\"hi\\"")'),
        ((Link("a b.html", (Emph((t("x"),)),)),), "[*x*](<a b.html>)"),
        (
            (Link("https://e.org/a_b?c=1&d", (t("https://e.org/a_b?c=1&d"),)),),
            "<https://e.org/a_b?c=1&d>",
        ),
        # markdown-it would decode `%20` in an autolink's text: written in full instead.
        (
            (Link("https://e.org/a%20b", (t("https://e.org/a%20b"),)),),
            "[https://e.org/a%20b](https://e.org/a%20b)",
        ),
        ((t("see "), Image("i.png", "an [image]", "t")), 'see ![an \\[image\\]](i.png "t")'),
        ((t("one"), LineBreak(), t("- two")), "one\\\n\\- two"),  # the new line is a line start
        ((Math("e^{i\\pi}"),), "$e^{i\\pi}$"),
        ((Math("x^2", display=True),), "$$x^2$$"),
        ((t("a"), RawInline("<br>"), t("b")), "a<br>b"),
        ((t("word"), NoteRef(3), t(": (x)")), "word[^3]\\: (x)"),
        (
            (Citation((CiteItem("lee", "see", "33"),), "[see @lee, p. 33]"), t(".")),
            "[see @lee, p. 33].",
        ),
        ((Link("u", (t("x"),)), t("{.c}")), "[x](u)\\{.c}"),  # not the link's attributes
        ((Code("c"), t("{x}")), "`c`\\{x}"),
        # Straight quotes, dashes, dots, `(c)` and `@key` are not typography or citations.
        (
            (t('It\'s "so" -- a... (c) @key $5 +-'),),
            'It\\\'s \\"so\\" \\-\\- a\\.\\.\\. \\(c) \\@key \\$5 \\+-',
        ),
        ((t("mail a@b.org, one - two. Done."),), "mail a@b.org, one - two. Done."),
    ],
)
def test_inline_nodes_as_pandoc_markdown(content, markdown):
    assert paragraph_markdown(Paragraph("", content=content)) == markdown


def structured_document() -> Document:
    quote = BlockQuote(
        [
            Paragraph("", content=(t("Quoted "), Emph((t("words"),)), t("."))),
            Paragraph("", "Again."),
        ]
    )
    bullets = ListBlock(
        [[Paragraph("", "one")], [Paragraph("", "two"), ListBlock([[Paragraph("", "deep")]])]]
    )
    numbered = ListBlock(
        [[Paragraph("", "three")], [Paragraph("", "four")]], ordered=True, start=3, tight=False
    )
    table = Table(
        ["left", "right", "center", ""],
        [(t("A"),), (t("B"),), (t("C"),), ()],
        [[(t("1"),), (Strong((t("2"),)),), (Code("3"),), (t("a|b"),)]],
        caption=(t("Counts, "), Emph((t("all"),))),
    )
    sections = [
        Section(
            "", None, [Paragraph("", content=(t("Intro with "), Math("x"), t("."), NoteRef(1)))]
        ),
        Section(
            "",
            title=(t("A "), Emph((t("level"),)), t(" 3")),
            level=3,
            blocks=[
                quote,
                bullets,
                numbered,
                CodeBlock("def f():\n    return '```'", "python"),
                table,
                Rule(),
                RawBlock('<div class="x">raw</div>'),
                Figure(
                    "",
                    src="f.png",
                    caption_content=(t("Fig. "), Emph((t("one"),))),
                    alt="A chart",
                    width=640,
                ),
            ],
        ),
        Section("", "Level one", [Paragraph("", "End.", [Marker(2, 4), Marker(3, 4)])], level=1),
    ]
    notes = [
        Note(
            1,
            "",
            blocks=[
                Paragraph("", "First paragraph."),
                Paragraph("", "- second"),
                CodeBlock("x", ""),
            ],
        ),
        Note(2, "", blocks=[CodeBlock("only code")]),
        Note(3, "", "A plain note."),
    ]
    meta = Metadata(
        title="Structured",
        authors=["Ann Lee"],
        date="2021-03-21",
        subtitle="Every block",
        author_details=[Author("Ann Lee", affiliation="Uni", orcid="0000-0002-1825-0097")],
        date_text="March 21, 2021",
        abstract=[
            Paragraph("", content=(t("An "), Emph((t("abstract"),)), t("."))),
            Paragraph("", "More."),
        ],
        keywords=["syria", "un"],
        lang="en-GB",
        bibliography=["refs.bib"],
        csl="chicago.csl",
        nocite=["a", "b"],
        reference_section_title="Works cited",
        extra={"toc": True},
    )
    return assign_ids(Document("structured", "markdown", meta, sections, notes))


def test_every_block_as_pandoc_markdown():
    assert export_markdown(structured_document()) == textwrap.dedent(
        """\
        ---
        title: Structured
        subtitle: Every block
        author:
        - name: Ann Lee
          affiliation: Uni
          orcid: 0000-0002-1825-0097
        date: March 21, 2021
        abstract: |
          An *abstract*.

          More.
        keywords:
        - syria
        - un
        lang: en-GB
        bibliography:
        - refs.bib
        csl: chicago.csl
        nocite: '@a, @b'
        reference-section-title: Works cited
        toc: true
        ---

        Intro with $x$.[^1]

        ### A *level* 3

        > Quoted *words*.
        >
        > Again.

        - one
        - two
          - deep

        <!-- -->

        3. three

        4. four

        ```python
        def f():
            return '```'
        ```

        | A | B | C |  |
        |:---|---:|:---:|---|
        | 1 | **2** | `3` | a\\|b |

        Table: Counts, *all*

        * * *

        <div class="x">raw</div>

        ![Fig. *one*](f.png){alt="A chart" width=640}

        # Level one

        End.[^2][^3]

        [^1]: First paragraph.

            \\- second

            ```
            x
            ```

        [^2]:
            ```
            only code
            ```

        [^3]: A plain note.
        """
    )


def test_a_fence_is_longer_than_any_fence_inside_the_code():
    doc = Document(
        "c", "markdown", Metadata(title="T"), [Section("", None, [CodeBlock("```\nx\n```", "md")])]
    )
    assert export_markdown(doc).endswith("\n````md\n```\nx\n```\n````\n")


# --- round trips through the Markdown reader ----------------------------------------


def test_bare_urls_of_raw_text_come_back_as_the_same_links():
    text = "See https://e.org/a_b?x=1&y=[2]#f, http://x.org/%20y and <https://\u00e9t\u00e9.fr/\u00e9>."
    doc = assign_ids(
        Document(
            "urls",
            "pdf-text",
            Metadata(title="T"),
            [
                Section(
                    "",
                    "Links https://e.org/h",
                    [Paragraph("", text, [Marker(1, text.index(" http:"))])],
                )
            ],
            [Note(1, "", "At https://n.org/x.")],
        )
    )
    links = [n for n in doc.paragraphs()[0].content if isinstance(n, Link)]
    assert [link.url for link in links] == [
        "https://e.org/a_b?x=1&y=[2]#f",
        "http://x.org/%20y",
        "https://\u00e9t\u00e9.fr/\u00e9",
    ]
    markdown = assert_round_trip(doc)
    assert "<https://e.org/a\\_b" not in markdown  # an autolink is written as is
    assert "[http://x.org/%20y](http://x.org/%20y)" in markdown
    assert "\\<<https://\u00e9t\u00e9.fr/\u00e9>\\>." in markdown
    assert "[^1]: At <https://n.org/x>.\n" in markdown


def test_notes_of_several_blocks_keep_their_text():
    notes = [
        Note(
            1, "", blocks=[Paragraph("", "First."), Paragraph("", "1. Second"), CodeBlock("x  = 1")]
        ),
        Note(2, "", blocks=[CodeBlock("code first"), Paragraph("", "then text")]),
        Note(3, "", "Last."),
    ]
    body = [Paragraph("", "a b c", [Marker(1, 1), Marker(2, 3), Marker(3, 5)])]
    doc = assign_ids(
        Document("n", "pdf-text", Metadata(title="T"), [Section("", None, body)], notes)
    )
    _, again, diags = round_trip(doc)
    assert diags == []
    assert [n.text for n in again.notes] == [
        "First. 1. Second x = 1",
        "code first then text",
        "Last.",
    ]
    assert [n.text for n in again.notes] == [n.text for n in doc.notes]


HOSTILE = st.text(
    st.sampled_from("ab Z1.,;:)-+=#>*_`[]<>&!|^~\\(\"'{}%$@/é—\u2019"), min_size=1, max_size=14
)
URLS = st.sampled_from(
    ["https://e.org/a_b", "http://x.org/%41", "https://e.org/(x)", "https://e.org/~u?q=1&r"]
)


@st.composite
def raw_paragraph_text(draw) -> str:
    parts = draw(st.lists(st.one_of(HOSTILE, URLS.map(lambda u: f" {u} ")), min_size=1, max_size=5))
    text = " ".join("".join(parts).split())
    return text or "x"


@st.composite
def raw_documents(draw) -> Document:
    """What the pdf-text and web-text readers make: plain text with markers at offsets
    (bare URLs become links), headings, captions and notes of one paragraph."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        text = draw(raw_paragraph_text())
        offsets = sorted(draw(st.lists(st.integers(0, len(text)), max_size=3)))
        paragraphs.append(Paragraph("", text, [Marker(1, o) for o in offsets]))
    paragraphs[0] = Paragraph("", paragraphs[0].text, [Marker(1, 0), *paragraphs[0].markers])
    figure = Figure(
        "", draw(raw_paragraph_text()), draw(st.sampled_from([None, "a.png", "b c.png"]))
    )
    doc = Document(
        slug="random",
        format=draw(st.sampled_from(["pdf-text", "web-text"])),
        meta=Metadata(
            title=draw(raw_paragraph_text()),
            authors=draw(st.lists(raw_paragraph_text(), max_size=2)),
        ),
        sections=[
            Section("", None, paragraphs[:1] + [figure]),
            Section("", draw(raw_paragraph_text()), paragraphs[1:]),
        ],
        notes=[Note(1, "", draw(raw_paragraph_text()))],
    )
    return assign_ids(doc)


@settings(max_examples=300, deadline=None)
@given(raw_documents())
def test_random_raw_text_with_markers_and_urls_round_trips(doc):
    assert_round_trip(doc)


def test_an_image_alone_in_a_paragraph_stays_in_running_text():
    alone = Paragraph("", content=(Image("i.png", "alt"),))
    assert paragraph_markdown(alone) == "![alt](i.png)<!-- -->"
    with_text = Paragraph("", content=(Image("i.png", "alt"), Text(" and text")))
    assert paragraph_markdown(with_text) == "![alt](i.png) and text"
    doc = Document("i", "markdown", Metadata(title="T"), [Section("", None, [alone])])
    again, diags = read_markdown(Source("i", "i.md", export_markdown(doc)))
    assert diags == [] and again.figures() == [] and again.paragraphs()[0].text == "alt"


def test_table_rows_and_headings_stay_on_one_line():
    broken = (Text("a"), LineBreak(), Text("b"))
    table = Table([""], [broken], [[broken]])
    section = Section("", title=broken, blocks=[table])
    doc = Document("t", "markdown", Metadata(title="T"), [section])
    assert export_markdown(doc).endswith("\n## a b\n\n| a b |\n|---|\n| a b |\n")


# --- what the Markdown reader makes, written back --------------------------------------


def test_every_construct_of_the_reader_round_trips():
    from test_markdown_constructs import FRONT_MATTER, cases

    for title, markdown, _ in cases():
        doc, diags = read_markdown(Source("c", "c.md", FRONT_MATTER + markdown))
        _, again, again_diags = round_trip(doc)
        assert content_json(again) == content_json(doc), title
        assert {d.code for d in again_diags} <= {d.code for d in diags}, title


def test_citations_are_written_back_where_the_author_wrote_them():
    text = (
        "@doe99 [p. 3] says so, as [see @kim, 4] does; see -@lee.\n\n"
        "~@k[@a]::: and *@b*, then [@a][@a].\n\n[@c] starts.\n"
    )
    doc, diags = read_markdown(Source("c", "c.md", "---\ntitle: T\n---\n\n" + text))
    assert diags == [] and len(doc.notes) == 9
    markdown = assert_round_trip(doc)
    assert markdown.endswith(
        "\n\n@doe99 [p. 3] says so, as [see @kim, 4] does; see -@lee.\n\n"
        "\\~@k[@a]\\::: and *@b*, then [@a][@a].\n\n[@c]starts.\n"
    )


def test_a_citation_note_of_the_authors_own_stays_a_note():
    text = "Said @doe99[^1]: yes.\n\n[^1]: [-@doe99]\n"
    doc, diags = read_markdown(Source("c", "c.md", "---\ntitle: T\n---\n\n" + text))
    assert diags == [] and len(doc.notes) == 2
    assert_round_trip(doc)


def test_text_after_a_citation_does_not_join_it():
    content = (Citation((CiteItem("a"),), "[@a]"), t("(x) "), Citation((CiteItem("b"),), "@b"))
    written = paragraph_markdown(Paragraph("", content=(*content, t(".c: {d}"))))
    assert written == "[@a]\\(x) @b\\.c: {d}"


def test_a_note_whose_marker_was_dropped_keeps_its_text():
    text = "# Heading[^1]\n\nText.[^2]\n\n[^1]: In the heading.\n\n[^2]: In the text.\n"
    doc, diags = read_markdown(Source("c", "c.md", "---\ntitle: T\n---\n\n" + text))
    assert [d.code for d in diags] == ["note.in-heading"]
    markdown, again, again_diags = round_trip(doc)
    assert "\n[^2]\n" in markdown  # alone in a paragraph: dropped with a warning
    assert [d.code for d in again_diags] == ["note.no-text"]
    assert content_json(again) == content_json(doc)


def test_a_loose_list_of_one_item_stays_loose():
    for text in ("1. one\n\n   <!-- -->\n", "- # \n"):
        doc, _ = read_markdown(Source("l", "l.md", "---\ntitle: T\n---\n\n" + text))
        assert doc.sections[0].blocks[0].tight is False
        assert_round_trip(doc)


def test_figures_links_and_metadata_read_back_as_they_were():
    doc = assign_ids(
        Document(
            "f",
            "pdf-text",
            Metadata(title="T", authors=["Ann Lee"], date="2021-03-21"),
            [
                Section(
                    "",
                    None,
                    [
                        Figure("", "A caption", "a.png"),  # no alt apart from the caption
                        Figure("", src="b.png", caption_content=(t("B"),), alt='Say "b"'),
                        Paragraph("", "See http://x.org/%20y and https://e.org/\u00e9."),
                    ],
                )
            ],
        )
    )
    markdown = assert_round_trip(doc)
    assert "authors:\n- Ann Lee\ndate: '2021-03-21'\n" in markdown
    assert '![B](b.png){alt="Say \\"b\\""}' in markdown


@pytest.mark.parametrize(
    ("content", "markdown"),
    [
        ((Strong((Emph((t("x"),)),)),), "**_x_**"),  # `***x***` is emphasis of strong
        ((Emph((Emph((t("x"),)),)),), "*_x_*"),  # `**x**` is strong
        ((Emph((Strong((t("x"),)),)),), "***x***"),
        ((Superscript((t("x "),)), t("b")), "^x\\ ^b"),  # its spaces stay inside
        ((Math("", display=True),), "$$ $$"),
        ((t(". . . and . ."),), "\\. \\. \\. and . ."),
    ],
)
def test_marks_that_need_care(content, markdown):
    assert paragraph_markdown(Paragraph("", content=content)) == markdown
    doc = Document("m", "markdown", Metadata(title="T"), [Section("", None, [])])
    doc.sections[0].blocks = [Paragraph("", content=content)]
    assert_round_trip(assign_ids(doc))
