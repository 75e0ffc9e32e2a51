"""Citation linking: every note to its works, every work to every place citing it.

Runs once the whole corpus is read (like Sphinx's resolve phase): the works parsed
from notes are matched to `content/references.bib` (the maintainer's entries win),
the rest get stable keys, and each work collects its citing places. Pure: documents
are copied, never changed in place.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from glossator.bibliography import BibEntry, fingerprint, loose_key, unique_key
from glossator.cache.versions import Versions, derived, unique_slugs
from glossator.diagnostics import Diagnostic, info, warning
from glossator.link.mentions import Mention, find_mentions, mention_index
from glossator.link.scan import InText, Places, Scan, scan_document
from glossator.link.unknown_keys import did_you_mean, unknown_key
from glossator.model import Document, Note
from glossator.notes.parse_note import ParsedWork, unread_reason, work_key
from glossator.notes.resolve import Cite, NoteCites, resolve_document
from glossator.notes.short import work_label

WEB_URL = re.compile(r"^https?://[^\s]+$", re.I)
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")


@dataclass(frozen=True)
class CitingPlace:
    document: str
    note: int  # 0: a citation standing in the text, not in a note
    paragraph: str | None
    marker: str | None  # the marker's anchor id, e.g. `fnref3` or `fnref3-2`
    locator: str | None = None


@dataclass
class Work:
    """One work of the corpus' bibliography, as published."""

    key: str
    entry_type: str
    kind: str
    fields: dict[str, str]
    curated: bool  # listed in references.bib
    confident: bool = True
    cited_by: list[CitingPlace] = field(default_factory=list)

    @property
    def url(self) -> str | None:
        """The work's external link: an http(s) URL, or its DOI's address. Anything
        else a bibliography says (`javascript:`, `file:`) is never made a link."""
        fields = self.fields
        url = fields.get("url")
        if url and WEB_URL.match(url.strip()):
            return url.strip()
        doi = fields.get("doi")
        if not doi:
            return None
        doi = DOI_PREFIX.sub("", doi.strip())
        if DOI.match(doi):
            return "https://doi.org/" + quote(doi, safe="/:;()-._")
        return None


@dataclass
class LinkedCorpus:
    documents: list[Document]
    works: dict[str, Work]
    mentions: dict[tuple[str, str], list[Mention]]  # (slug, paragraph id) -> mentions
    note_cites: dict[tuple[str, int], list[tuple[str, str | None]]]  # -> (key, locator)
    diagnostics: list[Diagnostic]
    versions: Versions = field(default_factory=dict)  # slug -> version (cache.versions)


def kind_of(entry_type: str, fields: dict[str, str]) -> str:
    """A curated entry's kind, for entries the parser never saw."""
    symbol = fields.get("un_symbol", "")
    if symbol:
        if "/RES/" in symbol:
            return "un-resolution"
        return "un-press-release" if PRESS_RELEASE.match(symbol) else "un-document"
    subtype = fields.get("entrysubtype", "").strip().lower()
    if entry_type == "article" and subtype in ("newspaper", "magazine"):
        return f"{subtype}-article"
    if entry_type == "article":
        # a volume, issue, pages, BibLaTeX's journaltitle or subtype: a journal article
        serial = subtype or any(fields.get(f) for f in SERIAL)
        return "journal-article" if serial else "newspaper-article"
    return KINDS.get(entry_type, "other")


SERIAL = ("volume", "number", "pages", "journaltitle")
KINDS = {"book": "book", "incollection": "book", "online": "web-page"}
PRESS_RELEASE = re.compile(r"^[A-Z]+/\d+$")


BibIndex = tuple[dict[str, str], dict[str, str]]
# a parsed work's (type, kind, fields) -> its fingerprint, loose identity and key stem
Identities = dict[tuple[str, str, tuple[tuple[str, str], ...]], tuple[str, str, str | None]]


