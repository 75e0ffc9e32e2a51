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

from markupsafe import Markup

from glossator.model import (
    Block,
    BlockQuote,
    Callout,
    CodeBlock,
    DefinitionList,
    Figure,
    ListBlock,
    Paragraph,
    RawBlock,
    Rule,
    Section,
    Table,
    WorksCited,
)
from glossator.model.inline import Link, Text, is_remote, plain_text
from glossator.render.inline import (
    InlineOptions,
    InlineRenderer,
    Mention,
    esc,
    inline_html,
    join_markup,
)

PLACEHOLDER = (
    "Image not included. The source text keeps only the caption of this figure; "
    "the image itself is not part of this edition."
)
# A figure whose image is on another site, which the page never loads: a link to it.
REMOTE = "This image is on another site and not part of this page: "
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
    works_cited: str = ""  # the essay's works, listed where it says (`WorksCited`)

    def __post_init__(self) -> None:
        # one renderer for paragraphs with anchors (markers get ids and sidenotes) and
        # one for the rest (captions, cells, a note's own paragraphs)
        self._anchored = InlineRenderer("body", self.allow_raw_html, self.sidenotes)
        self._plain = InlineRenderer("body", self.allow_raw_html, {})

    def inline(self, content, paragraph: Paragraph | None = None) -> str:
        """The content's HTML (escaped, as `str`): a paragraph's with its markers' anchors,
        sidenotes and mention links."""
        key = paragraph.id if paragraph is not None else None
        if not key:
            return self._plain.html(content)
        return self._anchored.html(
            content, self.marker_ids.get(key, ()), self.mentions.get(key, ())
        )


def blocks_html(blocks: Iterable[Block], context: BlockContext) -> Markup:
    return Markup(_blocks(blocks, context))


def block_html(block: Block, context: BlockContext) -> Markup:
    return Markup(_block(block, context))


# The functions below build plain `str` of escaped HTML (`esc` for text) and the public
# ones above wrap it once: a Markup made and formatted per element was much of the
# cost of rendering.


def _blocks(blocks: Iterable[Block], context: BlockContext) -> str:
    return "\n".join([_block(block, context) for block in blocks])


def permalink(paragraph: Paragraph) -> str:
    """No space before the ¶: a line may not break there, leaving the ¶ (hidden until
    pointed at) alone on a line of its own; the style sheet gives it its gap."""
    pid = esc(paragraph.id)
    return f'<a class="permalink" href="#{pid}" aria-label="Permalink to paragraph {pid[1:]}">¶</a>'


def _has_anchor(paragraph: Paragraph, context: BlockContext) -> bool:
    return context.anchors and bool(paragraph.id)


def _block(block: Block, context: BlockContext) -> str:
    if isinstance(block, Paragraph):
        inner = context.inline(block.content, block)
        if not _has_anchor(block, context):
            return f"<p>{inner}</p>"
        return f'<p id="{esc(block.id)}">{inner}{permalink(block)}</p>'
    if isinstance(block, Figure):
        return _figure(block, context)
    if isinstance(block, BlockQuote):
        return f"<blockquote>\n{_blocks(block.blocks, context)}\n</blockquote>"
    if isinstance(block, Callout):  # Quarto's: a titled box (a note, not a landmark)
        title = context.inline(block.title) if block.title else esc(block.kind.title())
        kind = esc(block.kind)
        head = f'<div class="callout callout-{kind}" role="note">\n<p class="callout-title">'
        return f"{head}{title}</p>\n{_blocks(block.blocks, context)}\n</div>"
    if isinstance(block, ListBlock):
        return _list(block, context)
    if isinstance(block, DefinitionList):
        return _definitions(block, context)
    if isinstance(block, CodeBlock):
        language = (block.language or "").split()[0] if (block.language or "").strip() else ""
        code_class = f' class="language-{esc(language)}"' if language else ""
        return f"<pre><code{code_class}>{esc(block.text)}</code></pre>"
    if isinstance(block, Table):
        return _table(block, context)
    if isinstance(block, Rule):
        return "<hr>"
    if isinstance(block, RawBlock):
        if context.allow_raw_html:
            return block.text
        return f'<pre class="raw-html">{esc(block.text)}</pre>'
    if isinstance(block, WorksCited):
        return context.works_cited
    raise TypeError(f"not a block: {block!r}")


