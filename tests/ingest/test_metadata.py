"""Metadata YAML: dates kept as written and checked against the calendar, duplicate keys."""

from __future__ import annotations

import pytest

from glossator.ingest.metadata import parse_metadata
from glossator.yamlmap import load_yaml_mapping


def read(text: str):
    mapping, diagnostics = load_yaml_mapping(text, "essay.yaml")
    assert mapping is not None
    meta, _, more = parse_metadata(mapping, "essay.yaml", expect_format=False)
    return meta, [str(d) for d in diagnostics + more]


@pytest.mark.parametrize("date", ["2016", "2016-12", "2016-12-01", "2024-02-29"])
def test_real_dates_are_kept_as_written(date):
    meta, diagnostics = read(f"title: T\ndate: {date}\n")
    assert (meta.date, diagnostics) == (date, [])


# "May 2016" was refused here before front matter read dates as Pandoc users write them
# (tests/ingest/test_front_matter.py); a sidecar still takes ISO dates only.
@pytest.mark.parametrize("date", ["2020-02-30", "2020-13-45", "2016-00"])
def test_impossible_dates_are_reported_not_raised(date):
    meta, diagnostics = read(f"title: T\ndate: {date}\n")
    assert meta.date is None
    assert diagnostics == [
        "essay.yaml:2: error: field `date` must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD "
        "[meta.invalid]"
    ]


def test_a_key_given_twice_is_an_error_at_the_second():
    _, diagnostics = read("title: A\nauthor: Ann\ntitle: B\n")
    assert diagnostics == [
        "essay.yaml:3: error: `title` is given twice (first at line 1); keep one "
        "[yaml.duplicate-key]"
    ]


def test_deep_nesting_is_reported_not_raised():
    mapping, diagnostics = load_yaml_mapping("a: " + "[" * 5000, "essay.yaml")
    assert mapping is None and [d.code for d in diagnostics] == ["yaml.invalid"]
