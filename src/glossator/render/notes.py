"""A note's blocks as HTML, twice: for the notes list (blocks as they are) and as a
sidenote inside the paragraph that carries its marker.

A sidenote sits in a `<p>`, so it must be phrasing content: each further paragraph is
a `<span class="sidenote-p">` (shown as a block by the style sheet), a list's items
are such spans with their bullet or number, a quotation a span holding spans. The
sidenote is `aria-hidden` (assistive technology reaches the note through its marker),
so links in it leave the tab order.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from glossator.model import (
    Block,
    BlockQuote,
    CodeBlock,
    Figure,
    ListBlock,
    Note,
    Paragraph,
    RawBlock,
    Table,
)
from glossator.render.blocks import BlockContext, blocks_html
from glossator.render.inline import InlineOptions, inline_html, join_markup


def note_html(note: Note, allow_raw_html: bool = False) -> Markup:
    """The note's blocks for the notes list: no anchors, no permalinks, no sidenotes."""
    return blocks_html(note.blocks, BlockContext(allow_raw_html=allow_raw_html, anchors=False))


def sidenote_html(note: Note) -> Markup:
    """`<span class="sidenote" aria-hidden="true"><sup>N</sup> …</span>`, phrasing only."""
    body = _phrasing(note.blocks, first=True)
    return Markup(
        f'<span class="sidenote" aria-hidden="true"><sup>{note.number}</sup> {body}</span>'
    )


def _inline(content) -> Markup:
    return inline_html(content, InlineOptions(mode="hidden"))


def _span(inner: Markup, kind: str = "") -> Markup:
    classes = "sidenote-p" + (f" sidenote-{kind}" if kind else "")
    return Markup(f'<span class="{escape(classes)}">{inner}</span>')


def _phrasing(blocks: Sequence[Block], first: bool = False) -> Markup:
    """Blocks flattened to phrasing content; with `first`, a leading paragraph runs on
    after the note's number instead of starting its own line."""
    parts: list[Markup] = []
    for index, block in enumerate(blocks):
        inline_first = first and index == 0
        if isinstance(block, Paragraph):
            inner = _inline(block.content)
            parts.append(inner if inline_first else _span(inner))
        elif isinstance(block, Figure):
            parts.append(_span(_inline(block.caption_content)))
        elif isinstance(block, BlockQuote):
            parts.append(_span(_phrasing(block.blocks), "quote"))
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, start=block.start):
                bullet = f"{number}." if block.ordered else "•"
                parts.append(_span(Markup("{} {}").format(bullet, _phrasing(item, first=True))))
        elif isinstance(block, CodeBlock):
            code = Markup('<code class="sidenote-p sidenote-code">{}</code>')
            parts.append(code.format(block.text))
        elif isinstance(block, Table):
            rows = [block.header, *block.rows] if any(block.header) else block.rows
            for row in rows:
                parts.append(_span(join_markup(" · ", (_inline(cell) for cell in row))))
        elif isinstance(block, RawBlock):
            parts.append(_span(escape(block.text)))
    return join_markup("", parts)
