"""Pages rendered over the cores (`render/spread.py`): the same site as rendered in
one process, and a site template's error in a worker told as in one process."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from glossator import pipeline
from glossator.cli import main
from glossator.cores import usable_cores
from glossator.pipeline import build
from glossator.render import site as render_site
from glossator.render import spread

REPO = Path(__file__).resolve().parents[2]


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def every_page_spread(monkeypatch):
    """The pool for any number of pages; the process that first rendered each, by
    page (shared memory, which the forked workers inherit)."""
    rendered_by = multiprocessing.Array("i", 4096)
    real = spread.spread_pages

    def counted(task, count, run):
        def noted(n: int) -> dict[str, bytes]:
            at = n % len(rendered_by)
            if not rendered_by[at]:  # the first to render it: a failed task is redone here
                rendered_by[at] = os.getpid()
            return task(n)

        return real(noted, count, run)

    monkeypatch.setattr(spread, "POOL_MINIMUM", 1)
    monkeypatch.setattr(render_site, "POOL_MINIMUM", 1)
    monkeypatch.setattr(render_site, "spread_pages", counted)
    return rendered_by


def in_workers(rendered_by) -> bool:
    """Whether pages were rendered by other processes than this one (where it can fork
    two workers: not with one core)."""
    if usable_cores() < 2:
        return True
    return any(pid not in (0, os.getpid()) for pid in rendered_by)


def test_pages_rendered_in_workers_are_those_rendered_in_one_process(tmp_path, every_page_spread):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    assert build(content, tmp_path / "spread" / "_site", cache=False).ok
    assert in_workers(every_page_spread)
    spread.POOL_MINIMUM = render_site.POOL_MINIMUM = 1 << 30  # this build: in one process
    assert build(content, tmp_path / "here" / "_site", cache=False).ok
    assert files_of(tmp_path / "spread" / "_site") == files_of(tmp_path / "here" / "_site")


def test_a_template_failing_in_a_worker_is_told_with_its_file_and_line(
    tmp_path, capsys, every_page_spread
):
    assert main(["init", str(tmp_path / "site")]) == 0
    site = tmp_path / "site"
    (site / "templates").mkdir(exist_ok=True)
    broken = "{% extends 'base.html' %}\n{% block main %}{{ no_such() }}{% endblock %}\n"
    (site / "templates" / "source.html").write_text(broken, encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--content", str(site / "content"), "--out", str(site / "_site")]) == 1
    problem = capsys.readouterr().err.splitlines()[0]
    assert problem.startswith(str(site / "templates" / "source.html") + ":2:"), problem
    assert problem.endswith("[template.render]")
    assert in_workers(every_page_spread)


def test_a_large_site_is_indexed_after_its_pages_and_they_are_the_same(
    tmp_path, monkeypatch, every_page_spread
):
    """Spread pages are rendered first and Pagefind run after (the workers fork from a
    process without the index); the pages assumed search, as a small site's do."""
    calls: list[str] = []
    real_render, real_index = pipeline.render_jobs, pipeline.cached_search_index

    def render(*args, **kwargs):
        calls.append("render")
        return real_render(*args, **kwargs)

    def index(*args, **kwargs):
        calls.append("index")
        return real_index(*args, **kwargs)

    monkeypatch.setattr(pipeline, "render_jobs", render)
    monkeypatch.setattr(pipeline, "cached_search_index", index)
    out = tmp_path / "spread" / "_site"
    assert build(REPO / "content", out, cache=False).ok
    assert calls == ["render", "index"]
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert 'class="search-unavailable"' not in (out / "search.html").read_text(encoding="utf-8")


def test_a_large_site_whose_pagefind_fails_is_the_site_without_search(
    tmp_path, monkeypatch, every_page_spread
):
    """Pagefind there but failing after the pages were rendered assuming search: the
    pages are made again without it, the very site a build without Pagefind writes."""
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'cannot start' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    failing = build(REPO / "content", tmp_path / "failing" / "_site", cache=False)
    assert failing.ok
    assert [d.code for d in failing.diagnostics if d.severity == "warning"] == [
        "search.unavailable"
    ]
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    assert not pipeline.pagefind_found()  # indexed before its pages, as before
    assert build(REPO / "content", tmp_path / "missing" / "_site", cache=False).ok
    site = files_of(tmp_path / "failing" / "_site")
    assert site == files_of(tmp_path / "missing" / "_site")
    assert 'class="search-unavailable"' in site["search.html"].decode("utf-8")
