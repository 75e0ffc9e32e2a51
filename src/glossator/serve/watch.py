"""Watch the content and template folders and rebuild on every change.

watchfiles (Rust `notify`: inotify, FSEvents, or polling) groups the events of one
save into one batch; a batch is one rebuild. The server runs in its own thread, the
watcher in the caller's, so Ctrl-C (KeyboardInterrupt, or the stop event in tests)
ends the watch, then the server, cleanly.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from watchfiles import watch

from glossator.serve.server import SiteServer
from glossator.serve.session import Session

DEBOUNCE_MS = 20  # events of one save arriving within this are one batch
STEP_MS = 10  # how often watchfiles looks for new events (its default 50 adds latency)
IDLE_MS = 300  # with no event for this long, the watcher says so (the first time: `warm`)


def watched(folders: Iterable[Path]) -> list[Path]:
    return [folder for folder in folders if folder.is_dir()]


def serve_forever(
    session: Session,
    server: SiteServer,
    folders: Iterable[Path],
    stop: threading.Event | None = None,
) -> None:
    """Serve and rebuild until Ctrl-C or `stop` is set; the server is stopped on the way
    out either way."""
    thread = threading.Thread(target=server.serve_forever, name="glossator-serve", daemon=True)
    thread.start()
    try:
        paths = watched(folders)
        if paths:
            warmed = False
            for changes in watch(
                *paths,
                debounce=DEBOUNCE_MS,
                step=STEP_MS,
                stop_event=stop,
                raise_interrupt=False,
                rust_timeout=IDLE_MS,
                yield_on_timeout=True,
            ):
                if changes:
                    session.rebuild()
                elif not warmed:  # watching already: an edit meanwhile is not missed
                    warmed = True
                    session.warm()
        elif stop is not None:
            stop.wait()
    finally:
        server.stop()
        thread.join(timeout=5)
