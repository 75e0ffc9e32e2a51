"""How far a build has got, for whoever shows it (the command line's progress bar on a
terminal). Stages report counts and nothing else: what they compute and write is the
same whether anyone listens."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]
"""`(stage, done, total)`, called as each item of a stage is done: ("Reading essays", 3, 100)."""

READING = "Reading essays"
RENDERING = "Rendering pages"


def silent(stage: str, done: int, total: int) -> None:
    """No one is watching."""
