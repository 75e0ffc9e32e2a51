"""`glossator format` drives the site's engine: entries for items composed here, each
expected entry written by hand from the style's manual (CMOS 18 for
chicago-notes-bibliography, APA 7, MLA 9), not copied from output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossator.cli import main

PEN = {
    "id": "okafor-pen",
    "type": "book",
    "title": "The Pen and the Margin",
    "author": [{"family": "Okafor", "given": "Adaeze"}],
    "publisher": "Northfield University Press",
    "issued": {"date-parts": [[2011]]},
}
# Editor and translator the same person: "ed. and trans." (CMOS 14.6), one name.
LETTERS = {
    "id": "varga",
    "type": "book",
    "title": "Letters from the Archive",
    "author": [{"family": "Varga", "given": "Ilona"}],
    "editor": [{"family": "Lind", "given": "Tomas"}],
    "translator": [{"family": "Lind", "given": "Tomas"}],
    "publisher": "Harbor Books",
    "issued": {"date-parts": [[1999]]},
}
# Markup and straight quotes in the input title, as Zotero exports them.
READING = {
    "id": "hale",
    "type": "article-journal",
    "title": 'Reading <i>Moby-Dick</i> in the "Margins"',
    "author": [{"family": "Hale", "given": "Simon"}],
    "container-title": "Journal of Marginalia",
    "volume": "4",
    "issue": "2",
    "page": "101-119",
    "issued": {"date-parts": [[2015]]},
}


def _format(tmp_path: Path, capsys, items, *args: str) -> tuple[int, list[str], str]:
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    code = main(["format", "--items", str(path), *args])
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


CHICAGO_BIBLIOGRAPHY_HTML = [
    "Hale, Simon. “Reading <i>Moby-Dick</i> in the ‘Margins.’” <i>Journal of Marginalia</i> "
    "4, no. 2 (2015): 101–19.",
    "Okafor, Adaeze. <i>The Pen and the Margin</i>. Northfield University Press, 2011.",
    "Varga, Ilona. <i>Letters from the Archive</i>. Edited and translated by Tomas Lind. "
    "Harbor Books, 1999.",
]


def test_chicago_bibliography_sorted_with_markup_quotes_and_editor_translator(tmp_path, capsys):
    code, lines, _ = _format(
        tmp_path,
        capsys,
        [PEN, LETTERS, READING],
        "--style",
        "chicago-notes-bibliography",
        "--format",
        "html",
    )
    assert code == 0
    assert lines == CHICAGO_BIBLIOGRAPHY_HTML


def test_chicago_bibliography_as_text(tmp_path, capsys):
    code, lines, _ = _format(tmp_path, capsys, [READING], "--style", "chicago-notes-bibliography")
    assert (code, lines) == (
        0,
        [
            "Hale, Simon. “Reading Moby-Dick in the ‘Margins.’” Journal of Marginalia 4, "
            "no. 2 (2015): 101–19."
        ],
    )


@pytest.mark.parametrize(
    ("item", "note"),
    [
        (PEN, "Adaeze Okafor, <i>The Pen and the Margin</i> (Northfield University Press, 2011)."),
        (
            LETTERS,
            "Ilona Varga, <i>Letters from the Archive</i>, ed. and trans. Tomas Lind "
            "(Harbor Books, 1999).",
        ),
        (
            READING,
            "Simon Hale, “Reading <i>Moby-Dick</i> in the ‘Margins,’” <i>Journal of "
            "Marginalia</i> 4, no. 2 (2015): 101–19.",
        ),
    ],
)
def test_chicago_first_notes(tmp_path, capsys, item, note):
    code, lines, _ = _format(
        tmp_path,
        capsys,
        [item],
        "--style",
        "chicago-notes-bibliography",
        "--mode",
        "citation",
        "--format",
        "html",
    )
    assert (code, lines) == (0, [note])


APA_ITEMS = [
    PEN | {"id": "okafor-writing", "title": "Writing in the margin"},
    PEN | {"title": "The pen and the margin"},  # APA titles are entered in sentence case
    READING | {"title": "Reading <i>Moby-Dick</i> in the margins"},
]


def test_apa_bibliography_gives_year_suffixes_in_bibliography_order(tmp_path, capsys):
    code, lines, _ = _format(tmp_path, capsys, APA_ITEMS, "--style", "apa", "--format", "html")
    assert code == 0
    assert lines == [
        "Hale, S. (2015). Reading <i>Moby-Dick</i> in the margins. <i>Journal of "
        "Marginalia</i>, <i>4</i>(2), 101–119.",
        "Okafor, A. (2011a). <i>The pen and the margin</i>. Northfield University Press.",
        "Okafor, A. (2011b). <i>Writing in the margin</i>. Northfield University Press.",
    ]


def test_apa_citation_sorted_by_author_then_suffix(tmp_path, capsys):
    code, lines, _ = _format(tmp_path, capsys, APA_ITEMS, "--style", "apa", "--mode", "citation")
    # APA 7: works by one author are cited with the author named once.
    assert (code, lines) == (0, ["(Hale, 2015; Okafor, 2011a, 2011b)"])


def test_mla_works_cited(tmp_path, capsys):
    code, lines, _ = _format(
        tmp_path,
        capsys,
        [LETTERS, READING],
        "--style",
        "modern-language-association",
        "--format",
        "html",
    )
    assert code == 0
    assert lines == [
        "Hale, Simon. “Reading <i>Moby-Dick</i> in the ‘Margins.’” <i>Journal of "
        "Marginalia</i>, vol. 4, no. 2, 2015, pp. 101–19.",
        "Varga, Ilona. <i>Letters from the Archive</i>. Edited and translated by Tomas Lind, "
        "Harbor Books, 1999.",
    ]


# A style of our own: the title is added only where two works' citations read alike.
DISAMBIGUATING_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test</title><id>test</id><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation>
    <layout delimiter="; ">
      <group delimiter=", ">
        <names variable="author"><name form="short"/></names>
        <choose><if disambiguate="true"><text variable="title" font-style="italic"/></if></choose>
      </group>
    </layout>
  </citation>
</style>
"""


