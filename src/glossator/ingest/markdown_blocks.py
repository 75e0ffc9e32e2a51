"""Block markdown-it tokens to the model's blocks: paragraphs, figures, quotations,
lists, code, tables, rules and raw HTML, nested as written.

At the top level of the body each heading starts a `Section`; elsewhere (in a note, a
quotation, a list, the abstract) a heading is kept as a paragraph of its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it.token import Token

from glossator.ingest.markdown_inline import Context, convert, is_comment, line_of
from glossator.ingest.markdown_parser import PARSER
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
from glossator.model.inline import Inline, NoteRef, Text, normalize

BLOCK_HTML = "an HTML block is shown as text, not rendered; write the content as Markdown"
ALIGN = {"text-align:left": "left", "text-align:right": "right", "text-align:center": "center"}
CAPTION_PREFIXES = ("Table:", "table:", ":")
HEADING_ATTRIBUTES = re.compile(r"\s*\{(?:[#.][^{}]*|[^{}=\s]+=[^{}]*)\}$")
HEADING_ID = re.compile(r"(?:^|\s|\{)#([^\s{}]+)")
CLASS_ATTRIBUTE = re.compile(r"(?:^|\s|\{)\.([\w+#-]+)")
ESCAPED = re.compile(r"\\(.)")  # in a quoted attribute value: `\"` is `"`
CALLOUT = re.compile(r"(?:^|[\s{])\.?callout-(note|tip|warning|caution|important)\b")
CALLOUT_TITLE = re.compile(r'\btitle="((?:[^"\\]|\\.)*)"')
SHORTCODE = re.compile(r"\{\{<\s*([\w-]+)[^\n]*?>\}\}")  # Quarto's `{{< video url >}}`
REFS = re.compile(r"(?:^|[\s{])#refs(?=[\s}]|$)")  # `::: {#refs}`: Pandoc's bibliography
TASK = re.compile(r"\[([ xX])\] ")  # a task list item's box, before its text


@dataclass
class _Open:
    """A container being filled: a quotation, a list, a list item, a definition list
    (its terms with their definitions) or a definition."""

    kind: str
    token: Token
    blocks: list[Block] = field(default_factory=list)
    items: list[list[Block]] = field(default_factory=list)
    tasks: list[bool] = field(default_factory=list)  # a list's: each item a task's
    task: bool = False  # an item's: its source starts `[ ] ` or `[x] `, not `\[ ] `
    loose: bool = False
    terms: list[tuple[Paragraph, list[list[Block]]]] = field(default_factory=list)
    tight: list[bool] = field(default_factory=list)  # a definition list's, per term
    title: tuple[Inline, ...] = ()  # a callout's


def read_blocks(
    tokens: list[Token], ctx: Context, sections: list[Section] | None = None
) -> list[Block]:
    """The blocks of `tokens`; with `sections`, top-level headings start new sections
    there and the blocks go into them (the returned list is then empty)."""
    root = _Open("root", Token("root", "", 0))
    stack = [root]
    divs: list[bool] = []  # each open fenced div: whether it is a callout (a block)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind, top = token.type, stack[-1]
        if kind in ("paragraph_open", "heading_open") and i + 1 < len(tokens):
            inline, line = tokens[i + 1], line_of(token)
            if top.kind == "item" and not token.hidden:
                stack[-2].loose = True  # a visible paragraph in an item: a loose list
            if kind == "heading_open" and top.kind == "callout" and not top.blocks:
                top.title = _without_attributes(convert(inline.children or [], line, _heading(ctx)))
            elif kind == "heading_open" and sections is not None and len(stack) == 1:
                title, given = _attributes(convert(inline.children or [], line, _heading(ctx)))
                sections.append(Section(given, line=line, level=int(token.tag[1]), title=title))
            else:
                _add(stack, sections, _paragraph(inline, line, ctx))
            i += 3
            continue
        if kind == "dt_open" and top.kind == "dl" and i + 1 < len(tokens):
            inline, line = tokens[i + 1], line_of(token)
            term = Paragraph("", line=line, content=convert(inline.children or [], line, ctx))
            top.terms.append((term, []))
            i += 3
            continue
        if kind == "div_open":  # a Quarto callout is a block; another div's fences go
            callout = CALLOUT.search(token.info)
            divs.append(callout is not None)
            if callout is None and REFS.search(token.info):  # the works cited, here
                _add(stack, sections, WorksCited(line_of(token)))
            if callout is not None:
                stack.append(_Open("callout", token))
                named = CALLOUT_TITLE.search(token.info)
                if named:  # Markdown, as Quarto reads it: `title="Read *this*"`
                    found = PARSER.parseInline(ESCAPED.sub(r"\1", named.group(1)))
                    line = line_of(token)
                    stack[-1].title = convert(found[0].children or [], line, _heading(ctx))
                token.meta = {"kind": callout.group(1)}
        elif kind == "div_close":
            if (divs.pop() if divs else False) and top.kind == "callout":
                stack.pop()
                blocks = _captions(top.blocks, ctx)
                made = Callout(top.token.meta["kind"], top.title, blocks, line_of(top.token))
                _add(stack, sections, made)
        elif kind in ("blockquote_open", "bullet_list_open", "ordered_list_open", "dl_open"):
            stack.append(_Open(kind[: -len("_open")], token))
        elif kind == "dd_open" and top.kind == "dl":
            if top.terms and len(top.tight) < len(top.terms):  # the term's first definition
                # its first block's line (the dd's own map starts at the term): a blank
                # line between them makes the term loose, as Pandoc reads it
                first = tokens[i + 1] if i + 1 < len(tokens) else token
                start = line_of(first) if first.map else top.terms[-1][0].line + 1
                top.tight.append(start <= top.terms[-1][0].line + 1)
            stack.append(_Open("dd", token))
        elif kind == "dd_close" and top.kind == "dd":
            stack.pop()
            if stack[-1].terms:
                stack[-1].terms[-1][1].append(_captions(top.blocks, ctx))
        elif kind == "dl_close" and top.kind == "dl":
            stack.pop()
            tight = top.tight + [True] * (len(top.terms) - len(top.tight))  # a term alone
            _add(stack, sections, DefinitionList(top.terms, tight, line_of(top.token)))
        elif kind == "list_item_open":
            stack.append(_Open("item", token, task=_is_task(tokens, i)))
        elif kind == "list_item_close" and top.kind == "item":
            stack.pop()
            stack[-1].items.append(top.blocks)
            stack[-1].tasks.append(top.task)
        elif kind in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
            stack.pop()
            _add(stack, sections, _container(top, ctx))
        elif kind in ("fence", "code_block"):
            language = _language(token.info.strip())
            text = token.content[:-1] if token.content.endswith("\n") else token.content
            _add(stack, sections, CodeBlock(text, language, line_of(token)))
        elif kind in ("math_block", "math_block_label"):
            math = convert([_math_token(token)], line_of(token), ctx)
            _add(stack, sections, Paragraph("", line=line_of(token), content=math))
        elif kind == "html_block" and not is_comment(token):
            ctx.warn(line_of(token), "markdown.html", BLOCK_HTML)
            _add(stack, sections, RawBlock(token.content.rstrip("\n"), line_of(token)))
        elif kind == "hr":
            _add(stack, sections, Rule(line_of(token)))
        elif kind == "table_open":
            i = _table(tokens, i, stack, sections, ctx)
            continue
        i += 1
    for section in sections or []:
        section.blocks = _captions(section.blocks, ctx)
    return _captions(root.blocks, ctx)


def _is_task(tokens: list[Token], at: int) -> bool:
    """Whether the list item opening at `at` starts with a task's box as written: the
    source, not the text read from it, so that `\\[ ] not a task` stays brackets."""
    if at + 2 >= len(tokens) or tokens[at + 1].type != "paragraph_open":
        return False
    return TASK.match(tokens[at + 2].content) is not None


def _task(item: list[Block]) -> list[Block]:
    """Pandoc's task list item, `[ ] to do` or `[x] done`: its box as the character
    Pandoc's reader makes of it (☐, ☒), which every page and export shows."""
    first = item[0] if item else None
    if isinstance(first, Paragraph) and first.content and isinstance(first.content[0], Text):
        text = first.content[0].text
        found = TASK.match(text)
        if found:
            box = "\u2610" if found.group(1) == " " else "\u2612"
            first.content = normalize([Text(box + text[found.end() - 1 :]), *first.content[1:]])
    return item


