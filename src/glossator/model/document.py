"""The document model: the plain data every stage after the readers works on.

Readers build these; the later stages only read them. Nothing here does I/O, so each
document can be cached and compared as a value.
`line` fields point into the source file for diagnostics and are not exported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from sys import intern
from typing import Any

from glossator.model.inline import (
    Citation,
    Inline,
    citations,
    from_text,
    normalize,
    note_refs,
    plain_text,
)
from glossator.model.metadata import Metadata
from glossator.model.packed import Packable
from glossator.model.values import frozen_value

FORMATS = ("pdf-text", "web-text", "markdown")
METADATA_FIELDS = ("title", "authors", "date", "publication", "image_credit", "author_bio")


@frozen_value
class Marker:
    """A footnote reference: `offset` is the code-point position in the paragraph text
    right after the character the marker follows."""

    note: int
    offset: int


@dataclass(init=False)
class Paragraph:
    """A paragraph: its inline `content` is the truth; `text` and `markers` are its plain
    text and the markers' offsets in it, as the linking and search stages see them."""

    # Slotted (a corpus holds some 150,000), with a slot for the cached text.
    __slots__ = ("id", "content", "line", "_text")
    id: str
    content: tuple[Inline, ...]
    line: int

    def __init__(
        self,
        id: str,
        text: str | None = None,
        markers: list[Marker] | tuple[Marker, ...] = (),
        line: int = 0,
        content: tuple[Inline, ...] | list[Inline] | None = None,
    ) -> None:
        self.id, self.line = id, line
        if content is not None and (text is not None or markers):
            raise TypeError("Paragraph takes text and markers, or content, not both")
        if content is None:
            content = from_text(text or "", [(m.note, m.offset) for m in markers])
        self.content = normalize(content)

    @property
    def text(self) -> str:
        # Kept beside the content it was made from: the content is an immutable tuple,
        # so the text is good while `content` is that same object (notes and links
        # read a paragraph's text several times). Not a field: not compared or shown.
        content = self.content
        cached = getattr(self, "_text", None)
        if cached is None or cached[0] is not content:
            cached = self._text = (content, plain_text(content))
        return cached[1]

    def __reduce__(self) -> tuple[Any, ...]:
        # The fields, not the cached text: a cache hit reads it again only if asked.
        return (_paragraph, (self.id, self.content, self.line))

    @property
    def markers(self) -> list[Marker]:
        return [Marker(note, offset) for note, offset in note_refs(self.content)]


@dataclass(init=False, slots=True)
class Figure:
    """An image with its caption (inline content); `caption` is the caption's text."""

    id: str
    caption_content: tuple[Inline, ...]
    src: str | None
    line: int
    alt: str
    width: int | None
    height: int | None

    def __init__(
        self,
        id: str,
        caption: str | None = None,
        src: str | None = None,
        line: int = 0,
        caption_content: tuple[Inline, ...] | list[Inline] | None = None,
        alt: str = "",
        width: int | None = None,
        height: int | None = None,
    ) -> None:
        self.id, self.src, self.line, self.alt = id, src, line, alt
        self.width, self.height = width, height
        if caption_content is None:
            caption_content = from_text(caption or "")
        self.caption_content = normalize(caption_content)

    @property
    def caption(self) -> str:
        return plain_text(self.caption_content)


@dataclass(slots=True)
class BlockQuote:
    blocks: list[Block] = field(default_factory=list)
    line: int = 0


@dataclass(slots=True)
class ListBlock:
    """A bullet list, or an ordered one from `start`; each item holds blocks."""

    items: list[list[Block]] = field(default_factory=list)
    ordered: bool = False
    start: int = 1
    tight: bool = True
    line: int = 0


@dataclass(slots=True)
class CodeBlock:
    text: str
    language: str = ""
    line: int = 0


