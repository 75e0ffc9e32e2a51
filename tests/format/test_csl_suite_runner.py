"""benchmarks/csl_suite.py reads fixtures in the CSL test suite's format: checked on
three fixtures written here (the suite itself is not in the repository)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

RUNNER = Path(__file__).parents[2] / "benchmarks" / "csl_suite.py"
_spec = importlib.util.spec_from_file_location("csl_suite", RUNNER)
csl_suite = importlib.util.module_from_spec(_spec)
sys.modules["csl_suite"] = csl_suite
_spec.loader.exec_module(csl_suite)

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id/><title/><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation><layout delimiter="; "><text variable="title" font-style="italic"/></layout></citation>
  <bibliography><sort><key variable="title"/></sort>
    <layout suffix="."><text variable="title"/></layout></bibliography>
</style>"""
ITEMS = '[{"id": "b", "type": "book", "title": "Beta & Co"}, {"id": "a", "title": "Alpha"}]'


def _fixture(mode: str, result: str, extra: str = "") -> str:
    sections = {"MODE": mode, "RESULT": result, "CSL": STYLE, "INPUT": ITEMS}
    text = "".join(
        f">>===== {k} =====>>\n{v}\n<<===== {k} =====<<\n\n" for k, v in sections.items()
    )
    return text + extra


def _suite(tmp_path: Path) -> Path:
    humans = tmp_path / "processor-tests" / "humans"
    humans.mkdir(parents=True)
    bib = (
        '<div class="csl-bib-body">\n  <div class="csl-entry">Alpha.</div>\n'
        '  <div class="csl-entry">Beta &#38; Co.</div>\n</div>'
    )
    (humans / "sort_Titles.txt").write_text(_fixture("bibliography", bib))
    (humans / "affix_Both.txt").write_text(
        _fixture("citation", "<i>Beta &#38; Co</i>; <i>Alpha</i>")
    )
    (humans / "affix_Wrong.txt").write_text(_fixture("citation", "Alpha"))
    items = '>>===== CITATION-ITEMS =====>>\n[[{"id": "a"}]]\n<<===== CITATION-ITEMS =====<<\n'
    (humans / "position_Skipped.txt").write_text(_fixture("citation", "x", items))
    return tmp_path


def test_fixtures_selected_and_read(tmp_path):
    fixtures = csl_suite.fixtures(_suite(tmp_path))
    assert [f.name for f in fixtures] == ["affix_Both", "affix_Wrong", "sort_Titles"]
    assert fixtures[2].mode == "bibliography" and fixtures[2].cited is None
    assert [item["id"] for item in fixtures[0].items] == ["b", "a"]


def test_normalise_drops_wrappers_and_entities():
    wrapped = (
        '<div class="csl-bib-body">\n  <div class="csl-entry"><div class="csl-left-margin">'
        '1. </div><div class="csl-right-inline">A &#38; B</div></div>\n</div>'
    )
    assert csl_suite.normalise(wrapped) == "1. A & B"
    assert csl_suite.normalise('<span style="font-variant:small-caps;">x</span>') == (
        '<span style="font-variant:small-caps">x</span>'
    )


def test_counts_by_category(tmp_path, capsys):
    assert csl_suite.main([str(_suite(tmp_path))]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["affix", "1", "/", "2"]
    assert lines[1].split() == ["sort", "1", "/", "1"]
    assert lines[2].split()[:4] == ["total", "2", "/", "3"]


def test_cited_ids_in_first_cited_order():
    citations = [
        [{"citationItems": [{"id": "x"}, {"id": "y"}]}, [], []],
        [{"citationItems": [{"id": "x"}]}, [], []],
    ]
    assert csl_suite._cited(citations) == ["x", "y"]
    assert csl_suite._cited([[{"id": 2}], [{"id": 1}, {"id": 2}]]) == ["2", "1"]
