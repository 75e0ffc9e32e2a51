"""Braces that protect case outside titles: a publisher, a place, a web page's site, a
genre or a note braced in `references.bib` is printed as written where the style sets
the field in title case, as it is in a title (BibTeX's rule: braces protect case in any
field); unbraced text is title-cased as before, and numbers and identifiers lose their
braces and stay numbers.

The expected texts are written by hand from CSL's title case (CSL 1.0.2, "Text-case":
each lowercase word capitalised except stop words in mid-title; nocase text left alone)
and CMOS 18 for the Chicago author-date entry; works and the test style are our own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.bibliography import BibEntry, entry_to_csl, read_bibliography
from glossator.format.csl_json import to_csl_json
from glossator.format.engine import CitationStyle

# Every prose field in its own title-cased part, named, so one entry shows them all.
FIELDS = (
    "publisher", "publisher-place", "container-title", "event", "event-place",
    "genre", "note", "original-title", "original-publisher", "status", "authority",
    "archive", "collection-title",
)  # fmt: skip
STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Title case</title><id>title-case</id>
    <updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><group delimiter=" | ">{parts}</group></layout></bibliography>
</style>
"""


@cache
def title_case_style(folder: str) -> CitationStyle:
    path = Path(folder) / "title-case.csl"
    parts = "".join(
        f'<text variable="{v}" text-case="title" prefix="{v}: "/>' for v in ("title", *FIELDS)
    )
    path.write_text(STYLE.format(parts=parts), encoding="utf-8")
    return CitationStyle(str(path))


def entry_text(style: CitationStyle, item: dict) -> str:
    return style.entries([item])[item["id"]].text


def read_one(tmp_path: Path, text: str) -> BibEntry:
    path = tmp_path / "references.bib"
    path.write_text(text, encoding="utf-8")
    entries, diagnostics = read_bibliography(path)
    assert diagnostics == []
    (entry,) = entries.values()
    return entry


def site_item(entry: BibEntry, kind: str = "other") -> dict:
    """The CSL-JSON the site formats a curated entry from (format_corpus's call)."""
    return to_csl_json(entry.key, entry.entry_type, kind, entry.fields)


def test_a_protected_site_name_is_not_title_cased_in_chicago_author_date(tmp_path):
    """The real case: a blog's name braced whole as its `organization` (Better BibTeX
    writes `{{…}}`) is the web page's site, which Chicago sets in title case."""
    entry = read_one(
        tmp_path,
        """@online{rosenwein2015,
  author = {Rosenwein, Barbara H.},
  title = {Emotional communities revisited},
  organization = {{Les émotions au Moyen Âge, carnet d'EMMA}},
  date = {2015-05-04},
  url = {https://emma.hypotheses.org/2},
}""",
    )
    item = site_item(entry, "web-page")
    assert item["container-title"].startswith('<span class="nocase">Les émotions au Moyen')
    text = entry_text(CitationStyle("chicago-author-date"), item)
    assert text == (
        "Rosenwein, Barbara H. 2015. “Emotional Communities Revisited.” Les émotions au "
        "Moyen Âge, carnet d’EMMA, May 4. https://emma.hypotheses.org/2."
    )


def test_every_prose_field_keeps_its_protected_part_and_cases_the_rest(tmp_path):
    entry = read_one(
        tmp_path,
        """@book{k,
  title = {a history of {Rennes}},
  publisher = {{Presses universitaires de Rennes} and presses of the city},
  location = {{Saint-Malo-de-la-lande} and the city of london},
  eventtitle = {a {CNRS} day at the museum},
  venue = {{la Maison de la recherche}},
  type = {{vade-mecum} for a reader},
  note = {{aux origines} of the text},
  origtitle = {{les origines de la ville}},
  origpublisher = {{éditions de l'ouest}},
  pubstate = {{à paraître}},
  date = {2019},
}""",
    )
    got = entry_text(title_case_style(str(tmp_path)), site_item(entry, "book"))
    assert got == (
        "title: A History of Rennes"
        " | publisher: Presses universitaires de Rennes; Presses of the City"
        " | publisher-place: Saint-Malo-de-la-lande; the City of London"  # mid-title "the"
        " | event: A CNRS Day at the Museum"
        " | event-place: la Maison de la recherche"
        " | genre: vade-mecum for a Reader"
        " | note: aux origines of the Text"
        " | original-title: les origines de la ville"
        " | original-publisher: éditions de l’ouest"
        " | status: à paraître"
    )


def test_an_unprotected_publisher_is_title_cased_as_before(tmp_path):
    fields = {"title": "t", "publisher": "presses of the city", "date": "2019"}
    item = to_csl_json("k", "book", "book", fields)
    assert item["publisher"] == "presses of the city"
    style = title_case_style(str(tmp_path))
    assert entry_text(style, item) == "title: T | publisher: Presses of the City"


def test_a_protected_court_archive_and_collection_keep_their_case(tmp_path):
    """The parser's cases and archival items take `organization` as the court or the
    archive, and `howpublished` as the report or the collection."""
    style = title_case_style(str(tmp_path))
    case = {"title": "t", "organization": "{cour de cassation}", "howpublished": "{bulletin civil}"}
    got = entry_text(style, to_csl_json("c", "misc", "legal-case", case))
    assert got == "title: T | container-title: bulletin civil | authority: cour de cassation"
    papers = {"title": "t", "organization": "{archives de la ville}", "howpublished": "{fonds x}"}
    got = entry_text(style, to_csl_json("a", "misc", "archival", papers))
    assert got == "title: T | archive: archives de la ville | collection-title: fonds x"


def test_a_report_braced_whole_is_still_read_as_volume_series_page():
    item = to_csl_json("c", "misc", "legal-case", {"title": "t", "howpublished": "{347 U.S. 483}"})
    assert (item["volume"], item["container-title"], item["page"]) == ("347", "U.S.", "483")


def test_numbers_and_identifiers_lose_their_braces():
    fields = {"title": "t", "edition": "{2}", "volume": "{12}", "number": "{3}"}
    fields |= {"pages": "{10--12}", "isbn": "{0-00-000000-0}", "chapter": "{4}"}
    item = entry_to_csl("k", "book", fields)
    assert item["edition"] == "2"
    assert item["volume"] == "12"
    assert item["collection-number"] == "3"
    assert item["page"] == "10–12"
    assert item["ISBN"] == "0-00-000000-0"
    assert item["chapter-number"] == "4"
    assert entry_text(CitationStyle("chicago-notes-bibliography"), item).startswith("T. 2nd ed.")


def test_a_note_braced_in_an_entry_with_nothing_else_reads_without_markup():
    """A work with nothing a style can cite prints its note as written: the span that
    protects it is not text."""
    item = entry_to_csl("k", "misc", {"note": "{UNESCO} archives, box 3"})
    note = CitationStyle("chicago-notes-bibliography").note(item, None)
    assert (note.text, note.html) == ("UNESCO archives, box 3.", "UNESCO archives, box 3.")


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèâôç", min_size=1, max_size=8)


@given(st.lists(WORDS, min_size=1, max_size=6))
@settings(max_examples=40, deadline=None)
def test_a_publisher_braced_whole_is_printed_exactly_as_written(tmp_path_factory, words):
    folder = tmp_path_factory.getbasetemp()
    name = " ".join(words)
    item = to_csl_json("k", "book", "book", {"title": "t", "publisher": "{" + name + "}"})
    assert entry_text(title_case_style(str(folder)), item) == f"title: T | publisher: {name}"
