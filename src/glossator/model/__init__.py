"""The document model: plain dataclasses every stage after the readers works on, and
their JSON export. No I/O here, so a document can be cached and compared as a value."""

from glossator.model.document import (
    FORMATS,
    METADATA_FIELDS,
    SCHEMA_ID,
    Block,
    Document,
    Figure,
    Marker,
    Metadata,
    Note,
    Paragraph,
    Section,
    assign_ids,
    block_to_json,
    content_json,
    document_to_json,
    marker_anchors,
    reference_ids,
    slugify,
)

__all__ = [
    "FORMATS",
    "METADATA_FIELDS",
    "SCHEMA_ID",
    "Block",
    "Document",
    "Figure",
    "Marker",
    "Metadata",
    "Note",
    "Paragraph",
    "Section",
    "assign_ids",
    "block_to_json",
    "content_json",
    "document_to_json",
    "marker_anchors",
    "reference_ids",
    "slugify",
]
