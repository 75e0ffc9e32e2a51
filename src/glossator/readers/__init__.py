"""One reader per source format; each turns a source's text into the same Document.

A reader is a pure function of the source (no I/O, no corpus state), so its result
can be cached per file and rebuilt alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..model import Document


@dataclass(frozen=True)
class Source:
    """A source file as read from disk: `path` is what diagnostics show."""

    slug: str
    path: str
    text: str


Reader = Callable[[Source], tuple[Document, list[Diagnostic]]]


def get_reader(fmt: str) -> Reader:
    """Imported lazily so `check` on one format does not load every parser."""
    if fmt == "pdf-text":
        from .pdf_text import read_pdf_text

        return read_pdf_text
    if fmt == "web-text":
        from .web_text import read_web_text

        return read_web_text
    if fmt == "markdown":
        from .markdown import read_markdown

        return read_markdown
    raise KeyError(fmt)
