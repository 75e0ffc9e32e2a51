"""The seed essay read by the pdf-text reader, checked against what a reader of the
source sees (expectations written from the source text, not from parser output)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossator.ingest.pdf_text import read_pdf_text
from glossator.ingest.source import Source
from glossator.model import Figure, Paragraph

SEED = Path(__file__).resolve().parents[2] / "content" / "essays" / "us-russia-un-syria.txt"

HEADINGS = [
    "Introduction",
    "Theoretical Framework",
    "Externalities: Makers and Breakers of the United Nations",
    "Trend Line of the Russo-American Relationship",
    "The Security Council in Syria: Not Barking, Not Biting",
    "Aid Provision: Harried and Halted",
    "Diplomatic Dead Ends",
    "From Bilateral Bickering to Institutional Failure",
]

CAPTIONS = [
    "George Bush and Mikhail Gorbachev at the Malta Summit",
    "Barack Obama and Dmitry Medvedev at the White House",
    "The chamber of the United Nations Security Council",
    "Truck from the attacked Red Crescent/UN aid convoy",
]

# The words each marker follows in the source, in note order.
MARKER_CONTEXT = {
    1: "to stop the war.”",
    2: "elements of multilateralism.",
    3: "that year and the following.",
    4: "gas in the tank of multilateralism.",
    5: "thinking about multilateralism.",
    6: "those that yield more clout.",
    7: "structures of the international community.",
    8: "to take meaningful action.",
    9: "bombing campaign in Moscow.",
    10: "three members of the Council.",
    11: "of the leading western powers.”",
    12: "Central and Eastern Europe.",
    13: "at the Malta Summit.",
    14: "application of the power.",
    15: "following the invasion of Kuwait.",
    16: "no-fly zone monitoring,",
    17: "enforcement of the no-fly zone,",
    18: "Deliberate Force in Serbia.",
    19: "direction of Yevgeny Primakov",
    20: "made by Pape and Paul.",
    21: "criticism from the Kremlin.",
    22: "presumably from Russia.",
    23: "the Council the year prior.",
    24: "established a Presidential Commission.",
    25: "cast off its nuclear ambitions,",
    26: "the source of ire in Moscow,",
    27: "weapons the nations fielded.",
    28: "over its nuclear program.",
    29: "foothold in the Middle East.",
    30: "children increased tensions.",
    31: "between Moscow and Washington.",
    32: "its withdrawal from Ukraine.",
    33: "and is, indeed, participating in it.”",
    34: "at the time of a decision.",
    35: "extremism within Russia’s borders.",
    36: "bear on the Caucasus Emirate.",
    37: "was ultimately seeking its demise.",
    38: "‘Color Revolution’ in Russia.”",
    39: "crimes against humanity” failed to pass.",
    40: "there will be no end to this war.”",
    41: "UNHCR in Syria in 2013.",
    42: "non-government controlled corridors.",
    43: "the funding it needs to operate.",
    44: "the Russian-backed Assad regime.",
    45: "missiles from unidentified aircraft.",
    46: "between American and Russian diplomats.",
    47: "for fear of their safety.",
    48: "made it safely to its destination.",
    49: "heading for territory of the opposition.",
    50: "flooded into Jordan and Lebanon.",
    51: "it has so far proven stillborn.",
    52: "solution is in considerable jeopardy.”",
    53: "were removed from the process.",
    54: "blamed the United States for facilitating.",
}

# Notes whose text needed work: continuation lines, numbers glued to the text.
NOTE_TEXT = {
    1: "Ki-Moon, Ban. “Opening remarks at Humanitarian Pledging Conference for Syria” "
    "(Remarks, Kuwait City, 31 March 2015). United Nations.",
    5: "Tsygankov, Andrei. “Russia in Global Governance: Multipolarity or Multilateralism.” "
    "Contemporary Global Governance: Multipolarity vs New Discourses on Global Governance "
    "(2009): 51-62.",
    7: 'T. V. Paul. "Soft Balancing in the Age of U.S. Primacy." International Security, '
    "30: 1 (2005): 46-71.",
    8: 'Webber, Mark. "The Kosovo War: A Recapitulation." International Affairs (Royal '
    "Institute of International Affairs 1944-) 85: 3 (2009): 447-59.",
    11: 'Averre, Derek. "From Pristina to Tskhinvali: The Legacy of Operation Allied Force in '
    "Russia's Relations with the West.\" International Affairs (Royal Institute of "
    "International Affairs 1944-) 85: 3 (2009): 575-91.",
    19: "Makarychev, Andrey, and Viatcheslav Morozov. “Multilateralism, Multipolarity, and "
    "Beyond: A Menu of Russia's Policy Strategies.” Global Governance 17: 3 (2011): 355.",
    20: "Quinn, Paul. “Russia’s New Icon.” Time Magazine. 9 November 1998.",
    22: "United Nations Security Council. Press Release: Security Council Rejects Draft "
    "Proposing Extension of United Nations Mission in Bosnia and Herzegovina. 30 June 2002.",
    23: "United Nations Security Council. Press Release: Security Council Fails to Adopt "
    "Resolution Extending Mandate of Georgia Mission for 2 Weeks, as Russian Federation Votes "
    "against Text. 15 June 2009.",
    30: "Global Magnitsky Human Rights Accountability Act. S.284. 114th Congress.",
    31: "Sonne, Paul. “Snowden Asylum Hits US-Russia Relations.” The Wall Street Journal. "
    "1 August 2013",
    33: "Pressman, David. “Explanation of Vote on a Security Council Resolution on Syria proposed "
    "by France and Spain” (Remarks, New York City, 8 October 2016). US Mission to the United "
    "Nations.",
    40: "Reuters. “Russia Vetoes French-Drafted Resolution on Aleppo Truce.” France 24. "
    "8 October 2016.",
    54: "Embassy of the Russian Federation, Washington D.C. “Foreign Minister Sergey Lavrov’s "
    "remarks at the 71st session of the UN General Assembly, New York.”",
}


@pytest.fixture(scope="module")
def essay():
    document, diagnostics = read_pdf_text(Source("essay", "essay.txt", SEED.read_text("utf-8")))
    assert diagnostics == []
    return document


def test_sections_are_the_eight_headings(essay):
    assert [s.heading for s in essay.sections] == HEADINGS


def test_four_caption_only_figures_in_reading_order(essay):
    figures = essay.figures()
    assert [f.caption for f in figures] == CAPTIONS
    assert all(f.src is None for f in figures)


def test_figures_follow_the_paragraph_they_interrupted(essay):
    blocks = [b for s in essay.sections for b in s.blocks]
    before = [blocks[blocks.index(f) - 1] for f in essay.figures()]
    assert [b.text.rsplit(". ", 1)[-1] for b in before] == [
        "This period before the warming “reset” was capped off with a belligerent Russian veto "
        "on a 2009 extension of the UN Observation Mission in Georgia’s mandate, despite the draft "
        "being virtually identical to one that was passed by the Council the year prior.",
        "“Today was time for the Council to act…We failed to do that because one of us, "
        "perversely, the current President of the United Nations Security Council, is intent on "
        "allowing the killing to continue and is, indeed, participating in it.”",
        "These votes underline the reality that the Security Council can be neutered by a "
        "recalcitrant Russia, forcing meaningful action to become solely in the realm of "
        "regional organizations and state actors.",
        "Just like in Kosovo, aid will not flow until the proxy war style bilateral tensions are "
        "smoothed and the United Nations can return to fully functional operation.",
    ]


def test_54_notes_numbered_in_order(essay):
    assert [n.number for n in essay.notes] == list(range(1, 55))
    assert [n.id for n in essay.notes] == [f"fn{n}" for n in range(1, 55)]


@pytest.mark.parametrize("number", sorted(NOTE_TEXT))
def test_note_text_is_exactly_the_note(essay, number):
    assert essay.note(number).text == NOTE_TEXT[number]


def test_no_note_keeps_its_number_or_a_page_artifact(essay):
    for note in essay.notes:
        assert not re.search(rf"\s{note.number}$", note.text), note.number
        assert "\n" not in note.text and "  " not in note.text
        assert not any(caption in note.text for caption in CAPTIONS)


def test_54_markers_each_at_its_exact_place(essay):
    found = {}
    for paragraph in essay.paragraphs():
        for marker in paragraph.markers:
            assert marker.note not in found, f"marker {marker.note} twice"
            found[marker.note] = (paragraph.text, marker.offset)
    assert sorted(found) == list(range(1, 55))
    for number, context in MARKER_CONTEXT.items():
        text, offset = found[number]
        assert text[:offset].endswith(context), (number, text[offset - 40 : offset])
        assert offset == len(text) or text[offset] == " ", number


def test_paragraphs_are_whole_and_clean(essay):
    note_starts = [n.text[:40] for n in essay.notes]
    for paragraph in essay.paragraphs():
        text = paragraph.text
        assert re.search(r"[.!?][”’\"]?$", text), f"ends mid-sentence: {text[-60:]}"
        assert "  " not in text and "\n" not in text
        assert not any(caption in text for caption in CAPTIONS)
        assert not any(start in text for start in note_starts)
        assert not re.search(r"\s\d{1,2}$", text), "stray marker number at the end"


def test_a_sentence_cut_by_a_page_break_reads_whole(essay):
    texts = [p.text for p in essay.paragraphs()]
    assert any(
        "spilled into the Security Council, with the United States vetoing a draft" in t
        for t in texts
    )
    assert any("singularly vetoed by the Russian Federation. These votes" in t for t in texts)
    assert any(
        "Deputy Ambassador to the United Nations David Pressman accusing" in t for t in texts
    )
    # a blank line that is not a paragraph break
    assert any("friendlier face to Russian relations with the West." in t for t in texts)


@pytest.mark.parametrize(
    "phrase",
    [
        "American conspiracies,",
        "How do Russo-American relations",
        "using non-military measures",
        "the key- and cornerstone",
        "Russian policy-makers",
        "until the hard-liners,",
        "the Obama-Medvedev “Reset,”",
        "four major non-government controlled",
    ],
)
def test_line_end_hyphens(essay, phrase):
    assert any(phrase in p.text for p in essay.paragraphs())


def test_exact_paragraph_with_several_markers_on_one_line(essay):
    paragraph = next(p for p in essay.paragraphs() if p.text.startswith("Starting in 1989"))
    assert paragraph.text == (
        "Starting in 1989, there was a roughly four and a half year period without a single "
        "Security Council veto being used by the Russian Federation, a break from the USSR’s "
        "fondness for liberal application of the power. In 1990, Russia and the United States "
        "worked closely in the Security Council, passing 12 different resolutions, including "
        "Resolution 678, which authorized military force against Saddam Hussein following the "
        "invasion of Kuwait. The Security Council also authorized both no-fly zone monitoring, "
        "enforcement of the no-fly zone, and later the 1995 NATO intervention Deliberate Force "
        "in Serbia."
    )
    offsets = {m.note: m.offset for m in paragraph.markers}
    text = paragraph.text
    assert offsets == {
        14: text.index("power.") + len("power."),
        15: text.index("Kuwait.") + len("Kuwait."),
        16: text.index("monitoring,") + len("monitoring,"),
        17: text.index("no-fly zone, and") + len("no-fly zone,"),
        18: len(text),
    }
    assert isinstance(paragraph, Paragraph) and not isinstance(paragraph, Figure)


def test_the_whole_document_is_the_hand_checked_one(essay):
    """Every heading, paragraph, marker place, caption and note text, against the
    document built from the source lines named in seed_expected.py."""
    from pdf_essays import canonical, seed_essay

    assert canonical(essay).split("\n\n") == canonical(seed_essay()).split("\n\n")


def test_the_hand_checked_document_has_every_marker_and_note_once():
    from pdf_essays import seed_essay

    essay = seed_essay()
    markers = [n for block in essay.blocks for n, _ in getattr(block, "markers", ())]
    assert markers == list(range(1, 55)) and sorted(essay.notes) == markers
