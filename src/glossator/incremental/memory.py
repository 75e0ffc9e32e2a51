"""No full garbage collection while a build runs.

A build makes millions of objects that live until it ends (the documents, the works,
their pages) and almost no reference cycles. CPython runs a full collection each time
the objects alive have grown by a quarter since the last one, and each walks every
object alive: at 1,000 essays some twenty of them, the last few seconds each, about a
third of an edit's CPU time. The young generations are still collected (cheap, and
what cycles a build makes die young), and the usual thresholds come back when the
build ends, so a long `serve` session collects between its builds as before.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

NEVER = 2**31 - 1  # young collections between full ones: more than any build makes


def few_collections(function: Callable[P, R]) -> Callable[P, R]:
    """`function` run with the oldest generation left alone, then the thresholds as
    they were (also when it raises, and when such calls nest)."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        young, middle, old = gc.get_threshold()
        gc.set_threshold(young, middle, NEVER)
        try:
            return function(*args, **kwargs)
        finally:
            gc.set_threshold(young, middle, old)

    return run
