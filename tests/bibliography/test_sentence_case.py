"""English `.bib` titles in sentence case, as Pandoc's BibTeX reader gives them to the
styles. The expected titles are what `pandoc --citeproc` (3.9) printed for the same
entries in APA, where it lowers a title; where glossator deliberately differs (a word
after "?" or "!", the pronoun "I"), the comment says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossator.bibliography import read_bibliography
from glossator.bibliography.sentence_case import sentence_case
from glossator.bibliography.to_csl import entry_to_csl
from glossator.format.csl_json import to_csl_json
from glossator.format.engine import CitationStyle

BIB = r"""
@book{image, author = {Lind, Ada}, year = {2000}, publisher = {Harbor},
  title = {The Scientific Image: A Study From the Archive of NATO and McDowell's iPod}}
@book{bold, author = {Lind, Ada}, year = {2001}, publisher = {Harbor},
  title = {Deconvolution of Impulse Response in Event-Related {BOLD fMRI} in {Paris}}}
@book{field, author = {Lind, Ada}, year = {2002}, publisher = {Harbor}, langid = {english},
  title = {Notes From the Field. Second Thoughts? Yes}}
@book{welt, author = {Lind, Ada}, year = {2003}, publisher = {Harbor}, langid = {german},
  title = {Die Welt Als Wille}}
@incollection{chapter, author = {Lind, Ada}, year = {2004}, publisher = {Harbor},
  title = {A Chapter Title}, booktitle = {The Big Book of Things}}
@article{article, author = {Lind, Ada}, year = {2005},
  title = {An Article Title}, journal = {Journal of Great Things}}
@book{parts, author = {Lind, Ada}, year = {2006}, publisher = {Harbor},
  title = {The Main Title}, subtitle = {The Second Part}}
"""

APA = [
    "Lind, A. (2000). The scientific image: A study from the archive of NATO and "
    "McDowell’s iPod. Harbor.",
    "Lind, A. (2001). Deconvolution of impulse response in event-related BOLD fMRI in "
    "Paris. Harbor.",
    # Pandoc: "Second thoughts? yes": a word after "?" starts a sentence here
    "Lind, A. (2002). Notes from the field. Second thoughts? Yes. Harbor.",
    "Lind, A. (2003). Die Welt Als Wille. Harbor.",  # German: as written
    "Lind, A. (2004). A chapter title. In The big book of things. Harbor.",
    "Lind, A. (2005). An article title. Journal of Great Things.",  # a journal: as written
    "Lind, A. (2006). The main title: The second part. Harbor.",
]

# Chicago sets titles in title case: the words lowered come back, the stop words stay
# low (in the file's order, as `entries` returns them).
CHICAGO = [
    "Lind, Ada. The Scientific Image: A Study from the Archive of NATO and McDowell’s iPod. "
    "Harbor, 2000.",
    "Lind, Ada. Deconvolution of Impulse Response in Event-Related BOLD fMRI in Paris. "
    "Harbor, 2001.",
    "Lind, Ada. Notes from the Field. Second Thoughts? Yes. Harbor, 2002.",
    "Lind, Ada. Die Welt Als Wille. Harbor, 2003.",
    "Lind, Ada. “A Chapter Title.” In The Big Book of Things. Harbor, 2004.",
    "Lind, Ada. “An Article Title.” Journal of Great Things, 2005.",
    "Lind, Ada. The Main Title: The Second Part. Harbor, 2006.",
]


@pytest.fixture(scope="module")
def items(tmp_path_factory) -> list[dict]:
    path = Path(tmp_path_factory.mktemp("bib")) / "references.bib"
    path.write_text(BIB, encoding="utf-8")
    entries, diagnostics = read_bibliography(path)
    assert diagnostics == []
    return [to_csl_json(k, e.entry_type, "", e.fields, True) for k, e in entries.items()]


@pytest.mark.parametrize(
    ("style", "expected"), [("apa", APA), ("chicago-notes-bibliography", CHICAGO)]
)
def test_a_bib_file_reads_as_pandoc_reads_it(items, style, expected):
    entries = CitationStyle(style).entries(items)
    assert [e.text for e in entries.values()] == expected


def test_a_work_read_from_a_note_keeps_its_title_as_written():
    # No braces protect a note's proper nouns: lowering it would lose them.
    fields = {"title": "Russia and the Syrian War", "author": "Lind, Ada", "year": "2016"}
    assert to_csl_json("n", "book", "book", fields)["title"] == "Russia and the Syrian War"
    curated = to_csl_json("n", "book", "book", fields, True)
    assert curated["title"] == "Russia and the syrian war"
    assert entry_to_csl("n", "book", fields, False)["title"] == "Russia and the Syrian War"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("I Think, Therefore I Am", "I think, therefore I am"),  # Pandoc: "i am"
        ("On X-Rays and Event-Related Fields", "On X-rays and event-related fields"),
        ("<i>Moby-Dick</i> and the Whale", "<i>Moby-dick</i> and the whale"),
        ("{Moby-Dick} and the Whale", "{Moby-Dick} and the whale"),
        ("{NATO} Expansion: A History", "{NATO} expansion: A history"),
        ("The U.S. Senate", "The U.S. Senate"),  # after a full stop: kept, to be safe
        ("Wie Weiter? Ein Vorschlag", "Wie weiter? Ein vorschlag"),
        ("", ""),
    ],
)
def test_sentence_case(title, expected):
    assert sentence_case(title) == expected


WORDS = st.text(alphabet="AaBbÉéZz{} :.-'", max_size=40)


@given(WORDS)
def test_sentence_case_only_lowers_letters_and_keeps_every_brace(title):
    cased = sentence_case(title)
    assert len(cased) == len(title)
    assert [c for c in cased if c in "{}"] == [c for c in title if c in "{}"]
    for before, after in zip(title, cased, strict=True):
        assert after == before or after == before.lower()
    assert sentence_case(cased) == cased  # once is enough
