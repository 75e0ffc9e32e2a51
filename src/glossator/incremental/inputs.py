"""A build's inputs as one key, and the record of what the output folder holds.

The fingerprint covers every file under the content folder (names, kinds, bytes, and
where links lead), the site's template folders, the code version, the output path,
the working directory (diagnostics show paths relative to it) and `--strict`. After a
successful write the build records it beside the output; a build whose fingerprint is
the recorded one has nothing to do. The record is removed before any write begins,
so an interrupted or failed build never leaves a record claiming a site it did not
finish.

Reading and hashing every essay (50 MB at 1,000 essays) would be most of a no-op
build, so each file's digest is remembered with its inode, size and times (`Memo`) and
taken from there while the file still has them. As git does with its index, a digest
is remembered only for a file last changed well before it was read (`RACY`), so a
change made in the same tick of the file system's clock as the reading, which would
leave its times as they were, is never missed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from glossator.cache import code_version, digest
from glossator.cache.store import PROTOCOL
from glossator.diagnostics import BuildResult
from glossator.incremental.buckets import no_collection, replace_file
from glossator.paths import STAMP, check_output, search_path
from glossator.write import complete_interrupted, has_debris
from glossator.write.folders import parent_folders

CACHE_NAME = ".glossator-cache"
RECORDS = ("sites", "published")  # per output folder, beside the store's entries


def cache_folder(out_dir: Path) -> Path:
    """The cache lives beside the output folder (ignored by git, like `_site/`)."""
    out = Path(os.path.abspath(out_dir))
    return out.parent / CACHE_NAME


RACY = 2_000_000_000  # ns: a file changed this close to its reading is read again


def bytes_digest(data: bytes) -> bytes:
    """The digest a file's bytes are remembered by."""
    return hashlib.blake2b(data, digest_size=16).digest()


FileId = tuple[int, int, int, int, int]  # device, inode, size, modification and change time
_last_seen: dict[FileId, bytes] = {}  # the last fingerprint's trusted digests, in this process


def _file_id(found: os.stat_result) -> FileId:
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns


def known_digest(found: os.stat_result) -> bytes | None:
    """The digest of the file whose lstat is `found`, as the last fingerprint taken in
    this process remembered it (only a file changed well before it was read: `RACY`),
    while the file still has that device, inode, size and times; else None. So the
    essays' cache keys (`reading.read_key`) need not hash every essay again."""
    return _last_seen.get(_file_id(found))


