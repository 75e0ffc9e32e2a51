"""Search: Pagefind run on the essays' index pages (`bundles.py`), one index per bundle.

The index is built in memory and returned as {path: bytes} like every rendered page, so
`write.py` stays the only code touching the output folder and the index is swapped in
together with the pages it points at.

Pagefind's Python wrapper (`pagefind.index.PagefindIndex`) sleeps 0.1 s before reading
each reply. So this module speaks the wrapper's protocol itself, to the same binary
(`pagefind --service`: base64-encoded JSON messages, each ending in a comma, answered in
turn), the pages written by a thread while their replies are read, and gets byte for
byte the files the wrapper writes. The same pages in the same order give the same
files, so two builds are identical. Each reply has its own time limit, in proportion to
what it answers.

If the package or its binary is missing, or Pagefind fails, the build goes on without
search: no index, and a `search.unavailable` warning; search.html's script then finds no
index and says search is unavailable (the template also has a script-free message, for
`search_available=False`).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from glossator.config import SiteConfig
from glossator.cores import usable_cores
from glossator.diagnostics import Diagnostic, warning
from glossator.model import Document
from glossator.search.bundles import INDEX_DIR as INDEX_DIR
from glossator.search.bundles import Page, assemble, bundle_pages
from glossator.search.watchdog import Watchdog

SEARCH_PAGE = "search.html"
# A reply may take TIMEOUT s, plus SECONDS_PER_MB for each megabyte of its page, and
# a bundle's index (GetFiles) SECONDS_PER_PAGE a page; a late one: pagefind killed.
TIMEOUT = 30.0
SECONDS_PER_MB = 10.0
SECONDS_PER_PAGE = 0.5
# Pagefind writes its own UI bundles too; search.html has its own small UI, so these
# are left out of the site (about 400 KB that nothing would load).
UNUSED_PREFIXES = (
    "pagefind-ui.",
    "pagefind-component-ui.",
    "pagefind-modular-ui.",
    "pagefind-highlight.",
)


class SearchError(Exception):
    """Pagefind could not build the index; the message says why."""


class PagefindMissing(SearchError):
    """The package or its binary is not there: the one case where installing helps."""


def index_language(site: SiteConfig) -> str:
    """Pagefind wants an ISO 639-1 code for stemming: `en-GB` -> `en`."""
    return (site.language or "en").split("-")[0].split("_")[0].lower() or "en"


class _Service:
    """A running `pagefind --service`, asked in turn: each request and each
    reply is base64-encoded JSON followed by a comma (base64 never contains one)."""

    def __init__(
        self, process: subprocess.Popen[bytes], stderr: IO[bytes], watchdog: Watchdog
    ) -> None:
        self._process = process
        self._stderr = stderr
        self._watchdog = watchdog
        self._buffer = b""
        self._start = 0  # where the next reply begins in the buffer
        self._message_id = 0

    def send(self, payload: dict[str, Any], seconds: float = 0.0) -> dict[str, Any]:
        """One request; its reply may take TIMEOUT plus `seconds`."""
        return self.send_all([payload], seconds)[0]

    def send_all(
        self, payloads: list[dict[str, Any]], seconds: float = 0.0
    ) -> list[dict[str, Any]]:
        """Requests written one after another by a thread while this one reads the
        replies: Pagefind answers each in turn, so this is the same exchange as one
        request at a time, without waiting a round trip for each record (about half
        the indexing time)."""
        stdin = self._process.stdin
        assert stdin is not None
        first = self._message_id + 1
        self._message_id += len(payloads)
        messages = [
            base64.b64encode(json.dumps({"message_id": first + n, "payload": p}).encode("utf-8"))
            + b","
            for n, p in enumerate(payloads)
        ]
        failed: list[OSError] = []

        def write() -> None:
            try:
                for message in messages:
                    stdin.write(message)
                stdin.flush()
            except OSError as exc:  # pagefind stopped; the reader reports it
                failed.append(exc)

        writer = threading.Thread(target=write, name="pagefind-requests", daemon=True)
        writer.start()
        try:
            replies = []
            for n, payload in enumerate(payloads):
                self._watchdog.arm(TIMEOUT + seconds + _weight(payload), _what(payload))
                replies.append(self._receive(first + n, failed))
            return replies
        finally:
            self._watchdog.cancel()
            writer.join(timeout=TIMEOUT)

    def _receive(self, message_id: int, failed: list[OSError]) -> dict[str, Any]:
        stdout = self._process.stdout
        assert stdout is not None
        # Replies are cut out of the buffer at an offset, and a reply still arriving
        # is joined once whole: slicing or appending to the rest at every reply copied
        # the index's reply (hundreds of megabytes at 1,000 essays) over and over.
        end = self._buffer.find(b",", self._start)
        if end < 0:
            parts = [self._buffer[self._start :]]
            try:
                while b"," not in parts[-1]:
                    chunk = stdout.read1(1 << 16)
                    if not chunk:
                        late = self._watchdog.fired
                        why = f": {late}, so it was stopped" if late else ""
                        why += f" ({failed[0]})" if failed and not late else ""
                        raise SearchError(f"pagefind stopped{why}{self._stderr_tail()}")
                    parts.append(chunk)
            except OSError as exc:
                raise SearchError(f"pagefind stopped ({exc}){self._stderr_tail()}") from exc
            self._buffer, self._start = b"".join(parts), 0
            end = self._buffer.find(b",")
        message = self._buffer[self._start : end]
        self._start = end + 1
        try:
            reply = json.loads(base64.b64decode(message))
            answer = reply["payload"]
            if answer["type"] == "Error":
                raise SearchError(f"pagefind: {answer.get('message', 'unknown error')}")
        except (KeyError, TypeError, ValueError) as exc:
            raise SearchError(f"pagefind sent a reply glossator cannot read ({exc})") from exc
        if reply.get("message_id") != message_id:
            raise SearchError("pagefind answered out of turn")
        return answer

    def _stderr_tail(self) -> str:
        self._stderr.seek(0)
        lines = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
        return f": {lines[-1]}" if lines else ""


@contextmanager
def _service(executable: Path) -> Iterator[_Service]:
    """`pagefind --service`, killed if it takes longer than TIMEOUT or outlives the block."""
    with tempfile.TemporaryFile() as stderr:
        try:
            process = subprocess.Popen(
                [str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
            )
        except OSError as exc:
            raise SearchError(f"cannot run {executable}: {exc}") from exc
        watchdog = Watchdog(process)
        try:
            yield _Service(process, stderr, watchdog)
        except BaseException:
            process.kill()  # it failed or answered wrongly: no need to wait for it
            raise
        finally:
            watchdog.stop()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    with suppress(OSError):
                        stream.close()
            try:
                process.wait(timeout=5)  # the service exits when its input ends
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def pagefind_executable() -> Path:
    """The binary the `pagefind[bin]` package ships, found where Pagefind's own wrapper
    (`pagefind.service.get_executable`) looks, in its order: PAGEFIND_BINARY_PATH, the
    `pagefind_bin_extended` or `pagefind_bin` package, then PATH. Looked up here, not
    through the wrapper: importing it (and asyncio, which it needs) took some 35 ms of
    a small site's build. Raises SearchError when there is none."""
    found = os.environ.get("PAGEFIND_BINARY_PATH")
    if found is None:
        packaged = _packaged_lookup()
        if packaged is not None:
            try:
                found = str(packaged())
            except (OSError, ValueError) as exc:
                raise PagefindMissing(f"the pagefind binary is missing ({exc})") from exc
        else:
            found = shutil.which("pagefind_extended") or shutil.which("pagefind")
            if found is None:
                raise PagefindMissing("the `pagefind[bin]` package is not installed")
    if not Path(found).is_file():
        raise PagefindMissing("the pagefind binary is missing")
    return Path(found)


