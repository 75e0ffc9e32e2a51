"""The generated HTML, read back with the standard library's parser: footnote links in
both directions, every in-page and cross-page link resolving, and text escaped."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from glossator.cli import main

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
SLUGS = ["russia-stance-on-syria", "us-russia-un-syria"]


class Page(HTMLParser):
    """Ids, links and footnote structure of one HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[tuple[str, str]] = []  # (attribute, value) of href / src
        self.tags: list[str] = []
        self.noterefs: list[tuple[str, str | None]] = []  # (href, id) of `a href="#fnN"`
        self.note_items: dict[str, list[str]] = {}  # li id -> hrefs of its links
        self.text: list[str] = []
        self._open_li: list[str | None] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"])
        for name in ("href", "src"):
            if values.get(name) is not None:
                self.links.append((name, values[name]))
        if tag == "li":
            self._open_li.append(values.get("id"))
            if values.get("id", "").startswith("fn"):
                self.note_items[values["id"]] = []
        if tag == "a" and values.get("href"):
            href = values["href"]
            if href.startswith("#fn") and not href.startswith("#fnref"):
                self.noterefs.append((href, values.get("id")))
            inside = next((i for i in reversed(self._open_li) if i), None)
            if inside in self.note_items:
                self.note_items[inside].append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._open_li:
            self._open_li.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_pages(out: Path) -> dict[str, Page]:
    return {
        p.relative_to(out).as_posix(): Page(p.read_text(encoding="utf-8"))
        for p in sorted(out.rglob("*.html"))
    }


def markers_of(out: Path, slug: str) -> tuple[Counter, list[int]]:
    data = json.loads((out / "api" / "documents" / f"{slug}.json").read_text(encoding="utf-8"))
    markers = Counter(
        marker["note"]
        for section in data["sections"]
        for block in section["blocks"]
        for marker in block.get("markers", [])
    )
    return markers, [note["number"] for note in data["notes"]]


def expected_ref_ids(note: int, count: int) -> list[str]:
    """`fnref3` for the first marker of note 3, then `fnref3-2`, `fnref3-3`, ..."""
    return [f"fnref{note}"] + [f"fnref{note}-{k}" for k in range(2, count + 1)]


def check_footnote_links(out: Path, slug: str) -> None:
    page = html_pages(out)[f"essays/{slug}.html"]
    markers, notes = markers_of(out, slug)

    # one link per marker, to its note, carrying its own back-link target
    assert Counter(href for href, _ in page.noterefs) == Counter(
        {f"#fn{note}": count for note, count in markers.items()}
    )
    expected = sorted(
        (f"#fn{note}", ref)
        for note, count in markers.items()
        for ref in expected_ref_ids(note, count)
    )
    assert sorted(page.noterefs) == expected

    # each note is an item with one back-link per marker that cites it
    assert sorted(page.note_items) == sorted(f"fn{n}" for n in notes)
    for number in notes:
        backlinks = [h for h in page.note_items[f"fn{number}"] if h.startswith("#fnref")]
        assert backlinks == ["#" + r for r in expected_ref_ids(number, markers[number])]


def check_links_resolve(out: Path) -> None:
    pages = html_pages(out)
    assert pages
    for name, page in pages.items():
        duplicates = [i for i, n in Counter(page.ids).items() if n > 1]
        assert duplicates == [], name
        ids = set(page.ids)
        for attribute, value in page.links:
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                continue  # external, or a data: URL
            if not parts.path:
                assert parts.fragment in ids, f"{name}: {attribute}={value!r}"
                continue
            # root-relative links (404.html, served at any depth) start at the site's root
            start = out if parts.path.startswith("/") else (out / name).parent
            target = start / unquote(parts.path).lstrip("/")
            target = target.resolve()
            assert target.is_relative_to(out.resolve()), f"{name}: {value!r} leaves the site"
            assert target.is_file(), f"{name}: {attribute}={value!r} is not in the output"
            if parts.fragment and target.suffix == ".html":
                other = pages[target.relative_to(out.resolve()).as_posix()]
                assert parts.fragment in other.ids, f"{name}: {value!r}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    assert main(["build", "--content", str(CONTENT), "--out", str(out)]) == 0
    return out


