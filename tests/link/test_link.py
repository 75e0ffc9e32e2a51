"""Citation linking on the seeds and on small corpora of our own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from glossator.cli import main
from glossator.pipeline import plan

ROOT = Path(__file__).resolve().parents[2]
SEED_SLUG = "us-russia-un-syria"

# Every UN resolution and draft resolution the seed essay cites (read from its notes).
UN_DOCUMENTS = {
    9: "https://undocs.org/S/RES/1199%20(1998)",
    15: "https://undocs.org/S/RES/678%20(1990)",
    16: "https://undocs.org/S/RES/781%20(1992)",
    17: "https://undocs.org/S/RES/816%20(1993)",
    18: "https://undocs.org/S/RES/836%20(1993)",
    28: "https://undocs.org/S/RES/1929%20(2010)",
    32: "https://undocs.org/S/2014/189",
    39: "https://undocs.org/S/2016/846",
    42: "https://undocs.org/S/RES/2165%20(2014)",
    51: "https://undocs.org/S/RES/2254%20(2015)",
}


@pytest.fixture(scope="module")
def seed_plan():
    result = plan(ROOT / "content")
    assert [d for d in result.diagnostics if d.severity != "info"] == []
    return result


def seed_notes(result):
    doc = next(d for d in result.linked.documents if d.slug == SEED_SLUG)
    return {n.number: n for n in doc.notes}


def test_every_seed_note_has_its_sources(seed_plan):
    notes = seed_notes(seed_plan)
    assert sorted(notes) == list(range(1, 55))
    assert all(len(n.sources) == 1 for n in notes.values())
    keys = [n.sources[0] for n in notes.values()]
    assert len(set(keys)) == 54  # 54 different works, none merged, none split


def test_un_documents_link_to_their_official_address(seed_plan):
    notes = seed_notes(seed_plan)
    works = seed_plan.linked.works
    assert {n: works[notes[n].sources[0]].url for n in UN_DOCUMENTS} == UN_DOCUMENTS


def test_resolution_keys_and_symbols(seed_plan):
    works = seed_plan.linked.works
    assert works["unsc1998res1199"].fields["un_symbol"] == "S/RES/1199 (1998)"
    assert works["unsc2016draft846"].fields["un_symbol"] == "S/2016/846"
    assert works["unsc2016draft846"].kind == "un-draft-resolution"


def test_body_mentions_link_to_the_cited_document(seed_plan):
    doc = next(d for d in seed_plan.linked.documents if d.slug == SEED_SLUG)
    texts = {p.id: p.text for p in doc.paragraphs()}
    found = {
        (texts[pid][m.start : m.end], m.key)
        for (slug, pid), mentions in seed_plan.linked.mentions.items()
        if slug == SEED_SLUG
        for m in mentions
    }
    assert found == {
        ("Resolution 1199", "unsc1998res1199"),
        ("Resolution 678", "unsc1990res678"),
        ("Draft Resolution 2016/846", "unsc2016draft846"),
        ("Resolution 2254", "unsc2015res2254"),
    }


def test_cited_by_names_document_note_and_paragraph(seed_plan):
    work = seed_plan.linked.works["caporaso1992international"]
    assert [(p.document, p.note, p.paragraph, p.marker) for p in work.cited_by] == [
        (SEED_SLUG, 2, "p5", "fnref2")
    ]


BIB = """@article{caporaso1992international,
  author = {Caporaso, James A.},
  title = {International Relations Theory and Multilateralism: The Search for Foundations},
  journal = {International Organization},
  volume = {46}, number = {3}, pages = {599--632}, year = {1992},
  doi = {10.1017/S0020818300027831}
}
"""

ESSAY_A = """---
title: First Essay
author: Ann Writer
---

Multilateralism has foundations.[^1] It has critics.[^2] Still it holds.[^3]
Paul agrees.[^4] So does a key citation [@caporaso1992international, 601].

[^1]: Caporaso, James A. "International Relations Theory and Multilateralism: The Search for Foundations." International Organization 46, no. 3 (1992): 599-632.
[^2]: Ibid., 610.
[^3]: Caporaso, "International Relations Theory," 601.
[^4]: Paul, T. V. "Soft Balancing in the Age of U.S. Primacy." International Security 30, no. 1 (2005): 46-71.
"""

ESSAY_B = """---
title: Second Essay
---

Balancing is soft.[^1] And harder.[^2]

