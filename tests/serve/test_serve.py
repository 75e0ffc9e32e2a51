"""`glossator serve`: what it serves (and refuses), the reload script, the error overlay's
state, rebuilds on change, and a clean stop on Ctrl-C."""

from __future__ import annotations

import gc
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import session_served
from glossator.serve import Session, make_server, serve_forever
from glossator.serve.server import RELOAD_SCRIPT, resolve_request, with_reload_script

ESSAY = """---
title: Marginal Hands
author: Ida Lorne
date: 2020-05
---

## Readers in the margin

Scribes left their notes beside the text.[^1] Later readers argued with them.[^2]

[^1]: Anthony Grafton, *The Footnote: A Curious History* (Cambridge, MA:
    Harvard University Press, 1997), 24.
[^2]: Ibid., 30.
"""
BROKEN = ESSAY.replace("[^2]: Ibid., 30.\n", "")


def make_content(root: Path) -> Path:
    content = root / "content"
    (content / "essays").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Margins\n", encoding="utf-8")
    (content / "essays" / "marginal-hands.md").write_text(ESSAY, encoding="utf-8")
    return content


@pytest.fixture
def served(tmp_path):
    """A built site and its server on a free port, with the session behind it."""
    content = make_content(tmp_path)
    (tmp_path / "secret.txt").write_text("outside the site\n", encoding="utf-8")
    messages: list[str] = []
    session = Session(content, tmp_path / "_site", messages.append)
    with session_served(session) as port:
        yield session, port, messages


def get(port: int, path: str, method: str = "GET") -> tuple[int, bytes]:
    """One request with the path sent exactly as given (no client-side normalising)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest(method, path, skip_accept_encoding=True)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def first_event(port: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/__glossator/events")
    response = conn.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    line = response.fp.readline()
    conn.close()
    assert line.startswith(b"data: ")
    return json.loads(line[len(b"data: ") :])


TRAVERSALS = [
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/essays/..%2f..%2fsecret.txt",
    "/essays/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/.%2e/secret.txt",
    "/essays/..%5c..%5csecret.txt",
    "/..\\secret.txt",
    "/%00/secret.txt",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "/%252e%252e/secret.txt",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_nothing_outside_the_output_folder_is_served(served, path):
    _, port, _ = served
    status, body = get(port, path)
    assert status == 404
    assert b"outside the site" not in body
    assert b"root:" not in body


def test_a_link_inside_the_site_to_a_file_outside_is_404(served, tmp_path):
    session, port, _ = served
    (session.out / "leak.txt").symlink_to(tmp_path / "secret.txt")
    assert get(port, "/leak.txt")[0] == 404


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["..", "%2e%2e", ".%2E", "a", "essays", "", "."]), max_size=6))
def test_a_path_resolves_inside_the_root_or_not_at_all(tmp_path_factory, parts):
    root = tmp_path_factory.mktemp("root")
    (root / "a").mkdir(exist_ok=True)
    (root / "a" / "index.html").write_text("x", encoding="utf-8")
    found = resolve_request(root, "/" + "/".join(parts))
    if found is not None:
        assert found.resolve().is_relative_to(root.resolve())
        assert not any(p in ("..", "%2e%2e", ".%2E") for p in parts)


def test_pages_and_files_are_served_from_the_site(served):
    session, port, _ = served
    status, body = get(port, "/essays/marginal-hands.html")
    assert status == 200
    assert b"Scribes left their notes" in body
    status, body = get(port, "/api/documents/marginal-hands.json")
    assert status == 200
    assert body == (session.out / "api/documents/marginal-hands.json").read_bytes()
    status, body = get(port, "/")
    assert status == 200
    assert body == with_reload_script((session.out / "index.html").read_bytes())
    assert get(port, "/no-such-page.html")[0] == 404


def test_the_reload_script_exists_only_in_serve_mode(served):
    session, port, _ = served
    marker = RELOAD_SCRIPT.encode("utf-8")
    for page in sorted(session.out.rglob("*.html")):
        assert marker not in page.read_bytes(), page  # the files as `build` writes them
    _, body = get(port, "/essays/marginal-hands.html")
    assert body.count(marker) == 1
    assert body.index(marker) < body.rindex(b"</body>")
    _, data = get(port, "/feed.xml")
    assert marker not in data


def test_with_reload_script_goes_before_the_last_body_end():
    assert with_reload_script(b"<p></body> in text</p></body></html>") == (
        b"<p></body> in text</p>" + RELOAD_SCRIPT.encode("utf-8") + b"</body></html>"
    )
    assert with_reload_script(b"<p>no end</p>") == b"<p>no end</p>" + RELOAD_SCRIPT.encode()


def test_an_error_is_shown_and_the_last_good_site_kept_until_fixed(served):
    session, port, messages = served
    essay = session.content / "essays" / "marginal-hands.md"
    good_page = (session.out / "essays/marginal-hands.html").read_bytes()
    assert first_event(port) == {"build": 1, "error": ""}

    essay.write_text(BROKEN.replace("Later readers", "Later, angry readers"), encoding="utf-8")
    assert not session.rebuild().ok
    state = first_event(port)
    assert state["build"] == 1  # no reload: the page stays, with the overlay
    assert "marginal-hands.md:" in state["error"]
    assert "[note.missing]" in state["error"]
    assert (session.out / "essays/marginal-hands.html").read_bytes() == good_page
    assert b"angry" not in get(port, "/essays/marginal-hands.html")[1]
    assert "still serving the last good site" in messages[-1]

    essay.write_text(ESSAY.replace("Later readers", "Later, calmer readers"), encoding="utf-8")
    assert session.rebuild().ok
    assert first_event(port) == {"build": 2, "error": ""}  # reload, no overlay
    assert b"calmer" in get(port, "/essays/marginal-hands.html")[1]


def test_a_rebuild_leaves_nothing_frozen_for_the_next_edit_to_collect(served):
    """The build froze what it kept alive; serve collects it once the pages have
    reloaded, so the next edit's build starts without a full collection."""
    session, _, _ = served
    assert gc.get_freeze_count() == 0  # the fixture's first build
    essay = session.content / "essays" / "marginal-hands.md"
    essay.write_text(ESSAY.replace("Later readers", "Later, calmer readers"), encoding="utf-8")
    assert session.rebuild().ok
    assert gc.get_freeze_count() == 0


