"""Command line: `glossator build | check | bib | import | init`.

Exit codes: 0 success, 1 the content has errors, 2 a usage error (argparse's own).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .diagnostics import format_json, format_text

USAGE_ERROR = 2


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

    check = commands.add_parser("check", help="parse and validate the content; write nothing")
    check.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=("text", "json"), default="text")

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
    return parser


def _build(args: argparse.Namespace) -> int:
    from .build import build
    from .write import OutputError

    try:
        result = build(args.content, args.out, strict=args.strict)
    except OutputError as exc:
        print(f"glossator: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except OSError as exc:
        print(
            f"glossator: {exc.filename or args.out}: cannot write the site: {exc.strerror or exc}; "
            f"{args.out} was left as it was",
            file=sys.stderr,
        )
        return 1
    shown = [d for d in result.diagnostics if d.severity != "info"]
    sys.stderr.write(format_text(shown))
    listed = len(result.diagnostics) - len(shown)
    if listed:
        print(
            f"glossator: {listed} works used as parsed from notes; `glossator check` lists them",
            file=sys.stderr,
        )
    if not result.ok:
        print(f"glossator: build failed; {args.out} was left as it was", file=sys.stderr)
        return 1
    print(f"glossator: wrote {result.files} files to {args.out}", file=sys.stderr)
    return 0


def _check(args: argparse.Namespace) -> int:
    from .build import check

    result = check(args.content, strict=args.strict)
    if args.format == "json":
        sys.stdout.write(format_json(result.diagnostics))
    else:
        sys.stdout.write(format_text(result.diagnostics))
    return 0 if result.ok else 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "build":
        return _build(args)
    if args.command == "check":
        return _check(args)
    if args.command == "bib":
        from .bib_command import run_bib

        return run_bib(args.content)
    if args.command == "init":
        from .commands.init import run_init

        return run_init(args.directory)
    from .importer import run_import

    return run_import(args.source, args.reader, args.output, args.force)
