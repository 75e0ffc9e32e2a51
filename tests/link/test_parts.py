"""Each document's linked part kept (link/parts.py): a part is taken from the memo only
when linking would make it again, so the corpus linked with a memo is the corpus
linked without one, whatever changed; a memo that left out one of a part's inputs
fails here."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.bibliography import BibEntry
from glossator.diagnostics import sort_diagnostics
from glossator.link.corpus import LinkedCorpus, link_corpus
from glossator.link.parts import DocLink
from glossator.link.patch import LinkState
from glossator.model import Document, Metadata, Note, Paragraph, Section
from glossator.model.inline import Citation, CiteItem, NoteRef, Text
from glossator.notes.resolve import resolve_document

MARGINS = "Ida Lorne, *Margins of Print* (London: Small Press, 2020), 3."
FULLER = "Ida Lorne, *Margins of Print: A Study in Glosses* (London: Small Press, 2020), 4."
REVISITED = "Ida Lorne, *Margins Revisited* (London: Small Press, 2020), 9."
NOTES_ON = "Ida Lorne, *Notes on Notes* (London: Small Press, 2019), 12."
RESOLUTION = "United Nations Security Council. Resolution 1199. 23 September 1998."
KEYED = "See [@grafton1997, 24]."


def essay(slug: str, notes: list[str], text: str = "Readers wrote in the margins.") -> Document:
    made = [
        Note(n, f"fn{n}", line=10 + n, blocks=[Paragraph(f"fn{n}-p", content=(Text(t),))])
        for n, t in enumerate(notes, 1)
    ]
    body = Paragraph("p1", line=5, content=(Text(text),))
    meta = Metadata(title=slug)
    return Document(slug, "markdown", meta, [Section("s", None, [body])], made, path=f"{slug}.md")


def entry(key: str, title: str, year: str = "1997") -> BibEntry:
    fields = {"author": "Grafton, Anthony", "title": title, "publisher": "Harvard", "year": year}
    return BibEntry(key, "book", fields, 1)


BIB = {"grafton1997": entry("grafton1997", "The Footnote")}


class DictMemo:
    """The kept parts, and the last link's record (`patch.LinkState`), as serve keeps them."""

    def __init__(self) -> None:
        self.kept: dict[str, DocLink] = {}
        self.state: LinkState | None = None
        self.last: LinkedCorpus | None = None  # the last corpus `links` made with it

    def record(self, state: LinkState) -> None:
        self.state = state

    def get(self, version: str) -> DocLink | None:
        return self.kept.get(version)

    def put(self, doc: Document, version: str, part: DocLink) -> None:
        self.kept[version] = part


def summary(linked: LinkedCorpus) -> tuple:
    """All a linked corpus says, as comparable values."""
    return (
        linked.documents,
        {k: (w, list(w.cited_by)) for k, w in linked.works.items()},
        list(linked.works),  # their order too
        linked.mentions,
        linked.note_cites,
        sort_diagnostics(linked.diagnostics),
        linked.versions,
        linked.sources,
    )


def links(docs: list[Document], bib: dict[str, BibEntry], memo: DictMemo, path: str = "r.bib"):
    """Link with `memo` (each document's version its slug and notes), check the result
    against linking without one; the slugs resolved again."""
    versions = {d.slug: f"{d.slug}|{d.path}|{d.sections}|{d.notes}|{d.meta.nocite}" for d in docs}
    resolved: list[str] = []

    def counted(doc):
        resolved.append(doc.slug)
        return resolve_document(doc)

    made_from = repr(sorted(bib.items()))  # stands for value_digest(bib)
    got = link_corpus(
        *(docs, bib, path),
        resolve=counted,
        versions=versions,
        memo=memo,
        bib_digest=made_from,
        previous=memo.state,
        record=memo.record,
    )
    assert summary(got) == summary(link_corpus(docs, bib, path, versions=versions))
    memo.last = got
    return resolved


ALPHA = essay("alpha", [MARGINS, KEYED, RESOLUTION])
BETA = essay("beta", [REVISITED, NOTES_ON], "The Council adopted Resolution 1199 that autumn.")


def test_the_same_documents_and_bibliography_take_every_part():
    memo = DictMemo()
    assert links([ALPHA, BETA], BIB, memo) == ["alpha", "beta"]
    assert links([ALPHA, BETA], BIB, memo) == []


def test_an_edited_document_alone_is_linked_again():
    memo = DictMemo()
    links([ALPHA, BETA], BIB, memo)
    assert links([ALPHA, essay("beta", [NOTES_ON])], BIB, memo) == ["beta"]


