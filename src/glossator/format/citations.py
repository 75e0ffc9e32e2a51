"""Pandoc citations (`[@key, 45]`, `@key`, `[-@key]`) given their text in the site's style.

A document's citations are formatted in reading order, note by note, so the style's
positions apply as in Pandoc: a work's first citation is full, later ones short,
`ibid.` where the style uses it. A note made from a citation in the body reads as a
sentence (capital first letter, final period); a citation inside the author's own
note is part of that note's sentence. An author-in-text citation is set as Pandoc
sets it, the authors' names as the style gives them at that position and then the
rest: in the body (`@key says`) the names, and its note (or, in an author-date style,
the citation beside them) the rest; in the author's own note (`As @key [75] argues`)
both, "Fritz et al. (2012, 75)" in an author-date style, "Fritz et al., “Birds,” 75"
in a note style.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from glossator.format.csl_text import FormattedEntry
from glossator.format.engine import CitationStyle, CiteRequest
from glossator.format.names import is_others
from glossator.model import (
    BlockQuote,
    Callout,
    DefinitionList,
    Document,
    Figure,
    ListBlock,
    Note,
    Paragraph,
)
from glossator.model.document import Block, citations_in, note_citations
from glossator.model.inline import CONTAINERS, Citation, Inline, NoteRef


@dataclass
class Found:
    """A document's citations: those in its body, each note's, and the groups the style
    is to format (a Pandoc citation with an unknown key is left as written)."""

    in_body: list[Citation]
    per_note: list[list[Citation]]
    known: list[Citation]
    groups: list[list[CiteRequest]]


def find_citations(doc: Document, csl_items: Mapping[str, dict]) -> Found:
    """What `fill_found` fills in, in reading order so the style's positions apply: an
    author-in-text citation of the body comes just before the citation of its rest
    (its note's, in a note style; the one beside it, in an author-date style)."""
    notes = sorted(doc.notes, key=lambda n: n.number)
    in_body: list[Citation] = []
    named: dict[int, list[Citation]] = {}
    if doc.may_hold("sections", Citation):  # most essays cite in notes only
        in_body = [c for block in doc.blocks() for c in citations_in(block)]
        named = _named_in_notes(doc)
    per_note = [note_citations(note) for note in notes]  # one walk of each note
    held = {id(c) for cs in named.values() for c in cs}
    found = [c for c in in_body if id(c) not in held]
    for note, cs in zip(notes, per_note, strict=True):
        found += named.get(note.number, []) + cs
    body = {id(c) for c in in_body}
    groups = [_requests(c, csl_items, id(c) in body) for c in found]
    known = [(c, g) for c, g in zip(found, groups, strict=True) if g]
    return Found(in_body, per_note, [c for c, _ in known], [g for _, g in known])


def _named_in_notes(doc: Document) -> dict[int, list[Citation]]:
    """The body's author-in-text citations whose works a note made for them cites, by
    that note's number: the note follows the citation, after any punctuation."""
    made = {note.number for note in doc.notes if note.generated}
    out: dict[int, list[Citation]] = {}

    def walk(content: tuple[Inline, ...]) -> None:
        waiting = None
        for node in content:
            if isinstance(node, Citation):
                waiting = node if node.items[0].mode == "author-in-text" else None
            elif isinstance(node, NoteRef) and waiting is not None:
                if node.note in made:
                    out.setdefault(node.note, []).append(waiting)
                waiting = None
            elif isinstance(node, CONTAINERS):
                walk(node.content)

    for block in doc.blocks():
        if isinstance(block, Paragraph | Figure):
            walk(block.content if isinstance(block, Paragraph) else block.caption_content)
    return out


def fill_citations(doc: Document, csl_items: Mapping[str, dict], style: CitationStyle) -> Document:
    """`doc` with every Citation's `text` and `html` set; unknown keys stay as written."""
    found = find_citations(doc, csl_items)
    return fill_found(doc, found, style.citations(found.groups) if found.groups else [], csl_items)


def fill_found(
    doc: Document, found: Found, formatted: list[FormattedEntry], csl_items: Mapping[str, dict]
) -> Document:
    """`doc` with its found citations given the style's text, `formatted` (one per
    group), and its author-in-text citations the authors' names. It reads nothing of
    `formatted` and `csl_items` but `fill_reads` (the filled document's version is
    derived from that)."""
    rendered = dict(zip([id(c) for c in found.known], formatted, strict=True))
    notes = sorted(doc.notes, key=lambda n: n.number)
    with_citations = {id(note) for note, cs in zip(notes, found.per_note, strict=True) if cs}
    filled_notes = [
        _fill_note(note, rendered) if id(note) in with_citations else note for note in doc.notes
    ]
    body = {}
    for citation in found.in_body:
        entry = rendered.get(id(citation))
        if citation.items[0].mode == "author-in-text" and not (entry and entry.text):
            names = _names(citation, csl_items)  # a key not known, or no names to give
            body[id(citation)] = FormattedEntry(names, html.escape(names, quote=False))
        elif entry is not None:  # the style's names, or its citation in the text
            body[id(citation)] = entry
    if not body:  # nothing to fill in the body: keep its blocks as they are (packed)
        return doc.with_parts(notes=filled_notes)
    sections = [
        dataclasses.replace(s, blocks=[_fill_block(b, body) for b in s.blocks])
        for s in doc.sections
    ]
    return doc.with_parts(sections=sections, notes=filled_notes)


def fill_reads(
    found: Found, formatted: list[FormattedEntry], csl_items: Mapping[str, dict]
) -> tuple:
    """All `fill_found` takes from outside the document, as a plain value: which of its
    citations the style formatted (by their place in the document, in the order of
    `formatted`), their text, and the names each author-in-text citation of the body
    would say without the style's. The filled document's version (`cache.versions`)
    is derived from it."""
    every = [*found.in_body, *(c for cs in found.per_note for c in cs)]
    where = {id(c): n for n, c in enumerate(every)}
    return (
        [where[id(c)] for c in found.known],
        [(e.text, e.html) for e in formatted],
        [_names(c, csl_items) for c in found.in_body if c.items[0].mode == "author-in-text"],
    )


def _requests(
    citation: Citation, csl_items: Mapping[str, dict], in_body: bool
) -> list[CiteRequest]:
    """The group's works, or [] when one of its keys is unknown (the link stage warns).
    An author-in-text citation is its names alone in the body, names and rest in a note."""
    if any(item.key not in csl_items for item in citation.items):
        return []
    return [
        CiteRequest(
            csl_items[item.key],
            item.locator,
            item.prefix,
            item.suffix,
            suppress_author=item.mode == "suppress-author",
            author_in_text=item.mode == "author-in-text" and not in_body,
            author_only=item.mode == "author-in-text" and in_body,
        )
        for item in citation.items
    ]


def _fill_note(note: Note, rendered: dict[int, FormattedEntry]) -> Note:
    whole = _sole_citation(note)
    blocks = [
        _fill_block(b, rendered, sentence=whole is not None, in_note=True) for b in note.blocks
    ]
    return dataclasses.replace(note, blocks=blocks)


def _sole_citation(note: Note) -> Citation | None:
    """The citation a note was made of (a citation in the body), if it is one."""
    if len(note.blocks) == 1 and isinstance(note.blocks[0], Paragraph):
        content = note.blocks[0].content
        if len(content) == 1 and isinstance(content[0], Citation):
            return content[0]
    return None


def _fill_block(
    block: Block,
    rendered: dict[int, FormattedEntry],
    sentence: bool = False,
    in_note: bool = False,
):
    if isinstance(block, Paragraph):
        content = _fill(block.content, rendered, sentence, in_note)
        return Paragraph(block.id, line=block.line, content=content)
    if isinstance(block, BlockQuote | Callout):
        blocks = [_fill_block(b, rendered, in_note=in_note) for b in block.blocks]
        return dataclasses.replace(block, blocks=blocks)
    if isinstance(block, ListBlock):
        items = [[_fill_block(b, rendered, in_note=in_note) for b in item] for item in block.items]
        return dataclasses.replace(block, items=items)
    if isinstance(block, DefinitionList):
        entries = [
            (
                _fill_block(term, rendered, in_note=in_note),
                [[_fill_block(b, rendered, in_note=in_note) for b in d] for d in definitions],
            )
            for term, definitions in block.items
        ]
        return dataclasses.replace(block, items=entries)
    return block


def _fill(
    content: tuple[Inline, ...],
    rendered: dict[int, FormattedEntry],
    sentence: bool,
    in_note: bool,
):
    """Citations given their text. A citation that is part of a sentence loses the
    style's final period (the sentence has its own punctuation); the authors' names
    of an author-in-text citation in the body keep theirs ("Doe et al.")."""
    out: list[Inline] = []
    for node in content:
        if isinstance(node, Citation) and id(node) in rendered:
            entry = rendered[id(node)]
            text, html = entry.text, entry.html
            if sentence:
                text, html = _sentence(text), _sentence(html)
            elif in_note or node.items[0].mode != "author-in-text":
                text, html = text.rstrip("."), html.rstrip(".")
            node = dataclasses.replace(node, text=text, html=html)
        elif isinstance(node, CONTAINERS):
            inner = _fill(node.content, rendered, False, in_note)
            node = dataclasses.replace(node, content=inner)
        out.append(node)
    return tuple(out)


def _sentence(text: str) -> str:
    """Capital first letter (after any markup or entity), final period."""
    i = 0
    while i < len(text):
        if text[i] in "<&":
            end = text.find(">" if text[i] == "<" else ";", i)
            if end < 0:
                break
            i = end + 1
        elif text[i].isalpha():
            text = text[:i] + text[i].upper() + text[i + 1 :]
            break
        else:
            i += 1
    ending = re.sub(r"(?:</[a-z]+>|[”’\"'\s])+$", "", text)
    return text if ending.endswith((".", "?", "!")) else text.rstrip() + "."


def _names(citation: Citation, csl_items: Mapping[str, dict]) -> str:
    """The authors' family names, as Chicago names them in running text: for a key
    not known, or a work the style gives no names (a title, in a note style)."""
    groups = []
    for item in citation.items:
        csl = csl_items.get(item.key)
        if csl is None:
            groups.append(f"@{item.key}")
            continue
        people = csl.get("author") or csl.get("editor") or []
        cut_short = any(is_others(p) for p in people)  # `and others`
        names = [p.get("family") or p.get("literal") or "" for p in people if not is_others(p)]
        names = [n for n in names if n]
        if names and cut_short:
            groups.append(f"{names[0]} et al.")
        elif not names:
            groups.append(csl.get("title-short") or csl.get("title") or item.key)
        elif len(names) == 1:
            groups.append(names[0])
        elif len(names) == 2:
            groups.append(f"{names[0]} and {names[1]}")
        elif len(names) == 3:
            groups.append(f"{names[0]}, {names[1]}, and {names[2]}")
        else:
            groups.append(f"{names[0]} et al.")
    return "; ".join(groups)
