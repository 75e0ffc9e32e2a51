"""The model's values are slotted (a corpus holds some two million of them) and go
through the cache's pickles unchanged, without the texts they cache."""

from __future__ import annotations

import copy
import pickle
from dataclasses import field

import pytest
from hypothesis import given, settings
from tests.model.model_strategies import documents, notes, paragraphs

from glossator.link.mentions import Mention
from glossator.link.scan import Scan
from glossator.model import Marker, Note, Paragraph, Section, document_to_json
from glossator.model.document import Figure
from glossator.model.inline import Citation, CiteItem, Emph, LineBreak, NoteRef, Text, plain_text
from glossator.model.values import frozen_value
from glossator.notes.resolve import Cite, NoteCites
from glossator.notes.short import ShortForm
from glossator.notes.work import ParsedWork

PICKLE = pickle.HIGHEST_PROTOCOL


@settings(max_examples=60, deadline=None)
@given(documents())
def test_a_document_comes_back_from_a_pickle_and_a_deep_copy_as_it_was(doc) -> None:
    for paragraph in doc.paragraphs():
        paragraph.text  # noqa: B018 (cached beside the content)
    for note in doc.notes:
        note.text  # noqa: B018
    again = pickle.loads(pickle.dumps(doc, PICKLE))
    assert again == doc
    assert document_to_json(again) == document_to_json(doc)
    assert [p.text for p in again.paragraphs()] == [plain_text(p.content) for p in doc.paragraphs()]
    assert [n.text for n in again.notes] == [n.text for n in doc.notes]
    assert copy.deepcopy(doc) == doc


@settings(max_examples=60, deadline=None)
@given(paragraphs(), notes(1))
def test_reading_the_text_leaves_the_pickle_as_it_was(paragraph, note) -> None:
    # A value's digest is its pickle: it must not depend on whether a stage read the text.
    before = pickle.dumps(paragraph, PICKLE), pickle.dumps(note, PICKLE)
    paragraph.text, note.text  # noqa: B018
    assert (pickle.dumps(paragraph, PICKLE), pickle.dumps(note, PICKLE)) == before


def test_an_unpickled_paragraph_reads_its_own_text_after_a_change() -> None:
    paragraph = Paragraph("p1", "Before the edit", line=3)
    again = pickle.loads(pickle.dumps(paragraph, PICKLE))
    assert again.text == "Before the edit"
    again.content = (Text("After"), NoteRef(2), Text(" it"))
    assert again.text == "After it"
    assert again.markers == [Marker(2, 5)]
    assert (again.id, again.line) == ("p1", 3)


def test_the_html_of_a_citation_survives_a_pickle_though_not_compared() -> None:
    citation = Citation((CiteItem("lee", locator="33"),), "[@lee, 33]", "Lee 2001, 33", "<i>x</i>")
    again = pickle.loads(pickle.dumps(citation, PICKLE))
    assert (again, again.html) == (citation, "<i>x</i>")
    assert hash(again) == hash(citation)


MANY = [
    Text("a"),
    Emph((Text("a"),)),
    NoteRef(1),
    LineBreak(),
    CiteItem("k"),
    Citation((CiteItem("k"),), "[@k]"),
    Marker(1, 2),
    Paragraph("p1", "text"),
    Note(1, "fn1", "A note."),
    Section("s", "Heading"),
    Figure("fig1", "Caption"),
    ParsedWork("book", "book", (("title", "T"),), "T"),
    ShortForm("T", (), ("t",), None),
    Cite(key="k"),
    NoteCites(Note(1, "fn1", "A note.")),
    Mention(0, 4, "k"),
    Scan(),
]


@pytest.mark.parametrize("value", MANY, ids=lambda v: type(v).__name__)
def test_the_many_values_have_no_dictionary_of_their_own(value) -> None:
    assert not hasattr(value, "__dict__")
    assert not hasattr(pickle.loads(pickle.dumps(value, PICKLE)), "__dict__")
    assert pickle.loads(pickle.dumps(value, PICKLE)) == value


def test_a_frozen_value_stays_frozen() -> None:
    with pytest.raises(AttributeError):
        Text("a").text = "b"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        Paragraph("p1", "text").cached = "x"  # type: ignore[attr-defined]


def test_the_ids_every_essay_repeats_are_one_string_after_a_pickle() -> None:
    first, second = ("".join(["p", "1"]), "".join(["fn", "1"])), ("".join(["p", "1"]), "fn1")
    assert first[0] is not second[0]  # two essays' `p1`, as two pickles give them
    loaded = [
        pickle.loads(pickle.dumps((Paragraph(p, "text"), Note(1, n, "A note.")), PICKLE))
        for p, n in (first, second)
    ]
    assert loaded[0][0].id is loaded[1][0].id
    assert loaded[0][1].id is loaded[1][1].id
    scans = [
        pickle.loads(pickle.dumps(Scan({1: [(p, "".join(["fnref", "1"]))]}), PICKLE))
        for p, _ in (first, second)
    ]
    assert scans[0] == scans[1] == Scan({1: [("p1", "fnref1")]})
    (place_a,), (place_b,) = scans[0].places[1], scans[1].places[1]
    assert place_a[0] is place_b[0] is loaded[0][0].id
    assert place_a[1] is place_b[1]


def test_a_frozen_value_pickles_only_fields_it_can_be_made_from() -> None:
    class Cached:
        text: str
        length: int = field(init=False, default=0)

    with pytest.raises(TypeError, match="positional arguments"):
        frozen_value(Cached)
