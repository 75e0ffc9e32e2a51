"""The reading site's pages and what they tell researchers' tools: the essay's markup
contract, its citation in Chicago, BibTeX and RIS, Highwire/JSON-LD/OpenGraph, the
Atom feed and the sitemap, the about and 404 pages. No browser needed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from glossator.cli import main
from glossator.config import SiteConfig, parse_site_config
from glossator.model import Document, Metadata, Paragraph, Section
from glossator.render import cite_this as cite_formats
from glossator.render.feeds import FeedEntry, atom_feed, sitemap
from glossator.render.head import excerpt, json_for_script

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
PAPER = "essays/us-russia-un-syria.html"
BLOG = "essays/russia-stance-on-syria.html"
ATOM = "{http://www.w3.org/2005/Atom}"


def doc(**meta) -> Document:
    text = " ".join(f"word{i}" for i in range(60))
    return Document(
        "an-essay",
        meta.pop("format", "markdown"),
        Metadata(**meta),
        [Section("start", None, [Paragraph("p1", text)])],
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pages") / "out"
    assert main(["build", "--content", str(CONTENT), "--out", str(out)]) == 0
    return out


def read(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


# --- citing an essay -----------------------------------------------------------------


def test_chicago_without_authors_starts_with_the_title():
    d = doc(title="Why Footnotes?", date="2016-12")
    assert cite_formats.chicago(d, None) == "“Why Footnotes?” December 2016."
    # published by the corpus: its title names the website
    assert cite_formats.chicago(d, None, "Notes on Notes") == (
        "“Why Footnotes?” Notes on Notes, December 2016."
    )
    d = doc(title="Why Footnotes?", date="2016-12", publication="The Margin")
    assert cite_formats.chicago(d, None, "Notes on Notes") == (
        "“Why Footnotes?” The Margin, December 2016."
    )


def test_chicago_inverts_the_first_author_only():
    d = doc(
        title="On Margins",
        authors=["Ann Smith", "Tom Brown"],
        date="2024-05-03",
        publication="Journal of Marginalia",
    )
    assert cite_formats.chicago(d, "https://x.org/essays/an-essay.html") == (
        "Smith, Ann, and Tom Brown. “On Margins.” Journal of Marginalia, May 3, 2024. "
        "https://x.org/essays/an-essay.html."
    )


def test_bibtex_and_ris_invent_nothing():
    d = doc(title="On Margins")
    bib = cite_formats.bibtex(d, None)
    assert bib.startswith("@misc{an-essay,")
    assert "author" not in bib and "year" not in bib and "url" not in bib
    ris = cite_formats.ris(d, None, newline="\r\n")
    assert ris == "TY  - GEN\r\nTI  - On Margins\r\nER  - \r\n"


def test_ris_and_bibtex_of_a_paper_in_a_journal():
    d = doc(title="T", authors=["Ann Smith"], date="2016-12", publication="J", format="pdf-text")
    assert "@article{an-essay," in cite_formats.bibtex(d, "u")
    assert "journal = {J}" in cite_formats.bibtex(d, "u")
    lines = cite_formats.ris(d, "u").splitlines()
    assert lines[:3] == ["TY  - JOUR", "AU  - Smith, Ann", "TI  - T"]
    assert "DA  - 2016/12//" in lines and "UR  - u" in lines


# --- page metadata -------------------------------------------------------------------


def test_json_for_script_cannot_close_its_element():
    text = str(json_for_script({"name": "</script><!-- & \u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!-- & \u2028"}


def test_the_excerpt_is_the_first_forty_words():
    assert excerpt(doc(title="t")) == " ".join(f"word{i}" for i in range(40)) + "…"


def test_highwire_tags_of_the_paper(site):
    html = read(site, PAPER)
    tags = re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html)
    names = [n for n, _ in tags]
    assert ("citation_publication_date", "2016/12") in tags
    assert "citation_author" not in names  # the paper names no author: none invented
    # the works cited are not repeated as citation_reference: JSON-LD lists them
    assert "citation_reference" not in names
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    notes = json.loads(read(site, "api/documents/us-russia-un-syria.json"))["notes"]
    cited = {key for note in notes for key in note["sources"]}
    assert len(json.loads(data)["citation"]) == len(cited) > 40
    assert '<link rel="canonical" href="https://glossator.example.org/' + PAPER + '">' in html


@pytest.mark.parametrize(("page", "kind"), [(PAPER, "ScholarlyArticle"), (BLOG, "BlogPosting")])
def test_json_ld_type_and_citations(site, page, kind):
    html = read(site, page)
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ld = json.loads(data)
    assert ld["@type"] == kind
    if page == PAPER:
        works = [c for c in ld["citation"] if isinstance(c, dict)]
        names = [c for c in ld["citation"] if isinstance(c, str)]
        assert works and all(c["@type"] == "CreativeWork" and c["name"] for c in works)
        assert all(c["url"].startswith("https://") for c in works)
        assert any(c["url"].startswith("https://undocs.org/") for c in works)
        assert names and all(names)
        assert "National Security Strategy 1998" in names
    else:
        assert ld["author"] == [{"@type": "Person", "name": "Ania Viver"}]
    assert 'property="og:title"' in html


# --- the essay's markup contract -------------------------------------------------------


def test_the_essay_markup_contract(site):
    html = read(site, PAPER)
    assert re.search(r'<nav class="toc" aria-labelledby="toc-h">', html)
    assert '<a href="#introduction">Introduction</a>' in html
    paragraphs = re.findall(r'<p id="(p\d+)">', html)
    assert paragraphs and all(
        f'<a class="permalink" href="#{p}" aria-label="Permalink to paragraph {p[1:]}">' in html
        for p in paragraphs
    )
    assert (
        '<sup><a class="noteref" href="#fn1" id="fnref1" role="doc-noteref">1</a></sup>'
        '<span class="sidenote"><span aria-hidden="true"><sup>1</sup> ' in html
    )
    assert '<li id="fn54">' in html
    assert (
        '<div id="note-popover" class="note-popover" popover="manual" role="dialog" '
        'aria-label="Note" hidden>' in html
    )
    assert html.count('class="copy-button"') == 3 and 'data-copy="cite-bibtex" hidden' in html
    assert "Image not included." in html and html.count("<figure ") == 4


def test_each_citation_format_is_downloadable(site):
    html = read(site, BLOG)
    for ext in ("txt", "bib", "ris"):
        assert f'href="russia-stance-on-syria.{ext}" download' in html
        assert (site / "essays" / f"russia-stance-on-syria.{ext}").is_file()
    assert read(site, "essays/russia-stance-on-syria.txt") == (
        "Viver, Ania. “Unlikely Change in Russia’s Stance on Syria.” Foreign Policy Blogs, "
        "July 2012. https://glossator.example.org/essays/russia-stance-on-syria.html.\n"
    )
    assert (site / "essays" / "russia-stance-on-syria.ris").read_bytes().endswith(b"ER  - \r\n")


def test_editor_supplied_fields_are_marked_and_explained(site):
    html = read(site, PAPER)
    assert html.count('class="editorial-mark"') == 2  # title and date
    assert "Supplied by the editor: the title and date are not stated" in html


# --- other pages, feed and sitemap ---------------------------------------------------


def test_every_page_has_the_site_nav(site):
    for name in ("index.html", "about.html", "bibliography.html", PAPER, "404.html"):
        nav = re.search(
            r'<nav class="site-nav" aria-label="Site">(.*?)</nav>', read(site, name), re.S
        )
        assert nav, name
        labels = re.findall(r">([A-Za-z]+)</a>", nav.group(1))
        assert labels == ["Home", "Bibliography", "Search", "About"], name


def test_the_404_page_links_from_the_root(site):
    html = read(site, "404.html")
    assert 'href="/static/style.css"' in html and 'href="/index.html"' in html
    assert "canonical" not in html


def test_the_home_page_lists_excerpts_and_counts(site):
    html = read(site, "index.html")
    assert "The civil war in Syria has been a battleground" in html
    assert "54 notes · 54 cited works" in html


def test_the_feed_and_the_sitemap(site):
    feed = ElementTree.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2016-12-01T00:00:00Z",
        "2012-07-01T00:00:00Z",
    ]
    assert feed.findtext(f"{ATOM}updated") == "2016-12-01T00:00:00Z"
    urls = [u.text for u in ElementTree.parse(site / "sitemap.xml").getroot().iter() if u.text]
    assert "https://glossator.example.org/" + PAPER in [u.strip() for u in urls]
    assert '<link rel="alternate" type="application/atom+xml"' in read(site, "index.html")


def test_without_base_url_no_sitemap_and_feed_ids_are_stable():
    site = SiteConfig(title="Corpus")
    assert sitemap(site, ["index.html"]) is None
    entry = FeedEntry("a", "A", (), None, "")
    first, second = atom_feed(site, [entry]), atom_feed(site, [entry])
    assert first == second
    root = ElementTree.fromstring(first)
    assert root.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert root.find(f"{ATOM}entry/{ATOM}link").get("href") == "essays/a.html"
    assert root.findtext(f"{ATOM}entry/{ATOM}updated") == "1970-01-01T00:00:00Z"


def test_site_yaml_takes_an_author_and_about_text():
    config, problems = parse_site_config("author: Jane\nabout: |\n  One.\n\n  Two.\n", "s.yaml")
    assert problems == []
    assert config.author == "Jane" and "One." in config.about


def test_two_builds_are_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    assert main(["build", "--content", str(CONTENT), "--out", str(again)]) == 0
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    for name in names:
        assert (site / name).read_bytes() == (again / name).read_bytes(), name