def bibliography_index(bibliography: dict[str, BibEntry]) -> BibIndex:
    """Each curated entry's key by its fingerprint, and by its loose identity when no
    other entry shares it (pure functions of the entries, so a build may keep them
    while references.bib is unchanged: about two seconds for 5,460 entries)."""
    by_fingerprint = {fingerprint(e.entry_type, e.fields): e.key for e in bibliography.values()}
    by_loose: dict[str, list[str]] = {}
    for e in bibliography.values():
        by_loose.setdefault(loose_key(e.fields), []).append(e.key)
    # a variant finds its entry only when just one entry has its loose identity
    return by_fingerprint, {k: keys[0] for k, keys in by_loose.items() if len(keys) == 1}


class Linker:
    def __init__(
        self,
        bibliography: dict[str, BibEntry],
        bib_path: str,
        index: BibIndex | None = None,
        known: Identities | None = None,
    ) -> None:
        self.bibliography = bibliography
        self.bib_path = bib_path
        self.by_fingerprint, self.by_loose = index or bibliography_index(bibliography)
        self.known = known if known is not None else {}  # identities of earlier builds
        self.identities: Identities = {}  # those of this build's works
        self.works: dict[str, Work] = {}
        self.parsed_keys: dict[str, str] = {}  # loose identity -> key of an uncurated work
        self.diagnostics: list[Diagnostic] = []

    def _known(self, work: ParsedWork) -> tuple[str, str, str | None]:
        """What is worked out once for a work (a pure function of its type, kind and
        fields, so a build may take an earlier one's): its fingerprint and loose
        identity, and once asked for (uncurated works only), the stem of its key."""
        key = (work.entry_type, work.kind, work.fields)
        found = self.identities.get(key) or self.known.get(key)
        if found is None:
            fields = dict(work.fields)
            found = (fingerprint(work.entry_type, fields), loose_key(fields), None)
        self.identities[key] = found
        return found

    def _identity(self, work: ParsedWork) -> tuple[str, str]:
        """The work's fingerprint and loose identity."""
        found = self._known(work)
        return found[0], found[1]

    def _key_stem(self, work: ParsedWork) -> str:
        """`work_key(work)`: some 0.1 ms a work, for 24,000 uncurated ones."""
        found = self._known(work)
        if found[2] is None:
            found = (found[0], found[1], work_key(work) or "work")
            self.identities[(work.entry_type, work.kind, work.fields)] = found
        return found[2]

    def _curated_key(self, work: ParsedWork) -> str | None:
        printed, loose = self._identity(work)
        return self.by_fingerprint.get(printed) or self.by_loose.get(loose)

    def reserve_keys(self, resolved: list[list[NoteCites]], docs: list[Document]) -> None:
        """Give every uncurated work its key before any note is linked, in identity
        order: a key depends on the set of works, not on document names or order. One
        work cited in several forms keeps the fullest (e.g. with its page range), and
        `glossator check` lists the forms it merged."""
        variants: dict[str, list[tuple[ParsedWork, Document, Note]]] = {}
        for doc, document_cites in zip(docs, resolved, strict=True):
            for cites in document_cites:
                for cite in cites.cites:
                    if cite.work is None:
                        continue
                    curated = self._curated_key(cite.work)
                    printed, loose = self._identity(cite.work)
                    if curated is None:
                        variants.setdefault(loose, []).append((cite.work, doc, cites.note))
                    elif self.by_fingerprint.get(printed) is None:
                        self._merged(curated, [(cite.work, doc, cites.note)], curated=True)
        taken = set(self.bibliography)
        for identity in sorted(variants):
            forms = variants[identity]
            work = forms[0][0]  # the fullest form, when there are several:
            if len(forms) > 1:
                work = max((w for w, _, _ in forms), key=lambda w: (len(w.fields), repr(w.fields)))
            key = unique_key(self._key_stem(work), taken)
            taken.add(key)
            self.parsed_keys[identity] = key
            fields = dict(work.fields)
            self.works[key] = Work(key, work.entry_type, work.kind, fields, False, work.confident)
            self._merged(key, forms)

    def _merged(
        self, key: str, forms: list[tuple[ParsedWork, Document, Note]], curated: bool = False
    ) -> None:
        """An info line for each citation whose form differs from the work's first one
        beyond case and punctuation (a subtitle, a journal's qualifier, initials)."""
        seen: dict[str, ParsedWork] = {}
        for work, doc, note in forms:
            print_ = self._identity(work)[0]
            if not curated and (not seen or print_ in seen):
                seen.setdefault(print_, work)
                continue
            seen[print_] = work
            into = f"the entry `{key}` of {self.bib_path}" if curated else f"work `{key}`"
            self.diagnostics.append(
                info(
                    doc.path,
                    note.line,
                    "bib.merged",
                    f"note {note.number}'s citation ({work_label(work)}) is merged into "
                    f"{into}: they differ only in subtitle, spelling of the container or "
                    "names, or case; if they are different works, give each its own entry",
                )
            )

    def key_for(self, work: ParsedWork) -> str:
        curated = self._curated_key(work)
        if curated is not None:
            self._add_curated(curated, work.kind)
            return curated
        return self.parsed_keys[self._identity(work)[1]]

    def _add_curated(self, key: str, kind: str | None = None) -> None:
        if key not in self.works:
            entry = self.bibliography[key]
            kind = kind or kind_of(entry.entry_type, entry.fields)
            fields = {k: v for k, v in entry.fields.items() if k != "glossator-fingerprint"}
            self.works[key] = Work(key, entry.entry_type, kind, fields, True)

    def add_in_text(self, doc: Document, in_text: InText) -> None:
        """Citations standing in the text (an author-date style): each cites its works
        from its paragraph, which is the place a source page links to (note 0)."""
        for paragraph, line, items in in_text:
            for item in items:
                if item.key not in self.bibliography:
                    self.diagnostics.append(self._unknown(doc, line, item.key))
                    continue
                self._add_curated(item.key)
                self.works[item.key].cited_by.append(
                    CitingPlace(doc.slug, 0, paragraph, paragraph, item.locator)
                )

    def add_nocite(self, doc: Document) -> None:
        """The works an essay lists under `nocite` (`@*`: every curated entry) are in
        the bibliography though no note cites them, as in Pandoc."""
        for key in doc.meta.nocite:
            if key == "*":
                for curated in sorted(self.bibliography):
                    self._add_curated(curated)
            elif key in self.bibliography:
                self._add_curated(key)
            else:
                self.diagnostics.append(
                    warning(
                        doc.path,
                        doc.meta.lines.get("nocite", 1),
                        "nocite.unknown-key",
                        f"`nocite` names `@{key}`, which is not in {self.bib_path} or the "
                        f"essay's bibliography; add the entry or fix the key"
                        f"{self._did_you_mean(key)}",
                    )
                )

    def _unknown(self, doc: Document, line: int, key: str) -> Diagnostic:
        return unknown_key(doc.path, line, key, self.bibliography, self.bib_path)

    def _did_you_mean(self, key: str) -> str:
        return did_you_mean(key, self.bibliography)

    def link_note(self, doc: Document, cites: NoteCites) -> list[tuple[str, str | None]]:
        note, keys = cites.note, []
        for code, message in cites.problems:
            self.diagnostics.append(warning(doc.path, note.line, code, message))
        for work in cites.unread:
            self.diagnostics.append(
                warning(
                    doc.path,
                    note.line,
                    "citation.unparsed",
                    f"note {note.number} looks like a citation but could not be read: "
                    f"{unread_reason(work.raw)}; it is linked to no source until it is "
                    f"corrected or cites an entry of {self.bib_path} by key ([@key])",
                )
            )
        for cite in cites.cites:
            key = self._resolve(doc, note, cite)
            if key is not None and all(k != key for k, _ in keys):
                keys.append((key, cite.locator))
        return keys

    def _resolve(self, doc: Document, note: Note, cite: Cite) -> str | None:
        if cite.key is not None:
            if cite.key in self.bibliography:
                self._add_curated(cite.key)
                return cite.key
            self.diagnostics.append(self._unknown(doc, note.line, cite.key))
            return None
        assert cite.work is not None
        return self.key_for(cite.work)


