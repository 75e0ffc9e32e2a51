"""The cyclic garbage collector, paused while a build reads and links its corpus.

A build of a thousand essays keeps some two million objects alive (documents, notes,
works) and makes almost no cyclic garbage; while it grows, Python's collector walks
the whole heap again every time it has grown by a quarter, some 30 % of the CPU of
an edit's rebuild. Reference counting still frees everything as before. At the end
the objects alive are frozen (`gc.freeze`): the later stages' collections skip them.
In a long-lived process (`glossator serve`) the next build first unfreezes and
collects what the previous one froze, so no cycle outlives its build for long.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic collection inside; what is alive at the end is frozen."""
    if gc.get_freeze_count():
        gc.unfreeze()  # a previous build's, in this process: collectable again
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
