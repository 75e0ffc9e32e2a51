"""One document's part of linking, as plain values, so that a build can keep it.

Linking crosses documents only in two places: the keys of uncurated works (reserved
over the whole corpus) and what the corpus' works are (which work is whose, their
citing places, in order). Everything else is a function of one document and the
bibliography: what reserving keys reads of it (`Summary`) and, once its uncurated
works have their keys, its notes' keys, its diagnostics and the works and places it
adds (`Linked`). `link_corpus` always goes through these, so a kept part is used
exactly as a fresh one is; a `DocLink` says what each was made from, checked before
it is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from glossator.diagnostics import Diagnostic
from glossator.link.mentions import Spans
from glossator.link.works import CitingPlace
from glossator.model import Document
from glossator.model.packed import Packed
from glossator.notes.parse_note import ParsedWork

# a form's fingerprint -> the first note citing it in that form: line, number, label
Prints = dict[str, tuple[int, int, str]]


@dataclass
class Summary:
    """What reserving keys reads of one document: each uncurated work (by its loose
    identity) in its fullest form here, with that form's key stem and the forms it is
    cited in; and the notes whose citation is merged into a curated entry."""

    uncurated: dict[str, tuple[ParsedWork, str, Prints]] = field(default_factory=dict)
    merged: list[Diagnostic] = field(default_factory=list)


@dataclass
class Linked:
    """One document linked, given its uncurated works' keys: each note's keys (with
    locators, in note order), the curated works its notes add (with the kind the note
    gave, or None), then what its places, in-text citations and `nocite` add to
    the works (a key to add if missing, and a place for it or None), its
    mention-shaped phrases and its diagnostics; and the document's notes given their
    sources, packed (`Document.with_packed`), with their numbers and lines: an
    unchanged essay's linked copy is made, and told of, without unpacking its notes."""

    note_cites: list[list[tuple[str, str | None]]] = field(default_factory=list)
    adds: list[tuple[str, str | None]] = field(default_factory=list)
    later: list[tuple[str, CitingPlace | None]] = field(default_factory=list)
    spans: Spans = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: Packed | None = None
    numbers: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def note_sources(self) -> list[list[str]]:
        """Each note's source keys, in note order: what `Note.sources` says once linked."""
        return [[key for key, _ in keys] for keys in self.note_cites]


@dataclass
class DocLink:
    """A document's parts and what they were made from. `identities`: each cited
    work's fingerprint and loose identity, in citation order (a function of the
    document alone, kept when the bibliography changes); `bibliography`: the digest
    of the bibliography and its path the summary and linked part were made with;
    `keys`: that of the keys its uncurated works had."""

    identities: list[tuple[str, str]]
    bibliography: str
    summary: Summary
    keys: str
    linked: Linked | None  # None: not to be kept (its notes were not the document's)


class Memo(Protocol):
    """Where `DocLink`s are kept, by document version."""

    def get(self, version: str) -> DocLink | None: ...

    def put(self, doc: Document, version: str, part: DocLink) -> None: ...
