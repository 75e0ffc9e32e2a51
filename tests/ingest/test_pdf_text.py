"""The pdf-text reader on small sources of our own, one extraction artefact at a time."""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from importlib import resources

from hypothesis import given
from hypothesis import strategies as st

from glossator.ingest.hyphenation import HyphenEvidence, WordList, _word_frequencies
from glossator.ingest.pdf_shapes import _before_numbers, split_trailing_numbers
from glossator.ingest.pdf_text import read_pdf_text
from glossator.ingest.source import Source

PAGES = (
    " Early Modern Printing \n"
    "\n"
    "Printers in Venice kept careful ledgers of every sheet they \n"
    "sold to the booksellers.  The ledgers survive in three 1\n"
    "\n"
    "archives, and they record prices, paper and the size of each \n"
    "edition.2\n"
    "\n"
    "Scholars have read them as evidence of a trade in “pirated \n"
    "editions.”3\n"
    "\n"
    "The trade was not only local: shipments reached Lyon,  Antwerp  and 4 5\n"
    "\n"
    "the fairs of Frankfurt, where buyers compared the work of rival \n"
    "\n"
    " Smith, Jane. “Ledgers of the Aldine Press.” Book History 12, no. 2 (2009): 1-30. 1\n"
    "\n"
    " Brown, Tom. The Venetian Book Trade (London: Folio, 1999), 45.2\n"
    "\n"
    " Green, Ann. “Piracy and Print.” Library Quarterly 40: 1 3\n"
    "\n"
    "(2011): 10-22.\n"
    "\n"
    " Black, Sam. “Lyon Shipments.” Print Studies. 2 March 20134\n"
    "\n"
    " White, Lee. Frankfurt Fairs. Oxford: Clarendon, 2001. 5\n"
    "\n"
    "A page of a ledger from the Aldine shop\n"
    " printers in every language. Their conspir-\n"
    "acies were commercial, not political. \n"
    "\n"
    "The Fair Trade in Books \n"
    "and Its Limits \n"
    "The half-\n"
    "bound ledgers show cross-\n"
    "border deals.  6\n"
    "\n"
    " White, Lee. Frankfurt Fairs, 12. 6\n"
)


def read(text: str):
    return read_pdf_text(Source("fixture", "fixture.txt", text))


def test_structure_of_a_two_page_source():
    document, diagnostics = read(PAGES)
    assert diagnostics == []
    assert [s.heading for s in document.sections] == [
        "Early Modern Printing",
        "The Fair Trade in Books and Its Limits",
    ]
    first, second = document.sections
    assert [type(b).__name__ for b in first.blocks] == [
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "Figure",
    ]
    assert first.blocks[0].text == (
        "Printers in Venice kept careful ledgers of every sheet they sold to the booksellers. "
        "The ledgers survive in three archives, and they record prices, paper and the size of "
        "each edition."
    )
    assert first.blocks[2].text == (
        "The trade was not only local: shipments reached Lyon, Antwerp and the fairs of "
        "Frankfurt, where buyers compared the work of rival printers in every language. Their "
        "conspiracies were commercial, not political."
    )
    assert first.blocks[3].caption == "A page of a ledger from the Aldine shop"
    assert first.blocks[3].src is None
    assert second.blocks[0].text == "The half-bound ledgers show cross-border deals."


def test_markers_by_double_space_glued_and_several_on_a_line():
    document, _ = read(PAGES)
    paragraphs = document.paragraphs()
    first = paragraphs[0]
    assert [(m.note, m.offset) for m in first.markers] == [
        (
            1,
            first.text.index("booksellers.") + len("booksellers."),
        ),
        (2, len(first.text)),
    ]
    assert [(m.note, paragraphs[1].text[: m.offset][-10:]) for m in paragraphs[1].markers] == [
        (3, "editions.”")
    ]
    third = paragraphs[2]
    assert [(m.note, third.text[: m.offset][-8:]) for m in third.markers] == [
        (4, "ed Lyon,"),
        (5, " Antwerp"),
    ]
    assert [(m.note, m.offset) for m in paragraphs[3].markers] == [(6, len(paragraphs[3].text))]


def test_notes_lose_numbers_and_join_continuations():
    document, _ = read(PAGES)
    assert [(n.number, n.text) for n in document.notes] == [
        (1, "Smith, Jane. “Ledgers of the Aldine Press.” Book History 12, no. 2 (2009): 1-30."),
        (2, "Brown, Tom. The Venetian Book Trade (London: Folio, 1999), 45."),
        (3, "Green, Ann. “Piracy and Print.” Library Quarterly 40: 1 (2011): 10-22."),
        (4, "Black, Sam. “Lyon Shipments.” Print Studies. 2 March 2013"),
        (5, "White, Lee. Frankfurt Fairs. Oxford: Clarendon, 2001."),
        (6, "White, Lee. Frankfurt Fairs, 12."),
    ]
    assert [n.line for n in document.notes] == [16, 18, 20, 24, 26, 38]


