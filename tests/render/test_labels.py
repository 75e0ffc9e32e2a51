"""The headings of an essay's own parts, by the essay's language."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from glossator.model.ids import LANGUAGE_TAG
from glossator.render.labels import ENGLISH, TABLES, page_labels, title_lang, ui_lang


def test_every_language_names_every_part() -> None:
    for language, table in TABLES.items():
        assert set(table) == set(ENGLISH), language
        assert all(text.strip() for text in table.values()), language


def test_a_region_tag_takes_its_languages_headings() -> None:
    assert page_labels("pt-BR")["notes"] == "Notas"
    assert page_labels("RU")["contents"] == "Содержание"
    assert page_labels("fr-CA")["keywords"] == "Mots-clés\u00a0:"
    assert page_labels("en-GB")["cite_essay"] == "Cite this essay"


def test_a_language_without_a_table_keeps_english_marked_as_english() -> None:
    assert page_labels("fi")["notes"] == '<span lang="en">Notes</span>'
    assert page_labels("fi")["about_author"] == '<span lang="en">About the author</span>'


def test_english_text_is_marked_only_on_a_page_in_another_language() -> None:
    assert ui_lang("en") == "" and ui_lang("en-US") == ""
    assert ui_lang("de-AT") == ' lang="en"'
    assert title_lang("ru-RU", "en") == ' lang="en"'
    assert title_lang("fr", "fr-CA") == ""


@given(st.from_regex(LANGUAGE_TAG, fullmatch=True))
def test_any_language_tag_gets_every_heading_as_safe_markup(tag: str) -> None:
    labels = page_labels(tag)
    assert set(labels) == set(ENGLISH)
    assert all("<" not in text or text.startswith('<span lang="en">') for text in labels.values())
    assert ui_lang(tag) in ("", ' lang="en"')
