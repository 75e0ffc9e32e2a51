"""The note parser and resolver never raise, on any text a user may write.

Random text, and real note shapes mutated (pieces cut, duplicated, reordered, scripts
mixed), go through `parse_note` and `resolve_document`; every failure hypothesis found
while this was written is kept below as a regression case.
"""

from __future__ import annotations

import pytest
from corpus_eval import CORPUS, load
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossator.model import Document, Metadata, Note
from glossator.notes.parse_note import ParsedWork, parse_note, work_key
from glossator.notes.resolve import resolve_document

PIECES = [
    "Grafton, Anthony.",
    "Anthony Grafton,",
    "王赓武",
    "Wang Gungwu,",
    "al-Rasheed, Madawi.",
    "van der Veen, Maurits,",
    "de Gaulle,",
    "“The Footnote,”",
    '"Power and Weakness."',
    "The Footnote",
    "(Cambridge, MA: Harvard University Press, 1997)",
    "Ibid.",
    "ibid., 4.",
    "45.",
    "pp. 3–28.",
    "vol. 2,",
    "no. 3",
    "(1992):",
    "561–598",
    "ed. Jane Doe",
    "trans.",
    "in",
    "See",
    "See also",
    "Cf.",
    "Quoted in",
    "e.g.,",
    ";",
    ",",
    ".",
    ":",
    "(",
    ")",
    "“",
    "”",
    '"',
    "S/RES/1199 (1998)",
    "A/RES/60/1",
    "S/2004/567",
    "Resolution 1199",
    "Press Release",
    "Security Council",
    "European Parliament",
    "Box 4, Folder 12",
    "accessed 3 May 2020,",
    "https://example.org/a",
    "<https://x.y>",
    "13 December 2001",
    "Winter 1978",
    "H.R. 3162",
    "107th Congress",
    "Act",
    "Pub. L. No. 107-56",
    "v.",
    "U.S.",
    "the Council's site and",
    "Repertoire of the Practice of the Security Council",
    "《》",
    "et al.",
    "Jr.",
    "&",
    "[",
    "]",
    "*",
    "—",
    "\u00a0",
    "\t",
    "",
    "1.",
    "Id.",
    "Op. cit.",
]

note_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=25).map(" ".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=20).map("".join),
)

REGRESSIONS = [
    "The Footnote (Cambridge, MA: Harvard University Press, 1997).",
    "See the Council's site and Repertoire of the Practice of the Security Council.",
    "Wang Gungwu 王赓武, The Chinese Overseas (Cambridge, MA: Harvard University Press, 2000), 12.",
    "王赓武. 《华人与中国》. 香港: 三联书店, 1992.",
    "(: , 1997)",
    "“”",
    '"',
    ";;;",
    "Ibid., ; Ibid.",
]


def _check(works: list[ParsedWork]) -> None:
    for work in works:
        assert isinstance(work_key(work), str)
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in work.fields)


@pytest.mark.parametrize("text", REGRESSIONS)
def test_regressions_parse(text: str) -> None:
    _check(parse_note(text))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note_text)
def test_parse_note_never_raises(text: str) -> None:
    _check(parse_note(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(note_text, min_size=1, max_size=6))
def test_resolve_document_never_raises(texts: list[str]) -> None:
    notes = [Note(i, f"fn{i}", text=t, line=i) for i, t in enumerate(texts, 1)]
    doc = Document("x", "markdown", Metadata(title="T"), notes=notes, path="x.md")
    for cites in resolve_document(doc):
        _check([c.work for c in cites.cites if c.work is not None])


REAL = [
    n["t"]
    for folder in (CORPUS, CORPUS.parent / "heldout")
    for _, e in load(folder)
    for n in e["notes"]
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A real note with a piece cut, repeated, moved or replaced: what typing does."""
    text = draw(st.sampled_from(REAL))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 30)))
        how = draw(st.sampled_from(["cut", "repeat", "move", "insert"]))
        if how == "cut":
            text = text[:i] + text[j:]
        elif how == "repeat":
            text = text[:j] + text[i:j] + text[j:]
        elif how == "move":
            text = text[:i] + text[j:] + text[i:j]
        else:
            text = text[:i] + draw(st.sampled_from(PIECES)) + text[i:]
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_real_notes_never_raise(text: str) -> None:
    _check(parse_note(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutated(), min_size=2, max_size=8))
def test_documents_of_mutated_notes_never_raise(texts: list[str]) -> None:
    notes = [Note(i, f"fn{i}", text=t, line=i) for i, t in enumerate(texts, 1)]
    doc = Document("x", "markdown", Metadata(title="T"), notes=notes, path="x.md")
    for cites in resolve_document(doc):
        _check([c.work for c in cites.cites if c.work is not None] + cites.unread)
