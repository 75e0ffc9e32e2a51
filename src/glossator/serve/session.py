"""What the open pages follow: the number of the last good build and the last error.

A build that fails leaves the output folder as it was (write.py), so the pages keep
showing the last good site; the error is kept here for the overlay until a build
succeeds again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from glossator.diagnostics import format_text
from glossator.incremental.collector import collect_frozen
from glossator.pipeline import BuildResult, build
from glossator.write import OutputError


@dataclass
class State:
    build: int = 0  # increases with every successful build; pages reload when it does
    error: str = ""  # the failed build's diagnostics, or "" after a good one


@dataclass
class Session:
    """One `glossator serve`: rebuilds on request and wakes the pages waiting for news."""

    content: Path
    out: Path
    report: Callable[[str], None] = print
    state: State = field(default_factory=State)
    # the cache's values as read, kept between builds: an edit unpickles only what changed
    memory: dict = field(default_factory=dict)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def rebuild(self) -> BuildResult | None:
        """Build once; on success the pages reload, on failure they show the error. A
        search index not in the cache is built after the pages reload (`finish`), and
        the garbage the build left is collected last, while nobody waits."""
        result = self._build(
            lambda: build(self.content, self.out, search_later=True, memory=self.memory)
        )
        if result is not None and result.finish is not None:
            started = time.perf_counter()
            done = self._build(result.finish, announce=False)
            if done is not None and done.ok:
                took = (time.perf_counter() - started) * 1000
                self.report(f"glossator: search index rebuilt in {took:.0f} ms")
            result = done
        collect_frozen()
        return result

    def _build(self, run: Callable[[], BuildResult], announce: bool = True) -> BuildResult | None:
        """One build; `announce`: its success reloads the pages (the search index alone
        changes nothing they show)."""
        started = time.perf_counter()
        try:
            result: BuildResult | None = run()
        except (OutputError, OSError) as exc:
            result, message = None, f"glossator: {exc}\n"
        else:
            shown = [
                d
                for d in result.diagnostics
                if d.severity != "info" and (announce or d.code.startswith("search."))
            ]
            message = format_text(shown)
        took = (time.perf_counter() - started) * 1000
        with self._changed:
            if result is not None and result.ok and not announce:
                if self.state.error:  # a failure of the index build cleared
                    self.state = State(self.state.build, "")
                if message:
                    self.report(message.rstrip("\n"))
            elif result is not None and result.ok:
                self.state = State(self.state.build + 1, "")
                self.report(f"{message}glossator: rebuilt in {took:.0f} ms")
            else:
                failed = message or "glossator: build failed\n"
                self.state = State(self.state.build, failed)
                self.report(f"{failed}glossator: build failed; still serving the last good site")
            self._changed.notify_all()
        return result

    def wait(self, seen: State, timeout: float) -> State:
        """The state once it differs from `seen`, or after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.state != seen, timeout)
            return self.state
