"""Ibid. and short forms: each resolves to exactly the work meant, or warns.

Expectations are written from Chicago's rules (14.29-14.36): a short form is author and
short title, author alone when the essay cites one work by that author, or a short title
for an unsigned work; `Ibid.` is the one work of the note before.
"""

from __future__ import annotations

import string

from hypothesis import example, given, settings
from hypothesis import strategies as st

from glossator.model import Document, Metadata, Note
from glossator.notes.resolve import NoteCites, resolve_document
from glossator.notes.short import work_label

KAGAN = 'Robert Kagan, "Power and Weakness," Policy Review, no. 113 (2002): 3-28.'
GRAFTON = (
    "Anthony Grafton, The Footnote: A Curious History (Cambridge, MA: Harvard University "
    "Press, 1997), 33."
)
BLOCH = "Marc Bloch, Apologie pour l'histoire (Paris: Armand Colin, 1949), 12."


def resolve(*texts: str) -> list[NoteCites]:
    notes = [Note(i, f"fn{i}", text=t, line=10 + i) for i, t in enumerate(texts, 1)]
    return resolve_document(Document("x", "markdown", Metadata(title="T"), notes=notes))


def links(*texts: str) -> list[list[tuple[str, str | None]]]:
    return [[(work_label(c.work), c.locator) for c in r.cites if c.work] for r in resolve(*texts)]


def codes(result: NoteCites) -> list[str]:
    return [code for code, _ in result.problems]


def test_the_issue_sequence_links_every_note_to_its_own_work():
    assert links(KAGAN, GRAFTON, "Grafton, Footnote, 45.", "Grafton, 50.", "Ibid., 52.") == [
        [("Kagan, Power and Weakness", None)],
        [("Grafton, The Footnote", "33")],
        [("Grafton, The Footnote", "45")],
        [("Grafton, The Footnote", "50")],
        [("Grafton, The Footnote", "52")],
    ]


def test_two_short_forms_in_one_note_are_two_works_and_ibid_after_them_warns():
    results = resolve(
        KAGAN, GRAFTON, 'Kagan, "Power and Weakness," 5; Grafton, Footnote, 60.', "Ibid."
    )
    assert [(work_label(c.work), c.locator) for c in results[2].cites] == [
        ("Kagan, Power and Weakness", "5"),
        ("Grafton, The Footnote", "60"),
    ]
    assert results[3].cites == [] and codes(results[3]) == ["citation.ibid"]
    message = results[3].problems[0][1]
    assert "Kagan, Power and Weakness; Grafton, The Footnote" in message


def test_ibid_after_a_note_without_a_work_is_a_warning_not_the_work_before():
    results = resolve(
        KAGAN, "On this debate there is a large literature, mostly in German.", "Ibid., 7."
    )
    assert results[2].cites == [] and codes(results[2]) == ["citation.ibid"]


def test_ibid_in_the_first_note_warns():
    results = resolve("Ibid., 3.")
    assert results[0].cites == [] and codes(results[0]) == ["citation.ibid"]


def test_ibid_after_a_short_form_follows_it():
    assert links(KAGAN, GRAFTON, "Kagan, 12.", "Ibid., 13.")[3] == [
        ("Kagan, Power and Weakness", "13")
    ]


def test_author_only_short_form_with_two_works_by_the_author_warns():
    other = (
        "Anthony Grafton, Defenders of the Text (Cambridge, MA: Harvard University Press, 1991)."
    )
    results = resolve(GRAFTON, other, "Grafton, 50.")
    assert results[2].cites == [] and codes(results[2]) == ["citation.short-ambiguous"]
    assert "Grafton, The Footnote" in results[2].problems[0][1]


def test_short_title_in_french_drops_its_article():
    assert links(BLOCH, "Bloch, Apologie, 14.")[1] == [("Bloch, Apologie pour l'histoire", "14")]


def test_short_form_that_matches_nothing_says_did_you_mean():
    results = resolve(GRAFTON, "Grafton, Footnotes and Their Critics, 3.")
    assert results[1].cites == [] and codes(results[1]) == ["citation.short-unmatched"]
    assert "did you mean “Grafton, The Footnote”?" in results[1].problems[0][1]


def test_signal_words_before_short_forms():
    assert links(KAGAN, GRAFTON, "See also Kagan, 9.", "Cf. Grafton, Footnote, 4.")[2:] == [
        [("Kagan, Power and Weakness", "9")],
        [("Grafton, The Footnote", "4")],
    ]


