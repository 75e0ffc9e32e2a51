"""A note's blocks as HTML, twice: for the notes list (blocks as they are) and as a
sidenote inside the paragraph that carries its marker.

A sidenote sits in a `<p>`, so it must be phrasing content: each further paragraph is
a `<span class="sidenote-p">` (shown as a block by the style sheet), a list's items
are such spans with their bullet or number, a quotation a span holding spans. The
note's text is `aria-hidden` (assistive technology reads it once, in the notes list),
so links in it leave the tab order; its "Source:" links stay, the next stop after the
marker for the keyboard and screen readers alike (docs/reading.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from glossator.model import (
    Block,
    BlockQuote,
    Callout,
    CodeBlock,
    DefinitionList,
    Figure,
    ListBlock,
    Note,
    Paragraph,
    RawBlock,
    Table,
)
from glossator.render.blocks import BlockContext, blocks_html
from glossator.render.inline import InlineRenderer, esc


def note_html(
    note: Note, allow_raw_html: bool = False, context: BlockContext | None = None
) -> Markup:
    """The note's blocks for the notes list: no anchors, no permalinks, no sidenotes.
    A page passes one `notes_context` for all its notes."""
    return blocks_html(note.blocks, context or notes_context(allow_raw_html))


def notes_context(allow_raw_html: bool = False) -> BlockContext:
    return BlockContext(allow_raw_html=allow_raw_html, anchors=False)


def sidenote_html(note: Note, sources: str = "") -> Markup:
    """`<span class="sidenote"><span aria-hidden="true"><sup>N</sup> …</span>…</span>`,
    phrasing only; `sources` (escaped HTML, from `render.citing`) follows the note's
    text, outside its `aria-hidden`."""
    body = _phrasing(note.blocks, InlineRenderer("hidden"), first=True)
    return Markup(
        f'<span class="sidenote"><span aria-hidden="true"><sup>{note.number}</sup> {body}</span>'
        f"{sources}</span>"
    )


# Plain `str` of escaped HTML below; `sidenote_html` makes the one Markup.


def _span(inner: str, kind: str = "") -> str:
    classes = "sidenote-p" + (f" sidenote-{kind}" if kind else "")
    return f'<span class="{esc(classes)}">{inner}</span>'


def _phrasing(blocks: Sequence[Block], renderer: InlineRenderer, first: bool = False) -> str:
    """Blocks flattened to phrasing content; with `first`, a leading paragraph runs on
    after the note's number instead of starting its own line."""
    parts: list[str] = []
    for index, block in enumerate(blocks):
        inline_first = first and index == 0
        if isinstance(block, Paragraph):
            inner = renderer.html(block.content)
            parts.append(inner if inline_first else _span(inner))
        elif isinstance(block, Figure):
            parts.append(_span(renderer.html(block.caption_content)))
        elif isinstance(block, BlockQuote | Callout):
            parts.append(_span(_phrasing(block.blocks, renderer), "quote"))
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, start=block.start):
                bullet = f"{number}." if block.ordered else "•"
                parts.append(_span(f"{esc(bullet)} {_phrasing(item, renderer, first=True)}"))
        elif isinstance(block, DefinitionList):
            for term, definitions in block.items:
                parts.append(_span(f"<b>{renderer.html(term.content)}</b>"))
                parts += [_span(_phrasing(d, renderer), "quote") for d in definitions]
        elif isinstance(block, CodeBlock):
            parts.append(f'<code class="sidenote-p sidenote-code">{esc(block.text)}</code>')
        elif isinstance(block, Table):
            rows = [block.header, *block.rows] if any(block.header) else block.rows
            for row in rows:
                parts.append(_span(" · ".join([renderer.html(cell) for cell in row])))
        elif isinstance(block, RawBlock):
            parts.append(_span(esc(block.text)))
    return "".join(parts)
