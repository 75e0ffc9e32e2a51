"""What a sidecar or front matter says about a document: its metadata, as read (the
model's documents carry it; `document.py` holds the rest)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from glossator.model.inline import Inline

if TYPE_CHECKING:  # an abstract is blocks; the blocks' module imports this one
    from glossator.model.document import Block


@dataclass
class Author:
    """An author as Pandoc and Quarto front matter gives one; only `name` is required."""

    name: str
    affiliation: str = ""
    orcid: str = ""
    email: str = ""
    url: str = ""


@dataclass
class Metadata:
    """What a sidecar or front matter says about a document, as read.

    `date` is ISO (YYYY, YYYY-MM or YYYY-MM-DD) for sorting and metadata; `date_text`
    is the date as the author wrote it ("March 21, 2021"), shown on the page.
    """

    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    publication: str | None = None
    image_credit: str | None = None
    author_bio: str | None = None
    editorial: list[str] = field(default_factory=list)
    subtitle: str | None = None
    author_details: list[Author] = field(default_factory=list)
    date_text: str | None = None
    abstract: list[Block] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    lang: str | None = None
    bibliography: list[str] = field(default_factory=list)
    csl: str | None = None
    nocite: list[str] = field(default_factory=list)
    reference_section_title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # A title or subtitle written in Markdown ("Reading *Middlemarch*"): its inline
    # content, shown on the essay's page; `title` is its plain text. None: plain text.
    title_content: tuple[Inline, ...] | None = None
    subtitle_content: tuple[Inline, ...] | None = None
    # The source line of each field, for messages about it (not compared, not exported).
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
