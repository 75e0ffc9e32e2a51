"""The parts a render job's signature is made of, each cheap to take on every build.

A job is skipped when its signature is the published one, so the signature must
cover everything the job is handed. Pickling each job's inputs whole did (a work
with its citing places, entry, BibTeX, CSL item and quoted sentences, 1,000 essays'
views of their works), but cost about 4 s at 1,000 essays on every build, most of it
the pickler looking up each dataclass' class. Here a dataclass is taken as the tuple
of its fields' values (`fields_of`, every field, one added later too), and what many
jobs share is digested once: a work's own parts (`work_digest`) for the essays citing
it, its source page and the bibliography, by one pickler for all (`value_digests`).
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Mapping
from typing import Any

from glossator.cache.store import value_digest
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


def work_parts(
    work: Work, entry: FormattedEntry | None, bibtex: str | None, csl_item: Any
) -> tuple:
    """A work as every page showing it sees it, but for its citing places: its fields
    and other attributes, its formatted entry, BibTeX and CSL-JSON item. Its label and
    short title are functions of these. `value_digests` of many at once is cheapest."""
    own = tuple((name, value) for name, value in vars(work).items() if name != "cited_by")
    return own, None if entry is None else fields_of(entry), bibtex, csl_item


def work_digest(work: Work, entry: FormattedEntry | None, bibtex: str | None, csl_item: Any) -> str:
    return value_digest(work_parts(work, entry, bibtex, csl_item))


# A place's every field, in order, as a tuple (one C call a place: a site has 83,000)
_place_fields = operator.attrgetter(*(f.name for f in dataclasses.fields(CitingPlace)))


def places_of(places: list[CitingPlace]) -> tuple[Place, ...]:
    return tuple(map(_place_fields, places))


def plain_mentions(mentions: Mapping[tuple[str, str], list[Any]]) -> tuple:
    """An essay's mentions, (place, each mention's fields), in their order."""
    return tuple((place, tuple(fields_of(m) for m in found)) for place, found in mentions.items())
