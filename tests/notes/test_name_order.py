"""Which end of an uninverted name is the family's (Chicago 8.14–8.16, 14.76).

Expectations are the names as the works' own title pages and library catalogues give
them: Wang Gungwu is catalogued under Wang, Kim Stanley Robinson under Robinson.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from glossator.notes.name_order import FAMILY_FIRST, family_first
from glossator.notes.names import ORG_WORDS, parse_authors


@pytest.mark.parametrize(
    ("written", "bibtex"),
    [
        ("Wang Gungwu", "Wang, Gungwu"),
        ("Lee Kuan Yew", "Lee, Kuan Yew"),
        ("Kim Dae-jung", "Kim, Dae-jung"),
        ("Chiang Kai-shek", "Chiang, Kai-shek"),
        ("Mao Zedong", "Mao, Zedong"),
        ("Hsü Cho-yun", "Hsü, Cho-yun"),
        ("Nguyễn Thị Định", "Nguyễn, Thị Định"),
        ("Park Chung Hee", "Park, Chung Hee"),
        ("Мартенс Ф. Ф.", "Мартенс, Ф. Ф."),
        ("Martens F. F.", "Martens, F. F."),
        # Western order: the first word is a given name, or a later word is no syllable
        ("Kim Stanley Robinson", "Robinson, Kim Stanley"),
        ("Lee Child", "Child, Lee"),
        ("Harper Lee", "Lee, Harper"),
        ("Masao Maruyama", "Maruyama, Masao"),
        ("Amy Tan", "Tan, Amy"),
        # both ends are family names: read as the title page prints it, given name first
        ("Jung Chang", "Chang, Jung"),
        ("F. F. Martens", "Martens, F. F."),
    ],
)
def test_names_in_both_orders(written, bibtex):
    assert parse_authors(written) == [bibtex]


def test_coauthors_each_keep_their_order():
    assert parse_authors("Wang Gungwu and Anthony Reid") == ["Wang, Gungwu", "Reid, Anthony"]


_INITIALS = ["", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch"]
syllable = st.builds(
    lambda i, v, f: i + v + f,
    st.sampled_from(_INITIALS + ["sh", "ts", "hs", "y", "w"]),
    st.sampled_from(["a", "e", "i", "o", "u", "ai", "ao", "ei", "ou", "ia", "ie", "uo", "iao"]),
    st.sampled_from(["", "n", "ng", "r"]),
)
given_word = st.lists(syllable, min_size=1, max_size=2).map(lambda s: "".join(s).capitalize())


@given(family=st.sampled_from(sorted(FAMILY_FIRST)), given_name=given_word)
def test_a_family_name_then_a_romanised_given_name_puts_the_family_first(family, given_name):
    if given_name.lower() in FAMILY_FIRST:
        return  # "Jung Chang": both ends are family names, read the Western way
    assert family_first([family.capitalize(), given_name])
    assert parse_authors(f"{family.capitalize()} {given_name}")[0].startswith(family.capitalize())


western = st.text(string.ascii_lowercase, min_size=2, max_size=9).map(str.capitalize)


@given(first=western, last=western)
@example(first="Aa", last="Iv")  # found: a last name like a suffix gave "Aa, Iv, "
@example(first="The", last="Aa")  # found: "The ..." names a body (The Guardian), as written
@example(first="Aa", last="Library")  # found: an organisation's word names a body, as written
@example(first="By", last="Aa")  # found: "By Aa" is a byline, the author Aa (`_clean`)
def test_a_name_not_starting_with_such_a_family_name_stays_western(first, last):
    if first.lower() in FAMILY_FIRST:
        return
    if first == "By":
        assert parse_authors(f"{first} {last}") == parse_authors(last)
        return
    if first == "The" or {first.lower(), last.lower()} & ORG_WORDS:
        assert parse_authors(f"{first} {last}") == [f"{first} {last}"]
        return
    assert not family_first([first, last])
    assert parse_authors(f"{first} {last}") == [f"{last}, {first}"]


@given(
    family=st.text(st.characters(whitelist_categories=("Lu",)), min_size=1, max_size=1).flatmap(
        lambda c: st.text(string.ascii_lowercase + "абвгдежзиклмнопрст", max_size=8).map(
            lambda rest: c + rest + "x"
        )
    ),
    initials=st.lists(st.sampled_from("ABCDEFGHKLMNPRSTФЮЯ"), min_size=1, max_size=3),
)
def test_a_surname_then_initials_puts_the_surname_first(family, initials):
    written = " ".join([family, *(i + "." for i in initials)])
    assert parse_authors(written) == [f"{family}, {' '.join(i + '.' for i in initials)}"]
