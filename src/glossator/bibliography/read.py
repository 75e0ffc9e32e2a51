"""Read the curated bibliography (`content/references.bib`).

The file belongs to a maintainer, so reading never raises: every problem becomes a
diagnostic with its line, and what can be read is kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import bibtexparser
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
    String,
)

from glossator.bibliography.entry import (
    KEY,
    MONTH_MACROS,
    NAME,
    TYPE,
    VERBATIM_FIELDS,
    BibEntry,
)
from glossator.bibliography.inherit import resolve_inheritance
from glossator.bibliography.latex import decode_latex
from glossator.diagnostics import Diagnostic, error, warning
from glossator.paths import ContentFileError, read_content_file
from glossator.safetext import UNSAFE, without_unsafe


def _split_concatenation(raw: str) -> list[str]:
    """Split a raw value at the `#` outside braces and quotes (after a backslash: text)."""
    pieces, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(raw):
        if i and raw[i - 1] == "\\":  # as bibtexparser's splitter reads it
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(depth - 1, 0)
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            pieces.append(raw[start:i])
            start = i + 1
    pieces.append(raw[start:])
    return [p.strip() for p in pieces]


class ValueTooLong(ValueError):
    """A value whose @strings expand past MAX_VALUE characters."""


# Far above any real field (a long abstract is some thousands of characters), far below
# what hurts: `@string{b = a # a}` doubles at each step, so thirty such lines would
# otherwise ask for gigabytes.
MAX_VALUE = 100_000


def _resolve(raw: str, strings: dict[str, str | None]) -> tuple[str, list[str]]:
    """A raw value (`{..}`, `".."`, number, @string name, `a # b`) → its text, still LaTeX.

    Also returns the names that are not defined @strings (kept as text, as a warning);
    an empty piece comes back as "" in that list. Raises ValueTooLong past MAX_VALUE.
    """
    out, undefined = [], []
    size = 0
    for piece in _split_concatenation(raw):
        known = strings.get(piece.lower(), piece)
        size += MAX_VALUE + 1 if known is None else len(known)  # None: already too long
        if size > MAX_VALUE:
            raise ValueTooLong(piece)
        if len(piece) >= 2 and (piece[0], piece[-1]) in (("{", "}"), ('"', '"')):
            out.append(piece[1:-1])
        elif piece.isdigit():
            out.append(piece)
        elif isinstance(known, str) and piece.lower() in strings:
            out.append(known)
        elif piece.lower() in MONTH_MACROS:
            out.append(str(MONTH_MACROS.index(piece.lower()) + 1))
        else:
            undefined.append(piece)
            out.append(piece)
    return "".join(out), undefined


def _decode(name: str, value: str) -> str:
    """LaTeX → Unicode, keeping braced groups; whitespace runs become one space."""
    value = re.sub(r"[ \t\r\n]+", " ", value).strip()
    if name in VERBATIM_FIELDS:
        return value
    return UNSAFE.sub("", decode_latex(value))  # `\char"1B` decodes to a control


def _read_text(path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    try:  # a regular file inside the folder holding it (content/), never a FIFO
        data = read_content_file(path, path.parent)
    except FileNotFoundError:
        return "", []
    except ContentFileError as exc:
        return None, [error(shown, 1, exc.code, exc.message)]
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, [error(shown, 1, "bib.unreadable", f"cannot read the bibliography: {reason}")]
    data = data.removeprefix(b"\xef\xbb\xbf")  # a BOM some editors write
    try:
        text, diagnostics = data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = (
            f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8 "
            "(undecodable bytes were read as U+FFFD)"
        )
        text = data.decode("utf-8", errors="replace")
        diagnostics = [error(shown, line, "bib.encoding", message)]
    text, unsafe = without_unsafe(text, shown)
    return text, diagnostics + unsafe


def _abort_reason(block: ParsingFailedBlock) -> str:
    exc = block.error
    reason = getattr(exc, "abort_reason", None) or str(exc) or "malformed entry"
    return re.sub(r"\s+", " ", str(reason)).strip().rstrip(".")


@contextmanager
def _quiet_bibtexparser() -> Iterator[None]:
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _line(block: object) -> int:
    start = getattr(block, "start_line", None)
    return start + 1 if isinstance(start, int) else 1


def read_bibliography(path: Path) -> tuple[dict[str, BibEntry], list[Diagnostic]]:
    """Entries by key, with diagnostics for what could not be read; never raises.

    A missing file is an empty bibliography. Of two entries with one key, the first is
    kept and the second reported as a warning naming both lines: BibTeX and biber warn
    and go on, so a real export with a stray duplicate still builds (`--strict` fails).
    """
    shown = str(path)
    text, diagnostics = _read_text(path, shown)
    if not text:
        return {}, diagnostics
    try:
        with _quiet_bibtexparser():  # its warnings become our diagnostics
            library = bibtexparser.parse_string(text, parse_stack=[])
    except Exception as exc:  # a parser bug must not stop the build
        reason = re.sub(r"\s+", " ", str(exc)).strip() or type(exc).__name__
        message = f"cannot parse this file: {reason}; fix its braces/commas"
        return {}, [*diagnostics, error(shown, 1, "bib.invalid", message)]

    raw_entries: list[Entry] = []
    raw_strings: list[String] = []
    for block in library.blocks:
        if isinstance(block, DuplicateFieldKeyBlock | DuplicateBlockKeyBlock):
            block = block.ignore_error_block
        if isinstance(block, Entry):
            raw_entries.append(block)
        elif isinstance(block, String):
            raw_strings.append(block)
        elif isinstance(block, ParsingFailedBlock):
            message = f"cannot parse this entry: {_abort_reason(block)}; fix its braces/commas"
            diagnostics.append(error(shown, _line(block), "bib.invalid", message))

    strings: dict[str, str | None] = {}  # None: too long, reported once
    for s in raw_strings:  # in file order, so a string may use the ones before it
        if isinstance(s.value, str) and isinstance(s.key, str):
            name = s.key.strip().lower()
            try:
                strings[name] = _resolve(s.value, strings)[0]
            except ValueTooLong as exc:
                strings[name] = None
                if exc.args[0].lower() in strings and strings[exc.args[0].lower()] is None:
                    continue  # made of a string already reported
                diagnostics.append(error(shown, _line(s), "bib.string-too-long", _too_long(s.key)))

    entries: dict[str, BibEntry] = {}
    for raw in raw_entries:
        try:
            entry = _entry(raw, strings, shown, diagnostics)
        except Exception as exc:  # defensive: one odd entry must not stop the build
            diagnostics.append(_invalid(shown, _line(raw), f"{type(exc).__name__}: {exc}"))
            continue
        if entry is None:
            continue
        first = entries.get(entry.key)
        if first is not None:
            message = (
                f"duplicate key '{entry.key}': the entry at line {first.line} already uses it "
                "and wins (as in BibTeX and biber); rename or merge one of them"
            )
            diagnostics.append(warning(shown, entry.line, "bib.duplicate-key", message))
            continue
        entries[entry.key] = entry
    entries, inherited = resolve_inheritance(entries, shown)
    return entries, diagnostics + inherited


def _too_long(name: str) -> str:
    return (
        f"@string '{name.strip()}' expands to more than {MAX_VALUE:,} characters "
        "(@strings joined to themselves with `#` multiply at each step); "
        "shorten the chain of @strings"
    )


def _invalid(shown: str, line: int, reason: str) -> Diagnostic:
    return error(
        shown, line, "bib.invalid", f"cannot parse this entry: {reason}; fix its braces/commas"
    )


def _entry(
    raw: Entry, strings: dict[str, str | None], shown: str, diagnostics: list[Diagnostic]
) -> BibEntry | None:
    line = _line(raw)
    key = raw.key.strip() if isinstance(raw.key, str) else ""
    entry_type = raw.entry_type.strip().lower() if isinstance(raw.entry_type, str) else ""
    if not TYPE.fullmatch(entry_type):
        reason = f"'@{entry_type}' is not an entry type" if entry_type else "it has no entry type"
        diagnostics.append(_invalid(shown, line, reason))
        return None
    if not KEY.fullmatch(key):
        diagnostics.append(_invalid(shown, line, f"'{key}' is not a usable key"))
        return None
    fields: dict[str, str] = {}
    for f in raw.fields:
        name = f.key.strip().lower() if isinstance(f.key, str) else ""
        field_line = f.start_line + 1 if isinstance(f.start_line, int) else line
        if not NAME.fullmatch(name) or not isinstance(f.value, str):
            diagnostics.append(_invalid(shown, field_line, f"'{name}' is not a field name"))
            continue
        try:
            value, undefined = _resolve(f.value, strings)
        except ValueTooLong:
            message = (
                f"field '{name}' expands to more than {MAX_VALUE:,} characters; "
                "shorten the @strings it joins with `#`"
            )
            diagnostics.append(error(shown, field_line, "bib.string-too-long", message))
            continue
        if "" in undefined:
            diagnostics.append(_invalid(shown, field_line, f"field '{name}' lacks a value"))
            continue
        if name in fields:
            message = f"field '{name}' appears twice in '{key}'; BibTeX uses the first, drop one"
            diagnostics.append(warning(shown, field_line, "bib.duplicate-field", message))
            continue
        for piece in undefined:
            message = f"'{piece}' in field '{name}' is not a defined @string; put text in braces"
            diagnostics.append(warning(shown, field_line, "bib.undefined-string", message))
        fields[name] = _decode(name, value)
    return BibEntry(key, entry_type, fields, line)
