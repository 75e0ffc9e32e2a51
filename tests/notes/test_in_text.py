"""Citations in running text under an author-date style stay in the text.

Expected text written from APA's rules (7th ed.): "(Author, year, p. x)" in
parentheses, "Author (year)" for a citation naming the author in the sentence.
"""

from __future__ import annotations

import json
from pathlib import Path

from glossator.cli import main

ESSAY = """---
title: Margins
---

Footnotes have a history [@grafton1997, 45]. @grafton1997 [50] says so.
Readers answer back.[^own]

[^own]: A note of the author's own.
"""
REFS = """@book{grafton1997,
  author = {Grafton, Anthony},
  title = {The Footnote: A Curious History},
  publisher = {Harvard University Press},
  year = {1997},
}
"""


def build(tmp_path: Path, style: str) -> dict:
    content = tmp_path / "content"
    (content / "essays").mkdir(parents=True)
    (content / "essays" / "margins.md").write_text(ESSAY, encoding="utf-8")
    (content / "references.bib").write_text(REFS, encoding="utf-8")
    (content / "site.yaml").write_text(f"citation_style: {style}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--content", str(content), "--out", str(out), "--strict"]) == 0
    return json.loads((out / "api" / "documents" / "margins.json").read_text())


def test_an_author_date_style_keeps_citations_in_the_text(tmp_path):
    doc = build(tmp_path, "apa")
    (paragraph,) = [b for s in doc["sections"] for b in s["blocks"]]
    assert paragraph["text"] == (
        "Footnotes have a history (Grafton, 1997, p. 45). Grafton (1997, p. 50) says so. "
        "Readers answer back."
    )
    assert [(n["number"], n["text"]) for n in doc["notes"]] == [(1, "A note of the author’s own.")]
    assert paragraph["markers"] == [{"note": 1, "offset": len(paragraph["text"])}]
    sources = json.loads((tmp_path / "out" / "api" / "sources.json").read_text())
    (work,) = sources
    assert [(p["note"], p["paragraph"], p["locator"]) for p in work["cited_by"]] == [
        (0, "p1", "45"),
        (0, "p1", "50"),
    ]
    page = (tmp_path / "out" / "sources" / "grafton1997.html").read_text(encoding="utf-8")
    assert 'href="../essays/margins.html#p1">Margins, paragraph 1' in page


def test_a_note_style_sets_the_same_citations_in_notes(tmp_path):
    doc = build(tmp_path, "chicago-notes-bibliography")
    (paragraph,) = [b for s in doc["sections"] for b in s["blocks"]]
    assert paragraph["text"] == ("Footnotes have a history. Grafton says so. Readers answer back.")
    assert [n["text"] for n in doc["notes"]] == [
        "Anthony Grafton, The Footnote: A Curious History (Harvard University Press, 1997), 45.",
        "The Footnote, 50.",
        "A note of the author’s own.",
    ]
