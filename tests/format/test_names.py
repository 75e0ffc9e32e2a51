"""Names as the CSL 1.0.2 spec sets them out, and the real-world gaps of issue 11:
editor-only books, "et al." for `and others`, "vols.", CSL 1.0.2 name variables.

Styles of our own (a layout each) isolate one rule; the expected text is written from
the spec's wording ("Name-part Order", "Name-part Formatting", "Substitution") or from
CMOS 18 for the Chicago style, never copied from the engine's output. Each goes
through `format_items`, the path `glossator format` prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator.commands.format import format_items
from glossator.format.engine import CitationStyle

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test</title><id>test</id><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation><layout>{citation}</layout></citation>
  <bibliography><layout>{layout}</layout></bibliography>
</style>
"""


def run(tmp_path: Path, layout: str, items: list[dict], mode: str = "bibliography") -> list[str]:
    path = tmp_path / "own.csl"
    path.write_text(STYLE.format(layout=layout, citation=layout), encoding="utf-8")
    return format_items(CitationStyle(str(path)), items, mode, "html")


def run_sorted(
    tmp_path: Path, bibliography: str, macro: str, layout: str, items: list[dict]
) -> list[str]:
    """Plain-text entries of a style whose `<bibliography>` opening tag (with its sort)
    is `bibliography` and whose macro "who" is `macro`."""
    style = STYLE.replace("<bibliography>", bibliography).replace(
        "<citation>", f'<macro name="who">{macro}</macro><citation>'
    )
    path = tmp_path / "sorted.csl"
    path.write_text(style.format(layout=layout, citation=layout), encoding="utf-8")
    return format_items(CitationStyle(str(path)), items, "bibliography", "text")


def book(**fields) -> dict:
    return {"id": fields.pop("id", "b"), "type": "book", "title": "A Book"} | fields


LIND = {"family": "Lind", "given": "Tomas"}
OKAFOR = {"family": "Okafor", "given": "Ada"}
QUIST = {"family": "Quist", "given": "Jonas"}
OTHERS = {"literal": "others"}


def test_name_part_formatting_covers_its_particle_and_affixes_enclose_the_group(tmp_path):
    # Spec: family formatting applies to the family name and the non-dropping particle;
    # in display order the family affixes enclose the particles and the suffix.
    layout = """<names variable="author"><name>
        <name-part name="family" text-case="uppercase" prefix="(" suffix=")"/>
        <name-part name="given" prefix="[" suffix="]"/></name></names>"""
    person = {"given": "Mara", "dropping-particle": "de", "non-dropping-particle": "la",
              "family": "Torre", "suffix": "II"}  # fmt: skip
    assert run(tmp_path, layout, [book(author=[person])]) == ["[Mara] (de LA TORRE II)"]


def test_inverted_names_keep_the_non_dropping_particle_as_the_style_demotes_it(tmp_path):
    person = {"given": "Pieter", "non-dropping-particle": "van", "family": "Dam"}
    for demote, expected in [("never", "van Dam, Pieter"), ("display-and-sort", "Dam, Pieter van")]:
        layout = '<names variable="author"><name name-as-sort-order="all"/></names>'
        style = STYLE.replace(
            'version="1.0">', f'version="1.0" demote-non-dropping-particle="{demote}">'
        )
        path = tmp_path / f"{demote}.csl"
        path.write_text(style.format(layout=layout, citation=layout), encoding="utf-8")
        lines = format_items(
            CitationStyle(str(path)), [book(author=[person])], "bibliography", "html"
        )
        assert lines == [expected]


def test_a_particle_ending_in_an_apostrophe_or_hyphen_runs_into_the_name(tmp_path):
    layout = '<names variable="author"><name/></names>'
    person = {"given": "Rana", "non-dropping-particle": "al-", "family": "Haddad"}
    assert run(tmp_path, layout, [book(author=[person])]) == ["Rana al-Haddad"]


def test_comma_suffix_and_a_given_name_alone(tmp_path):
    layout = '<names variable="author"><name initialize-with=". "/></names>'
    items = [
        book(
            id="a",
            author=[{"family": "Hale", "given": "Simon", "suffix": "Jr.", "comma-suffix": True}],
        ),
        book(id="b", author=[{"given": "Banksy"}]),  # nothing to initialise against
    ]
    assert run(tmp_path, layout, items) == ["S. Hale, Jr.", "Banksy"]


