"""Cite grouping and collapsing (CSL 1.0.2, "Cite Grouping" and "Cite Collapsing"):
the expected texts follow the spec's own examples ("(Doe 2000, 2001)", "(Doe 2000a,
b)", "(Doe 2000a–c,e)") and the author-date manuals (CMOS 18 and APA 7: works by one
author cited together name the author once), on styles and works of our own."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.commands.format import format_items
from glossator.format.engine import CitationStyle, CiteRequest

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="{kind}" version="1.0">
  <info><title>Test</title><id>test</id><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation {options}>{sort}<layout prefix="(" suffix=")" delimiter="{delimiter}">
    <group delimiter=" "><names variable="author"><name form="short"/></names>
      <date variable="issued"><date-part name="year"/></date></group>
    <text variable="locator" prefix=", "/>
  </layout></citation>
  <bibliography><sort><key variable="title"/></sort><layout><text variable="title"/></layout>
  </bibliography>
</style>
"""


def style(tmp_path: Path, options: str, delimiter: str = "; ", kind="in-text", sort="") -> str:
    path = tmp_path / "own.csl"
    text = STYLE.format(options=options, delimiter=delimiter, kind=kind, sort=sort)
    path.write_text(text, encoding="utf-8")
    return str(path)


def work(key: str, family: str, year: int, title: str = "") -> dict:
    return {
        "id": key,
        "type": "book",
        "title": title or f"Work {key}",
        "author": [{"family": family, "given": "A."}],
        "issued": {"date-parts": [[year]]},
    }


def cite(path: str, items: list[dict]) -> str:
    return format_items(CitationStyle(path), items, "citation", "text")[0]


LIND_99, OKAFOR_00, LIND_01 = (
    work("a", "Lind", 1999),
    work("b", "Okafor", 2000),
    work("c", "Lind", 2001),
)


def test_year_collapse_groups_an_authors_works_and_names_the_author_once(tmp_path):
    # The spec: grouped cites move to the place of the first of their group.
    path = style(tmp_path, 'collapse="year"')
    assert cite(path, [LIND_99, OKAFOR_00, LIND_01]) == "(Lind 1999, 2001; Okafor 2000)"


def test_cite_group_delimiter_alone_groups_without_collapsing(tmp_path):
    path = style(tmp_path, 'cite-group-delimiter=", "')
    assert cite(path, [LIND_99, OKAFOR_00, LIND_01]) == "(Lind 1999, Lind 2001; Okafor 2000)"


def test_after_collapse_delimiter(tmp_path):
    path = style(tmp_path, 'collapse="year" after-collapse-delimiter="; "', delimiter=", ")
    quist = work("d", "Quist", 2002)
    assert cite(path, [LIND_99, LIND_01, OKAFOR_00, quist]) == (
        "(Lind 1999, 2001; Okafor 2000, Quist 2002)"
    )


def test_year_suffix_collapse_leaves_out_the_repeated_year(tmp_path):
    options = 'collapse="year-suffix" disambiguate-add-year-suffix="true"'
    two = [work("x", "Lind", 2001, "Alpha"), work("y", "Lind", 2001, "Beta"), OKAFOR_00]
    assert cite(style(tmp_path, options), two) == "(Lind 2001a; b; Okafor 2000)"
    delimited = style(tmp_path, options + ' year-suffix-delimiter=","')
    assert cite(delimited, two) == "(Lind 2001a,b; Okafor 2000)"
    # Without disambiguate-add-year-suffix there are no suffixes: "year" collapse.
    assert cite(style(tmp_path, 'collapse="year-suffix"'), two[:2]) == "(Lind 2001, 2001)"


def test_year_suffix_ranged_collapses_three_or_more_in_a_row(tmp_path):
    options = 'collapse="year-suffix-ranged" disambiguate-add-year-suffix="true"'
    works = [work(k, "Lind", 2001, t) for k, t in zip("wxyz", ["A", "B", "C", "D"], strict=True)]
    path = style(tmp_path, options + ' year-suffix-delimiter=","')
    assert cite(path, works[:3]) == "(Lind 2001a–c)"
    assert cite(path, works[:2]) == "(Lind 2001a,b)"
    assert cite(path, works[:3] + [LIND_99]) == "(Lind 2001a–c, 1999)"


