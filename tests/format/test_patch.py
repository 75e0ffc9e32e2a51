"""The last format taken again (format/patch.py): each corpus formatted from the record
of the one before is the corpus formatted afresh, whatever changed in between (essays,
their citations, the bibliography, the style); a record taken where one of its inputs
changed fails here."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossator.bibliography import BibEntry
from glossator.cache import Store
from glossator.format.corpus import FormattedCorpus, format_corpus
from glossator.format.engine import CitationStyle
from glossator.format.patch import FormatState
from glossator.incremental.styles import CachedStyle, FilledMemo
from glossator.link.corpus import link_corpus
from glossator.link.parts import DocLink
from glossator.link.patch import LinkState
from glossator.model import Document, Metadata, Note, Paragraph, Section
from glossator.model.inline import Citation, CiteItem, Text

LIND = {"author": "Lind, Astrid", "title": "Margins of Print", "publisher": "Small Press"}


def essay(slug: str, notes: list[tuple[str, ...]], text: str) -> Document:
    made = []
    for number, keys in enumerate(notes, 1):
        items = tuple(CiteItem(key, locator=str(number)) for key in keys)
        citation = Citation(items, "[" + "; ".join(f"@{k}" for k in keys) + "]")
        made.append(Note(number, f"fn{number}", blocks=[Paragraph("", content=(citation,))]))
    body = Paragraph("p1", content=(Text(text),))
    return Document(slug, "markdown", Metadata(title=slug), [Section("s", None, [body])], made)


def entry(key: str, year: str = "2001", **fields: str) -> BibEntry:
    return BibEntry(key, "book", {**LIND, "year": year, **fields}, 1)


BIBS = [
    {"lind": entry("lind"), "nagy": entry("nagy", "1999", author="Nagy, Piroska")},
    {"lind": entry("lind"), "nagy": entry("nagy", "1999", author="Nagy, Piroska", title="Glosses")},
    {"lind": entry("lind"), "lind2": entry("lind2", title="Notes on Notes")},
]
STYLES = ["chicago-notes-bibliography", "chicago-author-date"]


class Session:
    """What serve keeps between builds: the store's memory and the two records."""

    def __init__(self, folder: Path) -> None:
        self.memory: dict = {}
        self.folder = folder
        self.link: LinkState | None = None
        self.format: FormatState | None = None
        self.parts: dict[str, DocLink] = {}  # link.parts.Memo, in a dict

    def get(self, version: str) -> DocLink | None:
        return self.parts.get(version)

    def put(self, doc: Document, version: str, part: DocLink) -> None:
        self.parts[version] = part

    def build(
        self, docs: list[Document], bib: int, style: int, own: int | None = None
    ) -> FormattedCorpus:
        store = Store(self.folder, self.memory)
        linked = link_corpus(
            *(docs, BIBS[bib], "references.bib"),
            versions=versions(docs),
            memo=self,
            bib_digest=repr(sorted(BIBS[bib].items())),
            previous=self.link,
            record=self._link,
        )
        essay_styles = {} if own is None else {"gamma": CachedStyle(STYLES[own], store)}
        made = format_corpus(
            *(linked, CachedStyle(STYLES[style], store), essay_styles),
            memo=FilledMemo(store),
            previous=self.format,
            record=self._format,
        )
        store.flush()
        return made

    def _link(self, state: LinkState) -> None:
        self.link = state

    def _format(self, state: FormatState) -> None:
        self.format = state


def versions(docs: list[Document]) -> dict[str, str]:
    """Each essay's version (`cache.versions`): here its sections and notes."""
    return {d.slug: repr((d.sections, d.notes)) for d in docs}


def afresh(docs: list[Document], bib: int, style: int, own: int | None = None) -> FormattedCorpus:
    linked = link_corpus(docs, BIBS[bib], "references.bib", versions=versions(docs))
    essay_styles = {} if own is None else {"gamma": CitationStyle(STYLES[own])}
    return format_corpus(linked, CitationStyle(STYLES[style]), essay_styles)


def same(got: FormattedCorpus, expected: FormattedCorpus) -> None:
    assert got.linked.documents == expected.linked.documents
    assert got.linked.versions == expected.linked.versions
    assert got.entries == expected.entries and list(got.entries) == list(expected.entries)
    assert got.bibtex == expected.bibtex and got.csl_items == expected.csl_items


TEXTS = ["A sentence.", "Another sentence."]
NOTES = [("lind",), ("nagy",), ("lind", "nagy"), ("lind2",), ("lind", "lind2")]


def test_an_edit_of_one_essay_takes_the_others_filling_as_recorded(tmp_path):
    session = Session(tmp_path / "cache")
    alpha, beta = essay("alpha", [("lind",)], TEXTS[0]), essay("beta", [("nagy",)], TEXTS[0])
    first = session.build([alpha, beta], 0, 0)
    second = session.build([essay("alpha", [("lind",)], TEXTS[1]), beta], 0, 0)
    same(second, afresh([essay("alpha", [("lind",)], TEXTS[1]), beta], 0, 0))
    assert second.linked.documents[1] is first.linked.documents[1]  # beta as recorded
    assert second.entries is first.entries  # the works' part as recorded


@pytest.mark.parametrize("owns", [(None, 1), (1, None)], ids=["then-its-own", "then-the-site's"])
def test_an_essay_naming_the_site_s_style_is_not_filled_as_recorded_with_the_site_s(tmp_path, owns):
    """The site's style decided year suffixes for two works of Lind's in 2001; an essay
    naming that style in its front matter formats in an instance of its own, which
    decided nothing (as afresh). The same key names both styles' file: the recorded
    filling of one is not the other's. (Found by the sequences below.)"""
    session = Session(tmp_path / "cache")
    docs = [
        essay("beta", [("lind2",)], TEXTS[0]),
        essay("gamma", [("nagy",), ("lind",)], TEXTS[0]),
    ]
    for own in owns:
        same(session.build(docs, 2, 1, own), afresh(docs, 2, 1, own))


corpora = st.dictionaries(
    st.sampled_from(["alpha", "beta", "gamma"]),
    st.tuples(st.lists(st.integers(0, len(NOTES) - 1), max_size=3), st.integers(0, 1)),
    min_size=1,
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(corpora, st.integers(0, 2), st.integers(0, 1), st.sampled_from([None, 0, 1])),
        min_size=2,
        max_size=6,
    )
)
def test_any_sequence_of_corpora_formats_from_the_record_as_afresh(tmp_path_factory, sequence):
    session = Session(tmp_path_factory.mktemp("cache") / "c")
    for corpus, bib, style, own in sequence:  # own: the style gamma names (`csl:`)
        docs = [
            essay(slug, [NOTES[n] for n in notes], TEXTS[text])
            for slug, (notes, text) in sorted(corpus.items())
        ]
        same(session.build(docs, bib, style, own), afresh(docs, bib, style, own))
