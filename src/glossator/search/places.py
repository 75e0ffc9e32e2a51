"""The places of an essay a search result can land at: each paragraph (those in
quotations and list items too), figure caption (with its alt text), table, code block,
section heading and note, with its anchor on the essay page, its plain text and what a
result calls it ("Paragraph 3", "Note 12").

The places are made from the same linked documents the essay pages are rendered from,
with the ids of `model.assign_ids`, so a result always opens at its place.
"""

from __future__ import annotations

from dataclasses import dataclass

from glossator.model import (
    Block,
    BlockQuote,
    Callout,
    CodeBlock,
    DefinitionList,
    Document,
    Figure,
    ListBlock,
    Paragraph,
    Table,
    blocks_text,
)
from glossator.model.inline import plain_text


@dataclass(frozen=True)
class Place:
    """One place of an essay: its anchor ("" for the essay itself), its text, its name."""

    anchor: str
    text: str
    place: str


def essay_url(slug: str, anchor: str = "") -> str:
    return f"essays/{slug}.html" + (f"#{anchor}" if anchor else "")


def document_places(doc: Document) -> list[Place]:
    """The essay itself (title, subtitle, authors, publication, keywords, abstract), then
    each place in reading order."""
    meta = doc.meta
    title = meta.title or doc.slug
    about = [title, meta.subtitle or "", ", ".join(meta.authors), meta.publication or ""]
    about += [", ".join(meta.keywords), blocks_text(meta.abstract)]
    places = [Place("", "\n".join(part for part in about if part), "Essay")]
    counts = {"paragraph": 0, "figure": 0, "table": 0, "code": 0}
    for section in doc.sections:
        if section.heading:
            places.append(Place(section.id, section.heading, f"Section: {section.heading}"))
        places += _block_places(section.blocks, section.id, "", counts)
    for note in doc.notes:
        if note.text.strip():
            places.append(Place(note.id, note.text, f"Note {note.number}"))
    return places


def _block_places(
    blocks: list[Block],
    anchor: str,
    within: str,
    counts: dict[str, int],
) -> list[Place]:
    """Places of blocks in reading order, numbered as `assign_ids` numbers them (p1,
    fig1). Paragraphs and figures land at their own anchors, so a quotation or a list
    is found at each of its paragraphs; a table or code block, which has no anchor of
    its own, lands at its section's."""
    places = []
    for block in blocks:
        if isinstance(block, Paragraph):
            counts["paragraph"] += 1
            if block.text.strip():
                number = counts["paragraph"]
                name = f"{within}paragraph {number}" if within else f"Paragraph {number}"
                places.append(Place(block.id, block.text, name))
        elif isinstance(block, Figure):
            counts["figure"] += 1
            text = "\n".join(dict.fromkeys(t for t in (block.caption, block.alt) if t.strip()))
            if text:
                places.append(Place(block.id, text, f"Figure {counts['figure']}"))
        elif isinstance(block, BlockQuote):
            places += _block_places(block.blocks, anchor, "Quotation, ", counts)
        elif isinstance(block, Callout):
            places += _block_places(block.blocks, anchor, "Callout, ", counts)
        elif isinstance(block, ListBlock):
            for item in block.items:
                places += _block_places(item, anchor, "List item, ", counts)
        elif isinstance(block, DefinitionList):
            for term, definitions in block.items:
                places += _block_places([term], anchor, "Term, ", counts)
                for definition in definitions:
                    places += _block_places(definition, anchor, "Definition, ", counts)
        elif isinstance(block, Table):
            counts["table"] += 1
            text = "\n".join(t for t in (plain_text(block.caption), blocks_text([block])) if t)
            if text.strip():
                places.append(Place(anchor, text, f"Table {counts['table']}"))
        elif isinstance(block, CodeBlock):
            counts["code"] += 1
            if block.text.strip():
                places.append(Place(anchor, block.text, f"Code {counts['code']}"))
    return places
