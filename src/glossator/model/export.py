"""The JSON export of a document, in the shape of `document.schema.json` (version 2).

Version 2 keeps every field of version 1 with its meaning (a paragraph's `text` and
`markers`, a section's `heading`, a note's `text`, a figure's `caption`) and adds the
structure: the inline `content` of paragraphs, captions and titles, the block types
beyond paragraphs and figures, each with its plain `text`, notes' `blocks`, and the
metadata Pandoc front matter carries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from glossator.model.document import (
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
    blocks_text,
)
from glossator.model.inline import (
    Citation,
    CiteItem,
    Code,
    Emph,
    Image,
    Inline,
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
    note_refs,
    plain_text,
)
from glossator.model.metadata import Author, Metadata

SCHEMA_ID = "glossator/document/2"
# The marks that only wrap content, by their JSON type.
MARKS: dict[type, str] = {
    Emph: "emph",
    Strong: "strong",
    Strikeout: "strikeout",
    Superscript: "superscript",
    Subscript: "subscript",
    SmallCaps: "smallcaps",
}


def inline_to_json(node: Inline) -> dict[str, Any]:
    """One inline node: `{"type": "emph", "content": [...]}`, `{"type": "text", ...}`."""
    if isinstance(node, Text):
        return {"type": "text", "text": node.text}
    if type(node) in MARKS:
        return {"type": MARKS[type(node)], "content": content_to_json(node.content)}
    if isinstance(node, Span):
        span = {"type": "span", "classes": list(node.classes)}
        if node.lang:
            span["lang"] = node.lang
        return span | {"content": content_to_json(node.content)}
    if isinstance(node, Link):
        return {
            "type": "link",
            "url": node.url,
            "title": node.title,
            "content": content_to_json(node.content),
        }
    if isinstance(node, Code):
        return {"type": "code", "text": node.text}
    if isinstance(node, Image):
        return {"type": "image", "src": node.src, "alt": node.alt, "title": node.title}
    if isinstance(node, LineBreak):
        return {"type": "linebreak"}
    if isinstance(node, Math):
        return {"type": "math", "tex": node.tex, "display": node.display}
    if isinstance(node, RawInline):
        return {"type": "raw", "text": node.text}
    if isinstance(node, NoteRef):
        return {"type": "noteref", "note": node.note}
    if isinstance(node, Citation):
        return {
            "type": "citation",
            "source": node.source,
            "text": node.text,
            "items": [_cite_item(item) for item in node.items],
        }
    raise TypeError(f"not an inline node: {node!r}")


def _cite_item(item: CiteItem) -> dict[str, Any]:
    return {
        "key": item.key,
        "prefix": item.prefix,
        "locator": item.locator,
        "suffix": item.suffix,
        "mode": item.mode,
    }


def content_to_json(content: tuple[Inline, ...] | list[Inline]) -> list[dict[str, Any]]:
    return [inline_to_json(node) for node in content]


def block_text(block: Block) -> str:
    """A block's plain text: a paragraph's `text`, a figure's caption, code and raw HTML
    as written, and for the others the text of what they hold, as a note reads it."""
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Figure):
        return block.caption
    if isinstance(block, CodeBlock | RawBlock):
        return block.text
    return blocks_text([block])


def paragraph_to_json(paragraph: Paragraph) -> dict[str, Any]:
    """A paragraph's text, markers and content in one walk of its top level (the
    export's hot path: most nodes are text and markers)."""
    text: list[str] = []
    markers: list[dict[str, int]] = []
    content: list[dict[str, Any]] = []
    offset = 0
    for node in paragraph.content:
        if type(node) is Text:
            content.append({"type": "text", "text": node.text})
            text.append(node.text)
            offset += len(node.text)
        elif type(node) is NoteRef:
            content.append({"type": "noteref", "note": node.note})
            markers.append({"note": node.note, "offset": offset})
        else:
            content.append(inline_to_json(node))
            markers += [{"note": n, "offset": offset + o} for n, o in note_refs((node,))]
            piece = plain_text((node,))
            text.append(piece)
            offset += len(piece)
    return {
        "type": "paragraph",
        "id": paragraph.id,
        "text": "".join(text),
        "markers": markers,
        "content": content,
    }


