"""Properties of the Markdown reader over random input (hypothesis).

- A paragraph of plain words and punctuation reads back as its text with whitespace
  collapsed and Pandoc's smart substitutions made: undoing them (curly quotes to
  straight, dashes and ellipses to hyphens and dots) gives the collapsed input back,
  and no `--` or `...` is left. Every marker's offset lies within the text and follows
  the word it was written after.
- A random citation group `[see @key, p. 5 and passim; -@other]` gives back its items:
  keys, prefixes, locators, suffixes and modes.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.ingest.markdown import read_markdown
from glossator.ingest.source import Source
from glossator.model.inline import Citation, CiteItem

FRONT = "---\ntitle: T\n---\n\n"
UNDO = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u00e9\u00df"

word = st.text(alphabet=LETTERS, min_size=1, max_size=8)
punctuated = st.tuples(
    st.sampled_from(["", "", '"', "'"]),
    word,
    st.sampled_from(["", "", "", ".", ",", ";", ":", "!", "?", "'s", '"', "'", "...", "--"]),
).map("".join)
space = st.sampled_from([" ", " ", " ", "  ", "\n", " \n  "])


def undo(text: str) -> str:
    text = "".join(UNDO.get(c, c) for c in text)
    return text.replace("\u2014", "---").replace("\u2013", "--").replace("\u2026", "...")


@st.composite
def paragraphs(draw):
    words = draw(st.lists(punctuated, min_size=1, max_size=30))
    # Each line starts with a letter, so no line opens a list, a quote or a heading.
    words[0] = draw(word) + words[0]
    gaps = [draw(space) for _ in words[1:]]
    gaps = [
        " " if "\n" in g and not w[0].isalpha() else g for g, w in zip(gaps, words[1:], strict=True)
    ]
    marked = draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
    return words, gaps, marked


@settings(max_examples=200, deadline=None)
@given(paragraphs())
def test_plain_paragraphs_read_back_with_smart_typography(drawn):
    words, gaps, marked = drawn
    pieces, notes = [], []
    for i, w in enumerate(words):
        if i:
            pieces.append(gaps[i - 1])
        pieces.append(w)
        if marked[i]:
            pieces.append(f"[^n{i}]")
            notes.append(f"[^n{i}]: Note {i}.")
    source = FRONT + "".join(pieces) + "\n\n" + "\n".join(notes) + "\n"
    doc, diagnostics = read_markdown(Source("p", "p.md", source))
    assert diagnostics == []
    (paragraph,) = doc.paragraphs()
    expected = " ".join(" ".join(words).split())
    assert undo(paragraph.text) == expected
    assert "--" not in paragraph.text and "..." not in paragraph.text
    assert paragraph.text.count("\u201c") == paragraph.text.count("\u201d")
    # Each marker stands right after the word it followed, in order.
    ends, length = [], 0
    for i, w in enumerate(words):
        length += (1 if i else 0) + len(w)
        if marked[i]:
            ends.append(length)
    offsets = [m.offset for m in paragraph.markers]
    assert all(0 < o <= len(paragraph.text) for o in offsets)
    assert len(offsets) == len(ends)
    # Smart typography changes no lengths except `--`/`...` (to one character each).
    shrink = [undo(paragraph.text[:o]) for o in offsets]
    assert [len(s) for s in shrink] == ends


key = st.builds(
    lambda first, rest, tail: first + rest + tail,
    st.sampled_from("abcxyz_"),
    st.text(alphabet="abcdefghij0123456789_", max_size=6),
    st.sampled_from(["", ":2001", ".x", "-y", "/z9"]),
)
plain_words = st.lists(
    st.sampled_from(["see", "also", "cf", "compare", "esp", "and", "passim", "there", "more"]),
    max_size=3,
).map(" ".join)
locator = st.sampled_from([None, "p. 5", "pp. 33-35", "chap. 2", "45", "vol. 3", "§ 12", "fig. 4"])


@st.composite
def items(draw):
    mode = draw(st.sampled_from(["normal", "suppress-author"]))
    return CiteItem(
        key=draw(key),
        prefix=draw(plain_words) if mode == "normal" else "",
        locator=draw(locator),
        suffix=draw(plain_words),
        mode=mode,
    )


def written(item: CiteItem) -> str:
    text = (item.prefix + " " if item.prefix else "") + ("-" if item.mode != "normal" else "")
    text += "@" + item.key
    if item.locator:
        text += ", " + item.locator
    if item.suffix:
        text += " " + item.suffix
    return text


@settings(max_examples=200, deadline=None)
@given(st.lists(items(), min_size=1, max_size=4))
def test_citation_groups_give_back_their_items(cited):
    group = "[" + "; ".join(written(item) for item in cited) + "]"
    doc, diagnostics = read_markdown(Source("c", "c.md", FRONT + f"A claim {group}.\n"))
    assert diagnostics == []
    (note,) = doc.notes
    (citation,) = note.blocks[0].content
    assert isinstance(citation, Citation)
    assert citation.source == group
    assert list(citation.items) == cited
    assert doc.paragraphs()[0].text == "A claim."
