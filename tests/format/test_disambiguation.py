"""Disambiguation steps 1 and 2 (CSL 1.0.2): names added to cites that read alike
(`disambiguate-add-names`) and given names shown (`disambiguate-add-givenname`, by
each `givenname-disambiguation-rule`), before year suffixes and `disambiguate="true"`.

Items and styles are our own; the expected citations follow the spec's description of
each rule, and CMOS 18 15.21 and 15.29 for the Chicago author-date style."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator.commands.format import format_items
from glossator.format.engine import CitationStyle, CiteRequest

LIND = {"family": "Lind", "given": "Tomas"}
ADA = {"family": "Okafor", "given": "Ada"}
CHIDI = {"family": "Okafor", "given": "Chidi"}
QUIST = {"family": "Quist", "given": "Jonas"}
BRANDT = {"family": "Brandt", "given": "Ines"}
MOREAU = {"family": "Moreau", "given": "Karl"}


def work(key: str, authors: list[dict], year: int, title: str = "A Study") -> dict:
    return {"id": key, "type": "book", "title": title, "author": authors,
            "issued": {"date-parts": [[year]]}}  # fmt: skip


def cite(style: str | CitationStyle, items: list[dict]) -> str:
    style = CitationStyle(style) if isinstance(style, str) else style
    return format_items(style, items, "citation", "text")[0]


def test_primary_name_rule_names_two_authors_of_one_surname_in_full():
    # CMOS 15.21: authors sharing a surname are told apart by their initials, even
    # when the years differ ("C. Doyle 2016; R. Doyle 2015"): rule primary-name.
    items = [work("a", [ADA], 2001), work("c", [CHIDI], 1999), work("l", [LIND], 1999)]
    assert cite("chicago-author-date", items) == "(A. Okafor 2001; C. Okafor 1999; Lind 1999)"


def test_names_are_added_until_the_cites_differ():
    # CMOS 15.29: "Lind et al." for both would be ambiguous; the second names differ.
    items = [work("x", [LIND, ADA, QUIST], 2000), work("y", [LIND, BRANDT, MOREAU], 2000)]
    assert (
        cite("chicago-author-date", items)
        == "(Lind, Okafor, et al. 2000; Lind, Brandt, et al. 2000)"
    )


STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test</title><id>test</id><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation et-al-min="3" et-al-use-first="1" {options}>
    <layout delimiter="; ">
      <group delimiter=" "><names variable="author">
        <name form="short" and="text" initialize-with=". "/></names>
      <group><date variable="issued"><date-part name="year"/></date>
      <text variable="year-suffix"/></group></group>
    </layout>
  </citation>
</style>
"""


def own(tmp_path: Path, options: str) -> CitationStyle:
    path = tmp_path / "own.csl"
    path.write_text(STYLE.format(options=options), encoding="utf-8")
    return CitationStyle(str(path))


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # by-cite: only cites that read alike; the initial does not tell Ada from
        # Amara, so the full given name is shown.
        ("by-cite", "Ada Okafor 2001; Amara Okafor 2001; Okafor 1999"),
        # all-names: every Okafor who is not the other, in any cite, as far as needed.
        ("all-names", "Ada Okafor 2001; Amara Okafor 2001; C. Okafor 1999"),
        # with initials only: "A." tells Ada from Chidi, if not from Amara.
        ("all-names-with-initials", "A. Okafor 2001; A. Okafor 2001; C. Okafor 1999"),
    ],
)
def test_givenname_rules(tmp_path, rule, expected):
    amara = {"family": "Okafor", "given": "Amara"}
    items = [work("a", [ADA], 2001), work("m", [amara], 2001), work("c", [CHIDI], 1999)]
    style = own(
        tmp_path, f'disambiguate-add-givenname="true" givenname-disambiguation-rule="{rule}"'
    )
    assert cite(style, items) == expected


def test_primary_name_rules_leave_later_names_alone(tmp_path):
    items = [work("x", [LIND, ADA], 2001), work("y", [LIND, CHIDI], 1999)]
    style = own(
        tmp_path, 'disambiguate-add-givenname="true" givenname-disambiguation-rule="primary-name"'
    )
    assert cite(style, items) == "Lind and Okafor 2001; Lind and Okafor 1999"
    style = own(
        tmp_path, 'disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names"'
    )
    assert cite(style, items) == "Lind and A. Okafor 2001; Lind and C. Okafor 1999"


def test_one_person_written_with_and_without_spaces_in_initials_is_one_person(tmp_path):
    one, two = {"family": "Quist", "given": "J. K."}, {"family": "Quist", "given": "J.K."}
    style = own(
        tmp_path, 'disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names"'
    )
    assert cite(style, [work("x", [one], 2001), work("y", [two], 1999)]) == "Quist 2001; Quist 1999"


