"""The build's progress bar: on a terminal only, so logs, pipes and CI stay as they were.

A tqdm bar per stage on stderr, erased when the stage ends: what stays on the screen
is the build's own report."""

from __future__ import annotations

import os
from functools import cache
from typing import IO, Any


@cache
def _bar_class() -> type:
    """tqdm's bar, imported with the first bar: a build whose stderr is no terminal (CI,
    logs, the benchmarks) does not pay for the import (some 10 ms)."""
    from tqdm import tqdm

    class _Bar(tqdm):
        monitor_interval = 0  # no monitor thread: the build forks its readers after the first bar

    return _Bar


class Bars:
    """One bar at a time, replaced when the stage changes; `close()` erases the last."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.stage = ""
        self.bar: Any = None  # a tqdm bar

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage or self.bar is None:
            self.close()
            self.stage = stage
            columns, lines = size(self.stream)
            self.bar = _bar_class()(
                total=total,
                desc=stage,
                file=self.stream,
                leave=False,
                ncols=columns,
                nrows=lines,
            )
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.bar, self.stage = None, ""


def size(stream: IO[str]) -> tuple[int, int]:
    """The terminal's columns and lines, read as each bar starts; 80 by 24 where it says
    0 (a terminal opened by a program may), in which case tqdm would draw nothing."""
    try:
        columns, lines = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError):
        columns, lines = 0, 0
    return columns or 80, lines or 24


def terminal_progress(stream: IO[str]) -> Bars | None:
    """Bars on `stream` if a person watches it: a terminal, and not a CI job (some CI
    runners give their jobs a terminal, and their logs keep every redraw)."""
    if not stream.isatty() or os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        return None
    return Bars(stream)
