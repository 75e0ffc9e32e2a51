"""Serve's builds keep the record of the published site in memory: it is used only
while the record on disk is the one they wrote, and a file of the site added, removed
or replaced by hand is still seen (its folder's times tell), as by `glossator build`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.incremental.test_incremental import essay, files_of, start

from glossator import pipeline
from glossator.cache import Store
from glossator.incremental import cache_folder
from glossator.incremental.published import Kept, Published, files_under, published
from glossator.paths import OutputError
from glossator.pipeline import build

ALPHA = Path("essays") / "alpha.md"


def two_builds(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A site built in memory, then an edit built the same way (the record in memory)."""
    content = start(tmp_path)
    out, memory = tmp_path / "_site", {}
    assert build(content, out, memory=memory).ok
    (content / ALPHA).write_text(essay("Glosses", [(1, 0), (2, 1)]), "utf-8")
    assert build(content, out, memory=memory).ok
    assert any(isinstance(v, Kept) for v in memory.values())
    return content, out, memory


def clean(content: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "clean" / "_site"
    assert build(content, out, cache=False).ok
    return files_of(out)


def edit(content: Path, sentence: int) -> None:
    (content / ALPHA).write_text(essay("Glosses", [(sentence, 0), (0, 1)]), "utf-8")


def test_the_record_in_memory_is_the_one_on_disk(tmp_path):
    content, out, memory = two_builds(tmp_path)
    store = Store(cache_folder(out), memory)
    kept, read = published(out, store), published(out)
    assert kept.source is not read.source  # from memory, not read again
    assert (kept.files, kept.jobs, kept.folders) == (read.files, read.jobs, read.folders)
    assert (sorted(kept.listed), sorted(kept.known)) == (sorted(read.listed), sorted(read.known))


def test_a_record_written_since_by_another_build_is_read_from_disk(tmp_path):
    content, out, memory = two_builds(tmp_path)
    edit(content, 3)
    assert build(content, out).ok  # `glossator build` meanwhile, not in memory
    now = published(out, Store(cache_folder(out), memory))
    assert now.jobs == published(out).jobs
    edit(content, 4)
    assert build(content, out, memory=memory).ok
    assert files_of(out) == clean(content, tmp_path)


def test_a_page_removed_or_replaced_by_hand_is_written_again(tmp_path):
    content, out, memory = two_builds(tmp_path)
    site = files_of(out)
    (out / "essays" / "alpha.txt").unlink()
    (out / "sources" / "new.html").write_text("mine", "utf-8")
    os.replace(out / "sources" / "new.html", out / "sources" / "grafton1997.html")  # a save
    assert build(content, out, memory=memory).ok  # the content as it was
    assert files_of(out) == site == clean(content, tmp_path)


def test_a_file_put_in_the_site_by_hand_is_refused_not_deleted(tmp_path):
    content, out, memory = two_builds(tmp_path)
    (out / "essays" / "notes-of-mine.txt").write_text("mine", "utf-8")
    edit(content, 3)
    (content / "essays" / "alpha.md").unlink()  # its pages go: the folder is rewritten
    with pytest.raises(OutputError, match="notes-of-mine.txt"):
        build(content, out, memory=memory)
    assert (out / "essays" / "notes-of-mine.txt").read_text("utf-8") == "mine"


def test_the_files_under_a_folder_are_those_whose_path_starts_with_it():
    stat = (1, 2, 3)
    before = Published(
        files={p: (stat, b"") for p in ["pagefind/a.js", "pagefind/x/b", "pagefind.html", "a"]}
    )
    assert files_under(before, "pagefind") == {"pagefind/a.js": stat, "pagefind/x/b": stat}


def test_a_job_made_again_lets_its_old_piece_go_and_the_site_is_the_clean_one(
    tmp_path, monkeypatch
):
    """Every page made again (a template changed): render takes each job it makes out of
    the record read, which then holds none of their pieces (the cold build's peak was
    those beside the new ones); a job kept stays, with its piece."""
    content = start(tmp_path)
    out = tmp_path / "_site"
    assert build(content, out).ok
    seen: list[tuple] = []
    real = pipeline.render_jobs

    def render(site, formatted, folders, searchable, jobs, *rest):
        rendered = real(site, formatted, folders, searchable, jobs, *rest)
        seen.append((jobs, rendered))
        return rendered

    monkeypatch.setattr(pipeline, "render_jobs", render)
    templates = content.parent / "templates"
    templates.mkdir()
    (templates / "essay.html").write_text(
        "{% extends 'base.html' %}{% block main %}<p>{{ doc.meta.title }}</p>{% endblock %}\n",
        encoding="utf-8",
    )
    assert build(content, out).ok
    ((jobs, rendered),) = seen
    made = [job for job in rendered.jobs if job not in rendered.kept]
    assert any(job.startswith("essay:") for job in made) and rendered.kept
    assert all(job not in jobs for job in made) and all(job in jobs for job in rendered.kept)
    held = [v for _, _, bucket in jobs.source.parts["jobs"] for v in bucket.values()]
    assert {id(v) for v in held if isinstance(v, tuple)} <= {id(jobs[j]) for j in jobs}
    assert files_of(out) == clean(content, tmp_path)
