"""One reader per source format; each turns a source's text into the same Document.

A reader is a pure function of the source (no I/O, no corpus state), so its result
can be cached per file and rebuilt alone. `READERS` is the registry: a new format is
one module and one line here.
"""

from __future__ import annotations

from collections.abc import Callable

from glossator.diagnostics import Diagnostic
from glossator.ingest.markdown import read_markdown
from glossator.ingest.pdf_text import read_pdf_text
from glossator.ingest.source import Source
from glossator.ingest.web_text import read_web_text
from glossator.model import Document

Reader = Callable[[Source], tuple[Document, list[Diagnostic]]]

READERS: dict[str, Reader] = {
    "markdown": read_markdown,
    "pdf-text": read_pdf_text,
    "web-text": read_web_text,
}


def get_reader(fmt: str) -> Reader:
    """The reader of a format named in a sidecar or by `--reader`; KeyError if none."""
    return READERS[fmt]