def test_family_first_scripts_are_written_family_then_given_unspaced(tmp_path):
    layout = '<names variable="author"><name/></names>'
    assert run(tmp_path, layout, [book(author=[{"family": "山田", "given": "花子"}])]) == [
        "山田花子"
    ]


@pytest.mark.parametrize(
    ("rule", "two", "three"),
    [
        ("contextual", "Lind and Okafor", "Lind; Okafor; and Quist"),
        ("always", "Lind; and Okafor", "Lind; Okafor; and Quist"),
        ("never", "Lind and Okafor", "Lind; Okafor and Quist"),
    ],
)
def test_delimiter_precedes_last_uses_the_names_delimiter(tmp_path, rule, two, three):
    # citeproc-py put ", " before "and" whatever the delimiter.
    layout = f"""<names variable="author"><name form="short" and="text" delimiter="; "
        delimiter-precedes-last="{rule}"/></names>"""
    items = [book(id="x", author=[LIND, OKAFOR]), book(id="y", author=[LIND, OKAFOR, QUIST])]
    assert run(tmp_path, layout, items) == [two, three]


def test_delimiter_after_an_inverted_name_only(tmp_path):
    layout = """<names variable="author"><name and="symbol" name-as-sort-order="first"
        delimiter-precedes-last="after-inverted-name" delimiter-precedes-et-al="after-inverted-name"
        et-al-min="3" et-al-use-first="1"/></names>"""
    items = [
        book(id="x", author=[LIND, OKAFOR]),  # the first is inverted: a comma before &
        book(id="y", author=[{"literal": "Harbor Guild"}, OKAFOR]),  # a literal is not
        book(id="z", author=[LIND, OKAFOR, QUIST]),
    ]
    assert run(tmp_path, layout, items) == [
        "Lind, Tomas, &amp; Ada Okafor",
        "Harbor Guild &amp; Ada Okafor",
        "Lind, Tomas, et al.",
    ]


def test_and_others_ends_the_list_in_et_al(tmp_path):
    layout = '<names variable="author"><name and="text" delimiter=", "/></names>'
    items = [book(id="x", author=[LIND, OKAFOR, OTHERS]), book(id="y", author=[LIND, OTHERS])]
    assert run(tmp_path, layout, items) == ["Tomas Lind, Ada Okafor, et al.", "Tomas Lind et al."]


def test_and_others_in_chicago_and_apa():
    # CMOS 18 14.76: the names given, then "et al."; APA 7 lists the authors it has.
    item = book(
        author=[LIND, OKAFOR, OTHERS], publisher="Harbor Press", issued={"date-parts": [[1990]]}
    )
    chicago = CitationStyle("chicago-notes-bibliography")
    assert format_items(chicago, [item], "bibliography", "text") == [
        "Lind, Tomas, Ada Okafor, et al. A Book. Harbor Press, 1990."
    ]
    author_date = CitationStyle("chicago-author-date")
    assert format_items(author_date, [item], "citation", "text") == ["(Lind, Okafor, et al. 1990)"]


def test_a_bare_names_in_substitute_takes_the_name_and_label_it_stands_for(tmp_path):
    # Spec, "Substitution": a cs:names without children inherits cs:name, cs:et-al (and
    # here the label) of the cs:names it substitutes for, even inside a cs:choose; the
    # variable it rendered is not repeated later in the entry.
    layout = """<group delimiter=". ">
      <names variable="author">
        <name name-as-sort-order="all" and="text"/><label form="short" prefix=", "/>
        <substitute><choose><if type="book"><names variable="editor"/></if></choose></substitute>
      </names>
      <text variable="title"/>
      <names variable="editor"><label form="verb" suffix=" "/><name/></names></group>"""
    items = [book(id="x", editor=[LIND]), book(id="y", editor=[LIND, OKAFOR])]
    assert run(tmp_path, layout, items) == [
        "Lind, Tomas, ed. A Book",  # the label's period and the delimiter's meet once
        "Lind, Tomas and Okafor, Ada, eds. A Book",
    ]


