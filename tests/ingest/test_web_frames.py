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