def test_keys_moved_by_another_document_link_the_document_again():
    """Margins Revisited takes the plain key `lorne2020margins` while beta alone cites
    a Margins work; alpha's Margins of Print, added, sorts first and takes it."""
    memo = DictMemo()
    links([essay("alpha", [KEYED]), BETA], BIB, memo)
    assert links([ALPHA, BETA], BIB, memo) == ["alpha", "beta"]  # beta's key moved
    assert links([essay("alpha", [KEYED]), BETA], BIB, memo) == ["beta"]  # and back


def test_a_fuller_form_elsewhere_is_the_one_published():
    memo = DictMemo()
    links([ALPHA, BETA], BIB, memo)
    gamma = essay("gamma", [FULLER])
    assert links([ALPHA, BETA, gamma], BIB, memo) == ["gamma"]  # alpha's key stays


def test_a_changed_bibliography_links_every_document_again():
    memo = DictMemo()
    links([ALPHA, BETA], BIB, memo)
    curated = {**BIB, "lorne2020": BibEntry("lorne2020", "book", {
        "author": "Lorne, Ida", "title": "Margins of Print", "publisher": "Small Press",
        "address": "London", "year": "2020"}, 1)}  # fmt: skip
    assert links([ALPHA, BETA], curated, memo) == ["alpha", "beta"]
    assert links([ALPHA, BETA], {}, memo) == ["alpha", "beta"]  # grafton1997 unknown now
    assert links([ALPHA, BETA], {}, memo, "other.bib") == ["alpha", "beta"]  # named in notes


def test_the_uncurated_works_of_kept_parts_are_reported_at_their_first_note():
    memo = DictMemo()
    links([ALPHA, BETA], BIB, memo)
    linked = link_corpus(
        [ALPHA, BETA],
        BIB,
        "r.bib",
        versions={"alpha": "a", "beta": "b"},
        memo=memo,
        bib_digest=repr(sorted(BIB.items())),
    )
    uncurated = [(d.path, d.line) for d in linked.diagnostics if d.code == "bib.uncurated"]
    assert ("alpha.md", 11) in uncurated and ("beta.md", 12) in uncurated


NOTES = [MARGINS, FULLER, REVISITED, NOTES_ON, RESOLUTION, KEYED, "A note citing nothing."]
LORNE = BibEntry("lorne2019", "book", {"author": "Lorne, Ida", "title": "Notes on Notes",
                 "publisher": "Small Press", "address": "London", "year": "2019"}, 1)  # fmt: skip
BIBLIOGRAPHIES = [BIB, {}, {**BIB, "lorne2019": LORNE}]
corpora = st.dictionaries(
    st.sampled_from(["alpha", "beta", "gamma"]),
    st.lists(st.integers(0, len(NOTES) - 1), min_size=1, max_size=4),
    min_size=1,
)
states = st.tuples(corpora, st.integers(0, len(BIBLIOGRAPHIES) - 1))


@settings(max_examples=300, deadline=None)
@given(st.lists(states, min_size=2, max_size=6))
def test_any_sequence_of_corpora_links_with_kept_parts_as_without(sequence):
    """Essays added, edited and removed, references.bib changed, in any order: each
    corpus linked with the parts kept from the ones before is the corpus linked
    afresh (`links` compares them), and an unchanged essay is not resolved again."""
    memo, before = DictMemo(), None
    for corpus, bib in sequence:
        docs = [essay(slug, [NOTES[n] for n in notes]) for slug, notes in sorted(corpus.items())]
        resolved = links(docs, BIBLIOGRAPHIES[bib], memo)
        if before is not None and before == (corpus, bib):
            assert resolved == []
        before = (corpus, bib)


# Bodies a note-citing essay may have: text alone, markers of some notes in one or two
# paragraphs, a mention of a cited resolution, a citation standing in the text.
BODIES = [
    [(Text("Readers wrote in the margins."),)],
    [(Text("Readers wrote."), NoteRef(1)), (Text("And later."), NoteRef(2))],
    [(Text("Both at once."), NoteRef(2), NoteRef(1))],
    [(Text("The Council adopted Resolution 1199 that autumn."), NoteRef(1))],
    [(Text("As argued "), Citation((CiteItem("grafton1997", locator="5"),), "[@grafton1997, 5]"))],
    [(Text("Margins."),), (Text("Then the notes."), NoteRef(3), NoteRef(1))],
]