def _language(info: str) -> str:
    """The language of a fenced code block: ```` ```python ```` or ```` ``` {.python} ````."""
    if info.startswith("{"):
        match = CLASS_ATTRIBUTE.search(info)
        return match.group(1) if match else ""
    return info.split(None, 1)[0] if info else ""


def _without_attributes(title: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A heading's `{#id .class}` (Pandoc's header attributes) is not part of its title."""
    return _attributes(title)[0]


def _attributes(title: tuple[Inline, ...]) -> tuple[tuple[Inline, ...], str]:
    """A heading's title without its `{#id .class}`, and the id it gives ("" if none):
    Pandoc's and Quarto's anchor for the section, which links (`#intro`) name."""
    if title and isinstance(title[-1], Text) and title[-1].text.endswith("}"):
        found = HEADING_ATTRIBUTES.search(title[-1].text)
        if found:
            given = HEADING_ID.search(found.group())
            text = title[-1].text[: found.start()]
            return normalize([*title[:-1], Text(text)]), given.group(1) if given else ""
    return title, ""


def _heading(ctx: Context) -> Context:
    return Context(ctx.path, ctx.diagnostics, None, True, ctx.inline_note_lines)


def _add(stack: list[_Open], sections: list[Section] | None, block: Block | None) -> None:
    if block is None:
        return
    if len(stack) == 1 and sections is not None:
        if not sections:
            sections.append(Section("", heading=None, line=getattr(block, "line", 0)))
        sections[-1].blocks.append(block)
    else:
        stack[-1].blocks.append(block)


def _container(top: _Open, ctx: Context) -> Block:
    line = line_of(top.token)
    if top.kind == "blockquote":
        return BlockQuote(_captions(top.blocks, ctx), line)
    start = int(top.token.attrGet("start") or 1) if top.kind == "ordered_list" else 1
    return ListBlock(
        [
            _task(_captions(item, ctx)) if task else _captions(item, ctx)
            for item, task in zip(top.items, top.tasks, strict=True)
        ],
        ordered=top.kind == "ordered_list",
        start=start,
        tight=not top.loose,
        line=line,
    )


def _math_token(token: Token) -> Token:
    inline = Token("math_inline_double", "math", 0)
    inline.content = token.content
    return inline


def _paragraph(inline: Token, line: int, ctx: Context) -> Block | None:
    for found in SHORTCODE.finditer(inline.content):
        ctx.warn(
            line + inline.content.count("\n", 0, found.start()),
            "markdown.shortcode",
            f"`{found.group(0)}` is a Quarto shortcode (`{found.group(1)}`), which only "
            "Quarto runs; it is shown as written: remove it, or write out what it would "
            "make (a link, an image, a value)",
        )
    children = inline.children or []
    visible = [t for t in children if not (t.type == "text" and not t.content.strip())]
    visible = [t for t in visible if t.type not in ("softbreak", "hardbreak")]
    if len(visible) == 1 and visible[0].type == "image":
        image = visible[0]
        caption_ctx = Context(ctx.path, ctx.diagnostics, None, False, ctx.inline_note_lines)
        caption = convert(image.children or [], line, caption_ctx)
        src = str(image.attrGet("src") or "")
        figure = Figure(
            "",
            src=src or None,
            line=line,
            caption_content=caption,
            # Pandoc's `{alt="..."}`: an alternative text apart from the caption, if any.
            alt=ESCAPED.sub(r"\1", str(image.attrGet("alt") or "")),
        )
        label(ctx, str(image.attrGet("id") or ""), figure, line)  # `{#fig-map}`
        return figure
    content = convert(children, line, ctx)
    if all(isinstance(n, NoteRef) for n in content):  # whitespace was collapsed away
        if content:
            ctx.warn(
                line,
                "note.no-text",
                "a footnote reference stands in a paragraph without text and is "
                "dropped; move it after the word it annotates",
            )
        return None
    return Paragraph("", line=line, content=content)


def _table(
    tokens: list[Token], i: int, stack: list[_Open], sections: list[Section] | None, ctx: Context
) -> int:
    """A pipe table from its `table_open` at `i`; returns the index after its close."""
    line = line_of(tokens[i])
    align: list[str] = []
    header: list[tuple[Inline, ...]] = []
    rows: list[list[tuple[Inline, ...]]] = []
    row: list[tuple[Inline, ...]] = []
    in_head = False
    i += 1
    while i < len(tokens) and tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            if in_head:
                header = row
            else:
                rows.append(row)
        elif token.type in ("th_open", "td_open"):
            if in_head:
                align.append(ALIGN.get(str(token.attrGet("style") or ""), ""))
            inline = tokens[i + 1]
            row.append(convert(inline.children or [], line_of(inline), ctx))
        i += 1
    _add(stack, sections, Table(align, header, rows, line=line))
    return i + 1


def _caption(block: Block) -> tuple[Inline, ...] | None:
    """A paragraph `Table: caption` (or `: caption`) as the caption's content."""
    if not isinstance(block, Paragraph) or not block.content:
        return None
    first = block.content[0]
    if not isinstance(first, Text):
        return None
    for prefix in CAPTION_PREFIXES:
        if first.text.startswith(prefix):
            rest = Text(first.text[len(prefix) :].lstrip())
            return normalize([rest, *block.content[1:]])
    return None


