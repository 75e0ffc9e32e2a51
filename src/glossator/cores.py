"""The cores this process may run on: how many workers a pool of processes gets, and
how many Pagefind services index at once."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores the process is allowed (its affinity, on Linux), else the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