[^1]: Pape, Robert A. "Soft Balancing against the United States." International Security 30, no. 1 (2005): 7-45.
[^2]: Paul, T. V. "Soft Balancing in the Age of U.S. Primacy." International Security 30, no. 1 (2005): 46-71.
"""


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    content = tmp_path / "content"
    (content / "essays").mkdir(parents=True)
    (content / "essays" / "first.md").write_text(ESSAY_A, encoding="utf-8")
    (content / "essays" / "second.md").write_text(ESSAY_B, encoding="utf-8")
    (content / "references.bib").write_text(BIB, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return content


def notes_of(result, slug):
    doc = next(d for d in result.linked.documents if d.slug == slug)
    return {n.number: n for n in doc.notes}


def test_ibid_short_notes_and_keys_resolve_to_the_same_curated_work(corpus):
    result = plan(corpus)
    assert [d for d in result.diagnostics if d.severity != "info"] == []
    first = notes_of(result, "first")
    assert [first[n].sources for n in (1, 2, 3, 5)] == [["caporaso1992international"]] * 4
    assert result.linked.note_cites[("first", 2)] == [("caporaso1992international", "610")]
    assert result.linked.note_cites[("first", 5)] == [("caporaso1992international", "601")]
    work = result.linked.works["caporaso1992international"]
    assert work.curated and work.url == "https://doi.org/10.1017/S0020818300027831"
    # the note made from [@key] carries the formatted citation, not the key
    assert first[5].text.startswith("James A. Caporaso, “International Relations Theory")
    assert "601" in first[5].text and "@" not in first[5].text


def test_one_work_cited_in_two_documents_is_one_work(corpus):
    result = plan(corpus)
    paul = notes_of(result, "first")[4].sources
    assert paul == notes_of(result, "second")[2].sources
    places = [(p.document, p.note) for p in result.linked.works[paul[0]].cited_by]
    assert places == [("first", 4), ("second", 2)]


def test_two_articles_in_one_journal_issue_stay_two_works(corpus):
    result = plan(corpus)
    second = notes_of(result, "second")
    assert second[1].sources != second[2].sources
    assert second[1].sources == ["pape2005soft"]


def test_unknown_key_is_an_error_with_its_line(corpus):
    path = corpus / "essays" / "first.md"
    path.write_text(ESSAY_A.replace("@caporaso1992international", "@nobody2000"), "utf-8")
    result = plan(corpus)
    errors = [str(d) for d in result.diagnostics if d.severity == "error"]
    assert errors == [
        "content/essays/first.md:7: error: `@nobody2000` is not in content/references.bib; "
        "add an entry with that key or fix the key [cite.unknown-key]"
    ]


def test_cross_references_are_warnings_and_shown_as_written_as_pandoc_does(corpus):
    path = corpus / "essays" / "first.md"
    text = ESSAY_A.replace("@caporaso1992international", "@fig:map; @Sec-intro")
    path.write_text(text, "utf-8")
    result = plan(corpus)
    found = [str(d) for d in result.diagnostics if d.code.startswith("cite.")]
    assert [f.split(": `")[0] for f in found] == [
        "content/essays/first.md:7: warning",
        "content/essays/first.md:7: warning",
    ]
    assert all("[cite.crossref]" in f and "shown as written" in f for f in found)
    assert result.formatted is not None  # the essay still builds


def test_unparseable_note_warns_what_could_not_be_read_and_links_nothing(corpus, capsys):
    path = corpus / "essays" / "second.md"
    path.write_text(ESSAY_B.replace("Pape, Robert A.", "zz 12 //"), "utf-8")
    result = plan(corpus)
    warnings = [d for d in result.diagnostics if d.severity == "warning"]
    assert [(d.path, d.line, d.code) for d in warnings] == [
        ("content/essays/second.md", 7, "citation.unparsed")
    ]
    assert "the text before the quoted title, “zz 12 //”, is not an author's name" in (
        warnings[0].message
    )
    assert "Chicago note form" not in warnings[0].message
    assert notes_of(result, "second")[1].sources == []
    assert all(w.entry_type != "misc" for w in result.linked.works.values())
    before = (corpus / "references.bib").read_bytes()
    assert main(["bib", "--content", str(corpus)]) == 0
    assert b"zz 12" not in (corpus / "references.bib").read_bytes()[len(before) :]


def test_bib_appends_uncurated_works_and_keeps_the_maintainers_bytes(corpus, capsys):
    before = (corpus / "references.bib").read_bytes()
    assert main(["bib", "--content", str(corpus)]) == 0
    after = (corpus / "references.bib").read_bytes()
    assert after.startswith(before)
    assert b"@article{paul2005soft," in after and b"@article{pape2005soft," in after
    assert main(["bib", "--content", str(corpus)]) == 0  # nothing left to add
    assert (corpus / "references.bib").read_bytes() == after
    # the maintainer fixes a title; the notes still find the entry
    edited = after.replace(b"Soft Balancing against the United States", b"Soft Balancing")
    (corpus / "references.bib").write_bytes(edited)
    result = plan(corpus)
    pape = result.linked.works["pape2005soft"]
    assert pape.curated and pape.fields["title"] == "Soft Balancing"
    assert "glossator-fingerprint" not in pape.fields


def test_malformed_bibtex_fails_the_build_and_writes_nothing(corpus, tmp_path, capsys):
    (corpus / "references.bib").write_text(BIB + "\n@article{broken,\n  title = {x\n", "utf-8")
    out = tmp_path / "_site"
    assert main(["build", "--content", str(corpus), "--out", str(out)]) == 1
    assert not out.exists()
    assert "[bib.invalid]" in capsys.readouterr().err


def test_published_sources_and_bibliography(corpus, tmp_path):
    out = tmp_path / "_site"
    assert main(["build", "--content", str(corpus), "--out", str(out)]) == 0
    sources = json.loads((out / "api" / "sources.json").read_text("utf-8"))
    by_key = {s["key"]: s for s in sources}
    caporaso = by_key["caporaso1992international"]
    assert set(caporaso) >= {"key", "type", "fields", "formatted", "url", "cited_by"}
    assert caporaso["type"] == "article"
    assert caporaso["formatted"] == (
        "Caporaso, James A. “International Relations Theory and Multilateralism: The Search "
        "for Foundations.” International Organization 46, no. 3 (1992): 599–632. "
        "https://doi.org/10.1017/S0020818300027831."
    )
    assert {"document": "first", "note": 1, "paragraph": "p1"}.items() <= caporaso["cited_by"][
        0
    ].items()
    csl = json.loads((out / "api" / "sources.csl.json").read_text("utf-8"))
    assert {item["id"] for item in csl} == set(by_key)
    bib = (out / "references.bib").read_text("utf-8")
    assert bib.count("@") == len(by_key) and "glossator-fingerprint" not in bib
    document = json.loads((out / "api" / "documents" / "first.json").read_text("utf-8"))
    assert document["notes"][0]["sources"] == ["caporaso1992international"]
    page = (out / "sources" / "caporaso1992international.html").read_text("utf-8")
    assert 'href="../essays/first.html#fnref1"' in page
    assert "Multilateralism has foundations." in page  # the sentence carrying the marker
    shutil.rmtree(out)


def test_two_unparsed_notes_are_two_warnings_and_no_work(corpus):
    path = corpus / "essays" / "second.md"
    text = ESSAY_B.replace("Pape, Robert A.", "zz 12 //").replace("Paul, T. V.", "qq 34 ##")
    path.write_text(text, "utf-8")
    result = plan(corpus)
    notes = notes_of(result, "second")
    assert (notes[1].sources, notes[2].sources) == ([], [])
    unparsed = [(d.line, d.code) for d in result.diagnostics if d.code == "citation.unparsed"]
    assert unparsed == [(7, "citation.unparsed"), (8, "citation.unparsed")]


def test_a_page_range_and_a_pinpoint_page_are_one_work(corpus):
    (corpus / "references.bib").unlink()
    pinpoint = ESSAY_B.replace("30, no. 1 (2005): 7-45.", "30, no. 1 (2005): 12.")
    (corpus / "essays" / "second.md").write_text(pinpoint, "utf-8")
    (corpus / "essays" / "third.md").write_text(
        ESSAY_B.replace("Second Essay", "Third Essay"), "utf-8"
    )
    result = plan(corpus)
    assert notes_of(result, "second")[1].sources == notes_of(result, "third")[1].sources
    work = result.linked.works[notes_of(result, "third")[1].sources[0]]
    assert work.fields["pages"] == "7--45"  # the fuller form of the work is kept
    assert result.linked.note_cites[("second", 1)] == [(work.key, "12")]


def test_keys_do_not_depend_on_which_other_essays_exist(corpus):
    before = {k: w.fields for k, w in plan(corpus).linked.works.items()}
    (corpus / "essays" / "aaa-first-by-name.md").write_text(
        ESSAY_B.replace("Second Essay", "Another"), "utf-8"
    )
    after = {k: w.fields for k, w in plan(corpus).linked.works.items()}
    assert after == before


def test_only_web_addresses_become_external_links(corpus):
    bib = BIB + (
        "@misc{evil, title = {Bee}, year = {2002}, url = {javascript:alert(1)}}\n"
        "@misc{doi, title = {Sea}, year = {2003}, doi = {10.1000/xyz-123}}\n"
    )
    (corpus / "references.bib").write_text(bib, "utf-8")
    essay = ESSAY_B + "\nMore [@evil] and [@doi].\n"
    (corpus / "essays" / "second.md").write_text(essay, "utf-8")
    result = plan(corpus)
    assert result.linked.works["evil"].url is None
    assert result.linked.works["doi"].url == "https://doi.org/10.1000/xyz-123"