def pagefind_found() -> bool:
    """Whether there is a Pagefind to run (`pagefind_executable`), asked before a
    large site's pages are rendered assuming search: without one they would be made
    twice at every build."""
    try:
        pagefind_executable()
    except SearchError:
        return False
    return True


def _packaged_lookup() -> Callable[[], Any] | None:
    """The `get_executable` of the package that ships Pagefind's binary, if one is
    installed (imported here: it is optional, and the site builds without it)."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        try:
            from pagefind_bin import get_executable
        except ImportError:
            return None
    return get_executable


def _weight(payload: dict[str, Any]) -> float:
    """Seconds a page's size allows beyond TIMEOUT."""
    return SECONDS_PER_MB * len(str(payload.get("file_contents", ""))) / 1_000_000


def _what(payload: dict[str, Any]) -> str:
    is_page = payload.get("type") == "AddFile"
    return f"the page {payload.get('url')}" if is_page else f"{payload.get('type')}"


def build_bundles(
    bundles: Mapping[int, Sequence[Page]],
    language: str,
    made: Callable[[int, dict[str, bytes]], None] | None = None,
) -> dict[int, dict[str, bytes]]:
    """Pagefind's files for each bundle of pages, as {bundle: {path in it: bytes}}: one
    index per bundle, the bundles shared out between `pagefind --service` processes,
    one a core (each index depends on its pages alone: the same files whichever
    process built it). Pagefind indexes in one thread; a thousand essays took it 24 s.
    Each bundle's pages are asked of `bundles` when that bundle is indexed, so a
    mapping that makes them then holds one bundle's pages at a time, not the site's.
    With `made`, each bundle's files are handed to it as they come (from the
    services' threads, in no set order) and not kept: the result is empty."""
    numbers = sorted(bundles)
    built: dict[int, dict[str, bytes]] = {}
    take = made if made is not None else built.__setitem__
    services = max(1, min(usable_cores(), len(numbers)))
    shares = [numbers[at::services] for at in range(services)]
    if services == 1:
        _build_share(bundles, shares[0], language, take)
    else:
        with ThreadPoolExecutor(services, thread_name_prefix="pagefind") as pool:
            list(pool.map(lambda share: _build_share(bundles, share, language, take), shares))
    return {number: built[number] for number in numbers if number in built}


