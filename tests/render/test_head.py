"""What an essay tells machines from the new metadata (issue 9): the abstract as the
description, `citation_abstract`, JSON-LD `abstract` and the feed's summary; keywords;
the document's language; the subtitle in the title. Expectations written by hand."""

from __future__ import annotations

import json
from xml.etree import ElementTree

from glossator.config import SiteConfig
from glossator.model import BlockQuote, Document, Metadata, Paragraph, Section
from glossator.model.inline import Emph, Link, Text
from glossator.render.feeds import FeedEntry, atom_feed, feed_entry
from glossator.render.head import (
    abstract_text,
    document_language,
    excerpt,
    full_title,
    highwire_tags,
    json_ld,
    opengraph_tags,
)

ATOM = "{http://www.w3.org/2005/Atom}"
BODY = " ".join(f"body{i}" for i in range(50))


def essay(**meta) -> Document:
    return Document(
        "an-essay",
        meta.pop("format", "markdown"),
        Metadata(**{"title": "On Margins", **meta}),
        [Section("start", None, [Paragraph("p1", BODY)])],
    )


ABSTRACT = [
    Paragraph("", content=(Text("Notes "), Emph((Text("matter"),)), Text(" here."))),
    BlockQuote([Paragraph("", content=(Text("See "), Link("https://x.org", (Text("this"),))))]),
]
RICH = dict(
    subtitle="A History of Notes",
    authors=["Ann Smith"],
    date="2024-05-03",
    abstract=ABSTRACT,
    keywords=["footnotes", "history of the book"],
    lang="fr-CA",
)


def test_the_abstract_as_plain_text():
    assert abstract_text(essay(**RICH)) == "Notes matter here. See this"
    assert abstract_text(essay()) == ""


def test_the_excerpt_is_the_abstract_when_there_is_one():
    assert excerpt(essay(**RICH)) == "Notes matter here. See this"
    assert excerpt(essay(**RICH), 2) == "Notes matter…"
    assert excerpt(essay()) == " ".join(f"body{i}" for i in range(40)) + "…"


def test_the_title_with_its_subtitle():
    assert full_title(essay(**RICH)) == "On Margins: A History of Notes"
    assert full_title(essay(title="Why Notes?", subtitle="A History")) == "Why Notes? A History"
    assert full_title(essay()) == "On Margins"


def test_the_language_is_the_documents_own():
    assert document_language(essay(**RICH), "en") == "fr-CA"
    assert document_language(essay(), "en") == "en"


def test_highwire_tags_with_abstract_keywords_and_language():
    tags = highwire_tags(essay(**RICH), "https://x.org/essays/an-essay.html", "en")
    assert tags == [
        ("citation_title", "On Margins: A History of Notes"),
        ("citation_author", "Ann Smith"),
        ("citation_publication_date", "2024/05/03"),
        ("citation_abstract", "Notes matter here. See this"),
        ("citation_keywords", "footnotes"),
        ("citation_keywords", "history of the book"),
        ("citation_language", "fr-CA"),
        ("citation_fulltext_html_url", "https://x.org/essays/an-essay.html"),
    ]


def test_highwire_tags_without_the_new_metadata_are_as_before():
    assert highwire_tags(essay(), None, "en") == [
        ("citation_title", "On Margins"),
        ("citation_language", "en"),
    ]


def test_json_ld_with_abstract_keywords_and_language():
    data = json.loads(str(json_ld(essay(**RICH), [], {}, None, "en")))
    assert data == {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": "On Margins: A History of Notes",
        "alternativeHeadline": "A History of Notes",
        "abstract": "Notes matter here. See this",
        "keywords": ["footnotes", "history of the book"],
        "author": [{"@type": "Person", "name": "Ann Smith"}],
        "datePublished": "2024-05-03",
        "inLanguage": "fr-CA",
    }
    plain = json.loads(str(json_ld(essay(), [], {}, None, "en")))
    assert "abstract" not in plain and "keywords" not in plain and plain["inLanguage"] == "en"


def test_opengraph_with_subtitle_and_locale():
    tags = opengraph_tags(essay(**RICH), "Site", excerpt(essay(**RICH)), None)
    assert tags == [
        ("og:type", "article"),
        ("og:title", "On Margins: A History of Notes"),
        ("og:description", "Notes matter here. See this"),
        ("og:site_name", "Site"),
        ("og:locale", "fr_CA"),
        ("article:published_time", "2024-05-03"),
    ]


def test_the_feed_summary_is_the_whole_abstract():
    long_abstract = [Paragraph("", " ".join(f"w{i}" for i in range(60)))]
    entry = feed_entry(essay(**{**RICH, "abstract": long_abstract}))
    assert entry == FeedEntry(
        "an-essay",
        "On Margins: A History of Notes",
        ("Ann Smith",),
        "2024-05-03",
        " ".join(f"w{i}" for i in range(60)),
    )
    assert feed_entry(essay()).summary == " ".join(f"body{i}" for i in range(40)) + "…"
    feed = ElementTree.fromstring(atom_feed(SiteConfig(title="S"), [feed_entry(essay(**RICH))]))
    (summary,) = feed.iter(f"{ATOM}summary")
    assert summary.text == "Notes matter here. See this"
