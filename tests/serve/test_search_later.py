"""Serve: the search index is rebuilt after the pages reload, never before.

An edit that changes what is searched publishes the pages first (with the previous
index), which reloads the open pages; Pagefind runs afterwards and its index is
published alone. The site is then what `glossator build` writes from scratch.
"""

from __future__ import annotations

import sys
from pathlib import Path

from glossator.incremental import searching
from glossator.pipeline import build
from glossator.serve import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "incremental"))
from test_incremental import essay, files_of, start  # noqa: E402


def test_the_index_is_rebuilt_after_the_reload(tmp_path, monkeypatch):
    content = start(tmp_path)
    out = tmp_path / "_site"
    said: list[str] = []
    session = Session(content, out, said.append)
    assert session.rebuild().ok  # the first build has no previous index: it waits
    assert session.state.build == 1
    runs: list[tuple[int, bytes]] = []  # the build the pages were told of, the page then
    real = searching.build_bundles

    def pagefind(*args, **kwargs):
        runs.append((session.state.build, (out / "essays" / "alpha.html").read_bytes()))
        return real(*args, **kwargs)

    monkeypatch.setattr(searching, "build_bundles", pagefind)
    old_index = {p: b for p, b in files_of(out).items() if p.startswith("pagefind/")}
    (content / "essays" / "alpha.md").write_text(essay("Glosses", [(4, 0)]), "utf-8")
    result = session.rebuild()
    assert result.ok and result.finish is None
    # Pagefind ran once, after the pages had been told of build 2 and showed the edit
    [(told, page)] = runs
    assert told == 2 and b"a map of its sources" in page
    assert session.state.build == 2  # the index alone reloads nothing
    assert any(line.startswith("glossator: search index rebuilt in") for line in said)
    monkeypatch.undo()
    clean = tmp_path / "clean" / "_site"
    assert build(content, clean, cache=False).ok
    assert files_of(out) == files_of(clean)
    assert {p: b for p, b in files_of(out).items() if p.startswith("pagefind/")} != old_index
    assert build(content, out).diagnostics == result.diagnostics  # recorded: a no-op


def test_an_edit_the_search_does_not_see_needs_no_second_step(tmp_path):
    content = start(tmp_path)
    out = tmp_path / "_site"
    session = Session(content, out, lambda _: None)
    assert session.rebuild().ok
    (content / "site.yaml").write_text("title: Small Type\n", encoding="utf-8")
    result = session.rebuild()  # the pages indexed are the same: the index is in the cache
    assert result.ok and result.finish is None and session.state.build == 2
