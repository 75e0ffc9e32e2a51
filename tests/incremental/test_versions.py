"""Document versions (cache.versions): each stage's copy of a document gets a version
derived from everything that stage put in, so a page signed with it is made again
whenever its document changed, and only then."""

from __future__ import annotations

import sys
from pathlib import Path

from glossator.bibliography import BibEntry
from glossator.cache.versions import derived, unique_slugs
from glossator.format.citations import fill_reads, find_citations
from glossator.format.csl_json import to_csl_json
from glossator.format.csl_text import FormattedEntry
from glossator.link.corpus import link_corpus
from glossator.model import Document, Figure, Metadata, Note, Paragraph, Section
from glossator.model.inline import Citation, CiteItem, Text
from glossator.pipeline import build

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
from test_images import png  # noqa: E402

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


FIGURE_ESSAY = """---
title: Pictures
---

## Maps

![A map of the margins](./images/map.png)

A sentence under it.
"""


def pictures(root):
    content = root / "content"
    (content / "essays" / "images").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Pictures\n", encoding="utf-8")
    (content / "essays" / "images" / "map.png").write_bytes(png(30, 20))
    (content / "essays" / "pictures.md").write_text(FIGURE_ESSAY, encoding="utf-8")
    return content


def test_an_image_of_another_size_makes_its_essay_page_again(tmp_path):
    """The figure's size comes from the image file, not the essay: the essay's read key
    does not name it, so its page must not be signed with that alone."""
    content, out = pictures(tmp_path), tmp_path / "_site"
    assert build(content, out).ok
    assert 'width="30" height="20"' in (out / "essays/pictures.html").read_text("utf-8")
    (content / "essays" / "images" / "map.png").write_bytes(png(60, 40))
    assert build(content, out).ok
    page = (out / "essays/pictures.html").read_text("utf-8")
    assert 'width="60" height="40"' in page
    clean = tmp_path / "clean"
    assert build(content, clean, cache=False).ok
    assert page == (clean / "essays/pictures.html").read_text("utf-8")


def test_the_cached_essay_keeps_its_images_as_written(tmp_path):
    """serve keeps the cache's documents between builds: publishing the images works
    on a copy, so the next build reads `./images/map.png` as the author wrote it."""
    content, memory = pictures(tmp_path), {}
    assert build(content, tmp_path / "_site", memory=memory).ok
    kept = [v[0] for (kind, _), v in memory.items() if kind == "read" and v[0] is not None]
    [figure] = [b for doc in kept for b in doc.blocks() if isinstance(b, Figure)]
    assert (figure.src, figure.width) == ("./images/map.png", None)
