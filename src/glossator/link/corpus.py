"""Citation linking: every note to its works, every work to every place citing it.

Runs once the whole corpus is read (like Sphinx's resolve phase): the works parsed
from notes are matched to `content/references.bib` (the maintainer's entries win),
the rest get stable keys, and each work collects its citing places. Pure: documents
are copied, never changed in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from glossator.bibliography import BibEntry
from glossator.cache.store import digest
from glossator.cache.versions import Versions, derived, unique_slugs
from glossator.diagnostics import Diagnostic, info
from glossator.link.linker import BibIndex, Linker, bibliography_index
from glossator.link.mentions import Mention, find_mentions, mention_index
from glossator.link.parts import DocLink, Linked, Memo
from glossator.link.patch import (
    LinkState,
    part_keys,
    patch_works,
    reserved_works,
    same_reservation,
)
from glossator.link.scan import Scan, scan_document
from glossator.link.works import CitingPlace, Work, kind_of
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
    # slug -> the keys its notes cite, in note order, once each (read without its notes)
    sources: dict[str, list[str]] = field(default_factory=dict)


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
    previous: LinkState | None = None,
    record: Callable[[LinkState], None] | None = None,
) -> LinkedCorpus:
    """Link every document's notes to works; documents come out in slug order.
    `index` is `bibliography_index(bibliography)`, when the caller has it; `resolve`
    is `notes.resolve_document` or a cached stand-in for it, as `scan` is for
    `scan.scan_document`; `versions` each document's version (`cache.versions`), from
    which the linked copies' are derived. With `memo` and `bib_digest` (a digest of
    `bibliography`), each document's part (`parts.DocLink`) is kept under its version
    and taken when it was made from the same bibliography and keys: an unchanged
    essay is neither resolved nor linked again. `record` is handed what this call
    made (`patch.LinkState`), which a later call takes as `previous` to look again
    only at the documents whose part changed."""
    linker = Linker(bibliography, bib_path, index)
    ordered = sorted(documents, key=lambda d: d.slug)
    versions = versions or {}
    made_with = digest(bib_digest, bib_path) if bib_digest is not None else None
    kept: list[DocLink | None] = []
    for doc in ordered:
        version = versions.get(doc.slug)
        kept.append(memo.get(version) if memo is not None and version and made_with else None)
    resolved: list[list[NoteCites] | None] = [None] * len(ordered)
    # A packed document's notes are read here one essay at a time and let go once read
    # (resolved again, from what the reader kept, to be linked): the linked copies are
    # packed anew, and a thousand essays' notes were 74 MiB at once.
    packed = {id(d): d.packed_part("notes") for d in ordered if d.is_packed("notes")}

    def let_go(doc: Document) -> None:
        if id(doc) in packed:
            doc.put_back("notes", packed[id(doc)])

    identities, summaries = [], []
    for n, (doc, earlier) in enumerate(zip(ordered, kept, strict=True)):
        if earlier is not None and earlier.bibliography == made_with:
            identities.append(earlier.identities)
            summaries.append(earlier.summary)
            continue
        found = resolve(doc)
        identities.append(linker.identities(found, earlier))
        summaries.append(linker.summarize(doc, found, identities[-1], earlier))
        kept[n] = None  # its summary is new: its linked part is made again
        resolved[n] = None if id(doc) in packed else found  # a packed one: resolved again
        let_go(doc)
    if previous is not None and same_reservation(previous, made_with, ordered, summaries):
        linker.parsed_keys = previous.parsed_keys
        linker.diagnostics = list(previous.reserve_diagnostics)
    else:
        previous = None
        linker.reserve_keys(summaries, ordered)
    reserve_diagnostics = list(linker.diagnostics)
    parts, made_keys = [], []
    for n, doc in enumerate(ordered):
        if previous is not None and summaries[n] is previous.reserved[n][2]:
            keys = previous.uncurated_keys[n]  # the same reservation and summary
        else:
            keys = linker.keys_of(summaries[n])
        made_keys.append(keys)
        earlier = kept[n]
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
        resolved[n] = None
        let_go(doc)
    touched = _put_works(linker, parts, previous)
    docs_versions = [versions.get(doc.slug) for doc in ordered]
    linked_docs, made, note_cites = _linked_documents(ordered, parts, docs_versions, previous)
    named = (
        previous.named
        if previous is not None and touched is not None and _same_fields(linker, previous, touched)
        else mention_index(linker.works)
    )
    found_mentions = []
    for n, part in enumerate(parts):
        if previous is not None and named is previous.named and part is previous.parts[n]:
            found_mentions.append(previous.mentions[n])
            continue
        found_mentions.append(
            [(p, found) for p, phrases in part.spans if (found := find_mentions(phrases, named))]
        )
    mentions = {
        (doc.slug, paragraph): found
        for doc, each in zip(linked_docs, found_mentions, strict=True)
        for paragraph, found in each
    }
    earlier_infos = previous.uncurated if previous is not None and touched is not None else {}
    infos = _uncurated(linker, linked_docs, parts, earlier_infos, touched or set())
    linker.diagnostics += infos.values()
    if record is not None and made_with is not None:
        known = previous.keys if previous is not None else {}
        record(
            LinkState(
                *(
                    made_with,
                    [(d.slug, d.path, s) for d, s in zip(ordered, summaries, strict=True)],
                ),
                *(linker.parsed_keys, reserve_diagnostics, parts, docs_versions, linked_docs),
                *(made, linker.works, infos, named, found_mentions, note_cites, made_keys),
                {id(p): part_keys(p, known) for p in parts},
            )
        )
    sources: dict[str, list[str]] = {}
    for doc, part in zip(linked_docs, parts, strict=True):  # the first of a slug, as render's
        if doc.slug not in sources:
            sources[doc.slug] = list(dict.fromkeys(k for ks in part.note_sources() for k in ks))
    return LinkedCorpus(
        *(linked_docs, linker.works, mentions, note_cites, linker.diagnostics),
        *(unique_slugs(made), sources),
    )


def _put_works(linker: Linker, parts: list[Linked], previous: LinkState | None) -> set[str] | None:
    """The parts put into the linker's works; with `previous` (the same reservation),
    only the works the changed parts cite are made again. The keys made again, or
    None when every work was."""
    patched = patch_works(previous, parts, linker.curated_work) if previous else None
    if patched is not None:
        linker.works, touched = patched
        for part in parts:
            linker.diagnostics += part.diagnostics
        return touched
    if previous is not None:  # the reservation is the recorded one, but not the order
        linker.works = reserved_works(previous)
    for part in parts:
        linker.add(part, later=False)
    for part in parts:
        linker.add(part, later=True)
    return None


def _same_fields(linker: Linker, previous: LinkState, touched: set[str]) -> bool:
    return all(linker.works[k].fields == previous.works[k].fields for k in touched)


def _linked_documents(
    ordered: list[Document],
    parts: list[Linked],
    versions: list[str | None],
    previous: LinkState | None,
) -> tuple[list[Document], list[tuple[str, str | None]], dict]:
    """Each document with its notes' sources, its derived version, and every note's
    keys by (slug, number); a document of the recorded version whose part is the
    recorded one is the recorded copy."""
    linked_docs, made, changed = [], [], []
    for n, (doc, part) in enumerate(zip(ordered, parts, strict=True)):
        version = versions[n]
        if (
            previous is not None
            and version is not None
            and part is previous.parts[n]
            and version == previous.versions[n]
        ):
            linked_docs.append(previous.linked_docs[n])
            made.append(previous.made[n])
            continue
        changed.append(n)
        assert part.notes is not None  # `Linker.link_document` packs them
        linked_docs.append(doc.with_packed(notes=part.notes))  # with their sources
        made.append((doc.slug, derived(version, "linked", part.note_sources())))
    if previous is not None and all(parts[n].numbers == previous.parts[n].numbers for n in changed):
        note_cites = dict(previous.note_cites) if changed else previous.note_cites
        todo = changed
    else:
        note_cites, todo = {}, range(len(ordered))
    for n in todo:
        slug = ordered[n].slug
        for number, keys in zip(parts[n].numbers, parts[n].note_cites, strict=True):
            note_cites[(slug, number)] = keys
    return linked_docs, made, note_cites


def _uncurated(
    linker: Linker,
    linked_docs: list[Document],
    parts: list[Linked],
    earlier: dict[str, Diagnostic],
    touched: set[str],
) -> dict[str, Diagnostic]:
    """An info line for each work not in the bibliography, at its first citing note
    (the recorded line of a work no changed part cites)."""
    by_slug: dict[str, tuple[Document, Linked, dict[int, int]]] = {}
    for doc, part in zip(linked_docs, parts, strict=True):  # the first of a slug
        by_slug.setdefault(doc.slug, (doc, part, {}))
    infos: dict[str, Diagnostic] = {}
    todo: Iterable[str] = linker.works
    if earlier:  # the works in the recorded order: the recorded lines, the touched made again
        infos, todo = dict(earlier), touched
    for key in todo:
        work = linker.works[key]
        if work.curated:
            continue
        place = work.cited_by[0] if work.cited_by else None
        doc, part, lines = (
            by_slug.get(place.document, (None, None, {})) if place else (None, None, {})
        )
        if part is not None and not lines:  # the first note of a number wins
            lines.update(zip(reversed(part.numbers), reversed(part.lines), strict=True))
        line = lines[place.note] if doc and place else 1
        infos[key] = info(
            doc.path if doc else linker.bib_path,
            line,
            "bib.uncurated",
            f"work `{key}` is used as parsed from the note; run `glossator "
            f"bib` to add it to {linker.bib_path} for curation",
        )
    return infos
