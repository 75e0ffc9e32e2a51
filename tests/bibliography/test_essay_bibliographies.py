"""What an essay's front matter adds to the bibliography: its own `.bib` and CSL-JSON
files, `nocite`, and its own `csl` style. Expected notes written from CMOS rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossator.cli import main

ESSAY = """---
title: Margins
bibliography: [sources/refs.bib, sources/more.json]
nocite: "@jackson2001"
{extra}---

Footnotes have a history.[@grafton1997, 45] So do readers' marks.[@blair2004, 90]
"""
REFS = """@book{grafton1997,
  author = {Grafton, Anthony},
  title = {The Footnote: A Curious History},
  publisher = {Harvard University Press},
  address = {Cambridge, MA},
  year = {1997},
}
@book{jackson2001,
  author = {Jackson, H. J.},
  title = {Marginalia: Readers Writing in Books},
  publisher = {Yale University Press},
  address = {New Haven},
  year = {2001},
}
"""
MORE = [
    {
        "id": "blair2004",
        "type": "article-journal",
        "author": [{"family": "Blair", "given": "Ann"}],
        "title": "Note Taking as an Art of Transmission",
        "container-title": "Critical Inquiry",
        "volume": "31",
        "issue": "1",
        "page": "85-107",
        "issued": {"date-parts": [[2004]]},
    }
]


def site(tmp_path: Path, extra: str = "", curated: str = "") -> Path:
    content = tmp_path / "content"
    (content / "essays" / "sources").mkdir(parents=True)
    (content / "essays" / "margins.md").write_text(ESSAY.format(extra=extra), encoding="utf-8")
    (content / "essays" / "sources" / "refs.bib").write_text(REFS, encoding="utf-8")
    (content / "essays" / "sources" / "more.json").write_text(json.dumps(MORE), "utf-8")
    if curated:
        (content / "references.bib").write_text(curated, encoding="utf-8")
    return content


def build(content: Path, *extra: str) -> int:
    return main(["build", "--content", str(content), "--out", str(content.parent / "out"), *extra])


def notes(content: Path) -> list[str]:
    data = json.loads((content.parent / "out" / "api" / "documents" / "margins.json").read_text())
    return [n["text"] for n in data["notes"]]


def test_works_come_from_the_essays_bib_and_csl_json_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = site(tmp_path)
    assert build(content, "--strict") == 0
    assert notes(content) == [
        "Anthony Grafton, The Footnote: A Curious History (Harvard University Press, 1997), 45.",
        "Ann Blair, “Note Taking as an Art of Transmission,” Critical Inquiry 31, no. 1 "
        "(2004): 90.",
    ]
    out = content.parent / "out"
    for key in ("grafton1997", "blair2004", "jackson2001"):
        assert (out / "sources" / f"{key}.html").is_file()
    bibliography = (out / "bibliography.html").read_text(encoding="utf-8")
    assert "Jackson, H. J. <i>Marginalia: Readers Writing in Books</i>" in bibliography
    assert "listed, not cited" in bibliography  # nocite: listed, cited nowhere


def test_the_curated_bibliography_wins_over_an_essays_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    curated = REFS.split("@book{jackson2001")[0].replace("Cambridge, MA", "Cambridge")
    content = site(
        tmp_path, curated=curated.replace("The Footnote: A Curious", "The Footnote: A Short")
    )
    assert build(content) == 0
    assert notes(content)[0].startswith("Anthony Grafton, The Footnote: A Short History")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "bibliography: gone.bib\n",
            "content/essays/margins.md:3: error: bibliography `gone.bib` not found at "
            "content/essays/gone.bib; add it or fix the name [bib.essay-file]",
        ),
        (
            "bibliography: ../../elsewhere.bib\n",
            "content/essays/margins.md:3: error: bibliography `../../elsewhere.bib` is "
            "outside content/; move it into content/ [bib.essay-file]",
        ),
        (
            "csl: no-such-style\n",
            "content/essays/margins.md:5: error: unknown citation style 'no-such-style'",
        ),
    ],
)
def test_a_bad_bibliography_or_style_is_an_error_at_the_essay(
    tmp_path, monkeypatch, capsys, extra, message
):
    monkeypatch.chdir(tmp_path)
    content = site(tmp_path)
    text = (content / "essays" / "margins.md").read_text(encoding="utf-8")
    if extra.startswith("bibliography"):
        text = text.replace("bibliography: [sources/refs.bib, sources/more.json]\n", extra)
        text = text.replace("So do readers' marks.[@blair2004, 90]", "")
        text = text.replace("[@grafton1997, 45]", "")
    else:
        text = text.replace("---\n\n", extra + "---\n\n", 1)
    (content / "essays" / "margins.md").write_text(text, encoding="utf-8")
    assert build(content) == 1
    assert message in capsys.readouterr().err


def test_an_essay_may_format_its_notes_in_its_own_style(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = site(tmp_path, extra="csl: chicago-notes-bibliography-17th-edition\n")
    assert build(content, "--strict") == 0
    assert notes(content)[0] == (
        "Anthony Grafton, The Footnote: A Curious History (Cambridge, MA: Harvard "
        "University Press, 1997), 45."
    )


def test_nocite_with_an_unknown_key_is_a_warning(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    content = site(tmp_path)
    essay = content / "essays" / "margins.md"
    essay.write_text(essay.read_text().replace('"@jackson2001"', '"@nobody, @*"'), "utf-8")
    assert build(content) == 0
    err = capsys.readouterr().err
    assert "content/essays/margins.md:4: warning: `nocite` names `@nobody`" in err
    bibliography = (content.parent / "out" / "bibliography.html").read_text(encoding="utf-8")
    assert "Marginalia" in bibliography  # @*: every entry


def test_an_unknown_key_is_said_missing_from_every_file_the_essay_reads(
    tmp_path, monkeypatch, capsys
):
    """An essay with its own files: the error names them with the curated one, since an
    entry added to any of them makes the key known."""
    monkeypatch.chdir(tmp_path)
    content = site(tmp_path)
    essay = content / "essays" / "margins.md"
    essay.write_text(essay.read_text("utf-8").replace("@blair2004", "@blair2040"), "utf-8")
    capsys.readouterr()
    assert build(content) == 1
    assert (
        "content/essays/margins.md:7: error: `@blair2040` is not in content/references.bib, "
        "content/essays/sources/refs.bib or content/essays/sources/more.json; add an entry "
        "with that key or fix the key (did you mean `@blair2004`?) [cite.unknown-key]"
    ) in capsys.readouterr().err.splitlines()


def test_a_refs_div_lists_the_essays_works_where_it_stands(tmp_path, monkeypatch):
    """Pandoc's and Quarto's `::: {#refs}`: the works the essay cites and the one its
    `nocite` names, each its bibliography entry (in the bibliography's order) leading
    to its source page, in the section the author put it in."""
    monkeypatch.chdir(tmp_path)
    content = site(tmp_path)
    essay = content / "essays" / "margins.md"
    essay.write_text(essay.read_text("utf-8") + "\n# References\n\n::: {#refs}\n:::\n", "utf-8")
    assert build(content, "--strict") == 0
    out = content.parent / "out"
    page = (out / "essays" / "margins.html").read_text(encoding="utf-8")
    section = page[page.index('href="#references">References</a></h2>') :]
    section = section[: section.index("</section>")]
    listed = section[section.index('<ul class="bibliography works-cited">') :]
    assert listed == (
        '<ul class="bibliography works-cited">\n'
        '<li><a href="../sources/blair2004.html">Blair, Ann. “Note Taking as an Art of '
        "Transmission.” <i>Critical Inquiry</i> 31, no. 1 (2004): 85–107.</a></li>\n"
        # CMOS 18 (the style's edition) gives no place of publication, as in the notes
        '<li><a href="../sources/grafton1997.html">Grafton, Anthony. <i>The Footnote: A '
        "Curious History</i>. Harvard University Press, 1997.</a></li>\n"
        '<li><a href="../sources/jackson2001.html">Jackson, H. J. <i>Marginalia: Readers '
        "Writing in Books</i>. Yale University Press, 2001.</a></li>\n"
        "</ul>\n"
    )
    for key in ("blair2004", "grafton1997", "jackson2001"):
        assert (out / "sources" / f"{key}.html").is_file()
    data = json.loads((out / "api" / "documents" / "margins.json").read_text("utf-8"))
    blocks = [b for s in data["sections"] for b in s["blocks"]]
    assert {"type": "works-cited", "text": ""} in blocks


def test_the_works_cited_are_in_the_bibliographys_order_not_their_keys(tmp_path, monkeypatch):
    """Blair's entry before Grafton's, though her key sorts after his."""
    monkeypatch.chdir(tmp_path)
    content = site(tmp_path)
    essay = content / "essays" / "margins.md"
    text = essay.read_text("utf-8").replace("@blair2004", "@zblair")
    essay.write_text(text + "\n# References\n\n::: {#refs}\n:::\n", "utf-8")
    more = content / "essays" / "sources" / "more.json"
    more.write_text(more.read_text("utf-8").replace('"blair2004"', '"zblair"'), "utf-8")
    assert build(content, "--strict") == 0
    page = (content.parent / "out" / "essays" / "margins.html").read_text(encoding="utf-8")
    listed = page[page.index('<ul class="bibliography works-cited">') :]
    listed = listed[: listed.index("</ul>")]
    assert listed.index("sources/zblair.html") < listed.index("sources/grafton1997.html")
    bibliography = (content.parent / "out" / "bibliography.html").read_text(encoding="utf-8")
    assert bibliography.index('id="zblair"') < bibliography.index('id="grafton1997"')


def test_nocite_star_lists_every_curated_work_with_those_cited(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    curated = REFS.replace("grafton1997", "curated1997").replace("jackson2001", "curated2001")
    content = site(tmp_path, extra="", curated=curated)
    essay = content / "essays" / "margins.md"
    text = essay.read_text("utf-8").replace('nocite: "@jackson2001"', "nocite: '@*'")
    essay.write_text(text + "\n# References\n\n::: {#refs}\n:::\n", "utf-8")
    assert build(content) == 0
    page = (content.parent / "out" / "essays" / "margins.html").read_text(encoding="utf-8")
    listed = page[page.index('<ul class="bibliography works-cited">') :]
    listed = listed[: listed.index("</ul>")]
    found = [part.split(".html", 1)[0] for part in listed.split("../sources/")[1:]]
    assert found == ["blair2004", "curated1997", "grafton1997", "curated2001", "jackson2001"]
