"""The spool holds the rendered files' bytes on disk and answers as the dict it replaces."""

from __future__ import annotations

import errno
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.render import spool as spool_module
from glossator.render.spool import Spool

PATHS = st.sampled_from(["index.html", "essays/a/index.html", "s/b.html", "feed.xml", "x"])
CONTENTS = st.binary(max_size=40)
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("set"), PATHS, CONTENTS),
        st.tuples(st.just("del"), PATHS, st.just(b"")),
        st.tuples(st.just("clear"), st.just(""), st.just(b"")),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(steps=STEPS, buffer=st.sampled_from([1, 7, 64, 1 << 22]))
def test_any_sequence_of_changes_reads_back_as_a_dict_would(steps, buffer):
    original = spool_module.BUFFER
    spool_module.BUFFER = buffer  # small: nearly every value written to the file at once
    try:
        with Spool() as spool:
            model: dict[str, bytes] = {}
            for action, path, data in steps:
                if action == "set":
                    spool[path] = data
                    model[path] = data
                elif action == "del" and path in model:
                    del spool[path]
                    del model[path]
                elif action == "clear":
                    spool.clear()
                    model.clear()
                assert dict(spool) == model
                assert list(spool) == list(model)
            assert ("nothing" in spool) is False
    finally:
        spool_module.BUFFER = original


def test_the_bytes_leave_memory_and_no_file_is_left_behind(tmp_path, monkeypatch):
    monkeypatch.setattr(spool_module, "BUFFER", 1000)
    pages = {f"essays/{n}/index.html": bytes([n % 251]) * (300 + n) for n in range(200)}
    with Spool(str(tmp_path)) as spool:
        assert os.listdir(tmp_path) == []  # unnamed from the start
        for path, data in pages.items():
            spool[path] = data
            assert len(spool._pending) < 1000  # never more than a buffer's worth held
        size = os.fstat(spool._fd).st_size
        assert size + len(spool._pending) == sum(map(len, pages.values()))
        assert spool == pages
        spool.update({"feed.xml": b"<feed/>"})
        assert spool["feed.xml"] == b"<feed/>"
    assert os.listdir(tmp_path) == []


def test_only_bytes_are_taken():
    with Spool() as spool, pytest.raises(TypeError):
        spool["index.html"] = "text"  # type: ignore[assignment]


def test_a_full_disk_is_told_with_the_folder_and_the_site_is_left_as_it_was(
    tmp_path, monkeypatch, capsys
):
    """The spool cannot be written (no space left): the build says where and why, as
    for any write error, exits 1, and the published site is untouched."""
    from glossator.cli import main

    content = tmp_path / "content"
    (content / "essays").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Margins\n", encoding="utf-8")
    (content / "essays" / "a.md").write_text("---\ntitle: A\n---\n\nWords.\n", encoding="utf-8")
    out = tmp_path / "_site"
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (content / "essays" / "a.md").write_text("---\ntitle: A\n---\n\nOther.\n", encoding="utf-8")
    monkeypatch.setattr(spool_module, "BUFFER", 1)  # every page written at once

    def full(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(spool_module.os, "pwrite", full)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(spool_module.tempfile, "tempdir", None)  # TMPDIR read again
    capsys.readouterr()
    assert main(["build", "--content", str(content), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"glossator: {tmp_path}: cannot write the site: No space left on device" in err
    assert "TMPDIR" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
