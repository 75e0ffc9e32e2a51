"""What the published site holds, file by file, so that a build rewrites only what changed.

After a successful write the build records, beside the output, each file's inode, size
and modification time, each render job's signature and files (`render.site`), and
each folder's inode and times. The next build trusts a file only while it still has
that inode, size and time (a file changed by hand, or replaced, is not trusted): a job
whose signature is unchanged and whose files are all trusted is not rendered, and a
trusted file whose new bytes are the ones it holds (compared with it: cheaper than
hashing) is not rewritten. Both stay in the published site as they are
(`write.inplace`). A folder whose inode and times are as recorded has had no file
added, removed or renamed, so the write need not list it for files of the user's.

The record is kept in buckets (`buckets.py`): an edit pickles and writes again only
the parts holding what it changed. It is removed before any write, like the no-op
record of `inputs.py`.
"""

from __future__ import annotations

import contextlib
import os
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path

from glossator.cache import digest
from glossator.incremental import buckets
from glossator.incremental.inputs import cache_folder, folders_of
from glossator.render import Rendered
from glossator.render.site import Jobs

Stat = tuple[int, int, int]  # inode, size, modification time (ns)
FILE_BUCKETS, JOB_BUCKETS = 256, 1024  # some 150 files, 30 jobs each at 1,000 essays
FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass
class Published:
    """The trusted files of the published site and the jobs wholly made of them."""

    # path -> its stat, and b"" (once the digest of its bytes: now a file that may be
    # left as it is is compared with the published one, which costs less)
    files: dict[str, tuple[Stat, bytes]] = field(default_factory=dict)
    jobs: Jobs = field(default_factory=dict)
    listed: list[str] = field(default_factory=list)  # every file recorded, trusted or not
    folders: set[str] = field(default_factory=set)  # unchanged since recorded ("" = root)
    source: buckets.Source | None = None  # the record as read, for its unchanged parts
    known: list[str] = field(default_factory=list)  # every folder recorded


def _path(out_dir: Path) -> Path:
    return cache_folder(out_dir) / "published" / digest(os.path.abspath(out_dir))


def _folder_stat(path: str) -> tuple[int, int, int] | None:
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_ctime_ns


def _untrusted(out: str, files: dict[str, tuple[Stat, bytes]]) -> set[str]:
    """The recorded files no longer as recorded (one lstat each, by name within each
    open folder: at 36,000 files about as fast as whole paths, 0.08-0.13 s)."""
    by_folder: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in files:
        folder, _, name = path.rpartition("/")
        by_folder[folder].append((name, path))
    untrusted: set[str] = set()
    for folder, entries in by_folder.items():
        try:
            fd = os.open(os.path.join(out, folder), FOLDER_FLAGS)
        except OSError:
            untrusted.update(path for _, path in entries)
            continue
        try:
            for name, path in entries:
                try:
                    found = os.lstat(name, dir_fd=fd)
                except OSError:
                    untrusted.add(path)
                    continue
                if (found.st_ino, found.st_size, found.st_mtime_ns) != files[path][0]:
                    untrusted.add(path)
        finally:
            os.close(fd)
    return untrusted


def published(out_dir: Path) -> Published:
    """The record of the last build, less every file no longer as it left it."""
    found = buckets.read(_path(out_dir))
    if found is None:
        return Published()
    maps, folders, source = found
    files, jobs = maps.get("files", {}), maps.get("jobs", {})
    out = str(out_dir)
    untrusted = _untrusted(out, files)
    if untrusted:  # else the very mappings read: their buckets stay as they lie on record
        files = {p: e for p, e in files.items() if p not in untrusted}
        jobs = {j: v for j, v in jobs.items() if untrusted.isdisjoint(v[1])}
    same = {f for f, stat in folders.items() if _folder_stat(os.path.join(out, f)) == stat}
    return Published(files, jobs, list(maps.get("files", {})), same, source, list(folders))


def _same_bytes(path: str, data: bytes) -> bool:
    """Whether the file at `path` holds exactly `data` (one more byte is asked for, so
    a longer file is not taken for it): reading is three times cheaper than hashing."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        return os.read(fd, len(data) + 1) == data
    except OSError:
        return False
    finally:
        os.close(fd)


def same_as_published(files: dict[str, bytes], before: Published, out_dir: Path) -> dict[str, Stat]:
    """The files of `files` the published site holds, trusted, with these very bytes:
    dropped from `files`, returned with their stat (to leave them as they are)."""
    keep = {}
    out = str(out_dir)
    for path in [p for p in files if p in before.files]:
        stat = before.files[path][0]
        if len(files[path]) == stat[1] and _same_bytes(os.path.join(out, path), files[path]):
            keep[path] = stat
            del files[path]
    return keep


def reusable(
    rendered: Rendered, files: dict[str, bytes], before: Published, out_dir: Path
) -> dict[str, Stat]:
    """The files to leave as published: those of the kept jobs, and each file to write
    whose bytes are the published ones (`same_as_published`)."""
    paths = list(chain.from_iterable(rendered.jobs[job][1] for job in rendered.kept))
    keep = dict(zip(paths, map(itemgetter(0), map(before.files.__getitem__, paths)), strict=True))
    keep.update(same_as_published(files, before, out_dir))
    return keep


def forget_published(out_dir: Path) -> None:
    """Called before writing: the record no longer describes the output."""
    with contextlib.suppress(OSError):
        _path(out_dir).unlink()


def record_published(
    out_dir: Path, written: dict[str, bytes], kept: dict[str, Stat], before: Published, jobs: Jobs
) -> None:
    """Note what `out_dir` now holds: the files written, and those left (unchanged)."""
    out = str(out_dir)
    # the entries as read, so that their buckets are left where they are
    files = dict(zip(kept, map(before.files.__getitem__, kept), strict=True))
    for path in written:
        try:
            found = os.lstat(os.path.join(out, path))
        except OSError:
            continue
        files[path] = ((found.st_ino, found.st_size, found.st_mtime_ns), b"")
    # a job kept is the one read, its files all kept; the others must have all theirs
    made = [v for j, v in jobs.items() if v is not before.jobs.get(j)]
    if all(p in files for v in made for p in v[1]):
        whole = jobs
    else:
        whole = {j: v for j, v in jobs.items() if all(p in files for p in v[1])}
    folders = {}
    for folder in sorted({*before.known, *folders_of(written)}):
        stat = _folder_stat(os.path.join(out, folder))
        if stat is not None:
            folders[folder] = stat
    try:
        maps = {"files": (files, FILE_BUCKETS), "jobs": (whole, JOB_BUCKETS)}
        buckets.write(_path(out_dir), maps, folders, before.source)
    except OSError:
        return
    finally:
        if before.source is not None:
            before.source.close()
