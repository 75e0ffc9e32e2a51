"""`glossator serve`: build, serve on 127.0.0.1, rebuild on every change, reload pages."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys

from glossator.pipeline import TEMPLATES_DIR
from glossator.render.templating import site_templates
from glossator.serve import Session, make_server, serve_forever

USAGE_ERROR = 2


def report(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_serve(args: argparse.Namespace) -> int:
    """0 after Ctrl-C (or SIGTERM); 2 when the port cannot be opened. A content error
    never stops it: the last good site stays served and the pages show the error."""
    # Started as a shell's background job, a process inherits SIGINT ignored, so Ctrl-C
    # and `kill -INT` would not stop it; `kill` (SIGTERM) stops it as cleanly.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop)
    session = Session(args.content, args.out, report)
    session.rebuild()
    try:
        server = make_server(session, args.host, args.port)
    except OSError as exc:
        report(f"glossator: cannot serve on {args.host}:{args.port}: {exc.strerror}")
        return USAGE_ERROR
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in str(host) else host
    report(f"glossator: serving {args.out} on http://{shown}:{port}/ (Ctrl-C stops)")
    folders = [args.content, site_templates(args.content)]
    if args.templates:  # the built-in templates, when working on glossator itself
        folders.append(TEMPLATES_DIR)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: the watcher and server stop
        serve_forever(session, server, folders)
    report("glossator: stopped")
    return 0