def test_editor_only_books_in_chicago():
    # CMOS 18 14.5: "Editor, Name, ed." in the bibliography, the title after; no "Edited by".
    one = book(id="x", title="Collected Letters", editor=[LIND], publisher="Harbor Press",
               issued={"date-parts": [[2001]]})  # fmt: skip
    two = one | {"id": "y", "editor": [LIND, OKAFOR]}
    chicago = CitationStyle("chicago-notes-bibliography")
    assert format_items(chicago, [one, two], "bibliography", "text") == [
        "Lind, Tomas, ed. Collected Letters. Harbor Press, 2001.",
        "Lind, Tomas, and Ada Okafor, eds. Collected Letters. Harbor Press, 2001.",
    ]
    assert (
        chicago.note(one, "12").text
        == "Tomas Lind, ed., Collected Letters (Harbor Press, 2001), 12."
    )


def test_number_of_volumes_with_its_label():
    # CMOS 18 14.19: "3 vols." (one volume: "1 vol.").
    item = book(author=[LIND], publisher="Harbor Press", issued={"date-parts": [[1999]]})
    chicago = CitationStyle("chicago-notes-bibliography")
    lines = format_items(chicago, [item | {"number-of-volumes": "3"}], "bibliography", "text")
    assert lines == ["Lind, Tomas. A Book. 3 vols. Harbor Press, 1999."]
    lines = format_items(chicago, [item | {"number-of-volumes": 1}], "bibliography", "text")
    assert lines == ["Lind, Tomas. A Book. 1 vol. Harbor Press, 1999."]


def test_hyphenated_number_variables_render(tmp_path):
    layout = """<group delimiter=", "><number variable="number-of-pages"/>
      <number variable="chapter-number" form="ordinal"/></group>"""
    assert run(tmp_path, layout, [book(**{"number-of-pages": "212", "chapter-number": "3"})]) == [
        "212, 3rd"
    ]


@pytest.mark.parametrize(
    ("variable", "item_type", "expected"),
    [
        ("director", "motion_picture", "Vale, Mira, dir. Night Train. 2010."),
        ("compiler", "book", "Vale, Mira, comp. Night Train. 2010."),
    ],
)
def test_csl_1_0_2_name_variables_render_in_chicago(variable, item_type, expected):
    # CMOS 18 14.265 (film: the director as author, "dir."); citeproc-py crashed on them.
    item = {"id": "n", "type": item_type, "title": "Night Train"}
    item["issued"] = {"date-parts": [[2010]]}
    item[variable] = [{"family": "Vale", "given": "Mira"}]
    chicago = CitationStyle("chicago-notes-bibliography")
    assert format_items(chicago, [item], "bibliography", "text") == [expected]


def test_csl_1_0_2_names_in_a_style_of_our_own(tmp_path):
    layout = """<names variable="compiler narrator" delimiter="; ">
      <name/><label form="short" prefix=" (" suffix=")"/></names>"""
    item = book(compiler=[LIND], narrator=[OKAFOR, QUIST])
    assert run(tmp_path, layout, [item]) == ["Tomas Lind (comp.); Ada Okafor, Jonas Quist (narrs.)"]


def test_a_group_whose_branch_holds_only_a_term_is_kept_or_dropped_by_its_variables(tmp_path):
    # Spec: a group is dropped when it calls variables and all are empty; the branch a
    # cs:choose takes is what it calls. A term-only branch ("n.d.") keeps the group.
    layout = """<group delimiter=" "><text value="Dated"/>
      <choose><if variable="issued"><date variable="issued"><date-part name="year"/></date></if>
      <else><text term="no date" form="short"/></else></choose></group>
      <group prefix=" | " delimiter=" "><choose><if variable="genre"><text variable="genre"/></if>
      <else><text value="read by"/></else></choose><names variable="narrator"/></group>"""
    items = [book(id="x"), book(id="y", narrator=[LIND], issued={"date-parts": [[2001]]})]
    assert run(tmp_path, layout, items) == ["Dated n.d.", "Dated 2001 | read by Tomas Lind"]


