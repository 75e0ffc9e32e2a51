"""`glossator build` and `glossator check`: run the pipeline, report, pick the exit code."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from glossator.diagnostics import BuildResult, Diagnostic, format_json, format_text, summary
from glossator.incremental import unchanged
from glossator.paths import builtin_templates
from glossator.progress import silent
from glossator.write import OutputError

if TYPE_CHECKING:
    from glossator.commands.progress import Bars

USAGE_ERROR = 2


def run_build(args: argparse.Namespace) -> int:
    """`glossator build`: 0 written, 1 the content has errors, 2 the output is unsafe."""
    bars: list[Bars] = []  # the progress bar, once the build has work to show
    try:
        result = _build(args, bars)
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
    finally:
        for bar in bars:
            bar.close()  # the bar is erased before the build's report is printed
    shown = [d for d in result.diagnostics if d.severity != "info"]
    sys.stderr.write(format_text(shown))
    note = uncurated_note(result.diagnostics)
    if note:
        print(f"glossator: {note}; `glossator check --verbose` lists them", file=sys.stderr)
    if not result.ok:
        print(f"glossator: build failed; {args.out} was left as it was", file=sys.stderr)
        return 1
    print(f"glossator: wrote {result.files} files to {args.out}", file=sys.stderr)
    return 0


def _build(args: argparse.Namespace, bars: list[Bars]) -> BuildResult:
    """A build with nothing to do answers from its record before the stages (Jinja,
    citeproc, lxml, markdown-it: most of its time) and the progress bar are imported;
    the bar it makes otherwise goes into `bars`, for the caller to close."""
    fingerprint = None
    if not args.no_cache:
        fingerprint, done = unchanged(args.content, args.out, builtin_templates(), args.strict)
        if done is not None:
            return done
    from glossator.commands.progress import terminal_progress  # only now: see above
    from glossator.pipeline import build

    shown = terminal_progress(sys.stderr)
    if shown is not None:
        bars.append(shown)
    return build(
        args.content,
        args.out,
        strict=args.strict,
        cache=not args.no_cache,
        fingerprint=fingerprint,
        progress=shown or silent,
    )


def uncurated_note(diagnostics: list[Diagnostic]) -> str:
    """What the `bib.uncurated` notes add up to, said once, as the news it is (nothing is
    wrong: the works are cited as the notes give them)."""
    count = sum(d.code == "bib.uncurated" for d in diagnostics)
    if not count:
        return ""
    works = "1 work is" if count == 1 else f"{count} works are"
    return (
        f"{works} cited as read from the notes, not yet from references.bib; "
        "`glossator bib` adds them there for you to check"
    )


def run_check(args: argparse.Namespace) -> int:
    """`glossator check`: the build's diagnostics, nothing written. Errors and warnings
    are listed; notes (info) only with --verbose, or in JSON; a summary line ends it."""
    from glossator.pipeline import check  # imported when used, as for `build`

    result = check(args.content, strict=args.strict)
    if args.format == "json":
        sys.stdout.write(format_json(result.diagnostics))
        return 0 if result.ok else 1
    verbose = getattr(args, "verbose", False)
    listed = [d for d in result.diagnostics if verbose or d.severity != "info"]
    sys.stdout.write(format_text(listed))
    note = "" if verbose else uncurated_note(result.diagnostics)
    print(
        f"glossator check: {summary(result.diagnostics)}" + (f"; {note}" if note else ""),
        file=sys.stderr,
    )
    return 0 if result.ok else 1
