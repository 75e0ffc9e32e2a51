"""How the engine's drivers split their work, so that a caller can spread it out.

`CitationStyle.entries` and `.citations_many` first decide what is global (the
bibliography's disambiguation, its year suffixes), then hand a `Run` the independent
parts (chunks of entries, documents) by number. `in_order` runs them here; the build
passes a pool of forked processes (`incremental/pool.py`), whose workers inherit the
decided state. Either way the parts come back in order, so the result is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")
CHUNK = 400  # bibliography entries per part: about a second of rendering


class Run(Protocol):
    """Calls `task(0)`, …, `task(count - 1)` and yields their results in that order."""

    def __call__(self, task: Callable[[int], T], count: int) -> Iterator[T]: ...


def in_order(task: Callable[[int], T], count: int) -> Iterator[T]:
    """The parts one after another, in this process."""
    return map(task, range(count))


def chunks(count: int, size: int | None = None) -> list[range]:
    """0 … count - 1 cut into consecutive ranges of at most `size` (`CHUNK`)."""
    size = size or CHUNK
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


class Keys(list):
    """citeproc-py's list of registered keys, which it searches for every cite it
    registers (quadratic in a bibliography: 3.6 s at 29,573 entries), with an index
    beside it. Only appended to, as `register` does."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        super().__init__()
        self._at: dict[str, int] = {}
        for key in keys:
            self.append(key)

    def append(self, key: str) -> None:
        self._at.setdefault(key, len(self))
        super().append(key)

    def __contains__(self, key: object) -> bool:
        return key in self._at

    def index(self, key: str, *bounds: int) -> int:
        if bounds or key not in self._at:
            return super().index(key, *bounds)
        return self._at[key]
