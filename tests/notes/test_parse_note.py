"""parse_note: footnote text → structured works.

Every expectation below was written by hand from the Chicago rules and from reading the
source text, never copied from the parser's output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossator.notes.names import parse_authors
from glossator.notes.parse_note import ParsedWork, parse_note, work_key

SEED = Path(__file__).resolve().parents[2] / "content" / "essays" / "us-russia-un-syria.txt"


def only(text: str) -> ParsedWork:
    works = parse_note(text)
    assert len(works) == 1, works
    return works[0]


def check(work: ParsedWork, entry_type: str, kind: str, fields: dict[str, str], locator=None):
    """Exact check: no missing and no extra fields."""
    assert (work.entry_type, work.kind) == (entry_type, kind)
    assert dict(work.fields) == fields
    assert work.locator == locator
    assert work.confident is True


# --- (a) fixtures of our own, one or more per kind ---------------------------------------

OWN = [
    pytest.param(
        'Ruggie, John Gerard. "Multilateralism: The Anatomy of an Institution." '
        "International Organization 46, no. 3 (1992): 561–598.",
        "article", "journal-article",
        {"author": "Ruggie, John Gerard", "title": "Multilateralism: The Anatomy of an Institution",
         "journal": "International Organization", "volume": "46", "number": "3",
         "pages": "561--598", "year": "1992"},
        None, "ruggie1992multilateralism", id="journal-vol-no",
    ),
    pytest.param(
        "Walt, Stephen M. “Taming American Power.” Foreign Affairs, 84: 5 (2005): 105–120.",
        "article", "journal-article",
        {"author": "Walt, Stephen M.", "title": "Taming American Power",
         "journal": "Foreign Affairs", "volume": "84", "number": "5", "pages": "105--120",
         "year": "2005"},
        None, "walt2005taming", id="journal-vol-colon-number",
    ),
    pytest.param(
        "Allison, Roy. “Russia and Syria: Explaining Alignment with a Regime in Crisis”. "
        "International Affairs, 89:4 (2013): 795-823.",
        "article", "journal-article",
        {"author": "Allison, Roy",
         "title": "Russia and Syria: Explaining Alignment with a Regime in Crisis",
         "journal": "International Affairs", "volume": "89", "number": "4",
         "pages": "795--823", "year": "2013"},
        None, "allison2013russia", id="journal-compact-colon-period-outside-quote",
    ),
    pytest.param(
        'Kagan, Robert. "Power and Weakness." Policy Review, no. 113 (2002): 3-28.',
        "article", "journal-article",
        {"author": "Kagan, Robert", "title": "Power and Weakness", "journal": "Policy Review",
         "number": "113", "pages": "3--28", "year": "2002"},
        None, "kagan2002power", id="journal-number-only",
    ),
    pytest.param(
        'Lo, Bobo. "The Axis of Convenience." Eurasian Review (2008): 10-31.',
        "article", "journal-article",
        {"author": "Lo, Bobo", "title": "The Axis of Convenience", "journal": "Eurasian Review",
         "pages": "10--31", "year": "2008"},
        None, "lo2008axis", id="journal-no-volume",
    ),
    pytest.param(
        "Robert Jervis, “Cooperation under the Security Dilemma,” World Politics 30, no. 2 "
        "(Winter 1978): 167–214, 170.",
        "article", "journal-article",
        {"author": "Jervis, Robert", "title": "Cooperation under the Security Dilemma",
         "journal": "World Politics", "volume": "30", "number": "2", "pages": "167--214",
         "year": "1978"},
        "170", "jervis1978cooperation", id="journal-note-form-with-cited-page",
    ),
    pytest.param(
        'Snyder, Glenn H. "The Security Dilemma in Alliance Politics." World Politics 36: 4 '
        "(1984): 461.",
        "article", "journal-article",
        {"author": "Snyder, Glenn H.", "title": "The Security Dilemma in Alliance Politics",
         "journal": "World Politics", "volume": "36", "number": "4", "year": "1984"},
        "461", "snyder1984security", id="journal-single-page-is-the-cited-page",
    ),
    pytest.param(
        "Trenin, Dmitri. Post-Imperium: A Eurasian Story. (Washington, DC: Carnegie "
        "Endowment, 2011) p. 97.",
        "book", "book",
        {"author": "Trenin, Dmitri", "title": "Post-Imperium: A Eurasian Story",
         "address": "Washington, DC", "publisher": "Carnegie Endowment", "year": "2011"},
        "97", "trenin2011post", id="book-parenthesised-facts",
    ),
    pytest.param(
        "Waltz, Kenneth N. Theory of International Politics. Reading, MA: Addison-Wesley, 1979.",
        "book", "book",
        {"author": "Waltz, Kenneth N.", "title": "Theory of International Politics",
         "address": "Reading, MA", "publisher": "Addison-Wesley", "year": "1979"},
        None, "waltz1979theory", id="book-bibliography-form",
    ),
    pytest.param(
        "Kenneth N. Waltz, Theory of International Politics (Reading, MA: Addison-Wesley, "
        "1979), 102.",
        "book", "book",
        {"author": "Waltz, Kenneth N.", "title": "Theory of International Politics",
         "address": "Reading, MA", "publisher": "Addison-Wesley", "year": "1979"},
        "102", "waltz1979theory", id="book-note-form",
    ),
    pytest.param(
        "Jones, Anna. “Sanctions and Their Limits.” In The Politics of Coercion, edited by "
        "Carl Bloggs, 45–67. London: Routledge, 2005.",
        "incollection", "book",
        {"author": "Jones, Anna", "title": "Sanctions and Their Limits",
         "booktitle": "The Politics of Coercion", "editor": "Bloggs, Carl", "pages": "45--67",
         "address": "London", "publisher": "Routledge", "year": "2005"},
        None, "jones2005sanctions", id="chapter-in-edited-book",
    ),
    pytest.param(
        "Gordon, Michael R. “U.S. and Russia Agree on Syria; Talks Set for Geneva.” "
        "The New York Times. 7 May 2013.",
        "article", "newspaper-article",
        {"author": "Gordon, Michael R.",
         "title": "U.S. and Russia Agree on Syria; Talks Set for Geneva",
         "journal": "The New York Times", "year": "2013", "month": "5", "day": "7"},
        None, "gordon2013us", id="newspaper-semicolon-inside-title",
    ),
    pytest.param(
        'Anne Barnard, "Aleppo Falls," The Washington Post, December 13, 2016.',
        "article", "newspaper-article",
        {"author": "Barnard, Anne", "title": "Aleppo Falls", "journal": "The Washington Post",
         "year": "2016", "month": "12", "day": "13"},
        None, "barnard2016aleppo", id="newspaper-note-form-us-date",
    ),
    pytest.param(
        "“The Kremlin’s Long Game” The Economist. 2 March 2017.",
        "article", "magazine-article",
        {"title": "The Kremlin’s Long Game", "journal": "The Economist", "year": "2017",
         "month": "3", "day": "2"},
        None, "kremlin2017long", id="magazine-no-author-no-period",
    ),
    pytest.param(
        "Zakaria, Fareed. “The Post-American World.” Newsweek Magazine. 12 May 2008.",
        "article", "magazine-article",
        {"author": "Zakaria, Fareed", "title": "The Post-American World",
         "journal": "Newsweek Magazine", "year": "2008", "month": "5", "day": "12"},
        None, "zakaria2008post", id="magazine",
    ),
    pytest.param(
        "Nichols, Michelle. “Russia Blocks UN Statement on Idlib.” Reuters. 4 April 2017.",
        "article", "news-agency",
        {"author": "Nichols, Michelle", "title": "Russia Blocks UN Statement on Idlib",
         "journal": "Reuters", "year": "2017", "month": "4", "day": "4"},
        None, "nichols2017russia", id="news-agency-container",
    ),
    pytest.param(
        "Associated Press. “Aid Convoy Reaches Homs.” The Guardian. 9 February 2014.",
        "article", "news-agency",
        {"author": "{Associated Press}", "title": "Aid Convoy Reaches Homs",
         "journal": "The Guardian", "year": "2014", "month": "2", "day": "9"},
        None, "associated2014aid", id="news-agency-as-author",
    ),
    pytest.param(
        "Power, Samantha. “Remarks at a UN Security Council Briefing on Syria” (Remarks, "
        "New York City, 25 September 2016). United States Mission to the United Nations.",
        "misc", "speech",
        {"author": "Power, Samantha", "title": "Remarks at a UN Security Council Briefing on Syria",
         "howpublished": "Remarks", "address": "New York City",
         "organization": "United States Mission to the United Nations", "year": "2016",
         "month": "9", "day": "25"},
        None, "power2016remarks", id="speech-parenthetical",
    ),
    pytest.param(
        "Ministry of Foreign Affairs of Ukraine. “Statement by the Minister at the Munich "
        "Security Conference.”",
        "misc", "speech",
        {"author": "{Ministry of Foreign Affairs of Ukraine}",
         "title": "Statement by the Minister at the Munich Security Conference"},
        None, "ministrystatement",
        id="speech-corporate-no-container",
    ),
    pytest.param(
        "United Kingdom. Ministry of Defence. Strategic Defence Review, 1998.",
        "misc", "government-document",
        {"author": "{United Kingdom. Ministry of Defence}", "title": "Strategic Defence Review",
         "year": "1998"},
        None, "united1998strategic", id="government-document-hierarchy",
    ),
    pytest.param(
        "Sergei Magnitsky Rule of Law Accountability Act of 2012. H.R. 6156. 112th Congress.",
        "misc", "legislation",
        {"title": "Sergei Magnitsky Rule of Law Accountability Act of 2012",
         "number": "H.R. 6156", "note": "112th Congress"},
        None, "sergeimagnitsky", id="legislation",
    ),
    pytest.param(
        "Kofman, Michael. “Russian Strategy in Syria.” Center for Strategic and International "
        "Studies. 12 March 2018.",
        "online", "web-page",
        {"author": "Kofman, Michael", "title": "Russian Strategy in Syria",
         "organization": "Center for Strategic and International Studies", "year": "2018",
         "month": "3", "day": "12"},
        None, "kofman2018russian", id="think-tank-page",
    ),
    pytest.param(
        "Syria Crisis Timeline. Council on Foreign Relations. May 2019.",
        "online", "web-page",
        {"title": "Syria Crisis Timeline", "organization": "Council on Foreign Relations",
         "year": "2019", "month": "5"},
        None, "syria2019crisis", id="web-page-no-author-unquoted",
    ),
    pytest.param(
        "United Nations Security Council. Resolution 2118. 27 September 2013.",
        "misc", "un-resolution",
        {"author": "{United Nations Security Council}", "title": "Resolution 2118",
         "number": "2118", "year": "2013", "month": "9", "day": "27",
         "un_symbol": "S/RES/2118 (2013)", "url": "https://undocs.org/S/RES/2118%20(2013)"},
        None, "unsc2013res2118", id="un-resolution",
    ),
    pytest.param(
        "United Nations General Assembly. Resolution 68/262. 27 March 2014.",
        "misc", "un-resolution",
        {"author": "{United Nations General Assembly}", "title": "Resolution 68/262",
         "number": "68/262", "year": "2014", "month": "3", "day": "27",
         "un_symbol": "A/RES/68/262", "url": "https://undocs.org/A/RES/68/262"},
        None, "unga2014res68262", id="un-general-assembly-resolution",
    ),
    pytest.param(
        "United Nations Security Council. Draft Resolution 2017/172. 28 February 2017.",
        "misc", "un-draft-resolution",
        {"author": "{United Nations Security Council}", "title": "Draft Resolution 2017/172",
         "year": "2017", "month": "2", "day": "28", "un_symbol": "S/2017/172",
         "url": "https://undocs.org/S/2017/172"},
        None, "unsc2017draft172", id="un-draft-resolution",
    ),
    pytest.param(
        "United Nations Security Council. Press Release SC/12545. 8 October 2016.",
        "misc", "un-press-release",
        {"author": "{United Nations Security Council}", "title": "Press Release SC/12545",
         "howpublished": "Press release", "year": "2016", "month": "10", "day": "8",
         "un_symbol": "SC/12545", "url": "https://press.un.org/en/2016/20161008.sc12545.html"},
        None, "unsc2016sc12545", id="un-press-release-symbol",
    ),
    pytest.param(
        "United Nations Security Council. Press Release: Security Council Extends Mandate of "
        "Mission in Haiti. 13 October 2004.",
        "misc", "un-press-release",
        {"author": "{United Nations Security Council}",
         "title": "Security Council Extends Mandate of Mission in Haiti",
         "howpublished": "Press release", "year": "2004", "month": "10", "day": "13"},
        None, "unsc2004extends", id="un-press-release-titled",
    ),
    pytest.param(
        "United Nations Development Programme. “Human Development Report 2016.” United "
        "Nations. 2016.",
        "misc", "un-document",
        {"author": "{United Nations Development Programme}",
         "title": "Human Development Report 2016", "organization": "United Nations",
         "year": "2016"},
        None, "un2016human", id="un-document",
    ),
    pytest.param(
        "Hill, Anne. “Sanctions Revisited.” The Brookings Institution. 22 April 2015. "
        "https://www.brookings.edu/sanctions-revisited/. Accessed 1 May 2020.",
        "online", "web-page",
        {"author": "Hill, Anne", "title": "Sanctions Revisited",
         "organization": "The Brookings Institution", "year": "2015", "month": "4",
         "day": "22", "note": "Accessed 1 May 2020",
         "url": "https://www.brookings.edu/sanctions-revisited/"},
        None, "hill2015sanctions", id="url-and-access-date",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "entry_type", "kind", "fields", "locator", "key"), OWN)
def test_own_fixture(text, entry_type, kind, fields, locator, key):
    work = only(text)
    check(work, entry_type, kind, fields, locator)
    assert work.raw == text
    assert work_key(work) == key


def test_field_helper():
    work = only('Kagan, Robert. "Power and Weakness." Policy Review, no. 113 (2002): 3-28.')
    assert work.field("journal") == "Policy Review"
    assert work.field("volume") is None


def test_two_works_separated_by_semicolon():
    a = 'Smith, Jane. "Old Wars." Journal of Peace Research 12 (1975): 1-20'
    b = 'Doe, John. "New Wars." Survival 40, no. 2 (1998): 5-9.'
    works = parse_note(f"{a}; {b}")
    assert [w.field("author") for w in works] == ["Smith, Jane", "Doe, John"]
    assert [w.field("journal") for w in works] == ["Journal of Peace Research", "Survival"]
    assert [w.raw for w in works] == [a, b]
    assert all(w.confident for w in works)


def test_see_also_starts_a_second_work_and_lead_in_is_dropped():
    works = parse_note(
        'On coercion, see Smith, Jane. "Old Wars." Journal of Peace Research 12 (1975): 1-20. '
        'See also Doe, John. "New Wars." Survival 40, no. 2 (1998): 5-9.'
    )
    assert [work_key(w) for w in works] == ["smith1975old", "doe1998new"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "The author thanks the two anonymous reviewers for their comments on an earlier draft.",
        "The war began in 1999 and ended a few months later, as discussed above.",
        "Kennan called it “a long telegram” in his memoirs, which is telling.",
    ],
)
def test_discursive_note_cites_nothing(text):
    assert parse_note(text) == []


@pytest.mark.parametrize("text", ["Doe, J. “Untitled” ??? 12:--", "Ibid., 45."])
def test_unparseable_citation_falls_back_to_misc(text):
    work = only(text)
    assert (work.entry_type, work.kind, work.confident) == ("misc", "other", False)
    assert work.fields == (("note", text),)


@pytest.mark.parametrize(
    "text",
    ['"', "“", "(", "p. ", "Resolution", "; ; ;", 'A. "B." C (1999):', "In , edited by ,"],
)
def test_never_raises(text):
    assert isinstance(parse_note(text), list)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Keohane, Robert O., and Joseph S. Nye", ["Keohane, Robert O.", "Nye, Joseph S."]),
        ("T. V. Paul", ["Paul, T. V."]),
        ("Beals, Emma and Hopkins, Nick", ["Beals, Emma", "Hopkins, Nick"]),
        ("Lally, Kathy and Will Englund", ["Lally, Kathy", "Englund, Will"]),
        (
            "Makarychev, Andrey, and Viatcheslav Morozov",
            ["Makarychev, Andrey", "Morozov, Viatcheslav"],
        ),
        ("John Smith, Jane Doe, and Bob Roe", ["Smith, John", "Doe, Jane", "Roe, Bob"]),
        ("Smith, John, Jane Doe, and Bob Roe", ["Smith, John", "Doe, Jane", "Roe, Bob"]),
        ("Smith, John, et al.", ["Smith, John", "others"]),
        ("Ludwig van Beethoven", ["van Beethoven, Ludwig"]),
        ("Martin Luther King Jr.", ["King, Jr., Martin Luther"]),
        ("House, Robert", ["House, Robert"]),
        ("", []),
    ],
)  # fmt: skip
def test_parse_authors(text, names):
    assert parse_authors(text) == names


@pytest.mark.parametrize(
    "name",
    [
        "United Nations Security Council",
        "Dag Hammarskjöld Library",
        "Embassy of the United States in Moscow",
        "Embassy of France, Washington D.C.",
        "The White House",
        "Bosnia and Herzegovina Ministry of Defence",
        "BBC",
        "NATO",
        "Reuters",
        "Bellingcat",
    ],
)
def test_corporate_authors_stay_whole(name):
    assert parse_authors(name) == [name]


# --- (b) the seed essay's 54 notes -----------------------------------------------------


def seed_notes() -> dict[int, str]:
    """Note n is the next line that starts with a space and ends with n (the number may be
    glued to the text, "… 201331"); a note whose text stops mid-citation continues on the
    next non-blank line when that line does not start with a space."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    notes: dict[int, str] = {}
    i = 0
    while i < len(lines) and len(notes) < 54:
        n = len(notes) + 1
        line = lines[i].rstrip()
        if line.startswith(" ") and line.endswith(str(n)) and len(line) > 12:
            text = line[: -len(str(n))].strip()
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            ends = text.endswith((".", "”", '"'))
            if j < len(lines) and not ends and not lines[j].startswith(" "):
                text, i = f"{text} {lines[j].strip()}", j
            notes[n] = text
        i += 1
    return notes