def test_number_glued_to_a_year_is_split_only_after_a_year():
    assert split_trailing_numbers("2 March 201331", 31, 1) == ("2 March 2013", [31])
    assert split_trailing_numbers("in chapter 11", 1, 1) is None
    assert split_trailing_numbers("the 16 17", 16, 3) == ("the", [16, 17])
    # white space after a marker is no evidence either way: the sequence decides
    assert split_trailing_numbers("the following.3 ", 3, 1) == ("the following.", [3])


def test_a_note_number_glued_to_digits_is_split_only_in_a_note():
    assert split_trailing_numbers("(2005): 46-717", 7, 1) is None
    assert split_trailing_numbers("(2005): 46-717", 7, 1, after_digits=True) == (
        "(2005): 46-71",
        [7],
    )
    # `into 1999` is a year, not `into 199` and note 9
    assert split_trailing_numbers("into 1999", 9, 1, after_digits=True) is None


@given(
    st.text(st.sampled_from(list("ab1 2\t3\n.45\u00a0x9")), max_size=14),
    st.integers(1, 12),
    st.integers(1, 3),
)
def test_numbers_are_split_off_a_line_as_the_pattern_would(raw, first, count):
    r"""The trailing numbers are read back from the line's end, without a pattern per
    sequence: what `^(.*?)(\s*)N1\s+N2…$` matches, for lines of digits and spaces."""
    raw, numbers = raw.rstrip(), list(range(first, first + count))
    tail = r"\s+".join(str(n) for n in numbers)
    match = re.match(rf"^(.*?)(\s*){tail}$", raw)
    expected = None if match is None else (match.group(1), match.group(2))
    assert _before_numbers(raw, numbers) == expected


def test_hyphen_evidence_from_the_document_and_the_word_list():
    evidence = HyphenEvidence("The Anglo-Saxon charter and a well-known scribe.")
    assert evidence.keep_hyphen("Anglo", "Saxon")  # capitalised second half
    assert evidence.keep_hyphen("well", "known")  # the document writes well-known
    assert not evidence.keep_hyphen("conspir", "acies")  # a half that is no word
    assert not evidence.keep_hyphen("re", "ported")  # the joined word is far more usual
    assert evidence.keep_hyphen("self", "evident")  # both words, compound kept
    assert evidence.keep_hyphen("1944", ")")
    joined = HyphenEvidence("Their printshops thrived.")
    assert not joined.keep_hyphen("print", "shops")  # the document writes printshops


def test_the_word_list_is_the_spellcheckers_own():
    """Looked up in pyspellchecker's data file (faster than its checker's loading): the
    file is in the shape the lookup needs, and every word (and words it lacks) has the
    count the checker has, so the evidence does not change with the shortcut."""
    checker = _checker_words()
    data = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    text = gzip.decompress(data)
    words = list(json.loads(text))
    assert words == sorted(words) and all(w == w.lower() for w in words)
    assert len(text.splitlines()) == len(words) + 2  # "{", a word a line, "}"
    found = _word_frequencies()
    assert found._whole is None  # looked up, not parsed
    assert all(found.get(word) == checker[word] for word in words)
    for absent in ("", "zzzzz", "aaa", "{", "}", '"', "a\u00e9", "\uffff", "conspir"):
        assert found.get(absent) == checker.get(absent, 0)
    # a file in another shape is parsed whole, with the checker's merging of cases
    shuffled = WordList(b'{"b": 2, "A": 1, "a": 3}')
    assert shuffled._whole == {"a": 4, "b": 2} and shuffled.get("a") == 4


@given(st.text(max_size=12))
def test_any_word_has_the_spellcheckers_count(word):
    assert _word_frequencies().get(word.lower()) == _checker_words().get(word.lower(), 0)


@cache
def _checker_words() -> dict[str, int]:
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en").word_frequency.dictionary)


def test_text_after_a_finished_note_that_starts_no_page_is_body_with_a_warning():
    source = (
        " A Heading \n"
        "\n"
        "Reform of the council was overdue.  1 2\n"
        "\n"
        ' Smith, John. "Reform." Policy Review 12, no. 4 (2010): 33-50. 1\n'
        "\n"
        ' White, Tom. "Safety." Safety Journal 2 (2015): 4. 2\n'
        "\n"
        "Second Heading\n"
        "\n"
        "Final paragraph with no notes at all, which ends here.\n"
    )
    document, diagnostics = read(source)
    assert [n.text for n in document.notes] == [
        'Smith, John. "Reform." Policy Review 12, no. 4 (2010): 33-50.',
        'White, Tom. "Safety." Safety Journal 2 (2015): 4.',
    ]
    assert [s.heading for s in document.sections] == ["A Heading", "Second Heading"]
    assert document.sections[1].blocks[0].text == (
        "Final paragraph with no notes at all, which ends here."
    )
    assert [(d.line, d.code) for d in diagnostics] == [(9, "pdf.page-start")]


