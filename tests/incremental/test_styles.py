"""The citation style's work looked up in the cache: a hit is what the style would
compute again, including what the bibliography decided for the notes (year suffixes,
names added), which a document's citations depend on."""

from __future__ import annotations

from unittest import mock

from glossator.cache import Store
from glossator.format.engine import CitationStyle, CiteRequest
from glossator.format.filled import Filled
from glossator.incremental.styles import CachedStyle, FilledMemo


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


def test_only_the_documents_whose_citations_changed_are_formatted_again(tmp_path):
    store = Store(tmp_path / "cache")
    store.flush()
    documents = [[[CiteRequest(w)]] for w in WORKS]
    first = CachedStyle("apa", store)
    first.entries(WORKS)
    before = first.citations_many(documents)
    edited = [documents[0], [[CiteRequest(WORKS[1], "3")]], documents[2]]
    again = CachedStyle("apa", Store(tmp_path / "cache"))
    again.entries(WORKS)
    with mock.patch.object(CitationStyle, "citations", side_effect=CitationStyle.citations,
                           autospec=True) as formatted:  # fmt: skip
        after = again.citations_many(edited)
    assert [call.args[1] for call in formatted.call_args_list] == [edited[1]]
    assert after[0] == before[0] and after[2] == before[2]
    assert [e.text for e in after[1]] == citations_after_bibliography(
        CitationStyle("apa"), edited[1]
    )


def test_filled_documents_are_kept_under_the_style_and_the_version(tmp_path):
    store = Store(tmp_path / "cache")
    store.flush()
    memo, filled = FilledMemo(store), Filled(("lind-a",), "inputs", {}, None, "v-filled")
    apa = CachedStyle("apa", store)
    memo.put(apa, "v1", filled)
    again = FilledMemo(Store(tmp_path / "cache"))
    assert again.get(CachedStyle("apa", Store(tmp_path / "cache")), "v1") == filled
    assert again.get(apa, "v2") is None  # another document
    assert again.get(CachedStyle("chicago-author-date", store), "v1") is None
    plain = CitationStyle("apa")  # a style with no key: nothing kept
    memo.put(plain, "v1", filled)
    assert memo.get(plain, "v1") is None


def test_a_style_parsed_once_per_thread_formats_as_a_fresh_one(tmp_path):
    """CachedStyle takes the tree an earlier instance parsed (serve makes one a build):
    the entries and notes come out as from a style parsed afresh, and a changed style
    file is parsed again."""
    items = [
        {"id": "a", "type": "book", "title": "Margins of Print", "issued": {"date-parts": [[2001]]},
         "author": [{"family": "Lind", "given": "Astrid"}], "publisher": "Small Press"},
        {"id": "b", "type": "book", "title": "Notes on Notes", "issued": {"date-parts": [[2001]]},
         "author": [{"family": "Lind", "given": "Astrid"}], "publisher": "Small Press"},
    ]  # fmt: skip
    store = Store(tmp_path / "cache", {})
    first, second = (
        CachedStyle("chicago-author-date", store),
        CachedStyle("chicago-author-date", Store(None)),
    )
    assert second._csl is first._csl
    fresh = CitationStyle("chicago-author-date")
    assert second.entries(items) == fresh.entries(items)
    assert second.note(items[0], "45") == fresh.note(items[0], "45")
    other = CachedStyle("chicago-notes-bibliography", store)
    assert other._csl is not first._csl
