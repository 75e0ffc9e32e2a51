"""The essay page of a Markdown essay using the front matter Pandoc knows (subtitle,
authors with affiliation and ORCID, a date as written, keywords, an abstract, a
reference-section-title) and headings named like the page's own ids: what the header
shows, and that no id is on the page twice."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from glossator.cli import main
from glossator.config import parse_site_config

ESSAY = """\
---
title: On Margins
subtitle: Readers writing in books
author:
  - name: Ann Smith
    affiliation: University of Somewhere
    orcid: 0000-0002-1825-0097
  - Tom Brown
date: March 21, 2021
keywords: [marginalia, footnotes]
reference-section-title: Endnotes
abstract: |
  Readers *write* in books.

  Some of them publish it.
---

# Notes

A paragraph under a heading named like the notes list.[^1]

# P1

Another, under a heading named like a paragraph's anchor.

## Contents

# Main

[^1]: A note with **markup**.

    And a second paragraph.
"""


class Ids(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        value = dict(attrs).get("id")
        if value:
            self.ids.append(value)


def build(tmp: Path, essay: str, site_yaml: str = "") -> str:
    essays = tmp / "content" / "essays"
    essays.mkdir(parents=True)
    (essays / "margins.md").write_text(essay, encoding="utf-8")
    if site_yaml:
        (tmp / "content" / "site.yaml").write_text(site_yaml, encoding="utf-8")
    assert main(["build", "--content", str(tmp / "content"), "--out", str(tmp / "out")]) == 0
    return (tmp / "out" / "essays" / "margins.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build(tmp_path_factory.mktemp("essay"), ESSAY)


def test_no_id_is_on_the_page_twice(html):
    counts = Counter(Ids(html).ids)
    assert [i for i, n in counts.items() if n > 1] == []
    assert {"notes", "p1", "main", "toc-h", "abstract-h"} <= set(counts)
    assert {"notes-2", "s-p1", "main-2", "contents"} <= set(counts)


def test_the_header_shows_subtitle_authors_date_and_keywords(html):
    assert '<p class="subtitle">Readers writing in books</p>' in html
    assert '<time datetime="2021-03-21">March 21, 2021</time>' in html
    assert ', <span class="affiliation">University of Somewhere</span>' in html
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in html
    assert "<li>Tom Brown</li>" in html
    assert "Keywords:</span> marginalia, footnotes</p>" in html


def test_the_abstract_comes_before_the_body(html):
    abstract = html.index('<section class="abstract" aria-labelledby="abstract-h">')
    assert abstract < html.index('<div class="essay-body">')
    assert "<p>Readers <em>write</em> in books.</p>\n<p>Some of them publish it.</p>" in html


def test_the_notes_list_takes_the_reference_section_title(html):
    assert '<h2 id="notes-h">Endnotes</h2>' in html
    assert '<li><a href="#notes">Endnotes</a></li>' in html
    assert "<p>A note with <strong>markup</strong>.</p>\n<p>And a second paragraph.</p>" in html
    assert '<span class="sidenote-p">And a second paragraph.</span>' in html


def test_the_contents_nest_and_hold_the_headings(html):
    start = html.index('<nav class="toc"')
    toc = html[start : html.index("</nav>", start)]
    assert '<li><a href="#s-p1">P1</a>\n<ol>\n<li><a href="#contents">Contents</a></li>' in toc


def test_allow_raw_html_is_a_yes_or_no_setting():
    config, diags = parse_site_config("allow_raw_html: true\n", "site.yaml")
    assert config.allow_raw_html is True and diags == []
    config, diags = parse_site_config("allow_raw_html: sometimes\n", "site.yaml")
    assert config.allow_raw_html is False
    assert [d.code for d in diags] == ["site.invalid"]


def test_raw_html_is_rendered_only_when_the_site_allows_it(tmp_path):
    essay = "---\ntitle: T\n---\n\nA <b>bold</b> word.\n\n<div>block</div>\n"
    shown = build(tmp_path / "text", essay)
    assert "A &lt;b&gt;bold&lt;/b&gt; word." in shown
    assert '<pre class="raw-html">&lt;div&gt;block&lt;/div&gt;</pre>' in shown
    allowed = build(tmp_path / "html", essay, "title: T\nallow_raw_html: true\n")
    assert "A <b>bold</b> word." in allowed and "<div>block</div>" in allowed
    body = allowed[allowed.index('<div class="essay-body">') :]
    assert not re.search(r"&lt;/?b&gt;", body)


def test_the_page_takes_the_essays_language_and_full_title(tmp_path):
    essay = (
        "---\ntitle: Marges\nsubtitle: Une histoire\nlang: fr\nabstract: Les notes *vivent*.\n"
        "---\n\nLe texte.\n"
    )
    page = build(tmp_path, essay, "title: Corpus\nlanguage: en\n")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "<title>Marges: Une histoire · Corpus</title>" in page
    feed = (tmp_path / "out" / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Marges: Une histoire</title>" in feed
    assert "Les notes vivent." in feed


def test_a_title_written_in_markdown_is_shown_as_written_and_plain_where_text_is(tmp_path):
    essay = (
        '---\ntitle: "Reading *Middlemarch* in the [Margins](https://example.org/m)"\n'
        "subtitle: Notes on *Daniel Deronda*\nauthor: Ann Roe\n---\n\nThe text.\n"
    )
    page = build(tmp_path, essay, "title: Corpus\n")
    link = '<a href="https://example.org/m" rel="external">Margins</a>'
    assert f"<h1>Reading <em>Middlemarch</em> in the {link}</h1>" in page
    assert '<p class="subtitle">Notes on <em>Daniel Deronda</em></p>' in page
    assert (
        "<title>Reading Middlemarch in the Margins: Notes on Daniel Deronda · Corpus</title>"
        in page
    )
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    # In the listing the title is a link itself: its own link is left out, its italics kept.
    assert (
        '<h3><a href="essays/margins.html">Reading <em>Middlemarch</em> in the Margins</a></h3>'
        in home
    )
    bib = (tmp_path / "out" / "essays" / "margins.bib").read_text(encoding="utf-8")
    assert "title = {Reading Middlemarch in the Margins}" in bib
    assert "*" not in bib and "](" not in page.split("<body>")[0]
