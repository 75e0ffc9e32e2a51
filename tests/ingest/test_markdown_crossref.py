"""Cross-references to figures and tables, as Quarto and pandoc-crossref write them,
become links to the numbered element; what names nothing is shown as written."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.ingest.markdown import read_markdown
from glossator.ingest.source import Source
from glossator.model import Figure, Paragraph, Table
from glossator.model.inline import Citation, Link, Text, nodes_of, plain_text

FRONT = "---\ntitle: Maps and Costs\n---\n\n"

ESSAY = """As @fig-harbour shows, the harbour grew; its costs are in [-@tbl-costs]
and both together in [see @fig-harbour; @tbl-costs, second row].

![The harbour in 1820](harbour.png){#fig-harbour width=80%}

| Year | Cost |
|-----:|-----:|
| 1820 | 400 |

: Building costs {#tbl-costs}

![A second view](view.png){#fig-view}

Later, @fig-view looks back.[^1]

[^1]: Compare @fig-harbour.
"""


def read(text: str):
    return read_markdown(Source("maps", "maps.md", FRONT + text))


def links(paragraph: Paragraph) -> list[tuple[str, str]]:
    return [
        (link.url, "".join(t.text for t in link.content))
        for link in nodes_of(paragraph.content, Link)
    ]


def test_quarto_references_link_to_the_numbered_figure_and_table():
    doc, diags = read(ESSAY)
    assert [d.code for d in diags] == []
    first, later = doc.paragraphs()[0], doc.paragraphs()[1]
    assert links(first) == [
        ("#fig1", "Figure\u00a01"),
        ("#tbl1", "1"),  # `-@`: the number alone
        ("#fig1", "Figure\u00a01"),
        ("#tbl1", "Table\u00a01"),
    ]
    assert plain_text(first.content) == (
        "As Figure\u00a01 shows, the harbour grew; its costs are in 1 and both together "
        "in see Figure\u00a01; Table\u00a01, second row."
    )
    assert links(later) == [("#fig2", "Figure\u00a02")]
    assert nodes_of(first.content, Citation) == []
    # no note is made of a cross-reference: the one note is the author's
    assert [n.generated for n in doc.notes] == [False]
    (note_paragraph,) = doc.notes[0].blocks
    assert links(note_paragraph) == [("#fig1", "Figure\u00a01")]
    figures = [b for b in doc.blocks() if isinstance(b, Figure)]
    (table,) = [b for b in doc.blocks() if isinstance(b, Table)]
    assert [f.id for f in figures] == ["fig1", "fig2"] and table.id == "tbl1"
    assert "".join(t.text for t in nodes_of(table.caption, Text)) == "Building costs"


def test_pandoc_crossref_references_take_its_names_and_capitals():
    text = "See @fig:map and @Fig:map and @tbl:rates.\n\n![Map](m.png){#fig:map}\n\n"
    text += "| a |\n|---|\n| 1 |\n\nTable: Rates {#tbl:rates}\n"
    doc, diags = read(text)
    assert diags == []
    assert links(doc.paragraphs()[0]) == [
        ("#fig1", "fig.\u00a01"),
        ("#fig1", "Fig.\u00a01"),
        ("#tbl1", "tbl.\u00a01"),
    ]


def test_what_names_nothing_is_shown_as_written_with_a_warning_at_its_line():
    text = "A first line,\nthen @fig-missing and [@sec-intro; @fig-here].\n\n"
    text += "![Here](h.png){#fig-here}\n"
    doc, diags = read(text)
    assert [(d.line, d.severity, d.code) for d in diags] == [
        (6, "warning", "cite.crossref"),
        (6, "warning", "cite.crossref"),
    ]
    assert "`@fig-missing` refers to no figure of this essay" in diags[0].message
    assert "{#fig-missing}" in diags[0].message
    assert "`@sec-intro` is a cross-reference" in diags[1].message
    paragraph = doc.paragraphs()[0]
    assert links(paragraph) == []
    text_shown = "".join(t.text for t in nodes_of(paragraph.content, Text))
    assert "@fig-missing" in text_shown and "[@sec-intro; @fig-here]" in text_shown
    assert doc.notes == []  # never a note of its own


def test_a_label_given_twice_is_warned_about_and_the_first_is_linked():
    text = "See @fig-a.\n\n![One](1.png){#fig-a}\n\n![Two](2.png){#fig-a}\n"
    doc, diags = read(text)
    assert [(d.line, d.code) for d in diags] == [(9, "markdown.duplicate-label")]
    assert links(doc.paragraphs()[0]) == [("#fig1", "Figure\u00a01")]


def test_a_table_caption_without_attributes_is_kept_whole():
    doc, _ = read("| a |\n|---|\n| 1 |\n\n: Costs in {pounds}\n")
    (table,) = [b for b in doc.blocks() if isinstance(b, Table)]
    assert "".join(t.text for t in nodes_of(table.caption, Text)) == "Costs in {pounds}"


LABELS = st.lists(
    st.text(alphabet="abcdefghij0123456789", min_size=1, max_size=6), unique=True, max_size=6
)


@settings(max_examples=80, deadline=None)
@given(labels=LABELS, data=st.data())
def test_any_figures_and_references_link_each_reference_to_its_own_figure(labels, data):
    """Figures labelled in any order, referred to before and after them, in Quarto's
    or pandoc-crossref's form: each link goes to the figure that carries the label."""
    cited = data.draw(st.lists(st.sampled_from(labels), max_size=8)) if labels else []
    quarto = data.draw(st.booleans())
    sep = "-" if quarto else ":"
    refs = " and ".join(f"@fig{sep}{label}" for label in cited) or "nothing"
    figures = "".join(
        f"![Figure of {label}]({label}.png){{#fig{sep}{label}}}\n\n" for label in labels
    )
    doc, diags = read(f"Before: {refs}.\n\n{figures}After: {refs}.\n")
    assert diags == []
    number = {label: n for n, label in enumerate(labels, 1)}
    name = "Figure" if quarto else "fig."
    expected = [(f"#fig{number[label]}", f"{name}\u00a0{number[label]}") for label in cited]
    before, after = doc.paragraphs()[0], doc.paragraphs()[-1]
    assert links(before) == expected and links(after) == expected
    assert doc.notes == []
    shown = [f.id for f in doc.blocks() if isinstance(f, Figure)]
    assert shown == [f"fig{n}" for n in range(1, len(labels) + 1)]
