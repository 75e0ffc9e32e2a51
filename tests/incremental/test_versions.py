"""Document versions (cache.versions): each stage's copy of a document gets a version
derived from everything that stage put in, so a page signed with it is made again
whenever its document changed, and only then."""

from __future__ import annotations

from glossator.bibliography import BibEntry
from glossator.cache.versions import derived, unique_slugs
from glossator.format.citations import fill_reads, find_citations
from glossator.format.csl_json import to_csl_json
from glossator.format.csl_text import FormattedEntry
from glossator.link.corpus import link_corpus
from glossator.model import Document, Metadata, Note, Paragraph, Section
from glossator.model.inline import Citation, CiteItem, Text

FIELDS = {"author": "Lind, Astrid", "title": "Margins of Print", "year": "2001"}


def essay(slug: str, notes: list[str | tuple[str, ...]]) -> Document:
    """An essay whose notes are prose (a str) or Pandoc citations of keys (a tuple)."""
    made = []
    for number, note in enumerate(notes, 1):
        if isinstance(note, str):
            content: tuple = (Text(note),)
        else:
            items = tuple(CiteItem(key) for key in note)
            content = (Citation(items, "[" + "; ".join(f"@{k}" for k in note) + "]"),)
        made.append(Note(number, f"fn{number}", blocks=[Paragraph("", content=content)]))
    body = Paragraph("p1", content=(Text("A sentence."),))
    return Document(slug, "markdown", Metadata(title=slug), [Section("s", None, [body])], made)


def test_no_version_in_means_none_out_and_every_input_counts():
    assert derived(None, "linked", ["a"]) is None
    one = derived("v1", "linked", [["a"]])
    assert one == derived("v1", "linked", [["a"]])
    assert len({one, derived("v2", "linked", [["a"]]), derived("v1", "filled", [["a"]])}) == 3
    assert one != derived("v1", "linked", [["b"]])
    assert one != derived("v1", "linked", [["a"], []])


def test_a_slug_two_documents_share_has_no_version():
    assert unique_slugs([("a", "1"), ("b", None), ("c", "3"), ("c", "4")]) == {"a": "1"}


def test_the_linked_version_follows_the_sources_the_notes_get():
    doc = essay("alpha", ["Astrid Lind, *Margins of Print* (Small Press, 2001), 4.", ("lind",)])
    bib = {"lind": BibEntry("lind", "book", FIELDS, 1)}

    def version(bibliography: dict) -> str:
        linked = link_corpus([doc], bibliography, "references.bib", versions={"alpha": "r"})
        return linked.versions["alpha"]

    assert version(bib) == version(dict(bib))  # the same sources: the same version
    # the entry renamed: both notes now cite `lind2` (or, unknown, nothing)
    renamed = {"lind2": BibEntry("lind2", "book", FIELDS, 1)}
    assert version(renamed) != version(bib)
    assert link_corpus([doc], bib, "references.bib").versions == {}  # none given


def test_the_filled_version_follows_which_citations_are_formatted_and_their_text():
    doc = essay("alpha", [("a",), ("b",)])
    same = to_csl_json("a", "book", "book", FIELDS)
    first = find_citations(doc, {"a": same})  # only note 1's key is known
    second = find_citations(doc, {"b": same})  # only note 2's
    text = [FormattedEntry("Lind, Margins.", "Lind, <i>Margins</i>.")]
    # the same text, put in another note: another document
    assert fill_reads(first, text, {}) != fill_reads(second, text, {})
    other = [FormattedEntry("Lind, Margins, 4.", "Lind, <i>Margins</i>, 4.")]
    assert fill_reads(first, text, {}) != fill_reads(first, other, {})
    assert fill_reads(first, text, {}) == fill_reads(find_citations(doc, {"a": same}), text, {})


def test_the_filled_version_follows_the_names_an_author_in_text_citation_says():
    said = Citation((CiteItem("a", mode="author-in-text"),), "@a")
    doc = essay("alpha", [])
    doc.sections[0].blocks[0] = Paragraph("p1", content=(said, Text(" argues.")))
    found = find_citations(doc, {})
    lind = {"a": to_csl_json("a", "book", "book", FIELDS)}
    nagy = {"a": to_csl_json("a", "book", "book", {**FIELDS, "author": "Nagy, Piroska"})}
    assert fill_reads(found, [], lind) != fill_reads(found, [], nagy)
