"""Each document's linked part kept (link/parts.py): a part is taken from the memo only
when linking would make it again, so the corpus linked with a memo is the corpus
linked without one, whatever changed; a memo that left out one of a part's inputs
fails here."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.bibliography import BibEntry
from glossator.diagnostics import sort_diagnostics
from glossator.link.corpus import LinkedCorpus, link_corpus
from glossator.link.parts import DocLink
from glossator.model import Document, Metadata, Note, Paragraph, Section
from glossator.model.inline import Text
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
    def __init__(self) -> None:
        self.kept: dict[str, DocLink] = {}

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
    )


def links(docs: list[Document], bib: dict[str, BibEntry], memo: DictMemo, path: str = "r.bib"):
    """Link with `memo` (each document's version its slug and notes), check the result
    against linking without one; the slugs resolved again."""
    versions = {d.slug: d.slug + "|" + "|".join(str(n.blocks) for n in d.notes) for d in docs}
    resolved: list[str] = []

    def counted(doc):
        resolved.append(doc.slug)
        return resolve_document(doc)

    made_from = repr(sorted(bib.items()))  # stands for value_digest(bib)
    got = link_corpus(
        docs, bib, path, resolve=counted, versions=versions, memo=memo, bib_digest=made_from
    )
    assert summary(got) == summary(link_corpus(docs, bib, path, versions=versions))
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
