"""CSL-JSON mapping and citeproc formatting, checked against hand-written Chicago entries.

Expected entries are written from the Chicago Manual of Style (17th ed.) rules, not
copied from output: full given names, en dash page ranges, periods and commas inside
closing quotation marks, italic titles of books and periodicals. They are checked
under the 17th-edition CSL; the default style is the CMOS 18 one, which drops places of
publication.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossator.format.csl_json import sort_key_chicago, to_csl_json
from glossator.format.csl_text import FormattedEntry, last_page, punctuate_initials, title_case
from glossator.format.engine import DEFAULT_STYLE, CitationStyle

CMOS17 = "chicago-notes-bibliography-17th-edition"


@cache
def _style(name: str) -> CitationStyle:
    """One parsed style per name for the whole module, as a build keeps one."""
    return CitationStyle(name)


def format_bibliography(items: list[dict], style: str = DEFAULT_STYLE) -> dict[str, FormattedEntry]:
    return _style(style).entries(items)


def format_note(item: dict, locator: str | None, style: str = DEFAULT_STYLE) -> FormattedEntry:
    return _style(style).note(item, locator)


# kind → (entry_type, fields, expected plain text, expected html)
WORKS = {
    "journal-article": (
        "article",
        {
            "author": "Grafton, Anthony",
            "title": "The Footnote from De Thou to Ranke",
            "journal": "History and Theory",
            "volume": "33",
            "number": "4",
            "pages": "53--76",
            "year": "1994",
        },
        "Grafton, Anthony. “The Footnote from De Thou to Ranke.” History and Theory 33, "
        "no. 4 (1994): 53–76.",
        "Grafton, Anthony. “The Footnote from De Thou to Ranke.” <i>History and Theory</i> "
        "33, no. 4 (1994): 53–76.",
    ),
    "book": (
        "book",
        {
            "author": "Grafton, Anthony",
            "title": "The Footnote: A Curious History",
            "publisher": "Harvard University Press",
            "address": "Cambridge, MA",
            "year": "1997",
        },
        "Grafton, Anthony. The Footnote: A Curious History. Cambridge, MA: Harvard "
        "University Press, 1997.",
        "Grafton, Anthony. <i>The Footnote: A Curious History</i>. Cambridge, MA: Harvard "
        "University Press, 1997.",
    ),
    "newspaper-article": (
        "article",
        {
            "author": "Gordon, Michael R. and Barnard, Anne",
            "title": "U.S. and Russia Reach Deal to Destroy Syria’s Chemical Arms",
            "journal": "New York Times",
            "year": "2013",
            "month": "9",
            "day": "14",
        },
        "Gordon, Michael R., and Anne Barnard. “U.S. and Russia Reach Deal to Destroy "
        "Syria’s Chemical Arms.” New York Times, September 14, 2013.",
        "Gordon, Michael R., and Anne Barnard. “U.S. and Russia Reach Deal to Destroy "
        "Syria’s Chemical Arms.” <i>New York Times</i>, September 14, 2013.",
    ),
    # A title ending in a question mark takes no period after it (CMOS 6.119).
    "magazine-article": (
        "article",
        {
            "author": "Judt, Tony",
            "title": "What Is Living and What Is Dead in Social Democracy?",
            "journal": "New York Review of Books",
            "year": "2009",
            "month": "12",
            "day": "17",
        },
        "Judt, Tony. “What Is Living and What Is Dead in Social Democracy?” New York "
        "Review of Books, December 17, 2009.",
        "Judt, Tony. “What Is Living and What Is Dead in Social Democracy?” <i>New York "
        "Review of Books</i>, December 17, 2009.",
    ),
    # A wire service as corporate author, the paper that ran the story as container.
    "news-agency": (
        "article",
        {
            "author": "{Associated Press}",
            "title": "UN Council Extends Aid Deliveries into Syria",
            "journal": "Washington Post",
            "year": "2020",
            "month": "7",
            "day": "11",
        },
        "Associated Press. “UN Council Extends Aid Deliveries into Syria.” Washington "
        "Post, July 11, 2020.",
        "Associated Press. “UN Council Extends Aid Deliveries into Syria.” <i>Washington "
        "Post</i>, July 11, 2020.",
    ),
    # CMOS 17 14.217 runs genre, place and date as one sentence ("Remarks, New York,
    # ..."); both Chicago CSL styles end the genre with a period and give the place and
    # the transcript's publisher as facts of publication. We keep the style's form.
    "speech": (
        "misc",
        {
            "author": "Power, Samantha",
            "title": "Remarks at an Emergency Session of the UN Security Council on Aleppo",
            "howpublished": "Remarks",
            "address": "New York",
            "organization": "United States Mission to the United Nations",
            "year": "2016",
            "month": "9",
            "day": "25",
        },
        "Power, Samantha. “Remarks at an Emergency Session of the UN Security Council on "
        "Aleppo.” Remarks. New York: United States Mission to the United Nations, "
        "September 25, 2016.",
        None,
    ),
    # A corporate author (braced in BibTeX) is never inverted or initialised.
    "government-document": (
        "misc",
        {
            "author": "{United States Department of State}",
            "title": "Country Reports on Terrorism 2015",
            "address": "Washington, DC",
            "organization": "Bureau of Counterterrorism",
            "year": "2016",
        },
        "United States Department of State. Country Reports on Terrorism 2015. "
        "Washington, DC: Bureau of Counterterrorism, 2016.",
        "United States Department of State. <i>Country Reports on Terrorism 2015</i>. "
        "Washington, DC: Bureau of Counterterrorism, 2016.",
    ),
    # Bills follow the Bluebook (CMOS 14.295): roman title, bill number, Congress, year.
    "legislation": (
        "misc",
        {
            "title": "Syria Accountability and Lebanese Sovereignty Restoration Act of 2003",
            "number": "H.R.1828",
            "note": "108th Congress",
            "year": "2003",
        },
        "Syria Accountability and Lebanese Sovereignty Restoration Act of 2003, "
        "H.R. 1828, 108th Cong. (2003).",
        None,
    ),
    # A web page: the site's name in roman (CMOS 14.206), with its URL.
    "web-page": (
        "online",
        {
            "author": "Lund, Aron",
            "title": "The Road to Aleppo",
            "organization": "Carnegie Middle East Center",
            "year": "2016",
            "month": "10",
            "day": "6",
            "url": "https://carnegie-mec.org/diwan/64771",
        },
        "Lund, Aron. “The Road to Aleppo.” Carnegie Middle East Center, October 6, 2016. "
        "https://carnegie-mec.org/diwan/64771.",
        None,
    ),
    # UN documents: CMOS 14.306 asks for the issuing body, title, document symbol and
    # date, with no model for a bare resolution. The form taken as correct here is
    # `Body. “Title.” Symbol. Date. URL.`, what the Chicago CSL gives a `document` whose
    # `number` is the symbol.
    "un-resolution": (
        "misc",
        {
            "author": "{United Nations Security Council}",
            "title": "Resolution 2118",
            "number": "2118",
            "year": "2013",
            "month": "9",
            "day": "27",
            "un_symbol": "S/RES/2118 (2013)",
            "url": "https://undocs.org/S/RES/2118%20(2013)",
        },
        "United Nations Security Council. “Resolution 2118.” S/RES/2118 (2013). "
        "September 27, 2013. https://undocs.org/S/RES/2118%20(2013).",
        None,
    ),
    "un-draft-resolution": (
        "misc",
        {
            "author": "{United Nations Security Council}",
            "title": "Draft Resolution 2017/172",
            "year": "2017",
            "month": "2",
            "day": "28",
            "un_symbol": "S/2017/172",
        },
        "United Nations Security Council. “Draft Resolution 2017/172.” S/2017/172. "
        "February 28, 2017.",
        None,
    ),
    # A press release is named by its genre and symbol: no quoted title repeats them.
    "un-press-release": (
        "misc",
        {
            "author": "{United Nations Security Council}",
            "title": "Press Release SC/12529",
            "howpublished": "Press release",
            "un_symbol": "SC/12529",
            "year": "2016",
            "month": "9",
            "day": "25",
        },
        "United Nations Security Council. Press Release SC/12529. September 25, 2016.",
        None,
    ),
    "un-document": (
        "misc",
        {
            "author": "{United Nations Human Rights Council}",
            "title": "Report of the Independent International Commission of Inquiry on "
            "the Syrian Arab Republic",
            "un_symbol": "A/HRC/31/68",
            "year": "2016",
            "month": "2",
            "day": "11",
        },
        "United Nations Human Rights Council. “Report of the Independent International "
        "Commission of Inquiry on the Syrian Arab Republic.” A/HRC/31/68. February 11, 2016.",
        None,
    ),
    # No author: in a bibliography the newspaper stands in the author's place and is
    # not repeated (CMOS 14.207).
    "no-author": (
        "article",
        {
            "title": "Aleppo’s Last Hospital Is Bombed",
            "journal": "Guardian",
            "year": "2016",
            "month": "11",
            "day": "19",
        },
        "Guardian. “Aleppo’s Last Hospital Is Bombed.” November 19, 2016.",
        "<i>Guardian</i>. “Aleppo’s Last Hospital Is Bombed.” November 19, 2016.",
    ),
}
KINDS = {"no-author": "newspaper-article"}


def item_for(kind: str) -> dict:
    entry_type, fields, _, _ = WORKS[kind]
    return to_csl_json(kind, entry_type, KINDS.get(kind, kind), fields)


@pytest.mark.parametrize("kind", list(WORKS))
def test_bibliography_entry_by_hand(kind):
    _, _, text, html = WORKS[kind]
    entry = format_bibliography([item_for(kind)], CMOS17)[kind]
    assert entry.text == text
    assert entry.html == (html if html is not None else text)


def test_default_style_is_cmos18_which_drops_the_place():
    entries = format_bibliography([item_for("book"), item_for("journal-article")])
    assert entries["book"].text == (
        "Grafton, Anthony. The Footnote: A Curious History. Harvard University Press, 1997."
    )
    assert entries["journal-article"].text == WORKS["journal-article"][2]


def test_note_with_locator():
    note = format_note(item_for("journal-article"), "60", CMOS17)
    assert note.text == (
        "Anthony Grafton, “The Footnote from De Thou to Ranke,” History and Theory 33, "
        "no. 4 (1994): 60."
    )
    assert note.html == (
        "Anthony Grafton, “The Footnote from De Thou to Ranke,” <i>History and Theory</i> "
        "33, no. 4 (1994): 60."
    )
    book = format_note(item_for("book"), "12-14", CMOS17)
    assert book.text == (
        "Anthony Grafton, The Footnote: A Curious History (Cambridge, MA: Harvard "
        "University Press, 1997), 12–14."
    )


def test_note_without_locator_and_comma_inside_quotes():
    note = format_note(item_for("newspaper-article"), None, CMOS17)
    assert note.text == (
        "Michael R. Gordon and Anne Barnard, “U.S. and Russia Reach Deal to Destroy "
        "Syria’s Chemical Arms,” New York Times, September 14, 2013."
    )


def test_given_names_and_their_initials_are_kept():
    item = to_csl_json(
        "t",
        "article",
        "journal-article",
        {
            "author": "Tufte, Edward R and Müller, Jörg",
            "title": "Sidenotes and Beautiful Evidence",
            "journal": "Journal of Typography",
            "volume": "12",
            "number": "3",
            "pages": "1-10",
            "year": "2006",
        },
    )
    assert format_bibliography([item], CMOS17)["t"].text == (
        "Tufte, Edward R., and Jörg Müller. “Sidenotes and Beautiful Evidence.” "
        "Journal of Typography 12, no. 3 (2006): 1–10."
    )
    # Styles that do initialise still do.
    apa = format_bibliography([item], "apa")["t"].text
    assert apa.startswith("Tufte, E. R., & Müller, J. (2006).")
    assert punctuate_initials("J.R.R.", ". ") == "J. R. R."
    assert punctuate_initials("Wm. Edward", ". ") == "Wm. Edward"


def test_page_ranges_under_mla():
    item = to_csl_json(
        "m",
        "article",
        "journal-article",
        {
            "author": "Tufte, Edward R.",
            "title": "Sidenotes",
            "journal": "Journal of Typography",
            "volume": "12",
            "number": "3",
            "pages": "1-10",
            "year": "2006",
        },
    )
    text = format_bibliography([item], "modern-language-association")["m"].text
    assert "pp. 1–10." in text


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Soft Balancing Against The United States", "Soft Balancing against the United States"),
        ("multipolarity, and beyond: a menu", "Multipolarity, and Beyond: A Menu"),
        ("Bush Pulls Out of ABM Treaty", "Bush Pulls Out of ABM Treaty"),  # adverb: kept
        ("U.S. and Russia in the iPhone age", "U.S. and Russia in the iPhone Age"),
        ("what are you looking at", "What Are You Looking At"),
    ],
)
def test_title_case_follows_chicago(title, expected):
    assert str(title_case(title)) == expected


@pytest.mark.parametrize(
    ("first", "last", "fmt", "expected"),
    [
        ("1", "10", "minimal-two", "10"),
        ("1", "10", "minimal", "10"),
        ("42", "45", "minimal", "5"),
        ("321", "328", "minimal-two", "28"),
        ("2787", "2816", "minimal", "816"),
        ("2787", "2816", "expanded", "2816"),
        ("148", "67", "expanded", "167"),  # abbreviated input is expanded first
        ("148", "67", "chicago-16", "67"),
        ("71", "72", "chicago-16", "72"),
        ("107", "108", "chicago-16", "8"),
        ("1496", "1504", "chicago-15", "1504"),
        ("1496", "1504", "chicago-16", "504"),
        ("600", "613", "chicago-16", "613"),
        ("98", "102", "minimal", "102"),
        ("S12", "S19", "minimal", "9"),
        ("xii", "xiv", "minimal", "xiv"),  # not numeric: left alone
        ("148", "67", None, "67"),  # no page-range-format: as given
    ],
)
def test_last_page(first, last, fmt, expected):
    assert last_page(first, last, fmt) == expected


def test_second_style_apa():
    entry = format_bibliography([item_for("journal-article")], "apa")["journal-article"]
    assert entry.text == (
        "Grafton, A. (1994). The Footnote from De Thou to Ranke. History and Theory, 33(4), 53–76."
    )
    assert "<i>History and Theory</i>, <i>33</i>(4)" in entry.html


@pytest.mark.parametrize(
    "style",
    [
        "foreign-policy-analysis",  # a dependent style, resolved to its parent
        "associacao-brasileira-de-normas-tecnicas",  # name-part text-case crashed
        "politix",  # name-part affixes crashed
        "harvard-cite-them-right",  # bundled with citeproc-py
    ],
)
def test_other_styles_format_every_kind(style):
    entries = format_bibliography([item_for(kind) for kind in WORKS], style)
    assert all(entry.text for entry in entries.values())


def test_notes_only_style_gives_notes():
    entry = format_bibliography([item_for("journal-article")], "chicago-notes")
    assert entry["journal-article"].text.startswith("Anthony Grafton, “The Footnote")


def test_locator_labels():
    item = item_for("book")
    assert format_note(item, "chap. 3", CMOS17).text.endswith("1997), chap. 3.")
    assert format_note(item, "n. 12", CMOS17).text.endswith("1997), n. 12.")


def test_unknown_style_names_it():
    with pytest.raises(ValueError, match="harvard1"):
        format_bibliography([item_for("book")], "harvard1")
    with pytest.raises(ValueError, match=r"\.\./etc"):
        format_note(item_for("book"), None, "../etc")


def test_html_is_escaped():
    item = to_csl_json(
        "q",
        "book",
        "book",
        {"author": "{Smith & Sons}", "title": "Tags <Script> & Such", "year": "2001"},
    )
    entry = format_bibliography([item], CMOS17)["q"]
    assert "<Script>" not in entry.html
    assert entry.html == "Smith &amp; Sons. <i>Tags &lt;Script&gt; &amp; Such</i>. 2001."
    assert entry.text == "Smith & Sons. Tags <Script> & Such. 2001."


def test_unparsed_work_keeps_its_text():
    raw = "Interview with a former diplomat, Geneva, 2015"
    item = to_csl_json("o", "misc", "other", {"note": raw})
    assert format_bibliography([item], CMOS17)["o"].text == raw + "."
    assert format_note(item, "3", CMOS17).text == raw + "."


def test_csl_json_shape():
    item = item_for("journal-article")
    assert item == {
        "id": "journal-article",
        "type": "article-journal",
        "author": [{"family": "Grafton", "given": "Anthony"}],
        "title": "The Footnote from De Thou to Ranke",
        "container-title": "History and Theory",
        "volume": "33",
        "issue": "4",
        "page": "53–76",
        "issued": {"date-parts": [[1994]]},
    }
    un = item_for("un-resolution")
    assert un["type"] == "document"
    assert un["number"] == "S/RES/2118 (2013)"
    assert un["author"] == [{"literal": "United Nations Security Council"}]
    assert un["URL"] == "https://undocs.org/S/RES/2118%20(2013)"
    speech = item_for("speech")
    assert speech["type"] == "speech"
    assert speech["genre"] == "Remarks"
    assert speech["event-place"] == "New York"
    assert item_for("legislation")["type"] == "bill"
    pairs = (("author", "van der Berg, Jan"), ("title", "A {NATO} History"), ("year", "2001"))
    dutch = to_csl_json("d", "book", "book", pairs)
    assert dutch["author"] == [
        {"dropping-particle": "van der", "family": "Berg", "given": "Jan"}  # as biblatex
    ]
    assert dutch["title"] == 'A <span class="nocase">NATO</span> History'


def test_sort_key_chicago():
    def item(key, **kw):
        return {"id": key, "type": "article-magazine"} | kw

    items = [
        item("zeta", author=[{"family": "Zeta", "given": "A."}], title="Z"),
        item("abel", author=[{"family": "Ábel", "given": "Tamás"}], title="T"),
        item("adams", author=[{"family": "Adams", "given": "John"}], title="T"),
        item("econ", title="The Syrian Stalemate", **{"container-title": "The Economist"}),
        item("un", author=[{"literal": "United Nations"}], title="U"),
        item("report", type="report", title="The Syria Report"),
        item("site", type="webpage", title="A Page", **{"container-title": "Syria Institute"}),
        item("b2", author=[{"family": "Barnard", "given": "Anne"}], title="B",
             issued={"date-parts": [[2016]]}),
        item("b1", author=[{"family": "barnard", "given": "anne"}], title="A",
             issued={"date-parts": [[2013]]}),
    ]  # fmt: skip
    order = [i["id"] for i in sorted(items, key=sort_key_chicago)]
    assert order == ["abel", "adams", "b1", "b2", "econ", "site", "report", "un", "zeta"]


def test_real_footnotes_format_cleanly():
    from glossator.notes.parse_note import parse_note

    notes = [
        "Ki-Moon, Ban. “Opening remarks at Humanitarian Pledging Conference for Syria” "
        "(Remarks, Kuwait City, 31 March 2015). United Nations.",
        'Pape, Robert. "Soft Balancing against the United States." International '
        "Security, 30: 1 (2005): 7-45.",
    ]
    works = [w for n in notes for w in parse_note(n)]
    items = [to_csl_json(f"k{i}", w.entry_type, w.kind, w.fields) for i, w in enumerate(works)]
    entries = format_bibliography(items, CMOS17)
    assert entries["k0"].text == (
        "Ki-Moon, Ban. “Opening Remarks at Humanitarian Pledging Conference for Syria.” "
        "Remarks. Kuwait City: United Nations, March 31, 2015."
    )
    assert entries["k1"].text == (
        "Pape, Robert. “Soft Balancing against the United States.” International "
        "Security 30, no. 1 (2005): 7–45."
    )


def test_a_thousand_entries_in_one_call_each_read_as_alone():
    """Memoised lookups and remembered branches must not leak one item into the next
    (speed is measured in benchmarks/, not here)."""
    items = [item_for(kind) | {"id": f"{kind}{n}"} for n in range(72) for kind in WORKS]
    entries = format_bibliography(items[:1000], CMOS17)
    assert len(entries) == 1000
    for item in items[:1000]:
        kind = item["id"].rstrip("0123456789")
        assert entries[item["id"]].text == WORKS[kind][2]


def test_a_un_press_release_without_symbol_keeps_its_bibliography_form():
    fields = {
        "author": "{United Nations General Assembly}",
        "title": "Assembly Elects Five Non-Permanent Members",
        "howpublished": "Press release",
        "year": "2019",
        "month": "6",
        "day": "7",
    }
    item = to_csl_json("ga", "misc", "un-press-release", fields)
    assert format_bibliography([item])["ga"].text == (
        "United Nations General Assembly. “Assembly Elects Five Non-Permanent Members.” "
        "Press release. United Nations, June 7, 2019."
    )


def _from_note(text: str) -> dict:
    from glossator.notes.parse_note import parse_note, work_key

    work = parse_note(text)[0]
    return to_csl_json(work_key(work), work.entry_type, work.kind, work.fields)


def test_cases_treaties_and_archives_use_csl_s_own_types_and_variables():
    case = _from_note("Brown v. Board of Education, 347 U.S. 483, 495 (1954).")
    treaty = _from_note(
        "Convention on the Prevention and Punishment of the Crime of Genocide, "
        "December 9, 1948, 78 U.N.T.S. 277."
    )
    letter = _from_note(
        "Kennan to Acheson, 3 May 1947, box 27, folder 4, George F. Kennan Papers, "
        "Seeley G. Mudd Manuscript Library, Princeton University."
    )
    assert (case["type"], case["container-title"], case["volume"], case["page"]) == (
        "legal_case",
        "U.S.",
        "347",
        "483",
    )
    assert (treaty["type"], treaty["container-title"], treaty["volume"]) == (
        "treaty",
        "U.N.T.S.",
        "78",
    )
    assert letter["type"] == "manuscript"
    assert letter["collection-title"] == "George F. Kennan Papers"
    assert letter["archive"] == "Seeley G. Mudd Manuscript Library, Princeton University"
    assert letter["archive_location"] == "box 27, folder 4"
    # The reporter citation as Chicago (14.269) writes it; where the pinpoint goes is the
    # style's choice (Zotero's Chicago puts it after the year)
    note = format_note(case, "495").text
    assert note.startswith("Brown v. Board of Education, 347 U.S. 483") and "495" in note
    entries = format_bibliography([treaty])
    assert entries[treaty["id"]].text == (
        "Convention on the Prevention and Punishment of the Crime of Genocide, "
        "December 9, 1948, 78 U.N.T.S. 277."
    )


_LOWER_WORD = st.from_regex(r"[b-z]{3,8}", fullmatch=True)


@given(
    st.lists(_LOWER_WORD, min_size=1, max_size=5),
    st.sampled_from(["van", "den", "ten"]),
    st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True),
    _LOWER_WORD,
)
def test_an_english_word_that_is_a_particle_is_one_only_before_a_name(words, particle, name, word):
    # "… van Gogh" keeps its particle; "… van full of …" is an English word, capitalised.
    assert title_case(" ".join([*words, particle, name])).split()[-2] == particle
    assert title_case(" ".join([*words, particle, word])).split()[-2] == particle.capitalize()
