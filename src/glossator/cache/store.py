"""Pickled values on disk, each under the hash of its inputs.

Correct by construction: a value is only ever looked up by the digest of everything
the step that made it read, so a hit is what the step would compute again. A missing,
truncated or unreadable entry is a miss, never an error; entries are written to a
temporary name and renamed, so a killed build leaves no half-written entry behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

PROTOCOL = pickle.HIGHEST_PROTOCOL
FIRST = ".unfinished"  # in a folder a first build made and has not yet succeeded in


def digest(*parts: bytes | str) -> str:
    """One hex key for several inputs; each part's length goes in first, so the parts
    ("ab", "c") and ("a", "bc") never share a key."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class _Hashing:
    """A file for a pickler to write to that keeps only the hash of what it is given
    (and its length): a digest without the pickle in memory (the works' table of
    1,000 essays is some 30 MB of it)."""

    __slots__ = ("hash", "size")

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.hash = hashlib.blake2b(digest_size=20)
        self.size = 0

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        self.size += len(data)
        return len(data)

    def hexdigest(self) -> str:
        self.hash.update(self.size.to_bytes(8, "little"))  # after the bytes: one part
        return self.hash.hexdigest()


def value_digest(value: Any) -> str:
    """A key for a plain, acyclic value (dataclasses, dicts, lists of them): a hash of
    its pickle without the memo, so that equal values give equal bytes whichever of
    their parts happen to be one shared object (a memo would pickle a shared string
    once, and an equal copy twice). The pickle streams into the hash."""
    return value_digests([value])[0]


def value_digests(values: Iterable[Any]) -> list[str]:
    """`value_digest` of each value, by one pickler: for 30,000 small values (a site's
    works) making a pickler for each was a third of the cost."""
    sink = _Hashing()
    pickler = pickle.Pickler(sink, PROTOCOL)
    pickler.fast = True  # no memo: every part written out where it stands
    found = []
    for value in values:
        sink.reset()  # a fresh hash: the pickler writes all of a value by `dump`'s end
        pickler.dump(value)
        found.append(sink.hexdigest())
    return found


def replace_file(path: Path, chunks: Iterable[bytes]) -> None:
    """Write `chunks` to a temporary file renamed to `path`: a reader finds the old
    file or the new one, never half. OSError when it cannot."""

    def write(handle: BinaryIO) -> None:
        for chunk in chunks:
            handle.write(chunk)

    replace_file_with(path, write)


def replace_file_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """`replace_file` with what `write` writes to the file (a pickle streamed to it is
    never whole in memory); whatever it raises, no file is left behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _remove_unfinished(folder: Path, pid: int) -> None:
    """A first build's folder, when that build never succeeded (its mark is still there:
    a later build's success removed it); never from a forked worker's copy."""
    if os.getpid() == pid and os.path.exists(os.path.join(folder, FIRST)):
        shutil.rmtree(folder, ignore_errors=True)


class Store:
    """A folder of `<kind>/<key>.pickle` files; None (no folder) stores nothing.

    A first build creates the folder with its first entry, marked unfinished (`FIRST`);
    `flush`, once the build succeeded, removes the mark, and a store whose build never
    got there removes the marked folder when it is collected (or the process ends), so
    a failed first build leaves nothing behind. Entries go to disk as they are made:
    a first build no longer holds the whole cache in memory until it ends (some 150 MB
    at 1,000 essays). A killed first build leaves a marked folder of whole entries,
    each as good as any other (a key names all its value's inputs).

    `memory` (serve, which builds again and again in one process): the values already
    read or stored, kept across builds by their key, so an unchanged essay is not
    unpickled again on every edit. A key names its value's inputs, so a remembered
    value is what the disk holds; callers never change a value they got."""

    def __init__(
        self, folder: Path | None, memory: dict[tuple[str, str], Any] | None = None
    ) -> None:
        self.folder = folder
        self.memory = memory
        self.hits = 0
        self.misses = 0
        self._opened = False  # the folder is there (made by this store, or found)
        self.used: set[tuple[str, str]] = set()  # every entry this build read or wrote

    def _path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / f"{key}.pickle"

    def get(self, kind: str, key: str) -> Any | None:
        if self.folder is None:
            return None
        if self.memory is not None and (kind, key) in self.memory:
            self.hits += 1
            self.used.add((kind, key))
            return self.memory[kind, key]
        try:
            with open(self._path(kind, key), "rb") as handle:
                value = pickle.load(handle)
        except Exception:  # noqa: BLE001 - any damage to an entry is a miss
            self.misses += 1
            return None
        self.hits += 1
        self.used.add((kind, key))
        self.remember(kind, key, value)
        return value

    def remember(self, kind: str, key: str, value: Any) -> None:
        """Keep `value` in `memory`, for a store that has one."""
        if self.memory is not None and self.folder is not None:
            self.memory[kind, key] = value

    def previous(self, name: str) -> Any | None:
        """What this process' last build left under `name` (`keep_previous`): serve
        patches it with what changed instead of putting the corpus together again.
        Not a cached value: the caller checks what it was made from before use."""
        if self.memory is None or self.folder is None:
            return None
        self.used.add(("previous", name))
        return self.memory.get(("previous", name))

    def keep_previous(self, name: str, value: Any) -> None:
        """Keep a build's result for the next build in this process (never on disk)."""
        if self.memory is not None and self.folder is not None:
            self.used.add(("previous", name))
            self.memory["previous", name] = value

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store `value`, pickled straight into its file."""
        if self.folder is not None:
            self._write(kind, key, lambda handle: pickle.dump(value, handle, PROTOCOL))
            self.remember(kind, key, value)

    def put_pickled(self, kind: str, key: str, data: bytes) -> None:
        """Store a value already pickled."""
        self._write(kind, key, lambda handle: handle.write(data))

    def _write(self, kind: str, key: str, write: Callable[[BinaryIO], object]) -> None:
        """A cache that cannot be written only makes the next build slower."""
        if self.folder is None:
            return
        self.used.add((kind, key))
        try:
            if not self._opened:
                self._open()
            replace_file_with(self._path(kind, key), write)
        except OSError:
            return

    def _open(self) -> None:
        """The folder, made (and marked unfinished) if it is not there yet."""
        assert self.folder is not None
        if not self.folder.is_dir():
            self.folder.mkdir()
            (self.folder / FIRST).touch()
            weakref.finalize(self, _remove_unfinished, self.folder, os.getpid())
        self._opened = True

    def flush(self) -> None:
        """The build succeeded: a first build's folder is the cache now."""
        if self.folder is None:
            return
        try:
            self.folder.mkdir(exist_ok=True)
            os.unlink(self.folder / FIRST)
        except OSError:
            return

    def prune(self, keep_folders: tuple[str, ...] = ()) -> int:
        """Remove every entry this build neither read nor wrote (and any temporary file
        a killed build left), so the cache holds one build's worth; the folders named in
        `keep_folders` are not the store's and are left alone. The number removed."""
        if self.folder is None:
            return 0
        if self.memory is not None:
            for entry in [e for e in self.memory if e not in self.used]:
                del self.memory[entry]
        removed = 0
        try:
            kinds = [k for k in os.listdir(self.folder) if k not in keep_folders]
        except OSError:
            return 0
        for kind in kinds:
            folder = self.folder / kind
            try:
                names = os.listdir(folder)
            except OSError:  # not a folder of entries
                continue
            for name in names:
                if name.endswith(".pickle") and (kind, name[: -len(".pickle")]) in self.used:
                    continue
                with contextlib.suppress(OSError):
                    os.unlink(folder / name)
                    removed += 1
        return removed
