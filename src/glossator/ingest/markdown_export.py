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
from typing import Any

import yaml

from glossator.ingest.markdown_export_inline import (
    destination,
    escape_inline,
    escape_line,
    inline_markdown,
)
from glossator.model import (
    Block,
    BlockQuote,
    CodeBlock,
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
)
from glossator.model.inline import Image, Text

__all__ = ["escape_inline", "escape_line", "export_markdown", "figure_markdown"]
ALIGN_RULE = {"left": ":---", "right": "---:", "center": ":---:"}
NOTE_INDENT = "    "
# Between two lists that would otherwise run together as one, and after an image that
# would otherwise be read as a figure.
COMMENT = LIST_BREAK = "<!-- -->"


class _Dumper(yaml.SafeDumper):
    pass


class _Quoted(str):
    pass


class _Literal(str):
    pass


_Dumper.add_representer(
    _Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, "'")
)
_Dumper.add_representer(
    _Literal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, "|")
)


def _front_matter(doc: Document) -> str:
    data = front_matter_data(doc.meta)
    if not data:
        return "---\n---\n"
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{body}---\n"


def front_matter_data(meta: Metadata) -> dict[str, Any]:
    """The metadata under Pandoc's (and Quarto's) names, each field only when set."""
    data: dict[str, Any] = {}
    if meta.title:
        data["title"] = meta.title
    if meta.subtitle:
        data["subtitle"] = meta.subtitle
    if meta.author_details:
        fields = ("affiliation", "orcid", "email", "url")
        data["author"] = [
            {"name": a.name, **{f: getattr(a, f) for f in fields if getattr(a, f)}}
            for a in meta.author_details
        ]
    elif meta.authors:
        data["authors"] = list(meta.authors)
    if meta.date_text:
        data["date"] = meta.date_text  # as the author wrote it; `date` is read from it
    elif meta.date:
        data["date"] = _Quoted(meta.date)
    for key in ("publication", "image_credit", "author_bio"):
        if getattr(meta, key):
            data[key] = getattr(meta, key)
    if meta.editorial:
        data["editorial"] = list(meta.editorial)
    if meta.abstract:
        data["abstract"] = _Literal(blocks_markdown(meta.abstract) + "\n")
    if meta.keywords:
        data["keywords"] = list(meta.keywords)
    if meta.lang:
        data["lang"] = meta.lang
    if meta.bibliography:
        data["bibliography"] = list(meta.bibliography)
    if meta.csl:
        data["csl"] = meta.csl
    if meta.nocite:
        data["nocite"] = ", ".join(f"@{key}" for key in meta.nocite)
    if meta.reference_section_title:
        data["reference-section-title"] = meta.reference_section_title
    for key, value in meta.extra.items():
        data.setdefault(key, value)
    return data


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
    runs = re.findall(r"^ {0,3}(`{3,}|~{3,})", block.text, re.M)
    fence = "`" * max([3, *(len(r) + 1 for r in runs if r[0] == "`")])
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


def list_markdown(block: ListBlock) -> str:
    items = []
    for number, item in enumerate(block.items, start=block.start):
        marker = f"{number}. " if block.ordered else "- "
        body = blocks_markdown(item, tight=block.tight)
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
    if isinstance(block, CodeBlock):
        return code_block_markdown(block)
    if isinstance(block, Table):
        return table_markdown(block)
    if isinstance(block, Rule):
        return "* * *"
    if isinstance(block, RawBlock):
        return block.text
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
        chunks.append(f"{'#' * level} {heading}".rstrip())
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


def export_markdown(doc: Document) -> str:
    """The editable Markdown form of `doc` (front matter, sections, then the notes)."""
    chunks = [_front_matter(doc)]
    chunks += [section_markdown(s) + "\n" for s in doc.sections if s.title is not None or s.blocks]
    if doc.notes:
        # One line per note; a note of several lines ends with a blank one.
        notes = [note_markdown(n) for n in doc.notes]
        chunks.append("".join(n + ("\n\n" if "\n" in n else "\n") for n in notes).rstrip() + "\n")
    return "\n".join(chunks)
