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
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from itertools import chain, compress
from operator import is_not, itemgetter, methodcaller
from pathlib import Path

from glossator.cache import Store, digest
from glossator.incremental import buckets
from glossator.incremental.inputs import cache_folder, folders_of
from glossator.render import Rendered
from glossator.render.site import Jobs

Stat = tuple[int, int, int]  # inode, size, modification time (ns)
FILE_BUCKETS, JOB_BUCKETS = 256, 1024  # some 150 files, 30 jobs each at 1,000 essays
FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


class RecordedJobs(dict):
    """The record's jobs: a job taken out (`pop`: render does, for each job it makes
    again) is let go in the record's source too, so that its piece is freed. The old
    pieces of 1,000 essays' jobs are some 70 MiB, which a build rendering every page
    (templates or code changed) held at its peak beside the new ones."""

    def __init__(self, jobs: Jobs, source: buckets.Source | None) -> None:
        super().__init__(jobs)
        self.source = source

    def pop(self, job: str, *default: object) -> object:
        if self.source is not None:
            self.source.let_go("jobs", job)
        return super().pop(job, *default)


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


@dataclass
class Kept:
    """The record as this process last wrote it, for serve's next build (in the
    store's memory): used only while the index on disk is the very file written then,
    so a record forgotten, or written since by another build, is read from disk."""

    index: tuple[int, int, int, int]  # the index file's inode, size and times
    files: dict[str, tuple[Stat, bytes]]
    jobs: Jobs
    folders: dict[str, tuple[int, int, int]]
    source: buckets.Source


def _index_stat(path: Path) -> tuple[int, int, int, int] | None:
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns


def _kept(path: Path, store: Store | None) -> Kept | None:
    if store is None or store.memory is None:
        return None
    found = store.get("published", path.name)
    if not isinstance(found, Kept) or found.source.fd < 0:
        return None
    return found if _index_stat(path) == found.index else None


def published(out_dir: Path, store: Store | None = None) -> Published:
    """The record of the last build, less every file no longer as it left it. With a
    `store` that keeps values in memory (serve), the record this process wrote last
    is taken from there, and a file is checked only when its folder is not as
    recorded: a file added, removed, renamed or replaced there shows in the folder's
    times; a file edited in place does not (docs/reliability.md, section 7). At
    30,000 files reading the record and checking each cost 0.5 s an edit."""
    path = _path(out_dir)
    kept = _kept(path, store)
    out = str(out_dir)
    if kept is not None:
        maps, folders, source = {"files": kept.files, "jobs": kept.jobs}, kept.folders, kept.source
    else:
        found = buckets.read(path)
        if found is None:
            return Published()
        maps, folders, source = found
    files, jobs = maps.get("files", {}), maps.get("jobs", {})
    same = {f for f, stat in folders.items() if _folder_stat(os.path.join(out, f)) == stat}
    if kept is None:
        untrusted = _untrusted(out, files)
    elif len(same) < len(folders):
        changed = {p: e for p, e in files.items() if p.rpartition("/")[0] not in same}
        untrusted = _untrusted(out, changed)
    else:
        untrusted = set()
    if untrusted:  # else the very mappings read: their buckets stay as they lie on record
        files = {p: e for p, e in files.items() if p not in untrusted}
        jobs = {j: v for j, v in jobs.items() if untrusted.isdisjoint(v[1])}
    listed = list(maps.get("files", {}))
    return Published(files, RecordedJobs(jobs, source), listed, same, source, list(folders))


def files_under(before: Published, folder: str) -> dict[str, Stat]:
    """The trusted files under `folder` (the search index's) with their stat: picked
    by a map from the 30,000 of the record."""
    found = filter(methodcaller("startswith", folder + "/"), before.files)
    return {path: before.files[path][0] for path in found}


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


def same_as_published(
    files: MutableMapping[str, bytes], before: Published, out_dir: Path
) -> dict[str, Stat]:
    """The files of `files` the published site holds, trusted, with these very bytes:
    dropped from `files`, returned with their stat (to leave them as they are)."""
    keep = {}
    out = str(out_dir)
    for path in [p for p in files if p in before.files]:
        stat, data = before.files[path][0], files[path]  # once: a spool reads it from disk
        if len(data) == stat[1] and _same_bytes(os.path.join(out, path), data):
            keep[path] = stat
            del files[path]
    return keep


def reusable(
    rendered: Rendered, files: MutableMapping[str, bytes], before: Published, out_dir: Path
) -> dict[str, Stat]:
    """The files to leave as published: those of the kept jobs, and each file to write
    whose bytes are the published ones (`same_as_published`)."""
    # by maps, not a loop of Python: some 30,000 kept jobs an edit
    paths = list(
        chain.from_iterable(map(itemgetter(1), map(rendered.jobs.__getitem__, rendered.kept)))
    )
    keep = dict(zip(paths, map(itemgetter(0), map(before.files.__getitem__, paths)), strict=True))
    keep.update(same_as_published(files, before, out_dir))
    return keep


def forget_published(out_dir: Path) -> None:
    """Called before writing: the record no longer describes the output."""
    with contextlib.suppress(OSError):
        _path(out_dir).unlink()


def record_published(
    out_dir: Path,
    written: Mapping[str, bytes],
    kept: dict[str, Stat],
    before: Published,
    jobs: Jobs,
    store: Store | None = None,
) -> None:
    """Note what `out_dir` now holds: the files written, and those left (unchanged);
    with a `store` keeping values in memory, kept there too (`Kept`)."""
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
    made = list(compress(jobs.values(), map(is_not, map(before.jobs.get, jobs), jobs.values())))
    if all(p in files for v in made for p in v[1]):
        whole = jobs
    else:
        whole = {j: v for j, v in jobs.items() if all(p in files for p in v[1])}
    folders = {}
    for folder in sorted({*before.known, *folders_of(written)}):
        stat = _folder_stat(os.path.join(out, folder))
        if stat is not None:
            folders[folder] = stat
    path = _path(out_dir)
    try:
        maps = {"files": (files, FILE_BUCKETS), "jobs": (whole, JOB_BUCKETS)}
        source = buckets.write(path, maps, folders, before.source)
    except OSError:
        return
    finally:
        if before.source is not None:
            before.source.close()
    index = _index_stat(path)
    if store is not None and store.memory is not None and index is not None:
        store.remember("published", path.name, Kept(index, files, whole, folders, source))
    else:
        source.close()
