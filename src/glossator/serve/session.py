"""What the open pages follow: the number of the last good build and the last error.

A build that fails leaves the output folder as it was (write.py), so the pages keep
showing the last good site; the error is kept here for the overlay until a build
succeeds again.

Open first: each page's events stream names the page, and an edit's build hands serve
the open essays' pages as soon as the content is read, linked and formatted
(`render/early.py`). A page that changed is then served from memory and told to
reload (`State.early`), before the build renders and publishes the rest of the site;
the other pages reload once it is published, and the pages from memory are dropped,
the files published being the same bytes. If the build fails after all (a template's
error, say), the pages from memory are dropped and the pages shown early reload too:
to the last good site, with the error over it.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from glossator.diagnostics import format_text
from glossator.incremental import unchanged
from glossator.incremental.collector import collect_frozen
from glossator.pipeline import TEMPLATES_DIR, BuildResult, build
from glossator.render.site import essay_path
from glossator.write import OutputError


@dataclass(frozen=True)
class State:
    build: int = 0  # increases with every successful build (and to take an early page back)
    error: str = ""  # the failed build's diagnostics, or "" after a good one
    early: tuple[str, ...] = ()  # the only pages (URL paths) to reload yet: the rest later


DELIVERY = 0.25  # s: how long an early reload waits at most for the streams to send it
ESSAY_PAGE = re.compile(r"essays/([^/]+)\.html")


@dataclass
class Session:
    """One `glossator serve`: rebuilds on request and wakes the pages waiting for news."""

    content: Path
    out: Path
    report: Callable[[str], None] = print
    state: State = field(default_factory=State)
    # the cache's values as read, kept between builds: an edit unpickles only what changed
    memory: dict = field(default_factory=dict)
    # pages rendered before the build published them (output path -> bytes), served first
    overlay: dict[str, bytes] = field(default_factory=dict)
    _open: Counter[str] = field(default_factory=Counter)  # the pages' URL paths, per stream
    _changed: threading.Condition = field(default_factory=threading.Condition)
    _shown_at: float | None = None  # when this rebuild's open pages were told to reload
    _sent: Counter[State] = field(default_factory=Counter)  # streams that sent each state

    def opened(self, page: str) -> None:
        """A page's events stream began (`page`: its URL path, as the browser has it)."""
        with self._changed:
            self._open[page] += 1

    def closed(self, page: str) -> None:
        with self._changed:
            self._open[page] -= 1
            if self._open[page] <= 0:
                del self._open[page]

    def open_pages(self) -> list[str]:
        """The pages whose events streams are open now (URL paths), in order."""
        with self._changed:
            return sorted(self._open)

    def rebuild(self) -> BuildResult | None:
        """Build once; on success the pages reload, on failure they show the error. A
        search index not in the cache is built after the pages reload (`finish`), and
        the garbage the build left is collected last, while nobody waits."""
        return self._rebuild()

    def warm(self) -> None:
        """When the first build had nothing to do (the site as its record says), its
        cache is read into memory now, while nobody waits, so that the first edit is
        as quick as the next ones (at 1,000 essays, some 3 s to the open page
        otherwise): the same build, its fingerprint given, publishes the same files
        and reloads nothing. Anything changed meanwhile: an ordinary rebuild."""
        if self.memory:
            return
        try:
            fingerprint, done = unchanged(self.content, self.out, TEMPLATES_DIR, False)
        except (OutputError, OSError):
            return  # the next rebuild reports it
        if done is None:
            self.rebuild()
        else:
            self._rebuild(fingerprint)

    def _rebuild(self, fingerprint: str | None = None) -> BuildResult | None:
        """`rebuild`; with the inputs' `fingerprint` (`warm`), a build of what it says
        is unchanged, whose success reloads nothing."""
        self._shown_at = None
        started = time.perf_counter()
        result = self._build(
            lambda: build(
                *(self.content, self.out),
                search_later=True,
                fingerprint=fingerprint,
                memory=self.memory,
                early=lambda render: self._early(render, started),
            ),
            announce=fingerprint is None,
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

    def _early(self, render: Callable[[list[str]], dict[str, bytes]], started: float) -> None:
        """The open essays' pages, rendered before the rest: those that changed are
        served from memory and their pages told to reload."""
        with self._changed:
            wanted = {page: _essay_slug(page) for page in self._open}
        wanted = {page: slug for page, slug in wanted.items() if slug is not None}
        if not wanted:
            return
        try:
            pages = render(sorted(set(wanted.values())))
        except Exception:  # noqa: BLE001 - the build renders it again and reports it
            return
        fresh = {path: data for path, data in pages.items() if not self._published(path, data)}
        shown = tuple(sorted(p for p, slug in wanted.items() if essay_path(slug) in fresh))
        if not shown:
            return
        with self._changed:
            self.overlay = fresh
            self.state = state = State(self.state.build + 1, "", shown)
            self._shown_at = time.perf_counter() - started
            self._changed.notify_all()
            # The streams write the news once they hold the interpreter, which the build
            # would keep for tens of milliseconds: it waits for them (a stuck one briefly).
            streams = sum(self._open.values())
            self._changed.wait_for(lambda: self._sent[state] >= streams, DELIVERY)
            self._sent.clear()

    def sent(self, state: State) -> None:
        """A page's events stream has written `state` (`_early` waits for them all)."""
        if not state.early:
            return  # only an early reload is waited for
        with self._changed:
            self._sent[state] += 1
            self._changed.notify_all()

    def _published(self, path: str, data: bytes) -> bool:
        try:
            return (self.out / path).read_bytes() == data
        except OSError:
            return False

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
            self.overlay = {}  # published now, or not to be
            if result is not None and result.ok and not announce:
                if self.state.error:  # a failure of the index build cleared
                    self.state = State(self.state.build, "")
                if message:
                    self.report(message.rstrip("\n"))
            elif result is not None and result.ok:
                early = self._shown_at is not None  # the number the open pages reloaded at
                self.state = State(self.state.build + (0 if early else 1), "")
                shown = f" (open page shown in {self._shown_at * 1000:.0f} ms)" if early else ""
                self.report(f"{message}glossator: rebuilt in {took:.0f} ms{shown}")
            else:
                failed = message or "glossator: build failed\n"
                # An open page shown early from memory shows what was not published: it
                # reloads (to the last good site, served again) as well as showing the error.
                taken_back = announce and self._shown_at is not None
                self.state = State(self.state.build + (1 if taken_back else 0), failed)
                self.report(f"{failed}glossator: build failed; still serving the last good site")
            self._changed.notify_all()
        return result

    def wait(self, seen: State, timeout: float) -> State:
        """The state once it differs from `seen`, or after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.state != seen, timeout)
            return self.state


def _essay_slug(page: str) -> str | None:
    """The slug of the essay whose page is at URL path `page`, if it is one."""
    match = ESSAY_PAGE.fullmatch(unquote(page, errors="replace").lstrip("/"))
    return match.group(1) if match else None
