"""One work, one entry: citations of one work in different forms merge, and `check`
lists each merge; different editions and volumes stay apart."""

from __future__ import annotations

import pytest

from glossator.cli import main
from glossator.pipeline import plan

FIRST = """---
title: First
---

Text.[^1] More.[^2] And.[^3]

[^1]: Roy Allison, "Russia and Syria: Explaining Alignment with a Regime in Crisis,"
    International Affairs 89, no. 4 (2013): 795-823.
[^2]: Anthony Grafton, The Footnote: A Curious History (Cambridge, MA: Harvard
    University Press, 1997), 24.
[^3]: E. H. Carr, The Twenty Years' Crisis (London: Macmillan, 1939), 5.
"""

SECOND = """---
title: Second
---

Text.[^1] More.[^2] And.[^3]

[^1]: R. Allison, "Russia and Syria," International Affairs (Royal Institute of
    International Affairs 1944-) 89, no. 4 (2013): 800.
[^2]: A. Grafton, The Footnote (Cambridge, MA: Harvard University Press, 1997), 30.
[^3]: E. H. Carr, The Twenty Years' Crisis, 2nd ed. (London: Macmillan, 1946), 5.
"""


@pytest.fixture
def content(tmp_path, monkeypatch):
    essays = tmp_path / "content" / "essays"
    essays.mkdir(parents=True)
    (essays / "first.md").write_text(FIRST, "utf-8")
    (essays / "second.md").write_text(SECOND, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


def sources(result, slug):
    doc = next(d for d in result.linked.documents if d.slug == slug)
    return [n.sources for n in doc.notes]


def test_variants_of_one_work_are_one_work_and_editions_stay_apart(content):
    result = plan(content)
    first, second = sources(result, "first"), sources(result, "second")
    assert first[0] == second[0]  # journal qualifier, subtitle, initials
    assert first[1] == second[1]  # subtitle, initials
    assert first[2] != second[2]  # first and second editions
    merged = [(d.path, d.line) for d in result.diagnostics if d.code == "bib.merged"]
    assert merged == [("content/essays/second.md", 7), ("content/essays/second.md", 9)]


def test_a_variant_finds_the_curated_entry(content, capsys):
    (content / "references.bib").write_text(
        "@article{allison2013,\n  author = {Allison, Roy},\n"
        "  title = {Russia and Syria: Explaining Alignment with a Regime in Crisis},\n"
        "  journal = {International Affairs (Royal Institute of International Affairs 1944-)},\n"
        "  volume = {89}, number = {4}, pages = {795--823}, year = {2013}\n}\n",
        "utf-8",
    )
    result = plan(content)
    assert sources(result, "first")[0] == sources(result, "second")[0] == ["allison2013"]
    assert main(["check", "--content", str(content), "--verbose"]) == 0  # merges are notes
    out = capsys.readouterr().out
    assert "is merged into the entry `allison2013` of content/references.bib" in out


@pytest.mark.parametrize("order", ["range-cited-first", "full-range-first"])
def test_a_work_cited_by_its_pages_keeps_the_articles_whole_range(tmp_path, monkeypatch, order):
    """A note may give the pages it cites where another gives the article's range
    ("800-801" and "795-823", one form each): the work's pages are the whole range,
    whichever essay comes first."""
    essays = tmp_path / "content" / "essays"
    essays.mkdir(parents=True)
    cited = (
        'Roy Allison, "Russia and Syria: Explaining Alignment with a Regime in Crisis," '
        "International Affairs 89, no. 4 (2013): {}."
    )
    ranges = ["800-801", "795-823"] if order == "range-cited-first" else ["795-823", "800-801"]
    for slug, pages in zip(("a", "b"), ranges, strict=True):
        essay = f"---\ntitle: {slug}\n---\n\nText.[^1]\n\n[^1]: {cited.format(pages)}\n"
        (essays / f"{slug}.md").write_text(essay, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = plan(tmp_path / "content")
    (work,) = result.linked.works.values()
    assert work.fields["pages"] == "795--823"
