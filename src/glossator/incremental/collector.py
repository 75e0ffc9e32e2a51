"""The cyclic garbage collector's full collections held back while a build plans.

A build of a thousand essays keeps some two million objects alive (documents, notes,
works) and makes little cyclic garbage that lives long; while they are loaded, the
collector walks the whole heap again every time it has grown by a quarter, some 30 %
of the CPU of an edit's rebuild. Inside, only the young generations are collected
(the citation style's short-lived cycles are freed as before); reference counting
frees everything else as always. At the end the objects alive are frozen
(`gc.freeze`): the later stages' collections skip them. In a long-lived process
(`glossator serve`) the next build first unfreezes and collects what the previous one
froze, so no cycle outlives its build for long.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

YOUNG = 10_000  # objects allocated between two collections of the youngest generation
NEVER = 1 << 30  # collections of the middle one before a full collection: none


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No full collection inside; what is alive at the end is frozen."""
    if gc.get_freeze_count():
        gc.unfreeze()  # a previous build's, in this process: collectable again
        gc.collect()
    thresholds = gc.get_threshold()
    gc.set_threshold(YOUNG, thresholds[1], NEVER)
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*thresholds)
