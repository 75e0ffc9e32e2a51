"""What a reader is given: one source file's text and the path its messages show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """A source file as read from disk: `path` is what diagnostics show."""

    slug: str
    path: str
    text: str
