"""Blocks and sections to HTML: paragraphs with their anchors and ¶ permalinks, block
quotations, lists, code, tables, figures, rules; sections nested by heading level.

The page's `h1` is the essay's title, so the document's top heading level becomes
`h2` and deeper headings keep their depth below it (capped at `h6`, never skipping a
level). Block-level
output follows Pandoc's HTML writer where it can (tight lists without `<p>`, `<ol
start>`, `style="text-align:…"` on table cells) so a Pandoc user finds what they know.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from glossator.model import (
    Block,
    BlockQuote,
    CodeBlock,
    Figure,
    ListBlock,
    Paragraph,
    RawBlock,
    Rule,
    Section,
    Table,
)
from glossator.model.inline import plain_text
from glossator.render.inline import InlineOptions, Mention, inline_html, join_markup

PLACEHOLDER = (
    "Image not included. The source text keeps only the caption of this figure; "
    "the image itself is not part of this edition."
)
ALIGN = ("left", "right", "center")


@dataclass
class BlockContext:
    """What a block needs besides itself: each paragraph's marker anchors and mention
    spans (by paragraph id), the sidenote of each note, whether raw HTML is allowed,
    and whether paragraphs get their ¶ permalink (the body's do; a note's do not)."""

    marker_ids: Mapping[str, Sequence[str]] = field(default_factory=dict)
    mentions: Mapping[str, Sequence[Mention]] = field(default_factory=dict)
    sidenotes: Mapping[int, Markup] = field(default_factory=dict)
    allow_raw_html: bool = False
    anchors: bool = True

    def inline(self, content, paragraph: Paragraph | None = None) -> Markup:
        key = paragraph.id if paragraph is not None else None
        options = InlineOptions(
            mode="body",
            allow_raw_html=self.allow_raw_html,
            marker_ids=iter(self.marker_ids.get(key, ()) if key else ()),
            sidenotes=self.sidenotes if key else {},
        )
        return inline_html(content, options, self.mentions.get(key, ()) if key else ())


def blocks_html(blocks: Iterable[Block], context: BlockContext) -> Markup:
    return join_markup("\n", (block_html(block, context) for block in blocks))


def permalink(paragraph: Paragraph) -> Markup:
    pid = escape(paragraph.id)
    return Markup(
        f' <a class="permalink" href="#{pid}" aria-label="Permalink to paragraph {pid[1:]}">¶</a>'
    )


def _has_anchor(paragraph: Paragraph, context: BlockContext) -> bool:
    return context.anchors and bool(paragraph.id)


def block_html(block: Block, context: BlockContext) -> Markup:
    if isinstance(block, Paragraph):
        inner = context.inline(block.content, block)
        if not _has_anchor(block, context):
            return Markup(f"<p>{inner}</p>")
        return Markup(f'<p id="{escape(block.id)}">{inner}{permalink(block)}</p>')
    if isinstance(block, Figure):
        return figure_html(block, context)
    if isinstance(block, BlockQuote):
        return Markup("<blockquote>\n{}\n</blockquote>").format(blocks_html(block.blocks, context))
    if isinstance(block, ListBlock):
        return list_html(block, context)
    if isinstance(block, CodeBlock):
        language = (block.language or "").split()[0] if (block.language or "").strip() else ""
        code_class = Markup(' class="language-{}"').format(language) if language else ""
        return Markup("<pre><code{}>{}</code></pre>").format(code_class, block.text)
    if isinstance(block, Table):
        return table_html(block, context)
    if isinstance(block, Rule):
        return Markup("<hr>")
    if isinstance(block, RawBlock):
        if context.allow_raw_html:
            return Markup(block.text)
        return Markup('<pre class="raw-html">{}</pre>').format(block.text)
    raise TypeError(f"not a block: {block!r}")


def figure_html(figure: Figure, context: BlockContext) -> Markup:
    caption = context.inline(figure.caption_content)
    if figure.src:
        size = "".join(
            f' {name}="{value}"'
            for name, value in (("width", figure.width), ("height", figure.height))
            if value
        )
        image = Markup('<img src="{}" alt="{}"{}>').format(
            figure.src, figure.alt or figure.caption, Markup(size)
        )
    else:
        image = Markup('<p class="figure-placeholder">{}</p>').format(PLACEHOLDER)
    number = figure.id[3:] if figure.id.startswith("fig") else ""
    label = Markup('<span class="figure-label">Figure {}.</span> ').format(number) if number else ""
    attrs = Markup(' id="{}"').format(figure.id) if figure.id else ""
    return Markup("<figure{}>\n{}\n<figcaption>{}{}</figcaption>\n</figure>").format(
        attrs, image, label, caption
    )


def list_html(block: ListBlock, context: BlockContext) -> Markup:
    if block.ordered:
        start = Markup(' start="{}"').format(block.start) if block.start != 1 else ""
        open_tag, close_tag = Markup("<ol{}>").format(start), Markup("</ol>")
    else:
        open_tag, close_tag = Markup("<ul>"), Markup("</ul>")
    items = [_item_html(item, block.tight, context) for item in block.items]
    return open_tag + Markup("\n") + join_markup("\n", items) + Markup("\n") + close_tag


def _item_html(item: list[Block], tight: bool, context: BlockContext) -> Markup:
    """A list item; in a tight list its paragraphs are bare text, as Pandoc writes
    them, and the first one's anchor moves to the `<li>`."""
    if not tight or not item:
        return Markup("<li>{}</li>").format(blocks_html(item, context))
    parts: list[Markup] = []
    attrs = Markup("")
    for index, block in enumerate(item):
        if isinstance(block, Paragraph) and (index == 0 or not block.id):
            parts.append(context.inline(block.content, block))
            if _has_anchor(block, context):
                attrs = Markup(' id="{}"').format(block.id)
                parts[-1] += permalink(block)
        else:
            parts.append(Markup("\n") + block_html(block, context))
    return Markup("<li{}>{}</li>").format(attrs, join_markup("", parts))