def block_to_json(block: Block) -> dict[str, Any]:
    """One block with its plain `text` (a figure's is its `caption`, as in version 1)."""
    if isinstance(block, Paragraph):
        return paragraph_to_json(block)
    if isinstance(block, Figure):
        return {
            "type": "figure",
            "id": block.id,
            "caption": block.caption,
            "src": block.src,
            "text": block.caption,
            "caption_content": content_to_json(block.caption_content),
            "alt": block.alt,
            "width": block.width,
            "height": block.height,
        }
    data: dict[str, Any] = {"type": "", "text": block_text(block)}
    if isinstance(block, BlockQuote):
        data.update(type="blockquote", blocks=blocks_to_json(block.blocks))
    elif isinstance(block, Callout):
        title = content_to_json(block.title)
        data.update(
            type="callout", kind=block.kind, title=title, blocks=blocks_to_json(block.blocks)
        )
    elif isinstance(block, ListBlock):
        data.update(
            type="list",
            ordered=block.ordered,
            start=block.start,
            tight=block.tight,
            items=[blocks_to_json(item) for item in block.items],
        )
    elif isinstance(block, DefinitionList):
        data.update(
            type="definitions",
            items=[
                {
                    "term": paragraph_to_json(term),
                    "tight": tight,
                    "definitions": [blocks_to_json(d) for d in ds],
                }
                for (term, ds), tight in zip(block.items, block.tight, strict=True)
            ],
        )
    elif isinstance(block, CodeBlock):
        data.update(type="code", language=block.language)
    elif isinstance(block, Table):
        data.update(
            type="table",
            id=block.id,
            align=list(block.align),
            header=[content_to_json(cell) for cell in block.header],
            rows=[[content_to_json(cell) for cell in row] for row in block.rows],
            caption=plain_text(block.caption),
            caption_content=content_to_json(block.caption),
        )
    elif isinstance(block, Rule):
        data.update(type="rule")
    elif isinstance(block, RawBlock):
        data.update(type="raw")
    elif isinstance(block, WorksCited):
        data.update(type="works-cited")
    else:
        raise TypeError(f"not a block: {block!r}")
    return data


def blocks_to_json(blocks: list[Block]) -> list[dict[str, Any]]:
    return [block_to_json(block) for block in blocks]


def section_to_json(section: Section) -> dict[str, Any]:
    return {
        "id": section.id,
        "heading": section.heading,
        "level": section.level,
        "title": content_to_json(section.title) if section.title is not None else None,
        "blocks": blocks_to_json(section.blocks),
    }


def note_to_json(note: Note) -> dict[str, Any]:
    return {
        "number": note.number,
        "id": note.id,
        "text": note.text,
        "sources": list(note.sources),
        "blocks": blocks_to_json(note.blocks),
    }


def author_to_json(author: Author) -> dict[str, str]:
    return {
        "name": author.name,
        "affiliation": author.affiliation,
        "orcid": author.orcid,
        "email": author.email,
        "url": author.url,
    }


def plain_json(value: Any) -> Any:
    """YAML values as JSON: dates as ISO text, mappings with text keys, anything else
    JSON has no type for as its text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_json(v) for v in value]
    return str(value)


def metadata_to_json(meta: Metadata) -> dict[str, Any]:
    """The version 2 metadata (version 1's fields are at the top of the document)."""
    abstract = None
    if meta.abstract:
        abstract = {"text": blocks_text(meta.abstract), "blocks": blocks_to_json(meta.abstract)}
    return {
        "subtitle": meta.subtitle,
        "author_details": [author_to_json(a) for a in meta.author_details],
        "date_text": meta.date_text,
        "abstract": abstract,
        "keywords": list(meta.keywords),
        "lang": meta.lang,
        "nocite": list(meta.nocite),
        "reference_section_title": meta.reference_section_title,
        "extra": plain_json(dict(meta.extra)),
    }


def document_to_json(doc: Document) -> dict[str, Any]:
    """The export in the shape of `document.schema.json` (the published contract)."""
    meta = doc.meta
    return {
        "schema": SCHEMA_ID,
        "slug": doc.slug,
        "title": meta.title,
        "authors": list(meta.authors),
        "date": meta.date,
        "publication": meta.publication,
        "image_credit": meta.image_credit,
        "author_bio": meta.author_bio,
        "editorial": list(meta.editorial),
        **metadata_to_json(meta),
        "format": doc.format,
        "sections": [section_to_json(s) for s in doc.sections],
        "notes": [note_to_json(n) for n in doc.notes],
    }


def content_json(doc: Document) -> dict[str, Any]:
    """The export minus what names the reader: two readers of the same essay agree on it."""
    data = document_to_json(doc)
    del data["format"]
    return data
