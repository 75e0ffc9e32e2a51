"""Rich text in CSL-JSON input, quotation marks by depth, punctuation that meets, title
case of hyphenated words, and year suffixes kept between bibliography and notes."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossator.format.csl_text import PRIVATE_USE, Q_CLOSE, Q_OPEN, finish, title_case
from glossator.format.engine import CitationStyle, CiteRequest
from glossator.format.rich_text import rich_item, rich_text


def _html(text: str) -> str:
    return finish(rich_text(text)).html


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("Reading <i>Moby-Dick</i>", "Reading <i>Moby-Dick</i>"),
        ("H<sub>2</sub>O and E = mc<sup>2</sup>", "H<sub>2</sub>O and E = mc<sup>2</sup>"),
        (
            '<span style="font-variant:small-caps;">Lex</span>',
            '<span style="font-variant:small-caps">Lex</span>',
        ),
        ("<b>Bold</b> claims", "<b>Bold</b> claims"),
        ("a <i>never closed", "a &lt;i&gt;never closed"),  # not markup: shown as typed
        ("x < y and <script>", "x &lt; y and &lt;script&gt;"),
        ('He said "no"', "He said “no”"),
        ("Plato's 'Parmenides'", "Plato’s “Parmenides”"),
        ("ETFA '09", "ETFA ’09"),
        ("l'Égypte", "l’Égypte"),
    ],
)
def test_input_markup_and_quotes(field, expected):
    assert _html(field) == expected


def test_italic_inside_italic_turns_italics_off():
    inner = rich_text("Reading <i>Moby-Dick</i> Today")
    assert finish(f"\ue000{inner}\ue001").html == (
        '<i>Reading <span style="font-style:normal">Moby-Dick</span> Today</i>'
    )


def test_nodecor_inside_italics():
    inner = rich_text('Lessard <span class="nodecor">v.</span> Schmidt')
    assert finish(f"\ue000{inner}\ue001").html == (
        '<i>Lessard <span style="font-style:normal">v.</span> Schmidt</i>'
    )


def test_typographic_single_quotes_alternate_by_depth_too():
    # Zotero keeps the marks a title was typed with; nested a level deeper they turn
    # double, and an apostrophe inside a word ("Lind’s") is not a closing mark.
    text = Q_OPEN + rich_text("Reading “‘Lind’s Notes’” Again") + Q_CLOSE
    assert finish(text, piq=False).text == "“Reading ‘“Lind’s Notes”’ Again”"


def test_quotes_alternate_by_depth_and_take_the_period():
    text = Q_OPEN + rich_text('The "Little" Note') + Q_CLOSE + "."
    assert finish(text).text == "“The ‘Little’ Note.”"
    inner_last = Q_OPEN + rich_text('This is "The One"') + Q_CLOSE + "."
    assert finish(inner_last).text == "“This is ‘The One.’”"
    assert finish(inner_last, piq=False).text == "“This is ‘The One’”."
    french = ("«\u00a0", "\u00a0»", "“", "”")
    assert finish(f"{Q_OPEN}Vie{Q_CLOSE}", french, piq=False).text == "«\u00a0Vie\u00a0»"


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("!, Harbor", "“Notes!,” Harbor"),  # a style's "!" and "," both move in
        ("?. Harbor", "“Notes?” Harbor"),  # the period after "?" is dropped
        (",. Harbor", "“Notes,.” Harbor"),
        (":! Harbor", "“Notes!” Harbor"),  # "!" in place of the colon, then in
        (": Harbor", "“Notes”: Harbor"),  # colons and semicolons stay out
        (";, Harbor", "“Notes”;, Harbor"),
    ],
)
def test_punctuation_in_quote_moves_periods_commas_and_the_styles_marks_in(after, expected):
    # CSL 1.0.2: with punctuation-in-quote a comma or period after a quotation goes
    # inside it; the spec says nothing of "!" and "?", which follow a closing quote
    # only from a style's affixes (a title's own stay inside it): in, as citeproc-js.
    assert finish(f"{Q_OPEN}Notes{Q_CLOSE}{after}").text == expected
    assert finish(f"{Q_OPEN}Notes{Q_CLOSE}{after}", piq=False).text.startswith("“Notes”")


@given(st.text(st.sampled_from(list(".,;:!? ")), max_size=4))
def test_no_period_comma_or_mark_is_left_after_a_closing_quote(after):
    text = finish(f"{Q_OPEN}Notes{Q_CLOSE}{after} tail").text
    assert not re.search(r"”[.,!?]", text)
    assert text.startswith("“Notes")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Why?.", "Why?"),
        ("Smith, ed.:", "Smith, ed.:"),
        ("end;.", "end;"),
        ("colon:!", "colon!"),
        ("ibid.,", "ibid.,"),
        ("Wait...", "Wait..."),
        ("a,, b", "a, b"),
    ],
)
def test_punctuation_that_meets(text, expected):
    assert finish(text).text == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("out-of-fashion initiatives", "Out-of-Fashion Initiatives"),
        ("cat/mouse games", "Cat/Mouse Games"),
    ],
)
def test_title_case_of_hyphenated_and_slashed_words(title, expected):
    assert str(title_case(title)) == expected


def test_names_get_apostrophes_but_no_markup_reading():
    item = rich_item({"author": [{"family": "D'Arcus", "given": "Bruce"}], "URL": "a'b"})
    assert item == {"author": [{"family": "D’Arcus", "given": "Bruce"}], "URL": "a'b"}


PLAIN = st.text(st.characters(blacklist_characters="<>\"'“”&", blacklist_categories=("Cs", "Co")))


@given(PLAIN)
def test_text_without_markup_or_quotes_is_unchanged(text):
    assert rich_text(text) == text


@given(st.text(st.sampled_from(list("ab <>/i\"'“”‘’&;."))))
def test_any_field_gives_balanced_quotes_and_only_known_tags(text):
    read = rich_text(text)
    assert read.count(Q_OPEN) == read.count(Q_CLOSE)
    entry = finish(read)
    assert not PRIVATE_USE.search(entry.text + entry.html)
    tags = re.findall(r"<[^>]*>", entry.html)
    assert set(tags) <= {"<i>", "</i>", '<span style="font-style:normal">', "</span>"}
    # Every angle bracket the author typed outside a tag survives as text.
    untagged = re.sub(r"<[^>]*>", "", entry.html)
    assert "<" not in untagged and ">" not in untagged
    assert html.unescape(untagged).count("&") == text.count("&")
    assert entry.text.count("a") == text.count("a")  # nothing the author wrote is lost


def test_year_suffix_of_the_bibliography_is_kept_in_a_note_citing_one_work():
    style = CitationStyle("chicago-author-date")
    works = [
        {"id": k, "type": "book", "title": t, "author": [{"family": "Okafor", "given": "A."}]}
        | {"issued": {"date-parts": [[2011]]}, "publisher": "Northfield University Press"}
        for k, t in (("w", "Writing in the Margin"), ("p", "The Pen and the Margin"))
    ]
    entries = style.entries(works)
    assert entries["p"].text.startswith("Okafor, A. 2011a. The Pen and the Margin.")
    assert entries["w"].text.startswith("Okafor, A. 2011b. Writing in the Margin.")
    [only] = style.citations([[CiteRequest(works[0], "12")]])
    assert only.text == "(Okafor 2011b, 12)"


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        ({"date-parts": [["2001", "3"]]}, "(March 2001)"),  # parts typed as strings
        ({"date-parts": [[2001, 60]]}, "(2001)"),  # no such month: the year alone
        ({"date-parts": [], "raw": "forthcoming"}, "(forthcoming)"),  # unparsed: as written
    ],
)
def test_dates_as_zotero_exports_them(issued, expected):
    item = {"id": "s", "type": "article-journal", "title": "Marginal Seasons"}
    item |= {"author": [{"family": "Hale", "given": "Simon"}], "issued": issued}
    item |= {"container-title": "Journal of Marginalia", "volume": "7"}
    entry = CitationStyle("chicago-notes-bibliography").entries([item])["s"]
    assert entry.text == f"Hale, Simon. “Marginal Seasons.” Journal of Marginalia 7 {expected}."


def test_quotation_marks_and_markup_in_a_styles_own_text_are_read_as_the_inputs(tmp_path):
    # A style's `value` is text like a field's: straight quotes pair into the locale's
    # marks by depth, `<b>` is bold, an apostrophe is typographic.
    style = tmp_path / "own.csl"
    style.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>T</title><id>t</id><updated>2026-12-01T00:00:00+00:00</updated></info>
  <macro name="m"><text value="the 'margin' of a &lt;b&gt;page&lt;/b&gt;"/></macro>
  <citation><layout><group delimiter="; "><text value="Lind's 'margin', again"/>
    <text macro="m" quotes="true"/></group></layout></citation>
</style>""",
        encoding="utf-8",
    )
    item = {"id": "a", "type": "book", "title": "A Book"}
    assert CitationStyle(str(style)).citation([item]).html == (
        "Lind’s “margin,” again; “the ‘margin’ of a <b>page</b>”"
    )