NOTES = seed_notes()


def test_seed_notes_extracted():
    assert sorted(NOTES) == list(range(1, 55))
    assert NOTES[5].endswith("on Global Governance (2009): 51-62.")
    assert NOTES[31].endswith("1 August 2013")
    assert NOTES[33].endswith("8 October 2016). US Mission to the United Nations.")
    assert NOTES[23].endswith("2 Weeks, as Russian Federation Votes against Text. 15 June 2009.")


@pytest.mark.parametrize("n", range(1, 55))
def test_every_seed_note_parses_confidently(n):
    works = parse_note(NOTES[n])
    assert len(works) >= 1
    assert all(w.confident for w in works), works


UNSC = "{United Nations Security Council}"


def res(num: str, year: str, month: str, day: str) -> dict[str, str]:
    symbol = f"S/RES/{num} ({year})"
    return {"author": UNSC, "title": f"Resolution {num}", "number": num, "year": year,
            "month": month, "day": day, "un_symbol": symbol,
            "url": f"https://undocs.org/S/RES/{num}%20({year})"}  # fmt: skip


SEED_EXPECTED = {
    1: ("misc", "speech", "kimoon2015opening", None,
        {"author": "Ki-Moon, Ban",
         "title": "Opening remarks at Humanitarian Pledging Conference for Syria",
         "howpublished": "Remarks", "address": "Kuwait City", "organization": "United Nations",
         "year": "2015", "month": "3", "day": "31"}),
    2: ("article", "journal-article", "caporaso1992international", None,
        {"author": "Caporaso, James A.",
         "title": "International Relations Theory and Multilateralism: The Search for Foundations",
         "journal": "International Organization", "volume": "46", "number": "3",
         "pages": "599--632", "year": "1992"}),
    3: ("misc", "government-document", "united1998national", None,
        {"author": "{United States. The White House}", "title": "National Security Strategy 1998",
         "year": "1998"}),
    4: ("article", "journal-article", "keohane1985two", None,
        {"author": "Keohane, Robert O. and Nye, Joseph S.",
         "title": "Two Cheers for Multilateralism", "journal": "Foreign Policy", "number": "60",
         "pages": "148--67", "year": "1985"}),
    5: ("article", "journal-article", "tsygankov2009russia", None,
        {"author": "Tsygankov, Andrei",
         "title": "Russia in Global Governance: Multipolarity or Multilateralism",
         "journal": "Contemporary Global Governance: Multipolarity vs New Discourses on Global "
                    "Governance",
         "pages": "51--62", "year": "2009"}),
    6: ("article", "journal-article", "pape2005soft", None,
        {"author": "Pape, Robert", "title": "Soft Balancing against the United States",
         "journal": "International Security", "volume": "30", "number": "1", "pages": "7--45",
         "year": "2005"}),
    7: ("article", "journal-article", "paul2005soft", None,
        {"author": "Paul, T. V.", "title": "Soft Balancing in the Age of U.S. Primacy",
         "journal": "International Security", "volume": "30", "number": "1", "pages": "46--71",
         "year": "2005"}),
    9: ("misc", "un-resolution", "unsc1998res1199", None, res("1199", "1998", "9", "23")),
    10: ("misc", "un-press-release", "unsc1999sc6659", None,
         {"author": UNSC, "title": "Press Release SC/6659", "howpublished": "Press release",
          "year": "1999", "month": "3", "day": "26", "un_symbol": "SC/6659",
          "url": "https://press.un.org/en/1999/19990326.sc6659.html"}),
    12: ("book", "book", "yevgeny1999gody", "348",
         {"author": "Yevgeny, Primakov", "title": "Gody v bol'shoi politike", "address": "Moscow",
          "publisher": "Sovershenno Sekretno", "year": "1999"}),
    13: ("article", "newspaper-article", "bbc1989malta", None,
         {"author": "{BBC}", "title": "Malta Summit Ends Cold War",
          "journal": "British Broadcasting Corporation", "year": "1989", "month": "12",
          "day": "3"}),
    14: ("misc", "un-document", "dag2016security", None,
         {"author": "{Dag Hammarskjöld Library}", "title": "Security Council – Veto List",
          "organization": "United Nations", "year": "2016", "month": "8", "day": "12"}),
    15: ("misc", "un-resolution", "unsc1990res678", None, res("678", "1990", "11", "29")),
    16: ("misc", "un-resolution", "unsc1992res781", None, res("781", "1992", "10", "9")),
    17: ("misc", "un-resolution", "unsc1993res816", None, res("816", "1993", "3", "31")),
    18: ("misc", "un-resolution", "unsc1993res836", None, res("836", "1993", "6", "4")),
    19: ("article", "journal-article", "makarychev2011multilateralism", "355",
         {"author": "Makarychev, Andrey and Morozov, Viatcheslav",
          "title": "Multilateralism, Multipolarity, and Beyond: A Menu of Russia's Policy "
                   "Strategies",
          "journal": "Global Governance", "volume": "17", "number": "3", "year": "2011"}),
    20: ("article", "magazine-article", "quinn1998russia", None,
         {"author": "Quinn, Paul", "title": "Russia’s New Icon", "journal": "Time Magazine",
          "year": "1998", "month": "11", "day": "9"}),
    21: ("article", "newspaper-article", "neilan2001bush", None,
         {"author": "Neilan, Terence",
          "title": "Bush Pulls Out of ABM Treaty; Putin Calls Move a Mistake",
          "journal": "The New York Times", "year": "2001", "month": "12", "day": "13"}),
    22: ("misc", "un-press-release", "unsc2002rejects", None,
         {"author": UNSC,
          "title": "Security Council Rejects Draft Proposing Extension of United Nations "
                   "Mission in Bosnia and Herzegovina",
          "howpublished": "Press release", "year": "2002", "month": "6", "day": "30"}),
    24: ("misc", "government-document", "embassy2009obama", None,
         {"author": "{Embassy of the United States in Moscow}",
          "title": "Obama-Medvedev Commission", "year": "2009", "month": "7", "day": "6"}),
    26: ("article", "journal-article", "mankoff2012politics", None,
         {"author": "Mankoff, Jeffrey",
          "title": "The Politics of US Missile Defence Cooperation with Europe and Russia",
          "journal": "International Affairs", "volume": "88", "number": "2",
          "pages": "329--347", "year": "2012"}),
    28: ("misc", "un-resolution", "unsc2010res1929", None, res("1929", "2010", "6", "9")),
    29: ("article", "news-agency", "osborn2016russia", None,
         {"author": "Osborn, Andrew",
          "title": "Russia to build permanent Syrian naval base, eyes other outposts",
          "journal": "Reuters", "year": "2016", "month": "10", "day": "10"}),
    30: ("misc", "legislation", "globalmagnitsky", None,
         {"title": "Global Magnitsky Human Rights Accountability Act", "number": "S.284",
          "note": "114th Congress"}),
    32: ("misc", "un-draft-resolution", "unsc2014draft189", None,
         {"author": UNSC, "title": "Draft Resolution 2014/189", "year": "2014", "month": "3",
          "day": "15", "un_symbol": "S/2014/189", "url": "https://undocs.org/S/2014/189"}),
    33: ("misc", "speech", "pressman2016explanation", None,
         {"author": "Pressman, David",
          "title": "Explanation of Vote on a Security Council Resolution on Syria proposed by "
                   "France and Spain",
          "howpublished": "Remarks", "address": "New York City",
          "organization": "US Mission to the United Nations", "year": "2016", "month": "10",
          "day": "8"}),
    34: ("misc", "un-document", "unscvoting", None,
         {"author": "{United Nations. United Nations Security Council}",
          "title": "Voting Systems and Records"}),
    35: ("online", "web-page", "hill2013limits", None,
         {"author": "Hill, Fiona", "title": "The Limits of US Cooperation With Russia",
          "organization": "The Brookings Institution", "year": "2013", "month": "4",
          "day": "22"}),
    37: ("article", "magazine-article", "russia2015ally", None,
         {"title": "Why Russia is an Ally of Assad", "journal": "The Economist", "year": "2015",
          "month": "9", "day": "30"}),
    39: ("misc", "un-draft-resolution", "unsc2016draft846", None,
         {"author": UNSC, "title": "Draft Resolution 2016/846", "year": "2016", "month": "10",
          "day": "8", "un_symbol": "S/2016/846", "url": "https://undocs.org/S/2016/846"}),
    40: ("article", "news-agency", "reuters2016russia", None,
         {"author": "{Reuters}", "title": "Russia Vetoes French-Drafted Resolution on Aleppo Truce",
          "journal": "France 24", "year": "2016", "month": "10", "day": "8"}),
    41: ("misc", "government-document", "syrian2013revised", None,
         {"author": "{Syrian Arab Republic}",
          "title": "Revised Syrian Humanitarian Action Response Plan",
          "organization": "United Nations System", "year": "2013", "month": "12"}),
    42: ("misc", "un-resolution", "unsc2014res2165", None, res("2165", "2014", "7", "14")),
    43: ("misc", "un-document", "un2016syrian", None,
         {"author": "{United Nations Office for the Coordination of Humanitarian Affairs}",
          "title": "Syrian Arab Republic: Funding Status", "organization": "United Nations System",
          "year": "2016"}),
    44: ("article", "newspaper-article", "beals2016aid", None,
         {"author": "Beals, Emma and Hopkins, Nick",
          "title": "Aid groups suspend cooperation with UN in Syria because of Assad 'influence'",
          "journal": "The Guardian", "year": "2016", "month": "9", "day": "8"}),
    46: ("article", "news-agency", "russian2016jets", None,
         {"title": "Russian jets carried out strike on Syria aid convoy: U.S. officials",
          "journal": "Reuters", "year": "2016", "month": "9", "day": "20"}),
    49: ("misc", "speech", "shea1999press", None,
         {"author": "Shea, Jamie", "title": "Press Conference", "organization": "NATO",
          "year": "1999", "month": "5", "day": "23"}),
    50: ("article", "newspaper-article", "lally2012russia", None,
         {"author": "Lally, Kathy and Englund, Will",
          "title": "Russia blames Syrian opposition for failure to halt conflict",
          "journal": "The Washington Post", "year": "2012", "month": "12", "day": "29"}),
    51: ("misc", "un-resolution", "unsc2015res2254", None, res("2254", "2015", "12", "18")),
    52: ("online", "web-page", "international2016syria", None,
         {"title": "International Syria Support Group (ISSG)",
          "organization": "The Syria Institute", "year": "2016", "month": "6"}),
    54: ("misc", "speech", "embassyforeign", None,
         {"author": "{Embassy of the Russian Federation, Washington D.C.}",
          "title": "Foreign Minister Sergey Lavrov’s remarks at the 71st session of the UN "
                   "General Assembly, New York"}),
}  # fmt: skip


