"""The document model: the plain data every stage after the readers works on.

Readers build these; linking, rendering and the JSON export only read them.
Nothing here does I/O, so each document can be cached and compared as a value.
`line` fields point into the source file for diagnostics and are not exported.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

SCHEMA_ID = "glossator/document/1"
FORMATS = ("pdf-text", "web-text", "markdown")
METADATA_FIELDS = ("title", "authors", "date", "publication", "image_credit", "author_bio")


@dataclass(frozen=True)
class Marker:
    """A footnote reference: `offset` is the code-point position in the paragraph text
    right after the character the marker follows."""

    note: int
    offset: int


@dataclass
class Paragraph:
    id: str
    text: str
    markers: list[Marker] = field(default_factory=list)
    line: int = 0


@dataclass
class Figure:
    id: str
    caption: str
    src: str | None = None
    line: int = 0


Block = Paragraph | Figure


@dataclass
class Section:
    id: str
    heading: str | None
    blocks: list[Block] = field(default_factory=list)
    line: int = 0


@dataclass
class Note:
    number: int
    id: str
    text: str
    sources: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class Metadata:
    """What a sidecar or front matter says about a document, as read."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    publication: str | None = None
    image_credit: str | None = None
    author_bio: str | None = None
    editorial: list[str] = field(default_factory=list)


@dataclass
class Document:
    slug: str
    format: str
    meta: Metadata
    sections: list[Section] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    path: str = ""

    def paragraphs(self) -> list[Paragraph]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Paragraph)]

    def figures(self) -> list[Figure]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]

    def note(self, number: int) -> Note | None:
        return next((n for n in self.notes if n.number == number), None)


def block_to_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Figure):
        return {"type": "figure", "id": block.id, "caption": block.caption, "src": block.src}
    return {
        "type": "paragraph",
        "id": block.id,
        "text": block.text,
        "markers": [{"note": m.note, "offset": m.offset} for m in block.markers],
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
        "format": doc.format,
        "sections": [
            {
                "id": s.id,
                "heading": s.heading,
                "blocks": [block_to_json(b) for b in s.blocks],
            }
            for s in doc.sections
        ],
        "notes": [
            {"number": n.number, "id": n.id, "text": n.text, "sources": list(n.sources)}
            for n in doc.notes
        ],
    }


def content_json(doc: Document) -> dict[str, Any]:
    """The export minus what names the reader: two readers of the same essay agree on it."""
    data = document_to_json(doc)
    del data["format"]
    return data


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: readable, URL-safe anchors."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c.lower() if c.isalnum() else " " for c in ascii_text).split()
    return "-".join(words)


def assign_ids(doc: Document) -> Document:
    """Give every section, block and note its anchor, the same way for every reader.

    Ids depend only on the document's own content and order, so an unchanged document
    keeps its anchors across rebuilds and across readers (raw text vs its Markdown).
    """
    used: set[str] = set()
    paragraph_count = figure_count = 0
    for section in doc.sections:
        base = slugify(section.heading) if section.heading else "start"
        base = base or "section"
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        section.id = candidate
        for block in section.blocks:
            if isinstance(block, Figure):
                figure_count += 1
                block.id = f"fig{figure_count}"
            else:
                paragraph_count += 1
                block.id = f"p{paragraph_count}"
    for note in doc.notes:
        note.id = f"fn{note.number}"
    return doc


def marker_anchors(doc: Document) -> list[tuple[Paragraph, Marker, str]]:
    """Every marker in reading order with its anchor id: `fnref3`, then `fnref3-2` for
    a second reference to note 3, so every back-link has its own target."""
    counts: dict[int, int] = defaultdict(int)
    anchors = []
    for paragraph in doc.paragraphs():
        for marker in sorted(paragraph.markers, key=lambda m: m.offset):
            counts[marker.note] += 1
            count = counts[marker.note]
            anchors.append(
                (paragraph, marker, f"fnref{marker.note}" + (f"-{count}" if count > 1 else ""))
            )
    return anchors


def reference_ids(doc: Document) -> dict[int, list[str]]:
    """The anchor ids of each note's markers, in reading order."""
    ids: dict[int, list[str]] = defaultdict(list)
    for _, marker, anchor in marker_anchors(doc):
        ids[marker.note].append(anchor)
    return ids
