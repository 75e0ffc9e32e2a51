"""An unpickled document keeps its sections and notes packed until read: the build's
process holds a thousand essays' bodies as bytes, and asks of them without unpacking."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from tests.model.model_strategies import documents

from glossator.model import Document, Note, Paragraph, Section, document_to_json
from glossator.model.document import Callout, Figure, Table
from glossator.model.inline import Citation, CiteItem, Emph, Image, Text

PICKLE = pickle.HIGHEST_PROTOCOL
CLASSES = (Figure, Image, Citation, Emph, Table, Callout, Text)


def _essay() -> Document:
    cite = Citation((CiteItem("lind99", locator="4"),), "[@lind99, 4]")
    body = Paragraph("p1", content=(Text("As argued"), cite, Text(".")), line=3)
    note = Note(1, "n1", blocks=[Paragraph("", content=(Emph((Text("Ibid."),)),), line=9)])
    return Document("essay", "markdown", _meta(), [Section("s1", "One", [body])], [note])


def _meta():
    from glossator.model import Metadata

    return Metadata(title="An essay")


def _holds(value: object, cls: type) -> bool:
    """Whether any object reachable from `value` is a `cls`: every field of every node."""
    if isinstance(value, cls):
        return True
    if isinstance(value, list | tuple):
        return any(_holds(v, cls) for v in value)
    if isinstance(value, str | int | float | bool | bytes) or value is None:
        return False
    names = [n for c in type(value).__mro__ for n in getattr(c, "__slots__", ())]
    names += list(getattr(value, "__dict__", {}))
    return any(_holds(getattr(value, n), cls) for n in names if hasattr(value, n))


def test_an_unpickled_document_unpacks_each_part_when_it_is_read() -> None:
    doc = _essay()
    again = pickle.loads(pickle.dumps(doc, PICKLE))
    assert again.is_packed("sections") and again.is_packed("notes")
    assert again.slug == "essay" and again.meta == doc.meta  # the fields need no unpacking
    assert again.notes == doc.notes
    assert again.is_packed("sections") and not again.is_packed("notes")
    assert again.sections == doc.sections and not again.is_packed("sections")
    assert again == doc


def test_a_packed_part_is_pickled_again_as_it_came() -> None:
    data = pickle.dumps(_essay(), PICKLE)
    again = pickle.loads(data)
    assert pickle.dumps(again, PICKLE) == data
    again.notes  # noqa: B018 (unpacked, then packed again the same)
    assert pickle.loads(pickle.dumps(again, PICKLE)) == _essay()


def test_with_parts_keeps_what_it_does_not_change_packed() -> None:
    again = pickle.loads(pickle.dumps(_essay(), PICKLE))
    notes = [Note(1, "n1", "Another note.", line=9)]
    changed = again.with_parts(notes=notes)
    assert changed.is_packed("sections") and changed.notes is notes
    assert again.is_packed("sections") and again.is_packed("notes")  # the original unread
    assert changed.sections == _essay().sections
    assert changed == Document("essay", "markdown", _meta(), _essay().sections, notes)
    retitled = again.with_parts(slug="other")
    assert retitled.is_packed("notes") and retitled.slug == "other" and again.slug == "essay"


def test_unpacked_is_a_copy_with_the_parts_read_and_the_original_left_packed() -> None:
    again = pickle.loads(pickle.dumps(_essay(), PICKLE))
    body = again.unpacked()
    assert body is not again and body == _essay()
    assert not body.is_packed("sections") and again.is_packed("sections")
    assert body.unpacked() is body  # nothing packed: itself
    assert _essay().unpacked() == _essay()


def test_may_hold_reads_the_packed_bytes() -> None:
    again = pickle.loads(pickle.dumps(_essay(), PICKLE))
    assert again.may_hold("sections", Citation) and not again.may_hold("sections", Figure)
    assert again.may_hold("notes", Emph) and not again.may_hold("notes", Citation, Image)
    assert again.is_packed("sections") and again.is_packed("notes")
    assert _essay().may_hold("sections", Figure)  # unpacked: it cannot tell, so it may
    with pytest.raises(TypeError):  # remade by a function of its own: not named
        again.may_hold("sections", Paragraph)


@settings(max_examples=80, deadline=None)
@given(documents())
def test_may_hold_is_never_wrong_about_what_a_part_holds(doc: Document) -> None:
    again = pickle.loads(pickle.dumps(doc, PICKLE))
    for part in ("sections", "notes"):
        for cls in CLASSES:
            if not again.may_hold(part, cls):
                assert not _holds(getattr(doc, part), cls), (part, cls)
    assert again == doc
    assert document_to_json(pickle.loads(pickle.dumps(again, PICKLE))) == document_to_json(doc)


@settings(max_examples=60, deadline=None)
@given(documents())
def test_with_packed_and_put_back_change_how_a_part_is_held_never_its_value(
    doc: Document,
) -> None:
    """A stage hands on a part it made as its packed form, and lets go of a part it
    read: either way the document reads, compares and pickles as before."""
    other = _essay()
    again = pickle.loads(pickle.dumps(doc, PICKLE))
    notes = other.packed_part("notes")  # `other` was made, not unpickled: packed now
    copy = again.with_packed(notes=notes)
    assert copy.is_packed("notes") and copy.is_packed("sections")
    assert again.is_packed("notes")  # the original is left as it was
    assert copy.notes == other.notes and copy.sections == doc.sections
    assert copy.slug == doc.slug and copy.meta == doc.meta
    before = again.packed_part("notes")
    assert before is again.packed_part("notes")  # a packed part is not packed again
    assert again.notes == doc.notes and not again.is_packed("notes")
    again.put_back("notes", before)
    assert again.is_packed("notes") and again.notes == doc.notes
    assert again == doc
    assert pickle.loads(pickle.dumps(copy, PICKLE)).notes == other.notes