def test_disambiguate_true_holds_only_for_works_that_read_alike(tmp_path, capsys):
    style = tmp_path / "mine.csl"
    style.write_text(DISAMBIGUATING_STYLE, encoding="utf-8")
    items = [PEN, PEN | {"id": "w", "title": "Writing"}, READING]
    code, lines, _ = _format(tmp_path, capsys, items, "--style", str(style), "--mode", "citation")
    assert (code, lines) == (0, ["Okafor, The Pen and the Margin; Okafor, Writing; Hale"])
    code, lines, _ = _format(
        tmp_path, capsys, [PEN, READING], "--style", str(style), "--mode", "citation"
    )
    assert (code, lines) == (0, ["Okafor; Hale"])


def test_notes_only_style_has_no_bibliography(tmp_path, capsys):
    code, lines, err = _format(tmp_path, capsys, [PEN], "--style", "chicago-notes")
    assert (code, lines) == (0, [])
    assert "chicago-notes has no bibliography" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[{", "items.json:1: error: not valid JSON"),
        ("{}", "items.json:1: error: expected a non-empty JSON array"),
        ('[{"title": "x"}]', "items.json:1: error: item 1 is not an object with an `id`"),
        ("[]", "items.json:1: error: expected a non-empty JSON array"),
    ],
)
def test_bad_items_are_diagnostics(tmp_path, capsys, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "items.json").write_text(content, encoding="utf-8")
    code = main(["format", "--style", "apa", "--items", "items.json"])
    out = capsys.readouterr()
    assert code == 1 and out.out == ""
    assert out.err.startswith(message) and out.err.rstrip().endswith("[format.items]")


def test_missing_items_file_and_unknown_style(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["format", "--style", "apa", "--items", "none.json"]) == 1
    assert capsys.readouterr().err.startswith("none.json:0: error: cannot read the items")
    (tmp_path / "items.json").write_text(json.dumps([PEN]), encoding="utf-8")
    assert main(["format", "--style", "no-such-style", "--items", "items.json"]) == 1
    err = capsys.readouterr().err
    assert "unknown citation style 'no-such-style'" in err and "[format.style]" in err
    assert main(["format", "--style", "gone.csl", "--items", "items.json"]) == 1
    assert "citation style file 'gone.csl' not found" in capsys.readouterr().err


