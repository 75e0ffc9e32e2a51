"""The link stage's work on one document at a time, and the little it does across
documents: reserving the keys of uncurated works, and putting each document's part
(`parts.py`) into the corpus' works."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from glossator.bibliography import BibEntry, fingerprint, loose_key, unique_key
from glossator.cache.store import value_digest
from glossator.diagnostics import Diagnostic, info, warning
from glossator.link.parts import DocLink, Linked, Prints, Summary
from glossator.link.scan import Scan
from glossator.link.unknown_keys import did_you_mean, unknown_key
from glossator.link.works import CitingPlace, Work, kind_of, place, with_sources
from glossator.model import Document, Note
from glossator.model.packed import pack
from glossator.notes.parse_note import ParsedWork, unread_reason, work_key
from glossator.notes.resolve import Cite, NoteCites
from glossator.notes.short import work_label

BibIndex = tuple[dict[str, str], dict[str, str]]


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
        self, bibliography: dict[str, BibEntry], bib_path: str, index: BibIndex | None = None
    ) -> None:
        self.bibliography = bibliography
        self.bib_path = bib_path
        self.by_fingerprint, self.by_loose = index or bibliography_index(bibliography)
        self.works: dict[str, Work] = {}
        self.parsed_keys: dict[str, str] = {}  # loose identity -> key of an uncurated work
        self.diagnostics: list[Diagnostic] = []
        self._identities: dict[tuple, tuple[str, str]] = {}  # this build's, by work

    def _identity(self, work: ParsedWork) -> tuple[str, str]:
        """The work's fingerprint and loose identity (some 0.2 ms), once per build."""
        key = (work.entry_type, work.kind, work.fields)
        found = self._identities.get(key)
        if found is None:
            fields = dict(work.fields)
            found = self._identities[key] = fingerprint(work.entry_type, fields), loose_key(fields)
        return found

    def _curated(self, printed: str, loose: str) -> str | None:
        return self.by_fingerprint.get(printed) or self.by_loose.get(loose)

    def identities(self, resolved: list[NoteCites], earlier: DocLink | None) -> list[tuple]:
        """Each cited work's fingerprint and loose identity, in citation order; those of
        an earlier part of the same document when it has them."""
        works = [c.work for cites in resolved for c in cites.cites if c.work is not None]
        if earlier is not None and len(earlier.identities) == len(works):
            return earlier.identities
        return [self._identity(work) for work in works]

    def summarize(
        self,
        doc: Document,
        resolved: list[NoteCites],
        identities: list[tuple[str, str]],
        earlier: DocLink | None = None,
    ) -> Summary:
        """What reserving keys reads of one document (see `parts.Summary`). The key
        stem of a work (`work_key`, some 0.1 ms) is taken from `earlier` for the same
        fullest form."""
        summary, forms = Summary(), iter(identities)
        for cites in resolved:
            note = cites.note
            for cite in cites.cites:
                if cite.work is None:
                    continue
                work = cite.work
                printed, loose = next(forms)
                curated = self._curated(printed, loose)
                if curated is not None:
                    if self.by_fingerprint.get(printed) is None:
                        into = f"the entry `{curated}` of {self.bib_path}"
                        said = _merged(doc.path, note.line, note.number, work_label(work), into)
                        summary.merged.append(said)
                    continue
                found = summary.uncurated.get(loose)
                if found is None:
                    found = summary.uncurated[loose] = (work, "", {})
                elif _fullness(work) > _fullness(found[0]):  # the first fullest form
                    found = summary.uncurated[loose] = (work, "", found[2])
                if printed not in found[2]:
                    found[2][printed] = (note.line, note.number, work_label(work))
        before = earlier.summary.uncurated if earlier is not None else {}
        for loose, (work, _, prints) in summary.uncurated.items():
            kept = before.get(loose)
            stem = kept[1] if kept is not None and kept[0] == work else work_key(work) or "work"
            summary.uncurated[loose] = (work, stem, prints)
        return summary

    def reserve_keys(self, summaries: list[Summary], docs: list[Document]) -> None:
        """Give every uncurated work its key before any note is linked, in identity
        order: a key depends on the set of works, not on document names or order. One
        work cited in several forms keeps the fullest (e.g. with its page range), and
        `glossator check` lists the forms it merged."""
        variants: dict[str, list[tuple[ParsedWork, str, Document, Prints]]] = {}
        for doc, summary in zip(docs, summaries, strict=True):
            self.diagnostics += summary.merged
            for loose, (work, stem, prints) in summary.uncurated.items():
                variants.setdefault(loose, []).append((work, stem, doc, prints))
        taken = set(self.bibliography)
        for identity in sorted(variants):
            forms = variants[identity]
            work, stem = forms[0][0], forms[0][1]
            for other, other_stem, _, _ in forms[1:]:
                if _fullness(other) > _fullness(work):
                    work, stem = other, other_stem
            key = unique_key(stem, taken)
            taken.add(key)
            self.parsed_keys[identity] = key
            fields = dict(work.fields)
            self.works[key] = Work(key, work.entry_type, work.kind, fields, False, work.confident)
            seen: set[str] = set()
            for _, _, doc, prints in forms:  # every form after the work's first one
                for printed, (line, number, label) in prints.items():
                    if seen and printed not in seen:
                        into = f"work `{key}`"
                        self.diagnostics.append(_merged(doc.path, line, number, label, into))
                    seen.add(printed)

    def keys_of(self, summary: Summary) -> str:
        """A digest of the keys the summary's uncurated works got (`DocLink.keys`)."""
        return value_digest([(loose, self.parsed_keys[loose]) for loose in summary.uncurated])

    def link_document(
        self,
        doc: Document,
        resolved: list[NoteCites],
        identities: list[tuple[str, str]],
        scanned: Scan,
    ) -> Linked:
        """One document's part (see `parts.Linked`), its keys reserved: it changes
        nothing of the corpus' works, which `add` does."""
        out = Linked(spans=scanned.spans)
        forms = iter(identities)
        by_number: dict[int, list[tuple[str, str | None]]] = {}
        for cites in resolved:
            keys = self._link_note(doc, cites, forms, out)
            out.note_cites.append(keys)
            by_number[cites.note.number] = keys
        nowhere = [(None, None)]
        for note in doc.notes:
            for key, locator in by_number.get(note.number, []):
                for paragraph, marker in scanned.places.get(note.number, nowhere):
                    out.later.append(
                        (key, place(doc.slug, note.number, paragraph, marker, locator))
                    )
        for paragraph, line, items in scanned.in_text:  # citations standing in the text
            for item in items:  # each cites its works from its paragraph (note 0)
                if item.key not in self.bibliography:
                    out.diagnostics.append(self._unknown(doc, line, item.key))
                    continue
                at = CitingPlace(doc.slug, 0, paragraph, paragraph, item.locator)
                out.later.append((item.key, at))
        self._nocite(doc, out)
        notes = [
            with_sources(note, keys)
            for note, keys in zip(doc.notes, out.note_sources(), strict=True)
        ]
        out.notes, out.numbers = pack(notes, doc.HINTS), [note.number for note in doc.notes]
        out.lines = [note.line for note in doc.notes]
        return out

    def add(self, linked: Linked, later: bool) -> None:
        """A document's part put into the corpus' works: the works its notes cite, or
        (`later`, once every document's notes are in) its places and other works."""
        if not later:
            for key, kind in linked.adds:
                self._add_curated(key, kind)
            self.diagnostics += linked.diagnostics
            return
        for key, at in linked.later:
            if key not in self.works:
                self._add_curated(key)
            if at is not None:
                self.works[key].cited_by.append(at)

    def _add_curated(self, key: str, kind: str | None = None) -> None:
        if key not in self.works:
            self.works[key] = self.curated_work(key, kind)

    def curated_work(self, key: str, kind: str | None = None) -> Work:
        """The work of a curated entry, of the kind its first citation gave, or its own."""
        entry = self.bibliography[key]
        kind = kind or kind_of(entry.entry_type, entry.fields)
        fields = {k: v for k, v in entry.fields.items() if k != "glossator-fingerprint"}
        return Work(key, entry.entry_type, kind, fields, True)

    def _nocite(self, doc: Document, out: Linked) -> None:
        """The works an essay lists under `nocite` (`@*`: every curated entry) are in
        the bibliography though no note cites them, as in Pandoc."""
        for key in doc.meta.nocite:
            if key == "*":
                out.later += [(curated, None) for curated in sorted(self.bibliography)]
            elif key in self.bibliography:
                out.later.append((key, None))
            else:
                out.diagnostics.append(
                    warning(
                        doc.path,
                        doc.meta.lines.get("nocite", 1),
                        "nocite.unknown-key",
                        f"`nocite` names `@{key}`, which is not in {self.bib_path} or the "
                        f"essay's bibliography; add the entry or fix the key"
                        f"{did_you_mean(key, self.bibliography)}",
                    )
                )

    def _unknown(self, doc: Document, line: int, key: str) -> Diagnostic:
        return unknown_key(doc.path, line, key, self.bibliography, self._searched(doc))

    def _searched(self, doc: Document) -> str:
        """The bibliographies a key of `doc` is looked up in, as the message names them:
        the curated one and the files its front matter names (`bibliography:`, beside
        the essays: `bibliography.essays`)."""
        essays = PurePosixPath(self.bib_path).parent / "essays"
        named = [self.bib_path, *(str(essays / name) for name in doc.meta.bibliography)]
        return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]

    def _link_note(
        self, doc: Document, cites: NoteCites, forms: Iterator[tuple[str, str]], out: Linked
    ) -> list[tuple[str, str | None]]:
        note, keys = cites.note, []
        for code, message in cites.problems:
            out.diagnostics.append(warning(doc.path, note.line, code, message))
        for work in cites.unread:
            out.diagnostics.append(
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
            key = self._resolve(doc, note, cite, forms, out)
            if key is not None and all(k != key for k, _ in keys):
                keys.append((key, cite.locator))
        return keys

    def _resolve(
        self,
        doc: Document,
        note: Note,
        cite: Cite,
        forms: Iterator[tuple[str, str]],
        out: Linked,
    ) -> str | None:
        if cite.key is not None:
            if cite.key in self.bibliography:
                out.adds.append((cite.key, None))
                return cite.key
            out.diagnostics.append(self._unknown(doc, note.line, cite.key))
            return None
        assert cite.work is not None
        printed, loose = next(forms)
        curated = self._curated(printed, loose)
        if curated is not None:
            out.adds.append((curated, cite.work.kind))
            return curated
        return self.parsed_keys[loose]


def _fullness(work: ParsedWork) -> tuple[int, int, str]:
    """Which of a work's forms it is published in: the one with the most fields, then
    the widest page range (an article's "747-771" over a note's "753-754", which is the
    pages it cites)."""
    return len(work.fields), _span(work.field("pages") or ""), repr(work.fields)


def _span(pages: str) -> int:
    """How many pages "747--771" covers ("1481--510" is 1481 to 1510); 0 if not a range."""
    m = re.fullmatch(r"(\d+)\s*-+\s*(\d+)", pages.strip())
    if not m:
        return 0
    first, last = m[1], m[2]
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return max(int(last) - int(first), 0)


def _merged(path: str, line: int, number: int, label: str, into: str) -> Diagnostic:
    """The info line for a citation whose form differs from its work's first one
    beyond case and punctuation (a subtitle, a journal's qualifier, initials)."""
    return info(
        path,
        line,
        "bib.merged",
        f"note {number}'s citation ({label}) is merged into {into}: they differ only "
        "in subtitle, spelling of the container or names, or case; if they are different "
        "works, give each its own entry",
    )
