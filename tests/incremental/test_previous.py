"""What a build leaves for the next build of the same process (`Store.previous`):
kept in serve's memory only, never on disk, and taken only for the inputs it was
made from."""

from __future__ import annotations

from glossator.bibliography import BibEntry
from glossator.cache import Store
from glossator.incremental.reading import bibliography_digest, renamed_keys_kept
from glossator.link.corpus import link_corpus
from glossator.model import Document, Metadata, Note, Paragraph, Section
from glossator.model.inline import Citation, CiteItem


def test_a_record_lives_in_memory_across_prunes_and_never_on_disk(tmp_path):
    memory: dict = {}
    first = Store(tmp_path / "cache", memory)
    first.keep_previous("link", "recorded")
    first.flush()
    first.prune()
    assert Store(tmp_path / "cache", memory).previous("link") == "recorded"
    assert Store(tmp_path / "cache").previous("link") is None  # glossator build: none
    assert not any(p.name.endswith(".pickle") for p in (tmp_path / "cache").rglob("*"))
    unused = Store(tmp_path / "cache", memory)
    unused.prune()  # a build that did not look at it: the record goes
    assert Store(tmp_path / "cache", memory).previous("link") is None


def essay(keys: list[str]) -> Document:
    notes = [
        Note(n, f"fn{n}", blocks=[Paragraph("", content=(Citation((CiteItem(k),), f"[@{k}]"),))])
        for n, k in enumerate(keys, 1)
    ]
    return Document("alpha", "markdown", Metadata(title="Alpha"), [Section("s", None, [])], notes)


def entry(key: str, line: int) -> BibEntry:
    return BibEntry(key, "book", {"author": "Lind, Astrid", "title": key, "year": "2001"}, line)


def test_renamed_keys_are_found_again_when_the_keys_or_the_bibliography_change(tmp_path):
    store = Store(tmp_path / "cache", {})
    bib = {"lind/2001": entry("lind/2001", 3), "nagy": entry("nagy", 9)}
    linked = link_corpus([essay(["lind/2001"])], bib, "references.bib")
    found = renamed_keys_kept(store, linked, bib, "references.bib", "bib-1")
    assert [(d.code, d.line) for d in found] == [("bib.key-renamed", 3)]
    assert renamed_keys_kept(store, linked, bib, "references.bib", "bib-1") is found
    moved = {"lind/2001": entry("lind/2001", 5), "nagy": entry("nagy", 9)}
    again = renamed_keys_kept(store, linked, moved, "references.bib", "bib-2")
    assert [(d.code, d.line) for d in again] == [("bib.key-renamed", 5)]
    both = link_corpus([essay(["lind/2001", "nagy"])], moved, "references.bib")
    assert renamed_keys_kept(store, both, moved, "references.bib", "bib-2") is not again


def test_the_bibliography_digest_is_taken_again_only_for_the_same_object(tmp_path):
    store = Store(tmp_path / "cache", {})
    curated = {"lind": entry("lind", 3)}
    own = {**curated, "nagy": entry("nagy", 1)}  # an essay's bibliography adds nagy
    first = bibliography_digest(store, curated, curated)
    assert bibliography_digest(store, curated, curated) == first
    assert bibliography_digest(store, curated, own) not in (first, None)
    copy = {"lind": entry("lind", 3)}  # equal, another object: digested again, same digest
    assert bibliography_digest(store, copy, copy) == first
    moved = {"lind": entry("lind", 4)}
    assert bibliography_digest(store, moved, moved) != first