def test_a_locator_stops_year_suffix_collapse(tmp_path):
    # The spec's "(Doe 2000a-c, 2000d, p. 5, 2000e,f)": the cite with a locator keeps its
    # year, and so does the cite after it.
    options = 'collapse="year-suffix" disambiguate-add-year-suffix="true" year-suffix-delimiter=","'
    works = [work(k, "Lind", 2001, t) for k, t in zip("wxyz", ["A", "B", "C", "D"], strict=True)]
    requests = [CiteRequest(works[0]), CiteRequest(works[1], locator="5")]
    requests += [CiteRequest(works[2]), CiteRequest(works[3])]
    texts = CitationStyle(style(tmp_path, options)).citations([requests])
    assert texts[0].text == "(Lind 2001a, 2001b, 5, 2001c,d)"


def test_a_note_style_without_cite_group_delimiter_uses_its_layout_delimiter(tmp_path):
    # As citeproc-js does (the CSL 1.0 fixtures of the test suite expect it).
    path = style(tmp_path, 'collapse="year"', kind="note")
    assert cite(path, [LIND_99, OKAFOR_00, LIND_01]) == "(Lind 1999; 2001; Okafor 2000)"


def test_a_sort_on_the_date_ignores_the_year_suffix(tmp_path):
    sort = '<sort><key variable="issued"/></sort>'
    macro_sort = '<sort><key macro="year"/></sort>'
    works = [
        work("x", "Lind", 1970, "A"),
        work("y", "Lind", 1965, "B"),
        work("z", "Lind", 1965, "C"),
    ]
    for keys in (sort, macro_sort):
        path = style(tmp_path, 'disambiguate-add-year-suffix="true"', sort=keys)
        text = (
            Path(path)
            .read_text(encoding="utf-8")
            .replace(
                "<citation",
                '<macro name="year"><date variable="issued"><date-part name="year"/></date>'
                "</macro><citation",
            )
        )
        Path(path).write_text(text, encoding="utf-8")
        assert cite(path, works) == "(Lind 1965a; Lind 1965b; Lind 1970)"


def test_chicago_and_apa_name_an_author_once(tmp_path):
    items = [LIND_99, OKAFOR_00, LIND_01]
    chicago = CitationStyle("chicago-author-date")
    assert format_items(chicago, items, "citation", "text") == ["(Lind 1999, 2001; Okafor 2000)"]
    apa = CitationStyle("apa")
    assert format_items(apa, items, "citation", "text") == ["(Lind, 1999, 2001; Okafor, 2000)"]


FAMILIES = ["Lind", "Okafor", "Quist"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(FAMILIES), st.integers(1900, 1905)), min_size=1, max_size=6)
)
def test_each_author_is_named_once_before_all_their_years(tmp_path_factory, cites):
    path = style(tmp_path_factory.mktemp("c"), 'collapse="year"')
    items = [work(f"w{n}", family, year) for n, (family, year) in enumerate(cites)]
    text = cite(path, items)
    for family in {f for f, _ in cites}:
        assert text.count(family) == 1
    groups = re.findall(r"([A-Z][a-z]+) ([\d, ]+)", text.strip("()"))
    assert [g[0] for g in groups] == list(dict.fromkeys(f for f, _ in cites))
    for family, years in groups:
        expected = [str(y) for f, y in cites if f == family]
        assert years.strip(", ").split(", ") == expected


def test_cites_keep_the_order_written_when_the_style_does_not_sort_them(tmp_path):
    # CSL: without cs:sort in cs:citation the cites stand as the author gave them, even
    # when a later one was cited before (citeproc-py put them in bibliography order).
    for options in ("", 'collapse="year"'):
        own = CitationStyle(style(tmp_path, options))
        first, then = [CiteRequest(OKAFOR_00)], [CiteRequest(LIND_99), CiteRequest(OKAFOR_00)]
        texts = [entry.text for entry in own.citations([first, then])]
        assert texts == ["(Okafor 2000)", "(Lind 1999; Okafor 2000)"], options


def test_a_style_that_sorts_its_cites_still_does(tmp_path):
    own = CitationStyle(style(tmp_path, "", sort='<sort><key variable="issued"/></sort>'))
    first, then = [CiteRequest(LIND_01)], [CiteRequest(LIND_01), CiteRequest(LIND_99)]
    texts = [entry.text for entry in own.citations([first, then])]
    assert texts == ["(Lind 2001)", "(Lind 1999; Lind 2001)"]