def test_quoted_in_links_the_work_it_is_quoted_in():
    assert links(GRAFTON, "Ranke to his brother, 1824, quoted in Grafton, Footnote, 12.")[1] == [
        ("Grafton, The Footnote", "12")
    ]


def test_a_short_form_with_an_unknown_author_does_not_take_another_work():
    results = resolve(GRAFTON, "Jackson, Footnote, 9.")
    assert results[1].cites == []


def test_commentary_cites_nothing_and_warns_nothing():
    results = resolve("I owe this point to a conversation with the late editor of the series.")
    assert (results[0].cites, results[0].unread, results[0].problems) == ([], [], [])


words = st.text(string.ascii_letters, min_size=3, max_size=10).filter(
    lambda w: w.lower() not in {"the", "and", "ibid", "see", "cf", "also"}
)


# A short form opening with a contributor role ("Trans., Title, 1": translated by;
# "Eds.") is read as that role, not as a family name (found: family "Trans").
NOTE_WORDS = {"trans", "eds"}


@settings(max_examples=150, deadline=None)
@given(
    family=words.filter(lambda w: w.lower() not in NOTE_WORDS),
    title=st.lists(words, min_size=2, max_size=6),
    article=st.sampled_from(["", "The ", "A ", "La ", "Die "]),
    cut=st.integers(1, 6),
    page=st.integers(1, 999),
    upper=st.booleans(),
)
# Found by this test: "Aaa, CIL, 1." was read as pages "CIL, 1" of Aaa's one work
@example(family="AAA", title=["CIL", "AAA"], article="", cut=1, page=1, upper=False)
@example(family="TRANZ", title=["AAA", "AAA"], article="", cut=1, page=1, upper=False)
# and "Aaa, AAA CCV, 1." as pages "CCV, 1" of "AAA…": CCV is a roman numeral too
@example(family="AAA", title=["AAA", "CCV"], article="", cut=2, page=1, upper=False)
def test_any_prefix_of_a_title_resolves_with_or_without_its_article(
    family, title, article, cut, page, upper
):
    family = family.capitalize()
    full = article + " ".join(w.capitalize() for w in title)
    first = f"Jane {family}, {full} (London: Verso, 2001), 3."
    short_title = " ".join(title[: min(cut, len(title))])
    short_title = short_title.upper() if upper else short_title
    result = links(first, f"{family}, {short_title}, {page}.")
    assert result[1] == [(work_label(resolve(first)[0].cites[0].work), str(page))]


BROWN = "Brown v. Board of Education, 347 U.S. 483, 495 (1954)."
LOVING = "Loving v. Virginia, 388 U.S. 1, 12 (1967)."


def test_case_short_forms_and_id_follow_the_legal_forms():
    assert links(BROWN, LOVING, "Brown, 347 U.S. at 494.", "Id. at 495.", "Id.") == [
        [("Brown v. Board of Education", "495")],
        [("Loving v. Virginia", "12")],
        [("Brown v. Board of Education", "494")],
        [("Brown v. Board of Education", "495")],
        [("Brown v. Board of Education", None)],
    ]


def test_a_case_short_form_with_another_report_links_nothing():
    results = resolve(BROWN, LOVING, "Brown, 388 U.S. at 3.")
    assert results[2].cites == [] and codes(results[2]) == ["citation.short-unmatched"]


MARUYAMA = "丸山眞男『日本の思想』（岩波書店、1961年）、28頁。"


def test_chinese_and_japanese_ibid_and_short_forms():
    results = resolve(
        MARUYAMA, "同上、31頁。", GRAFTON, "丸山『日本の思想』、40頁。", "丸山、前掲書、2頁。"
    )
    first = results[0].cites[0].work
    assert [(c.work, c.locator) for r in results[1:] for c in r.cites if c.work is first] == [
        (first, "31"),
        (first, "40"),
        (first, "2"),
    ]
    assert [p for r in results for p in r.problems] == []


def test_op_cit_is_the_author_s_one_work():
    results = resolve(GRAFTON, BLOCH, "Grafton, op. cit., 45.")
    assert [(work_label(c.work), c.locator) for c in results[2].cites] == [
        ("Grafton, The Footnote", "45")
    ]


def test_a_short_form_finds_a_family_name_written_first():
    results = resolve(
        "Wang Gungwu, The Chinese Overseas (Cambridge, MA: Harvard University Press, 2000), 3.",
        "Wang, Chinese Overseas, 8.",
        "Wang, 9.",
    )
    work = results[0].cites[0].work
    assert work.field("author") == "Wang, Gungwu"
    assert [(c.work is work, c.locator) for r in results[1:] for c in r.cites] == [
        (True, "8"),
        (True, "9"),
    ]


