"""Large mappings kept in one file in parts ("buckets"), each pickled on its own.

The record of a published site holds an entry per file and per render job (tens of
thousands, 50 MB at 1,000 essays). An edit changes a few dozen of them, so pickling
the whole record again (0.3 s) would cost more than the edit: here a bucket whose
entries are all the very objects read from the previous record is copied from that
file byte for byte, and only the others are pickled. A key's bucket is the CRC-32 of
the key, so it is the same in every process. Reading unpickles every bucket with the
cyclic collector off (the entries are tuples and strings: no cycles to find, but
tens of thousands of containers that would trigger full collections).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from glossator.cache.store import PROTOCOL

VERSION = 1
HEAD = 8  # bytes of the header's length, then the header, then the buckets


class Source:
    """A record as read: its open file and each bucket's place and entries, so that
    an unchanged bucket is copied rather than pickled again. The file may be removed
    meanwhile (the build forgets the record before it writes): it stays readable."""

    def __init__(self, fd: int, parts: dict[str, list[tuple[int, int, dict]]]) -> None:
        self.fd = fd
        self.parts = parts

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


def read(path: Path) -> tuple[dict[str, dict], Any, Source] | None:
    """The mappings, the extra value and the source of the record at `path`; None
    when there is none or it cannot be read (a damaged record is no record)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        with no_collection():
            size = int.from_bytes(os.pread(fd, HEAD, 0), "big")
            version, places, extra = pickle.loads(os.pread(fd, size, HEAD))
            if version != VERSION:
                raise ValueError(version)
            maps: dict[str, dict] = {}
            parts: dict[str, list[tuple[int, int, dict]]] = {}
            start = HEAD + size
            for name, where in places.items():
                merged: dict = {}
                parts[name] = []
                for offset, length in where:
                    bucket = pickle.loads(os.pread(fd, length, start + offset))
                    merged.update(bucket)
                    parts[name].append((start + offset, length, bucket))
                maps[name] = merged
    except Exception:  # noqa: BLE001 - a damaged or older record: none
        os.close(fd)
        return None
    return maps, extra, Source(fd, parts)


def _same(bucket: dict, now: Mapping) -> bool:
    missing = object()
    return all(now.get(key, missing) is value for key, value in bucket.items())


def _buckets(name: str, now: Mapping, count: int, source: Source | None) -> list[bytes]:
    """The pickled buckets of mapping `name`, those unchanged copied from `source`."""
    before = source.parts.get(name, []) if source is not None and source.fd >= 0 else []
    if len(before) != count:
        fresh: list[dict] = [{} for _ in range(count)]
        for key, value in now.items():
            fresh[bucket_of(key, count)][key] = value
        return [pickle.dumps(part, PROTOCOL) for part in fresh]
    known: set = set()
    for _, _, bucket in before:
        known.update(bucket)
    added: dict[int, dict] = {}  # keys the previous record did not have, by bucket
    for key in now.keys() - known:
        added.setdefault(bucket_of(key, count), {})[key] = now[key]
    blobs = []
    for index, (offset, length, bucket) in enumerate(before):
        if index not in added and _same(bucket, now):
            blob = os.pread(source.fd, length, offset)  # type: ignore[union-attr]
            if len(blob) == length:
                blobs.append(blob)
                continue
        part = {key: now[key] for key in bucket if key in now}
        part.update(added.get(index, {}))
        blobs.append(pickle.dumps(part, PROTOCOL))
    return blobs


def write(
    path: Path, maps: dict[str, tuple[Mapping, int]], extra: Any, source: Source | None
) -> None:
    """Write the record: each mapping in `count` buckets, and `extra`, whole; to a
    temporary file renamed into place, so a reader finds the old record or the new."""
    places: dict[str, list[tuple[int, int]]] = {}  # offsets from the end of the header
    blobs: list[bytes] = []
    offset = 0
    for name, (mapping, count) in maps.items():
        places[name] = []
        for blob in _buckets(name, mapping, count, source):
            places[name].append((offset, len(blob)))
            offset += len(blob)
            blobs.append(blob)
    header = pickle.dumps((VERSION, places, extra), PROTOCOL)
    replace_file(path, [len(header).to_bytes(HEAD, "big"), header, *blobs])


def replace_file(path: Path, chunks: Iterable[bytes]) -> None:
    """Write `chunks` to a temporary file renamed to `path`: a reader finds the old
    file or the new one, never half. OSError when it cannot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