def table_html(table: Table, context: BlockContext) -> Markup:
    def cells(row: Sequence, tag: str) -> Markup:
        out = []
        for index, cell in enumerate(row):
            align = table.align[index] if index < len(table.align) else ""
            style = (
                Markup(' style="text-align: {};"').format(align) if align in ALIGN else Markup("")
            )
            out.append(Markup("<{0}{1}>{2}</{0}>").format(tag, style, context.inline(cell)))
        return Markup("<tr>\n{}\n</tr>").format(join_markup("\n", out))

    # The wrapper scrolls sideways on a narrow screen; a scrolling region must be
    # reachable by keyboard, and named for the one who reaches it.
    name = plain_text(table.caption) or "Table"
    parts = [
        Markup(
            '<div class="table-wrap" tabindex="0" role="region" aria-label="{}">\n<table>'
        ).format(name)
    ]
    if table.caption:
        parts.append(Markup("<caption>{}</caption>").format(context.inline(table.caption)))
    if table.header and any(table.header):
        parts.append(Markup("<thead>\n{}\n</thead>").format(cells(table.header, "th")))
    if table.rows:
        body = join_markup("\n", (cells(row, "td") for row in table.rows))
        parts.append(Markup("<tbody>\n{}\n</tbody>").format(body))
    parts.append(Markup("</table>\n</div>"))
    return join_markup("\n", parts)


# --- sections ------------------------------------------------------------------------


def heading_levels(sections: Sequence[Section]) -> list[int]:
    """The HTML level of each section's heading (None-headed sections get 0): the page's
    `h1` is the title, so a section no other holds is `h2` and each nested one a level
    deeper, to `h6` at most. A level the document skips (`##` then `####`) is not
    skipped on the page, whose headings must not jump a level (WCAG, the Nu checker)."""
    levels: list[int] = []
    open_levels: list[int] = []  # the document levels of the sections holding this one
    for section in sections:
        if section.title is None:
            levels.append(0)
            continue
        while open_levels and open_levels[-1] >= section.level:
            open_levels.pop()
        levels.append(min(6, 2 + len(open_levels)))
        open_levels.append(section.level)
    return levels


def heading_html(section: Section, level: int, allow_raw_html: bool = False) -> Markup:
    title = inline_html(section.title or (), InlineOptions("heading", allow_raw_html))
    return Markup('<h{0}><a class="heading-anchor" href="#{1}">{2}</a></h{0}>').format(
        level, section.id, title
    )


def body_html(sections: Sequence[Section], context: BlockContext) -> Markup:
    """Every section as a `<section>` holding its heading, its blocks and the sections
    below it; the text before the first heading in a `<div>`."""
    levels = heading_levels(sections)
    out: list[Markup] = []
    open_levels: list[int] = []
    for section, level in zip(sections, levels, strict=True):
        if section.title is None:
            out.append(Markup('<div id="{}">').format(section.id))
            out.append(blocks_html(section.blocks, context))
            out.append(Markup("</div>"))
            continue
        while open_levels and open_levels[-1] >= section.level:
            open_levels.pop()
            out.append(Markup("</section>"))
        open_levels.append(section.level)
        out.append(Markup('<section id="{}">').format(section.id))
        out.append(heading_html(section, level, context.allow_raw_html))
        if section.blocks:
            out.append(blocks_html(section.blocks, context))
    out.extend(Markup("</section>") for _ in open_levels)
    return join_markup("\n", out)


def toc_html(sections: Sequence[Section], allow_raw_html: bool = False) -> Markup:
    """The table of contents' items, nested `<ol>`s by heading level (the page adds
    its own items and the outer `<ol>`)."""
    levels = heading_levels(sections)
    out: list[Markup] = []
    depth: list[int] = []  # the heading level of the open item at each nesting depth
    for section, level in zip(sections, levels, strict=True):
        if section.title is None:
            continue
        label = inline_html(section.title, InlineOptions("heading", allow_raw_html))
        item = Markup('<li><a href="#{}">{}</a>').format(section.id, label)
        if depth and level > depth[-1]:
            out.append(Markup("\n<ol>\n"))
            depth.append(level)
        elif depth:
            out.append(Markup("</li>\n"))
            while len(depth) > 1 and level <= depth[-2]:
                depth.pop()
                out.append(Markup("</ol>\n</li>\n"))
            depth[-1] = level
        else:
            depth.append(level)
        out.append(item)
    if depth:
        out.append(Markup("</li>"))
        out.extend(Markup("\n</ol>\n</li>") for _ in depth[1:])
    return join_markup("", out)
