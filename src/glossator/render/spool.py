"""The rendered site's files, their bytes kept in an unnamed temporary file.

A site of 1,000 essays is some 350 MB of pages, held from the moment each is rendered
until the write stage has written them all: the largest part of a cold build's peak
memory. A `Spool` is a mapping like the dict the render stage filled before, its
values appended to a temporary file (`tempfile.TemporaryFile`: unlinked as soon as
it is made, so nothing is left behind even when the process is killed) and read back
when asked for, once, by the write stage. Only the paths and offsets stay in memory.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, MutableMapping

BUFFER = 1 << 22  # bytes gathered before one write: tens of thousands of small pages


class Spool(MutableMapping[str, bytes]):
    """Path -> bytes, the bytes on disk. Replacing a path's bytes leaves the old ones
    in the file, unreachable: a build sets each path about once."""

    def __init__(self, folder: str | None = None) -> None:
        self._folder = folder or tempfile.gettempdir()
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 - closed by close()
        self._fd = self._file.fileno()
        self._at: dict[str, tuple[int, int]] = {}  # path -> offset, size
        self._pending = bytearray()  # bytes from offset `_written` on, not yet written
        self._written = 0

    def __setitem__(self, path: str, data: bytes) -> None:
        if not isinstance(data, bytes | bytearray | memoryview):
            raise TypeError(f"a file's content is bytes, not {type(data).__name__}")
        self._at[path] = (self._written + len(self._pending), len(data))
        if len(data) >= BUFFER:  # a large file (the bibliography, the data) not copied
            self._flush()
            self._write(data)
            return
        self._pending += data
        if len(self._pending) >= BUFFER:
            self._flush()

    def __getitem__(self, path: str) -> bytes:
        offset, size = self._at[path]
        if offset >= self._written:
            start = offset - self._written
            return bytes(self._pending[start : start + size])
        parts, done = [], 0
        while done < size:  # a read may return less than asked
            part = os.pread(self._fd, size - done, offset + done)
            if not part:
                raise OSError(f"the spool ended before {path}'s {size} bytes")
            parts.append(part)
            done += len(part)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def __delitem__(self, path: str) -> None:
        del self._at[path]

    def clear(self) -> None:
        """Every path gone, and the file emptied."""
        self._at, self._pending, self._written = {}, bytearray(), 0
        os.ftruncate(self._fd, 0)

    def __contains__(self, path: object) -> bool:
        return path in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """The file closed (its space freed); the mapping is unusable after."""
        self._pending = bytearray()
        self._file.close()

    def _flush(self) -> None:
        self._write(self._pending)
        self._pending = bytearray()

    def _write(self, data: bytes | bytearray | memoryview) -> None:
        """`data` at the file's end, all of it."""
        view, done = memoryview(data), 0
        try:
            while done < len(view):
                done += os.pwrite(self._fd, view[done:], self._written + done)
        except OSError as exc:  # a full disk, say: told as the build's other write errors
            why = f"{exc.strerror} (the rendered pages' temporary file; TMPDIR sets its folder)"
            raise OSError(exc.errno, why, self._folder) from exc
        finally:
            view.release()
        self._written += len(data)
