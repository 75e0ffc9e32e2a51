"""The document model: plain dataclasses every stage after the readers works on, and
their JSON export. No I/O here, so a document can be cached and compared as a value."""

from glossator.model.document import (
    FORMATS,
    METADATA_FIELDS,
    Block,
    BlockQuote,
    Callout,
    CodeBlock,
    DefinitionList,
    Document,
    Figure,
    ListBlock,
    Marker,
    Note,
    Paragraph,
    RawBlock,
    Rule,
    Section,
    Table,
    blocks_text,
    walk_blocks,
)
from glossator.model.export import SCHEMA_ID, block_to_json, content_json, document_to_json
from glossator.model.ids import assign_ids, marker_anchors, slugify
from glossator.model.metadata import Author, Metadata

__all__ = [
    "FORMATS",
    "METADATA_FIELDS",
    "SCHEMA_ID",
    "Author",
    "Block",
    "BlockQuote",
    "Callout",
    "CodeBlock",
    "Document",
    "Figure",
    "ListBlock",
    "DefinitionList",
    "Marker",
    "Metadata",
    "Note",
    "Paragraph",
    "RawBlock",
    "Rule",
    "Section",
    "Table",
    "assign_ids",
    "block_to_json",
    "blocks_text",
    "content_json",
    "document_to_json",
    "marker_anchors",
    "slugify",
    "walk_blocks",
]