class Memo:
    """Digests of files by path, each with the inode, size and times it was read at."""

    def __init__(self, known: dict[str, tuple[tuple[int, ...], bytes]] | None = None) -> None:
        self.known = known or {}
        self.now: dict[str, tuple[tuple[int, ...], bytes]] = {}  # what this build saw
        self.seen: dict[FileId, bytes] = {}  # the same, by device and inode (`known_digest`)

    def digest(self, path: str, found: os.stat_result) -> bytes:
        """The digest of the bytes of the regular file `path`, whose lstat is `found`."""
        key = (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
        entry = self.known.get(path)
        if entry is not None and entry[0] == key:
            self.now[path] = entry
            self.seen[_file_id(found)] = entry[1]
            return entry[1]
        read_at = time.time_ns()
        with open(path, "rb") as handle:
            value = bytes_digest(handle.read())
        if max(found.st_mtime_ns, found.st_ctime_ns) < read_at - RACY:
            self.now[path] = (key, value)
            self.seen[_file_id(found)] = value
        return value

    def changed(self) -> bool:
        return self.now != self.known


def _tree(folder: Path, into: list[bytes | str], memo: Memo) -> None:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        here = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = "" if here == "." else here + "/"
        for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            path = os.path.join(root, name)
            into.append(prefix + name)
            try:
                found = os.lstat(path)
                if stat.S_ISLNK(found.st_mode):
                    into.append("link:" + os.readlink(path))
                    into.append(os.path.realpath(path))
                    found = os.stat(path)
                into.append(f"mode:{stat.S_IFMT(found.st_mode)}")
                if stat.S_ISREG(found.st_mode):
                    into.append(memo.digest(path, found))
            except OSError as exc:
                into.append(f"error:{exc.errno}")


def build_fingerprint(
    content_dir: Path,
    template_folders: Sequence[Path],
    out_dir: Path,
    strict: bool,
    builtin_templates: Path | None = None,
    memo: Memo | None = None,
) -> str:
    memo = memo if memo is not None else Memo()
    parts: list[bytes | str] = [
        code_version(builtin_templates),
        os.getcwd(),
        os.path.abspath(content_dir),
        os.path.abspath(out_dir),
        f"strict={strict}",
        "pagefind=" + os.environ.get("PAGEFIND_BINARY_PATH", ""),  # where search comes from
    ]
    for folder in [content_dir, *template_folders]:
        parts.append(f"folder:{os.path.abspath(folder)}:{folder.is_dir()}")
        _tree(folder, parts, memo)
    global _last_seen  # noqa: PLW0603 - one table per process, replaced whole
    _last_seen = memo.seen
    return digest(*parts)


def _record_path(out_dir: Path) -> Path:
    return cache_folder(out_dir) / "sites" / digest(os.path.abspath(out_dir))


def folders_of(files: Iterable[str]) -> list[str]:
    """The output's folders, from the paths written: "" (the output itself) and up."""
    return sorted(parent_folders(files))


def output_signature(out_dir: Path, folders: list[str]) -> list[tuple[str, int, int]] | None:
    """Each folder's inode and change time, and the stamp's: a file added to or removed
    from any of them (a user's notes, another build's swap) changes it. None when the
    output is not there."""
    signature = []
    try:
        for name in [*folders, STAMP]:
            found = os.lstat(Path(out_dir) / name)
            signature.append((name, found.st_ino, found.st_mtime_ns))
    except OSError:
        return None
    return signature


def recorded(out_dir: Path, fingerprint: str) -> Any | None:
    """What the build that wrote `out_dir` returned, if its inputs were `fingerprint`
    and the folder is still as it left it; else None. The result is read only then:
    it is a pickle of its own after the key's."""
    try:
        with open(_record_path(out_dir), "rb") as handle, no_collection():
            found, folders, signature = pickle.load(handle)
            if found != fingerprint or output_signature(out_dir, folders) != signature:
                return None
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - no record, or a damaged one: build
        return None


def forget(out_dir: Path) -> None:
    """Called before writing: from now on the output is not the recorded one."""
    with contextlib.suppress(OSError):
        _record_path(out_dir).unlink()


def record(out_dir: Path, fingerprint: str, files: Iterable[str], value: Any) -> None:
    """Note that `out_dir` now holds the build of `fingerprint`, which wrote `files`."""
    path = _record_path(out_dir)
    folders = folders_of(files)
    signature = output_signature(out_dir, folders)
    if signature is None:
        return
    key = pickle.dumps((fingerprint, folders, signature), PROTOCOL)
    with contextlib.suppress(OSError):
        replace_file(path, [key, pickle.dumps(value, PROTOCOL)])


def _memo_path(out_dir: Path) -> Path:
    return _record_path(out_dir).with_suffix(".inputs")


def _read_memo(out_dir: Path) -> Memo:
    try:
        with open(_memo_path(out_dir), "rb") as handle, no_collection():
            known = pickle.load(handle)
        return Memo(known if isinstance(known, dict) else None)
    except Exception:  # noqa: BLE001 - none, or a damaged one: every file read
        return Memo()


def _write_memo(out_dir: Path, memo: Memo) -> None:
    with contextlib.suppress(OSError):
        replace_file(_memo_path(out_dir), [pickle.dumps(memo.now, PROTOCOL)])


def unchanged(
    content_dir: Path, out_dir: Path, builtin_templates: Path, strict: bool
) -> tuple[str, BuildResult | None]:
    """The build's fingerprint, and what the build that wrote `out_dir` returned when
    it had these very inputs and the folder is as it left it (so this one has nothing
    to do); only light modules are needed for it. OutputError for a refused output."""
    complete_interrupted(check_output(content_dir, out_dir))  # the site whole first
    folders = search_path(content_dir, builtin_templates)
    memo = _read_memo(out_dir)
    fingerprint = build_fingerprint(content_dir, folders, out_dir, strict, builtin_templates, memo)
    if memo.changed() and os.path.isdir(cache_folder(out_dir)):
        _write_memo(out_dir, memo)  # beside the cache: never the first file made there
    done = recorded(out_dir, fingerprint)
    if done is not None and not has_debris(out_dir) and isinstance(done, BuildResult):
        return fingerprint, done
    return fingerprint, None
