"""`glossator build` and `glossator check`: run the pipeline, report, pick the exit code."""

from __future__ import annotations

import argparse
import sys

from glossator.diagnostics import format_json, format_text
from glossator.pipeline import build, check
from glossator.write import OutputError

USAGE_ERROR = 2


def run_build(args: argparse.Namespace) -> int:
    """`glossator build`: 0 written, 1 the content has errors, 2 the output is unsafe."""
    try:
        result = build(args.content, args.out, strict=args.strict)
    except OutputError as exc:
        print(f"glossator: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except OSError as exc:
        print(
            f"glossator: {exc.filename or args.out}: cannot write the site: {exc.strerror}; "
            f"{args.out} was left as it was",
            file=sys.stderr,
        )
        return 1
    shown = [d for d in result.diagnostics if d.severity != "info"]
    sys.stderr.write(format_text(shown))
    listed = sum(d.code == "bib.uncurated" for d in result.diagnostics)
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


def run_check(args: argparse.Namespace) -> int:
    """`glossator check`: the build's diagnostics, nothing written."""
    result = check(args.content, strict=args.strict)
    if args.format == "json":
        sys.stdout.write(format_json(result.diagnostics))
    else:
        sys.stdout.write(format_text(result.diagnostics))
    return 0 if result.ok else 1
