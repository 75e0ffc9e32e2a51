"""Every reader and the YAML metadata, on any text: a document and content diagnostics,
nothing else (issue 14). Inputs are random text over an alphabet rich in the syntax each
reader looks for, and the project's own fixtures mutated (lines dropped, duplicated,
swapped, text inserted); the longer run is `benchmarks/fuzz.py`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossator.diagnostics import Diagnostic
from glossator.ingest.readers import READERS
from glossator.ingest.source import Source
from glossator.model import Document, document_to_json
from glossator.yamlmap import load_yaml_mapping

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLES = {
    "markdown": (FIXTURES / "markdown" / "essay.md").read_text(encoding="utf-8"),
    "pdf-text": (FIXTURES / "good" / "essays" / "ledgers.txt").read_text(encoding="utf-8"),
}
SAMPLES["web-text"] = SAMPLES["pdf-text"]

SYNTAX = list("[]^@*_`$~|>#-:{}().,;\"'“”’\\!<&\n \t0123456789aZé漢") + [
    "\n\n",
    "  ",
    "[^1]",
    "^[",
    "[@",
    "```",
    "$$",
    "---\n",
    "Ibid.",
    "\x00",
    "\x1b",
    "\ue0ff",
    "\u202e",
]
TEXT = st.lists(st.sampled_from(SYNTAX) | st.text(max_size=5), max_size=80).map("".join)


@st.composite
def mutated(draw, fmt: str) -> str:
    lines = SAMPLES[fmt].split("\n")
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.integers(0, 3))
        if kind == 0 and len(lines) > 1:
            del lines[i]
        elif kind == 1:
            lines.insert(i, lines[i])
        elif kind == 2:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(TEXT) + lines[i][at:]
    return "\n".join(lines)


def assert_read(fmt: str, text: str) -> None:
    doc, diags = READERS[fmt](Source("essay", "essay.txt", text))
    assert isinstance(doc, Document)
    assert all(isinstance(d, Diagnostic) and d.line >= 1 for d in diags)
    document_to_json(doc)  # the export never fails on what a reader made


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(fmt=st.sampled_from(sorted(READERS)), text=TEXT)
def test_readers_take_any_text(fmt, text):
    assert_read(fmt, text)


@SETTINGS
@given(data=st.data(), fmt=st.sampled_from(sorted(READERS)))
def test_readers_take_mutated_essays(data, fmt):
    assert_read(fmt, data.draw(mutated(fmt)))


YAML_SYNTAX = list(":-[]{}&*!|>'\"#,?%@` \n\t0aé") + ["  ", "\n- ", ": ", "!!int ", "&a ", "*a"]


@SETTINGS
@given(st.lists(st.sampled_from(YAML_SYNTAX) | st.text(max_size=4), max_size=60).map("".join))
def test_yaml_metadata_takes_any_text(text):
    mapping, diags = load_yaml_mapping(text, "meta.yaml", first_line=2)
    assert mapping is not None or diags
    assert all(d.line >= 2 for d in diags)
