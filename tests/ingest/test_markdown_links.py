"""Links within an essay: to a heading by its own `{#id}`, by Pandoc's automatic
identifier or by ours, to a figure by its label; one that leads nowhere is told."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from glossator.ingest.markdown import read_markdown
from glossator.ingest.markdown_export import export_markdown
from glossator.ingest.markdown_links import pandoc_ids
from glossator.ingest.source import Source
from glossator.model.inline import CONTAINERS, Link

ESSAY = """\
---
title: Links Within
---

# 1. Introduction

Where to go: [the method](#sec:method), [the start](#introduction), [ours](#1-introduction),
[the aside](#what-s-left), [the map](#fig-map), [a note](#fn1), [the top](#), and
[elsewhere](https://example.org/#method).[^1]

# What's left

![A map of the margins](map.png){#fig-map}

# Method {#sec:method}

Text <a id="kept"></a> and [the raw anchor](#kept).

# Method

A second heading of the same words.

[^1]: Back to [the method](#sec:method), and [nowhere](#metod).
"""


def read(text: str):
    return read_markdown(Source("links", "links.md", textwrap.dedent(text)))


def urls(content) -> list[str]:
    found = []
    for node in content:
        if isinstance(node, Link):
            found.append(node.url)
        if isinstance(node, CONTAINERS):
            found += urls(node.content)
    return found


def test_a_heading_keeps_the_id_its_author_gave_it():
    doc, _ = read(ESSAY)
    assert [s.id for s in doc.sections] == [
        "1-introduction",
        "what-s-left",
        "sec:method",
        "method",
    ]


def test_a_given_id_the_page_or_another_heading_uses_is_not_taken():
    doc, _ = read("---\ntitle: T\n---\n\n# A {#x}\n\n# B {#x}\n\n# Notes {#notes}\n\n# P {#p1}\n")
    assert [s.id for s in doc.sections] == ["x", "b", "notes-2", "p"]


def test_each_link_leads_to_the_anchor_it_names():
    doc, diagnostics = read(ESSAY)
    first, raw = doc.paragraphs()[0], doc.paragraphs()[1]
    assert urls(first.content) == [
        "#sec:method",
        "#1-introduction",  # Pandoc's `introduction`: it drops what comes before a letter
        "#1-introduction",
        "#what-s-left",
        "#fig1",  # the figure's label
        "#fn1",
        "#",
        "https://example.org/#method",
    ]
    assert urls(raw.content) == ["#kept"]
    assert [d.code for d in diagnostics if d.code == "link.no-target"] == ["link.no-target"]


def test_a_link_that_leads_nowhere_is_told_with_its_line_and_the_likely_anchor():
    _, diagnostics = read(ESSAY)
    (told,) = [d for d in diagnostics if d.code == "link.no-target"]
    assert told.line == 23 and told.severity == "warning"
    assert "`#metod` leads nowhere on the page" in told.message
    assert "did you mean `#method`, `#sec:method`?" in told.message and "`{#metod}`" in told.message


def test_pandoc_identifiers_follow_pandocs_rules():
    assert pandoc_ids(["Heading identifiers in HTML", "Maître d'hôtel", "3. Applications"]) == [
        "heading-identifiers-in-html",
        "maître-dhôtel",
        "applications",
    ]
    assert pandoc_ids(["33", "Notes", "Notes", "v2.1 release", None]) == [
        "section",
        "notes",
        "notes-1",
        "v2.1-release",
        None,
    ]


HEADING = st.text(
    alphabet=st.sampled_from("abcdefgXYZ éøЖж0123456789.,;!?'-"), min_size=1, max_size=30
).filter(lambda h: h.strip() and h.strip()[0].isalnum() and not h.strip().endswith("#"))


@given(st.lists(HEADING, min_size=1, max_size=4))
def test_a_link_by_pandocs_identifier_reaches_its_heading(headings: list[str]):
    body = "".join(f"# {h}\n\nText.\n\n" for h in headings)
    read_alone, _ = read(f"---\ntitle: T\n---\n\n{body}")  # the headings as read ("--": "–")
    names = pandoc_ids([s.heading for s in read_alone.sections if s.heading is not None])
    links = " ".join(f"[{n}](#{name})" for n, name in enumerate(names))
    doc, diagnostics = read(f"---\ntitle: T\n---\n\n{body}Links: {links}\n")
    assert not [d for d in diagnostics if d.code == "link.no-target"]
    ids = {s.id for s in doc.sections}
    assert all(url[1:] in ids for url in urls(doc.paragraphs()[-1].content))


def test_an_id_the_heading_does_not_give_itself_is_written_back_to_markdown():
    doc, _ = read(ESSAY)
    text = export_markdown(doc)
    assert "# Method {#sec:method}\n" in text and "{#1-introduction}" not in text
    assert "# Method\n" in text  # its own `method`: nothing to write
    again, _ = read(text)
    assert [s.id for s in again.sections] == [s.id for s in doc.sections]
