"""Write any Document as Pandoc Markdown that the Markdown reader reads back unchanged.

`glossator import` uses this to turn a raw source into an editable file, so the
output must be plain enough to edit by hand and exact enough that nothing moves:
every character Markdown could take for syntax is backslash-escaped
(`markdown_export_inline.py`), and a paragraph stays on one line (but for its hard
line breaks) so its footnote markers keep their offsets. Blocks are written as Pandoc
writes them: `#` headings of their level, `> ` quotations, lists from their start,
fenced code with its language, pipe tables with a `Table:` caption, `* * *` rules,
`![caption](src)` figures, HTML as written, and notes as `[^n]:` definitions whose
further blocks are indented.
"""

from __future__ import annotations

import re
from dataclasses import replace

from glossator.ingest.markdown_export_inline import (
    absorb_citations,
    destination,
    escape_inline,
    escape_line,
    inline_markdown,
)
from glossator.ingest.markdown_export_meta import front_matter
from glossator.model import (
    Block,
    BlockQuote,
    Callout,
    CodeBlock,
    DefinitionList,
    Document,
    Figure,
    ListBlock,
    Note,
    Paragraph,
    RawBlock,
    Rule,
    Section,
    Table,
    WorksCited,
    walk_blocks,
)
from glossator.model.ids import heading_base
from glossator.model.inline import (
    Citation,
    Image,
    Inline,
    Text,
    note_refs,
)

__all__ = ["escape_inline", "escape_line", "export_markdown", "figure_markdown"]
ALIGN_RULE = {"left": ":---", "right": "---:", "center": ":---:"}
NOTE_INDENT = "    "
# Between two lists that would otherwise run together as one, and after an image that
# would otherwise be read as a figure.
COMMENT = LIST_BREAK = "<!-- -->"


def _front_matter(doc: Document) -> str:
    return front_matter(doc.meta, blocks_markdown)


def paragraph_markdown(paragraph: Paragraph) -> str:
    """The paragraph's content on one line (a hard break starts another). An image
    alone would be read as a figure: a comment after it keeps it in running text."""
    written = inline_markdown(paragraph.content)
    visible = [n for n in paragraph.content if not (isinstance(n, Text) and not n.text.strip())]
    return written + COMMENT if len(visible) == 1 and isinstance(visible[0], Image) else written


def figure_markdown(figure: Figure) -> str:
    caption = inline_markdown(figure.caption_content, line_start=False)
    attributes = []
    if figure.alt:
        attributes.append('alt="' + re.sub(r'([\\"])', r"\\\1", figure.alt) + '"')
    attributes += [f"{k}={v}" for k, v in (("width", figure.width), ("height", figure.height)) if v]
    return f"![{caption}]({destination(figure.src)})" + (
        "{" + " ".join(attributes) + "}" if attributes else ""
    )


def code_block_markdown(block: CodeBlock) -> str:
    """Fenced with backticks, or tildes when the language has one (a backtick fence's
    info cannot), longer than any fence of the same kind inside."""
    runs = re.findall(r"^ {0,3}(`{3,}|~{3,})", block.text, re.M)
    mark = "~" if "`" in block.language else "`"
    fence = mark * max([3, *(len(r) + 1 for r in runs if r[0] == mark)])
    return (
        f"{fence}{block.language}\n{block.text}\n{fence}"
        if block.text
        else f"{fence}{block.language}\n{fence}"
    )


def table_markdown(table: Table) -> str:
    width = max([len(table.align), len(table.header), *(len(row) for row in table.rows)])

    def row(cells: list) -> str:
        # A pipe table's row is one line: a hard break in a cell is written as a space.
        written = [inline_markdown(cell, line_start=False).replace("\\\n", " ") for cell in cells]
        written += [""] * (width - len(written))
        return "| " + " | ".join(written) + " |"

    align = list(table.align) + [""] * (width - len(table.align))
    lines = [row(list(table.header)), "|" + "|".join(ALIGN_RULE.get(a, "---") for a in align) + "|"]
    lines += [row(list(cells)) for cells in table.rows]
    if table.caption:
        lines += ["", "Table: " + inline_markdown(table.caption, line_start=False)]
    return "\n".join(lines)


