"""The citation style's work looked up in the cache: a hit is what the style would
compute again, including what the bibliography decided for the notes (year suffixes,
names added), which a document's citations depend on."""

from __future__ import annotations

from glossator.cache import Store
from glossator.format.engine import CitationStyle, CiteRequest
from glossator.incremental.styles import CachedStyle


def work(key: str, family: str, year: int, title: str) -> dict:
    return {"id": key, "type": "book", "title": title, "author": [{"family": family,
            "given": "Ada"}], "issued": {"date-parts": [[year]]}}  # fmt: skip


WORKS = [
    work("lind-a", "Lind", 2001, "Margins"),
    work("lind-b", "Lind", 2001, "Glosses"),
    work("okafor", "Okafor", 1999, "Notes"),
]


def citations_after_bibliography(style: CitationStyle, groups) -> list[str]:
    style.entries(WORKS)
    return [entry.text for entry in style.citations(groups)]


def test_a_document_formatted_after_a_cached_bibliography_keeps_its_year_suffixes(tmp_path):
    # One document cites only the first of two works that read alike (Lind 2001):
    # the bibliography calls it 2001a, and so must the document, whether or not the
    # bibliography came from the cache.
    store = Store(tmp_path / "cache")
    store.flush()
    first = [[CiteRequest(WORKS[0])], [CiteRequest(WORKS[2])]]
    assert citations_after_bibliography(CachedStyle("apa", store), first) == [
        "(Lind, 2001b)",
        "(Okafor, 1999)",
    ]
    edited = [[CiteRequest(WORKS[0], "12")], [CiteRequest(WORKS[2])]]
    again = citations_after_bibliography(CachedStyle("apa", Store(tmp_path / "cache")), edited)
    assert again == ["(Lind, 2001b, p. 12)", "(Okafor, 1999)"]
    assert again == citations_after_bibliography(CitationStyle("apa"), edited)
