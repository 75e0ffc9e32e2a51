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