def _indent(text: str, first: str, rest: str) -> str:
    """Each line of `text` after a prefix: `first` on the first, `rest` on the others
    (none on an empty line, so no line ends in spaces)."""
    lines = text.split("\n")
    out = [first + lines[0] if lines[0] else first.rstrip()]
    out += [rest + line if line else rest.rstrip() for line in lines[1:]]
    return "\n".join(out)


def callout_markdown(block: Callout) -> str:
    """A fenced div of the callout's class, its title as a heading first (as Quarto
    reads one); fences longer than any inside it."""
    body = blocks_markdown(block.blocks)
    if block.title:
        body = f"## {inline_markdown(block.title)}" + ("\n\n" + body if body else "")
    fence = ":" * max([3, *(len(r) + 1 for r in re.findall(r"^:{3,}", body, re.M))])
    return f"{fence} {{.callout-{block.kind}}}\n{body}\n{fence}"


def definitions_markdown(block: DefinitionList) -> str:
    """Each term on its line, each definition after `:   ` (its other lines indented
    four spaces); a loose term has a blank line before each definition."""
    entries = []
    for (term, definitions), tight in zip(block.items, block.tight, strict=True):
        parts = [paragraph_markdown(term)]
        parts += [_indent(blocks_markdown(d), ":   ", "    ") for d in definitions]
        entries.append(("\n" if tight else "\n\n").join(parts))
    return "\n\n".join(entries)


def list_markdown(block: ListBlock) -> str:
    """Items from the list's start; a loose list has blank lines between its items and
    blocks, and a paragraph in one: where it has neither, a comment and an empty
    heading (both read as nothing) stand in for them."""
    items = []
    paragraphs = any(isinstance(b, Paragraph | Figure) for item in block.items for b in item)
    for number, item in enumerate(block.items, start=block.start):
        marker = f"{number}. " if block.ordered else "- "
        body = blocks_markdown(item, tight=block.tight)
        if not block.tight and not paragraphs and number == block.start:
            body = body + "\n\n#" if body else "#"
        elif not block.tight and len(block.items) == 1 and len(item) == 1:
            body += "\n\n" + COMMENT
        items.append(_indent(body, marker, " " * len(marker)) if body else marker.rstrip())
    return ("\n" if block.tight else "\n\n").join(items)


def block_markdown(block: Block) -> str:
    if isinstance(block, Paragraph):
        return paragraph_markdown(block)
    if isinstance(block, Figure):
        return figure_markdown(block)
    if isinstance(block, BlockQuote):
        return _indent(blocks_markdown(block.blocks), "> ", "> ")
    if isinstance(block, ListBlock):
        return list_markdown(block)
    if isinstance(block, DefinitionList):
        return definitions_markdown(block)
    if isinstance(block, Callout):
        return callout_markdown(block)
    if isinstance(block, CodeBlock):
        return code_block_markdown(block)
    if isinstance(block, Table):
        return table_markdown(block)
    if isinstance(block, Rule):
        return "* * *"
    if isinstance(block, RawBlock):
        return block.text
    if isinstance(block, WorksCited):
        return "::: {#refs}\n:::"
    raise TypeError(f"not a block: {block!r}")


def blocks_markdown(blocks: list[Block], *, tight: bool = False) -> str:
    """Blocks one after another, a blank line between them (in a tight list item, none
    where the next block can interrupt a paragraph)."""
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if out:
            if isinstance(previous, ListBlock) and isinstance(block, ListBlock):
                out.append("\n\n" + LIST_BREAK + "\n\n")
            elif tight and _interrupts(block):
                out.append("\n")
            else:
                out.append("\n\n")
        out.append(block_markdown(block))
        previous = block
    return "".join(out)


def _interrupts(block: Block) -> bool:
    if isinstance(block, ListBlock):
        return bool(block.items) and (not block.ordered or block.start == 1)
    return isinstance(block, BlockQuote | CodeBlock | Rule)


def section_markdown(section: Section) -> str:
    chunks = []
    if section.title is not None:
        level = min(max(section.level, 1), 6)
        heading = inline_markdown(section.title, line_start=False).replace("\\\n", " ")
        own = section.id and section.id != heading_base(section.heading)
        given = f" {{#{section.id}}}" if own else ""  # kept when read again
        chunks.append(f"{'#' * level} {heading}".rstrip() + given)
    if section.blocks:
        chunks.append(blocks_markdown(section.blocks))
    return "\n\n".join(chunks)


