"""The corpus-wide data files (render/data.py): `sources.json` and `sources.csl.json`
assembled from each work's packed piece are, byte for byte, the lists written whole."""

from __future__ import annotations

import json
import pickle

from hypothesis import given
from hypothesis import strategies as st

from glossator.format.csl_text import FormattedEntry
from glossator.link.works import CitingPlace, Work
from glossator.render.data import CorpusFiles, source_item, work_data
from glossator.render.jsontext import dumps

TEXT = st.text(max_size=30)  # any character: NUL, quotes, curly quotes, astral planes
PLACES = st.builds(
    CitingPlace,
    TEXT,
    st.integers(0, 60),
    st.none() | TEXT,
    st.none() | TEXT,
    st.none() | TEXT,
)
WORKS = st.builds(
    Work,
    TEXT,
    st.sampled_from(["book", "article", "misc"]),
    st.sampled_from(["book", "article", "web"]),
    st.dictionaries(TEXT, TEXT, max_size=4),
    st.booleans(),
    st.booleans(),
    st.lists(PLACES, max_size=3),
)
CSL = st.dictionaries(
    TEXT, TEXT | st.lists(st.dictionaries(TEXT, TEXT, max_size=2), max_size=2), max_size=4
)


@given(st.lists(st.tuples(WORKS, TEXT, TEXT, CSL), max_size=5))
def test_the_data_files_are_the_lists_written_whole(works):
    pieces = [work_data(w, FormattedEntry(text, html), csl) for w, text, html, csl in works]
    files = CorpusFiles(pieces, ["@book{a,}"] * len(works))
    sources = [source_item(w, FormattedEntry(text, html)) for w, text, html, _ in works]
    assert files["api/sources.json"] == (dumps(sources) + "\n").encode("utf-8")
    csl_items = [csl for *_, csl in works]
    assert files["api/sources.csl.json"] == (dumps(csl_items) + "\n").encode("utf-8")
    assert json.loads(files["api/sources.csl.json"]) == csl_items
    for piece, source in zip(pieces, sources, strict=True):
        assert json.loads(piece.parts()[0]) == source


@given(st.text(), st.text())
def test_a_formatted_entry_comes_back_from_its_pickle_as_it_was(text: str, html: str):
    """A frozen value (`model.values`): pickled as `FormattedEntry(text, html)`."""
    entry = FormattedEntry(text, html)
    again = pickle.loads(pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))
    assert again == entry and type(again) is FormattedEntry and hash(again) == hash(entry)
    assert b"FormattedEntry" in pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)
