"""A `format.batches.Run` over forked worker processes, one per core.

The formatting stage decides what is global first (the bibliography's
disambiguation), then hands out independent parts by number. Forked workers inherit
that state as it is in memory, so a part's task needs no pickling, only its result
comes back; results come back in order, so the build is the same as in one process.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from glossator.cores import usable_cores

T = TypeVar("T")
MINIMUM = 4  # fewer parts than this are run here: forking costs more than they do
_task: Callable[[int], Any] | None = None  # set in the parent before the fork


def _run(n: int) -> Any:
    assert _task is not None
    return _task(n)


def forked(task: Callable[[int], T], count: int, chunk: int | None = None) -> Iterator[T]:
    """`task(0)` … `task(count - 1)` in forked workers (here when they are few, or
    where processes cannot be forked), yielded in order. `chunk`: the tasks a worker
    is handed at a time (by default an eighth of its share); a worker holds their
    results until it sends them back."""
    global _task
    workers = min(usable_cores(), count)
    if workers < 2 or count < MINIMUM or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(task, range(count))
        return
    _task, done = task, 0
    gc.freeze()  # the workers' collector leaves the inherited objects (and their pages) alone
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            chunk = chunk or max(1, count // (workers * 8))
            for result in pool.map(_run, range(count), chunksize=chunk):
                yield result
                done += 1
    except BrokenProcessPool:  # a worker killed (out of memory): the rest here
        yield from map(task, range(done, count))
    finally:
        gc.unfreeze()
        _task = None
