"""The works of a linked corpus and the places citing them: the values the link stage
hands on, and the quick ways it makes tens of thousands of them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from glossator.model import Note
from glossator.model.values import pickled_as_call

WEB_URL = re.compile(r"^https?://[^\s]+$", re.I)
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")


@dataclass(frozen=True, slots=True)
class CitingPlace:
    document: str
    note: int  # 0: a citation standing in the text, not in a note
    paragraph: str | None
    marker: str | None  # the marker's anchor id, e.g. `fnref3` or `fnref3-2`
    locator: str | None = None


@dataclass(slots=True)
class Work:
    """One work of the corpus' bibliography, as published."""

    key: str
    entry_type: str
    kind: str
    fields: dict[str, str]
    curated: bool  # listed in references.bib
    confident: bool = True
    cited_by: list[CitingPlace] = field(default_factory=list)

    @property
    def url(self) -> str | None:
        """The work's external link: an http(s) URL, or its DOI's address. Anything
        else a bibliography says (`javascript:`, `file:`) is never made a link."""
        fields = self.fields
        url = fields.get("url")
        if url and WEB_URL.match(url.strip()):
            return url.strip()
        doi = fields.get("doi")
        if not doi:
            return None
        doi = DOI_PREFIX.sub("", doi.strip())
        if DOI.match(doi):
            return "https://doi.org/" + quote(doi, safe="/:;()-._")
        return None


def kind_of(entry_type: str, fields: dict[str, str]) -> str:
    """A curated entry's kind, for entries the parser never saw."""
    symbol = fields.get("un_symbol", "")
    if symbol:
        if "/RES/" in symbol:
            return "un-resolution"
        return "un-press-release" if PRESS_RELEASE.match(symbol) else "un-document"
    subtype = fields.get("entrysubtype", "").strip().lower()
    if entry_type == "article" and subtype in ("newspaper", "magazine"):
        return f"{subtype}-article"
    if entry_type == "article":
        # a volume, issue, pages, BibLaTeX's journaltitle or subtype: a journal article
        serial = subtype or any(fields.get(f) for f in SERIAL)
        return "journal-article" if serial else "newspaper-article"
    return KINDS.get(entry_type, "other")


SERIAL = ("volume", "number", "pages", "journaltitle")
KINDS = {"book": "book", "incollection": "book", "online": "web-page"}
PRESS_RELEASE = re.compile(r"^[A-Z]+/\d+$")


def with_sources(note: Note, sources: list[str]) -> Note:
    """A copy of `note` citing `sources`: what `dataclasses.replace` makes (the same
    fields, in the order `Note.__init__` sets them, and no cached text), without its
    walk of the fields, once for each of a corpus' 50,000 notes."""
    copy = object.__new__(Note)
    copy.number, copy.id, copy.line = note.number, note.id, note.line
    copy.generated, copy.sources, copy.blocks = note.generated, sources, note.blocks
    return copy


def place(
    document: str, note: int, paragraph: str | None, marker: str | None, locator: str | None
) -> CitingPlace:
    """`CitingPlace(…)` without the frozen class's `object.__setattr__` for each field
    (some 60,000 places in a corpus of 1,000 essays), each slot set by its own setter."""
    place = object.__new__(CitingPlace)
    _SET_DOCUMENT(place, document)
    _SET_NOTE(place, note)
    _SET_PARAGRAPH(place, paragraph)
    _SET_MARKER(place, marker)
    _SET_LOCATOR(place, locator)
    return place


# The slots' own setters, which the frozen class's __setattr__ refuses to call.
_SET_DOCUMENT, _SET_NOTE, _SET_PARAGRAPH, _SET_MARKER, _SET_LOCATOR = (
    CitingPlace.__dict__[name].__set__
    for name in ("document", "note", "paragraph", "marker", "locator")
)
# A place pickles as `place(*fields)`: the frozen slotted dataclass' own pickling lists
# the class' fields for every object, and the linked parts of 1,000 essays hold 83,000
# places (0.38 s to unpickle them, 0.18 s this way).
pickled_as_call(CitingPlace, place)