def keyed(results: list[NoteCites], n: int) -> list[tuple[str, str | None]]:
    """Note n's cites in order: a key as `@key`, a parsed work by its label."""
    return [
        (f"@{c.key}" if c.key else work_label(c.work), c.locator)
        for c in results[n].cites
        if c.key or c.work
    ]


def test_ibid_and_short_forms_beside_a_key_are_read_in_the_order_written():
    """A note citing by key may still say `Ibid.` or give a short form by hand: each is
    the work it means (the one before it, in this note or the note before)."""
    results = resolve(
        GRAFTON,
        "Ibid., 101; see also [@jones1999, 4].",
        "See [@jones1999, 7]. Ibid., 9.",
        "Grafton, Footnote, 50; compare [@jones1999].",
    )
    assert keyed(results, 1) == [("Grafton, The Footnote", "101"), ("@jones1999", "4")]
    assert keyed(results, 2) == [("@jones1999", "7"), ("@jones1999", "9")]
    assert keyed(results, 3) == [("Grafton, The Footnote", "50"), ("@jones1999", None)]
    assert not any(r.problems for r in results)


def test_prose_beside_a_key_cites_nothing_more_and_warns_nothing():
    results = resolve(GRAFTON, "Compare [@jones1999, 12], and the remarks in the preface there.")
    assert keyed(results, 1) == [("@jones1999", "12")]
    assert results[1].problems == [] and results[1].unread == []


PROSE = st.lists(st.sampled_from(["see", "also", "compare", "the", "preface", "and"]), max_size=4)
KEYS = st.sampled_from(["jones1999", "okafor2010", "lind1987"])


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("key"), KEYS, st.none() | st.integers(1, 400).map(str)),
            st.tuples(st.just("prose"), PROSE.map(" ".join), st.none()),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["; ", ". ", ", ", " "]),
)
def test_every_key_of_a_note_is_cited_in_the_order_written(parts, joint):
    """However keys and prose are mixed and joined, each key is cited once, in order."""
    written = [
        f"[@{key}, {locator}]" if locator else f"[@{key}]" if kind == "key" else key
        for kind, key, locator in parts
    ]
    results = resolve(GRAFTON, joint.join(written) + ".")
    expected = [(f"@{key}", locator) for kind, key, locator in parts if kind == "key"]
    assert [c for c in keyed(results, 1) if c[0].startswith("@")] == expected


def test_a_markdown_note_with_a_key_and_ibid_cites_both_works_in_order():
    """The same in Markdown, where the key is a citation of the note's own text."""
    from glossator.ingest.markdown import read_markdown
    from glossator.ingest.source import Source

    text = (
        "---\ntitle: T\n---\n\nOne.[^1] Two.[^2] Three.[^3]\n\n"
        f"[^1]: {GRAFTON}\n[^2]: Ibid., 101; see also @jones1999, 4.\n"
        "[^3]: See [@jones1999, 7]. Ibid., 9.\n"
    )
    doc, _ = read_markdown(Source("t", "t.md", text))
    results = resolve_document(doc)
    # a bare `@key` has no locator in Pandoc: its ", 4" is the note's text
    assert keyed(results, 1) == [("Grafton, The Footnote", "101"), ("@jones1999", None)]
    assert keyed(results, 2) == [("@jones1999", "7"), ("@jones1999", "9")]


def test_a_note_holding_the_slot_marks_itself_is_read_as_any_other():
    """The parts of a keyed note are marked with private-use characters; the same
    characters written in the note are text, never a slot (no key lost or made)."""
    results = resolve(GRAFTON, "See \ue0009\ue001 and \ue0000\ue001; [@jones1999, 4]. Ibid., 5.")
    assert keyed(results, 1) == [("@jones1999", "4"), ("@jones1999", "5")]


def test_an_ibid_after_an_unread_citation_says_so():
    results = resolve(
        "The Scikit-Learn Development Team. Toy datasets, "
        "https://scikit-learn.org/stable/datasets/toy_dataset.html.",
        "Ibid., 46.",
    )
    assert results[0].cites == [] and results[0].unread
    (problem,) = results[1].problems
    assert problem[0] == "citation.ibid"
    assert "follows a note whose citation could not be read" in problem[1]
    after_prose = resolve("A note of commentary, citing nothing.", "Ibid., 46.")
    assert "cites no work it can refer to" in after_prose[1].problems[0][1]