@dataclass(slots=True)
class Table:
    """A pipe table: `align` per column ("left", "right", "center" or ""), the header
    row's cells and the body rows' cells, each cell inline content."""

    align: list[str]
    header: list[tuple[Inline, ...]]
    rows: list[list[tuple[Inline, ...]]]
    caption: tuple[Inline, ...] = ()
    line: int = 0
    id: str = ""  # `tbl1`, ...: given by `ids.assign_ids`, as a figure's `fig1`


@dataclass(slots=True)
class Rule:
    line: int = 0


@dataclass(slots=True)
class WorksCited:  # where the essay lists the works it cites (Pandoc's `::: {#refs}`)
    line: int = 0


@dataclass(slots=True)
class RawBlock:
    """An HTML block as written: shown as text unless site.yaml allows HTML."""

    text: str
    line: int = 0


@dataclass(slots=True)
class DefinitionList:
    """Pandoc's definition list: each term a paragraph (anchor, notes), each definition blocks."""

    items: list[tuple[Paragraph, list[list[Block]]]] = field(default_factory=list)
    tight: list[bool] = field(default_factory=list)  # per term: no blank line before its ":"
    line: int = 0


@dataclass(slots=True)
class Callout:
    """A Quarto callout (`::: {.callout-tip}`): its kind (note, tip, warning, caution,
    important), its title (given, else the kind's name) and its blocks."""

    kind: str
    title: tuple[Inline, ...] = ()
    blocks: list[Block] = field(default_factory=list)
    line: int = 0


Block = (
    Paragraph
    | Figure
    | BlockQuote
    | ListBlock
    | DefinitionList
    | Callout
    | CodeBlock
    | Table
    | Rule
    | RawBlock
    | WorksCited
)


def walk_blocks(blocks: list[Block]) -> Iterator[Block]:
    """Every block in reading order, those inside quotations and list items too."""
    for block in blocks:
        yield block
        if isinstance(block, BlockQuote | Callout):
            yield from walk_blocks(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from walk_blocks(item)
        elif isinstance(block, DefinitionList):
            for term, definitions in block.items:
                yield term
                yield from (inner for d in definitions for inner in walk_blocks(d))


def rewrite_contents(
    block: Block, change: Callable[[tuple[Inline, ...]], tuple[Inline, ...]]
) -> None:
    """The block's own inline contents (a paragraph's, a figure's caption, a table's
    cells and caption) each replaced by `change` of it, in place: how a reader finishes
    a document once it is whole (notes renumbered, cross-references linked)."""
    if isinstance(block, Paragraph):
        block.content = change(block.content)
    elif isinstance(block, Figure):
        block.caption_content = change(block.caption_content)
    elif isinstance(block, Table):
        block.header = [change(cell) for cell in block.header]
        block.rows = [[change(cell) for cell in row] for row in block.rows]
        block.caption = change(block.caption)


def citations_in(block: Block) -> list[Citation]:
    """The Pandoc citations of one block's own inline content (not nested blocks')."""
    if isinstance(block, Paragraph):
        return citations(block.content)
    if isinstance(block, Figure):
        return citations(block.caption_content)
    return []


def note_citations(note: Note) -> list[Citation]:
    """The Pandoc citations a note holds, in reading order."""
    blocks = note.blocks
    if len(blocks) == 1 and type(blocks[0]) is Paragraph:  # most notes
        return citations(blocks[0].content)
    return [c for block in walk_blocks(blocks) for c in citations_in(block)]


def blocks_text(blocks: list[Block]) -> str:
    """The plain text of blocks, one space between paragraphs: how a note reads."""
    parts: list[str] = []
    for block in walk_blocks(blocks):
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Figure):
            parts.append(block.caption)
        elif isinstance(block, CodeBlock | RawBlock):
            parts.append(block.text)
        elif isinstance(block, Table):
            cells = [*block.header, *(c for row in block.rows for c in row)]
            parts.extend(plain_text(c) for c in cells)
    return " ".join(" ".join(p.split()) for p in parts if p.strip())