def test_the_notes_of_a_document_keep_the_bibliography_s_names():
    # Two Okafors in the bibliography: a document citing one of them still names her.
    style = CitationStyle("chicago-author-date")
    ada, chidi = work("a", [ADA], 2001), work("c", [CHIDI], 1999)
    style.entries([ada, chidi])
    [note] = style.citations([[CiteRequest(ada, "12")]])
    assert note.text == "(A. Okafor 2001, 12)"


def test_names_that_cannot_tell_works_apart_are_not_added(tmp_path):
    # Step 1 fails (the same three authors): the cites keep "Lind et al." and the year
    # suffix (step 3) tells them apart.
    style = own(tmp_path, 'disambiguate-add-names="true" disambiguate-add-year-suffix="true"')
    items = [work("x", [LIND, ADA, QUIST], 2000), work("y", [LIND, ADA, QUIST], 2000, "B")]
    assert cite(style, items) == "Lind et al. 2000a; Lind et al. 2000b"
    items = [work("x", [LIND, ADA, QUIST], 2000), work("y", [LIND, ADA, MOREAU], 2000)]
    assert cite(style, items) == "Lind, Okafor, and Quist 2000; Lind, Okafor, and Moreau 2000"


def test_a_style_that_never_renders_year_suffix_gets_it_after_the_first_issued_year(tmp_path):
    # Spec: without a cs:text for `year-suffix`, the suffix follows the year of the
    # first issued date rendered, once per entry.
    path = tmp_path / "implicit.csl"
    path.write_text(
        STYLE.replace(
            '<text variable="year-suffix"/>',
            '</group><group prefix=" [" suffix="]">'
            '<date variable="issued"><date-part name="year"/></date>',
        ).format(options='disambiguate-add-year-suffix="true"'),
        encoding="utf-8",
    )
    items = [work("x", [ADA], 2000), work("y", [ADA], 2000, "B")]
    assert cite(CitationStyle(str(path)), items) == "Okafor 2000a [2000]; Okafor 2000b [2000]"


LATER = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test</title><id>test</id><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation et-al-min="4" et-al-use-first="3" et-al-subsequent-min="3"
      et-al-subsequent-use-first="1" {options}>
    <layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=" "><names variable="author"><name form="short" and="text"/></names>
      <group><date variable="issued"><date-part name="year"/></date>
      <text variable="year-suffix"/></group></group>
    </layout>
  </citation>
</style>
"""


def later_style(tmp_path: Path, options: str = "") -> CitationStyle:
    path = tmp_path / "later.csl"
    path.write_text(LATER.format(options=options), encoding="utf-8")
    return CitationStyle(str(path))


def test_a_later_cite_takes_the_subsequent_et_al_rule(tmp_path):
    # CSL 1.0.2: et-al-subsequent-min and -use-first replace et-al-min and -use-first
    # for cites of a work cited before.
    three = work("x", [LIND, ADA, QUIST], 2000)
    style = later_style(tmp_path)
    notes = style.citations([[CiteRequest(three)], [CiteRequest(three)], [CiteRequest(three)]])
    assert [n.text for n in notes] == [
        "(Lind, Okafor, and Quist 2000)",
        "(Lind et al. 2000)",
        "(Lind et al. 2000)",
    ]


def test_works_alike_only_in_a_later_cite_get_year_suffixes(tmp_path):
    # Written out in full the two differ, but their later cites would both read "Lind
    # et al. 2000": the year suffix tells them apart from the first cite on.
    items = [work("x", [LIND, ADA, QUIST], 2000, "A"), work("y", [LIND, BRANDT, MOREAU], 2000, "B")]
    style = later_style(tmp_path, 'disambiguate-add-year-suffix="true"')
    notes = style.citations(
        [[CiteRequest(items[0])], [CiteRequest(items[1])], [CiteRequest(items[0])]]
    )
    assert [n.text for n in notes] == [
        "(Lind, Okafor, and Quist 2000a)",
        "(Lind, Brandt, and Moreau 2000b)",
        "(Lind et al. 2000a)",
    ]


LABELS = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test</title><id>test</id><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-year-suffix="true">
    <layout prefix="[" suffix="]" delimiter=", "><text variable="citation-label"/></layout>
  </citation>
</style>
"""


def test_citation_labels_are_made_from_names_and_year_and_told_apart(tmp_path):
    # Labels as citeproc-js makes them when the data has none: the first four letters
    # of one author, two each of two, two and one and one of three, one of each of the
    # first four for more, and the year's last two digits; a label given in the data
    # is kept; labels alike get year suffixes (CSL disambiguation, step 4).
    path = tmp_path / "labels.csl"
    path.write_text(LABELS, encoding="utf-8")
    items = [
        work("a", [LIND], 1999),
        work("b", [LIND, ADA], 1999),
        work("c", [LIND, ADA, QUIST], 2001),
        work("d", [LIND, ADA, QUIST, BRANDT, MOREAU], 1926),
        work("e", [QUIST], 2004) | {"citation-label": "Own"},
        work("f", [LIND], 1999, "Another Study"),
    ]
    assert cite(str(path), items) == "[Lind99a, LiOk99, LiOQ01, LOQB26, Own, Lind99b]"
