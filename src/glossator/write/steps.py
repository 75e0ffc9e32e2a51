"""The count of a build's changes to the file system: the kill test's hook.

`GLOSSATOR_KILL_AT=N` (see docs/reliability.md) makes the build SIGKILL itself just
before its N-th step, so a test can stop it at every instant that matters.
"""

from __future__ import annotations

import os
import signal

count = 0


def step(what: str) -> None:
    """Called before every change to the file system (`what` names it, for debugging)."""
    global count
    count += 1
    kill_at = os.environ.get("GLOSSATOR_KILL_AT")
    if kill_at and count == int(kill_at):
        os.kill(os.getpid(), signal.SIGKILL)