def test_a_caption_known_only_by_its_length_is_read_with_a_warning():
    source = (
        "The harbour ledgers were kept by the same clerk for thirty\n"
        "years, and his hand is easy to read.\n"
        "\n"
        "The clerk at his desk in the harbour office\n"
        "His successor wrote less and abbreviated more, which makes the\n"
        "later volumes harder going for anyone who opens them today.\n"
    )
    document, diagnostics = read(source)
    assert [f.caption for f in document.figures()] == [
        "The clerk at his desk in the harbour office"
    ]
    assert [p.text[:20] for p in document.paragraphs()] == [
        "The harbour ledgers ",
        "His successor wrote ",
    ]
    assert [(d.line, d.severity, d.code) for d in diagnostics] == [
        (4, "warning", "pdf.caption-guess")
    ]


CARRIED = (
    " The guild’s records are thin before 1600, but the ledgers of two \n"
    "shops survive whole.  Their prices rise with the cost of paper, 1\n"
    "\n"
    "which the shops bought by the bale from the mills on the Brenta \n"
    "and the Piave.\n"
    "\n"
    " Ridolfi, Anna. “Two Venetian Shops and Their Books,” in The Trade in 1\n"
    "\n"
    "Print, ed. Marco Bellini (Padua: Antenore, 2004), 101-35, with the\n"
    " The second shop is known from its inventories alone, which list \n"
    "every book in stock.  The first shop’s accounts run to 1620. 2\n"
    "\n"
    "tables of paper prices for both shops at 118-20.\n"
    "\n"
    " Ricci, Paolo. Inventari di bottega (Venice: Marsilio, 1998), 7. 2\n"
)


def test_a_note_that_runs_onto_the_next_page_is_read_whole():
    """Note 1 stops mid-citation at the first page's foot; its last line stands at the
    next page's foot without a number, before that page's own note 2."""
    document, diagnostics = read(CARRIED)
    # the line carried ("tables of paper prices … 118-20.") is a reading, said at its line
    assert [(d.line, d.severity, d.code) for d in diagnostics] == [
        (13, "warning", "pdf.note-carried")
    ]
    assert "note 1 going on" in diagnostics[0].message
    assert [n.text for n in document.notes] == [
        "Ridolfi, Anna. “Two Venetian Shops and Their Books,” in The Trade in Print, ed. "
        "Marco Bellini (Padua: Antenore, 2004), 101-35, with the tables of paper prices for "
        "both shops at 118-20.",
        "Ricci, Paolo. Inventari di bottega (Venice: Marsilio, 1998), 7.",
    ]
    assert [(p.text, [(m.note, m.offset) for m in p.markers]) for p in document.paragraphs()] == [
        (
            "The guild’s records are thin before 1600, but the ledgers of two shops survive "
            "whole. Their prices rise with the cost of paper, which the shops bought by the "
            "bale from the mills on the Brenta and the Piave.",
            [(1, 85)],
        ),
        (
            "The second shop is known from its inventories alone, which list every book in "
            "stock. The first shop’s accounts run to 1620.",
            [(2, 84)],
        ),
    ]


def test_a_lone_line_before_the_notes_is_text_when_the_last_note_was_whole():
    """The same shape after a note that ends with its full stop: the lone line is the
    page's text, not a continuation."""
    text = (
        CARRIED.replace("101-35, with the\n", "101-35.\n")
        .replace("run to 1620. 2", "run to 1620, 2")
        .replace(
            "tables of paper prices for both shops at 118-20.\n", "though its ledgers are lost.\n"
        )
    )
    document, diagnostics = read(text)
    assert diagnostics == []
    assert document.notes[0].text.endswith("(Padua: Antenore, 2004), 101-35.")
    assert document.paragraphs()[-1].text.endswith("run to 1620, though its ledgers are lost.")


GLUED_TWICE = (
    "The harbour ledgers survive in two copies.  The second copy was 1\n"
    "bound later.2\n"
    "\n"
    "Ostrom, Elinor. Governing the Commons (Cambridge: Cambridge University 1\n"
    "\n"
    "Press, 1990), 82\n"
    "\n"
    "Darnton, Robert. “What Is the History of Books?” Daedalus 111, no. 32\n"
    "\n"
    "(1982): 65-83.\n"
)


def test_a_number_glued_to_digits_is_weighed_against_a_later_one():
    """`1990), 82` could be `1990), 8` + note 2, and so could `no. 32`: the first stands
    where the unfinished note 1 goes on, so note 2 is the later one."""
    document, diagnostics = read(GLUED_TWICE)
    assert diagnostics == []
    assert [n.text for n in document.notes] == [
        "Ostrom, Elinor. Governing the Commons (Cambridge: Cambridge University Press, 1990), 82",
        "Darnton, Robert. “What Is the History of Books?” Daedalus 111, no. 3 (1982): 65-83.",
    ]
