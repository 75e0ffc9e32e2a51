"""Command line: `glossator build | serve | check | bib | import | init | format`; each
command lives in `commands/`.

Exit codes: 0 success, 1 the content has errors, 2 a usage error (argparse's own).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from glossator import __version__
from glossator.commands.build import run_build, run_check

# `glossator format`'s choices (here, so that parsing the arguments imports no command)
MODES = ("bibliography", "citation")
FORMATS = ("text", "html")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glossator", description="Build a static site from a corpus of annotated essays."
    )
    parser.add_argument("--version", action="version", version=f"glossator {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the site from the content folder")
    build.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    build.add_argument("--out", type=Path, default=Path("_site"), metavar="DIR")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument(
        "--no-cache", action="store_true", help="build from scratch, reusing no earlier results"
    )

    serve = commands.add_parser(
        "serve", help="build, serve on 127.0.0.1, rebuild and reload the pages on every change"
    )
    serve.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    serve.add_argument("--out", type=Path, default=Path("_site"), metavar="DIR")
    serve.add_argument("--port", type=int, default=8000, metavar="N")
    serve.add_argument("--host", default="127.0.0.1", metavar="H")
    serve.add_argument(
        "--templates", action="store_true", help="also watch glossator's built-in templates"
    )

    check = commands.add_parser("check", help="parse and validate the content; write nothing")
    check.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--verbose", action="store_true", help="also list notes (info), e.g. uncurated works"
    )

    bib = commands.add_parser(
        "bib", help="add every cited work missing from content/references.bib to it"
    )
    bib.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")

    imp = commands.add_parser("import", help="turn a raw source into an editable Markdown essay")
    imp.add_argument("source", type=Path, metavar="SOURCE")
    imp.add_argument("--reader", choices=("pdf-text", "web-text"))
    imp.add_argument("-o", "--output", type=Path, metavar="FILE.md")
    imp.add_argument("--force", action="store_true", help="overwrite FILE.md if it exists")

    init = commands.add_parser(
        "init", help="create a new site in DIR, with an example essay to edit"
    )
    init.add_argument("directory", type=Path, metavar="DIR", help="a new or empty folder")

    fmt = commands.add_parser(
        "format", help="print CSL-JSON items formatted in a citation style, as the site would"
    )
    fmt.add_argument("--style", required=True, metavar="NAME|FILE", help="style name or .csl file")
    fmt.add_argument("--items", required=True, type=Path, metavar="ITEMS.json")
    fmt.add_argument("--mode", choices=MODES, default="bibliography")
    fmt.add_argument("--format", choices=FORMATS, default="text")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:
        # `glossator check | head`: the reader has gone; say nothing more, as Unix tools
        # do, and keep Python from complaining about stdout when it exits.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _run(args: argparse.Namespace) -> int:
    """Each command's module is imported when it runs: `glossator build` with nothing
    to do then imports no stage at all (see commands/build.py)."""
    if args.command == "build":
        return run_build(args)
    if args.command == "check":
        return run_check(args)
    if args.command == "serve":
        from glossator.commands.serve import run_serve

        return run_serve(args)
    if args.command == "bib":
        from glossator.commands.bib import run_bib

        return run_bib(args.content)
    if args.command == "init":
        from glossator.commands.init import run_init

        return run_init(args.directory)
    if args.command == "format":
        from glossator.commands.format import run_format

        return run_format(args.style, args.items, args.mode, args.format)
    from glossator.commands.importer import run_import

    return run_import(args.source, args.reader, args.output, args.force)
