"""The pdf-text reader: text extracted from a PDF, its notes at the page bottoms.

Two steps with plain data between them: `pdf_lines` sorts the lines into body text,
headings, captions and note blocks; `pdf_assemble` joins them into a Document.
"""

from __future__ import annotations

from glossator.diagnostics import Diagnostic
from glossator.ingest.pdf_assemble import assemble_document
from glossator.ingest.pdf_lines import PageReader
from glossator.ingest.source import Source
from glossator.model import Document


def read_pdf_text(source: Source) -> tuple[Document, list[Diagnostic]]:
    """The pdf-text reader: metadata comes from the sidecar, not from the text."""
    events = PageReader(source).read()
    return assemble_document(source.slug, source.path, source.text, events)