def test_the_pdf_seed_has_all_its_markers_linked(site):
    markers, notes = markers_of(site, "us-russia-un-syria")
    assert len(notes) == 54
    assert markers == Counter(dict.fromkeys(range(1, 55), 1))
    page = html_pages(site)["essays/us-russia-un-syria.html"]
    assert ("#fn1", "fnref1") in page.noterefs
    assert page.note_items["fn54"][-1] == "#fnref54"


@pytest.mark.parametrize("slug", SLUGS)
def test_markers_and_notes_link_both_ways(site, slug):
    check_footnote_links(site, slug)


def test_every_link_in_every_page_resolves(site):
    pages = html_pages(site)
    assert {"index.html", *(f"essays/{s}.html" for s in SLUGS)} <= set(pages)
    check_links_resolve(site)


def test_index_links_every_essay(site):
    hrefs = [value for attribute, value in html_pages(site)["index.html"].links]
    for slug in SLUGS:
        assert f"essays/{slug}.html" in hrefs


ESCAPING_ESSAY = """\
---
title: "<script>alert(1)</script> & Other Notes"
author: "Ann <b>Bold</b>"
---

Readers wrote in the margins of their books.[^m] Some wrote whole essays there,
and came back to them later.[^m] Others left only a mark.[^x]

[^m]: A note cited twice from the text.
[^x]: A note on the `<i>` tag & its use.
"""


@pytest.fixture(scope="module")
def escaping_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("escaping")
    essays = root / "content" / "essays"
    essays.mkdir(parents=True)
    (essays / "margins.md").write_text(ESCAPING_ESSAY, encoding="utf-8")
    out = root / "out"
    assert main(["build", "--content", str(root / "content"), "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("page_name", ["index.html", "essays/margins.html"])
def test_title_markup_is_escaped_never_a_tag(escaping_site, page_name):
    html = (escaping_site / page_name).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Other Notes" in html
    # the only scripts are the site's own: JSON-LD data (with `<` escaped) and notes.js
    own = {'<script type="application/ld+json">', '<script src="../static/notes.js" defer>'}
    assert set(re.findall(r"<script\b[^>]*>", html)) <= own
    assert "<script>" not in html
    assert "Ann &lt;b&gt;Bold&lt;/b&gt;" in html
    page = Page(html)
    for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        assert "<" not in data
        assert json.loads(data)["headline"] == "<script>alert(1)</script> & Other Notes"
    assert "b" not in page.tags
    assert "<script>alert(1)</script> & Other Notes" in "".join(page.text)


def test_note_markup_is_escaped(escaping_site):
    html = (escaping_site / "essays" / "margins.html").read_text(encoding="utf-8")
    assert "A note on the <code>&lt;i&gt;</code> tag &amp; its use." in html
    assert "i" not in Page(html).tags


def test_the_export_keeps_the_title_as_written(escaping_site):
    data = json.loads(
        (escaping_site / "api" / "documents" / "margins.json").read_text(encoding="utf-8")
    )
    assert data["title"] == "<script>alert(1)</script> & Other Notes"


def test_a_note_cited_twice_has_two_back_links(escaping_site):
    page = html_pages(escaping_site)["essays/margins.html"]
    assert page.noterefs == [("#fn1", "fnref1"), ("#fn1", "fnref1-2"), ("#fn2", "fnref2")]
    assert [h for h in page.note_items["fn1"] if h.startswith("#")] == ["#fnref1", "#fnref1-2"]
    assert [h for h in page.note_items["fn2"] if h.startswith("#")] == ["#fnref2"]
    check_footnote_links(escaping_site, "margins")
    check_links_resolve(escaping_site)


def test_the_link_check_catches_broken_links(tmp_path):
    """The checker itself: a dangling anchor and a missing page are both caught."""
    (tmp_path / "index.html").write_text('<a href="#top">up</a><p id="top"></p>')
    check_links_resolve(tmp_path)
    (tmp_path / "index.html").write_text('<a href="#nowhere">up</a>')
    with pytest.raises(AssertionError):
        check_links_resolve(tmp_path)
    (tmp_path / "index.html").write_text('<a href="essays/gone.html">gone</a>')
    with pytest.raises(AssertionError):
        check_links_resolve(tmp_path)
