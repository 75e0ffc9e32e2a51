"""The no-op fingerprint remembers each file's digest with its inode, size and times,
and reads a file again whenever any of them changed or it changed too recently to
tell (the racy case)."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from glossator.incremental import inputs, reading
from glossator.incremental.inputs import Memo, build_fingerprint, folders_of
from glossator.incremental.reading import read_key
from glossator.write import inplace
from glossator.write.folders import parent_folders


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


def test_an_essays_key_takes_the_fingerprints_digest_only_while_the_file_is_as_read(
    tmp_path, monkeypatch
):
    """`reading.read_key` takes the digest the fingerprint remembered instead of hashing
    the essay again: the same key either way, and a new one as soon as the file
    changes, even with its size and modification time put back."""
    folder = content(tmp_path)
    essay = folder / "essays" / "alpha.md"
    hashed = read_key(essay, folder, None)  # nothing remembered yet: the bytes hashed
    monkeypatch.setattr(inputs, "RACY", -(10**15))
    fingerprint(folder, Memo())
    assert inputs.known_digest(os.lstat(essay)) == inputs.bytes_digest(essay.read_bytes())
    opened: list[str] = []
    real_open = builtins.open
    monkeypatch.setattr(
        reading, "open", lambda p, *a, **k: opened.append(p) or real_open(p, *a, **k), raising=False
    )
    assert read_key(essay, folder, None) == hashed and opened == []  # not read again
    before = os.stat(essay)
    essay.write_text("---\ntitle: Alpha\n---\n\nTent.\n", "utf-8")
    os.utime(essay, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert inputs.known_digest(os.lstat(essay)) is None
    changed = read_key(essay, folder, None)
    assert changed != hashed and opened == [essay]
    assert changed == read_key(folder / "essays" / "alpha.md", folder, None)


def test_a_file_changed_just_before_the_fingerprint_gives_no_digest_to_reuse(tmp_path):
    folder = content(tmp_path)  # written now: racy, so its digest is not to be trusted
    fingerprint(folder, Memo())
    assert inputs.known_digest(os.lstat(folder / "essays" / "alpha.md")) is None


def test_an_essays_real_place_is_the_one_realpath_finds(tmp_path):
    """The key names where the essay really is, worked out from the content folder's
    real place with one lstat of `essays/`: the same as `os.path.realpath`, through a
    linked content folder and a linked `essays/` too."""
    folder = content(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "gamma.md").write_text("---\ntitle: G\n---\n\nG.\n", "utf-8")
    (tmp_path / "linked").symlink_to(folder)
    other = tmp_path / "other"
    (other).mkdir()
    (other / "essays").symlink_to(tmp_path / "elsewhere")
    cases = [
        (folder, folder / "essays" / "alpha.md"),
        (tmp_path / "linked", tmp_path / "linked" / "essays" / "beta.md"),
        (other, other / "essays" / "gamma.md"),
        (tmp_path, tmp_path / "content" / "essays" / "alpha.md"),  # not directly under
    ]
    for root, path in cases:
        assert reading._real_path(path, root, os.path.realpath(root)) == os.path.realpath(path)


@given(st.lists(st.lists(st.sampled_from(["a", "b", "c.html", "é"]), min_size=1, max_size=4)))
def test_the_folders_of_the_files_written_are_every_prefix_and_the_output(parts):
    paths = ["/".join(p) for p in parts]
    every = {""} | {path[:i] for path in paths for i, c in enumerate(path) if c == "/"}
    assert folders_of(paths) == sorted(every)
    assert parent_folders(paths) == every


site_paths = st.lists(st.lists(st.sampled_from(["a", "b", "c.html"]), min_size=1, max_size=4))


@given(site_paths, site_paths)
def test_the_folders_an_edit_may_remove_are_those_left_without_files(before, after):
    """Publishing in place (`write.inplace`) removes the folders the old site had and
    the new one has not: found from the files removed alone."""
    listed, paths = {"/".join(p) for p in before}, {"/".join(p) for p in after}
    folders_of_old = {f for f in parent_folders(listed) if f} - parent_folders(paths)
    assert inplace._emptied(listed - paths, paths) == folders_of_old
