"""Filled documents remembered (format/filled.py): a document filled before is taken
from the memo only when filling it again would make the same document, so a memo
that left out one of filling's inputs fails here."""

from __future__ import annotations

from unittest import mock

from glossator.bibliography import BibEntry
from glossator.format import corpus as format_module
from glossator.format.corpus import format_corpus
from glossator.format.engine import CitationStyle
from glossator.format.filled import Filled
from glossator.link.corpus import link_corpus
from glossator.model import Document, Metadata, Note, Paragraph, Section
from glossator.model.inline import Citation, CiteItem, Text

LIND = {"author": "Lind, Astrid", "title": "Margins of Print", "publisher": "Small Press"}


def essay(slug: str, notes: list[tuple[str, ...]], body: tuple = ()) -> Document:
    """An essay whose notes each cite `keys` (`[@a; @b]`), with `body` in its text."""
    made = []
    for number, keys in enumerate(notes, 1):
        items = tuple(CiteItem(key, locator=str(number)) for key in keys)
        citation = Citation(items, "[" + "; ".join(f"@{k}" for k in keys) + "]")
        made.append(Note(number, f"fn{number}", blocks=[Paragraph("", content=(citation,))]))
    text = Paragraph("p1", content=(Text("A sentence. "), *body))
    return Document(slug, "markdown", Metadata(title=slug), [Section("s", None, [text])], made)


def entry(key: str, year: str = "2001", **fields: str) -> BibEntry:
    return BibEntry(key, "book", {**LIND, "year": year, **fields}, 1)


class DictMemo:
    """A memo in a dict, counting what it was asked for and what it had."""

    def __init__(self) -> None:
        self.kept: dict[tuple[int, str], Filled] = {}
        self.asked = 0

    def get(self, style: CitationStyle, version: str) -> Filled | None:
        self.asked += 1
        return self.kept.get((id(style), version))

    def put(self, style: CitationStyle, version: str, filled: Filled) -> None:
        self.kept[(id(style), version)] = filled


DOCS = [
    essay("alpha", [("lind",), ("lind", "nagy")]),
    essay("beta", [("nagy",)], (Citation((CiteItem("lind", mode="author-in-text"),), "@lind"),)),
]


def formatted(
    bib: dict[str, BibEntry], style: CitationStyle, memo: DictMemo | None, docs: list[Document]
):
    linked = link_corpus(docs, bib, "references.bib")
    # the linked versions stand for the documents alone: here they stay the same
    # whatever the bibliography says, as they do when only an entry's fields change
    linked.versions = {doc.slug: f"linked-{doc.slug}" for doc in docs}
    return format_corpus(linked, style, memo=memo).linked


def walks(
    bib: dict[str, BibEntry], style: CitationStyle, memo: DictMemo, docs: list | None = None
) -> list[str]:
    """Format with `memo`, checking the result against formatting without one; the
    slugs of the documents whose citations were looked for again."""
    looked: list[str] = []
    real = format_module.find_citations

    def counted(doc, items):
        looked.append(doc.slug)
        return real(doc, items)

    docs = DOCS if docs is None else docs
    with mock.patch.object(format_module, "find_citations", counted):
        got = formatted(bib, style, memo, docs)
    expected = formatted(bib, style, None, docs)
    assert got.documents == expected.documents
    assert got.versions == expected.versions
    return looked


BIB = {"lind": entry("lind"), "nagy": entry("nagy", "1999", author="Nagy, Piroska")}


def test_the_same_inputs_take_the_remembered_documents():
    style, memo = CitationStyle(), DictMemo()
    assert walks(BIB, style, memo) == ["alpha", "beta"]
    assert walks(BIB, style, memo) == []
    assert memo.asked == 4


def test_a_cited_entry_changed_fills_the_documents_citing_it_again():
    style, memo = CitationStyle(), DictMemo()
    walks(BIB, style, memo)
    retitled = {**BIB, "nagy": entry("nagy", "1999", author="Nagy, Piroska", title="Glosses")}
    assert walks(retitled, style, memo) == ["alpha", "beta"]
    renamed = {**BIB, "lind": entry("lind", author="Lind, Britta")}  # beta says the name
    assert walks(renamed, style, memo) == ["alpha", "beta"]


def test_a_key_becoming_known_fills_its_documents_again():
    style, memo = CitationStyle(), DictMemo()
    walks({"lind": BIB["lind"]}, style, memo)  # nagy unknown: left as written
    assert walks(BIB, style, memo) == ["alpha", "beta"]
    assert walks({"nagy": BIB["nagy"]}, style, memo) == ["alpha", "beta"]


def test_what_the_bibliography_decided_about_a_work_fills_its_documents_again():
    """A second work by Lind in 2001 gives the first its year suffix in an author-date
    style: the item is the same, the style's decision about it is not."""
    style, memo = CitationStyle("chicago-author-date"), DictMemo()
    bib = {**BIB, "lind2": entry("lind2", title="Notes on Notes")}
    gamma = essay("gamma", [("lind2",)])
    walks(bib, style, memo)  # no one cites lind2: Lind 2001 is one work
    assert walks(bib, style, memo, [*DOCS, gamma]) == ["alpha", "beta", "gamma"]
    assert walks(bib, style, memo, [*DOCS, gamma]) == []


def test_another_style_does_not_take_what_one_style_filled():
    memo = DictMemo()
    walks(BIB, CitationStyle(), memo)
    assert walks(BIB, CitationStyle("chicago-author-date"), memo) == ["alpha", "beta"]


def test_filled_documents_are_held_packed_and_read_as_filling_made_them():
    """With a memo, a filled document, made now or recalled, keeps its filled parts
    packed (the build's process need not hold a thousand essays' notes as objects);
    the linked documents it was filled from are left packed too."""
    style, memo = CitationStyle(), DictMemo()
    fresh = formatted(BIB, style, None, DOCS)
    for _ in range(2):  # made and remembered, then recalled
        linked = link_corpus(DOCS, BIB, "references.bib")
        linked.versions = {doc.slug: f"linked-{doc.slug}" for doc in DOCS}
        got = format_corpus(linked, style, memo=memo).linked
        assert all(doc.is_packed("notes") for doc in got.documents + linked.documents)
        beta = got.documents[1]
        assert beta.is_packed("sections")  # its author-in-text citation filled
        assert got.documents == fresh.documents
        assert "Lind" in str(beta.sections[0].blocks[0].content)
