"""A document's body kept as its pickle until something reads it.

A build's process holds every document of the corpus from reading to writing, yet
reads most bodies only in its workers (the pages, the search index). An essay's
sections and notes as objects take some three times the memory of their pickle
(1,000 essays: 158 MiB against 57 MiB), and unpickling them is most of what loading
a cached essay costs. So a document that comes out of a pickle (a worker's result,
the cache) keeps each of its two parts packed, and unpacks one the first time it is
asked for; pickled again, a packed part is written as it came. A part is packed as
its pickle compressed (zlib's fastest level: 46 MiB of sections become 20 MiB, for
0.6 s of CPU shared by the reading workers), with the names of the classes a build
asks about (`HINTS`) that the pickle holds.
"""

from __future__ import annotations

import pickle
import zlib
from typing import Any

PROTOCOL = pickle.HIGHEST_PROTOCOL
PARTS = ("sections", "notes")
Packed = tuple[tuple[str, ...], bytes]  # a part packed: the hinted names it holds, its bytes
_PACKED = {"sections": "_packed_sections", "notes": "_packed_notes"}


class Packable:
    """For `Document`: its `sections` and `notes` packed when unpickled."""

    __slots__ = ()
    HINTS: tuple[str, ...] = ()  # classes whose presence a packed part notes

    def __getattr__(self, name: str) -> Any:
        # Only called when `name` is not in the instance's dict: a packed part.
        packed = _PACKED.get(name)
        if packed is not None:
            found = self.__dict__.pop(packed, None)
            if found is not None:
                value = self.__dict__[name] = pickle.loads(zlib.decompress(found[1]))
                return value
        raise AttributeError(name)

    def __reduce__(self) -> tuple[Any, ...]:
        state = self.__dict__
        parts = tuple(
            state[_PACKED[name]]
            if _PACKED[name] in state
            else pack(getattr(self, name), self.HINTS)
            for name in PARTS
        )
        return (_unpickled, (type(self), _fields(self), parts))

    def is_packed(self, part: str) -> bool:
        """Whether `part` ("sections" or "notes") has not been read since unpickling."""
        return _PACKED[part] in self.__dict__

    def may_hold(self, part: str, *classes: type) -> bool:
        """False only if `part` certainly holds no instance of `classes`: a packed part
        is asked without unpacking it, since a pickle names the class of every object
        in it (by its module and name), so a class whose name is not in the bytes has no
        instance there. A name in the text too only costs an unpacking. Only for classes
        pickled by name: not those whose instances a function of their own remakes."""
        for cls in classes:
            reduce = cls.__reduce__
            if reduce is not object.__reduce__ and not getattr(reduce, "pickled_by_name", False):
                raise TypeError(f"{cls.__name__} is not pickled by its name")
        found = self.__dict__.get(_PACKED[part])
        if found is None:
            return True
        hinted, data = found
        names = [cls.__qualname__ for cls in classes]
        if all(name in self.HINTS for name in names):
            return any(name in hinted for name in names)
        data = zlib.decompress(data)
        return any(name.encode() in data for name in names)

    def with_parts(self, **changes: Any) -> Any:
        """A copy with `changes` (of any field), the parts not changed still packed:
        `dataclasses.replace` reads, and so unpacks, every field."""
        made = object.__new__(type(self))
        state = {k: v for k, v in self.__dict__.items() if k not in changes}
        for name, value in changes.items():
            state.pop(_PACKED.get(name, ""), None)
            state[name] = value
        made.__dict__.update(state)
        return made

    def packed_part(self, part: str) -> Packed:
        """`part` ("sections" or "notes") as packed: as it came if not read, else
        packed now. A stage that makes a new part keeps it this way (the cache, the
        next stage's copy) so that the build's process need not hold it as objects."""
        found = self.__dict__.get(_PACKED[part])
        return found if found is not None else pack(getattr(self, part), self.HINTS)

    def with_packed(self, **parts: Packed) -> Any:
        """A copy whose named parts are the packed values given (`packed_part`'s), to
        be unpacked when first read; the other fields and parts as they are."""
        made = self.with_parts()
        for name, value in parts.items():
            made.put_back(name, value)
        return made

    def put_back(self, part: str, packed: Packed) -> None:
        """Let go of `part`'s objects, keeping it as `packed` (its `packed_part` before
        it was read): a stage that had to read the part of a document it does not
        hand on leaves it as small as it found it. The value does not change."""
        self.__dict__.pop(part, None)
        self.__dict__[_PACKED[part]] = packed

    def unpacked(self) -> Any:
        """This document with its parts as objects, leaving this one as it is: a worker
        that renders hundreds of pages keeps none of their bodies."""
        if not any(p in self.__dict__ for p in _PACKED.values()):
            return self
        made = object.__new__(type(self))
        made.__dict__.update(self.__dict__)
        for name in PARTS:
            getattr(made, name)
        return made


def pack(value: object, hints: tuple[str, ...]) -> Packed:
    """`value` (a part's list) packed as `Packable` keeps it."""
    data = pickle.dumps(value, PROTOCOL)
    return tuple(name for name in hints if name.encode() in data), zlib.compress(data, 1)


def _fields(doc: Packable) -> dict[str, Any]:
    return {k: v for k, v in doc.__dict__.items() if k not in PARTS and not k.startswith("_")}


def _unpickled(cls: type, fields: dict[str, Any], parts: tuple[tuple, ...]) -> Any:
    made = object.__new__(cls)
    made.__dict__.update(fields)
    for name, data in zip(PARTS, parts, strict=True):
        made.__dict__[_PACKED[name]] = data
    return made
