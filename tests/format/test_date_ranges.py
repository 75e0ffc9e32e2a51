"""Date ranges (CSL spec, "Date Ranges"): the parts that differ are given as a range
with the delimiter of the largest of them, the parts they share once. The Chicago
forms are CMOS 18 6.83 and 9.63 ("January 2–4, 1999", "January 2, 1999–January 4,
2000"); citeproc-py crashed on every range in the CMOS 18 styles."""

from __future__ import annotations

import pytest

from glossator.commands.format import format_items
from glossator.format.engine import CitationStyle


def newspaper(parts: list[list[int]]) -> dict:
    return {"id": "s", "type": "article-newspaper", "title": "Storm Season",
            "container-title": "Harbor Times", "issued": {"date-parts": parts}}  # fmt: skip


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([[1999, 1, 2], [1999, 1, 4]], "January 2–4, 1999"),
        ([[1999, 1, 2], [1999, 3, 4]], "January 2–March 4, 1999"),
        ([[1999, 1], [1999, 3]], "January–March 1999"),
        ([[1999, 1, 2], [2000, 1, 4]], "January 2, 1999–January 4, 2000"),
        ([[1999], [2001]], "1999–2001"),
    ],
)
def test_chicago_date_ranges(parts, expected):
    style = CitationStyle("chicago-notes-bibliography")
    [entry] = format_items(style, [newspaper(parts)], "bibliography", "text")
    assert entry == f"Harbor Times. “Storm Season.” {expected}."


STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test</title><id>test</id><updated>2026-12-01T00:00:00+00:00</updated></info>
  <locale><date form="text" delimiter=" ">
    <date-part name="day" range-delimiter=" to "/>
    <date-part name="month" range-delimiter=" until "/>
    <date-part name="year" range-delimiter=" / "/></date></locale>
  <citation><layout><date variable="issued" form="text"/></layout></citation>
</style>
"""


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([[2001, 5, 1], [2001, 5, 9]], "1 to 9 May 2001"),
        ([[2001, 5, 1], [2001, 6, 9]], "1 May until 9 June 2001"),
        ([[2001, 5, 1], [2002, 6, 9]], "1 May 2001 / 9 June 2002"),
    ],
)
def test_each_part_s_range_delimiter_and_the_locale_date_s_delimiter(tmp_path, parts, expected):
    path = tmp_path / "ranges.csl"
    path.write_text(STYLE, encoding="utf-8")
    style = CitationStyle(str(path))
    assert format_items(style, [newspaper(parts)], "citation", "text") == [expected]
