"""Pandoc's example lists (`markdown_examples`): for any run of examples, labelled or
not, the numbers run 1, 2, 3… through the essay, each label's references are its
number, and nothing moves to another line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from glossator.ingest.markdown import read_markdown
from glossator.ingest.markdown_examples import number_examples
from glossator.ingest.source import Source
from glossator.model import ListBlock, Paragraph
from glossator.model.inline import plain_text

LABELS = st.one_of(st.just(""), st.text(alphabet="abcxyz_-019", min_size=1, max_size=12))
WORDS = st.text(alphabet="abcdefgh ", min_size=1, max_size=20).map(lambda t: "w" + t.strip())


@given(st.lists(st.lists(st.tuples(LABELS, WORDS), min_size=1, max_size=4), max_size=4))
def test_examples_are_numbered_through_the_essay_and_referred_to_by_number(groups):
    lines, numbers, first, refs = [], [], {}, []
    count = 0
    for group in groups:
        for label, words in group:
            count += 1
            numbers.append(count)
            first.setdefault(label, count)
            lines.append(f"({'@' + label}) {words}")
        lines.append("")
        for label in [k for k in first if k]:
            lines += [f"See (@{label}).", ""]
            refs.append(label)
    text = "\n".join(lines)
    made = number_examples(text)
    assert made.count("\n") == text.count("\n")  # every line where it was
    doc, diagnostics = read_markdown(Source("examples", "ex.md", "---\ntitle: T\n---\n" + made))
    assert not [d for d in diagnostics if d.severity == "error"]
    lists = [b for s in doc.sections for b in s.blocks if isinstance(b, ListBlock)]
    shown = [lb.start + n for lb in lists for n in range(len(lb.items))]
    assert shown == numbers
    said = [
        plain_text(b.content)
        for s in doc.sections
        for b in s.blocks
        if isinstance(b, Paragraph) and plain_text(b.content).startswith("See")
    ]
    assert said == [f"See ({first[label]})." for label in refs]


@given(st.text(alphabet="ab (@)`~\n-#*", max_size=80))
def test_any_text_keeps_its_lines_and_text_without_examples_is_unchanged(text):
    made = number_examples(text)
    assert made.count("\n") == text.count("\n")
    if "(@" not in text:
        assert made == text


def test_fenced_code_and_the_front_matter_are_left_as_written():
    text = "---\nnote: (@) kept\n---\n\n~~~~\n(@a) code\n~~~\n(@a) still code\n~~~~\n\n(@a) one\n"
    assert number_examples(text).splitlines() == [
        "---",
        "note: (@) kept",
        "---",
        "",
        "~~~~",
        "(@a) code",
        "~~~",
        "(@a) still code",
        "~~~~",
        "",
        "001. one",
    ]
