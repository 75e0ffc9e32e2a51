"""Large mappings kept on disk in parts ("buckets"), each pickled on its own.

The record of a published site holds an entry per file and per render job (tens of
thousands, 50 MB at 1,000 essays). An edit changes a few dozen of them, so pickling
and writing the whole record again (0.3 s) would cost more than the edit. Here the
buckets lie in a data file that only grows (`<record>.data`), and the record itself
is a small index of where each bucket is: a bucket whose entries are all the very
objects read from the previous record stays where it is, and only the others are
pickled and appended. When the data file holds more dead buckets than live ones it
is written afresh. A key's bucket is the CRC-32 of the key, the same in every process.

The index is written last, by renaming a temporary file, and removed before the site
is written (`published.forget_published`): a build killed while appending leaves no
index, so what it appended is never read. Reading unpickles every bucket with the
cyclic collector off (the entries are tuples and strings: no cycles to find, but
tens of thousands of containers that would trigger collections).
"""

from __future__ import annotations

import contextlib
import gc
import operator
import os
import pickle
import tempfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from glossator.cache.store import PROTOCOL, replace_file

VERSION = 2
SLACK = 1 << 20  # bytes of dead buckets always tolerated before the data is rewritten

Places = dict[str, list[tuple[int, int]]]  # mapping -> each bucket's offset and length
_GONE = object()  # in a source's bucket, an entry let go: the same as no value now


class Source:
    """A record as read: its data file, still open, and each bucket's place and
    entries, so that an unchanged bucket is left where it is."""

    def __init__(self, fd: int, parts: dict[str, list[tuple[int, int, dict]]]) -> None:
        self.fd = fd
        self.parts = parts

    def let_go(self, name: str, key: str) -> None:
        """`key`'s entry of mapping `name` will not be the one recorded next: no longer
        held here (its bucket is pickled again, as it would have been)."""
        found = self.parts.get(name)
        if found:
            bucket = found[bucket_of(key, len(found))][2]
            if key in bucket:
                bucket[key] = _GONE

    def __del__(self) -> None:  # a build that ends without recording (an error)
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self.fd = -1


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def bucket_of(key: str, count: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % count


def _data_path(path: Path) -> Path:
    return path.with_name(path.name + ".data")


def read(path: Path) -> tuple[dict[str, dict], Any, Source] | None:
    """The mappings, the extra value and the source of the record at `path`; None
    when there is none or it cannot be read (a damaged record is no record)."""
    try:
        with open(path, "rb") as handle:
            version, inode, places, extra = pickle.load(handle)
        fd = os.open(_data_path(path), os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except Exception:  # noqa: BLE001 - no record, a damaged or an older one: none
        return None
    try:
        if version != VERSION or os.fstat(fd).st_ino != inode:
            raise ValueError(version)
        maps: dict[str, dict] = {}
        parts: dict[str, list[tuple[int, int, dict]]] = {}
        with no_collection():
            for name, where in places.items():
                merged: dict = {}
                parts[name] = []
                for offset, length in where:
                    bucket = pickle.loads(os.pread(fd, length, offset))
                    merged.update(bucket)
                    parts[name].append((offset, length, bucket))
                maps[name] = merged
    except Exception:  # noqa: BLE001 - a damaged record: none
        os.close(fd)
        return None
    return maps, extra, Source(fd, parts)


def _same(bucket: dict, now: Mapping) -> bool:
    """Whether every entry of `bucket` is in `now`, the very same object."""
    missing = object()
    found = map(now.get, bucket, [missing] * len(bucket))
    return all(map(operator.is_, found, bucket.values()))


def _buckets(
    name: str, now: Mapping, count: int, source: Source | None
) -> list[tuple[tuple[int, int] | bytes | None, dict]]:
    """Each bucket of mapping `name` with its entries: where it already lies in the
    data file, when its entries are those of `source`; else its pickle. A record
    written afresh (no `source`, or another count of buckets) has each bucket's
    pickle made as it is written (None here): all of them at once were some 50 MB at
    1,000 essays, the cold build's peak."""
    before = source.parts.get(name, []) if source is not None else []
    if len(before) != count:
        fresh: list[dict] = [{} for _ in range(count)]
        for key, value in now.items():
            fresh[bucket_of(key, count)][key] = value
        return [(None, part) for part in fresh]
    known: set = set()
    for _, _, bucket in before:
        known.update(bucket)
    added: dict[int, dict] = {}  # keys the previous record did not have, by bucket
    for key in now.keys() - known:
        added.setdefault(bucket_of(key, count), {})[key] = now[key]
    found: list[tuple[tuple[int, int] | bytes, dict]] = []
    for index, (offset, length, bucket) in enumerate(before):
        if index not in added and _same(bucket, now):
            found.append(((offset, length), bucket))
            continue
        part = {key: now[key] for key in bucket if key in now}
        part.update(added.get(index, {}))
        found.append((pickle.dumps(part, PROTOCOL), part))
    return found


def write(
    path: Path, maps: dict[str, tuple[Mapping, int]], extra: Any, source: Source | None
) -> Source:
    """Write the record: each mapping in `count` buckets, and `extra`, whole. The new
    buckets are appended to the data file `source` was read from, while that is still
    the one at its place and mostly alive; else the data file is written afresh.
    The record written, as `read` would return its source (serve keeps it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _data_path(path)
    reuse = source if source is not None and source.fd >= 0 else None
    if reuse is not None:
        try:
            current = os.stat(data).st_ino == os.fstat(reuse.fd).st_ino
        except OSError:
            current = False
        reuse = reuse if current else None
    found = {name: _buckets(name, m, n, reuse) for name, (m, n) in maps.items()}
    if reuse is not None:
        laid = [p for b in found.values() for p, _ in b]
        live = sum(p[1] if isinstance(p, tuple) else len(p) for p in laid if p is not None)
        # mostly dead, or laid out in another count of buckets: start again
        if None in laid or os.fstat(reuse.fd).st_size > 2 * live + SLACK:
            reuse = None
            found = {name: _buckets(name, m, n, None) for name, (m, n) in maps.items()}
    if reuse is None:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        os.close(fd)
        target, mode = Path(temporary), "wb"
    else:
        target, mode = data, "ab"
    places: Places = {}
    parts: dict[str, list[tuple[int, int, dict]]] = {}
    try:
        with open(target, mode) as handle:
            offset = handle.seek(0, os.SEEK_END)
            for name, buckets in found.items():
                places[name], parts[name] = [], []
                for made, entries in buckets:
                    if isinstance(made, tuple):
                        part = made
                    else:
                        pickled = pickle.dumps(entries, PROTOCOL) if made is None else made
                        handle.write(pickled)
                        part = (offset, len(pickled))
                        offset += len(pickled)
                        del pickled, made
                    places[name].append(part)
                    parts[name].append((*part, entries))
            inode = os.fstat(handle.fileno()).st_ino
        written = Source(os.open(target, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)), parts)
        if reuse is None:
            os.replace(target, data)
    except BaseException:
        if reuse is None:
            with contextlib.suppress(OSError):
                os.unlink(target)
        raise
    try:
        replace_file(path, [pickle.dumps((VERSION, inode, places, extra), PROTOCOL)])
    except BaseException:
        written.close()
        raise
    return written