def _figure(figure: Figure, context: BlockContext) -> str:
    caption = context.inline(figure.caption_content)
    if figure.src and is_remote(figure.src):
        there = (Text(REMOTE), Link(figure.src, (Text("open it there"),)), Text("."))
        image = f'<p class="figure-placeholder">{context.inline(there)}</p>'
    elif figure.src:
        size = "".join(
            f' {name}="{value}"'
            for name, value in (("width", figure.width), ("height", figure.height))
            if value
        )
        alt = esc(figure.alt or figure.caption)
        image = f'<img src="{esc(figure.src)}" alt="{alt}"{size}>'
    else:
        image = f'<p class="figure-placeholder">{esc(PLACEHOLDER)}</p>'
    number = figure.id[3:] if figure.id.startswith("fig") else ""
    label = f'<span class="figure-label">Figure {esc(number)}.</span> ' if number else ""
    attrs = f' id="{esc(figure.id)}"' if figure.id else ""
    return f"<figure{attrs}>\n{image}\n<figcaption>{label}{caption}</figcaption>\n</figure>"


def _definitions(block: DefinitionList, context: BlockContext) -> str:
    """`<dl>`: each term with its anchor, as a paragraph has it; each definition's
    blocks, a tight term's paragraphs bare, as Pandoc writes them."""
    parts = []
    for (term, definitions), tight in zip(block.items, block.tight, strict=True):
        inner = context.inline(term.content, term)
        anchored = _has_anchor(term, context)
        attrs = f' id="{esc(term.id)}"' if anchored else ""
        parts.append(f"<dt{attrs}>{inner}{permalink(term) if anchored else ''}</dt>")
        for definition in definitions:
            parts.append(_item(definition, tight, context, "dd"))
    return "<dl>\n" + "\n".join(parts) + "\n</dl>"


def _list(block: ListBlock, context: BlockContext) -> str:
    if block.ordered:
        start = f' start="{esc(str(block.start))}"' if block.start != 1 else ""
        open_tag, close_tag = f"<ol{start}>", "</ol>"
    else:
        open_tag, close_tag = "<ul>", "</ul>"
    items = "\n".join([_item(item, block.tight, context) for item in block.items])
    return f"{open_tag}\n{items}\n{close_tag}"


def _item(item: list[Block], tight: bool, context: BlockContext, tag: str = "li") -> str:
    """A list item (or a definition, `tag` "dd"); in a tight list its paragraphs are
    bare text, as Pandoc writes them, and the first one's anchor moves to the `<li>`."""
    if not tight or not item:
        return f"<{tag}>{_blocks(item, context)}</{tag}>"
    parts: list[str] = []
    attrs = ""
    for index, block in enumerate(item):
        if isinstance(block, Paragraph) and (index == 0 or not block.id):
            parts.append(context.inline(block.content, block))
            if _has_anchor(block, context):
                attrs = f' id="{esc(block.id)}"'
                parts[-1] = f"{parts[-1]}{permalink(block)}"
        else:
            parts.append("\n" + _block(block, context))
    return f"<{tag}{attrs}>{''.join(parts)}</{tag}>"


def _table(table: Table, context: BlockContext) -> str:
    def cells(row: Sequence, tag: str) -> str:
        out = []
        for index, cell in enumerate(row):
            align = table.align[index] if index < len(table.align) else ""
            style = f' style="text-align: {align};"' if align in ALIGN else ""
            out.append(f"<{tag}{style}>{context.inline(cell)}</{tag}>")
        return "<tr>\n{}\n</tr>".format("\n".join(out))

    # The wrapper scrolls sideways on a narrow screen; a scrolling region must be
    # reachable by keyboard, and named for the one who reaches it.
    name = esc(plain_text(table.caption) or "Table")
    attrs = f' id="{esc(table.id)}"' if table.id else ""
    parts = [f'<div class="table-wrap" tabindex="0" role="region" aria-label="{name}">']
    parts[0] += f"\n<table{attrs}>"
    if table.caption:
        number = table.id[3:] if table.id.startswith("tbl") else ""  # as a figure's
        label = f'<span class="figure-label">Table {esc(number)}.</span> ' if number else ""
        parts.append(f"<caption>{label}{context.inline(table.caption)}</caption>")
    if table.header and any(table.header):
        parts.append(f"<thead>\n{cells(table.header, 'th')}\n</thead>")
    if table.rows:
        body = "\n".join([cells(row, "td") for row in table.rows])
        parts.append(f"<tbody>\n{body}\n</tbody>")
    parts.append("</table>\n</div>")
    return "\n".join(parts)


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
