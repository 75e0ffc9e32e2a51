"""A build runs without full garbage collections, and leaves the thresholds as it found them."""

from __future__ import annotations

import gc

import pytest

from glossator.incremental.collector import NEVER, few_collections


def test_the_oldest_generation_is_left_alone_inside_and_restored_after():
    seen = []

    @few_collections
    def work(fail: bool) -> int:
        seen.append(gc.get_threshold())
        if fail:
            raise ValueError("a failed build")
        return 7

    before = gc.get_threshold()
    try:
        gc.set_threshold(500, 8, 9)
        assert work(False) == 7
        assert seen[-1] == (500, 8, NEVER)
        assert gc.get_threshold() == (500, 8, 9)
        with pytest.raises(ValueError):
            work(True)
        assert gc.get_threshold() == (500, 8, 9)
        nested = few_collections(lambda: (work(False), gc.get_threshold())[1])
        assert nested() == (500, 8, NEVER)  # the inner call restores the outer's setting
        assert gc.get_threshold() == (500, 8, 9)
    finally:
        gc.set_threshold(*before)
