"""Heading anchors: readable, stable, and never lost for a script without an ASCII
form (Pandoc keeps such letters in its identifiers)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from glossator.ingest.markdown import read_markdown
from glossator.ingest.source import Source
from glossator.model import Document, Metadata, Section, assign_ids, slugify


def test_ascii_and_accented_headings_keep_their_anchors() -> None:
    assert slugify("The Margins of the Page") == "the-margins-of-the-page"
    assert slugify("Über die Fußnote — eine Geschichte") == "uber-die-fußnote-eine-geschichte"
    assert slugify("Café, naïve; résumé!") == "cafe-naive-resume"
    assert slugify("  Notes (2)  ") == "notes-2"


def test_letters_without_an_ascii_form_are_kept_lower_cased() -> None:
    assert slugify("Цель работы") == "цель-работы"
    assert slugify("Выводы") == "выводы"
    assert slugify("Η ΑΡΧΗ") == "η-αρχη"
    assert slugify("第二章 方法") == "第二章-方法"
    assert slugify("Ἀρχή") == "ἀρχή"


def test_headings_in_another_script_get_distinct_anchors() -> None:
    front = "---\ntitle: Отчёт\nlang: ru-RU\n---\n\n"
    text = front + "# Цель работы\n\nА.\n\n# Задание\n\nБ.\n\n# Выводы\n\nВ.\n"
    doc, _ = read_markdown(Source("essay", "essay.md", text))
    assert [s.id for s in doc.sections] == ["цель-работы", "задание", "выводы"]


def test_punctuation_alone_still_falls_back_to_section() -> None:
    sections = [Section("", heading=h) for h in ("***", "—")]
    doc = Document(slug="t", format="markdown", meta=Metadata(title="T"), sections=sections)
    assert [s.id for s in assign_ids(doc).sections] == ["section", "section-2"]


@given(st.text(max_size=40))
def test_any_heading_gives_hyphen_joined_lower_case_words(text: str) -> None:
    slug = slugify(text)
    assert slugify(slug) == slug  # an anchor is its own anchor
    assert not re.search(r"\s", slug)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    assert all(part and all(c.isalnum() for c in part) for part in slug.split("-")) or not slug
    # A heading already in NFC or NFD form reads the same.
    assert slugify(unicodedata.normalize("NFD", text)) == slugify(
        unicodedata.normalize("NFC", text)
    )


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_an_ascii_heading_is_its_alphanumeric_words(text: str) -> None:
    expected = "-".join("".join(c.lower() if c.isalnum() else " " for c in text).split())
    assert slugify(text) == expected
