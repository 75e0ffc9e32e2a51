"""biblatex's editor types (`editortype`, `editoratype`, `editorbtype`, `editorctype`)
read as the CSL 1.0.2 name variable of that role, not as editors.

The roles are biblatex's (its manual, "editortype": editor, compiler, founder,
continuator, redactor, reviser, collaborator, organizer, and `director`); the CSL
variables are CSL 1.0.2's. Those CSL has (compiler, director, organizer) are kept;
a collaborator, and the roles CSL has no variable for, are `contributor`, which
Chicago prints "With …" after the title (the en-US locale's verb for it). The
expected entries are written by hand from CMOS 18 as the Chicago author-date style
sets it; the works are invented.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.bibliography import entry_to_csl
from glossator.format.csl_json import to_csl_json
from glossator.format.engine import CitationStyle

ROLES = {
    "compiler": "compiler",
    "director": "director",
    "organizer": "organizer",
    "collaborator": "contributor",
    "founder": "contributor",
    "continuator": "contributor",
    "redactor": "contributor",
    "reviser": "contributor",
    "editor": "editor",
    "": "editor",
}
DUVAL = [{"family": "Duval", "given": "Marc"}]
BOOK = {"author": "Arnaud, Claire", "title": "A history of feeling", "publisher": "Seuil"}
BOOK |= {"location": "Paris", "date": "2015"}


@pytest.mark.parametrize("field", ["editor", "editora", "editorb", "editorc"])
@pytest.mark.parametrize("kind", sorted(ROLES))
def test_each_editor_type_is_its_csl_role(field, kind):
    fields = BOOK | {field: "Duval, Marc"} | ({field + "type": kind} if kind else {})
    item = entry_to_csl("k", "book", fields)
    variable = ROLES[kind]
    assert item[variable] == DUVAL
    unused = {"editor", "compiler", "director", "organizer", "contributor"} - {variable}
    assert not unused & set(item)


def test_the_type_is_read_whatever_its_case_and_braces():
    fields = BOOK | {"editora": "Duval, Marc", "editoratype": "{Collaborator}"}
    item = entry_to_csl("k", "book", fields)
    assert item["contributor"] == DUVAL
    assert "editor" not in item


def test_an_editor_and_a_collaborator_stay_apart():
    fields = BOOK | {"editor": "Roux, Léa", "editora": "Duval, Marc", "editoratype": "collaborator"}
    item = entry_to_csl("k", "book", fields)
    assert item["editor"] == [{"family": "Roux", "given": "Léa"}]
    assert item["contributor"] == DUVAL


def chicago(fields: dict) -> str:
    item = to_csl_json("k", "book", "book", fields)
    return CitationStyle("chicago-author-date").entries([item])["k"].text


def test_a_collaborator_is_not_printed_as_an_editor():
    fields = BOOK | {"editora": "Duval, Marc", "editoratype": "collaborator"}
    assert chicago(fields) == "Arnaud, Claire. 2015. A History of Feeling. With Marc Duval. Seuil."


def test_an_untyped_editora_is_still_an_editor():
    fields = BOOK | {"editora": "Duval, Marc"}
    assert chicago(fields) == (
        "Arnaud, Claire. 2015. A History of Feeling. Edited by Marc Duval. Seuil."
    )


def test_a_compiler_is_printed_as_one():
    fields = BOOK | {"editor": "Duval, Marc", "editortype": "compiler"}
    assert chicago(fields) == (
        "Arnaud, Claire. 2015. A History of Feeling. Compiled by Marc Duval. Seuil."
    )


@given(
    st.lists(st.sampled_from(sorted(ROLES)), min_size=1, max_size=4),
)
@settings(max_examples=60, deadline=None)
def test_no_typed_name_is_lost_or_doubled(kinds):
    """Each name lands in its type's variable once, in the order the fields give."""
    fields = dict(BOOK)
    expected: dict[str, list] = {}
    for n, kind in enumerate(kinds):
        field = ["editor", "editora", "editorb", "editorc"][n]
        fields[field] = f"Name{n}, Given"
        if kind:
            fields[field + "type"] = kind
        expected.setdefault(ROLES[kind], []).append({"family": f"Name{n}", "given": "Given"})
    item = entry_to_csl("k", "book", fields)
    assert {v: item[v] for v in expected} == expected
    unused = {"editor", "compiler", "director", "organizer", "contributor"} - set(expected)
    assert not unused & set(item)
