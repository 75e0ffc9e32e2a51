"""The web-text reader: expectations written from reading the sources with `cat -A`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from glossator.ingest.source import Source
from glossator.ingest.web_text import read_web_text
from glossator.model import document_to_json

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "content" / "essays" / "russia-stance-on-syria.txt"
SCHEMA = json.loads((ROOT / "src" / "glossator" / "model" / "document.schema.json").read_text())


def read(text: str, path: str = "post.txt"):
    return read_web_text(Source("post", path, text))


@pytest.fixture(scope="module")
def seed():
    text = SEED.read_text(encoding="utf-8")
    return read_web_text(Source("russia-stance-on-syria", "russia-stance-on-syria.txt", text))


def test_seed_metadata(seed):
    doc, diags = seed
    assert diags == []
    assert doc.format == "web-text"
    assert doc.slug == "russia-stance-on-syria"
    meta = doc.meta
    assert meta.publication == "Foreign Policy Blogs"
    assert meta.title == "Unlikely Change in Russia\u2019s Stance on Syria"
    assert meta.image_credit == "Al-Jazeera English"
    assert meta.authors == ["Ania Viver"]
    assert meta.date is None
    assert meta.author_bio.startswith(
        "Ania Viver is an editorial/research assistant at She recently graduated"
    )
    assert meta.author_bio.endswith("on international programs.")
    assert doc.notes == []


def test_seed_body(seed):
    doc, _ = seed
    assert len(doc.sections) == 1
    section = doc.sections[0]
    assert (section.id, section.heading, section.line) == ("start", None, 10)
    paragraphs = doc.paragraphs()
    assert len(paragraphs) == 5
    assert [p.id for p in paragraphs] == ["p1", "p2", "p3", "p4", "p5"]
    # Lines 10, 12, 14, 16, 18 of the file hold the body (blank lines between).
    assert [p.line for p in paragraphs] == [10, 12, 14, 16, 18]
    assert paragraphs[0].text.startswith("As Russia vetoed a Western-backed UN resolution")
    assert paragraphs[-1].text.endswith("with its own aspirations and ambitions.")
    assert paragraphs[1].text.startswith("Russia\u2019s talks with the representatives")
    for paragraph in paragraphs:
        assert paragraph.markers == []
        for frame in ("Ania Viver", "Photo Source", "Foreign Policy Blogs", "Unlikely Change"):
            assert frame not in paragraph.text
        assert "\u00a0" not in paragraph.text
        assert "  " not in paragraph.text
        assert paragraph.text == paragraph.text.strip()
    # The source has "Assad.<NBSP> It": one space remains.
    assert "defend Assad. It also seeks" in paragraphs[3].text


def test_seed_validates_against_schema(seed):
    doc, _ = seed
    Draft202012Validator(SCHEMA).validate(document_to_json(doc))


OTHER_POST = """The Policy Desk

Why Ports Matter

Why Ports Matter

Photo credit: Jane Doe / Reuters

Ports move most of the world's trade.

Their politics are local.

Maria de la Cruz

Maria de la Cruz writes about shipping.
"""


def test_another_post_in_the_same_layout():
    doc, diags = read(OTHER_POST)
    assert diags == []
    assert doc.meta.publication == "The Policy Desk"
    assert doc.meta.title == "Why Ports Matter"
    assert doc.meta.image_credit == "Jane Doe / Reuters"
    assert doc.meta.authors == ["Maria de la Cruz"]
    assert doc.meta.author_bio == "Maria de la Cruz writes about shipping."
    assert [(p.text, p.line) for p in doc.paragraphs()] == [
        ("Ports move most of the world's trade.", 9),
        ("Their politics are local.", 11),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Al-Jazeera English",
        "Photo credit: Al-Jazeera English",
        "PHOTO SOURCE: Al-Jazeera English",
        "Image: Al-Jazeera English",
        "image source:   Al-Jazeera English",
        "Photo by Al-Jazeera English",
    ],
)
def test_photo_credit_prefixes(line):
    doc, _ = read(f"Site\nTitle\n{line}\nBody text.\n")
    assert doc.meta.image_credit == "Al-Jazeera English"
    assert [p.text for p in doc.paragraphs()] == ["Body text."]


def test_without_bio_the_last_name_line_is_the_author():
    doc, diags = read("Site\nTitle\nPhoto: X\nFirst paragraph.\nSecond paragraph.\nJohn Smith\n")
    assert diags == []
    assert doc.meta.authors == ["John Smith"]
    assert doc.meta.author_bio is None
    assert [p.text for p in doc.paragraphs()] == ["First paragraph.", "Second paragraph."]


def test_no_author_is_invented():
    doc, diags = read("Site\nTitle\nFirst paragraph.\nThe last paragraph ends here.\n")
    assert diags == []
    assert doc.meta.authors == []
    assert doc.meta.author_bio is None
    assert doc.meta.image_credit is None
    assert [p.text for p in doc.paragraphs()] == [
        "First paragraph.",
        "The last paragraph ends here.",
    ]


def test_title_without_site_name_line():
    doc, _ = read("Only A Title\nOnly A Title\nThe body.\n")
    assert doc.meta.title == "Only A Title"
    assert doc.meta.publication is None
    assert [p.text for p in doc.paragraphs()] == ["The body."]


def test_crlf_and_nbsp_are_normalised():
    doc, _ = read("Site\r\nTitle\u00a0 Here\r\nBody\u00a0 text\tand  more.\r\n")
    assert doc.meta.title == "Title Here"
    assert [p.text for p in doc.paragraphs()] == ["Body text and more."]


def test_empty_source():
    doc, diags = read("  \n\u00a0\n")
    assert [str(d) for d in diags] == [
        "post.txt:1: error: the file is empty; paste the article's text into it, one "
        "paragraph per line [web.empty]"
    ]
    assert doc.sections == []


def test_header_without_body():
    doc, diags = read("Site\n\nTitle\n\nPhoto: Somebody\n")
    assert [(d.line, d.severity, d.code) for d in diags] == [(5, "error", "web.empty")]
    assert doc.meta.title == "Title"
    assert doc.sections == []