def test_counting_names_through_a_substitute(tmp_path):
    layout = """<names variable="author"><name form="count"/>
      <substitute><names variable="editor"/></substitute></names>"""
    items = [book(id="x", author=[LIND]), book(id="y", editor=[LIND, OKAFOR, QUIST])]
    assert run(tmp_path, layout, items) == ["1", "3"]


@pytest.mark.parametrize(
    ("person", "sorted_as", "displayed"),
    [
        ({"family": "van Dam", "given": "Pieter"}, "Dam, Pieter van", "Pieter van Dam"),
        ({"family": "d'Arezzo", "given": "Guido"}, "Arezzo, Guido d’", "Guido d’Arezzo"),
        (
            {"family": "Weber", "given": "Carl Maria von"},
            "Weber, Carl Maria von",
            "Carl Maria von Weber",
        ),
        ({"family": '"Van Dam"', "given": "Lotte"}, "Van Dam, Lotte", "Lotte Van Dam"),
        (
            {"family": "van Dam", "given": "Bram", "parse-names": False},
            "van Dam, Bram",
            "Bram van Dam",
        ),
    ],
)
def test_particles_are_read_out_of_family_and_given_names(tmp_path, person, sorted_as, displayed):
    # As citeproc-js reads Zotero's data: lower-case leading words of the family name
    # are its non-dropping particle (demoted when inverted, by default), trailing ones
    # of the given name its dropping particle; quotes or parse-names=false keep it whole.
    layout = """<group delimiter=" | ">
      <names variable="author"><name name-as-sort-order="all"/></names>
      <names variable="author"><name/></names></group>"""
    assert run(tmp_path, layout, [book(author=[person])]) == [f"{sorted_as} | {displayed}"]


def test_parsed_particles_sort_under_the_family_name(tmp_path):
    bibliography = '<bibliography><sort><key variable="author"/></sort>'
    layout = '<names variable="author"><name name-as-sort-order="all"/></names>'
    items = [
        book(id="g", author=[{"family": "van Gogh", "given": "Vincent"}]),
        book(id="h", author=[{"family": "Hals", "given": "Frans"}]),
        book(id="f", author=[{"family": "Fabritius", "given": "Carel"}]),
    ]
    lines = run_sorted(tmp_path, bibliography, "", layout, items)
    assert lines == ["Fabritius, Carel", "Gogh, Vincent van", "Hals, Frans"]


def test_subsequent_author_substitute_replaces_the_names_and_keeps_the_label(tmp_path):
    # The dash stands for the same names, whether or not a role label follows them
    # (CMOS 17 15.17: "———, ed."); sorting ignores the label.
    bibliography = (
        '<bibliography subsequent-author-substitute="———">'
        '<sort><key macro="who"/><key variable="title"/></sort>'
    )
    macro = (
        '<names variable="author"><name name-as-sort-order="all"/>'
        '<label form="short" prefix=", "/><substitute><names variable="editor"/>'
        "</substitute></names>"
    )
    layout = '<group delimiter=". "><text macro="who"/><text variable="title"/></group>'
    items = [
        book(id="b", title="Beta", editor=[LIND]),
        book(id="a", title="Alpha", author=[LIND]),
        book(id="c", title="Gamma", author=[OKAFOR]),
    ]
    lines = run_sorted(tmp_path, bibliography, macro, layout, items)
    assert lines == ["Lind, Tomas. Alpha", "———, ed. Beta", "Okafor, Ada. Gamma"]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("lowercase", "notes on the <i>Vulgate</i> by ross"),
        ("uppercase", "NOTES ON THE <i>Vulgate</i> BY ROSS"),
    ],
)
def test_lower_and_upper_case_leave_a_nocase_part_as_written(tmp_path, case, expected):
    layout = f'<text variable="title" text-case="{case}"/>'
    item = book(title='Notes on the <i><span class="nocase">Vulgate</span></i> by Ross')
    assert run(tmp_path, layout, [item]) == [expected]


def test_title_case_capitalises_each_part_of_a_hyphenated_word_as_written(tmp_path):
    # CMOS 8.161: "Self-Sustaining", the first part already capitalised; stop words
    # inside stay lower case.
    layout = '<text variable="title" text-case="title"/>'
    item = book(title="Self-sustaining reactors and the out-of-date iPhone-era")
    assert run(tmp_path, layout, [item]) == [
        "Self-Sustaining Reactors and the Out-of-Date iPhone-era"
    ]


