"""The fast JSON writer gives exactly the bytes of `json.dumps(indent=2)`."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossator.render.jsontext import dumps, list_item, list_of

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=40,
)


@given(VALUES)
def test_the_same_text_as_json_dumps(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@given(st.lists(VALUES, max_size=6))
def test_a_list_assembled_from_its_items_is_the_list_written_whole(items):
    assert list_of([list_item(item) for item in items]) == dumps(items)
    assert list_of([list_item(item) for item in items]) == json.dumps(
        items, ensure_ascii=False, indent=2
    )


def test_nested_empty_and_escaped_values():
    value = {"a": [], "b": {}, "c": [1, 2.5, None, True, 'é\n"\u2028'], "d": {"e": [{}]}}
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
    assert dumps(value).startswith('{\n  "a": [],\n  "b": {},\n  "c": [\n    1,\n    2.5,')


def test_what_json_cannot_write_is_refused():
    with pytest.raises(TypeError):
        dumps({"a": object()})
    with pytest.raises(TypeError):
        dumps({1: "a"})


@given(VALUES)
def test_compact_lists_read_back_the_same(value):
    data = {"content": [value, {"content": [value]}], "blocks": [{"content": [value]}]}
    text = dumps(data, frozenset({"content"}))
    assert json.loads(text) == data
    assert text.count("\n") == 7  # only the outer dict, the blocks list and its dict


def test_a_document_keeps_each_inline_tree_on_its_line():
    data = {"text": "a", "content": [{"type": "emph", "content": [{"type": "text", "text": "a"}]}]}
    assert dumps(data, frozenset({"content"})) == (
        '{\n  "text": "a",\n'
        '  "content": [{"type": "emph", "content": [{"type": "text", "text": "a"}]}]\n}'
    )
    with pytest.raises(TypeError):
        dumps({"content": [object()]}, frozenset({"content"}))


@given(VALUES)
def test_row_lists_read_back_the_same_one_item_a_line(value):
    data = {"blocks": [value, {"blocks": [value]}, [value]], "other": [value]}
    text = dumps(data, rows=frozenset({"blocks"}))
    assert json.loads(text) == data
    assert text.split("\n")[1:5] == [
        '  "blocks": [',
        "    " + json.dumps(value, ensure_ascii=False) + ",",
        "    " + json.dumps({"blocks": [value]}, ensure_ascii=False) + ",",
        "    " + json.dumps([value], ensure_ascii=False),
    ]
