"""The HTTP side of `glossator serve`: files from the output folder, and news for pages.

Only regular files inside the output folder are served: the request path is decoded
once (as a browser encodes it), any `..` segment, backslash or NUL is refused, and the
resolved file (links followed) must still lie inside the folder; everything else is
404. HTML gets the reload script before `</body>` as it is sent, so it exists only in
serve mode. `/__glossator/events` is a server-sent-events stream of the session's
state: the page reloads when the build number changes (keeping its scroll position)
and shows the last error as an overlay until a build succeeds. The stream names its
page (`?page=`), so that an edit's build renders the open pages first; those it tells
to reload early (`early`) are served from the session's memory until the build has
published them (`session.py`).
"""

from __future__ import annotations

import json
import mimetypes
import os
import select
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote

from glossator.serve.session import Session, State

EVENTS = "/__glossator/events"
HTML = "text/html; charset=utf-8"
PING = 15.0  # seconds between keep-alive comments on an idle events stream
CHECK = 1.0  # seconds between looks at whether an idle stream's page has gone
RELOAD_SCRIPT = """<script>/* glossator serve: reload on rebuild, show build errors */
(function () {
  var key = "glossator-scroll:" + location.pathname, build = null;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    addEventListener("load", function () { scrollTo(0, Number(saved)); });
  }
  function overlay(text) {
    var box = document.getElementById("glossator-overlay");
    if (!text) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "glossator-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50vh;" +
        "overflow:auto;margin:0;padding:1em;background:#fff4f4;color:#600;" +
        "border-top:3px solid #c00;z-index:2147483647;font:13px/1.4 monospace;" +
        "white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = text;
  }
  var page = location.pathname;
  var events = new EventSource("/__glossator/events?page=" + encodeURIComponent(page));
  events.onmessage = function (event) {
    var state = JSON.parse(event.data), early = state.early || [];
    if (build !== null && state.build !== build) {
      if (early.length && early.indexOf(page) < 0) return;  /* the rest is not out yet */
      sessionStorage.setItem(key, String(scrollY));
      location.reload();
      return;
    }
    build = state.build;
    overlay(state.error);
  };
})();
</script>
"""


def request_parts(request_path: str) -> list[str] | None:
    """The path segments a request names, decoded once, or None for one that could
    leave the folder (a `..` segment, a backslash or NUL)."""
    # Not urlsplit: it would read `//x/..` as a host name and a path.
    path = unquote(request_path.split("?", 1)[0].split("#", 1)[0], errors="strict")
    if "\x00" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    return None if any(p == ".." for p in parts) else parts


def resolve_request(root: Path, request_path: str) -> Path | None:
    """The file a request names inside `root`, or None (a 404)."""
    return resolve_parts(root, request_parts(request_path))


def resolve_parts(root: Path, parts: list[str] | None) -> Path | None:
    """The file inside `root` at the segments `request_parts` gave, or None (a 404)."""
    if parts is None:
        return None
    real_root = os.path.realpath(root)
    candidate = os.path.realpath(os.path.join(real_root, *parts))
    if os.path.isdir(candidate):
        candidate = os.path.join(candidate, "index.html")
    if os.path.commonpath([real_root, candidate]) != real_root or not os.path.isfile(candidate):
        return None
    return Path(candidate)


def with_reload_script(html: bytes) -> bytes:
    at = html.rfind(b"</body>")
    script = RELOAD_SCRIPT.encode("utf-8")
    return html + script if at < 0 else html[:at] + script + html[at:]


def state_json(state: State) -> bytes:
    news = {"build": state.build, "error": state.error}
    if state.early:
        news["early"] = list(state.early)
    return json.dumps(news).encode("utf-8")


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True  # an open events stream never holds up Ctrl-C

    def __init__(self, address: tuple[str, int], session: Session) -> None:
        super().__init__(address, Handler)
        self.session = session
        self.stopping = threading.Event()

    def stop(self) -> None:
        self.stopping.set()
        with self.session._changed:
            self.session._changed.notify_all()  # wake the events streams so they end
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        """Quiet: the terminal shows builds and errors, not every request."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path.split("?", 1)[0] == EVENTS:
            self._events()
        else:
            self._file(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._file(send_body=False)

    def _file(self, send_body: bool) -> None:
        root, overlay = self.server.session.out, self.server.session.overlay
        try:
            parts = request_parts(self.path)
            early = overlay.get("/".join(parts)) if overlay and parts else None
            found = resolve_parts(root, parts) if early is None else None
        except (UnicodeDecodeError, ValueError):
            found = early = None
        if early is not None:  # an open page rendered before the build published it
            self._send(HTTPStatus.OK, with_reload_script(early), HTML, send_body)
            return
        status = HTTPStatus.OK
        if found is None:
            status = HTTPStatus.NOT_FOUND
            found = resolve_request(root, "/404.html")
        try:
            body = found.read_bytes() if found is not None else b"Not found\n"
        except OSError:
            status, body, found = HTTPStatus.NOT_FOUND, b"Not found\n", None
        kind = "text/plain; charset=utf-8"
        if found is not None:
            kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            if kind == "text/html":
                body, kind = with_reload_script(body), HTML
        self._send(status, body, kind, send_body)

    def _send(self, status: HTTPStatus, body: bytes, kind: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        session, seen = self.server.session, None
        query = parse_qs(self.path.partition("?")[2])
        page = query.get("page", [""])[0]
        session.opened(page)
        try:
            idle = 0.0
            while not self.server.stopping.is_set():
                state = session.state if seen is None else session.wait(seen, CHECK)
                if state != seen:
                    self.wfile.write(b"data: " + state_json(state) + b"\n\n")
                    self.wfile.flush()
                    session.sent(state)
                    seen, idle = state, 0.0
                elif self._page_gone():
                    return
                elif (idle := idle + CHECK) >= PING:
                    self.wfile.write(b": ping\n\n")
                    self.wfile.flush()
                    idle = 0.0
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed or reloaded
        finally:
            session.closed(page)

    def _page_gone(self) -> bool:
        """Whether the page closed its stream (its socket reads as ended), noticed within
        a second instead of at the next ping: the next build renders the open pages
        first, and a page gone is not one of them."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and not self.connection.recv(1, socket.MSG_PEEK)
        except (OSError, ValueError):
            return True


def make_server(session: Session, host: str = "127.0.0.1", port: int = 8000) -> SiteServer:
    return SiteServer((host, port), session)
