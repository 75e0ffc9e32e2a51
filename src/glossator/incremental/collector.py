"""The cyclic garbage collector's full collections held back while a build plans.

A build of a thousand essays keeps some two million objects alive (documents, notes,
works) and makes little cyclic garbage that lives long; while they are loaded, the
collector walks the whole heap again every time it has grown by a quarter, some 30 %
of the CPU of an edit's rebuild. Inside, only the young generations are collected
(the citation style's short-lived cycles are freed as before); reference counting
frees everything else as always. At the end the objects alive are frozen
(`gc.freeze`): the later stages' collections skip them. In a long-lived process
(`glossator serve`) what a build froze is unfrozen and collected once the pages have
reloaded (or, failing that, when the next build starts), so no cycle outlives its
build for long. `few_collections` holds full
collections back for a whole build (its render too), the thresholds as they were once
it returns, so a long `serve` session collects between its builds as before.

`lean_allocator` is the same care for C's allocator (glibc's): see its docstring.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

YOUNG = 10_000  # objects allocated between two collections of the youngest generation
NEVER = 1 << 30  # collections of the middle one before a full collection: none
# glibc's mallopt parameters, and the values a build sets
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8
LEAN = ((M_ARENA_MAX, 1), (M_MMAP_THRESHOLD, 128 * 1024), (M_TRIM_THRESHOLD, 128 * 1024))


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No full collection inside; what is alive at the end is frozen."""
    collect_frozen()  # a previous build's, in this process, if serve has not yet
    thresholds = gc.get_threshold()
    gc.set_threshold(YOUNG, thresholds[1], NEVER)
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*thresholds)


def collect_frozen() -> None:
    """What a previous build froze made collectable again, and collected: serve calls
    it once the pages have reloaded, so the next edit's build does not start with a
    full collection of the whole heap."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()


@functools.cache
def lean_allocator() -> bool:
    """glibc's allocator told to give freed memory back, once a process: whether it
    took the settings (False off glibc, where nothing is changed). By default it keeps
    an arena per thread (the pools' result threads, the index's thread) and raises
    its threshold for mapping a block of its own each time such a block is freed, so
    the megabytes the workers' results come back in stay in the heap, in holes. One
    arena, blocks of 128 KiB and more always mapped, and the heap trimmed above 128
    KiB: a cold build of 1,000 essays peaked some 45 MiB lower (of 656), as fast."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows)
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return all(mallopt(param, value) == 1 for param, value in LEAN)


def few_collections(function: Callable[P, R]) -> Callable[P, R]:
    """`function` run with the oldest generation left alone, then the thresholds as
    they were (also when it raises, and when such calls nest); the allocator lean."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        lean_allocator()
        young, middle, old = gc.get_threshold()
        gc.set_threshold(young, middle, NEVER)
        try:
            return function(*args, **kwargs)
        finally:
            gc.set_threshold(young, middle, old)

    return run
