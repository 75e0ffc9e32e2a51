"""The JSON export of a document, in the shape of `document.schema.json`."""

from __future__ import annotations

from typing import Any

from glossator.model.document import SCHEMA_ID, Block, Document, Figure


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
