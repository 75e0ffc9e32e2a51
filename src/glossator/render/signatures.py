"""The parts a render job's signature is made of, each cheap to take on every build.

A job is skipped when its signature is the published one, so the signature must
cover everything the job is handed. Pickling each job's inputs whole did (a work
with its citing places, entry, BibTeX, CSL item and quoted sentences, 1,000 essays'
views of their works), but cost about 4 s at 1,000 essays on every build, most of it
the pickler looking up each dataclass' class. Here a dataclass is taken as the tuple
of its fields' values (`fields_of`, every field, one added later too), and what many
jobs share is digested once: a work's own parts (`work_digest`) for the essays citing
it, its source page and the bibliography, by one pickler for all (`value_digests`).
At 1,000 essays that is still 0.2 s a build (29,573 works; making their parts alone,
0.1 s, is mostly the memory they lie in): the pages listing the corpus are signed by
what they show of each essay (`home_shows`, ...), not by whole essays.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Mapping
from typing import Any

from glossator.cache.store import value_digest, value_digests
from glossator.format.csl_items import CslItems
from glossator.format.csl_text import FormattedEntry
from glossator.link.corpus import CitingPlace, Work

Place = tuple  # a CitingPlace's field values, in order


def fields_of(value: Any) -> tuple:
    """A dataclass instance's field values in their order: what it holds, without the
    class (the job's code, and so its classes, is in every signature already). A
    slotted value (model/values.py) has no `__dict__`: its fields are read by name."""
    try:
        return tuple(vars(value).values())
    except TypeError:
        return tuple(getattr(value, name) for name in _names(type(value)))


_NAMES: dict[type, tuple[str, ...]] = {}


def _names(kind: type) -> tuple[str, ...]:
    found = _NAMES.get(kind)
    if found is None:
        found = _NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return found


def _getter(kind: type, leave_out: str = "") -> operator.attrgetter:
    """A tuple of an instance's every field but `leave_out`, in order, in one C call
    (a field added later is in it without a change here)."""
    names = [f.name for f in dataclasses.fields(kind) if f.name != leave_out]
    return operator.attrgetter(*names) if len(names) > 1 else lambda v: (getattr(v, names[0]),)


_work_fields = _getter(Work, "cited_by")
_entry_fields = _getter(FormattedEntry)


def work_parts(
    work: Work, entry: FormattedEntry | None, bibtex: str | None, csl_item: Any
) -> tuple:
    """A work as every page showing it sees it, but for its citing places: its fields
    (the dataclass' fields, each in its place), its formatted entry, BibTeX and
    CSL-JSON item. Its label and short title are functions of these."""
    return _work_fields(work), None if entry is None else _entry_fields(entry), bibtex, csl_item


def work_digest(work: Work, entry: FormattedEntry | None, bibtex: str | None, csl_item: Any) -> str:
    return value_digest(work_parts(work, entry, bibtex, csl_item))


def work_digests(
    works: Mapping[str, Work],
    entries: Mapping[str, FormattedEntry],
    bibtex: Mapping[str, str],
    csl_items: CslItems,
    known: dict[str, tuple] | None = None,
) -> dict[str, str]:
    """Each work's `work_digest`, by key (all of a site's at once: about 5 µs a work).
    `known` (serve: kept between the builds of one process) holds each work's digest
    with the very objects it was made from, and gets this build's: a work whose work,
    entry, BibTeX and item (its pickle) are those objects is not digested again (no stage changes a
    value it was handed; the link and format records keep unchanged works' objects)."""

    def made_from(key: str) -> tuple:
        return works[key], entries.get(key), bibtex.get(key), csl_items.packed(key)

    def same(key: str, was: tuple) -> bool:
        return all(a is b for a, b in zip(was, made_from(key), strict=False))

    keys = list(works)
    digests = kept_or_made(
        *(keys, {} if known is None else known, same, made_from),
        lambda todo: value_digests(work_parts(*made_from(key)) for key in todo),
    )
    return dict(zip(keys, digests, strict=True))


def source_signatures(
    keys: list[str],
    sign: Callable[[list[str]], list[str]],
    made_from: tuple[Mapping[str, Work], Mapping[str, str], str | None, Mapping, Mapping],
    known: dict[str, tuple],
) -> list[str]:
    """Each source page's signature (`sign` of some keys gives theirs), in `keys`' order.
    A page signs its work's digest and places and what it shows of each citing essay
    (that essay's piece) under its kind's part: one whose work is the very object,
    digest and part the recorded ones and each citing essay's piece the very object
    it was signed with is not signed again. `known` (serve) gets this build's."""
    works, digests, part, placed, pieces = made_from

    def same(key: str, was: tuple) -> bool:
        return (
            was[0] is works[key]
            and was[1] == digests[key]
            and was[2] == part
            and all(pieces.get(slug) is piece for slug, piece in was[3])
        )

    def signed_from(key: str) -> tuple:
        citing = dict.fromkeys(f[0] for f in placed[key])
        return works[key], digests[key], part, tuple((s, pieces.get(s)) for s in citing)

    return kept_or_made(keys, known, same, signed_from, sign)


def kept_or_made(
    keys: list[str],
    known: dict[str, tuple],
    same: Callable[[str, tuple], bool],
    made_from: Callable[[str], tuple],
    make: Callable[[list[str]], list[str]],
) -> list[str]:
    """A value for each key, in order: the one `known` holds (with what it was made
    from, last) when `same` says that is what it would be made from now, else made by
    `make` (for all those keys at once) and recorded with `made_from(key)`. Keys no
    longer asked for leave `known`."""
    found: list[str] = []
    todo: list[int] = []
    for key in keys:
        was = known.get(key)
        if was is not None and same(key, was):
            found.append(was[-1])
        else:
            found.append("")
            todo.append(len(found) - 1)
    for at, made in zip(todo, make([keys[n] for n in todo]), strict=True):
        found[at] = made
        known[keys[at]] = (*made_from(keys[at]), made)
    if len(known) > len(keys):
        listed = set(keys)
        for key in [k for k in known if k not in listed]:
            del known[key]
    return found


# A place's every field, in order, as a tuple (one C call a place: a site has 83,000)
_place_fields = operator.attrgetter(*(f.name for f in dataclasses.fields(CitingPlace)))


def places_of(places: list[CitingPlace]) -> tuple[Place, ...]:
    return tuple(map(_place_fields, places))


def plain_mentions(mentions: Mapping[tuple[str, str], list[Any]]) -> tuple:
    """An essay's mentions, (place, each mention's fields), in their order."""
    return tuple((place, tuple(fields_of(m) for m in found)) for place, found in mentions.items())


# What each page listing the corpus shows of each essay, from its piece (`EssayPiece`,
# slug -> piece, in slug order): the page's signature is of these and its kind's part.


def home_shows(pieces: Mapping[str, Any]) -> list[tuple]:
    """Each essay's slug, metadata (digest), counts of notes and cited works, excerpt."""
    return [(slug, p.meta, p.notes, p.sources, p.excerpt) for slug, p in pieces.items()]


def about_shows(pieces: Mapping[str, Any], works: int) -> tuple:
    """Each essay's slug, metadata and notes; the paragraphs counted; the works'."""
    shown = [(slug, p.meta, p.notes) for slug, p in pieces.items()]
    return shown, sum(p.paragraphs for p in pieces.values()), works


def feed_shows(pieces: Mapping[str, Any]) -> list[tuple]:
    """Each essay's feed entry (its every field)."""
    return [fields_of(p.feed) for p in pieces.values()]


def map_shows(paths: list[str]) -> list[str]:
    """The sitemap's pages."""
    return paths


def data_shows(signatures: list[str]) -> list[str]:
    """The data files (`sources.json`, `sources.csl.json`, `references.bib`) hold each
    work's data and BibTeX, in order: its source page's signature covers them."""
    return signatures