def note_markdown(note: Note) -> str:
    """`[^n]: ` and the first paragraph; further lines and blocks indented."""
    label = f"[^{note.number}]:"
    body = blocks_markdown(note.blocks)
    if not body:
        return label
    if note.blocks and isinstance(note.blocks[0], Paragraph):
        return _indent(body, label + " ", NOTE_INDENT)
    return label + "\n" + _indent(body, NOTE_INDENT, NOTE_INDENT)


def _cited(doc: Document) -> dict[int, Citation]:
    """The notes that may be ones the reader made of a citation in the body: a note of
    one citation, its one marker in the body's paragraphs or tables."""
    counts: dict[int, int] = {}
    for block in [*doc.blocks(), *(b for n in doc.notes for b in walk_blocks(n.blocks))]:
        for content in _contents(block, captions=True):
            for note, _ in note_refs(content):
                counts[note] = counts.get(note, 0) + 1
    body = {n for b in doc.blocks() for c in _contents(b) for n, _ in note_refs(c)}
    cited: dict[int, Citation] = {}
    for note in doc.notes:
        blocks = note.blocks
        if len(blocks) == 1 and isinstance(blocks[0], Paragraph) and len(blocks[0].content) == 1:
            node = blocks[0].content[0]
            if isinstance(node, Citation) and counts.get(note.number) == 1 and note.number in body:
                cited[note.number] = node
    return cited


def _contents(block: Block, *, captions: bool = False) -> list[tuple[Inline, ...]]:
    """The inline content of a block that the reader reads with the body's citations
    (and with `captions`, a figure's caption too)."""
    if isinstance(block, Paragraph):
        return [block.content]
    if isinstance(block, Table):
        return [*block.header, *(cell for row in block.rows for cell in row), block.caption]
    if isinstance(block, Figure) and captions:
        return [block.caption_content]
    return []


def _rewritten(blocks: list[Block], cited: dict[int, Citation], used: set[int]) -> list[Block]:
    """The blocks with the citations of the notes in `cited` written back where the
    reader would make those notes again (`absorb_citations`); `used` collects them."""

    def content(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        written, absorbed = absorb_citations(inlines, cited)
        used.update(absorbed)
        return written

    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            block = Paragraph(block.id, line=block.line, content=content(block.content))
        elif isinstance(block, Table):
            block = replace(
                block,
                header=[content(c) for c in block.header],
                rows=[[content(c) for c in row] for row in block.rows],
                caption=content(block.caption),
            )
        elif isinstance(block, BlockQuote | Callout):
            block = replace(block, blocks=_rewritten(block.blocks, cited, used))
        elif isinstance(block, ListBlock):
            block = replace(block, items=[_rewritten(item, cited, used) for item in block.items])
        elif isinstance(block, DefinitionList):
            items = [
                (_rewritten([term], cited, used)[0], [_rewritten(d, cited, used) for d in ds])
                for term, ds in block.items
            ]
            block = replace(block, items=items)
        out.append(block)
    return out


def export_markdown(doc: Document) -> str:
    """The editable Markdown form of `doc` (front matter, sections, then the notes).

    A note the reader made of a citation in the body is written as that citation, where
    the author wrote it, when it reads back to the same note and marker."""
    cited, absorbed = _cited(doc), set()
    sections = [
        replace(s, blocks=_rewritten(s.blocks, cited, absorbed)) if cited else s
        for s in doc.sections
        if s.title is not None or s.blocks
    ]
    chunks = [_front_matter(doc)]
    chunks += [section_markdown(s) + "\n" for s in sections]
    written = [n for n in doc.notes if n.number not in absorbed]
    # A note no marker refers to (its marker was in a heading, or alone in a paragraph)
    # gets one alone in a paragraph, which the reader drops with a warning, as before.
    referenced = {
        note
        for block in [*doc.blocks(), *(b for n in doc.notes for b in walk_blocks(n.blocks))]
        for content in _contents(block, captions=True)
        for note, _ in note_refs(content)
    }
    chunks += [f"[^{n.number}]\n" for n in written if n.number not in referenced]
    if written:
        # One line per note; a note of several lines ends with a blank one.
        notes = [note_markdown(n) for n in written]
        chunks.append("".join(n + ("\n\n" if "\n" in n else "\n") for n in notes).rstrip() + "\n")
    return "\n".join(chunks)
