"""A document's body kept as its pickle until something reads it.

A build's process holds every document of the corpus from reading to writing, yet
reads most bodies only in its workers (the pages, the search index). An essay's
sections and notes as objects take some three times the memory of their pickle
(1,000 essays: 158 MiB against 57 MiB), and unpickling them is most of what loading
a cached essay costs. So a document that comes out of a pickle (a worker's result,
the cache) keeps each of its two parts packed, and unpacks one the first time it is
asked for; pickled again, a packed part is written as it came.
"""

from __future__ import annotations

import pickle
from typing import Any

PROTOCOL = pickle.HIGHEST_PROTOCOL
PARTS = ("sections", "notes")
_PACKED = {"sections": "_packed_sections", "notes": "_packed_notes"}


class Packable:
    """For `Document`: its `sections` and `notes` packed when unpickled."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        # Only called when `name` is not in the instance's dict: a packed part.
        packed = _PACKED.get(name)
        if packed is not None:
            data = self.__dict__.pop(packed, None)
            if data is not None:
                value = self.__dict__[name] = pickle.loads(data)
                return value
        raise AttributeError(name)

    def __reduce__(self) -> tuple[Any, ...]:
        state = self.__dict__
        parts = tuple(
            state[_PACKED[name]] if _PACKED[name] in state else _pack(getattr(self, name))
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
        data = self.__dict__.get(_PACKED[part])
        if data is None:
            return True
        return any(cls.__qualname__.encode() in data for cls in classes)

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


def _pack(value: object) -> bytes:
    return pickle.dumps(value, PROTOCOL)


def _fields(doc: Packable) -> dict[str, Any]:
    return {k: v for k, v in doc.__dict__.items() if k not in PARTS and not k.startswith("_")}


def _unpickled(cls: type, fields: dict[str, Any], parts: tuple[bytes, ...]) -> Any:
    made = object.__new__(cls)
    made.__dict__.update(fields)
    for name, data in zip(PARTS, parts, strict=True):
        made.__dict__[_PACKED[name]] = data
    return made