@pytest.mark.parametrize("n", sorted(SEED_EXPECTED))
def test_seed_note_exact(n):
    entry_type, kind, key, locator, fields = SEED_EXPECTED[n]
    work = only(NOTES[n])
    check(work, entry_type, kind, fields, locator)
    assert work_key(work) == key


def test_seed_expectations_cover_every_kind():
    kinds = {kind for _, kind, *_ in SEED_EXPECTED.values()}
    assert kinds == {
        "journal-article", "book", "newspaper-article", "magazine-article", "news-agency",
        "speech", "government-document", "legislation", "web-page", "un-resolution",
        "un-draft-resolution", "un-press-release", "un-document",
    }  # fmt: skip


# --- (c) keys --------------------------------------------------------------------------


def test_seed_keys_are_unique_per_work():
    by_key: dict[str, set[tuple]] = {}
    for text in NOTES.values():
        for w in parse_note(text):
            key = work_key(w)
            assert re.fullmatch(r"[a-z0-9]+", key), key
            identity = (w.kind, w.field("author"), w.field("title"), w.field("year"))
            by_key.setdefault(key, set()).add(identity)
    clashes = {k: v for k, v in by_key.items() if len(v) > 1}
    assert clashes == {}
    assert len(by_key) == 54  # the seed cites 54 different works, one per note
