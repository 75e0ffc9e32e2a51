"""A citing place made by the linker's fast path is the dataclass's own."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossator.link.works import CitingPlace, place

TEXT = st.text(max_size=30)


@given(TEXT, st.integers(0, 60), st.none() | TEXT, st.none() | TEXT, st.none() | TEXT)
def test_a_place_made_fast_is_the_place(document, note, paragraph, marker, locator):
    """`works.place` sets the frozen slots itself: the same value, hash and pickle."""
    fast = place(document, note, paragraph, marker, locator)
    made = CitingPlace(document, note, paragraph, marker, locator)
    assert fast == made and hash(fast) == hash(made)
    assert pickle.dumps(fast, 5) == pickle.dumps(made, 5)


@given(TEXT, st.integers(0, 60), st.none() | TEXT, st.none() | TEXT, st.none() | TEXT)
def test_a_place_comes_back_from_its_pickle_as_it_was(document, note, paragraph, marker, locator):
    """A place pickles as `place(*fields)`: back as an equal, frozen CitingPlace."""
    made = CitingPlace(document, note, paragraph, marker, locator)
    again = pickle.loads(pickle.dumps([made, made], 5))
    assert again == [made, made] and type(again[0]) is CitingPlace
    assert again[0] is again[1]  # one object pickled once, as before
    assert hash(again[0]) == hash(made)
    with pytest.raises(AttributeError):
        again[0].note = 1  # type: ignore[misc]
    assert pickle.dumps(again[0], 5) == pickle.dumps(made, 5)
