"""Frozen values kept by the hundred thousand (inline nodes, markers, cites): slotted,
so each is a few pointers rather than an object with its own dictionary, and pickled
as their class and fields, which the cache loads as fast as the dictionaries it replaces
(the dataclass default for frozen slots calls a Python `__setstate__` per object)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def frozen_value(cls: type[T]) -> type[T]:
    """`cls` as a frozen, slotted dataclass that pickles as `cls(*fields)`."""
    made: Any = dataclass(frozen=True, slots=True)(cls)
    if any(not f.init or f.kw_only for f in fields(made)):
        raise TypeError(f"{cls.__name__}: a frozen value's fields are its positional arguments")
    names = [f.name for f in fields(made)]
    if not names:

        def reduce(self: Any) -> tuple[type, tuple[Any, ...]]:
            return (type(self), ())
    elif len(names) == 1:
        get_one = attrgetter(names[0])

        def reduce(self: Any) -> tuple[type, tuple[Any, ...]]:
            return (type(self), (get_one(self),))
    else:
        get = attrgetter(*names)

        def reduce(self: Any) -> tuple[type, tuple[Any, ...]]:
            return (type(self), get(self))

    reduce.pickled_by_name = True  # its pickle names `cls` (`Packable.may_hold`)
    made.__reduce__ = reduce
    return made
