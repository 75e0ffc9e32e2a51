"""Citations in running text for an author-date style: back in the text, not in notes.

The Markdown reader sets each citation of the body in a note of its own, as a note
style (Chicago notes) wants it and as Pandoc does for one. An author-date style (APA,
Harvard) wants it where the author wrote it, "(Grafton 1997, 45)"; this puts every
such note's citation back in place of its marker, before the punctuation the reader
had moved ahead of the marker, and numbers the author's own notes afresh.
"""

from __future__ import annotations

import copy
import dataclasses
import re

from glossator.model import (
    BlockQuote,
    Callout,
    DefinitionList,
    Document,
    ListBlock,
    Note,
    Paragraph,
)
from glossator.model.document import Block
from glossator.model.inline import (
    CONTAINERS,
    Citation,
    Inline,
    NoteRef,
    Text,
    normalize,
    note_refs,
    renumber_refs,
)

MOVED = re.compile(r"[.,;:!?]+$")  # what the reader moves from after a citation


def citations_in_text(doc: Document) -> Document:
    """`doc` with the notes made of body citations put back in the text as citations."""
    made = {note.number: _citation(note) for note in doc.notes if note.generated}
    made = {number: c for number, c in made.items() if c is not None}
    if not made:
        return doc
    doc = copy.deepcopy(doc)
    for section in doc.sections:
        for block in section.blocks:
            _block(block, made)
    kept = [note for note in doc.notes if note.number not in made]
    order: dict[int, int] = {}
    for paragraph in doc.paragraphs():
        for number, _ in note_refs(paragraph.content):
            order.setdefault(number, len(order) + 1)
    for note in sorted(kept, key=lambda n: n.number):
        order.setdefault(note.number, len(order) + 1)
    for paragraph in doc.paragraphs():
        paragraph.content = renumber_refs(paragraph.content, order)
    for note in kept:
        note.number = order[note.number]
        note.id = f"fn{note.number}"
    doc.notes = sorted(kept, key=lambda n: n.number)
    return doc


def _citation(note: Note) -> Citation | None:
    if len(note.blocks) == 1 and isinstance(note.blocks[0], Paragraph):
        content = note.blocks[0].content
        if len(content) == 1 and isinstance(content[0], Citation):
            return content[0]
    return None


def _block(block: Block, made: dict[int, Citation]) -> None:
    if isinstance(block, Paragraph):
        block.content = _inline(block.content, made)
    elif isinstance(block, BlockQuote | Callout):
        for inner in block.blocks:
            _block(inner, made)
    elif isinstance(block, ListBlock):
        for item in block.items:
            for inner in item:
                _block(inner, made)
    elif isinstance(block, DefinitionList):
        for term, definitions in block.items:
            _block(term, made)
            for inner in (b for d in definitions for b in d):
                _block(inner, made)


def _inline(content: tuple[Inline, ...], made: dict[int, Citation]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in content:
        if isinstance(node, NoteRef) and node.note in made:
            citation = made[node.note]
            if out and isinstance(out[-1], Citation) and out[-1].items[0].mode == "author-in-text":
                out += [Text(" "), citation]  # "Grafton (1997, 45)"
                continue
            moved = ""
            if out and isinstance(out[-1], Text) and (match := MOVED.search(out[-1].text)):
                moved = match.group(0)
                out[-1] = Text(out[-1].text[: match.start()])
            after_space = not out or (isinstance(out[-1], Text) and out[-1].text[-1:].isspace())
            out += [Text("" if after_space else " "), citation, Text(moved)]
        elif isinstance(node, CONTAINERS):
            out.append(dataclasses.replace(node, content=_inline(node.content, made)))
        else:
            out.append(node)
    return normalize(out)
