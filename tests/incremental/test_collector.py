"""Full collections held back while a build plans, and what it froze let go next time."""

from __future__ import annotations

import gc
import platform
import weakref

from glossator.incremental.collector import NEVER, YOUNG, collect_frozen, collection_paused


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_no_full_collection_inside_and_the_thresholds_as_they_were_after():
    before = gc.get_threshold()
    with collection_paused():
        assert gc.get_threshold()[2] == NEVER
        assert gc.isenabled()  # the young generations are still collected
    assert gc.get_threshold() == before
    gc.unfreeze()


def test_young_cycles_are_collected_inside_without_being_asked():
    with collection_paused():
        node = Node()
        gone = weakref.ref(node)
        del node
        kept = [[] for _ in range(3 * YOUNG)]  # allocations: the young are collected
        assert gone() is None
        del kept
    gc.unfreeze()


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


def test_collect_frozen_lets_the_frozen_cycles_go_and_leaves_nothing_frozen():
    with collection_paused():
        node = Node()
        gone = weakref.ref(node)
        del node
    assert gone() is not None and gc.get_freeze_count() > 0
    collect_frozen()
    assert gone() is None
    assert gc.get_freeze_count() == 0
    collect_frozen()  # nothing frozen: nothing to do


def test_the_allocator_takes_the_lean_settings_on_glibc_and_nothing_breaks_elsewhere(
    monkeypatch,
):
    from glossator.incremental import collector

    if platform.libc_ver()[0] == "glibc":
        collector.lean_allocator.cache_clear()
        assert collector.lean_allocator() is True  # mallopt said yes to each setting

    def no_library(_name):
        raise OSError("no such library")

    collector.lean_allocator.cache_clear()
    monkeypatch.setattr(collector.ctypes, "CDLL", no_library)
    try:
        assert collector.lean_allocator() is False
    finally:
        collector.lean_allocator.cache_clear()
