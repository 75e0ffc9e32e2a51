"""The parsed work: one citation's kind, BibTeX type and fields, as the note gave them."""

from __future__ import annotations

from glossator.model.values import frozen_value
from glossator.notes.names import bibtex_author_field, parse_authors

FIELD_ORDER = (
    *("author", "editor", "title", "booktitle", "journal", "volume", "number", "pages"),
    *("year", "month", "day", "publisher", "address", "howpublished", "organization"),
    *("institution", "edition", "note", "un_symbol", "url"),
)


@frozen_value
class ParsedWork:
    """One cited work. `fields` use BibTeX names; month and day are numbers ("9", "23")."""

    entry_type: str
    kind: str
    fields: tuple[tuple[str, str], ...]
    raw: str
    locator: str | None = None
    confident: bool = True

    def field(self, name: str) -> str | None:
        """The value of a field, or None when the note did not give it."""
        return next((v for k, v in self.fields if k == name), None)


ENTRY_TYPES = {
    "journal-article": "article",
    "newspaper-article": "article",
    "magazine-article": "article",
    "news-agency": "article",
    "book": "book",
    "incollection": "incollection",
    "web-page": "online",
    "archival": "unpublished",
}


def make_work(kind: str, raw: str, locator: str | None, **fields: str | None) -> ParsedWork:
    items = tuple((k, fields[k]) for k in FIELD_ORDER if fields.get(k))
    entry_type = ENTRY_TYPES.get(kind, "misc")
    kind = "book" if kind == "incollection" else kind
    return ParsedWork(entry_type, kind, items, raw, locator, True)


def authors_field(text: str | None) -> str | None:
    """The BibTeX author field of an author string, None when there is none."""
    return bibtex_author_field(parse_authors(text)) or None if text else None