def test_a_waiting_page_hears_of_the_rebuild(served):
    session, port, _ = served
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/__glossator/events")
    response = conn.getresponse()
    assert json.loads(response.fp.readline()[6:])["build"] == 1
    assert response.fp.readline() == b"\n"
    essay = session.content / "essays" / "marginal-hands.md"
    essay.write_text(ESSAY.replace("Scribes", "Copyists"), encoding="utf-8")
    session.rebuild()
    assert json.loads(response.fp.readline()[6:]) == {"build": 2, "error": ""}
    conn.close()


def test_a_change_under_content_is_rebuilt_by_the_watcher(tmp_path):
    content = make_content(tmp_path)
    session = Session(content, tmp_path / "_site", lambda message: None)
    session.rebuild()
    server = make_server(session, "127.0.0.1", 0)
    stop = threading.Event()
    watcher = threading.Thread(target=serve_forever, args=(session, server, [content], stop))
    watcher.start()
    try:
        time.sleep(0.5)  # the watcher is set up
        essay = content / "essays" / "marginal-hands.md"
        essay.write_text(ESSAY.replace("Scribes", "Glossators"), encoding="utf-8")
        deadline = time.monotonic() + 20
        while session.state.build < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert session.state.build == 2
        page = (tmp_path / "_site" / "essays" / "marginal-hands.html").read_text("utf-8")
        assert "Glossators left their notes" in page
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert not watcher.is_alive()