def test_a_suffix_after_a_comma_in_the_given_name(tmp_path):
    # citeproc-js's convention for Zotero data: "Hale, Simon, III" typed as given
    # "Simon, III"; "!" asks for the comma to be kept before the suffix.
    layout = '<names variable="author"><name/></names>'
    items = [
        book(id="a", author=[{"family": "Hale", "given": "Simon, III"}]),
        book(id="b", author=[{"family": "Hale", "given": "Simon,! Jr."}]),
    ]
    assert run(tmp_path, layout, items) == ["Simon Hale III", "Simon Hale, Jr."]


def test_a_macro_inside_substitute_shows_the_substituted_names_once(tmp_path):
    # Spec: substituted variables are suppressed in the rest of the output; a macro
    # the substitute calls is that rest too.
    layout = """<group delimiter=". "><names variable="author"><name/><substitute>
      <text macro="eds"/></substitute></names><text variable="title"/></group>"""
    style = STYLE.replace(
        "<citation>",
        '<macro name="eds"><names variable="editor"><name/><label form="short" prefix=", "/>'
        '</names><names variable="editor"><name/></names></macro><citation>',
    )
    path = tmp_path / "once.csl"
    path.write_text(style.format(layout=layout, citation=layout), encoding="utf-8")
    lines = format_items(CitationStyle(str(path)), [book(editor=[LIND])], "bibliography", "text")
    assert lines == ["Tomas Lind, ed. A Book"]


def test_et_al_use_first_zero_leaves_the_names_out(tmp_path):
    layout = """<names variable="author" suffix=": "><name et-al-min="2" et-al-use-first="0"/>
      </names><text variable="title"/>"""
    assert run(tmp_path, layout, [book(author=[LIND, OKAFOR])]) == ["A Book"]


def test_title_case_keeps_a_lower_case_name_particle(tmp_path):
    # "de" and "von" as written inside a title, as citeproc-js and Pandoc keep them;
    # an English word that is also a particle ("van", "ten") is one only before a
    # capitalised word, a name; elsewhere it is capitalised like any word.
    layout = '<text variable="title" text-case="title"/>'
    items = [
        book(id="a", title="commentarii de bello gallico"),
        book(id="b", title="the blue van of john von doe"),
        book(id="c", title="a van Gogh retrospective: letters to Theo van Gogh"),
        book(id="d", title="ten days in a van"),
        book(id="e", title="the ten Brink papers"),
    ]
    assert run(tmp_path, layout, items) == [
        "Commentarii de Bello Gallico",
        "The Blue Van of John von Doe",
        "A van Gogh Retrospective: Letters to Theo van Gogh",
        "Ten Days in a Van",
        "The ten Brink Papers",
    ]


def test_and_and_et_al_of_scripts_written_without_spaces_take_none(tmp_path):
    # A Chinese "et al." (等) or "and" (和) runs on from the names; the Hebrew "and" (ו)
    # is spaced only as the style's term spaces it (citeproc-js does the same); Latin
    # terms are words set off by spaces (the other tests).
    style = STYLE.replace(
        "<citation>",
        '<locale><terms><term name="et-al">等</term><term name="and">和</term></terms></locale>'
        "<citation>",
    )
    path = tmp_path / "zh.csl"
    layout = """<names variable="author"><name and="text" et-al-min="3" et-al-use-first="1"/>
        <et-al/></names>"""
    path.write_text(style.format(layout=layout, citation=layout), encoding="utf-8")
    zhou, wu = {"family": "周", "given": "明"}, {"family": "吴", "given": "兰"}
    items = [book(id="x", author=[zhou, wu]), book(id="y", author=[zhou, wu, LIND])]
    assert format_items(CitationStyle(str(path)), items, "bibliography", "html") == [
        "周明和吴兰",
        "周明等",
    ]
    hebrew = STYLE.replace(
        "<citation>", '<locale><terms><term name="and">ו&#8200;</term></terms></locale><citation>'
    )
    path.write_text(hebrew.format(layout=layout, citation=layout), encoding="utf-8")
    names = [{"family": "כהן"}, {"family": "לוי"}]
    assert format_items(CitationStyle(str(path)), [book(author=names)], "bibliography", "html") == [
        "כהןו\u2008לוי"
    ]


