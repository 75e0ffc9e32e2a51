"""The garbage collector paused while a build plans, and what it froze let go next time."""

from __future__ import annotations

import gc
import weakref

from glossator.incremental.collector import collection_paused


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_nothing_is_collected_inside_and_the_collector_is_as_it_was_after():
    gc.enable()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()


def test_a_cycle_frozen_by_one_build_is_collected_when_the_next_begins():
    with collection_paused():
        node = Node()
        gone = weakref.ref(node)
        del node
    gc.collect()
    assert gone() is not None  # frozen: the collector skips it
    assert gc.get_freeze_count() > 0
    with collection_paused():
        assert gone() is None
    gc.unfreeze()