def _labelled(table: Table, caption: tuple[Inline, ...], line: int, ctx: Context) -> None:
    """The caption without its attributes (`: Costs {#tbl-costs}`), their id the
    table's label for a cross-reference."""
    last = caption[-1] if caption else None
    found = HEADING_ATTRIBUTES.search(last.text) if isinstance(last, Text) else None
    if found is not None and isinstance(last, Text):
        caption = normalize([*caption[:-1], Text(last.text[: found.start()])])
        name = re.search(r"(?:^|[\s{])#([^\s{}]+)", found.group(0))
        label(ctx, name.group(1) if name else "", table, line)
    table.caption = caption


def label(ctx: Context, name: str, block: Block, line: int) -> None:
    """`name` (an attribute's `#id`) the label of `block`; the first block keeps one
    given twice, as Pandoc links to the first."""
    if not name:
        return
    if name in ctx.labels:
        ctx.warn(
            line,
            "markdown.duplicate-label",
            f"`#{name}` labels an earlier figure or table too; a cross-reference "
            f"`@{name}` links to the first: give this one another label",
        )
        return
    ctx.labels[name] = block


def _captions(blocks: list[Block], ctx: Context) -> list[Block]:
    """Each table takes the caption paragraph right after it, or else right before."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Table) and not block.caption:
            after = _caption(blocks[i + 1]) if i + 1 < len(blocks) else None
            before = _caption(out[-1]) if out and after is None else None
            if after is not None:
                _labelled(block, after, blocks[i + 1].line, ctx)
                i += 1
            elif before is not None:
                _labelled(block, before, out[-1].line, ctx)
                out.pop()
        out.append(block)
        i += 1
    return out
