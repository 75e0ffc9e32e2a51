"""Filled documents remembered: an unchanged essay's citations are not looked for,
formatted or put into its notes again.

Filling a document (`citations.find_citations`, the style's `citations`,
`citations.fill_found`) reads the document, the CSL-JSON items of the keys its
citations name and what the style's bibliography decided about those items. A
`Filled` is kept under the style and the linked document's version (which names the
document); it holds the keys the document's citations name (a function of the
document) and a digest of the rest, checked before it is used: so it is used only
when filling would make it again. About 2 ms an essay, for each of 1,000 essays on
every build, becomes a lookup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from glossator.cache.store import value_digest
from glossator.format.citations import Found
from glossator.format.csl_items import Unpacked
from glossator.format.engine import CitationStyle
from glossator.model import Document
from glossator.model.packed import Packed


@dataclass(frozen=True)
class Filled:
    """What filling made of one document, as a change to the linked one."""

    keys: tuple[str, ...]  # every key the document's citations name, sorted
    inputs: str  # `inputs(keys, …)` when it was made
    notes: Packed  # the filled document's notes, packed (`Document.packed_part`)
    sections: Packed | None  # its sections, packed, when filling replaced them
    version: str | None  # the filled document's (`cache.versions`)


class Memo(Protocol):
    """Where `Filled` values are kept, by the style and the linked version."""

    def get(self, style: CitationStyle, version: str) -> Filled | None: ...

    def put(self, style: CitationStyle, version: str, filled: Filled) -> None: ...


def cited_keys(found: Found) -> tuple[str, ...]:
    """The keys of all the document's citations, known or not: those whose items
    filling reads (an unknown one leaves its citation as written)."""
    citations = [*found.in_body, *(c for cs in found.per_note for c in cs)]
    return tuple(sorted({item.key for c in citations for item in c.items}))


def inputs(keys: tuple[str, ...], csl_items: Unpacked, style: CitationStyle) -> str:
    """A digest of what filling reads besides the document: each key's item (its
    pickle, or its absence) and the style's decisions about those items (the items
    read only when the style decided any)."""
    items = (csl_items[k] for k in keys if k in csl_items)
    return value_digest(([(k, csl_items.packed(k)) for k in keys], style.decided_about(items)))


def remember(
    doc: Document, filled: Document, version: str | None, keys: tuple[str, ...], made_from: str
) -> Filled:
    """The `Filled` of `doc` made into `filled` (which `fill_found` makes by replacing
    notes and perhaps the sections, nothing else), its parts packed: recalled, an
    essay's filled notes are not made as objects in the build's process."""
    same = filled.is_packed("sections") or filled.sections is doc.sections  # not filled
    sections = None if same else filled.packed_part("sections")
    return Filled(keys, made_from, filled.packed_part("notes"), sections, version)


def recall(doc: Document, filled: Filled) -> Document:
    """`doc` filled as remembered (the same value `fill_found` gives), its filled
    parts packed until read."""
    if filled.sections is None:
        return doc.with_packed(notes=filled.notes)
    return doc.with_packed(sections=filled.sections, notes=filled.notes)
