"""The order of diagnostics and the paths they show, for any input: the fast ways
(tuples keyed once, a sorted list extended, paths cut as strings) against the plain
definitions they replace."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from glossator.diagnostics import (
    Diagnostic,
    add_diagnostics,
    display_path,
    error,
    has_errors,
    info,
    sort_diagnostics,
    warning,
)

PATHS = ["content/site.yaml", "content/references.bib", "content/essays/a.md", "a.json", "b.md"]
make = st.sampled_from([error, warning, info])
diagnostics = st.lists(
    st.builds(
        lambda kind, path, line, code, message: kind(path, line, code, message),
        make,
        st.sampled_from(PATHS),
        st.integers(1, 4),
        st.sampled_from(["bib.uncurated", "note.x", "cite.unknown-key"]),
        st.sampled_from(["m", "n", "`x` is unknown"]),
    ),
    max_size=30,
)


def defined_order(found: list[Diagnostic]) -> list[Diagnostic]:
    """The order as the docstring states it, written out the slow way."""
    rank = {"site.yaml": 0, "references.bib": 1, "a.json": 1}
    return sorted(
        set(found),
        key=lambda d: (
            rank.get(d.path.rsplit("/", 1)[-1], 2),
            d.path,
            d.line,
            d.code,
            d.message,
            d.severity,
        ),
    )


@given(diagnostics)
def test_sorting_orders_by_rank_path_line_code_message_and_drops_repeats(found):
    ordered = sort_diagnostics(found)
    assert ordered == defined_order(found)
    assert len(ordered) == len(set(found))


@given(diagnostics, diagnostics)
def test_adding_to_a_sorted_list_is_sorting_them_all(first, more):
    assert add_diagnostics(sort_diagnostics(first), more) == sort_diagnostics(first + more)


def test_adding_nothing_gives_a_copy():
    ordered = sort_diagnostics([warning("b.md", 2, "x", "m"), error("a.md", 1, "y", "n")])
    added = add_diagnostics(ordered, [])
    assert added == ordered
    assert added is not ordered


def test_the_same_place_with_two_severities_has_one_order():
    both = [warning("a.md", 1, "x", "m"), error("a.md", 1, "x", "m")]
    assert sort_diagnostics(both) == sort_diagnostics(both[::-1]) == both[::-1]


segment = st.sampled_from(["a", "b", "..", ".", "essays", "x.md", ""])


@given(st.lists(segment, min_size=1, max_size=6), st.booleans())
def test_display_path_is_the_path_relative_to_the_working_directory(tmp_path_factory, parts, up):
    folder = tmp_path_factory.mktemp("cwd")
    (folder / "essays").mkdir(exist_ok=True)
    before = os.getcwd()
    os.chdir(folder / "essays" if up else folder)
    try:
        sibling = Path(f"{Path.cwd()}b", *parts)  # a folder whose name starts with the cwd's
        for path in (Path(*parts), Path(folder, *parts), Path("/", *parts), sibling):
            absolute = Path(os.path.abspath(path))
            try:
                expected = str(absolute.relative_to(Path.cwd().resolve()))
            except ValueError:
                expected = str(path)
            assert display_path(path) == expected, path
    finally:
        os.chdir(before)


@given(diagnostics, st.booleans())
def test_a_build_fails_on_an_error_and_with_strict_on_a_warning(found, strict):
    failing = {"error", "warning"} if strict else {"error"}
    assert has_errors(found, strict) == any(d.severity in failing for d in found)
    assert has_errors(iter(found), strict) == has_errors(found, strict)


@given(diagnostics)
def test_diagnostics_come_back_from_their_pickle_as_they_were(found: list[Diagnostic]):
    """A diagnostic pickles as `Diagnostic(*fields)`: equal, ordered and hashed alike."""
    again = pickle.loads(pickle.dumps(found, pickle.HIGHEST_PROTOCOL))
    assert again == found and all(type(d) is Diagnostic for d in again)
    assert sort_diagnostics(again) == sort_diagnostics(found)
    assert [hash(d) for d in again] == [hash(d) for d in found]
    assert [str(d) for d in again] == [str(d) for d in found]
