"""Formatting spread over forked processes gives what one process gives: the same
entries, the same citations and the same decisions kept for the notes, in any style
(year suffixes, names added, given names, citation numbers), whatever the split."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossator.format import batches, engine
from glossator.format import corpus as format_module
from glossator.format.batches import Keys, chunks, in_order
from glossator.format.corpus import format_corpus
from glossator.format.engine import CitationStyle, CiteRequest
from glossator.incremental import pool
from glossator.incremental.pool import forked
from glossator.pipeline import plan

FAMILIES = ["Lind", "Okafor", "Brandt"]
GIVEN = ["Ada", "Alan", "Chidi"]
TITLES = ["Margins", "Notes", "Glosses"]


@st.composite
def works(draw) -> list[dict]:
    """Few names, years and titles, so that many works read alike."""
    count = draw(st.integers(1, 14))
    out = []
    for n in range(count):
        people = draw(
            st.lists(
                st.tuples(st.sampled_from(FAMILIES), st.sampled_from(GIVEN)), min_size=1, max_size=3
            )
        )
        out.append(
            {
                "id": f"w{n}",
                "type": draw(st.sampled_from(["book", "article-journal"])),
                "title": draw(st.sampled_from(TITLES)),
                "author": [{"family": f, "given": g} for f, g in people],
                "issued": {"date-parts": [[draw(st.sampled_from([1999, 2001]))]]},
                "container-title": "Journal of Notes",
            }
        )
    return out


@st.composite
def corpora(draw) -> tuple[list[dict], list[list[list[CiteRequest]]]]:
    items = draw(works())
    request = st.builds(
        CiteRequest,
        st.sampled_from(items),
        st.sampled_from([None, "12", "4-9"]),
        suppress_author=st.booleans(),
    )
    documents = draw(
        st.lists(
            st.lists(st.lists(request, min_size=1, max_size=2), min_size=1, max_size=5),
            min_size=1,
            max_size=6,
        )
    )
    return items, documents


@pytest.fixture(scope="module", params=["apa", "chicago-notes-bibliography", "ieee"])
def style_name(request) -> str:
    return request.param


@pytest.fixture()
def small_pool(monkeypatch):
    """A pool for as few as two parts, so that it is used."""
    monkeypatch.setattr(pool, "MINIMUM", 2)


def formatted(name: str, run, items, documents, part: int):
    """Entries, citations and decisions, with `part` works in each part."""
    with (
        mock.patch.object(batches, "CHUNK", part),
        mock.patch.object(engine, "READING_CHUNK", part),
    ):
        style = CitationStyle(name)
        entries = style.entries(items, run)
        citations = style.citations_many(documents, run)
    return entries, citations, style.decisions()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(corpora())
def test_formatting_in_forked_parts_gives_what_one_process_gives(style_name, small_pool, corpus):
    items, documents = corpus
    alone = formatted(style_name, in_order, items, documents, 1000)  # one part each
    assert formatted(style_name, forked, items, documents, 2) == alone


def test_the_parts_cover_every_index_once_in_order():
    assert chunks(5, 2) == [range(0, 2), range(2, 4), range(4, 5)]
    assert chunks(0, 2) == []


def test_keys_answer_as_the_list_they_are():
    keys = Keys(["i0", "i1"])
    keys.append("i2")
    assert keys == ["i0", "i1", "i2"] and "i1" in keys and "i3" not in keys
    assert keys.index("i2") == 2
    with pytest.raises(ValueError):
        keys.index("i3")


@pytest.mark.parametrize("name", ["chicago-notes-bibliography", "apa"])
def test_a_generated_corpus_formats_the_same_in_forked_parts(tmp_path, monkeypatch, name):
    # Four essays of the benchmark's shape (54 notes each, Ibid., note forms and keys):
    # the FormattedCorpus of one process and of forked parts of three works each.
    content = tmp_path / "content"
    script = Path(__file__).parents[2] / "benchmarks" / "make_corpus.py"
    subprocess.run([sys.executable, script, "4", content, "--entries", "60"], check=True)
    linked = plan(content).linked
    alone = format_corpus(linked, CitationStyle(name))
    monkeypatch.setattr(pool, "MINIMUM", 2)
    monkeypatch.setattr(batches, "CHUNK", 3)
    monkeypatch.setattr(engine, "READING_CHUNK", 3)
    monkeypatch.setattr(format_module, "FORMS_CHUNK", 3)  # the works' CSL-JSON, BibTeX
    parts = []

    def counted(task, count):
        parts.append(count)
        return forked(task, count)

    assert format_corpus(linked, CitationStyle(name), run=counted) == alone
    assert max(parts) > 2  # the pool was used
    assert parts[0] == -(-len(linked.works) // 3)  # first, the works' forms, 3 a part
