"""The works' CSL-JSON items, each kept as its pickle.

A corpus of 1,000 essays cites some 30,000 works; as dictionaries their items took
39 MiB from formatting to the end of the build, as pickles 5 MiB. Formatting reads
most of them (`unpacking` gives each stage a memo of those it read); rendering reads
one per source page made; a digest of an item is the digest of its pickle, so an
unchanged work is signed without unpacking it.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from typing import Any

PROTOCOL = pickle.HIGHEST_PROTOCOL


def pack(item: dict) -> bytes:
    """A work's item as `CslItems` keeps it (a worker's result travels so, too)."""
    return pickle.dumps(item, PROTOCOL)


class CslItems(MutableMapping[str, dict]):
    """Work key -> CSL-JSON item, each unpickled when asked for: a fresh copy each
    time, so changing one changes nothing until it is set again."""

    def __init__(self, packed: Mapping[str, bytes] | Iterable[tuple[str, bytes]] = ()) -> None:
        self._packed: dict[str, bytes] = dict(packed)

    @classmethod
    def of(cls, items: Mapping[str, dict]) -> CslItems:
        """Items given as dictionaries (tests, a small corpus)."""
        return cls((key, pack(item)) for key, item in items.items())

    def packed(self, key: str) -> bytes | None:
        """The item's pickle, the same object each time (what a digest reads)."""
        return self._packed.get(key)

    def in_order(self) -> InOrder:
        """The items as a sequence, each unpickled when read (the bibliography's
        formatting reads each a few times, never all at once)."""
        return InOrder(list(self._packed.values()))

    def unpacking(self) -> Unpacked:
        """A memo of this mapping's items for one stage that reads many of them often."""
        return Unpacked(self)

    def __getitem__(self, key: str) -> dict:
        return pickle.loads(self._packed[key])

    def __setitem__(self, key: str, item: dict) -> None:
        self._packed[key] = pack(item)

    def __delitem__(self, key: str) -> None:
        del self._packed[key]

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CslItems):
            return self._packed == other._packed or dict(self.items()) == dict(other.items())
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]


class InOrder(Sequence[dict]):
    """Items by position, each unpickled when read: a fresh copy each time."""

    def __init__(self, packed: list[bytes]) -> None:
        self._packed = packed

    def __getitem__(self, n: int) -> dict:  # type: ignore[override]
        return pickle.loads(self._packed[n])

    def __len__(self) -> int:
        return len(self._packed)


class Unpacked(Mapping[str, dict]):
    """`CslItems` read through a memo: each item unpickled once, the same dictionary
    every time after (a document's citations share their works' items)."""

    def __init__(self, items: CslItems) -> None:
        self._items = items
        self._done: dict[str, dict] = {}

    def packed(self, key: str) -> bytes | None:
        return self._items.packed(key)

    def __getitem__(self, key: str) -> dict:
        found = self._done.get(key)
        if found is None:
            found = self._done[key] = self._items[key]
        return found

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._items else default

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)