def _build_share(
    bundles: Mapping[int, Sequence[Page]],
    numbers: list[int],
    language: str,
    made: Callable[[int, dict[str, bytes]], None],
) -> None:
    """One `pagefind --service` run, one index per bundle of `numbers`, each handed to
    `made` as it is read."""
    with _service(pagefind_executable()) as service:
        for number in numbers:
            pages = bundles[number]
            config = {"force_language": language}
            index_id = service.send({"type": "NewIndex", "config": config}).get("index_id")
            service.send_all(
                [
                    {
                        "type": "AddFile",
                        "index_id": index_id,
                        "url": page.url,
                        "file_contents": page.html,
                        "file_path": None,
                    }
                    for page in pages
                ]
            )
            reply = service.send(
                {"type": "GetFiles", "index_id": index_id}, SECONDS_PER_PAGE * len(pages)
            )
            del pages  # a made bundle's pages: garbage once sent
            files = _bundle_files(reply)
            del reply  # its base64 text, some 1.4 times the files
            made(number, files)
            del files
            service.send({"type": "DeleteIndex", "index_id": index_id})


def _bundle_files(reply: dict[str, Any]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    try:
        for item in reply["files"]:
            path = str(item["path"]).replace("\\", "/").lstrip("/")
            if path.startswith(UNUSED_PREFIXES):
                continue
            if not path or ".." in path.split("/"):
                raise SearchError(f"pagefind returned an unexpected file name {path!r}")
            files[path] = base64.b64decode(item["content"])
    except (KeyError, TypeError, ValueError) as exc:
        raise SearchError(f"pagefind returned files glossator cannot read ({exc})") from exc
    if "pagefind.js" not in files:
        raise SearchError("pagefind returned no pagefind.js")
    return files


def unavailable(exc: Exception, shown_path: str) -> Diagnostic:
    """The `search.unavailable` warning for what stopped Pagefind."""
    reason = str(exc) if isinstance(exc, SearchError) else f"{type(exc).__name__}: {exc}"
    message = (
        f"search index not built: {reason}; the site works without it and "
        f"{SEARCH_PAGE} says search is unavailable. "
    )
    if isinstance(exc, PagefindMissing):
        message += "Install Pagefind with `pip install 'pagefind[bin]'`"
    else:  # installed, but it failed: installing it again would not help
        message += "Pagefind is installed but failed; the next build tries again"
    return warning(shown_path, 1, "search.unavailable", message)


def search_index(
    documents: list[Document], site: SiteConfig, shown_path: str = SEARCH_PAGE
) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The Pagefind index of `documents` as {path: bytes}; without Pagefind, no files and
    a `search.unavailable` warning naming `shown_path` (the page that says so)."""
    try:
        return assemble(build_bundles(bundle_pages(documents), index_language(site))), []
    except Exception as exc:  # noqa: BLE001 - whatever Pagefind does, the site is built
        return {}, [unavailable(exc, shown_path)]