def test_a_sort_key_cut_to_fewer_names_leaves_out_et_al(tmp_path):
    # CSL 1.0.2, "Sorting": when et-al abbreviation occurs in a sort key, the "et al."
    # and "and others" terms are excluded. Cut to one name, Lind's three works tie on
    # the first key and sort by title; et al. in the key would put the single-author
    # "Zeta" first.
    bibliography = (
        '<bibliography><sort><key macro="who" names-min="1" names-use-first="1"/>'
        '<key variable="title"/></sort>'
    )
    macro = '<names variable="author"><name and="text"/></names>'
    layout = '<group delimiter=". "><text macro="who"/><text variable="title"/></group>'
    items = [
        book(id="z", title="Zeta", author=[LIND]),
        book(id="a", title="Alpha", author=[LIND, OKAFOR]),
        book(id="m", title="Mu", author=[LIND, OTHERS]),
        book(id="q", title="Omega", author=[QUIST]),
    ]
    lines = run_sorted(tmp_path, bibliography, macro, layout, items)
    assert lines == [
        "Tomas Lind and Ada Okafor. Alpha",
        "Tomas Lind et al. Mu",
        "Tomas Lind. Zeta",
        "Jonas Quist. Omega",
    ]


def test_a_names_sort_key_compares_names_not_the_and_between_them(tmp_path):
    # The same first names, then the next coauthor decides: Brandt before Quist (CMOS
    # alphabetises by coauthors), not "and Quist" before "Brandt".
    bibliography = '<bibliography><sort><key macro="who"/></sort>'
    macro = '<names variable="author"><name and="text" name-as-sort-order="all"/></names>'
    layout = '<text macro="who"/>'
    brandt = {"family": "Brandt", "given": "Ines"}
    items = [
        book(id="q", author=[LIND, OKAFOR, QUIST]),
        book(id="b", author=[LIND, OKAFOR, brandt, QUIST]),
    ]
    assert run_sorted(tmp_path, bibliography, macro, layout, items) == [
        "Lind, Tomas, Okafor, Ada, Brandt, Ines, and Quist, Jonas",
        "Lind, Tomas, Okafor, Ada, and Quist, Jonas",
    ]


def test_the_dash_keeps_the_period_that_et_al_had_taken(tmp_path):
    # "Lind, Tomas, et al." takes no second period, but its stand-in does (CMOS 17
    # 14.67: "———. Title."); the dash stands for the names inside their affixes.
    bibliography = (
        '<bibliography subsequent-author-substitute="———">'
        '<sort><key macro="who"/><key variable="title"/></sort>'
    )
    macro = (
        '<names variable="author"><name name-as-sort-order="all" et-al-min="2" '
        'et-al-use-first="1" delimiter-precedes-et-al="always"/></names>'
    )
    layout = '<text macro="who" suffix=". "/><text variable="title" suffix="."/>'
    items = [
        book(id="b", title="Beta", author=[LIND, OKAFOR]),
        book(id="a", title="Alpha", author=[LIND, QUIST]),
    ]
    lines = run_sorted(tmp_path, bibliography, macro, layout, items)
    assert lines == ["Lind, Tomas, et al. Alpha.", "———. Beta."]


def test_et_al_needs_both_et_al_min_and_et_al_use_first(tmp_path):
    # CSL 1.0.2: "use of these two attributes enables et-al abbreviation"; the
    # citation's et-al-use-first does not reach the bibliography's names.
    style = STYLE.replace("<citation>", '<citation et-al-use-first="1">')
    path = tmp_path / "etal.csl"
    layout = '<names variable="author"><name et-al-min="2"/></names>'
    path.write_text(style.format(layout=layout, citation=layout), encoding="utf-8")
    items = [book(author=[LIND, OKAFOR, QUIST])]
    engine = CitationStyle(str(path))
    assert format_items(engine, items, "bibliography", "text") == [
        "Tomas Lind, Ada Okafor, Jonas Quist"
    ]
    assert format_items(engine, items, "citation", "text") == ["Tomas Lind et al."]
