"""Pages rendered over the cores (`render/spread.py`): the same site as rendered in
one process, and a site template's error in a worker told as in one process."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

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
