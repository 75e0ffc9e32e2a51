"""What each render job is handed, cut from the corpus: an essay's view of the works
it cites, and the piece of an essay's job that the other pages take (so that a kept
essay is not looked through again on every build)."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from typing import Any

from glossator.cache.store import value_digest
from glossator.link.corpus import CitingPlace, LinkedCorpus
from glossator.model import Document, Metadata, WorksCited
from glossator.render.feeds import FeedEntry, feed_entry
from glossator.render.head import cited_works, excerpt
from glossator.render.pages import Sentences, cited_sentences, nocite_keys


@dataclass(frozen=True)
class CitingEssay:
    """What a source page shows of an essay citing the work: its slug and metadata."""

    slug: str
    meta: Metadata


def by_essay(
    by_place: dict[tuple, Any], only: Container[str] | None = None
) -> dict[str, dict[tuple, Any]]:
    """A corpus' map by place (a place is (slug, …): `LinkedCorpus.mentions`,
    `note_cites`) split by essay slug, each part in the map's order; with `only`,
    the parts of those slugs alone (serve's open pages: one essay's of 54,000)."""
    found: dict[str, dict[tuple, Any]] = {}
    places = by_place.items()
    for place, value in places if only is None else (i for i in places if i[0][0] in only):
        found.setdefault(place[0], {})[place] = value
    return found


def places_by_essay(
    linked: LinkedCorpus, essays: list[tuple[str, list[str]]]
) -> dict[tuple[str, str], list[CitingPlace]]:
    """(work key, essay slug) -> the work's places in that essay, for the essays to
    render, each with the keys its page shows (an edit renders one essay: its works'
    places alone are looked through, not the corpus' 80,000)."""
    found: dict[tuple[str, str], list[CitingPlace]] = {}
    for slug, keys in essays:
        for key in keys:
            found[(key, slug)] = [p for p in linked.works[key].cited_by if p.document == slug]
    return found


def own_keys(doc: Document, linked: LinkedCorpus, cites: dict) -> list[str]:
    """The works one essay's page shows: those its notes and note citations cite
    (its notes' sources as linking told them, when it did: its notes stay packed)."""
    told = linked.sources.get(doc.slug)
    sources = told if told is not None else (k for note in doc.notes for k in note.sources)
    keys = dict.fromkeys(sources)
    keys.update((k, None) for found in cites.values() for k, _ in found)
    if doc.meta.nocite and doc.may_hold("sections", WorksCited):  # listed with the rest
        keys.update(dict.fromkeys(nocite_keys(doc, linked.works)))
    return [k for k in keys if k in linked.works]


def own_view(
    doc: Document, linked: LinkedCorpus, mentions: dict, cites: dict, places: dict, keys: list
) -> LinkedCorpus:
    """The linked corpus as one essay's page sees it: its own document, mentions and
    note citations, and the works it cites with only its own citing places."""
    works = {
        key: dataclasses.replace(linked.works[key], cited_by=places.get((key, doc.slug), []))
        for key in keys
    }
    return LinkedCorpus([doc], works, mentions, cites, [])


@dataclass(frozen=True)
class EssayPiece:
    """What the other pages take from an essay's job, functions of its document (and
    of which keys its notes cite are works), so kept with its page: the sentences its
    source pages quote, the digest of its metadata (what they show of it), and what
    the home and about pages and the feed say of it."""

    sentences: Sentences
    meta: str
    excerpt: str
    feed: FeedEntry
    notes: int
    paragraphs: int
    sources: int


def essay_piece(doc: Document, works: dict, signing: bool) -> EssayPiece:
    """The piece; the metadata digested after the feed entry has read the abstract's
    text, which its paragraphs keep beside their content (and so in their pickle):
    the digest must not depend on whether some earlier step had read it."""
    feed = feed_entry(doc)
    return EssayPiece(
        cited_sentences(doc),
        value_digest(doc.meta) if signing else "",
        excerpt(doc),
        feed,
        len(doc.notes),
        len(doc.paragraphs()),
        len(cited_works(doc, works)),
    )


@dataclass(frozen=True)
class ListedEssay:
    """An essay as the pages listing the corpus (home, about) are handed it: its slug,
    its metadata and its notes' number, `notes` being a range of that length (so a
    template's `doc.notes|length` reads as for the document), and nothing else: what
    those pages are signed by (`EssayPiece`)."""

    slug: str
    meta: Metadata
    notes: range


def listed_essays(documents: list[Document], pieces: dict[str, EssayPiece]) -> list[ListedEssay]:
    """The essays, in order, as the home and about pages see them."""
    return [ListedEssay(d.slug, d.meta, range(pieces[d.slug].notes)) for d in documents]


class Lazy(dict):
    """key -> `make(key)` for the given keys, each made when first asked for: the
    labels and short titles of 29,573 works, of which an edit's pages show a few. A
    dict, so that a value once made is looked up at a dict's speed; iterating it, its
    length and `in` go by all the keys."""

    def __init__(
        self, keys: list[str], make: Callable[[str], Any], index: Container[str] | None = None
    ) -> None:
        """`index`: a container holding the same keys as `keys` (the dict they come
        from), for `in`; without it a set of them is made when first needed (some 3 ms
        for 29,573 keys, each build)."""
        super().__init__()
        self._keys, self._make, self._given = keys, make, index

    @functools.cached_property
    def _index(self) -> Container[str]:
        return self._given if self._given is not None else frozenset(self._keys)

    def __missing__(self, key: str) -> Any:
        if key not in self._index:
            raise KeyError(key)
        value = self[key] = self._make(key)
        return value

    def _whole(self) -> dict[str, Any]:
        return {key: self[key] for key in self._keys}

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._index else default

    def keys(self) -> Any:
        return self._whole().keys()

    def items(self) -> Any:
        return self._whole().items()

    def values(self) -> Any:
        return self._whole().values()
