"""The pool of forked workers: results in order, whatever happens to a worker."""

from __future__ import annotations

import os

from glossator.incremental import pool
from glossator.incremental.pool import forked


def test_results_come_back_in_order_from_forked_workers(monkeypatch):
    monkeypatch.setattr(pool, "MINIMUM", 2)
    parent = os.getpid()
    pids = list(forked(lambda n: os.getpid(), 6))
    assert parent not in pids  # the workers did the work
    assert list(forked(lambda n: n * n, 50)) == [n * n for n in range(50)]


def test_a_killed_worker_leaves_the_rest_to_this_process(monkeypatch):
    monkeypatch.setattr(pool, "MINIMUM", 2)
    parent = os.getpid()

    def task(n: int) -> int:
        if n == 3 and os.getpid() != parent:
            os._exit(1)  # as the kernel's out-of-memory killer would end it
        return n * n

    assert list(forked(task, 8)) == [n * n for n in range(8)]


def test_few_parts_are_run_here():
    parent = os.getpid()
    assert list(forked(lambda n: os.getpid(), pool.MINIMUM - 1)) == [parent] * (pool.MINIMUM - 1)
