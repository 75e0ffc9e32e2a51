"""BibTeX/BibLaTeX → CSL-JSON: every row of docs/bibliography.md's mapping table.

Each `tests/fixtures/bib/mapping/<name>.bib` has a `<name>.json` beside it holding the
CSL-JSON items written by hand from the table (not from the code's output), in the
file's order; the reader and `entry_to_csl` must give exactly those items. The titles
are as written there: the mapping is tested with sentence case off, and sentence case
(which Pandoc applies on top of it) in test_sentence_case.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossator.bibliography import read_bibliography
from glossator.bibliography.to_csl import entry_to_csl
from glossator.format.csl_json import to_csl_json

MAPPING = Path(__file__).resolve().parents[1] / "fixtures" / "bib" / "mapping"
FIXTURES = sorted(p.stem for p in MAPPING.glob("*.bib"))


def items(name: str) -> tuple[list[dict], list[str]]:
    entries, diagnostics = read_bibliography(MAPPING / f"{name}.bib")
    found = [entry_to_csl(key, e.entry_type, e.fields, False) for key, e in entries.items()]
    return found, [f"{d.line}: {d.severity}: {d.message} [{d.code}]" for d in diagnostics]


def test_every_fixture_has_its_expected_items():
    assert FIXTURES == ["dates", "fields", "inherit", "latex", "types"]
    assert all((MAPPING / f"{name}.json").is_file() for name in FIXTURES)


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_maps_exactly_as_written(name):
    expected = json.loads((MAPPING / f"{name}.json").read_text(encoding="utf-8"))
    found, _ = items(name)
    assert [i["id"] for i in found] == [i["id"] for i in expected]
    for got, want in zip(found, expected, strict=True):
        assert got == want, want["id"]


def test_only_the_inheritance_fixture_has_problems():
    for name in FIXTURES:
        if name != "inherit":
            assert items(name)[1] == [], name
    assert items("inherit")[1] == [
        "59: warning: crossref 'nowhere' of 'orphan' is not in the file; add it "
        "[bib.crossref-missing]",
        "67: warning: crossref of 'loop-b' leads back to itself; break the cycle "
        "[bib.crossref-cycle]",
    ]


def test_xdata_entries_are_not_works():
    entries, _ = read_bibliography(MAPPING / "inherit.bib")
    assert "ucp" not in entries
    assert entries["weber1978"].fields["publisher"] == "University of California Press"


def test_site_items_follow_the_mapping_for_bibliography_entries():
    """The site formats curated entries through format's `to_csl_json`: for entries the
    note parser never saw it adds nothing but a web page's site."""
    entries, _ = read_bibliography(MAPPING / "types.bib")
    newspaper = entries["lewis1969moon"]
    kind = "newspaper-article"
    item = to_csl_json(newspaper.key, newspaper.entry_type, kind, newspaper.fields, True)
    assert item == entry_to_csl(newspaper.key, newspaper.entry_type, newspaper.fields)
    site = entries["unesco2024"]
    item = to_csl_json(site.key, site.entry_type, "web-page", site.fields, True)
    assert item["container-title"] == (  # braced whole in the file: kept from title case
        '<span class="nocase">United Nations Educational, Scientific and Cultural'
        " Organization</span>"
    )
    assert "publisher" not in item
