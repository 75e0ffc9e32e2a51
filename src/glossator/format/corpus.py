"""Format the linked corpus' works: the CSL style's entries, BibTeX and CSL-JSON.

Runs after linking and before rendering. Pandoc citations (`[@key, 45]`) get their
text here, in the style's note forms, positions applied (`citations.py`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from glossator.bibliography import BibEntry, entry_to_bibtex
from glossator.cache.versions import Versions, derived, unique_slugs
from glossator.format.batches import Run, chunks, in_order
from glossator.format.citations import Found, fill_found, fill_reads, find_citations
from glossator.format.csl_items import CslItems, pack
from glossator.format.csl_json import sort_key_chicago, to_csl_json
from glossator.format.csl_text import FormattedEntry
from glossator.format.engine import CitationStyle
from glossator.format.filled import Memo, cited_keys, inputs, recall, remember
from glossator.format.patch import FormatState, WorksPart, identity, same_works
from glossator.link.corpus import LinkedCorpus
from glossator.link.works import Work
from glossator.model import Document
from glossator.progress import FORMATTING, Progress, silent, step

FORMS_CHUNK = 2000  # works' forms made in a part: some 0.5 s


@dataclass
class FormattedCorpus:
    """What rendering needs, as one value: the linked corpus (its documents' key-cited
    notes given their text) and each work formatted, every mapping in bibliography order."""

    linked: LinkedCorpus
    entries: dict[str, FormattedEntry]
    bibtex: dict[str, str]
    csl_items: CslItems


def format_corpus(
    linked: LinkedCorpus,
    style_name: str | CitationStyle,
    essay_styles: dict[str, CitationStyle] | None = None,
    known: dict | None = None,
    progress: Progress = silent,
    run: Run = in_order,
    memo: Memo | None = None,
    previous: FormatState | None = None,
    record: Callable[[FormatState], None] | None = None,
) -> FormattedCorpus:
    """Raises ValueError for an unknown site style (the caller reports it). The style
    is a name, or one already made (the build's, which caches its results).

    `essay_styles` gives the style an essay names in its front matter (`csl:`), by
    slug: its citations are formatted in it; the site's bibliography stays in the
    site's style.

    `known` holds each work's CSL-JSON, BibTeX and sort key from an earlier build, by the work's
    key, type, kind and fields (of which they are pure functions), and gets this
    build's in their place. `progress` hears of the bibliography, then of each essay.
    `run` is handed the bibliography's chunks, then the documents to format (a pool
    of processes spreads them over the cores), after the bibliography has decided
    what the notes take from it. `memo` keeps what each document was filled with, for
    a later build to take when its inputs are the same (`filled.py`). `record` is
    handed what this call made (`patch.FormatState`), which a later call takes as
    `previous` where its inputs are the recorded ones."""
    style = style_name if isinstance(style_name, CitationStyle) else CitationStyle(style_name)
    essay_styles = essay_styles or {}
    style_key = getattr(style, "key", None)  # a cached style's; None: nothing recorded
    recorded = previous.works if previous is not None else None
    before = style.decisions()
    if same_works(recorded, linked.works, style_key) and recorded.before == before:
        part, changed = recorded, False  # `known` is left as it is: the same works
        style.restore(part.decisions)
    else:
        part, changed = _format_works(linked, style, style_key, before, known, run, progress)
    documents, versions, state = _fill_documents(
        linked, part.csl_items, style, essay_styles, run, progress, memo, previous
    )
    if record is not None and style_key is not None:
        record(FormatState(part, *state, changed))
    entries, bibtex, csl_items = part.ordered
    return FormattedCorpus(
        dataclasses.replace(linked, documents=documents, versions=versions),
        entries,
        bibtex,
        csl_items,
    )


def _format_works(
    linked: LinkedCorpus,
    style: CitationStyle,
    style_key: str | None,
    before: object,
    known: dict | None,
    run: Run,
    progress: Progress,
) -> tuple[WorksPart, bool]:
    """Each work's CSL-JSON, BibTeX and sort key (from `known` where it has them), and
    the style's entries for them all; whether `known` changed."""
    earlier, done = known if known is not None else {}, {}
    new: list[tuple[str, Work]] = []
    for key, work in linked.works.items():
        made_from = identity(key, work)
        done[key] = made_from, earlier.get(made_from)
        if done[key][1] is None:
            new.append((key, work))
    parts = chunks(len(new), FORMS_CHUNK)  # a cold build's 29,573 took 10 s in one process
    made = run(lambda n: [work_forms(*new[i]) for i in parts[n]], len(parts))
    for (key, _), found in zip(new, (f for part in made for f in part), strict=True):
        done[key] = done[key][0], found
    changed = known is not None and known != dict(done.values())
    if changed:
        known.clear()
        known.update(done.values())
    csl_items = CslItems((key, found[0]) for key, (_, found) in done.items())
    with step(progress, "Formatting the bibliography"):
        entries = style.entries_of(csl_items, run)
    order = sorted(csl_items, key=lambda k: (done[k][1][2], k))
    ordered = (
        {k: entries[k] for k in order},
        {key: done[key][1][1] for key in order},
        CslItems((k, csl_items.packed(k)) for k in order),
    )
    identities = {key: made_from for key, (made_from, _) in done.items()}
    return WorksPart(
        *(style_key or "", before, linked.works, identities, csl_items),
        *(style.decisions(), ordered),
    ), changed