def link_corpus(
    documents: list[Document],
    bibliography: dict[str, BibEntry],
    bib_path: str,
    index: BibIndex | None = None,
    resolve: Callable[[Document], list[NoteCites]] = resolve_document,
    known: Identities | None = None,
    scan: Callable[[Document], Scan] = scan_document,
    versions: Versions | None = None,
) -> LinkedCorpus:
    """Link every document's notes to works; documents come out in slug order.
    `index` is `bibliography_index(bibliography)`, when the caller has it; `resolve`
    is `notes.resolve_document` or a cached stand-in for it, as `scan` is for
    `scan.scan_document`; `known` the identities of works an earlier build worked
    out, and gets this build's in their place; `versions` each document's version
    (`cache.versions`), from which the linked copies' are derived."""
    linker = Linker(bibliography, bib_path, index, known)
    ordered = sorted(documents, key=lambda d: d.slug)
    resolved = [resolve(doc) for doc in ordered]
    linker.reserve_keys(resolved, ordered)
    linked_docs, note_cites, made, versions = [], {}, [], versions or {}
    for doc, document_cites in zip(ordered, resolved, strict=True):
        notes = []
        for cites in document_cites:
            keys = linker.link_note(doc, cites)
            note_cites[(doc.slug, cites.note.number)] = keys
            notes.append(with_sources(cites.note, [k for k, _ in keys]))
        linked_docs.append(dataclasses.replace(doc, notes=notes))  # it adds the sources:
        made.append(
            (doc.slug, derived(versions.get(doc.slug), "linked", [n.sources for n in notes]))
        )
    scans = [scan(doc) for doc in ordered]
    for doc, scanned in zip(linked_docs, scans, strict=True):
        _collect_places(doc, scanned.places, linker.works, note_cites)
        linker.add_in_text(doc, scanned.in_text)
        linker.add_nocite(doc)
    named = mention_index(linker.works)
    mentions = {
        (doc.slug, paragraph): found
        for doc, scanned in zip(linked_docs, scans, strict=True)
        for paragraph, phrases in scanned.spans
        if (found := find_mentions(phrases, named))
    }
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
                    doc.path if doc else bib_path,
                    line,
                    "bib.uncurated",
                    f"work `{key}` is used as parsed from the note; run `glossator "
                    f"bib` to add it to {bib_path} for curation",
                )
            )
    if known is not None:
        known.clear()
        known.update(linker.identities)
    return LinkedCorpus(
        linked_docs, linker.works, mentions, note_cites, linker.diagnostics, unique_slugs(made)
    )


def with_sources(note: Note, sources: list[str]) -> Note:
    """A copy of `note` citing `sources`: what `dataclasses.replace` makes (the same
    fields, in the order `Note.__init__` sets them, and no cached text), without its
    walk of the fields, once for each of a corpus' 50,000 notes."""
    copy = object.__new__(Note)
    copy.number, copy.id, copy.line = note.number, note.id, note.line
    copy.generated, copy.sources, copy.blocks = note.generated, sources, note.blocks
    return copy


def _collect_places(
    doc: Document, places: Places, works: dict[str, Work], note_cites: dict[tuple[str, int], list]
) -> None:
    for note in doc.notes:
        for key, locator in note_cites[(doc.slug, note.number)]:
            for paragraph_id, marker_id in places.get(note.number, [(None, None)]):
                works[key].cited_by.append(
                    CitingPlace(doc.slug, note.number, paragraph_id, marker_id, locator)
                )