def test_style_file_that_is_not_csl(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.csl").write_text("<style", encoding="utf-8")
    (tmp_path / "items.json").write_text(json.dumps([PEN]), encoding="utf-8")
    assert main(["format", "--style", "bad.csl", "--items", "items.json"]) == 1
    err = capsys.readouterr().err
    assert "could not be read" in err and "[format.style]" in err


def test_chicago_17_repeats_an_author_as_a_three_em_dash(tmp_path, capsys):
    place = {"publisher": "Northfield University Press", "publisher-place": "Evanston, IL"}
    items = [
        PEN
        | place
        | {"id": "w", "title": "Writing in the Margin", "issued": {"date-parts": [[2014]]}},
        PEN | place,
        PEN
        | {"id": "g", "title": "Glosses", "publisher": "Harbor Books", "publisher-place": "Boston"}
        | {"author": PEN["author"] + [{"family": "Hale", "given": "Simon"}]},
    ]
    style = "chicago-notes-bibliography-17th-edition"
    code, lines, _ = _format(tmp_path, capsys, items, "--style", style)
    # CMOS 17 14.67: the same author(s) again is a 3-em dash; titles in alphabetical order
    # ignoring "The"; a different set of authors is written out.
    assert (code, lines) == (
        0,
        [
            "Okafor, Adaeze. The Pen and the Margin. Evanston, IL: Northfield University "
            "Press, 2011.",
            "———. Writing in the Margin. Evanston, IL: Northfield University Press, 2014.",
            "Okafor, Adaeze, and Simon Hale. Glosses. Boston: Harbor Books, 2011.",
        ],
    )


def test_items_the_engine_cannot_read_are_a_diagnostic(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "items.json").write_text(json.dumps([PEN | {"author": "Okafor"}]), "utf-8")
    assert main(["format", "--style", "apa", "--items", "items.json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("items.json:0: error: the style could not format these items")
    assert err.rstrip().endswith("[format.failed]")


CALL = {
    "id": "call",
    "type": "personal_communication",
    "title": "Telephone conversation with the author",
    "author": [{"family": "Lind", "given": "Tomas"}],
    "issued": {"date-parts": [[2020, 3, 2]]},
}


def test_a_work_the_bibliography_leaves_out_is_a_warning(tmp_path, capsys):
    # Chicago cites personal communications in the text or notes only, never listed.
    code, lines, err = _format(tmp_path, capsys, [PEN, CALL], "--style", "chicago-author-date")
    assert (code, lines) == (0, ["Okafor, Adaeze. 2011. The Pen and the Margin. "
                                 "Northfield University Press."])  # fmt: skip
    assert err == (
        f"{tmp_path / 'items.json'}:0: warning: item 'call' has no entry: chicago-author-date"
        " leaves it out of its bibliography [format.omitted]\n"
    )


NUMBERED = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Numbered</title><id>n</id><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="[" suffix="]"><text variable="title"/></layout></citation>
  <bibliography><layout><choose><if type="book"><group delimiter=" ">
    <text variable="citation-number" suffix="."/><text variable="title"/>
  </group></if></choose></layout></bibliography>
</style>
"""


def test_an_entry_with_no_printed_form_keeps_its_number(tmp_path, capsys):
    # A numbered list must not skip a number: the empty entry says what went wrong.
    style = tmp_path / "numbered.csl"
    style.write_text(NUMBERED, encoding="utf-8")
    code, lines, _ = _format(tmp_path, capsys, [PEN, CALL, LETTERS], "--style", str(style))
    assert (code, lines) == (
        0,
        [
            "1. The Pen and the Margin",
            "2. [CSL STYLE ERROR: reference with no printed form.]",
            "3. Letters from the Archive",
        ],
    )
    untitled = {"id": "u", "type": "book", "author": PEN["author"]}
    code, lines, _ = _format(
        tmp_path, capsys, [untitled], "--style", str(style), "--mode", "citation"
    )
    assert (code, lines) == (0, ["[[CSL STYLE ERROR: reference with no printed form.]]"])


# An edited translation: APA 7 (10.2) writes the roles after the names, capitalised.
REPUBLIC = {
    "id": "republic",
    "type": "book",
    "title": "The Republic",
    "author": [{"literal": "Plato"}],
    "editor": [{"family": "Ferrari", "given": "G. R. F."}],
    "translator": [{"family": "Griffith", "given": "Tom"}],
    "publisher": "Cambridge University Press",
    "issued": {"date-parts": [[2000]]},
}

ROLES = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
       default-locale="{locale}">
  <info><title>Roles</title><id>r</id><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><names variable="editor">
    <name initialize-with=". "/><label form="short" prefix=", " text-case="title"/>
  </names></layout></bibliography>
</style>
"""


def test_a_role_label_in_title_case_is_capitalised_in_an_english_style(tmp_path, capsys):
    code, lines, _ = _format(tmp_path, capsys, [REPUBLIC], "--style", "apa")
    assert (code, lines) == (
        0,
        [
            "Plato. (2000). The Republic (G. R. F. Ferrari, Ed.; T. Griffith, Trans.). "
            "Cambridge University Press."
        ],
    )
    # the term's language is the style's: a French style's "éd." is left as it is
    for locale, expected in (
        ("en-GB", "G. R. F. Ferrari, Ed."),
        ("fr-FR", "G. R. F. Ferrari, éd."),
    ):
        style = tmp_path / f"roles-{locale}.csl"
        style.write_text(ROLES.replace("{locale}", locale), encoding="utf-8")
        code, lines, _ = _format(tmp_path, capsys, [REPUBLIC], "--style", str(style))
        assert (code, lines) == (0, [expected])
