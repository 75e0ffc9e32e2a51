"""Citation linking: every note to its works, every work to every place citing it.

Runs once the whole corpus is read (like Sphinx's resolve phase): the works parsed
from notes are matched to `content/references.bib` (the maintainer's entries win),
the rest get stable keys, and each work collects its citing places. Pure: documents
are copied, never changed in place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from glossator.bibliography import BibEntry
from glossator.cache.store import digest
from glossator.cache.versions import Versions, derived, unique_slugs
from glossator.diagnostics import Diagnostic, info
from glossator.link.linker import BibIndex, Linker, bibliography_index
from glossator.link.mentions import Mention, find_mentions, mention_index
from glossator.link.parts import DocLink, Memo
from glossator.link.scan import Scan, scan_document
from glossator.link.works import CitingPlace, Work, kind_of, with_sources
from glossator.model import Document
from glossator.notes.resolve import NoteCites, resolve_document

# what the later stages and tests take from here, wherever it is defined
__all__ = [
    "BibIndex",
    "CitingPlace",
    "LinkedCorpus",
    "Mention",
    "Work",
    "bibliography_index",
    "kind_of",
    "link_corpus",
]


@dataclass
class LinkedCorpus:
    documents: list[Document]
    works: dict[str, Work]
    mentions: dict[tuple[str, str], list[Mention]]  # (slug, paragraph id) -> mentions
    note_cites: dict[tuple[str, int], list[tuple[str, str | None]]]  # -> (key, locator)
    diagnostics: list[Diagnostic]
    versions: Versions = field(default_factory=dict)  # slug -> version (cache.versions)


def link_corpus(
    documents: list[Document],
    bibliography: dict[str, BibEntry],
    bib_path: str,
    index: BibIndex | None = None,
    resolve: Callable[[Document], list[NoteCites]] = resolve_document,
    scan: Callable[[Document], Scan] = scan_document,
    versions: Versions | None = None,
    memo: Memo | None = None,
    bib_digest: str | None = None,
) -> LinkedCorpus:
    """Link every document's notes to works; documents come out in slug order.
    `index` is `bibliography_index(bibliography)`, when the caller has it; `resolve`
    is `notes.resolve_document` or a cached stand-in for it, as `scan` is for
    `scan.scan_document`; `versions` each document's version (`cache.versions`), from
    which the linked copies' are derived. With `memo` and `bib_digest` (a digest of
    `bibliography`), each document's part (`parts.DocLink`) is kept under its version
    and taken when it was made from the same bibliography and keys: an unchanged
    essay is neither resolved nor linked again."""
    linker = Linker(bibliography, bib_path, index)
    ordered = sorted(documents, key=lambda d: d.slug)
    versions = versions or {}
    made_with = digest(bib_digest, bib_path) if bib_digest is not None else None
    kept: list[DocLink | None] = []
    for doc in ordered:
        version = versions.get(doc.slug)
        kept.append(memo.get(version) if memo is not None and version and made_with else None)
    resolved: list[list[NoteCites] | None] = [None] * len(ordered)
    identities, summaries = [], []
    for n, (doc, earlier) in enumerate(zip(ordered, kept, strict=True)):
        if earlier is not None and earlier.bibliography == made_with:
            identities.append(earlier.identities)
            summaries.append(earlier.summary)
            continue
        resolved[n] = found = resolve(doc)
        identities.append(linker.identities(found, earlier))
        summaries.append(linker.summarize(doc, found, identities[-1], earlier))
        kept[n] = None  # its summary is new: its linked part is made again
    linker.reserve_keys(summaries, ordered)
    parts = []
    for n, doc in enumerate(ordered):
        keys, earlier = linker.keys_of(summaries[n]), kept[n]
        if earlier is not None and earlier.keys == keys and earlier.linked is not None:
            parts.append(earlier.linked)
            continue
        found = resolved[n] if resolved[n] is not None else resolve(doc)
        parts.append(linker.link_document(doc, found, identities[n], scan(doc)))
        version = versions.get(doc.slug)
        if memo is not None and version and made_with:
            ours = len(found) == len(doc.notes) and all(  # else not to be taken as it is
                c.note is note for c, note in zip(found, doc.notes, strict=True)
            )
            part = parts[-1] if ours else None
            memo.put(doc, version, DocLink(identities[n], made_with, summaries[n], keys, part))
    for part in parts:
        linker.add(part, later=False)
    linked_docs, note_cites, made = [], {}, []
    for doc, part in zip(ordered, parts, strict=True):
        notes = []
        for note, keys in zip(doc.notes, part.note_cites, strict=True):
            note_cites[(doc.slug, note.number)] = keys
            notes.append(with_sources(note, [k for k, _ in keys]))
        linked_docs.append(dataclasses.replace(doc, notes=notes))  # it adds the sources:
        made.append(
            (doc.slug, derived(versions.get(doc.slug), "linked", [n.sources for n in notes]))
        )
    for part in parts:
        linker.add(part, later=True)
    named = mention_index(linker.works)
    mentions = {
        (doc.slug, paragraph): found
        for doc, part in zip(linked_docs, parts, strict=True)
        for paragraph, phrases in part.spans
        if (found := find_mentions(phrases, named))
    }
    _uncurated(linker, linked_docs)
    return LinkedCorpus(
        linked_docs, linker.works, mentions, note_cites, linker.diagnostics, unique_slugs(made)
    )


def _uncurated(linker: Linker, linked_docs: list[Document]) -> None:
    """An info line for each work not in the bibliography, at its first citing note."""
    by_slug: dict[str, tuple[Document, dict[int, int]]] = {}
    for doc in linked_docs:  # the first of a slug, as a walk of the list finds
        by_slug.setdefault(doc.slug, (doc, {}))
    for key, work in linker.works.items():
        if not work.curated:
            place = work.cited_by[0] if work.cited_by else None
            doc, lines = by_slug.get(place.document, (None, {})) if place else (None, {})
            if doc is not None and not lines:
                for note in reversed(doc.notes):  # the first note of a number wins
                    lines[note.number] = note.line
            line = lines[place.note] if doc and place else 1
            linker.diagnostics.append(
                info(
                    doc.path if doc else linker.bib_path,
                    line,
                    "bib.uncurated",
                    f"work `{key}` is used as parsed from the note; run `glossator "
                    f"bib` to add it to {linker.bib_path} for curation",
                )
            )
