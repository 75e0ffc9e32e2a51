"""Hypothesis strategies for random documents of the model: nested inline marks, every
block type (quotations and lists holding blocks), notes with blocks and full metadata.

Paragraphs and notes always have some text, as the readers make them (a reader drops a
paragraph without text), so the schema's non-empty `text` holds.
"""

from __future__ import annotations

from hypothesis import strategies as st

from glossator.model import (
    Author,
    BlockQuote,
    Callout,
    CodeBlock,
    DefinitionList,
    Document,
    Figure,
    ListBlock,
    Metadata,
    Note,
    Paragraph,
    RawBlock,
    Rule,
    Section,
    Table,
    WorksCited,
    assign_ids,
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

words = st.text(st.sampled_from("ab Z1.,;:'\"*_[]<>&@$^~-\\é—"), min_size=1, max_size=12)
some_text = words.filter(lambda s: s.strip())
keys = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)
cite_items = st.builds(
    CiteItem,
    key=keys,
    prefix=st.sampled_from(["", "see"]),
    locator=st.sampled_from([None, "33", "pp. 1-2"]),
    suffix=st.sampled_from(["", "and passim"]),
    mode=st.sampled_from(["normal", "author-in-text", "suppress-author"]),
)
leaves = st.one_of(
    st.builds(Text, some_text),
    st.builds(Code, some_text),
    st.builds(Image, st.just("img.png"), words, st.sampled_from(["", "a title"])),
    st.builds(LineBreak),
    st.builds(Math, some_text, st.booleans()),
    st.builds(RawInline, st.just("<b>")),
    st.builds(NoteRef, st.integers(1, 5)),
    st.builds(
        Citation,
        st.lists(cite_items, min_size=1, max_size=2).map(tuple),
        st.just("[@x]"),
        st.sampled_from([None, "(Lee 2001)"]),
    ),
)


def _wrapped(children: st.SearchStrategy) -> st.SearchStrategy:
    content = st.lists(children, min_size=1, max_size=3).map(tuple)
    return st.one_of(
        *(st.builds(mark, content) for mark in (Emph, Strong, Strikeout, Superscript)),
        *(st.builds(mark, content) for mark in (Subscript, SmallCaps)),
        st.builds(
            Span,
            content,
            st.lists(st.sampled_from(["a", "b-c"]), max_size=2).map(tuple),
            st.sampled_from(["", "", "fr", "pt-BR"]),
        ),
        st.builds(Link, st.just("https://example.org/x"), content, st.sampled_from(["", "t"])),
    )


inlines = st.recursive(leaves, _wrapped, max_leaves=8)


@st.composite
def contents(draw: st.DrawFn, min_size: int = 0) -> tuple:
    return tuple(draw(st.lists(inlines, min_size=min_size, max_size=4)))


@st.composite
def paragraphs(draw: st.DrawFn) -> Paragraph:
    # A visible word first: a paragraph as a reader keeps it.
    head = Text(draw(some_text).strip() or "x")
    return Paragraph("", content=(head, *draw(contents())))


def _leaf_blocks() -> st.SearchStrategy:
    return st.one_of(
        paragraphs(),
        paragraphs(),
        st.builds(
            Figure,
            id=st.just(""),
            src=st.sampled_from([None, "images/a.png"]),
            caption_content=contents(),
            alt=words | st.just(""),
            width=st.none() | st.integers(1, 2000),
            height=st.none() | st.integers(1, 2000),
        ),
        st.builds(CodeBlock, words, st.sampled_from(["", "python"])),
        st.builds(RawBlock, st.just("<div>x</div>")),
        st.builds(Rule),
        st.builds(WorksCited),
        _tables(),
    )


@st.composite
def _tables(draw: st.DrawFn) -> Table:
    columns = draw(st.integers(1, 3))
    cells = st.lists(contents(), min_size=columns, max_size=columns)
    return Table(
        align=draw(
            st.lists(
                st.sampled_from(["left", "right", "center", ""]), min_size=columns, max_size=columns
            )
        ),
        header=draw(cells),
        rows=draw(st.lists(cells, max_size=2)),
        caption=draw(contents()),
    )


@st.composite
def _definitions(draw: st.DrawFn, children: st.SearchStrategy) -> DefinitionList:
    terms = draw(st.lists(paragraphs(), min_size=1, max_size=2))
    defined = st.lists(st.lists(children, min_size=1, max_size=2), min_size=1, max_size=2)
    items = [(term, draw(defined)) for term in terms]
    return DefinitionList(
        items, draw(st.lists(st.booleans(), min_size=len(items), max_size=len(items)))
    )


def _nested(children: st.SearchStrategy) -> st.SearchStrategy:
    block_lists = st.lists(children, min_size=1, max_size=2)
    kinds = st.sampled_from(["note", "tip", "warning", "caution", "important"])
    return st.one_of(
        _definitions(children),
        st.builds(Callout, kinds, contents(), block_lists),
        st.builds(BlockQuote, block_lists),
        st.builds(
            ListBlock,
            st.lists(block_lists, min_size=1, max_size=3),
            st.booleans(),
            st.integers(0, 12),
            st.booleans(),
        ),
    )


blocks = st.recursive(_leaf_blocks(), _nested, max_leaves=6)


@st.composite
def notes(draw: st.DrawFn, number: int) -> Note:
    rest = draw(st.lists(blocks, max_size=2))
    return Note(
        number, "", blocks=[draw(paragraphs()), *rest], sources=draw(st.lists(keys, max_size=2))
    )


@st.composite
def metadata(draw: st.DrawFn) -> Metadata:
    return Metadata(
        title=draw(some_text),
        authors=draw(st.lists(some_text, max_size=2)),
        date=draw(st.sampled_from([None, "2020", "2020-05", "2020-05-01"])),
        subtitle=draw(st.none() | some_text),
        author_details=draw(
            st.lists(
                st.builds(Author, some_text, words, st.just(""), st.just("a@b.org")), max_size=2
            )
        ),
        date_text=draw(st.none() | st.just("May 1, 2020")),
        abstract=draw(st.just([]) | st.lists(paragraphs(), min_size=1, max_size=2)),
        keywords=draw(st.lists(some_text, max_size=3)),
        lang=draw(st.sampled_from([None, "en", "fr-CA"])),
        nocite=draw(st.lists(keys, max_size=2)),
        reference_section_title=draw(st.none() | some_text),
        extra=draw(st.dictionaries(keys, st.integers() | words, max_size=2)),
    )


@st.composite
def documents(draw: st.DrawFn) -> Document:
    sections = []
    for i in range(draw(st.integers(1, 3))):
        heading = None if i == 0 and draw(st.booleans()) else draw(contents(min_size=1))
        level = draw(st.integers(1, 6))
        sections.append(
            Section("", title=heading, blocks=draw(st.lists(blocks, max_size=4)), level=level)
        )
    doc = Document(
        slug="random",
        format=draw(st.sampled_from(["pdf-text", "web-text", "markdown"])),
        meta=draw(metadata()),
        sections=sections,
        notes=[draw(notes(n)) for n in range(1, draw(st.integers(0, 3)) + 1)],
    )
    return assign_ids(doc)
