"""The web-text reader on page frames it was not written against (see web_frames.py):
five frames from the shapes of real blogs and news sites, each part on or off, filled
with bodies of our own sentences, some of which begin like frame lines."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from web_frames import pages

from glossator.ingest.source import Source
from glossator.ingest.web_text import read_web_text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=pages())
def test_every_frame_keeps_the_whole_body_and_only_the_body(page):
    document, diagnostics = read_web_text(Source("page", "page.txt", page.text))
    assert diagnostics == []
    assert [p.text for p in document.paragraphs()] == page.body, page.text
    meta = document.meta
    assert meta.title == page.title
    assert meta.publication == page.publication
    assert meta.authors == page.authors
    assert meta.image_credit == page.credit
    assert meta.author_bio == page.bio


NEWSPAPER = """Valley Courier
History | Archives
Why the Glacier Survey Still Matters
Surveyors returned to the same stakes every winter for forty years.
By Kwame Mensah and Ines Almeida
Published Tue 14 May 2019 06.00 BST
The survey hut in the winter of 1962. Photograph: T. Lind
By 1990, the cooperative had bought the last of the private mills.
Advertisement
Comments in the margins show who read the ledger, and when.
Related: Letters From the Ice
What did the records leave out?
Topics
Glaciers
12 comments
Most popular
"""


def test_a_newspaper_frame_read_line_by_line():
    document, diagnostics = read_web_text(Source("page", "page.txt", NEWSPAPER))
    assert diagnostics == []
    meta = document.meta
    assert (meta.publication, meta.title) == ("Valley Courier", NEWSPAPER.splitlines()[2])
    assert meta.subtitle == "Surveyors returned to the same stakes every winter for forty years."
    assert meta.authors == ["Kwame Mensah", "Ines Almeida"]
    assert meta.image_credit == "T. Lind"
    assert [(p.text, p.line) for p in document.paragraphs()] == [
        ("By 1990, the cooperative had bought the last of the private mills.", 8),
        ("Comments in the margins show who read the ledger, and when.", 10),
        ("What did the records leave out?", 12),
    ]


def test_a_wire_frame_with_its_byline_on_one_line():
    text = (
        "The Quiet Economics of Beekeeping\n"
        "Grace O'Neill | 2021-11-08 | 4 min read\n"
        "Share\nTweet\nEmail\n"
        "Like most archives, this one was saved by accident.\n"
        "© 2021 Northern Ledger. All rights reserved.\n"
    )
    document, diagnostics = read_web_text(Source("page", "page.txt", text))
    assert diagnostics == []
    assert document.meta.title == "The Quiet Economics of Beekeeping"
    assert document.meta.publication is None
    assert document.meta.authors == ["Grace O'Neill"]
    assert [p.text for p in document.paragraphs()] == [
        "Like most archives, this one was saved by accident."
    ]


def read_cleanly(text: str):
    """The page's metadata and body paragraphs, read without a diagnostic."""
    document, diagnostics = read_web_text(Source("page", "page.txt", text))
    assert diagnostics == []
    return document.meta, [p.text for p in document.paragraphs()]


def test_a_blogger_frame_with_the_date_above_the_title_and_the_author_below():
    text = (
        "Field Notes Quarterly\n"
        "Sunday, November 25, 2007\n"
        "Letters From the Ice\n"
        "Most of the surviving letters were written in the winter months.\n"
        "What did the records leave out?\n"
        "Posted by Kwame Mensah at 11:52 PM\n"
        "3 comments:\n"
        "Labels: archives, harbours\n"
        "Newer Post Older Post Home\n"
    )
    meta, paragraphs = read_cleanly(text)
    assert (meta.publication, meta.title, meta.authors) == (
        "Field Notes Quarterly",
        "Letters From the Ice",
        ["Kwame Mensah"],
    )
    assert paragraphs == [
        "Most of the surviving letters were written in the winter months.",
        "What did the records leave out?",
    ]


def test_a_medium_frame_with_a_photo_credit_between_paragraphs():
    text = (
        "The Quiet Economics of Beekeeping\n"
        "Ana de la Vega\n"
        "Follow\n"
        "6 min readSep 25, 2022\n"
        "Listen\n"
        "Share\n"
        "Like most archives, this one was saved by accident.\n"
        "Photo by T. Lind on Unsplash\n"
        "The answer, as so often, is the work of women.\n"
        "Written by Ana de la Vega\n"
        "41 Followers\n"
        "More from Ana de la Vega\n"
    )
    meta, paragraphs = read_cleanly(text)
    assert (meta.title, meta.publication, meta.authors, meta.image_credit) == (
        "The Quiet Economics of Beekeeping",
        None,
        ["Ana de la Vega"],
        "T. Lind on Unsplash",
    )
    assert paragraphs == [
        "Like most archives, this one was saved by accident.",
        "The answer, as so often, is the work of women.",
    ]
