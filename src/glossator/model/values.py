"""Frozen values kept by the hundred thousand (inline nodes, markers, cites): slotted,
so each is a few pointers rather than an object with its own dictionary, and pickled
as their class and fields, which the cache loads as fast as the dictionaries it replaces
(the dataclass default for frozen slots calls a Python `__setstate__` per object)."""

from __future__ import annotations

from collections.abc import Callable
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
    return pickled_as_call(made)


def pickled_as_call(cls: type[T], make: Callable[..., T] | None = None) -> type[T]:
    """`cls` (a dataclass) pickled as `make(*fields)`, `cls` itself by default: the
    dataclass default for frozen slots calls a Python `__setstate__` per object. A
    `make` of its own (a faster maker) is named in the pickle instead of the class."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    remake: Any = make

    if not names:

        def reduce(self: Any) -> tuple[Any, tuple[Any, ...]]:
            return (remake or type(self), ())
    elif len(names) == 1:
        get_one = attrgetter(names[0])

        def reduce(self: Any) -> tuple[Any, tuple[Any, ...]]:
            return (remake or type(self), (get_one(self),))
    else:
        get = attrgetter(*names)

        def reduce(self: Any) -> tuple[Any, tuple[Any, ...]]:
            return (remake or type(self), get(self))

    reduce.pickled_by_name = make is None  # its pickle names `cls` (`Packable.may_hold`)
    cls.__reduce__ = reduce  # type: ignore[method-assign, assignment]
    return cls
