"""The links between a note, its works and the other notes citing them (render/citing):
short titles never cut mid-title, "also cited in" and previous/next always the true
neighbours, counts in words, bibliography back-links to each citing place."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from glossator.link.corpus import CitingPlace, Work
from glossator.model import Document, Metadata
from glossator.render.citing import (
    cited_count,
    cited_in_html,
    notes_citing,
    short_title,
    source_links,
)


def work(key: str, curated: bool = True, **fields: str) -> Work:
    return Work(key, "book", "book", dict(fields), curated=curated)


def test_the_short_title_is_the_bibtex_short_title_or_the_title_up_to_its_subtitle():
    grafton = work("g", False, title="The Footnote: A Curious History")  # read from a note
    assert short_title(grafton, {"title": "The Footnote: A Curious History"}) == "The Footnote"
    assert short_title(grafton, {"title": "A: B", "title-short": "Given Short"}) == "Given Short"
    assert short_title(grafton, {"title": 'The <span class="nocase">UN</span> Charter'}) == (
        "The UN Charter"
    )
    assert short_title(grafton) == "The Footnote"  # no CSL item: the BibTeX fields
    # a curated work's CSL title is in sentence case for the styles: the page shows the
    # title as the .bib file writes it
    curated = work("c", title="The <i>Footnote</i>: A Curious History")
    assert short_title(curated, {"title": "The <i>footnote</i>: A curious history"}) == (
        "The Footnote"
    )
    assert short_title(work("t", title="{Margins}: x", shorttitle="{Margins} and More")) == (
        "Margins and More"
    )
    assert short_title(work("nameless")) == "nameless"
    assert short_title(work("q", title="Why Notes?")) == "Why Notes?"


@given(st.lists(st.text(st.characters(categories=["L", "N", "Zs", "P"]), min_size=1), min_size=1))
def test_a_short_title_is_the_whole_title_or_its_part_before_a_subtitle(parts: list[str]):
    title = ": ".join(parts)
    shown = short_title(work("k", False, title=title), {"title": title})  # a note's work
    spaced = " ".join(title.split())
    assert shown == "k" or spaced == shown or spaced.startswith(shown + ": ")
    assert "…" not in shown or "…" in title


def test_counts_read_as_words():
    assert [cited_count(n) for n in (0, 1, 2, 17)] == [
        "listed, not cited",
        "cited once",
        "cited 2 times",
        "cited 17 times",
    ]


def test_a_source_line_names_the_other_notes_and_the_neighbours():
    g, j = work("g", title="The Footnote"), work("j", title="Marginalia")
    sources = {1: [(g, "24")], 2: [(j, None), (g, "30")], 5: [(g, None)]}
    citing = notes_citing(sources)
    assert citing == {"g": [1, 2, 5], "j": [2]}
    shorts = {"g": "The Footnote", "j": "Marginalia"}
    lines = source_links(2, sources[2], citing, shorts, lambda n: f"#fn{n}")
    assert lines == [
        'Source: <a href="../sources/j.html">Marginalia</a>',
        'Source: <a href="../sources/g.html">The Footnote</a> · also cited in notes '
        '<a href="#fn1">1</a> and <a href="#fn5">5</a> · '
        '<a class="cite-prev" href="#fn1">previous (note 1)</a> · '
        '<a class="cite-next" href="#fn5">next (note 5)</a>',
    ]
    hidden = source_links(1, sources[1], citing, shorts, lambda n: f"#fnref{n}", hidden=True)
    assert hidden == [
        'Source: <a href="../sources/g.html">The Footnote</a><span aria-hidden="true"> · also '
        'cited in notes <a href="#fnref2" tabindex="-1">2</a> and '
        '<a href="#fnref5" tabindex="-1">5</a></span>'
    ]


@given(st.dictionaries(st.integers(1, 60), st.sets(st.sampled_from("abcde")), min_size=1))
def test_previous_and_next_are_always_the_nearest_notes_citing_the_work(cites: dict):
    works = {key: work(key, title=key.upper()) for key in "abcde"}
    sources = {n: [(works[k], None) for k in sorted(keys)] for n, keys in cites.items()}
    citing = notes_citing(sources)
    shorts = {k: k.upper() for k in works}
    for number, cited in sources.items():
        for (w, _), line in zip(
            cited, source_links(number, cited, citing, shorts, lambda n: f"#fn{n}"), strict=True
        ):
            notes = sorted(n for n, keys in cites.items() if w.key in keys)
            earlier = [n for n in notes if n < number]
            later = [n for n in notes if n > number]
            prev = re.search(r'class="cite-prev" href="#fn(\d+)"', line)
            following = re.search(r'class="cite-next" href="#fn(\d+)"', line)
            assert (int(prev.group(1)) if prev else None) == (earlier[-1] if earlier else None)
            assert (int(following.group(1)) if following else None) == (later[0] if later else None)
            also = re.search(r"also cited in notes? (.*?)(?: · |$)", line)
            listed = [int(n) for n in re.findall(r">(\d+)</a>", also.group(1))] if also else []
            assert listed == [n for n in notes if n != number]


def test_the_bibliography_links_back_to_each_place():
    doc = Document(slug="readers", format="markdown", meta=Metadata(title="Readers & Books"))
    g = work("g", title="The Footnote")
    g.cited_by = [
        CitingPlace("readers", 1, "p1", "fnref1"),
        CitingPlace("readers", 1, "p3", "fnref1-2"),
        CitingPlace("readers", 4, "p3", "fnref4"),
        CitingPlace("readers", 0, "p7", "p7"),
    ]
    assert cited_in_html(g, {"readers": doc}) == (
        "in <i>Readers &amp; Books</i>: "
        '<a href="essays/readers.html#fnref1">note 1</a>, '
        '<a href="essays/readers.html#fnref4">note 4</a>, '
        '<a href="essays/readers.html#p7">paragraph 7</a>'
    )
    assert cited_in_html(work("none"), {}) == ""


def test_an_untitled_entry_is_named_by_author_and_year_never_by_its_key():
    from glossator.render.pages import work_label

    def label(**fields: str) -> str:
        return work_label(Work("zz-internal-key", "misc", "other", fields, curated=True))

    assert label(title="{The} {Footnote}") == "The Footnote"
    assert label(author="Grafton, Anthony and Blair, Ann", year="1997") == "Grafton 1997"
    assert label(author="{United Nations Security Council}", date="1998-09-23") == (
        "United Nations Security Council 1998"
    )
    assert label(journal="Past {\\&} Present") != "zz-internal-key"
    assert label(url="https://example.org/x") == "https://example.org/x"
    assert label() == "zz-internal-key"  # nothing else to name it by
