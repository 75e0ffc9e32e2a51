"""How far a build has got, for whoever shows it (the command line's progress bar on a
terminal). Stages report counts and nothing else: what they compute and write is the
same whether anyone listens."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Progress = Callable[[str, int, int], None]
"""`(stage, done, total)`, called as each item of a stage is done: ("Reading essays", 3, 100)."""

READING = "Reading essays"
FORMATTING = "Formatting citations"
RENDERING = "Rendering pages"
WRITING = "Writing files"


def silent(stage: str, done: int, total: int) -> None:
    """No one is watching."""


@contextmanager
def step(progress: Progress, stage: str) -> Iterator[None]:
    """A stage done in one piece, named while it runs (0 of 1), so a long one that
    cannot be counted still says what the build is doing."""
    progress(stage, 0, 1)
    yield
    progress(stage, 1, 1)
