"""The works' CSL-JSON items kept pickled (format/csl_items.py): a mapping like the
dict it replaces, each read a fresh copy, each stage's memo one shared dictionary."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.format.csl_items import CslItems
from glossator.format.engine import CitationStyle

ITEMS = st.dictionaries(
    st.text(min_size=1, max_size=12),
    st.dictionaries(
        st.sampled_from(["id", "type", "title", "issued", "author"]),
        st.text(max_size=20) | st.lists(st.dictionaries(st.text(max_size=5), st.text(max_size=5))),
    ),
    max_size=8,
)


@given(ITEMS)
def test_the_items_read_back_as_given_in_order(items):
    packed = CslItems.of(items)
    assert dict(packed) == items and list(packed) == list(items) and len(packed) == len(items)
    assert packed == CslItems.of(items) and packed == items
    for key, item in items.items():
        assert key in packed and packed[key] == item
        assert packed.packed(key) is packed.packed(key)  # what a digest reads: one object
        assert pickle.loads(packed.packed(key)) == item
    assert "not a key" not in packed and packed.get("not a key") is None
    assert pickle.loads(pickle.dumps(packed)) == packed


@given(ITEMS.filter(bool))
def test_a_read_item_is_a_copy_and_setting_it_is_what_changes_it(items):
    packed = CslItems.of(items)
    key = next(iter(items))
    copy = packed[key]
    copy["title"] = "Changed"
    assert packed[key] == items[key]
    packed[key] = copy
    assert packed[key]["title"] == "Changed"
    del packed[key]
    assert key not in packed and len(packed) == len(items) - 1


@given(ITEMS.filter(bool))
def test_a_stage_memo_reads_each_item_once(items):
    packed = CslItems.of(items)
    memo = packed.unpacking()
    for key, item in items.items():
        assert memo[key] == item and memo[key] is memo[key]
        assert memo.get(key) is memo[key] and memo.packed(key) is packed.packed(key)
    assert memo.get("not a key", 7) == 7 and "not a key" not in memo
    assert dict(memo) == items and len(memo) == len(items)


WORKS = st.lists(
    st.tuples(
        st.sampled_from(["Lind", "Nagy", "Okafor"]),
        st.sampled_from([1998, 2001]),
        st.text(st.characters(codec="utf-8", categories=["L", "Zs"]), min_size=1, max_size=12),
        st.sampled_from(["book", "article-journal", "chapter"]),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=15, deadline=None)
@given(WORKS, st.sampled_from(["apa", "chicago-author-date", "chicago-notes-bibliography"]))
def test_a_styles_entries_of_packed_items_are_its_entries_of_the_dicts(works, name):
    """The bibliography formatted from the packed items (read lazily, one prepared item
    at a time) is the one formatted from the dictionaries, year suffixes included, and
    leaves the style with the same decisions for the notes."""
    items = {
        f"w{n}": {
            "id": f"w{n}",
            "type": kind,
            "author": [{"family": family, "given": "A."}],
            "issued": {"date-parts": [[year]]},
            "title": title,
        }
        for n, (family, year, title, kind) in enumerate(works)
    }
    packed, plain = CitationStyle(name), CitationStyle(name)
    assert packed.entries_of(CslItems.of(items)) == plain.entries(list(items.values()))
    assert packed.decisions() == plain.decisions()