def work_forms(key: str, work: Work) -> tuple[bytes, str, tuple]:
    """A work's CSL-JSON (pickled, as `CslItems` keeps it), BibTeX and Chicago sort
    key: pure functions of its key, type, kind, fields and whether it is curated
    (`patch.identity`)."""
    item = to_csl_json(key, work.entry_type, work.kind, work.fields, work.curated)
    bibtex = entry_to_bibtex(BibEntry(key, work.entry_type, work.fields, 0))
    return pack(item), bibtex, sort_key_chicago(item)


def _fill_documents(
    linked: LinkedCorpus,
    packed: CslItems,
    style: CitationStyle,
    essay_styles: dict[str, CitationStyle],
    run: Run,
    progress: Progress,
    memo: Memo | None = None,
    previous: FormatState | None = None,
) -> tuple[list[Document], Versions, tuple]:
    """Each document with its citations' text, those of one style formatted together,
    and the filled documents' versions (`cache.versions`); with `memo`, a document
    filled before from the same inputs is taken from it; with `previous`, a recorded
    document's filling when it is the recorded linked document, in the same style
    from the same items. Last, what `FormatState` records of the documents."""
    docs: list[Document | None] = [None] * len(linked.documents)
    versions: list[str | None] = [None] * len(docs)
    styles = [essay_styles.get(doc.slug, style) for doc in linked.documents]
    # a style's key names its file, not what its bibliography decided: an essay naming
    # the site's style has an instance of its own, which decided nothing
    style_keys = [(s.key, s is style) if getattr(s, "key", None) else None for s in styles]
    same_items = previous is not None and previous.works.csl_items is packed
    csl_items = packed.unpacking()  # each item read once, shared by its citations
    recorded = dict(enumerate(previous.linked)) if same_items and previous else {}
    found: list[Found | None] = []
    working: list[Document | None] = [None] * len(docs)
    kept_now: list = []
    for n, doc in enumerate(linked.documents):
        if (
            previous is not None
            and recorded.get(n) is doc
            and style_keys[n] is not None
            and previous.styles[n] == style_keys[n]
        ):  # what the memo holds for it is what it held then: this call alone puts there
            kept_now.append(previous.kept[n])
            docs[n], versions[n] = previous.filled[n], previous.versions[n]
            found.append(None)
            continue
        version = linked.versions.get(doc.slug)
        kept = memo.get(styles[n], version) if memo is not None and version else None
        kept_now.append(kept)
        if kept is not None and kept.inputs == inputs(kept.keys, csl_items, styles[n]):
            docs[n], versions[n] = recall(doc, kept), kept.version
            found.append(None)
        else:  # read in a copy: the linked document stays packed
            working[n] = doc.with_parts()
            found.append(find_citations(working[n], csl_items))
    formatted: list[list[FormattedEntry]] = [[] for _ in found]
    total, done = len(found), sum(1 for f in found if f is None or not f.groups)
    for one in {id(s): s for s in styles}.values():
        todo = [n for n, f in enumerate(found) if f is not None and f.groups and styles[n] is one]
        if todo:  # else not asked: a cached style would load its table of citations
            made = one.citations_many(
                [found[n].groups for n in todo], _counted(run, progress, done, total)
            )
            for n, entries in zip(todo, made, strict=True):
                formatted[n] = entries
        done += len(todo)
        progress(FORMATTING, done, total)
    for n, (doc, f) in enumerate(zip(linked.documents, found, strict=True)):
        if f is None:
            continue
        work, working[n] = working[n], None
        assert work is not None
        docs[n] = fill_found(work, f, formatted[n], csl_items)
        reads = fill_reads(f, formatted[n], csl_items)
        version = linked.versions.get(doc.slug)
        versions[n] = derived(version, "filled", reads)
        if memo is not None and version:
            keys = cited_keys(f)
            kept = remember(work, docs[n], versions[n], keys, inputs(keys, csl_items, styles[n]))
            memo.put(styles[n], version, kept)
            kept_now[n] = kept
            docs[n] = recall(doc, kept)  # held packed from here on, as a kept one is
    slugs = [doc.slug for doc in linked.documents]
    made = [d for d in docs if d is not None]
    state = (linked.documents, style_keys, kept_now, made, versions)
    return made, unique_slugs(list(zip(slugs, versions, strict=True))), state


def _counted(run: Run, progress: Progress, done: int, total: int) -> Run:
    """`run`, telling `progress` of each document formatted."""

    def counted(task, count):
        for n, result in enumerate(run(task, count), done + 1):
            progress(FORMATTING, n, total)
            yield result

    return counted
