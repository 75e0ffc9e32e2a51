"""Shared fixtures: the seed site built once, served over http, and one Chromium.

- `site`: the seeds in content/ built once per session into a temporary folder.
- `site_url`: that folder served by an in-process ThreadingHTTPServer on 127.0.0.1 and a
  free port (Pagefind search needs http://, not file://).
- `browser`: Debian's Chromium (/usr/bin/chromium) driven by Playwright, launched once
  per session. `playwright install` is never run: it downloads browsers, which this
  project does not do.
- `context` / `page`: a fresh browser context per test; every request that would leave
  the site is blocked and recorded in `context.offsite_requests`.

Tools that may be missing on a developer's machine (Chromium, Playwright, Java, the Nu
checker) make their tests skip; with CI=true they make them fail instead, because CI
installs them all (.ci/run).
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import settings

from glossator.cli import main

# Property tests explore new random inputs on a developer's machine; in CI they replay
# the same inputs each run (derandomize), so a gate is decided by the code, not by luck.
# Whatever a local run finds is kept as a regression case.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
ARTIFACTS = REPO / "test-artifacts"  # git-ignored; screenshots and reports land here
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")

# Where the Nu HTML checker is installed by `npm ci --ignore-scripts` (package.json).
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}

# The essays of the seed corpus: the blog post and the paper with 40-odd notes.
BLOG = "essays/russia-stance-on-syria.html"
PAPER = "essays/us-russia-un-syria.html"
# One page of each type issue 4 asks for, by the name the tests use.
PAGE_TYPES = {
    "index": "index.html",
    "essay-blog": BLOG,
    "essay-paper": PAPER,
    "bibliography": "bibliography.html",
    "source": "sources/unsc1998res1199.html",  # Resolution 1199, cited in note 9 of PAPER
    "about": "about.html",
    "404": "404.html",
    "search": "search.html",
}


def missing_tool(what: str) -> None:
    """Skip the calling test, or fail it when CI=true (CI must run every test)."""
    if IN_CI:
        pytest.fail(f"{what}; CI=true, so this test may not be skipped (.ci/run installs it)")
    pytest.skip(what)


def find_chromium() -> str | None:
    """Debian's Chromium: $CHROMIUM if set, else the apt package's paths, else PATH."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium")


def find_vnu() -> tuple[str, Path] | None:
    """(java, vnu.jar) when both are present."""
    java = shutil.which("java")
    if java and VNU_JAR.is_file():
        return java, VNU_JAR
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses the browser, and run those tests last.

    Playwright's sync API keeps an event loop marked as running on the main thread for
    as long as the browser is open, and `asyncio.run()` refuses to start while it is.
    Running the browser tests after all the others keeps any asyncio code elsewhere in
    the suite working.
    """
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus built once, exactly as `make site` builds it."""
    out = tmp_path_factory.mktemp("built") / "_site"
    code = main(["build", "--content", str(CONTENT), "--out", str(out)])
    assert code == 0, f"glossator build exited {code}"
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """`folder` served on 127.0.0.1 as a plain file server would, for the browser
    tests; its base URL (ending in /) while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """Base URL (ending in /) of the built site served on 127.0.0.1."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        missing_tool(
            "Chromium not found (apt-get install chromium; or set CHROMIUM=/path/to/chromium)"
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def _same_site(url: str, base: str) -> bool:
    scheme = urlsplit(url).scheme
    if scheme in ("data", "blob", "about"):
        return True
    return urlsplit(url).netloc == urlsplit(base).netloc and scheme == urlsplit(base).scheme


def open_context(browser: Any, site_url: str, **options: Any) -> Any:
    """A browser context that blocks, and records, any request leaving the site."""
    options.setdefault("viewport", DESKTOP)
    context = browser.new_context(**options)
    context.offsite_requests = []

    def guard(route: Any) -> None:
        url = route.request.url
        if _same_site(url, site_url):
            route.continue_()
        else:
            context.offsite_requests.append(url)
            route.abort()

    context.route("**/*", guard)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def context(browser: Any, site_url: str) -> Iterator[Any]:
    ctx = open_context(browser, site_url)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


@pytest.fixture
def no_pagefind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind not installed: no package ships its binary, none is on PATH, and
    PAGEFIND_BINARY_PATH names none."""
    for name in ("pagefind_bin", "pagefind_bin_extended"):
        monkeypatch.setitem(sys.modules, name, None)  # `import pagefind_bin` raises ImportError
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setenv("PATH", "")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def fixture_cases(path: Path) -> list[tuple[str, str, str]]:
    """(title, markdown, expected) of each case of a fixture file in markdown-it-py's
    style: a title line, `.`, the input, `.`, the expected output, `.`."""
    found, lines = [], path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title = lines[i]
        assert lines[i + 1] == ".", f"case {title!r}: a `.` line must follow the title"
        parts, i = [], i + 2
        for _ in range(2):
            start = i
            while lines[i] != ".":
                i += 1
            parts.append("\n".join(lines[start:i]))
            i += 1
        found.append((title, parts[0] + "\n", parts[1]))
    return found


@contextmanager
def session_served(session: Any) -> Iterator[int]:
    """A serve `Session` built once and served on a free port of 127.0.0.1 (yielded),
    its server stopped after."""
    from glossator.serve import make_server

    assert session.rebuild().ok
    server = make_server(session, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.stop()
        thread.join(timeout=5)