@dataclass(init=False, slots=True)
class Section:
    """A heading (`level` as written, 2 for `##`) and the blocks up to the next heading."""

    id: str
    title: tuple[Inline, ...] | None
    blocks: list[Block]
    line: int
    level: int

    def __init__(
        self,
        id: str,
        heading: str | None = None,
        blocks: list[Block] | None = None,
        line: int = 0,
        level: int = 2,
        title: tuple[Inline, ...] | list[Inline] | None = None,
    ) -> None:
        self.id, self.line, self.level = id, line, level
        self.blocks = blocks if blocks is not None else []
        if title is None and heading is not None:
            title = from_text(heading)
        self.title = normalize(title) if title is not None else None

    @property
    def heading(self) -> str | None:
        return plain_text(self.title) if self.title is not None else None


@dataclass(init=False)
class Note:
    """A note: its `blocks` are the truth; `text` is their plain text, which the note
    parser reads."""

    __slots__ = ("number", "id", "blocks", "sources", "line", "generated", "_text")
    number: int
    id: str
    blocks: list[Block]
    sources: list[str]
    line: int
    generated: bool  # made by the reader of a citation in the body (`[@key]`)

    def __init__(
        self,
        number: int,
        id: str,
        text: str | None = None,
        sources: list[str] | None = None,
        line: int = 0,
        blocks: list[Block] | None = None,
        generated: bool = False,
    ) -> None:
        self.number, self.id, self.line, self.generated = number, id, line, generated
        self.sources = list(sources or [])
        if blocks is not None and text is not None:
            raise TypeError("Note takes text or blocks, not both")
        if blocks is None:
            blocks = [Paragraph("", text or "", line=line)]
        self.blocks = blocks

    @property
    def text(self) -> str:
        blocks = self.blocks
        if len(blocks) == 1 and type(blocks[0]) is Paragraph:
            # Most notes: one paragraph. The note parser asks for the text several
            # times, so it is kept with the paragraph and content it came from (the
            # content is an immutable tuple; a changed note has other objects).
            paragraph = blocks[0]
            cached = getattr(self, "_text", None)
            if cached is None or cached[0] is not paragraph or cached[1] is not paragraph.content:
                text = " ".join(paragraph.text.split())  # as blocks_text has it
                cached = self._text = (paragraph, paragraph.content, text)
            return cached[2]
        return blocks_text(blocks)

    def __reduce__(self) -> tuple[Any, ...]:
        fields = (self.number, self.id, self.blocks, self.sources, self.line, self.generated)
        return (_note, fields)


def _paragraph(id: str, content: tuple[Inline, ...], line: int) -> Paragraph:
    """A paragraph unpickled: its fields as they were, no text cached yet, and its id
    interned (every essay has a `p1`; a pickle shares strings only within itself)."""
    made = object.__new__(Paragraph)
    made.id, made.content, made.line = intern(id), content, line
    return made


def _note(
    number: int, id: str, blocks: list[Block], sources: list[str], line: int, generated: bool
) -> Note:
    """A note unpickled: its fields as they were, no text cached yet, its id interned."""
    made = object.__new__(Note)
    made.number, made.id, made.blocks, made.sources = number, intern(id), blocks, sources
    made.line, made.generated = line, generated
    return made


@dataclass
class Document(Packable):
    """One essay. Unpickled, its sections and notes stay packed until read
    (`packed.py`); `with_parts` copies it without reading them."""

    HINTS = ("Citation", "Figure", "Image")  # what the build asks of every essay's parts

    slug: str
    format: str
    meta: Metadata
    sections: list[Section] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    path: str = ""

    def blocks(self) -> Iterator[Block]:
        """Every block of the body in reading order, nested ones too."""
        for section in self.sections:
            yield from walk_blocks(section.blocks)

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks() if isinstance(b, Paragraph)]

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks() if isinstance(b, Figure)]

    def note(self, number: int) -> Note | None:
        return next((n for n in self.notes if n.number == number), None)
