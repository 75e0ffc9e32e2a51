"""The search index built in a thread while the pages render (`searching.meanwhile`)."""

from __future__ import annotations

import threading

import pytest

from glossator.incremental.searching import meanwhile


def test_the_result_comes_back_once_the_work_is_done():
    started, go = threading.Event(), threading.Event()

    def work():
        started.set()
        go.wait(5)
        return {"pagefind/x": b"1"}, []

    wait = meanwhile(work)
    assert started.wait(5)  # it runs while the caller goes on
    go.set()
    assert wait() == ({"pagefind/x": b"1"}, [])


def test_what_the_work_raised_is_raised_by_the_wait():
    def work():
        raise KeyError("a bug, not Pagefind failing")

    wait = meanwhile(work)
    with pytest.raises(KeyError):
        wait()
