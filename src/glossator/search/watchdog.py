"""A time limit on each reply of a child process, not on the whole exchange."""

from __future__ import annotations

import subprocess
import threading
import time


class Watchdog:
    """Kills the process when the reply awaited is later than its own time limit: one
    thread for the whole run, each `arm` moving its deadline (a thread per reply would
    cost more than the replies)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._deadline: tuple[float, float, str] | None = None  # when, limit, what
        self._wake = threading.Condition()
        self._stopped = False
        self.fired: str | None = None  # what was awaited when it had to kill
        threading.Thread(target=self._watch, name="pagefind-watchdog", daemon=True).start()

    def _watch(self) -> None:
        with self._wake:
            while not self._stopped:
                if self._deadline is None:
                    self._wake.wait()
                    continue
                when, limit, what = self._deadline
                left = when - time.monotonic()
                if left > 0:
                    self._wake.wait(left)
                    continue
                self.fired = f"no answer to {what} within {limit:.0f} s"
                self._process.kill()
                return

    def arm(self, seconds: float, what: str) -> None:
        with self._wake:
            idle = self._deadline is None  # else it wakes at the old deadline, and waits on
            self._deadline = (time.monotonic() + seconds, seconds, what)
            if idle:
                self._wake.notify()

    def cancel(self) -> None:
        with self._wake:
            self._deadline = None

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify()