def test_serve_started_on_a_built_site_reads_its_cache_before_the_first_edit(tmp_path, monkeypatch):
    """A serve started on a site already built has nothing to build: once the watcher
    is idle it reads the cache into memory (the same build, publishing the same files,
    reloading nothing), so the first edit takes the unchanged essay from memory."""
    from glossator.cache.store import Store

    content, out = make_content(tmp_path), tmp_path / "_site"
    other = ESSAY.replace("Marginal Hands", "Other Hands").replace("Scribes", "Monks")
    (content / "essays" / "other-hands.md").write_text(other, encoding="utf-8")
    Session(content, out, lambda message: None).rebuild()  # an earlier `glossator build`
    before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    session = Session(content, out, lambda message: None)
    session.rebuild()
    assert session.memory == {}  # nothing to do, nothing read
    started = session.state
    from_disk: list[str] = []
    real_get = Store.get

    def get(store, kind, key):
        cached = store.memory is not None and (kind, key) in store.memory
        found = real_get(store, kind, key)
        if found is not None and not cached:
            from_disk.append(kind)
        return found

    monkeypatch.setattr(Store, "get", get)
    warmed, real_warm = threading.Event(), session.warm
    monkeypatch.setattr(session, "warm", lambda: (real_warm(), warmed.set()))
    server = make_server(session, "127.0.0.1", 0)
    stop = threading.Event()
    watcher = threading.Thread(target=serve_forever, args=(session, server, [content], stop))
    watcher.start()
    try:
        assert warmed.wait(20) and session.memory
        deadline = time.monotonic() + 20
        assert "read" in from_disk and session.state == started  # nothing reloaded
        assert {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == before
        from_disk.clear()
        essay = content / "essays" / "marginal-hands.md"
        essay.write_text(ESSAY.replace("Scribes", "Glossators"), encoding="utf-8")
        while session.state.build == started.build and time.monotonic() < deadline:
            time.sleep(0.05)
        assert session.state.build == started.build + 1
        assert "Glossators" in (out / "essays" / "marginal-hands.html").read_text("utf-8")
        assert from_disk == []  # the unchanged essay from memory, not from the disk
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert not watcher.is_alive()


def _as_background_job() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # what a shell's `&` gives its job


@pytest.mark.parametrize(
    ("stop", "start"),
    [(signal.SIGINT, None), (signal.SIGINT, _as_background_job), (signal.SIGTERM, None)],
    ids=["ctrl-c", "ctrl-c-to-a-background-job", "sigterm"],
)
def test_ctrl_c_stops_serve_cleanly(tmp_path, stop, start):
    content = make_content(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "glossator", "serve", "--content", str(content), "--port", "0"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=start,
    )
    try:
        lines = []
        while True:
            line = process.stderr.readline()
            assert line, "".join(lines)
            lines.append(line)
            if "serving" in line:
                break
        port = int(line.split(":")[-1].split("/")[0])
        assert get(port, "/")[0] == 200
        process.send_signal(stop)
        assert process.wait(timeout=15) == 0  # before reading: a process left running fails
        rest = process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
    assert "Traceback" not in rest
    assert rest.strip().endswith("glossator: stopped")
    assert (tmp_path / "_site" / "index.html").is_file()
    assert not list(tmp_path.glob("._site.*"))  # no staging folder or lock left behind


def test_search_is_served_with_its_index(served):
    session, port, _ = served
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/pagefind/pagefind.js")
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.status == 200
    assert response.getheader("Content-Type") in ("text/javascript", "application/javascript")
    assert body == (session.out / "pagefind" / "pagefind.js").read_bytes()
    status, page = get(port, "/search.html")
    assert status == 200
    assert b"pagefind/pagefind.js" in page


def events(port: int, page: str):
    """An open page's events stream: the response, and a reader of its next message."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/__glossator/events?page=" + page)
    response = conn.getresponse()

    def next_state() -> dict:
        while True:
            line = response.fp.readline()
            if line.startswith(b"data: "):
                return json.loads(line[len(b"data: ") :])

    return conn, next_state


def test_an_open_essay_is_shown_before_the_rest_of_the_site_is_published(served, monkeypatch):
    """Serve renders the open essay's page as soon as the edit is read, linked and
    formatted, and tells that page alone to reload; it is served from memory until the
    build has published the same bytes, then every other page reloads."""
    from glossator import pipeline

    session, port, messages = served
    essay = session.content / "essays" / "marginal-hands.md"
    page = "/essays/marginal-hands.html"
    old_page, old_home = get(port, page)[1], get(port, "/")[1]
    conn, next_state = events(port, "%2Fessays%2Fmarginal-hands.html")  # as the script sends it
    home_conn, home_state = events(port, "%2F")
    assert next_state() == {"build": 1, "error": ""} == home_state()
    rendering, release = threading.Event(), threading.Event()
    real, real_sent = pipeline.render_jobs, session.sent
    sent, sent_before_rendering = [], []

    def held(*args, **kwargs):
        sent_before_rendering.extend(sent)
        rendering.set()
        assert release.wait(10)
        return real(*args, **kwargs)

    def recorded(state):
        if state.early:  # not the states sent before (a stream may tell of them late)
            sent.append(state.early)
        real_sent(state)

    monkeypatch.setattr(session, "sent", recorded)

    monkeypatch.setattr(pipeline, "render_jobs", held)
    essay.write_text(ESSAY.replace("Scribes", "Copyists"), encoding="utf-8")
    rebuild = threading.Thread(target=session.rebuild)
    rebuild.start()
    try:
        assert rendering.wait(10)
        # the open essay is told to reload, and gets its new page; nothing is published yet
        assert next_state() == {"build": 2, "error": "", "early": [page]}
        status, shown = get(port, page)
        assert status == 200 and b"Copyists" in shown and RELOAD_SCRIPT.encode() in shown
        assert (session.out / "essays/marginal-hands.html").read_bytes() == old_page.replace(
            RELOAD_SCRIPT.encode(), b""
        )
        assert home_state() == {"build": 2, "error": "", "early": [page]}  # not for the home page
        assert get(port, "/")[1] == old_home
        # both streams had sent the news before the build went on to render the site
        assert sent_before_rendering == [(page,), (page,)]
    finally:
        release.set()
        rebuild.join(10)
    assert next_state() == {"build": 2, "error": ""} == home_state()  # the whole site is out
    conn.close()
    home_conn.close()
    assert session.overlay == {}
    assert get(port, page)[1] == shown  # the very bytes shown early
    assert any("(open page shown in " in m for m in messages)


def test_a_build_failing_after_its_open_page_was_shown_takes_the_page_back(served, monkeypatch):
    """The open essay is shown early from memory, then the build fails rendering the
    rest of the site: the page reloads to the last good site, which is what is served
    again, and shows the error over it."""
    from jinja2 import TemplateSyntaxError

    from glossator import pipeline

    session, port, messages = served
    essay = session.content / "essays" / "marginal-hands.md"
    page = "/essays/marginal-hands.html"
    old_page = get(port, page)[1]
    conn, next_state = events(port, "%2Fessays%2Fmarginal-hands.html")
    assert next_state() == {"build": 1, "error": ""}

    def broken(*args, **kwargs):
        raise TemplateSyntaxError("unexpected '}'", 2, "bibliography.html", "bibliography.html")

    monkeypatch.setattr(pipeline, "render_jobs", broken)
    essay.write_text(ESSAY.replace("Scribes", "Copyists"), encoding="utf-8")
    assert not session.rebuild().ok
    assert next_state() == {"build": 2, "error": "", "early": [page]}  # shown early
    after = next_state()
    assert after["build"] == 3 and "bibliography.html:2:" in after["error"]  # reload again
    assert session.overlay == {}
    assert get(port, page)[1] == old_page  # the last good page, the error shown over it
    assert "still serving the last good site" in messages[-1]
    conn.close()


def test_an_edit_that_leaves_the_open_page_as_it_was_reloads_every_page_at_once(served):
    session, port, _ = served
    conn, next_state = events(port, "/essays/marginal-hands.html")
    assert next_state()["build"] == 1
    (session.content / "site.yaml").write_text("title: Margins\ndescription: New.\n", "utf-8")
    other = session.content / "essays" / "second.md"
    other.write_text(ESSAY.replace("Marginal Hands", "Second Hands"), encoding="utf-8")
    assert session.rebuild().ok
    assert next_state() == {"build": 2, "error": ""}  # no early page: one reload for all
    conn.close()


def test_a_page_that_closes_its_events_stream_is_no_longer_open_within_seconds(served):
    """Noticed without waiting for the next ping (15 s): the next build renders the
    open pages first, and a page gone is not one of them."""
    session, port, _ = served
    page = "/essays/marginal-hands.html"
    client = socket.create_connection(("127.0.0.1", port), timeout=10)
    client.sendall(f"GET /__glossator/events?page={page} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    received = b""
    while b"data: " not in received:
        received += client.recv(4096)
    assert session.open_pages() == [page]
    client.close()
    deadline = time.monotonic() + 5
    while session.open_pages() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session.open_pages() == []
