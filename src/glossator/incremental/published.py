"""What the published site holds, file by file, so that a build rewrites only what changed.

After a successful write the build records, beside the output, each file's inode, size,
modification time and the digest of its bytes, and each render job's signature and
files (`render.site`). The next build trusts a file only while it still has that
inode, size and time (a file changed by hand, or replaced, is not trusted): a job
whose signature is unchanged and whose files are all trusted is not rendered, and a
trusted file whose new bytes have the recorded digest is not rewritten. Both are
hard-linked from the published site into the staging folder, so the swap stays atomic.
The record is removed before any write, like the no-op record of `inputs.py`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from glossator.cache import digest
from glossator.cache.store import PROTOCOL
from glossator.incremental.inputs import cache_folder
from glossator.render import Rendered
from glossator.render.site import Jobs

Stat = tuple[int, int, int]  # inode, size, modification time (ns)


@dataclass
class Published:
    """The trusted files of the published site and the jobs wholly made of them."""

    files: dict[str, tuple[Stat, bytes]] = field(default_factory=dict)  # -> stat, digest
    jobs: Jobs = field(default_factory=dict)
    listed: list[str] = field(default_factory=list)  # every file recorded, trusted or not


def _path(out_dir: Path) -> Path:
    return cache_folder(out_dir) / "published" / digest(os.path.abspath(out_dir))


def _stat(path: Path | str) -> Stat | None:
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns


def bytes_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def published(out_dir: Path) -> Published:
    """The record of the last build, less every file no longer as it left it."""
    try:
        with open(_path(out_dir), "rb") as handle:
            files, jobs = pickle.load(handle)
    except Exception:  # noqa: BLE001 - no record or a damaged one: trust nothing
        return Published()
    out = str(out_dir)
    trusted = {p: e for p, e in files.items() if _stat(os.path.join(out, p)) == e[0]}
    whole = {j: v for j, v in jobs.items() if all(p in trusted for p in v[1])}
    return Published(trusted, whole, sorted(files))


def reusable(rendered: Rendered, files: dict[str, bytes], before: Published) -> dict[str, Stat]:
    """The files to link from the published site: those of the kept jobs, and each
    file to write whose bytes are the published ones (dropped from `files`)."""
    keep = {p: before.files[p][0] for job in rendered.kept for p in rendered.jobs[job][1]}
    for path in [p for p in files if p in before.files]:
        if bytes_digest(files[path]) == before.files[path][1]:
            keep[path] = before.files[path][0]
            del files[path]
    return keep


def forget_published(out_dir: Path) -> None:
    """Called before writing: the record no longer describes the output."""
    with contextlib.suppress(OSError):
        _path(out_dir).unlink()


def record_published(
    out_dir: Path, written: dict[str, bytes], kept: dict[str, Stat], before: Published, jobs: Jobs
) -> None:
    """Note what `out_dir` now holds: the files written, and those linked (unchanged)."""
    out = str(out_dir)
    files = {p: (stat, before.files[p][1]) for p, stat in kept.items()}
    for path, data in written.items():
        stat = _stat(os.path.join(out, path))
        if stat is not None:
            files[path] = (stat, bytes_digest(data))
    path = _path(out_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((files, jobs), handle, PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        return