def bodied(slug: str, notes: list[str], body: int) -> Document:
    """`essay`, its body one of BODIES (paragraph ids and lines in order)."""
    doc = essay(slug, notes)
    paragraphs = [
        Paragraph(f"p{n}", line=5 + n, content=content) for n, content in enumerate(BODIES[body], 1)
    ]
    return Document(
        slug, "markdown", doc.meta, [Section("s", None, paragraphs)], doc.notes, path=doc.path
    )


def test_an_edit_of_one_body_keeps_every_work_it_does_not_cite():
    """The patch (link/patch.py) is taken: the works only the other essay cites are the
    recorded objects, and the edited essay's works are made again."""
    memo = DictMemo()
    links([bodied("alpha", [KEYED, MARGINS], 1), bodied("beta", [NOTES_ON], 0)], BIB, memo)
    first = memo.last
    links([bodied("alpha", [KEYED, MARGINS], 2), bodied("beta", [NOTES_ON], 0)], BIB, memo)
    second = memo.last
    assert first is not None and second is not None
    beta_only = [k for k, w in second.works.items() if {p.document for p in w.cited_by} == {"beta"}]
    assert beta_only and all(second.works[k] is first.works[k] for k in beta_only)
    assert second.works["grafton1997"] is not first.works["grafton1997"]
    assert second.documents[1] is first.documents[1]  # beta's linked copy, as recorded


essays_with_bodies = st.dictionaries(
    st.sampled_from(["alpha", "beta", "gamma"]),
    st.tuples(
        st.lists(st.integers(0, len(NOTES) - 1), min_size=1, max_size=4),
        st.integers(0, len(BODIES) - 1),
    ),
    min_size=1,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(essays_with_bodies, st.integers(0, 2)), min_size=2, max_size=7))
def test_any_sequence_of_edits_links_from_the_last_record_as_afresh(sequence):
    """Bodies, notes, essays and references.bib changed in any order, each corpus linked
    from the record of the one before (the patch where the reservation is unchanged)
    is the corpus linked afresh (`links` compares them)."""
    memo = DictMemo()
    for corpus, bib in sequence:
        docs = [bodied(slug, [NOTES[n] for n in ns], b) for slug, (ns, b) in sorted(corpus.items())]
        links(docs, BIBLIOGRAPHIES[bib], memo)


def test_works_first_cited_in_another_order_come_in_that_order():
    """Two curated works first cited by one essay, their notes swapped: the works'
    order (that of first citation) changes, as a fresh link gives it."""
    memo, bib = DictMemo(), BIBLIOGRAPHIES[2]
    links([bodied("alpha", [KEYED, NOTES_ON], 1), bodied("beta", [MARGINS], 0)], bib, memo)
    assert memo.last is not None
    assert [k for k in memo.last.works if k in bib] == ["grafton1997", "lorne2019"]
    links([bodied("alpha", [NOTES_ON, KEYED], 1), bodied("beta", [MARGINS], 0)], bib, memo)
    assert [k for k in memo.last.works if k in bib] == ["lorne2019", "grafton1997"]


def test_linked_copies_are_made_without_unpacking_any_notes():
    """A build's documents come unpickled, their notes packed: linking reads those of
    the essays it links and lets them go; a kept part gives the linked copy, its notes
    still packed, and what render asks of them (`sources`) without reading them."""
    memo, made_from = DictMemo(), repr(sorted(BIB.items()))
    versions = {"alpha": "a", "beta": "b"}

    def unpickled() -> list[Document]:
        return [pickle.loads(pickle.dumps(d, pickle.HIGHEST_PROTOCOL)) for d in (ALPHA, BETA)]

    docs = unpickled()
    first = link_corpus(docs, BIB, "r.bib", versions=versions, memo=memo, bib_digest=made_from)
    assert all(d.is_packed("notes") for d in docs)  # read, linked, let go
    again = unpickled()
    second = link_corpus(again, BIB, "r.bib", versions=versions, memo=memo, bib_digest=made_from)
    assert all(d.is_packed("notes") for d in again + second.documents)
    assert second.sources == first.sources
    assert second.documents == first.documents == link_corpus([ALPHA, BETA], BIB, "r.bib").documents
    for doc in second.documents:
        cited = [[k for k, _ in second.note_cites[(doc.slug, n.number)]] for n in doc.notes]
        assert [n.sources for n in doc.notes] == cited
        assert second.sources[doc.slug] == list(dict.fromkeys(k for ks in cited for k in ks))
    assert second.sources["alpha"][1:] == ["grafton1997", "unsc1998res1199"]
