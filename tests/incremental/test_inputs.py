"""The no-op fingerprint remembers each file's digest with its inode, size and times,
and reads a file again whenever any of them changed or it changed too recently to
tell (the racy case)."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

from glossator.incremental import inputs
from glossator.incremental.inputs import Memo, build_fingerprint


def content(tmp_path: Path) -> Path:
    essays = tmp_path / "content" / "essays"
    essays.mkdir(parents=True)
    (essays / "alpha.md").write_text("---\ntitle: Alpha\n---\n\nText.\n", "utf-8")
    (essays / "beta.md").write_text("---\ntitle: Beta\n---\n\nMore.\n", "utf-8")
    return tmp_path / "content"


def fingerprint(folder: Path, memo: Memo) -> str:
    return build_fingerprint(folder, [], folder.parent / "_site", False, None, memo)


def reads(monkeypatch) -> list[str]:
    opened: list[str] = []

    def counting(path, *args, **kwargs):
        opened.append(os.path.basename(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(inputs, "open", counting, raising=False)
    return opened


def test_a_remembered_digest_serves_while_the_file_is_as_it_was(tmp_path, monkeypatch):
    folder = content(tmp_path)
    monkeypatch.setattr(inputs, "RACY", -(10**15))  # every file old enough to remember
    first = Memo()
    key = fingerprint(folder, first)
    assert sorted(os.path.basename(p) for p in first.now) == ["alpha.md", "beta.md"]
    opened = reads(monkeypatch)
    again = Memo(first.now)
    assert fingerprint(folder, again) == key and opened == [] and not again.changed()
    # the same size, the modification time put back: the change time still tells
    essay = folder / "essays" / "alpha.md"
    before = os.stat(essay)
    essay.write_text("---\ntitle: Alpha\n---\n\nTent.\n", "utf-8")
    os.utime(essay, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(essay).st_size == before.st_size
    third = Memo(again.now)
    assert fingerprint(folder, third) != key
    assert opened == ["alpha.md"] and third.changed()
    # a file gone is forgotten
    (folder / "essays" / "beta.md").unlink()
    fourth = Memo(third.now)
    fingerprint(folder, fourth)
    assert [os.path.basename(p) for p in fourth.now] == ["alpha.md"]


def test_a_file_changed_just_before_it_is_read_is_not_remembered(tmp_path):
    folder = content(tmp_path)  # written now: a change in this tick could go unseen
    memo = Memo()
    key = fingerprint(folder, memo)
    assert memo.now == {}
    assert fingerprint(folder, Memo()) == key  # the same digest, read again


def test_the_fingerprint_with_and_without_a_memo_is_the_same(tmp_path, monkeypatch):
    folder = content(tmp_path)
    monkeypatch.setattr(inputs, "RACY", -(10**15))
    first = Memo()
    key = fingerprint(folder, first)
    assert fingerprint(folder, Memo(first.now)) == key == fingerprint(folder, Memo())
    (folder / "essays" / "beta.md").write_text("changed", "utf-8")
    assert fingerprint(folder, Memo(first.now)) == fingerprint(folder, Memo()) != key
