"""Diagnostics: every problem in the content becomes one of these, never an exception.

A diagnostic names the file and line, says what is wrong and how to fix it, and
carries a dotted code (`note.missing`) so tools and tests can match it.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from operator import attrgetter
from pathlib import Path

ERROR = "error"
WARNING = "warning"
INFO = "info"  # listed by `check`, never fails a build, even with --strict


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    path: str
    line: int
    severity: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{shown(self.path)}:{self.line}: {self.severity}: {self.message} [{self.code}]"


_DIAGNOSTIC_FIELDS = attrgetter("path", "line", "severity", "code", "message")


def _reduce_diagnostic(self: Diagnostic) -> tuple[type, tuple]:
    """A diagnostic pickles as `Diagnostic(*fields)`: a build of 1,000 essays records
    some 24,000 (each work cited as the notes give it), and the frozen slotted
    dataclass' own pickling lists the class' fields for every one."""
    return (Diagnostic, _DIAGNOSTIC_FIELDS(self))


Diagnostic.__reduce__ = _reduce_diagnostic  # type: ignore[method-assign, assignment]


# Characters that would let echoed content act on a terminal or forge a line: controls
# (ESC, CR, LF…), lone surrogates, and the bidirectional overrides that reorder text.
UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
MAX_MESSAGE = 400  # a message quoting a whole paragraph is cut in its middle


def shown(text: str) -> str:
    """`text` safe to print on one line: unprintable characters as `\\x1b`-style
    escapes (so `glossator check` output cannot be recoloured, erased or forged)."""
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def _message(text: str) -> str:
    text = shown(text)
    if len(text) <= MAX_MESSAGE:
        return text
    return text[: MAX_MESSAGE - 153] + " … " + text[-150:]


def error(path: str, line: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, ERROR, code, _message(message))


def warning(path: str, line: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, WARNING, code, _message(message))


def info(path: str, line: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, INFO, code, _message(message))


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Causes before consequences, then by path and line, so output is stable and reads
    top to bottom: the site's settings first, then the bibliographies (an entry that
    cannot be read explains the essay's unknown key after it), then the essays.
    Each distinct path is ranked and ordered once, then every diagnostic keyed by its
    path's place (an int) and its other fields, by maps: at 1,000 essays there are
    48,000 of them, and ordering the dataclasses in Python took 65 ms."""
    given = list(diagnostics)  # any iterable: read more than once here
    paths = list(map(attrgetter("path"), given))
    ordered = sorted(set(paths), key=lambda path: (_rank(path), path))
    place = {path: n for n, path in enumerate(ordered)}
    fields = (attrgetter(name) for name in ("line", "code", "message", "severity"))
    keys = zip(map(place.__getitem__, paths), *(map(f, given) for f in fields), strict=True)
    keyed = dict(zip(keys, given, strict=True))  # a diagnostic given twice: once
    return list(map(keyed.__getitem__, sorted(keyed)))


def add_diagnostics(ordered: list[Diagnostic], more: Iterable[Diagnostic]) -> list[Diagnostic]:
    """`sort_diagnostics(ordered + more)` for an `ordered` list sort_diagnostics made:
    a copy when there is nothing more (most builds), not a second sort of them all."""
    more = list(more)
    return sort_diagnostics([*ordered, *more]) if more else list(ordered)


def _rank(path: str) -> int:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    if name == "site.yaml":
        return 0
    if name.endswith((".bib", ".bibtex", ".json", ".csl")):
        return 1
    return 2


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """`2 errors, 1 warning, 54 notes`: one line after the list, so a long list ends
    with what it adds up to."""
    counts = {ERROR: 0, WARNING: 0, INFO: 0}
    for d in set(diagnostics):
        counts[d.severity] = counts.get(d.severity, 0) + 1
    parts = []
    for severity, noun in ((ERROR, "error"), (WARNING, "warning"), (INFO, "note")):
        n = counts.get(severity, 0)
        parts.append(f"{n} {noun}" + ("" if n == 1 else "s"))
    return ", ".join(parts)


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    """Whether the build fails: an error, or with `strict` a warning (by a map: a build
    asks this of its 48,000 diagnostics at 1,000 essays)."""
    failing = {ERROR, WARNING} if strict else {ERROR}
    return not failing.isdisjoint(map(attrgetter("severity"), diagnostics))


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(f"{d}\n" for d in sort_diagnostics(diagnostics))


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    items = [asdict(d) for d in sort_diagnostics(diagnostics)]
    return json.dumps({"diagnostics": items}, indent=2, ensure_ascii=False) + "\n"


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working directory when they can be.
    abspath, not resolve: a link is shown where it is, not where it leads. By strings,
    the working directory resolved once per place: called for every essay."""
    absolute = os.path.abspath(path)
    here = _real_folder(os.getcwd())
    if absolute.startswith("//"):  # POSIX's other root: as paths do it
        try:
            return str(Path(absolute).relative_to(here))
        except ValueError:
            return str(path)
    if absolute == here:
        return "."
    prefix = here if here.endswith(os.sep) else here + os.sep
    return absolute[len(prefix) :] if absolute.startswith(prefix) else str(path)


@functools.lru_cache(maxsize=16)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


@dataclass
class BuildResult:
    """What a build says: its diagnostics, whether it wrote the site, how many files.
    Here, not in the pipeline, so that a build with nothing to do can answer (from
    its record) without importing the stages."""

    diagnostics: list[Diagnostic]
    ok: bool
    files: int = 0
    # With `build(search_later=True)`: what completes the site with its search index,
    # when the pages were published with the previous one.
    finish: Callable[[], BuildResult] | None = field(default=None, compare=False, repr=False)
