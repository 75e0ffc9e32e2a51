"""Given names as initials (`initialize-with`): fonts kept on the initial, hyphenated
names, names written with a two-letter initial, particles. The expected texts follow
the CSL spec's `initialize-with` and `initialize-with-hyphen` and CMOS 18 14.73
(initials, a hyphenated given name keeps its hyphen); the names are our own."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossator.commands.format import format_items
from glossator.format.engine import CitationStyle
from glossator.format.initials import initialize

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"{root}>
  <info><title>Test</title><id>test</id><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation><layout><names variable="author"><name {name}/></names></layout></citation>
</style>
"""


def cite(tmp_path: Path, given: str, name: str = 'initialize-with=". "', root: str = "") -> str:
    path = tmp_path / "own.csl"
    path.write_text(STYLE.format(name=name, root=root), encoding="utf-8")
    item = {"id": "a", "type": "book", "author": [{"family": "Lind", "given": given}]}
    return format_items(CitationStyle(str(path)), [item], "citation", "html")[0]


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("<b>Tomas</b> Erik", "<b>T.</b> E. Lind"),  # the font stays on the initial
        ("<i>Tomas</i>-Erik", "<i>T.</i>-E. Lind"),
        ("<b>T</b> E", "<b>T.</b> E. Lind"),  # initials already, only punctuated
        ("Ana-Sofia", "A.-S. Lind"),
        ("Wei-min", "W. Lind"),  # one name with a hyphen inside, not two
        ("TSetsegmaa", "Ts. Lind"),  # a two-letter initial written so
        ("TOMAS", "T. Lind"),  # a name in capitals has one initial
        ("Tomas de", "T. de Lind"),  # a particle is not an initial
        ("Jean Émile", "J. É. Lind"),  # capitals outside A–Z are not particles
        ("Иван Иванович", "И. И. Lind"),
    ],
)
def test_initials(tmp_path, given_name, expected):
    assert cite(tmp_path, given_name) == expected


def test_an_empty_mark_and_a_hyphen_inside_a_name(tmp_path):
    assert cite(tmp_path, "Wei-min", 'initialize-with=""') == "W Lind"
    assert cite(tmp_path, "Ana Sofia", 'initialize-with=""') == "AS Lind"


def test_initialize_with_hyphen_false_spaces_the_initials(tmp_path):
    root = ' initialize-with-hyphen="false"'
    assert cite(tmp_path, "Ana-Sofia", root=root) == "A. S. Lind"
    assert cite(tmp_path, "Ana-Sofia", 'initialize-with="."', root) == "A.S. Lind"


_NAME = st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True)


@given(
    st.lists(_NAME, min_size=1, max_size=4),
    st.sampled_from([". ", ".", "", " "]),
    st.booleans(),
)
def test_each_capitalised_word_gives_its_first_letter_and_the_mark(words, mark, hyphenate):
    given_name = ("-" if hyphenate else " ").join(words)
    joiner = mark.rstrip() + "-" if hyphenate else mark
    expected = joiner.join(w[0] for w in words) + mark.rstrip()
    assert initialize(given_name, mark) == expected.strip()
